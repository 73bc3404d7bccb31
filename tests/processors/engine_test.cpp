// The one processing loop (processors/core/engine.hpp) over in-memory ports:
// order per partition, offsets committed only behind acknowledgements,
// backpressure, a partition held while its output is refused, rebalances and
// exactly-once — without a broker.
#include "processors/core/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "consumers/memory_source.hpp"
#include "processors/tag/alerts.hpp"
#include "producers/memory_sink.hpp"
#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

constexpr int64_t kNow = 1796245200000;

// A valid wire item under its own uri (a fixture item with the uri swapped).
std::string item(const std::string& uri) {
  static const std::string base =
      wiredesk::testing::read_lines(wiredesk::testing::fixture_path("items.jsonl")).front();
  const auto start = base.find("\"uri\": \"") + 8;
  const auto end = base.find('"', start);
  return base.substr(0, start) + uri + base.substr(end);
}

struct Rig {
  explicit Rig(EngineOptions options = {}, size_t workers = 2, size_t window = 8,
               Probe& probe = null_probe())
      : pipeline(PipelineOptions{}, {}, probe, [] { return kNow; }) {
    options.workers = workers;
    options.window = window;
    options.commit_interval = std::chrono::milliseconds(0);
    engine_options = options;
  }
  Engine& engine() {
    if (!engine_) engine_ = std::make_unique<Engine>(pipeline, input, output, engine_options);
    return *engine_;
  }
  // Steps until `done` holds (or a bound is hit, failing the test).
  template <typename Done>
  void step_until(Done done) {
    for (int i = 0; i < 100000 && !done(); ++i) engine().step();
    ASSERT_TRUE(done());
  }

  Pipeline pipeline;
  MemoryInput input;
  MemoryOutput output;
  EngineOptions engine_options;
  std::unique_ptr<Engine> engine_;
};

const PartitionKey kP0{"wire.items", 0};
const PartitionKey kP1{"wire.items", 1};

// The origin header of each produced record of one topic, in produce order.
std::vector<std::string> origins(const std::vector<OutputRecord>& records, const std::string& topic) {
  std::vector<std::string> out;
  for (const auto& r : records) {
    if (r.topic == topic) out.push_back(*r.header(header::origin));
  }
  return out;
}

std::vector<OutputRecord> records_of(const MemoryOutput& output) {
  std::vector<OutputRecord> out;
  for (const auto& p : output.produced()) out.push_back(p.record);
  return out;
}

TEST(Engine, EveryRecordEndsInOnePlaceInInputOrderPerPartition) {
  Rig rig;
  for (int i = 0; i < 40; ++i) {
    for (int32_t part : {0, 1}) {
      const bool bad = i % 7 == 3;
      rig.input.append("wire.items", part,
                       bad ? "{\"not\": \"an item\"" : item("urn:t:" + std::to_string(part) + "-" +
                                                            std::to_string(i)));
    }
  }
  rig.input.close();
  const std::atomic<bool> stop{false};
  rig.engine().run(stop);
  ASSERT_TRUE(rig.engine().drain(std::chrono::seconds(5)));

  const auto all = records_of(rig.output);
  std::map<int32_t, std::vector<int64_t>> seen;
  for (const auto& r : all) {
    const std::string origin = *r.header(header::origin);  // topic/partition/offset
    const auto a = origin.find('/'), b = origin.rfind('/');
    seen[std::stoi(origin.substr(a + 1, b - a - 1))].push_back(std::stoll(origin.substr(b + 1)));
  }
  for (int32_t part : {0, 1}) {
    ASSERT_EQ(seen[part].size(), 40u) << "partition " << part;
    for (int64_t i = 0; i < 40; ++i) EXPECT_EQ(seen[part][i], i) << "partition " << part;
    EXPECT_EQ(rig.input.committed({"wire.items", part}), 40);
  }
  EXPECT_EQ(origins(all, "news.dlq").size(), 12u);
  EXPECT_EQ(origins(all, "news.items").size(), 68u);
}

TEST(Engine, OffsetsAreCommittedOnlyBehindAcknowledgedOutputs) {
  Rig rig;
  for (int i = 0; i < 6; ++i) rig.input.append("wire.items", 0, item("urn:t:" + std::to_string(i)));
  rig.output.hold_acks(true);
  rig.step_until([&] { return rig.output.produced().size() == 6; });
  for (int i = 0; i < 5; ++i) rig.engine().step();
  EXPECT_LE(rig.input.committed(kP0), 0);  // nothing acknowledged: nothing committed past 0

  rig.output.ack(2);  // offsets 0 and 1
  rig.engine().step();
  EXPECT_EQ(rig.input.committed(kP0), 2);

  rig.output.ack_at(4);  // offset 4 before offsets 2 and 3
  rig.engine().step();
  EXPECT_EQ(rig.input.committed(kP0), 2);

  rig.output.ack(2);  // offsets 2 and 3: 4 was already acknowledged
  rig.engine().step();
  EXPECT_EQ(rig.input.committed(kP0), 5);

  rig.output.hold_acks(false);
  rig.input.close();
  rig.step_until([&] { return !rig.engine().step(); });
  ASSERT_TRUE(rig.engine().drain(std::chrono::seconds(5)));
  EXPECT_EQ(rig.input.committed(kP0), 6);
}

// Outputs are sent on at once when the engine is caught up (nothing came in,
// nothing is pending), never while a backlog is read: a backlog fills the
// producer's batches, a steady input is not held for them.
TEST(Engine, OutputsAreSentAtOnceWhenCaughtUpAndNotWhileABacklogIsRead) {
  Rig rig;
  for (int i = 0; i < 30; ++i) {
    rig.input.append("wire.items", 0, item("urn:t:b-" + std::to_string(i)));
  }
  rig.step_until([&] { return origins(records_of(rig.output), "news.items").size() == 30; });
  for (int i = 0; i < 3; ++i) rig.engine().step();  // idle now
  const size_t backlog = rig.output.produced().size();
  ASSERT_FALSE(rig.output.sends().empty());
  EXPECT_EQ(rig.output.sends().front(), backlog) << "asked to send while the backlog was read";

  const size_t asked = rig.output.sends().size();
  rig.input.append("wire.items", 0, item("urn:t:b-30"));
  rig.step_until([&] { return origins(records_of(rig.output), "news.items").size() == 31; });
  for (int i = 0; i < 3; ++i) rig.engine().step();
  ASSERT_GT(rig.output.sends().size(), asked);
  EXPECT_EQ(rig.output.sends().back(), rig.output.produced().size());
  EXPECT_GT(rig.output.produced().size(), backlog);
}

// A record finished in the step that took the next one (here the pool holds
// one record) leaves its outputs unsent: the engine looks for input without
// waiting and, finding none, sends them before it waits. Before, they waited
// for the producer's linger.ms while the engine waited for input.
TEST(Engine, AWaitingPollComesOnlyAfterWhatWasProducedIsSent) {
  Rig rig({}, 1, 1);
  size_t waits = 0;
  for (int n = 0; n < 5; ++n) {
    rig.input.append("wire.items", 0, item("urn:t:w-" + std::to_string(n)));
    for (int i = 0; i < 20; ++i) {
      const size_t produced = rig.output.produced().size();
      const size_t sent = rig.output.sends().empty() ? 0 : rig.output.sends().back();
      rig.engine().step();
      if (rig.input.last_wait_ms() == 0) continue;
      ++waits;
      EXPECT_EQ(sent, produced) << "waited for input with records produced and not sent on";
    }
  }
  EXPECT_EQ(origins(records_of(rig.output), "news.items").size(), 5u);
  EXPECT_GT(waits, 0u);
}

// An output whose records may still wait for their batch after send_now()
// (a producer thread that did not wake in time) is asked again at the next
// step, which waits at most 1 ms for input, not the idle 100 ms.
TEST(Engine, AnOutputThatAsksAgainIsToldAgainWithoutTheIdleWait) {
  Rig rig;
  rig.input.append("wire.items", 0, item("urn:t:again"));
  rig.step_until([&] { return origins(records_of(rig.output), "news.items").size() == 1; });
  for (int i = 0; i < 3; ++i) rig.engine().step();  // idle now
  EXPECT_EQ(rig.input.last_wait_ms(), 100);
  rig.output.ask_again(2);
  const size_t asked = rig.output.sends().size();
  rig.engine().step();  // asked, and asks again
  EXPECT_EQ(rig.output.sends().size(), asked + 1);
  rig.engine().step();  // a short wait, asked, asks again
  EXPECT_EQ(rig.input.last_wait_ms(), 1);
  EXPECT_EQ(rig.output.sends().size(), asked + 2);
  rig.engine().step();  // a short wait, asked, done
  EXPECT_EQ(rig.input.last_wait_ms(), 1);
  EXPECT_EQ(rig.output.sends().size(), asked + 3);
  rig.engine().step();
  EXPECT_EQ(rig.input.last_wait_ms(), 100);
}

TEST(Engine, BackpressurePausesTheInputAndResumesItAtHalf) {
  EngineOptions options;
  options.max_in_flight = 4;
  Rig rig(options, 1, 2);
  for (int i = 0; i < 30; ++i) rig.input.append("wire.items", 0, item("urn:t:" + std::to_string(i)));
  rig.output.hold_acks(true);
  rig.step_until([&] { return rig.input.paused(); });
  for (int i = 0; i < 20; ++i) rig.engine().step();
  // What was taken: the records waiting for acknowledgement, plus at most a
  // window the pool held when the input paused.
  EXPECT_GE(rig.input.taken(), 4u);
  EXPECT_LE(rig.input.taken(), 4u + 2u);
  const size_t taken = rig.input.taken();
  const size_t waiting = rig.output.outstanding();  // one output per record, none acknowledged
  ASSERT_GE(waiting, 4u);

  rig.output.ack(waiting - 3);  // 3 still waiting: above half
  rig.engine().step();
  EXPECT_TRUE(rig.input.paused());
  EXPECT_EQ(rig.input.taken(), taken);

  rig.output.ack(1);  // 2 waiting: half, resume
  rig.engine().step();
  EXPECT_FALSE(rig.input.paused());
  rig.output.hold_acks(false);
  rig.input.close();
  rig.step_until([&] { return !rig.engine().step(); });
  ASSERT_TRUE(rig.engine().drain(std::chrono::seconds(5)));
  EXPECT_EQ(rig.input.committed(kP0), 30);
  EXPECT_EQ(rig.output.produced().size(), 30u);
}

TEST(Engine, ARecordRefusedEvenAsADeadLetterHoldsItsPartitionOnly) {
  Rig rig;
  for (int i = 0; i < 4; ++i) {
    rig.input.append("wire.items", 0, item("urn:t:a" + std::to_string(i)));
    rig.input.append("wire.items", 1, item("urn:t:b" + std::to_string(i)));
  }
  rig.output.hold_acks(true);
  rig.step_until([&] { return rig.output.produced().size() >= 2; });
  size_t p0 = 0;
  while (*rig.output.produced()[p0].record.header(header::origin) != "wire.items/0/0") ++p0;
  rig.output.block(p0);
  EXPECT_TRUE(rig.input.held(kP0));
  EXPECT_FALSE(rig.input.held(kP1));
  EXPECT_EQ(rig.engine().blocked_partitions(), 1u);

  rig.output.unblock(p0);
  EXPECT_FALSE(rig.input.held(kP0));
  EXPECT_EQ(rig.engine().blocked_partitions(), 0u);
  rig.output.hold_acks(false);
  rig.input.close();
  rig.step_until([&] { return !rig.engine().step(); });
  ASSERT_TRUE(rig.engine().drain(std::chrono::seconds(5)));
  EXPECT_EQ(rig.input.committed(kP0), 4);
  EXPECT_EQ(rig.input.committed(kP1), 4);
}

TEST(Engine, ARevokeFinishesProducesAndCommitsWhatWasTaken) {
  Rig rig({}, 2, 16);
  for (int i = 0; i < 10; ++i) rig.input.append("wire.items", 0, item("urn:t:" + std::to_string(i)));
  rig.step_until([&] { return rig.input.taken() >= 5; });
  rig.input.pause();
  const size_t taken = rig.input.taken();
  rig.engine().revoke({kP0});
  EXPECT_EQ(rig.output.produced().size(), taken);   // every record taken was finished
  EXPECT_EQ(rig.output.outstanding(), 0u);         // and acknowledged (flushed)
  EXPECT_EQ(rig.input.committed(kP0), static_cast<int64_t>(taken));
}

TEST(Engine, ExactlyOnceCommitsOffsetsWithOutputsAndRewindsOnAbort) {
  EngineOptions options;
  Rig rig(options, 2, 8);
  MemoryTransactions txn(rig.input, rig.output);
  rig.engine_options.transactions = &txn;
  rig.engine_options.txn_max_records = 5;
  txn.abort_commits(2);  // the first two transactions are aborted: their records are read again
  for (int i = 0; i < 23; ++i) {
    rig.input.append("wire.items", i % 2, i == 11 ? std::string("[") : item("urn:t:" + std::to_string(i)));
  }
  rig.input.close();
  const std::atomic<bool> stop{false};
  rig.engine().run(stop);
  ASSERT_TRUE(rig.engine().drain(std::chrono::seconds(5)));

  const auto visible = rig.output.visible();
  std::multiset<std::string> seen;
  for (const auto& r : visible) seen.insert(*r.header(header::origin));
  EXPECT_EQ(seen.size(), 23u);
  for (const auto& o : seen) EXPECT_EQ(seen.count(o), 1u) << o;  // each exactly once
  EXPECT_GE(rig.input.rewinds(), 2u);
  EXPECT_EQ(rig.input.committed(kP0), 12);
  EXPECT_EQ(rig.input.committed(kP1), 11);
  EXPECT_GE(txn.commits(), 3);
  EXPECT_LE(txn.largest_commit(), 5u);  // however many records a step finds prepared
}

// Under exactly-once, a record whose output cannot be produced stops the
// engine and nothing of its transaction is committed: neither the outputs
// nor its offset (a commit would lose the record), at once or at the drain.
TEST(Engine, UnderExactlyOnceARecordThatCannotBeProducedCommitsNothing) {
  Rig rig;
  MemoryTransactions txn(rig.input, rig.output);
  rig.engine_options.transactions = &txn;
  rig.engine_options.txn_max_records = 1;  // the cap is reached by the failing record itself
  rig.input.append("wire.items", 0, item("urn:t:1"));
  rig.input.append("wire.items", 0, item("urn:t:2"));
  rig.output.refuse_produce(true);
  rig.input.close();
  const std::atomic<bool> stop{false};
  rig.engine().run(stop);
  EXPECT_TRUE(rig.engine().failed());
  EXPECT_FALSE(rig.engine().drain(std::chrono::seconds(5)));
  EXPECT_EQ(txn.commits(), 0);
  EXPECT_LE(rig.input.committed(kP0), 0);
  EXPECT_TRUE(rig.output.visible().empty());
}

// Holds every record's preparation (after its decode) until opened, so that
// a test can have many records prepared at once.
class GateProbe final : public Probe {
 public:
  bool times_stages() const override { return true; }
  void stage_seconds(size_t /*stage*/, Step step, double /*seconds*/) override {
    if (step != Step::prepare) return;
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return open_; });
    ++prepared_;
  }
  void open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }
  size_t prepared() const {
    std::lock_guard lock(mu_);
    return prepared_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
  size_t prepared_ = 0;
};

TEST(Engine, ATransactionHoldsNoMoreThanItsCapWhenTheWholePoolIsPreparedAtOnce) {
  GateProbe gate;
  Rig rig({}, 2, 8, gate);
  MemoryTransactions txn(rig.input, rig.output);
  rig.engine_options.transactions = &txn;
  rig.engine_options.txn_max_records = 2;
  constexpr size_t kItems = 7;
  for (size_t i = 0; i < kItems; ++i) {
    rig.input.append("wire.items", 0, item("urn:t:" + std::to_string(i)));
  }
  rig.input.close();
  // Each step takes one record; none is prepared while the gate is shut.
  for (size_t i = 0; i < kItems; ++i) rig.engine().step();
  EXPECT_EQ(rig.input.taken(), kItems);
  gate.open();
  while (gate.prepared() < kItems) std::this_thread::yield();
  // The last worker marks its record done just after the probe returns.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  rig.step_until([&] { return !rig.engine().step(); });
  ASSERT_TRUE(rig.engine().drain(std::chrono::seconds(5)));

  EXPECT_EQ(rig.output.visible().size(), kItems);
  EXPECT_LE(txn.largest_commit(), 2u);
  EXPECT_GE(txn.commits(), 4);
  EXPECT_EQ(rig.input.committed(kP0), static_cast<int64_t>(kItems));
}

TEST(Engine, AnOutputThatCannotTakeRecordsStopsTheEngine) {
  Rig rig;
  rig.input.append("wire.items", 0, item("urn:t:1"));
  rig.output.refuse_produce(true);
  rig.input.close();
  const std::atomic<bool> stop{false};
  rig.engine().run(stop);
  EXPECT_TRUE(rig.engine().failed());
  EXPECT_LE(rig.input.committed(kP0), 0);
}

// An item with its own uri, event time and embargo (a fixture item edited).
std::string timed_item(const std::string& uri, const std::string& when,
                       const std::string& embargoed, const std::string& pubstatus = "usable",
                       const std::string& version = "1") {
  std::string v = item(uri);
  auto set = [&v](const std::string& field, const std::string& value) {
    const std::string key = "\"" + field + "\": \"";
    const auto at = v.find(key);
    if (at == std::string::npos) {
      v.insert(v.size() - 1, ", " + key + value + "\"");
    } else {
      const auto start = at + key.size();
      v.replace(start, v.find('"', start) - start, value);
    }
  };
  set("versioncreated", when);
  set("firstcreated", when);
  set("pubstatus", pubstatus);
  set("version", version);
  if (!embargoed.empty()) set("embargoed", embargoed);
  return v;
}

// The uris of the items produced to news.items, in order.
std::vector<std::string> item_uris(const MemoryOutput& output) {
  std::vector<std::string> uris;
  for (const auto& p : output.produced()) {
    if (p.record.topic != "news.items") continue;
    const auto at = p.record.value.find("\"uri\":\"");
    uris.push_back(p.record.value.substr(at + 7, p.record.value.find('"', at + 7) - at - 7));
  }
  return uris;
}

// One record at a time, every acknowledged offset committed at once.
EngineOptions serial_options() {
  EngineOptions options;
  options.workers = 1;
  options.window = 1;
  options.commit_interval = std::chrono::milliseconds(0);
  return options;
}

// Embargoes by event time (a recorded wire), held items in `embargo_topic`
// ("": in memory only).
PipelineOptions event_clock(const std::string& embargo_topic = "") {
  PipelineOptions popts;
  popts.embargo_clock = std::make_shared<EmbargoClock>(EmbargoClock::Kind::event);
  popts.topics.embargo = embargo_topic;
  return popts;
}

// Embargo by event time (a recorded wire): held items come out when the
// clock passes their embargo, in embargo order; a kill before that drops
// one for good; what is still held at the end stays held.
TEST(Engine, EmbargoedItemsAreReleasedInEmbargoOrderAndAKillDropsOne) {
  EngineOptions options = serial_options();
  Pipeline pipeline(event_clock(), {}, null_probe(), [] { return kNow; });
  MemoryInput input;
  MemoryOutput output;
  input.append("wire.items", 0, timed_item("urn:a", "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z"));
  input.append("wire.items", 0, timed_item("urn:b", "2026-12-01T10:05:00Z", "2026-12-01T11:00:00Z"));
  input.append("wire.items", 0, timed_item("urn:k", "2026-12-01T10:06:00Z", "2026-12-01T11:30:00Z"));
  input.append("wire.items", 0,
               timed_item("urn:k", "2026-12-01T10:20:00Z", "", "canceled", "2"));  // kill of k
  input.append("wire.items", 0, timed_item("urn:late", "2026-12-01T10:30:00Z", "2026-12-09T00:00:00Z"));
  input.append("wire.items", 0, timed_item("urn:c", "2026-12-01T13:00:00Z", ""));
  input.close();
  Engine engine(pipeline, input, output, options);
  const std::atomic<bool> stop{false};
  engine.run(stop);
  ASSERT_TRUE(engine.drain(std::chrono::seconds(5)));

  // The kill is written at once; c moves the clock past b's and a's embargo.
  EXPECT_EQ(item_uris(output), (std::vector<std::string>{"urn:k", "urn:c", "urn:b", "urn:a"}));
  EXPECT_EQ(engine.held(), 1u);  // urn:late
  EXPECT_EQ(engine.released(), 2u);
  EXPECT_EQ(input.committed({"wire.items", 0}), 6);
}

// The service's embargo topic read back (EmbargoInbox): holds of this
// instance and of others. Only the owner of an item's input partition
// releases it; a hold read back after its release is stale; a tombstone
// ends a hold another instance released.
TEST(Engine, HoldsReadBackFromTheEmbargoTopicAreReleasedOnceByThePartitionOwner) {
  EngineOptions options = serial_options();
  options.embargo_inbox = std::make_shared<EmbargoInbox>();
  Pipeline pipeline(event_clock("wiredesk.embargo"), {}, null_probe(), [] { return kNow; });
  MemoryInput input;
  input.set_shares_partitions(true);  // partition 1 belongs to another instance
  MemoryOutput output;
  auto held = [](const std::string& uri, int32_t partition, const std::string& release) {
    HeldItem h;
    h.uri = uri;
    h.key = uri + "|1";
    EXPECT_TRUE(parse_rfc3339_ms(release, h.release_ms));
    h.origin = Origin{"wire.items", partition, 7};
    h.records.push_back(OutputRecord{"news.items", uri, {}, "{\"uri\":\"" + uri + "\"}"});
    return h;
  };
  options.embargo_inbox->hold(held("urn:restored", 0, "2026-12-01T10:30:00Z"));
  options.embargo_inbox->hold(held("urn:other", 1, "2026-12-01T10:10:00Z"));
  input.append("wire.items", 0, timed_item("urn:a", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"));
  input.append("wire.items", 0, timed_item("urn:c", "2026-12-01T12:00:00Z", ""));
  input.close();
  Engine engine(pipeline, input, output, options);
  const std::atomic<bool> stop{false};
  engine.run(stop);
  ASSERT_TRUE(engine.drain(std::chrono::seconds(5)));

  auto items = [&] { return item_uris(output); };
  EXPECT_EQ(items(), (std::vector<std::string>{"urn:c", "urn:restored", "urn:a"}));
  EXPECT_EQ(engine.released(), 2u);
  EXPECT_EQ(engine.held(), 1u);  // urn:other: its partition is another's

  // urn:a's hold as the topic holds it, read back after its release: stale.
  std::optional<HeldItem> echo;
  std::vector<std::string> tombstones;
  for (const auto& p : output.produced()) {
    if (p.record.topic != "wiredesk.embargo") continue;
    if (p.record.kind == ValueKind::tombstone) tombstones.push_back(*p.record.key);
    else echo = HeldItem::from_json(p.record.value);
  }
  ASSERT_TRUE(echo);
  EXPECT_EQ(echo->key, "urn:a|1");
  EXPECT_EQ(tombstones, (std::vector<std::string>{"urn:restored|1", "urn:a|1"}));
  options.embargo_inbox->hold(*echo);
  engine.step();
  EXPECT_EQ(engine.held(), 1u);
  EXPECT_EQ(items().size(), 3u);
  // The other instance released urn:other: its tombstone ends the hold here.
  options.embargo_inbox->end("urn:other|1");
  engine.step();
  EXPECT_EQ(engine.held(), 0u);
  EXPECT_EQ(items().size(), 3u);
}

// An embargoed item's alert waits with it, unless a rule that matched says
// `embargoed: include`: then the desk is alerted at once (the alert names
// the embargo) and only the item waits.
TEST(Pipeline, AnEmbargoedItemsAlertWaitsUnlessItsRuleIncludesEmbargoedItems) {
  for (const bool include : {false, true}) {
    auto rules = std::make_shared<AlertRules>();
    rules->rules.emplace_back();
    rules->rules.back().id = "everything";
    rules->rules.back().embargoed_include = include;
    Pipeline pipeline(event_clock(), {std::make_shared<Alerter>(rules)}, null_probe(),
                      [] { return kNow; });
    const std::string value =
        timed_item("urn:e", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z");
    std::vector<OutputRecord> out;
    const auto summary = pipeline.process(InputRecord{{"wire.items", 0, 0}, {}, value, kNow}, out);
    ASSERT_TRUE(summary.held) << include;
    auto on = [](const std::vector<OutputRecord>& records, const std::string& topic) {
      return std::count_if(records.begin(), records.end(),
                           [&](const OutputRecord& r) { return r.topic == topic; });
    };
    EXPECT_EQ(on(summary.held->records, "news.items"), 1) << include;
    EXPECT_EQ(on(out, "news.items"), 0) << include;
    EXPECT_EQ(on(out, "news.alerts"), include ? 1 : 0);
    EXPECT_EQ(on(summary.held->records, "news.alerts"), include ? 0 : 1);
    if (include) {
      const auto alert = std::find_if(out.begin(), out.end(),
                                      [](const OutputRecord& r) { return r.topic == "news.alerts"; });
      EXPECT_NE(alert->value.find("\"embargoed\":\"2026-12-01T11:00:00Z\""), std::string::npos);
    }
  }
}

// A newer version of a held item supersedes it: an embargo moved later
// releases only the new version, at the new time; a version without an
// embargo goes out at once and the held one never does. A redelivery of the
// held version changes nothing.
TEST(Engine, ANewerVersionSupersedesAHeldOne) {
  const EngineOptions options = serial_options();
  Pipeline pipeline(event_clock("wiredesk.embargo"), {}, null_probe(), [] { return kNow; });
  MemoryInput input;
  MemoryOutput output;
  input.append("wire.items", 0, timed_item("urn:m", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"));
  input.append("wire.items", 0, timed_item("urn:m", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"));
  input.append("wire.items", 0,
               timed_item("urn:m", "2026-12-01T10:10:00Z", "2026-12-01T12:00:00Z", "usable", "2"));
  input.append("wire.items", 0, timed_item("urn:l", "2026-12-01T10:20:00Z", "2026-12-01T11:00:00Z"));
  input.append("wire.items", 0,
               timed_item("urn:l", "2026-12-01T10:30:00Z", "", "usable", "2"));  // lifted
  input.append("wire.items", 0, timed_item("urn:t", "2026-12-01T11:30:00Z", ""));
  input.append("wire.items", 0, timed_item("urn:u", "2026-12-01T12:30:00Z", ""));
  input.close();
  Engine engine(pipeline, input, output, options);
  const std::atomic<bool> stop{false};
  engine.run(stop);
  ASSERT_TRUE(engine.drain(std::chrono::seconds(5)));
  EXPECT_EQ(item_uris(output), (std::vector<std::string>{"urn:l", "urn:t", "urn:u", "urn:m"}));
  size_t versions_of_m = 0;
  for (const auto& p : output.produced()) {
    if (p.record.topic == "news.items" && p.record.value.find("\"uri\":\"urn:m\"") != std::string::npos) {
      ++versions_of_m;
      EXPECT_NE(p.record.value.find("\"version\":\"2\""), std::string::npos) << p.record.value;
    }
  }
  EXPECT_EQ(versions_of_m, 1u);
  EXPECT_EQ(engine.released(), 1u);
  EXPECT_EQ(engine.held(), 0u);
}

}  // namespace
}  // namespace wiredesk
