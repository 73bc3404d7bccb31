// Typed configuration (design §7): config/wiredesk.yaml, then WIREDESK_…
// environment overrides, validated once at start.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace wiredesk {

struct ConfigError {
  std::string file;     // config file path, or "env WIREDESK_…"
  std::string key;      // dotted path, e.g. kafka.bootstrap_servers
  std::string message;
  std::string to_string() const;  // "file: key: message"
};

using PropertyMap = std::map<std::string, std::string>;

struct KafkaConfig {
  std::string bootstrap_servers = "127.0.0.1:9092";  // kafka.bootstrap_servers
  std::string group_id = "wiredesk";                 // kafka.group_id
  // kafka.instance_id: this instance's static group membership id
  // (group.instance.id, KIP-345) and the suffix of its transactional.id.
  // Empty: $POD_NAME when set (the chart sets it), else <hostname>-<HTTP
  // port>, which is stable across restarts of one instance and unique on a
  // host (two instances cannot share a port). "none": dynamic membership.
  std::string instance_id;
  // kafka.commit_interval: how often acknowledged input offsets are committed
  // (at-least-once; a crash repeats at most this much work).
  std::chrono::milliseconds commit_interval = std::chrono::seconds(1);
  // kafka.order_wait: while a backlog is read, records of the assigned
  // partitions are handed out in timestamp order; a partition with nothing
  // fetched that has not reached its end holds the others back at most this
  // long. 0: records go as they arrive, partitions drift apart in time.
  std::chrono::milliseconds order_wait = std::chrono::milliseconds(250);
  PropertyMap common;    // kafka.common: librdkafka properties for consumer and producer
  PropertyMap consumer;  // kafka.consumer: librdkafka consumer properties
  PropertyMap producer;  // kafka.producer: librdkafka producer properties
};

struct InputConfig {
  std::vector<std::string> topics{"wire.items"};  // input.topics
  std::map<std::string, std::string> sources;    // input.sources: topic → default source name
};

struct OutputConfig {
  std::string items = "news.items";            // output.items
  std::string duplicates = "news.duplicates";  // output.duplicates
  bool duplicates_enabled = true;              // output.duplicates_enabled
  std::string alerts = "news.alerts";          // output.alerts
  std::string dlq = "news.dlq";                // output.dlq
  std::string stories = "news.stories";        // output.stories; empty: no story view
};

enum class Delivery { at_least_once, exactly_once };

struct HttpConfig {
  std::string listen = "127.0.0.1:8080";  // http.listen: host:port of /metrics, /healthz, /readyz
};

struct DedupConfig {
  std::chrono::milliseconds window = std::chrono::hours(72);  // dedup.window (event time)
  std::string index_topic = "wiredesk.dedup-index";           // dedup.index_topic
  // dedup.restore_timeout: how long start-up may take to read the index topic.
  std::chrono::milliseconds restore_timeout = std::chrono::minutes(5);
  // dedup.duplicate_similarity: estimated Jaccard of the body shingles at or
  // above which a copy under another uri is a duplicate.
  double duplicate_similarity = 0.60;
  // dedup.duplicate_containment: the shorter text contained at least this
  // much in the longer one also makes a duplicate (a copy that drops or adds
  // a paragraph).
  double duplicate_containment = 0.80;
  // dedup.update_containment: a marked write-through ((LEAD), (2nd LD), …)
  // of the same source contains at least this much of the earlier text.
  double update_containment = 0.50;
  // dedup.flash_window: how long after an (URGENT) flash its story may follow.
  std::chrono::milliseconds flash_window = std::chrono::hours(3);
  // dedup.max_entries: hard cap on remembered items (oldest go first), at
  // most 16,000,000.
  size_t max_entries = 4'000'000;
  // dedup.hot_window: how long (event time, behind the newest item) a
  // remembered item is found by all of its body bands; older ones are found
  // by half of them (and by everything else), ~70 bytes less each. 0: for
  // the whole window.
  std::chrono::milliseconds hot_window = std::chrono::hours(12);
};

struct EmbargoConfig {
  // embargo.topic: where items held under embargo are kept (compacted by
  // item) until released, so that they survive restarts and every replica
  // knows them. Empty: the service does not hold embargoed items.
  std::string topic = "wiredesk.embargo";
};

struct LimitsConfig {
  size_t max_message_bytes = 1 << 20;  // limits.max_message_bytes
  int max_depth = 64;                  // limits.max_depth
  size_t max_in_flight = 10000;        // limits.max_in_flight: input records awaiting acks before pausing
  // limits.blocked_retry: how often a record that even the dead-letter topic
  // refused is tried again; its input partition waits meanwhile.
  std::chrono::milliseconds blocked_retry = std::chrono::seconds(30);
};

struct LogConfig {
  std::string format = "auto";  // log.format: auto (json unless a terminal) | json | text
  std::string level = "info";   // log.level: trace, debug, info, warn, error
};

struct Config {
  std::string file;  // where it was loaded from
  KafkaConfig kafka;
  InputConfig input;
  OutputConfig output;
  Delivery delivery = Delivery::at_least_once;  // delivery
  HttpConfig http;
  DedupConfig dedup;
  EmbargoConfig embargo;
  LimitsConfig limits;
  LogConfig log;
  std::string language = "en";  // language: default for items without one
  std::chrono::milliseconds shutdown_timeout = std::chrono::seconds(10);  // shutdown_timeout
  // workers: threads that decode, fingerprint and tag records ahead of the
  // in-order dedup decision (processors/core/parallel.hpp); 0: one fewer than cores (at least 1).
  size_t workers = 0;
  // taxonomy: path of the taxonomy file (relative to this file; "": none).
  // Unset: the embedded default (config/defaults.hpp).
  std::string taxonomy = "builtin:taxonomy.yaml";
  // alerts.rules: path of the alert-rule file (relative to this file; "":
  // none); the short form `alerts: FILE` sets only this. Unset: the embedded
  // default.
  std::string alerts = "builtin:alerts.yaml";
  // alerts.per_story: thread (one alert per story, follow-ups when a later
  // item raises the stakes) | every (one record per matching item).
  std::string alerts_per_story = "thread";
};

struct LoadedConfig {
  Config config;
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }
};

// Loads `path` (missing file → error), applies overrides from `environ`-style
// entries ("NAME=value"), validates. Never throws.
LoadedConfig load_config(const std::string& path, const std::vector<std::string>& env);
// The same on YAML text; `path` names it in errors and anchors relative paths.
LoadedConfig parse_config(const std::string& text, const std::string& path,
                          const std::vector<std::string>& env);

// The effective configuration as YAML that load_config reads back: every
// key, secrets (is_secret_property) masked. `wiredesk config show`.
std::string config_to_yaml(const Config& config);

// The process environment as "NAME=value" strings.
std::vector<std::string> process_environment();

// Parses "72h", "10s", "1500ms", "30m", "2d" or a bare number of seconds.
bool parse_duration(const std::string& text, std::chrono::milliseconds& out);

// The static membership id of kafka.instance_id (see there); empty for "none".
std::string instance_id(const Config& config);

// True for librdkafka property names whose values must never be logged.
bool is_secret_property(const std::string& name);

}  // namespace wiredesk

namespace wiredesk {

// librdkafka properties for the service's consumer and producer: wiredesk's
// required settings, then kafka.common, then kafka.consumer / kafka.producer.
// Settings that the delivery guarantee depends on are forced last.
PropertyMap consumer_properties(const Config& config);
PropertyMap producer_properties(const Config& config);

}  // namespace wiredesk
