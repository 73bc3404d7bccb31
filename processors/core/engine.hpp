// The one processing loop of wiredesk: records are taken from an input port,
// prepared on a worker pool and finished in input order (parallel.hpp), their
// outputs produced to an output port, and input offsets committed only when
// every output of a record is acknowledged (at-least-once) or together with
// the outputs in a transaction (exactly-once). Backpressure, a partition held
// while its output is refused, rebalances and the drain at shutdown live here
// too. `wiredesk run` runs it over Kafka, `wiredesk process` over a file and
// stdout, and the tests over in-memory ports.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "processors/core/offset_tracker.hpp"
#include "processors/core/parallel.hpp"
#include "processors/core/pipeline.hpp"
#include "processors/core/ports.hpp"

namespace wiredesk {

struct EngineOptions {
  size_t workers = 0;    // worker threads (0: one fewer than cores, at least 1)
  size_t window = 256;   // records between being taken and being finished
  // Set for exactly-once: the engine then commits offsets in transactions.
  TransactionPort* transactions = nullptr;
  // At-least-once: how often acknowledged offsets are committed.
  std::chrono::milliseconds commit_interval{1000};
  // Input records whose outputs are not all acknowledged, before the input
  // pauses (it resumes at half).
  size_t max_in_flight = 10000;
  // Budget for a transaction commit or abort, and for the drain at shutdown.
  std::chrono::milliseconds timeout{30000};
  // Exactly-once: a transaction commits once it holds this many records
  // (never more, however many a step finds prepared), after max_age, and
  // after idle_age once everything taken is finished.
  size_t txn_max_records = 1000;
  std::chrono::milliseconds txn_max_age{100};
  std::chrono::milliseconds txn_idle_age{20};
  // The service: holds and their ends read back from the embargo topic
  // (restore, other replicas). Null: only this engine's own holds.
  std::shared_ptr<EmbargoInbox> embargo_inbox;
};

// What the engine tells its owner (metrics, logs, readiness). Every method
// is called on the engine's thread.
class EngineObserver {
 public:
  virtual ~EngineObserver() = default;
  virtual void consumed(const Origin& /*origin*/) {}
  virtual void produced(const std::string& /*topic*/) {}
  // An input record whose outputs are all acknowledged: seconds since it was
  // taken, and its item's event time (0 when unknown).
  virtual void completed(double /*seconds*/, int64_t /*event_ms*/) {}
  virtual void dead_lettered(const OutputRecord& /*letter*/, const Origin& /*origin*/) {}
  virtual void in_flight(size_t /*records*/) {}
  virtual void paused(bool /*paused*/) {}
  virtual void commit_failed() {}
  // A partition stopped because its output is refused (true), or going again.
  virtual void held(const PartitionKey& /*partition*/, bool /*held*/) {}
  // Once per turn of the loop: the owner's own upkeep (a reload, a check).
  virtual void tick() {}
  // Items held under embargo now, and one released (seconds after its embargo).
  virtual void embargo_held(size_t /*items*/) {}
  virtual void embargo_released(double /*late_seconds*/) {}

};

class Engine final : public OutputEvents {
 public:
  Engine(Pipeline& pipeline, InputPort& input, OutputPort& output, EngineOptions options,
         EngineObserver* observer = nullptr);
  ~Engine() override;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Runs until `stop` is set, the input is exhausted and everything taken is
  // finished and acknowledged, or a port fails. Then drain() for a clean end.
  void run(const std::atomic<bool>& stop);
  // One turn of run()'s loop: take a record (waiting a little when there is
  // none), finish what is prepared, serve acknowledgements, pause or resume
  // the input, commit when due. False once run() would return.
  bool step();
  // Stops taking input, finishes what was taken, commits, and waits for the
  // output until `timeout` has passed. False when something was left
  // unacknowledged or a port failed.
  bool drain(std::chrono::milliseconds timeout);

  // Partitions are being taken away (a rebalance): what was taken from them
  // is finished, produced and committed first.
  void revoke(const std::vector<PartitionKey>& partitions);

  bool failed() const { return failed_; }
  // Items held under embargo (they stay held at the end of a file).
  size_t held() const { return embargo_.size(); }
  size_t released() const { return released_; }
  size_t blocked_partitions() const { return blocked_.size(); }
  size_t workers() const { return pool_.workers(); }

  // OutputEvents, from the output port.
  void acked(uint64_t token, const std::string& topic) override;
  void blocked(uint64_t token, const std::string& error) override;
  void unblocked(uint64_t token) override;

 private:
  using Steady = std::chrono::steady_clock;
  struct InFlight {
    PartitionKey partition;
    int64_t offset;
    size_t remaining;
    Steady::time_point consumed;
    int64_t event_ms;
  };

  void finish_one();
  void finish_next();
  void abort_transaction(int timeout_ms);
  void finish_pending();
  void apply_backpressure();
  void commit(const std::vector<CommitPoint>& points, bool sync);
  void finish_transaction();
  void fail(const std::string& why);
  void release_due();
  void take_embargo_updates();
  void ended(const std::string& key);
  void end_holds(const std::vector<std::string>& keys);
  bool begin_if_needed();
  void produce_untracked(const std::vector<OutputRecord>& records);
  bool done() const;

  Pipeline& pipeline_;
  InputPort& input_;
  OutputPort& output_;
  EngineOptions options_;
  EngineObserver default_observer_;
  EngineObserver& observer_;
  ParallelPipeline pool_;
  OffsetTracker tracker_;
  std::unordered_map<uint64_t, InFlight> in_flight_;
  std::map<PartitionKey, int> blocked_;  // refused records per input partition
  uint64_t next_token_ = 1;
  std::vector<OutputRecord> out_;
  InputRecord record_;
  Steady::time_point last_commit_ = Steady::now();
  bool in_txn_ = false;
  size_t txn_records_ = 0;
  Steady::time_point txn_start_;
  bool failed_ = false;
  bool unsent_ = false;      // records produced since the last send_now()
  bool send_again_ = false;  // the output's last send_now() asked to be called again soon
  EmbargoStore embargo_;
  // Holds this engine released or dropped whose tombstone has not been read
  // back from the embargo topic yet: their hold, read back late, is stale.
  std::unordered_set<std::string> ended_;
  size_t released_ = 0;
};

}  // namespace wiredesk
