#include "app/service.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <thread>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "app/http_server.hpp"
#include "app/index_table.hpp"
#include "app/logging.hpp"
#include "app/metrics.hpp"
#include "app/reloader.hpp"
#include "app/wiring.hpp"
#include "consumers/kafka_source.hpp"
#include "processors/dedup.hpp"
#include "processors/offset_tracker.hpp"
#include "processors/parallel.hpp"
#include "producers/kafka_sink.hpp"

namespace wiredesk {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) { g_stop.store(true); }

using Steady = std::chrono::steady_clock;

class Service {
 public:
  explicit Service(const Config& config)
      : config_(config),
        reloader_(tag_files(config), metrics_),
        stages_(make_stages(config, reloader_.stages())),
        pipeline_(pipeline_options(config), stages_, metrics_),
        pool_(std::make_unique<ParallelPipeline>(pipeline_, config.workers, 256)) {
    for (const auto& stage : stages_) {
      if (auto dedup = std::dynamic_pointer_cast<Dedup>(stage)) {
        dedup->set_probe(&metrics_);
        IndexTableOptions options;
        options.topic = config.dedup.index_topic;
        options.consumer_properties = consumer_properties(config);
        options.admin_properties = producer_properties(config);
        options.admin_properties.erase("transactional.id");
        options.window_ms = config.dedup.window.count();
        index_table_ = std::make_unique<IndexTable>(options, dedup->shared_index(),
                                                    reloader_.stages().alerter->ledger(),
                                                    &metrics_);
      }
    }
  }

  int run() {
    try {
      http_ = std::make_unique<HttpServer>(
          config_.http.listen,
          HttpHandlers{[this] { return metrics_.serialize(); },
                       [this](std::string& reason) { return ready(reason); }});
    } catch (const std::exception& e) {
      spdlog::critical("{}", e.what());
      return 1;
    }
    try {
      KafkaSinkHooks sink_hooks;
      sink_hooks.acked = [this](uint64_t token, const std::string& topic) { on_ack(token, topic); };
      sink_hooks.failed = [this](const std::string& topic, const std::string&) {
        metrics_.produce_error(topic);
      };
      sink_hooks.dead_letter_topic = config_.output.dlq;
      sink_hooks.retry_blocked_ms = static_cast<int>(config_.limits.blocked_retry.count());
      sink_hooks.blocked = [this](uint64_t token, const std::string& error) {
        on_blocked(token, error);
      };
      sink_hooks.unblocked = [this](uint64_t token) { on_unblocked(token); };
      sink_hooks.rerouted = [this](uint64_t) { metrics_.dead_lettered(Reason::produce_failed); };
      sink_ = std::make_unique<KafkaSink>(producer_properties(config_), std::move(sink_hooks));

      // The dedup index is restored before any input is taken.
      if (index_table_) {
        const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
            config_.dedup.restore_timeout);
        if (!index_table_->restore(static_cast<int>(timeout.count()))) {
          spdlog::critical("cannot restore the dedup index from {}", config_.dedup.index_topic);
          return 1;
        }
        index_table_->start_following();
      }

      KafkaSourceHooks source_hooks;
      source_hooks.revoking = [this](const std::vector<PartitionKey>& parts) { on_revoke(parts); };
      source_hooks.assigned = [this](const std::vector<PartitionKey>& parts) {
        assignment_received_.store(true);
        metrics_.set_assignment(parts);
      };
      source_hooks.statistics = [this](const std::string& json) {
        metrics_.consumer_statistics(json);
      };
      source_ = std::make_unique<KafkaSource>(consumer_properties(config_), config_.input.topics,
                                              std::move(source_hooks));
      if (eos_ && !sink_->init_transactions(30000)) {
        spdlog::critical("exactly-once: cannot initialise transactions");
        return 1;
      }
    } catch (const std::exception& e) {
      spdlog::critical("{}", e.what());
      return 1;
    }
    spdlog::info("wiredesk running: brokers {} ({}), group {}, input {}, http {}, {}",
                 config_.kafka.bootstrap_servers, connection_summary(config_),
                 config_.kafka.group_id, fmt::join(config_.input.topics, ","),
                 config_.http.listen, eos_ ? "exactly-once" : "at-least-once");
    for (const auto& w : connection_warnings(config_)) spdlog::warn("{}", w);
    watchdog_ = std::thread([this] { watch_brokers(); });
    loop();
    return shutdown();
  }

 private:
  struct InFlight {
    PartitionKey partition;
    int64_t offset;
    size_t remaining;
    Steady::time_point consumed;
    int64_t event_ms;
  };

  // A sample of dead letters, at most 10 lines per 10 s: a flood of bad
  // input is counted in full by wiredesk_dead_letters_total, not logged.
  void log_dead_letter(const OutputRecord& letter) {
    uint64_t held_back = 0;
    if (!dead_letter_log_.allow(Steady::now(), held_back)) return;
    const std::string* reason = letter.header(header::error);
    const std::string* detail = letter.header(header::error_detail);
    if (held_back > 0) {
      spdlog::warn("dead-lettered: {}{}{} ({} more dead letters since the last one logged)",
                   reason ? *reason : "", detail ? ": " : "", detail ? *detail : "", held_back);
    } else {
      spdlog::warn("dead-lettered: {}{}{}", reason ? *reason : "", detail ? ": " : "",
                   detail ? *detail : "");
    }
  }

  bool ready(std::string& reason) const {
    if (!producer_connected_.load()) {
      reason = "producer not connected";
      return false;
    }
    if (!brokers_reachable_.load()) {
      reason = "no broker answers";
      return false;
    }
    if (blocked_partitions_.load() > 0) {
      reason = "the dead-letter topic refuses a record; its input partition is stopped";
      return false;
    }
    if (index_table_ && !index_table_->restored()) {
      reason = "dedup index not restored";
      return false;
    }
    // Ready once the group has handed this member its assignment. A replica
    // beyond the partition count gets an empty one and is still ready: it is
    // a warm standby, and a rollout must not wait for it.
    if (!assignment_received_.load()) {
      reason = "no partition assignment received from the consumer group yet";
      return false;
    }
    return true;
  }

  void loop() {
    auto last_commit = Steady::now();
    auto last_connect_check = Steady::now() - std::chrono::seconds(10);
    InputRecord record;
    std::vector<OutputRecord> out;
    while (!g_stop.load()) {
      if (source_->failed() || sink_->failed()) {
        spdlog::critical("fatal Kafka client error; stopping");
        failed_ = true;
        break;
      }
      if (!producer_connected_.load() && Steady::now() - last_connect_check > std::chrono::seconds(2)) {
        last_connect_check = Steady::now();
        producer_connected_.store(sink_->connected(1000));
      }
      // Records are prepared on the worker pool and finished here in order.
      // While some are pending the poll does not wait: the oldest is
      // finished as soon as it is prepared.
      const bool busy = pool_->pending() > 0;
      bool polled = false;
      int wait_ms = busy ? 0 : (source_->paused() ? 20 : 100);
      if (eos_ && in_txn_ && !busy) {
        // An open transaction commits 20 ms after it began once the pool is
        // empty (below): wait no longer than that for the next record.
        const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(
            Steady::now() - txn_start_);
        wait_ms = std::clamp(static_cast<int>((kTxnIdleAge - age).count()), 0, wait_ms);
      }
      if (!pool_->full() && source_->poll(record, wait_ms)) {
        metrics_.consumed(record.origin.topic);
        pool_->submit(record);
        polled = true;
      }
      while (pool_->ready()) finish_one(out);
      if (pool_->full() || (!polled && pool_->pending() > 0)) finish_one(out);
      sink_->poll(0);
      apply_backpressure();
      reloader_.poll();  // taxonomy / alert-rule files changed or SIGHUP: swap in between items
      if (eos_) {
        // Outputs become readable (read_committed) when their transaction
        // commits: after 1,000 records or 100 ms at most, and after 20 ms
        // whenever everything taken so far is finished, so that at a low or
        // steady rate an item is not held back for the whole 100 ms.
        const auto age = Steady::now() - txn_start_;
        const bool caught_up = pool_->pending() == 0;
        if (in_txn_ && (txn_records_ >= kTxnMaxRecords || age > kTxnMaxAge ||
                        (caught_up && age >= kTxnIdleAge))) {
          finish_transaction();
        }
      } else if (Steady::now() - last_commit > config_.kafka.commit_interval) {
        commit(tracker_.committable(), false);
        last_commit = Steady::now();
      }
    }
  }

  // Finishes the oldest record of the pool (its dedup decision, alerts and
  // encoding) and produces what came out.
  void finish_one(std::vector<OutputRecord>& out) {
    out.clear();
    Pipeline::Summary summary;
    Origin origin;
    if (!pool_->next(out, summary, origin)) return;
    ScopedLogItem log_item({{}, origin.topic, origin.partition, origin.offset});
    if (eos_ && !in_txn_) {
      if (sink_->begin_transaction() != TxnResult::ok) {
        failed_ = true;
        g_stop.store(true);
        return;
      }
      in_txn_ = true;
      txn_records_ = 0;
      txn_start_ = Steady::now();
    }
    ++txn_records_;
    if (index_table_) index_table_->take_pending(out);
    const PartitionKey partition{origin.topic, origin.partition};
    tracker_.started(partition, origin.offset, out.size());
    if (!summary.accepted) log_dead_letter(out.front());
    if (out.empty()) return;
    const uint64_t token = next_token_++;
    in_flight_.emplace(token, InFlight{partition, origin.offset, out.size(), Steady::now(),
                                       summary.event_ms});
    for (const auto& r : out) {
      if (!sink_->produce(r, token)) {
        spdlog::critical("cannot produce to {}; stopping", r.topic);
        failed_ = true;
        g_stop.store(true);
        return;
      }
    }
  }

  // Finishes every record the pool holds (before a revoke, a commit at shutdown).
  void finish_pending() {
    std::vector<OutputRecord> out;
    while (pool_->pending() > 0 && !failed_) finish_one(out);
  }

  // Every 2 s, whether a broker answers (a metadata request): /readyz turns
  // false during an outage and true by itself after it.
  void watch_brokers() {
    while (!watchdog_stop_.load()) {
      const bool up = sink_->connected(1500);
      if (up != brokers_reachable_.load()) {
        if (up) {
          spdlog::info("brokers reachable again");
        } else {
          spdlog::warn("no broker answers; not ready until one does");
        }
        brokers_reachable_.store(up);
      }
      for (int i = 0; i < 20 && !watchdog_stop_.load(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  }

  // A record that even the dead-letter topic refuses: its input partition
  // stops (nothing is dropped, nothing after it committed) until a retry
  // goes through.
  void on_blocked(uint64_t token, const std::string& error) {
    const auto it = in_flight_.find(token);
    if (it == in_flight_.end()) return;
    const PartitionKey& p = it->second.partition;
    if (blocked_[p]++ == 0) {
      spdlog::critical("input partition {}/{} stopped: {}", p.topic, p.partition, error);
      source_->hold(p);
      blocked_partitions_.fetch_add(1);
    }
  }

  void on_unblocked(uint64_t token) {
    const auto it = in_flight_.find(token);
    if (it == in_flight_.end()) return;
    const PartitionKey& p = it->second.partition;
    auto b = blocked_.find(p);
    if (b == blocked_.end()) return;
    if (--b->second == 0) {
      blocked_.erase(b);
      source_->release(p);
      blocked_partitions_.fetch_sub(1);
      spdlog::info("input partition {}/{}: retrying the refused record", p.topic, p.partition);
    }
  }

  void on_ack(uint64_t token, const std::string& topic) {
    metrics_.produced(topic);
    auto it = in_flight_.find(token);
    if (it == in_flight_.end()) return;
    InFlight& f = it->second;
    tracker_.acked(f.partition, f.offset);
    if (--f.remaining > 0) return;
    metrics_.processing_latency(
        std::chrono::duration<double>(Steady::now() - f.consumed).count());
    if (f.event_ms > 0) metrics_.item_age(static_cast<double>(now_ms() - f.event_ms) / 1000.0);
    in_flight_.erase(it);
  }

  void apply_backpressure() {
    const size_t waiting = tracker_.in_flight();
    metrics_.in_flight(waiting);
    const size_t high = config_.limits.max_in_flight;
    if (!source_->paused() && waiting >= high) {
      spdlog::info("pausing consumption: {} records awaiting acknowledgement", waiting);
      source_->pause();
      metrics_.paused(true);
    } else if (source_->paused() && waiting <= high / 2) {
      source_->resume();
      metrics_.paused(false);
    }
  }

  void commit(const std::vector<CommitPoint>& points, bool sync) {
    if (points.empty()) return;
    if (source_->commit(points, sync)) {
      tracker_.mark_committed(points);
    } else {
      metrics_.commit_error();
    }
  }

  // Exactly-once: commits the open transaction with the input offsets it
  // covers; on an abortable error, drops it and rewinds the input so that its
  // records are processed again.
  void finish_transaction() {
    if (!in_txn_) return;
    in_txn_ = false;
    const auto timeout = static_cast<int>(config_.shutdown_timeout.count());
    switch (sink_->commit_transaction(tracker_.processed(), *source_, timeout)) {
      case TxnResult::ok:
        tracker_.clear();
        return;
      case TxnResult::abort:
        spdlog::warn("transaction aborted; reprocessing from the committed offsets");
        sink_->abort_transaction(timeout);
        in_flight_.clear();
        tracker_.clear();
        pool_->discard_all();  // fetched after the committed offsets: read again
        if (!source_->seek_to_committed(timeout)) failed_ = true;
        return;
      case TxnResult::fatal:
        spdlog::critical("transaction failed fatally; stopping");
        failed_ = true;
        g_stop.store(true);
        return;
    }
  }

  // Partitions are being taken away: everything produced for them must be
  // acknowledged and committed before they are given up.
  void on_revoke(const std::vector<PartitionKey>& parts) {
    // What the pool holds was taken before the revoke: finish and produce it
    // first, as a record-at-a-time loop would have.
    finish_pending();
    std::vector<PartitionKey> kept = source_ ? source_->assignment() : std::vector<PartitionKey>{};
    std::erase_if(kept, [&](const PartitionKey& k) {
      return std::find(parts.begin(), parts.end(), k) != parts.end();
    });
    metrics_.set_assignment(kept);
    if (eos_) {
      finish_transaction();
      for (const auto& p : parts) tracker_.forget(p);
      return;
    }
    const auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(
        config_.shutdown_timeout);
    if (!sink_->flush(static_cast<int>(budget.count()))) {
      spdlog::warn("revoke: {} records still unacknowledged; their inputs will be redelivered",
                   sink_->outstanding());
    }
    std::vector<CommitPoint> points;
    for (const auto& p : parts) {
      if (auto offset = tracker_.committable(p)) points.push_back({p, *offset});
    }
    commit(points, true);
    for (const auto& p : parts) tracker_.forget(p);
  }

  int shutdown() {
    watchdog_stop_.store(true);
    if (watchdog_.joinable()) watchdog_.join();
    const auto deadline = Steady::now() + config_.shutdown_timeout;
    spdlog::info("stopping: flushing {} records", sink_->outstanding());
    // Stop fetching; finish what is in flight; commit; leave the group.
    source_->pause();
    finish_pending();
    if (eos_) finish_transaction();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - Steady::now() - std::chrono::seconds(1));
    if (!sink_->flush(static_cast<int>(std::max<int64_t>(left.count(), 100)))) {
      spdlog::warn("shutdown: {} records unacknowledged; their inputs stay uncommitted",
                   sink_->outstanding());
    }
    std::vector<CommitPoint> points;
    for (const auto& p : source_->assignment()) {
      if (auto offset = tracker_.committable(p)) points.push_back({p, *offset});
    }
    if (!eos_) commit(points, true);
    source_->close();
    source_.reset();
    if (index_table_) index_table_->stop();
    sink_.reset();
    http_.reset();
    spdlog::info("stopped");
    return failed_ ? 1 : 0;
  }

  static constexpr size_t kTxnMaxRecords = 1000;
  static constexpr auto kTxnMaxAge = std::chrono::milliseconds(100);
  static constexpr auto kTxnIdleAge = std::chrono::milliseconds(20);

  const Config& config_;
  const bool eos_ = config_.delivery == Delivery::exactly_once;
  bool in_txn_ = false;
  size_t txn_records_ = 0;
  Steady::time_point txn_start_;
  LogRateLimit dead_letter_log_{10, std::chrono::seconds(10)};
  Metrics metrics_;
  ConfigReloader reloader_;
  std::vector<std::shared_ptr<Stage>> stages_;
  Pipeline pipeline_;
  // Declared after the pipeline: its threads are joined before it goes.
  std::unique_ptr<ParallelPipeline> pool_;
  std::unique_ptr<IndexTable> index_table_;
  OffsetTracker tracker_;
  std::unique_ptr<HttpServer> http_;
  std::unique_ptr<KafkaSink> sink_;
  std::unique_ptr<KafkaSource> source_;
  std::unordered_map<uint64_t, InFlight> in_flight_;
  uint64_t next_token_ = 1;
  std::atomic<bool> producer_connected_{false};
  std::atomic<bool> assignment_received_{false};
  std::atomic<bool> brokers_reachable_{true};
  std::atomic<int> blocked_partitions_{0};
  std::map<PartitionKey, int> blocked_;  // refused records per input partition
  std::thread watchdog_;
  std::atomic<bool> watchdog_stop_{false};
  bool failed_ = false;
};

}  // namespace

int run_service(const Config& config) {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  install_reload_signal_handler();
  Service service(config);
  return service.run();
}

}  // namespace wiredesk
