#include "app/service.hpp"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <random>
#include <string>
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
#include "processors/dedup/dedup.hpp"
#include "processors/core/engine.hpp"
#include "producers/kafka_admin.hpp"
#include "producers/kafka_sink.hpp"

namespace wiredesk {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) { g_stop.store(true); }

using Steady = std::chrono::steady_clock;

// Exactly-once over Kafka: the producer's transactions, with the input
// offsets sent under the consumer's group metadata.
class KafkaTransactions final : public TransactionPort {
 public:
  KafkaTransactions(KafkaSink& sink, KafkaSource& source) : sink_(sink), source_(source) {}
  TxnResult begin() override { return sink_.begin_transaction(); }
  TxnResult commit(const std::vector<CommitPoint>& offsets, int timeout_ms) override {
    return sink_.commit_transaction(offsets, source_.group_metadata(), timeout_ms);
  }
  void abort(int timeout_ms) override { sink_.abort_transaction(timeout_ms); }

 private:
  KafkaSink& sink_;
  KafkaSource& source_;
};

// An id no other process has: what this one writes to the index topic
// carries it (header::writer), and its own follower skips those records.
std::string new_writer_id() {
  std::random_device random;
  const uint64_t high = (uint64_t{random()} << 32) | random();
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
  return fmt::format("{:016x}-{:x}", high, ns);
}

// The Kafka service: the engine (processors/core/engine.hpp) over a consumer-group
// member and a producer, with what only a service has around it — the dedup
// index table, metrics, /readyz, hot reload and the broker watchdog.
PipelineOptions service_pipeline_options(const Config& config, const std::string& writer) {
  PipelineOptions options = pipeline_options(config);
  options.topics.state = config.dedup.index_topic;
  options.topics.writer = writer;
  // Embargoes by the wall clock, held items in the embargo topic.
  if (!config.embargo.topic.empty()) {
    options.embargo_clock = std::make_shared<EmbargoClock>(EmbargoClock::Kind::wall);
    options.topics.embargo = config.embargo.topic;
  }
  return options;
}

class Service final : public EngineObserver {
 public:
  explicit Service(const Config& config)
      : config_(config),
        reloader_(tag_files(config), metrics_),
        stages_(make_stages(config, reloader_.stages())),
        pipeline_(service_pipeline_options(config, writer_), stages_.list(), metrics_) {
    // Every index and alert-state change is an output of the item that made
    // it, produced to the index topic with the item's records.
    stages_.dedup->set_probe(&metrics_);
    stages_.dedup->write_state();
    stages_.alerter->write_state();
    if (stages_.story_view) stages_.story_view->write_state();
    IndexTableOptions options;
    options.topic = config.dedup.index_topic;
    options.consumer_properties = consumer_properties(config);
    options.admin_properties = producer_properties(config);
    options.admin_properties.erase("transactional.id");
    options.window_ms = config.dedup.window.count();
    options.embargo_topic = config.embargo.topic;
    options.writer = writer_;
    // The story view is a compacted topic; made when missing.
    if (!config.output.stories.empty()) {
      options.also_create.push_back({config.output.stories, 1, -1, {{"cleanup.policy", "compact"}}});
    }
    index_table_ = std::make_unique<IndexTable>(options, stages_.dedup->shared_index(),
                                                stages_.alerter->ledger(), &metrics_);
    index_table_->set_story_view(stages_.story_view);
    if (!config.embargo.topic.empty()) {
      embargo_inbox_ = std::make_shared<EmbargoInbox>();
      index_table_->set_embargo_inbox(embargo_inbox_);
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
      sink_hooks.failed = [this](const std::string& topic, const std::string&) {
        metrics_.produce_error(topic);
      };
      sink_hooks.dead_letter_topic = config_.output.dlq;
      sink_hooks.retry_blocked_ms = static_cast<int>(config_.limits.blocked_retry.count());
      sink_hooks.rerouted = [this](uint64_t) { metrics_.dead_lettered(Reason::produce_failed); };
      sink_ = std::make_unique<KafkaSink>(producer_properties(config_), std::move(sink_hooks));
      metrics_.declare_outputs({config_.output.items,
                                config_.output.duplicates_enabled ? config_.output.duplicates : "",
                                config_.output.alerts, config_.output.dlq, config_.output.stories,
                                config_.dedup.index_topic, config_.embargo.topic});

      // The dedup index is restored before any input is taken.
      if (index_table_) {
        const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
            config_.dedup.restore_timeout);
        if (!index_table_->restore(static_cast<int>(timeout.count()), &g_stop)) {
          if (g_stop.load()) {
            spdlog::info("stopped before the dedup index was restored");
            return 0;
          }
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
      KafkaSourceOptions source_options;
      source_options.order_wait = config_.kafka.order_wait;
      source_ = std::make_unique<KafkaSource>(consumer_properties(config_), config_.input.topics,
                                              std::move(source_hooks), source_options);
      if (eos_) {
        if (!sink_->init_transactions(30000)) {
          spdlog::critical("exactly-once: cannot initialise transactions");
          return 1;
        }
        transactions_ = std::make_unique<KafkaTransactions>(*sink_, *source_);
      }
      EngineOptions options;
      options.workers = config_.workers;
      options.window = 256;
      options.transactions = transactions_.get();
      options.embargo_inbox = embargo_inbox_;
      options.commit_interval = std::chrono::duration_cast<std::chrono::milliseconds>(
          config_.kafka.commit_interval);
      options.max_in_flight = config_.limits.max_in_flight;
      options.timeout =
          std::chrono::duration_cast<std::chrono::milliseconds>(config_.shutdown_timeout);
      engine_ = std::make_unique<Engine>(pipeline_, *source_, *sink_, options, this);
    } catch (const std::exception& e) {
      spdlog::critical("{}", e.what());
      return 1;
    }
    spdlog::info("wiredesk running: brokers {} ({}), group {}, input {}, http {}, {}, {} workers",
                 config_.kafka.bootstrap_servers, connection_summary(config_),
                 config_.kafka.group_id, fmt::join(config_.input.topics, ","),
                 config_.http.listen, eos_ ? "exactly-once" : "at-least-once",
                 engine_->workers());
    for (const auto& w : connection_warnings(config_)) spdlog::warn("{}", w);
    for (const auto& w : memory_warnings(config_, container_memory_limit())) spdlog::warn("{}", w);
    watchdog_ = std::thread([this] {
      pthread_setname_np(pthread_self(), "wd-watchdog");
      watch_brokers();
    });
    engine_->run(g_stop);
    return shutdown();
  }

 private:
  // EngineObserver: metrics, logs and the service's upkeep.
  void consumed(const Origin& origin) override { metrics_.consumed(origin.topic); }
  void produced(const std::string& topic) override { metrics_.produced(topic); }
  void completed(double seconds, int64_t event_ms) override {
    metrics_.processing_latency(seconds);
    if (event_ms > 0) metrics_.item_age(static_cast<double>(now_ms() - event_ms) / 1000.0);
  }
  void in_flight(size_t records) override { metrics_.in_flight(records); }
  void paused(bool paused) override { metrics_.paused(paused); }
  void commit_failed() override { metrics_.commit_error(); }
  void embargo_held(size_t items) override { metrics_.embargo_held(items); }
  void embargo_released(double late_seconds) override {
    metrics_.embargo_released(late_seconds);
  }
  void held(const PartitionKey& /*partition*/, bool held) override {
    blocked_partitions_.fetch_add(held ? 1 : -1);
  }
  void tick() override {
    if (!producer_connected_.load() &&
        Steady::now() - last_connect_check_ > std::chrono::seconds(2)) {
      last_connect_check_ = Steady::now();
      producer_connected_.store(sink_->connected(1000));
    }
    reloader_.poll();  // taxonomy / alert-rule files changed or SIGHUP: swap in between items
    if (source_) metrics_.order_buffered(source_->order_buffered_bytes());
  }

  // A sample of dead letters, at most 10 lines per 10 s: a flood of bad
  // input is counted in full by wiredesk_dead_letters_total, not logged.
  void dead_lettered(const OutputRecord& letter, const Origin& origin) override {
    uint64_t held_back = 0;
    if (!dead_letter_log_.allow(Steady::now(), held_back)) return;
    ScopedLogItem log_item({{}, origin.topic, origin.partition, origin.offset});
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

  // Partitions are being taken away: everything produced for them must be
  // acknowledged and committed before they are given up (the engine does).
  void on_revoke(const std::vector<PartitionKey>& parts) {
    std::vector<PartitionKey> kept = source_ ? source_->assignment() : std::vector<PartitionKey>{};
    std::erase_if(kept, [&](const PartitionKey& k) {
      return std::find(parts.begin(), parts.end(), k) != parts.end();
    });
    if (engine_) engine_->revoke(parts);
    metrics_.set_assignment(kept);
  }

  int shutdown() {
    watchdog_stop_.store(true);
    if (watchdog_.joinable()) watchdog_.join();
    const bool failed = engine_->failed();
    engine_->drain(std::chrono::duration_cast<std::chrono::milliseconds>(config_.shutdown_timeout));
    source_->close();
    engine_.reset();
    transactions_.reset();
    source_.reset();
    if (index_table_) index_table_->stop();
    sink_.reset();
    http_.reset();
    spdlog::info("stopped");
    return failed ? 1 : 0;
  }

  const Config& config_;
  const bool eos_ = config_.delivery == Delivery::exactly_once;
  LogRateLimit dead_letter_log_{10, std::chrono::seconds(10)};
  Metrics metrics_;
  ConfigReloader reloader_;
  const std::string writer_ = new_writer_id();  // before pipeline_, which takes it
  Stages stages_;
  Pipeline pipeline_;
  std::unique_ptr<IndexTable> index_table_;
  std::shared_ptr<EmbargoInbox> embargo_inbox_;
  std::unique_ptr<HttpServer> http_;
  std::unique_ptr<KafkaSink> sink_;
  std::unique_ptr<KafkaSource> source_;
  std::unique_ptr<KafkaTransactions> transactions_;
  // Declared last: destroyed (its worker threads joined) before the ports.
  std::unique_ptr<Engine> engine_;
  Steady::time_point last_connect_check_ = Steady::now() - std::chrono::seconds(10);
  std::atomic<bool> producer_connected_{false};
  std::atomic<bool> assignment_received_{false};
  std::atomic<bool> brokers_reachable_{true};
  std::atomic<int> blocked_partitions_{0};
  std::thread watchdog_;
  std::atomic<bool> watchdog_stop_{false};
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
