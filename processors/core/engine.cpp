#include "processors/core/engine.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace wiredesk {

Engine::Engine(Pipeline& pipeline, InputPort& input, OutputPort& output, EngineOptions options,
               EngineObserver* observer)
    : pipeline_(pipeline),
      input_(input),
      output_(output),
      options_(options),
      observer_(observer ? *observer : default_observer_),
      pool_(pipeline, options.workers, options.window) {
  output_.set_events(this);
}

Engine::~Engine() { output_.set_events(nullptr); }

void Engine::run(const std::atomic<bool>& stop) {
  while (!stop.load() && step()) {
  }
}

// Finished: the input has ended, nothing is waiting in the pool or for an
// acknowledgement.
bool Engine::done() const {
  return input_.exhausted() && pool_.pending() == 0 && in_flight_.empty() &&
         output_.outstanding() == 0;
}

bool Engine::step() {
  release_due();
  if (failed_ || done()) return false;
  if (input_.failed() || output_.failed()) {
    fail("fatal client error");
    return false;
  }
  // Records are prepared on the worker pool and finished here in order.
  // While some are pending the poll does not wait: the oldest is finished as
  // soon as it is prepared.
  const bool busy = pool_.pending() > 0;
  bool polled = false;
  int wait_ms = busy ? 0 : (input_.paused() ? 20 : 100);
  // Records produced since the last send_now() (finished in a step that
  // also took a record): look for input without waiting, and send them on
  // if there is none, rather than leave them to the batch while waiting.
  if (unsent_) wait_ms = 0;
  // The output asked to be told again soon (send_now): some of what it took
  // may still wait for its batch.
  if (send_again_) wait_ms = std::min(wait_ms, 1);
  if (options_.transactions && in_txn_ && !busy) {
    // An open transaction commits idle_age after it began once the pool is
    // empty (below): wait no longer than that for the next record.
    const auto age =
        std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - txn_start_);
    wait_ms = std::clamp(static_cast<int>((options_.txn_idle_age - age).count()), 0, wait_ms);
  }
  if (input_.exhausted()) {
    // Only acknowledgements are left to wait for.
    output_.poll(busy ? 0 : std::min(wait_ms, 10));
  } else if (!pool_.full() && input_.poll(record_, wait_ms)) {
    observer_.consumed(record_.origin);
    pool_.submit(record_);
    polled = true;
  }
  while (pool_.ready() && !failed_) finish_next();
  if (!failed_ && (pool_.full() || (!polled && pool_.pending() > 0))) finish_next();
  if (!polled && pool_.pending() == 0 && !failed_) {
    // Caught up: nothing came in and everything taken is finished. A
    // steady input is sent on at once; a backlog (a record every step)
    // still fills the producer's batches.
    send_again_ = output_.send_now();
    unsent_ = false;
  }
  output_.poll(0);
  apply_backpressure();
  observer_.tick();
  if (options_.transactions) {
    // Outputs become readable (read_committed) when their transaction
    // commits: after txn_max_records or txn_max_age at most, and after
    // txn_idle_age whenever everything taken so far is finished, so that at
    // a low or steady rate an item is not held back for the whole max age.
    const auto age = Steady::now() - txn_start_;
    const bool caught_up = pool_.pending() == 0;
    if (in_txn_ && (txn_records_ >= options_.txn_max_records || age > options_.txn_max_age ||
                    (caught_up && age >= options_.txn_idle_age) || input_.exhausted())) {
      finish_transaction();
    }
  } else if (Steady::now() - last_commit_ >= options_.commit_interval) {
    commit(tracker_.committable(), false);
    last_commit_ = Steady::now();
  }
  release_due();  // the clock may have moved with the records just finished
  return !failed_ && !done();
}

// Finishes the oldest record and, under exactly-once, commits the
// transaction as soon as it holds txn_max_records: a step may find the whole
// pool prepared, and the cap holds however many records that is.
void Engine::finish_next() {
  finish_one();
  if (options_.transactions && in_txn_ && txn_records_ >= options_.txn_max_records) {
    finish_transaction();
  }
}

// Finishes the oldest record of the pool (its dedup decision, alerts and
// encoding) and produces what came out.
void Engine::finish_one() {
  out_.clear();
  Pipeline::Summary summary;
  Origin origin;
  if (!pool_.next(out_, summary, origin)) return;
  if (!begin_if_needed()) return;
  ++txn_records_;
  // A newer version supersedes the held ones before it: the embargo moved
  // or was lifted.
  if (!summary.uri.empty() && embargo_.size() > 0) {
    end_holds(embargo_.drop_older(summary.uri, summary.version));
  }
  if (summary.held) {
    embargo_.hold(std::move(*summary.held));
    observer_.embargo_held(embargo_.size());
  }
  if (!summary.killed_uri.empty() && embargo_.size() > 0) {
    // A kill of a held item: it is never released.
    end_holds(embargo_.drop_uri(summary.killed_uri));
  }
  const PartitionKey partition{origin.topic, origin.partition};
  tracker_.started(partition, origin.offset, out_.size());
  if (!summary.accepted && !out_.empty()) observer_.dead_lettered(out_.front(), origin);
  if (out_.empty()) return;
  const uint64_t token = next_token_++;
  in_flight_.emplace(token, InFlight{partition, origin.offset, out_.size(), Steady::now(),
                                     summary.event_ms});
  for (auto& r : out_) {  // cleared before the next record's
    if (!output_.produce_moved(std::move(r), token)) {
      fail("cannot produce to " + r.topic + " (input " + origin.to_string() + ")");
      return;
    }
  }
  unsent_ = true;
}

bool Engine::begin_if_needed() {
  if (!options_.transactions || in_txn_) return true;
  if (options_.transactions->begin() != TxnResult::ok) {
    fail("cannot begin a transaction");
    return false;
  }
  in_txn_ = true;
  txn_records_ = 0;
  txn_start_ = Steady::now();
  return true;
}

// Records that no input offset waits for (a release): acknowledged like the
// others, tracked by no partition.
void Engine::produce_untracked(const std::vector<OutputRecord>& records) {
  if (records.empty() || !begin_if_needed()) return;
  const uint64_t token = next_token_++;
  in_flight_.emplace(token, InFlight{{"", -1}, 0, records.size(), Steady::now(), 0});
  for (const auto& r : records) {
    if (!output_.produce(r, token)) {
      fail("cannot produce a released item to " + r.topic);
      return;
    }
  }
  unsent_ = true;
}

// Items whose embargo has lifted, in embargo order, with the tombstone that
// ends their hold in the embargo topic. Only the owner of the partition an
// item came from releases it (another replica holds it too, from the topic).
void Engine::release_due() {
  take_embargo_updates();
  if (embargo_.size() == 0 || failed_) return;
  const int64_t now = pipeline_.embargo_now();
  if (const auto next = embargo_.next_release(); !next || *next > now) return;
  const bool shared = input_.shares_partitions();
  const auto owned = shared ? input_.assignment() : std::vector<PartitionKey>{};
  const std::string& topic = pipeline_.options().topics.embargo;
  auto mine = [&](const HeldItem& h) {
    const PartitionKey from{h.origin.topic, h.origin.partition};
    return !shared || std::find(owned.begin(), owned.end(), from) != owned.end();
  };
  for (auto& h : embargo_.due(now, mine)) {
    if (!topic.empty()) h.records.push_back(OutputRecord{topic, h.key, {}, {}, ValueKind::tombstone});
    ended(h.key);
    produce_untracked(h.records);
    ++released_;
    observer_.embargo_released(static_cast<double>(now - h.release_ms) / 1000.0);
  }
  observer_.embargo_held(embargo_.size());
}

// The embargo topic read back: holds made by this or another instance, and
// their ends. A hold this engine has ended already is stale (its tombstone
// is on its way); the tombstone, once read, closes the key.
void Engine::take_embargo_updates() {
  if (!options_.embargo_inbox) return;
  auto updates = options_.embargo_inbox->take();
  if (updates.empty()) return;
  for (auto& u : updates) {
    if (!u.item) {
      embargo_.erase(u.key);
      ended_.erase(u.key);
    } else if (!ended_.count(u.key)) {
      embargo_.apply_remote(std::move(*u.item));
    }
  }
  observer_.embargo_held(embargo_.size());
}

// Holds dropped without a release: a tombstone for each, with the record
// being finished.
void Engine::end_holds(const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  const std::string& topic = pipeline_.options().topics.embargo;
  for (const auto& key : keys) {
    if (!topic.empty()) out_.push_back(OutputRecord{topic, key, {}, {}, ValueKind::tombstone});
    ended(key);
  }
  observer_.embargo_held(embargo_.size());
}

void Engine::ended(const std::string& key) {
  if (options_.embargo_inbox) ended_.insert(key);
}

void Engine::finish_pending() {
  while (pool_.pending() > 0 && !failed_) finish_one();
}

void Engine::fail(const std::string& why) {
  if (!failed_) spdlog::critical("{}; stopping", why);
  failed_ = true;
}

void Engine::acked(uint64_t token, const std::string& topic) {
  observer_.produced(topic);
  auto it = in_flight_.find(token);
  if (it == in_flight_.end()) return;
  InFlight& f = it->second;
  tracker_.acked(f.partition, f.offset);
  if (--f.remaining > 0) return;
  observer_.completed(std::chrono::duration<double>(Steady::now() - f.consumed).count(),
                      f.event_ms);
  in_flight_.erase(it);
}

// A record that even the dead-letter topic refuses: its input partition
// stops (nothing is dropped, nothing after it committed) until a retry goes
// through.
void Engine::blocked(uint64_t token, const std::string& error) {
  const auto it = in_flight_.find(token);
  if (it == in_flight_.end()) return;
  const PartitionKey& p = it->second.partition;
  if (blocked_[p]++ == 0) {
    spdlog::critical("input partition {}/{} stopped: {}", p.topic, p.partition, error);
    input_.hold(p);
    observer_.held(p, true);
  }
}

void Engine::unblocked(uint64_t token) {
  const auto it = in_flight_.find(token);
  if (it == in_flight_.end()) return;
  const PartitionKey& p = it->second.partition;
  auto b = blocked_.find(p);
  if (b == blocked_.end()) return;
  if (--b->second == 0) {
    const PartitionKey released = p;
    blocked_.erase(b);
    input_.release(released);
    observer_.held(released, false);
    spdlog::info("input partition {}/{}: retrying the refused record", released.topic,
                 released.partition);
  }
}

void Engine::apply_backpressure() {
  const size_t waiting = tracker_.in_flight();
  observer_.in_flight(waiting);
  const size_t high = options_.max_in_flight;
  if (!input_.paused() && waiting >= high) {
    spdlog::info("pausing consumption: {} records awaiting acknowledgement", waiting);
    input_.pause();
    observer_.paused(true);
  } else if (input_.paused() && waiting <= high / 2) {
    input_.resume();
    observer_.paused(false);
  }
}

void Engine::commit(const std::vector<CommitPoint>& points, bool sync) {
  if (points.empty()) return;
  if (input_.commit(points, sync)) {
    tracker_.mark_committed(points);
  } else {
    observer_.commit_failed();
  }
}

// Exactly-once: commits the open transaction with the input offsets it
// covers; on an abortable error, drops it and rewinds the input so that its
// records are processed again. After a failure (a record that could not be
// produced) it aborts instead: a commit would commit that record's offset
// without its outputs. The next start reads from the committed offsets.
void Engine::finish_transaction() {
  if (!in_txn_) return;
  in_txn_ = false;
  const int timeout = static_cast<int>(options_.timeout.count());
  if (failed_) {
    spdlog::warn("aborting the open transaction: its records are read again at the next start");
    abort_transaction(timeout);
    return;
  }
  switch (options_.transactions->commit(tracker_.processed(), timeout)) {
    case TxnResult::ok:
      tracker_.clear();
      return;
    case TxnResult::abort:
      spdlog::warn("transaction aborted; reprocessing from the committed offsets");
      abort_transaction(timeout);
      pool_.discard_all();  // taken after the committed offsets: read again
      if (!input_.seek_to_committed(timeout)) fail("cannot rewind the input after an abort");
      return;
    case TxnResult::fatal:
      fail("transaction failed fatally");
      return;
  }
}

// Drops the open transaction's outputs and what was waiting for them.
void Engine::abort_transaction(int timeout_ms) {
  options_.transactions->abort(timeout_ms);
  in_flight_.clear();
  tracker_.clear();
}

void Engine::revoke(const std::vector<PartitionKey>& partitions) {
  // What the pool holds was taken before the revoke: finish and produce it
  // first, as a record-at-a-time loop would have.
  finish_pending();
  if (options_.transactions) {
    finish_transaction();
    for (const auto& p : partitions) tracker_.forget(p);
    return;
  }
  if (!output_.flush(static_cast<int>(options_.timeout.count()))) {
    spdlog::warn("revoke: {} records still unacknowledged; their inputs will be redelivered",
                 output_.outstanding());
  }
  std::vector<CommitPoint> points;
  for (const auto& p : partitions) {
    if (auto offset = tracker_.committable(p)) points.push_back({p, *offset});
  }
  commit(points, true);
  for (const auto& p : partitions) tracker_.forget(p);
}

bool Engine::drain(std::chrono::milliseconds timeout) {
  const auto deadline = Steady::now() + timeout;
  if (pool_.pending() > 0 || output_.outstanding() > 0) {
    spdlog::info("stopping: {} records being prepared, {} awaiting acknowledgement",
                 pool_.pending(), output_.outstanding());
  }
  // Stop taking input; finish what was taken; commit.
  input_.pause();
  finish_pending();
  if (options_.transactions) finish_transaction();
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now()) -
      std::chrono::seconds(1);
  bool drained = output_.flush(static_cast<int>(std::max<int64_t>(left.count(), 100)));
  if (!drained) {
    spdlog::warn("shutdown: {} records unacknowledged; their inputs stay uncommitted",
                 output_.outstanding());
  }
  if (!options_.transactions) commit(tracker_.committable(), true);
  return drained && !failed_;
}

}  // namespace wiredesk
