// wiredesk-load: end-to-end load tool. Produces N generated wire items (about
// 3 KB each, English and Korean, with a share of redeliveries and syndicated
// copies) to the input topic as fast as the broker takes them, reads every
// output topic until one record per input has arrived, and reports
// throughput and latency. With --rate, items are produced at a steady rate
// while the outputs are read, and latency is from produce() to the moment the
// output record is read, and from the input's append time (its delivery
// report's timestamp, on an input topic with LogAppendTime) to that moment:
// input append → output readable without the load producer's linger.ms.
// --warmup-s sends that many seconds of items first, at the rate, and leaves
// them out of the figures (a broker just started compiles its hot code for
// the first tens of seconds under load); the measured items start --settle-s
// after the last warm-up output is read, so a backlog of the warm-up is not
// measured.
#include <librdkafka/rdkafkacpp.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "kafka/handles.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Keeps each input's append time from its delivery report: the broker's
// clock when the input topic has message.timestamp.type=LogAppendTime
// (benchmarks/run-load creates it so), so that latency can be counted from
// the append and not from produce(), which adds the load producer's own
// linger.ms. The opaque of a message is its index + 1.
class AppendTimes : public RdKafka::DeliveryReportCb {
 public:
  explicit AppendTimes(size_t count) : ms_(count, 0) {}
  void dr_cb(RdKafka::Message& m) override {
    const auto index = reinterpret_cast<uintptr_t>(m.msg_opaque());
    if (m.err() != RdKafka::ERR_NO_ERROR || index == 0 || index > ms_.size()) return;
    const RdKafka::MessageTimestamp t = m.timestamp();
    if (t.type == RdKafka::MessageTimestamp::MSG_TIMESTAMP_LOG_APPEND_TIME) {
      ms_[index - 1] = t.timestamp;
    }
  }
  // 0 when the broker gave none (a topic with CreateTime).
  int64_t at(size_t index) const { return ms_[index]; }

 private:
  std::vector<int64_t> ms_;
};

// The epoch ms of `"name":"YYYY-MM-DDTHH:MM:SS.mmmZ"` in a JSON text (the
// clock fields wiredesk writes into its outputs); -1 when it has none.
int64_t iso_field_ms(std::string_view json, std::string_view name) {
  const std::string key = "\"" + std::string(name) + "\":\"";
  const size_t at = json.find(key);
  if (at == std::string_view::npos || json.size() - at - key.size() < 24) return -1;
  std::tm tm{};
  int ms = 0;
  const std::string text(json.substr(at + key.size(), 24));
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon,
                  &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) != 7) {
    return -1;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + ms;
}

std::unique_ptr<RdKafka::Conf> conf(const std::vector<std::pair<std::string, std::string>>& kv) {
  std::unique_ptr<RdKafka::Conf> c(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  for (const auto& [k, v] : kv) {
    if (c->set(k, v, err) != RdKafka::Conf::CONF_OK) throw std::runtime_error(k + ": " + err);
  }
  return c;
}

// Words are drawn from a large generated vocabulary (English-like syllable
// words, Hangul syllable words) plus common function words, so that distinct
// items share only what distinct news stories share.
const char* kSyllables[] = {"ka", "ro", "mi", "sen", "tal", "ver", "no", "qui", "bra", "dor",
                            "el", "fin", "gu", "ha", "is", "jo", "lem", "mun", "pa", "ste"};
const char* kCommon[] = {"the", "said", "on", "in", "of", "to", "and", "a", "officials", "government"};

std::string english_word(std::mt19937& rng) {
  if (rng() % 3 == 0) return kCommon[rng() % std::size(kCommon)];
  std::string w;
  const int n = 2 + static_cast<int>(rng() % 3);
  for (int i = 0; i < n; ++i) w += kSyllables[rng() % std::size(kSyllables)];
  return w;
}

std::string korean_word(std::mt19937& rng) {
  std::string w;
  const int n = 2 + static_cast<int>(rng() % 3);
  for (int i = 0; i < n; ++i) {
    const uint32_t cp = 0xAC00 + rng() % 11172;  // a Hangul syllable
    w += static_cast<char>(0xE0 | (cp >> 12));
    w += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    w += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return w;
}

std::string make_body(std::mt19937& rng, bool korean, size_t target) {
  std::string body = korean ? "(서울=연합뉴스) 기자 = " : "SEOUL, Nov. 3 (Yonhap) -- ";
  while (body.size() < target) {
    body += korean ? korean_word(rng) : english_word(rng);
    body += rng() % 12 == 0 ? ". " : " ";
  }
  return body + " (END)";
}

std::string make_item(int i, std::mt19937& rng, const std::string& run) {
  const bool korean = i % 3 == 0;
  const std::string uri = "urn:load:" + run + ":" + std::to_string(i);
  return R"({"uri":")" + uri +
         R"(","version":"1","versioncreated":"2026-11-03T09:00:00+09:00","urgency":4,"language":")" +
         (korean ? "ko" : "en") + R"(","headlines":[{"role":"main","value":"Load item )" +
         std::to_string(i) + R"("}],"bodies":[{"role":"main","contenttype":"text/plain","value":")" +
         make_body(rng, korean, 2800) + R"("}],"infosources":[{"name":"Yonhap News Agency"}]})";
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"wiredesk-load: end-to-end throughput and latency through a running wiredesk"};
  std::string bootstrap = "127.0.0.1:9092", input = "wire.items";
  std::vector<std::string> outputs = {"news.items", "news.duplicates", "news.dlq"};
  int count = 100000;
  int timeout_s = 300;
  double rate = 0;
  int linger_ms = 5;
  double warmup_s = 0;
  double settle_s = 2;
  app.add_option("-b,--bootstrap", bootstrap, "brokers");
  app.add_option("-i,--input", input, "input topic wiredesk reads");
  app.add_option("-o,--outputs", outputs, "output topics that get one record per input");
  app.add_option("-n,--count", count, "items to produce");
  app.add_option("-t,--timeout", timeout_s, "seconds to wait for the outputs");
  app.add_option("-r,--rate", rate, "items per second, steady (default 0: as fast as possible)");
  app.add_option("-l,--linger-ms", linger_ms,
                 "the input producer's linger.ms at a steady rate (default 5, librdkafka's "
                 "own; 10 in a burst)");
  app.add_option("-w,--warmup-s", warmup_s,
                 "at a steady rate, send this many seconds of items first, at the same rate, "
                 "and leave them out of the figures (default 0)");
  app.add_option("-s,--settle-s", settle_s,
                 "after the warm-up, wait until all its outputs are read, then this many "
                 "seconds more, before the measured items start (default 2)");
  CLI11_PARSE(app, argc, argv);
  // Warm-up items go first, at the rate, in the same stream: the broker's
  // JIT and the first fetches of every client are behind when the --count
  // measured ones start. They are reported apart.
  const int warm = rate > 0 ? static_cast<int>(rate * std::max(0.0, warmup_s)) : 0;
  const int measured = count;
  count += warm;

  const std::string run = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  std::string err;

  // Reader first, positioned at the end of the outputs, so only this run
  // counts: each partition is assigned at the high watermark read before
  // anything is produced. (A subscription with auto.offset.reset=latest
  // looked its offsets up only once fetching began: outputs written before
  // that were skipped, and the run waited for them until its timeout.)
  auto cconf = conf({{"bootstrap.servers", bootstrap}, {"group.id", "wiredesk-load-" + run},
                     {"enable.auto.commit", "false"}, {"fetch.wait.max.ms", "20"}});
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(RdKafka::KafkaConsumer::create(cconf.get(), err));
  if (!consumer) return std::cerr << err << "\n", 1;
  // A topic created just before may have no leader yet: asked again for up
  // to 10 s. Nothing is read from a topic left out, so each must answer.
  wiredesk::kafka::PartitionList positions;
  auto end_offsets = [&](const std::string& topic) -> std::string {  // "" or what failed
    const std::unique_ptr<RdKafka::Topic> handle(
        RdKafka::Topic::create(consumer.get(), topic, nullptr, err));
    if (!handle) return err;
    RdKafka::Metadata* md = nullptr;
    const RdKafka::ErrorCode code = consumer->metadata(false, handle.get(), &md, 5000);
    if (code != RdKafka::ERR_NO_ERROR) return RdKafka::err2str(code);
    const std::unique_ptr<RdKafka::Metadata> holder(md);
    std::vector<std::pair<int32_t, int64_t>> ends;  // partition, high watermark
    for (const auto* t : *md->topics()) {
      if (t->topic() != topic) continue;
      if (t->err() != RdKafka::ERR_NO_ERROR) return RdKafka::err2str(t->err());
      for (const auto* p : *t->partitions()) {
        int64_t low = 0, high = 0;
        const auto c = consumer->query_watermark_offsets(topic, p->id(), &low, &high, 5000);
        if (c != RdKafka::ERR_NO_ERROR) {
          return "partition " + std::to_string(p->id()) + ": " + RdKafka::err2str(c);
        }
        ends.emplace_back(p->id(), high);
      }
    }
    if (ends.empty()) return "no partitions";
    for (const auto& [partition, high] : ends) positions.add(topic, partition, high);
    return "";
  };
  for (const auto& topic : outputs) {
    std::string failed;
    for (const auto until = Clock::now() + std::chrono::seconds(10);;) {
      failed = end_offsets(topic);
      if (failed.empty() || Clock::now() >= until) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (!failed.empty()) {
      return std::cerr << "wiredesk-load: output topic " << topic << ": " << failed << "\n", 1;
    }
  }
  if (const RdKafka::ErrorCode code = consumer->assign(positions.get());
      code != RdKafka::ERR_NO_ERROR) {
    return std::cerr << "wiredesk-load: assign: " << RdKafka::err2str(code) << "\n", 1;
  }

  std::mt19937 rng(42);
  std::vector<std::string> items;
  items.reserve(count);
  size_t bytes = 0;
  for (int i = 0; i < count; ++i) {
    items.push_back(make_item(i, rng, run));
    bytes += items.back().size();
  }

  // At a steady rate each item is sent within --linger-ms of produce(): the
  // wait counts against wiredesk in "readable ms", not in "append ms". Fewer,
  // larger requests leave the broker more of a 2-vCPU machine it shares with
  // wiredesk: at 2,000 items/s, 0 (a request per item) cost it ~30 % more CPU
  // than 1, and 1 ~35 % more than 5 (benchmarks/README.md, "Latency at a
  // steady rate").
  const std::string linger = rate > 0 ? std::to_string(linger_ms) : "10";
  auto pconf = conf({{"bootstrap.servers", bootstrap}, {"linger.ms", linger},
                     {"batch.size", "1000000"}, {"compression.type", "lz4"},
                     {"queue.buffering.max.messages", "200000"}});
  AppendTimes appended(count);
  if (pconf->set("dr_cb", &appended, err) != RdKafka::Conf::CONF_OK) {
    return std::cerr << err << "\n", 1;
  }
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(pconf.get(), err));
  if (!producer) return std::cerr << err << "\n", 1;
  auto wall_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const auto t0 = Clock::now();
  const int64_t t0_wall_ms = wall_ms();
  // When the reader read the last warm-up output (wall clock); 0 while some
  // are still out.
  std::atomic<int64_t> warm_last_read_ms{0};
  std::vector<int64_t> produced_ms(count);
  double produce_s = 0;
  // Warm-up outputs read so far: the measured items wait until all are in
  // (and then --settle-s more), so a backlog the warm-up left (a broker
  // still compiling its hot code) does not run into the measured items.
  std::atomic<int> warm_seen{0};
  auto produce_all = [&] {
    Clock::time_point start = t0;
    for (int i = 0; i < count; ++i) {
      if (rate > 0 && i == warm && warm > 0) {
        producer->flush(60000);
        const auto until = Clock::now() + std::chrono::seconds(timeout_s);
        while (warm_seen.load() < warm && Clock::now() < until) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        std::this_thread::sleep_for(std::chrono::duration<double>(settle_s));
        start = Clock::now() - std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(i / rate));
      }
      if (rate > 0) {
        std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(i / rate)));
      }
      produced_ms[i] = wall_ms();
      while (producer->produce(input, RdKafka::Topic::PARTITION_UA,
                               RdKafka::Producer::RK_MSG_COPY, items[i].data(), items[i].size(),
                               nullptr, 0, 0,
                               reinterpret_cast<void*>(static_cast<uintptr_t>(i) + 1)) ==
             RdKafka::ERR__QUEUE_FULL) {
        producer->poll(10);
      }
      producer->poll(0);
    }
    producer->flush(60000);
    produce_s = std::chrono::duration<double>(Clock::now() - t0).count();
  };
  // At a steady rate the outputs are read while items are produced.
  std::thread paced;
  if (rate > 0) {
    paced = std::thread(produce_all);
  } else {
    produce_all();
  }

  // LOAD_TRACE=FILE: one line per item, "produce-ms readable-latency-ms
  // create-time-latency-ms received-latency-ms processed-latency-ms": to the
  // output read here, to its CreateTime (which wiredesk's producer sets), and
  // to the `received` and `processed` times wiredesk wrote into it (when its
  // consumer handed the input over, when the item was finished; -1 when
  // absent). Where in the path a slow item lost its time.
  std::unique_ptr<std::ofstream> trace;
  if (const char* path = std::getenv("LOAD_TRACE")) trace = std::make_unique<std::ofstream>(path);
  std::set<std::string> origins;
  std::vector<double> latencies_ms;  // produce() → the output record's CreateTime
  std::vector<double> readable_ms;   // produce() → the output record read here
  std::vector<double> warm_readable_ms;  // the same for the warm-up items
  // Measured items by the wall-clock time their output was read, to be set
  // against their append times once every delivery report is in.
  std::vector<std::pair<int, int64_t>> read_at;
  read_at.reserve(count);
  latencies_ms.reserve(count);
  readable_ms.reserve(count);
  const auto deadline = Clock::now() + std::chrono::seconds(timeout_s);
  while (static_cast<int>(origins.size()) < count && Clock::now() < deadline) {
    std::unique_ptr<RdKafka::Message> m(consumer->consume(100));
    if (!m || m->err() != RdKafka::ERR_NO_ERROR) continue;
    std::string origin;
    if (RdKafka::Headers* h = m->headers()) {
      auto v = h->get_last("wiredesk-origin");
      if (v.value()) origin.assign(static_cast<const char*>(v.value()), v.value_size());
    }
    if (origin.rfind(input + "/", 0) != 0 || !origins.insert(origin).second) continue;
    // The item's index is in its uri: urn:load:RUN:INDEX
    const std::string_view value(static_cast<const char*>(m->payload()), m->len());
    const std::string marker = "urn:load:" + run + ":";
    const size_t at = value.find(marker);
    if (at == std::string_view::npos) continue;
    const int index = std::atoi(std::string(value.substr(at + marker.size(), 12)).c_str());
    if (index >= 0 && index < warm) {
      warm_readable_ms.push_back(static_cast<double>(wall_ms() - produced_ms[index]));
      if (warm_seen.fetch_add(1) + 1 == warm) warm_last_read_ms = wall_ms();
    } else if (index >= warm && index < count) {
      latencies_ms.push_back(static_cast<double>(m->timestamp().timestamp - produced_ms[index]));
      const int64_t now = wall_ms();
      readable_ms.push_back(static_cast<double>(now - produced_ms[index]));
      read_at.emplace_back(index, now);
      if (trace) {
        const int64_t received = iso_field_ms(value, "received");
        const int64_t processed = iso_field_ms(value, "processed");
        *trace << produced_ms[index] << ' ' << readable_ms.back() << ' ' << latencies_ms.back()
               << ' ' << (received < 0 ? -1 : received - produced_ms[index]) << ' '
               << (processed < 0 ? -1 : processed - produced_ms[index]) << '\n';
      }
    }
  }
  const double total_s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (paced.joinable()) paced.join();
  consumer->close();

  if (warm > 0) {
    std::cout << "warm-up:         " << warm << " items (" << warmup_s
              << " s), left out below; readable ms p50 " << percentile(warm_readable_ms, 0.50)
              << ", p99 " << percentile(warm_readable_ms, 0.99) << ", max "
              << percentile(warm_readable_ms, 1.0) << "; ";
    // Not all of them came back within --timeout: the measured items started
    // without them, and the run fails below (not every output was seen).
    const int64_t drained_ms = warm_last_read_ms.load();
    if (drained_ms == 0) {
      std::cout << warm_seen.load() << " of " << warm << " read\n";
      std::cout << "measured start:  not drained\n";
    } else {
      std::cout << "all read after " << (drained_ms - t0_wall_ms) / 1000.0 << " s\n";
      std::cout << "measured start:  " << produced_ms[warm] - drained_ms
                << " ms after the last warm-up output was read\n";
    }
  }
  std::cout << "items produced:  " << count << " (" << bytes / 1e6 << " MB) in " << produce_s << " s\n";
  std::cout << "outputs seen:    " << origins.size() << " in " << total_s << " s\n";
  std::cout << "end-to-end rate: " << origins.size() / total_s << " items/s, "
            << bytes / 1e6 / total_s << " MB/s\n";
  // Latency: the load producer's clock at produce() to the output record's
  // CreateTime (set by wiredesk's producer); under a burst this includes queueing.
  std::cout << "measured items:  " << latencies_ms.size() << " of " << measured << "\n";
  std::cout << "latency ms:      p50 " << percentile(latencies_ms, 0.50) << ", p90 "
            << percentile(latencies_ms, 0.90) << ", p99 " << percentile(latencies_ms, 0.99)
            << ", max " << percentile(latencies_ms, 1.0) << "\n";
  // Input append to output readable: what a desk waits (the reader's own
  // fetch included; it waits at most 20 ms for data).
  std::cout << "readable ms:     p50 " << percentile(readable_ms, 0.50) << ", p99 "
            << percentile(readable_ms, 0.99) << ", p99.9 " << percentile(readable_ms, 0.999)
            << ", max " << percentile(readable_ms, 1.0) << "\n";
  // The same from the input's append to the broker's log: without the load
  // producer's linger.ms and its request to the broker. Only when the broker
  // gave an append time for every measured item.
  std::vector<double> from_append_ms;
  from_append_ms.reserve(read_at.size());
  for (const auto& [index, at] : read_at) {
    const int64_t append = appended.at(index);
    if (append != 0) from_append_ms.push_back(static_cast<double>(at - append));
  }
  if (read_at.empty()) {
    std::cout << "append ms:       none (no output of a measured item was read)\n";
  } else if (from_append_ms.size() == read_at.size()) {
    std::cout << "append ms:       p50 " << percentile(from_append_ms, 0.50) << ", p99 "
              << percentile(from_append_ms, 0.99) << ", p99.9 "
              << percentile(from_append_ms, 0.999) << ", max "
              << percentile(from_append_ms, 1.0) << "\n";
  } else {
    std::cout << "append ms:       none (" << read_at.size() - from_append_ms.size() << " of "
              << read_at.size()
              << " items read have no append time: the input topic is not LogAppendTime, or "
                 "their delivery reports failed)\n";
  }
  return static_cast<int>(origins.size()) == count ? 0 : 2;
}
