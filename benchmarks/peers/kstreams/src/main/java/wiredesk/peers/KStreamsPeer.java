package wiredesk.peers;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams peer of `wiredesk run`: input topic → exact dedup by a
 * hash of headline + body, then by uri + version (each in a persistent state
 * store, after a repartition by that key so that copies on different input
 * partitions meet) → keyword tagging → items topic; duplicates go to a
 * duplicates topic unchanged.
 *
 * <pre>
 *   java -jar kstreams-peer.jar run BOOTSTRAP INPUT ITEMS DUPLICATES PATTERNS_JSON APP_ID STATE_DIR [THREADS]
 *   java -jar kstreams-peer.jar log-append-time BOOTSTRAP TOPIC...
 *   java -jar kstreams-peer.jar delete-topics BOOTSTRAP PREFIX
 * </pre>
 *
 * The other two forms are helpers for the benchmark script (kcat cannot do
 * either): set message.timestamp.type=LogAppendTime on output topics, so that
 * the broker's append times measure every tool's output the same way, and
 * delete a run's topics (those whose names start with PREFIX) afterwards.
 */
public final class KStreamsPeer {
  /** A record after a dedup step: its JSON, and whether the key was seen before. */
  record Marked(boolean dup, String json) {}

  /** Forwards every record, marked as a duplicate when its key is already in the store. */
  static final class Dedup implements FixedKeyProcessor<String, String, Marked> {
    private final String storeName;
    private FixedKeyProcessorContext<String, Marked> ctx;
    private KeyValueStore<String, Long> seen;

    Dedup(String storeName) {
      this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Marked> context) {
      ctx = context;
      seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, String> r) {
      boolean dup = seen.putIfAbsent(r.key(), r.timestamp()) != null;
      ctx.forward(r.withValue(new Marked(dup, r.value())));
    }
  }

  /** 64-bit FNV-1a over the text: no extra dependency, and 64 bits keep accidental collisions negligible. */
  static String contentKey(String json) {
    JsonNode item = Tagger.parse(json);
    String text = item == null ? json : Tagger.headline(item) + "\n" + Tagger.body(item);
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return Long.toHexString(h);
  }

  static String uriKey(String json) {
    JsonNode item = Tagger.parse(json);
    if (item == null) return "invalid:" + contentKey(json);
    return item.path("uri").asText() + "@" + item.path("version").asText();
  }

  static void dedupStep(StreamsBuilder sb, String store) {
    sb.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
        Serdes.String(), Serdes.Long()));
  }

  static KafkaStreams build(String bootstrap, String input, String items, String dups, Tagger tagger,
                            String appId, String stateDir, int threads) {
    StreamsBuilder sb = new StreamsBuilder();
    dedupStep(sb, "content-seen");
    dedupStep(sb, "uri-seen");
    Produced<String, String> out = Produced.with(Serdes.String(), Serdes.String());
    Repartitioned<String, String> by = Repartitioned.with(Serdes.String(), Serdes.String());

    KStream<byte[], String> in = sb.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.String()));
    in.selectKey((k, v) -> contentKey(v))
        .repartition(by.withName("by-content"))
        .processValues(() -> new Dedup("content-seen"), "content-seen")
        .split(Named.as("content-"))
        .branch((k, v) -> v.dup(), Branched.withConsumer(s -> s.mapValues(Marked::json).to(dups, out)))
        .defaultBranch(Branched.withConsumer(s -> s
            .mapValues(Marked::json)
            .selectKey((k, v) -> uriKey(v))
            .repartition(by.withName("by-uri"))
            .processValues(() -> new Dedup("uri-seen"), "uri-seen")
            .split(Named.as("uri-"))
            .branch((k, v) -> v.dup(), Branched.withConsumer(d -> d.mapValues(Marked::json).to(dups, out)))
            .defaultBranch(Branched.withConsumer(n -> n.mapValues(v -> tagger.tag(v.json())).to(items, out)))));

    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    // Everything else is Kafka Streams' default (at-least-once, commit every 30 s).
    return new KafkaStreams(sb.build(), p);
  }

  static void logAppendTime(String bootstrap, List<String> topics) throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
      for (String t : topics) {
        ops.put(new ConfigResource(ConfigResource.Type.TOPIC, t), List.of(new AlterConfigOp(
            new ConfigEntry("message.timestamp.type", "LogAppendTime"), AlterConfigOp.OpType.SET)));
      }
      admin.incrementalAlterConfigs(ops).all().get();
    }
  }

  static void deleteTopics(String bootstrap, String prefix) throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<String> names = admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).toList();
      admin.deleteTopics(names).all().get();
      System.err.println("kstreams-peer: deleted " + names.size() + " topics starting with " + prefix);
    }
  }

  public static void main(String[] args) throws Exception {
    // Before any logger exists: warnings and errors only.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    if (args.length >= 3 && args[0].equals("log-append-time")) {
      logAppendTime(args[1], new ArrayList<>(List.of(args).subList(2, args.length)));
      return;
    }
    if (args.length == 3 && args[0].equals("delete-topics") && !args[2].isEmpty()) {
      deleteTopics(args[1], args[2]);
      return;
    }
    if (args.length < 8 || !args[0].equals("run")) {
      System.err.println("usage: kstreams-peer run BOOTSTRAP INPUT ITEMS DUPLICATES PATTERNS_JSON APP_ID STATE_DIR [THREADS]\n"
          + "       kstreams-peer log-append-time BOOTSTRAP TOPIC...\n"
          + "       kstreams-peer delete-topics BOOTSTRAP PREFIX");
      System.exit(2);
    }
    Tagger tagger = new Tagger(new File(args[5]));
    int threads = args.length > 8 ? Integer.parseInt(args[8]) : 1;
    KafkaStreams streams = build(args[1], args[2], args[3], args[4], tagger, args[6], args[7], threads);
    CountDownLatch done = new CountDownLatch(1);
    streams.setUncaughtExceptionHandler(e -> {
      e.printStackTrace();
      done.countDown();
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(10));
      done.countDown();
    }));
    streams.start();
    done.await();
    streams.close(Duration.ofSeconds(10));
  }
}
