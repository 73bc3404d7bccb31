// `wiredesk config show`: the effective configuration as YAML that
// load_config reads back, secrets masked.
#include <yaml-cpp/yaml.h>

#include "config/config.hpp"

namespace wiredesk {

namespace {

// The largest unit that divides the duration exactly: 72h, 30s, 1500ms.
std::string duration_text(std::chrono::milliseconds d) {
  const int64_t ms = d.count();
  struct Unit {
    int64_t ms;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}};
  if (ms != 0) {
    for (const Unit& u : kUnits) {
      if (ms % u.ms == 0) return std::to_string(ms / u.ms) + u.name;
    }
  }
  return std::to_string(ms) + "ms";
}

void properties(YAML::Emitter& out, const char* key, const PropertyMap& map) {
  out << YAML::Key << key << YAML::Value << YAML::BeginMap;
  for (const auto& [name, value] : map) {
    out << YAML::Key << name << YAML::Value
        << (is_secret_property(name) ? std::string("********") : value);
  }
  out << YAML::EndMap;
}

}  // namespace

std::string config_to_yaml(const Config& c) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "kafka" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "bootstrap_servers" << YAML::Value << c.kafka.bootstrap_servers;
  out << YAML::Key << "group_id" << YAML::Value << c.kafka.group_id;
  out << YAML::Key << "instance_id" << YAML::Value << c.kafka.instance_id;
  out << YAML::Key << "commit_interval" << YAML::Value << duration_text(c.kafka.commit_interval);
  out << YAML::Key << "order_wait" << YAML::Value << duration_text(c.kafka.order_wait);
  properties(out, "common", c.kafka.common);
  properties(out, "consumer", c.kafka.consumer);
  properties(out, "producer", c.kafka.producer);
  out << YAML::EndMap;

  out << YAML::Key << "input" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "topics" << YAML::Value << YAML::Flow << c.input.topics;
  out << YAML::Key << "sources" << YAML::Value << YAML::BeginMap;
  for (const auto& [topic, source] : c.input.sources) out << YAML::Key << topic << YAML::Value << source;
  out << YAML::EndMap << YAML::EndMap;

  out << YAML::Key << "output" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "items" << YAML::Value << c.output.items;
  out << YAML::Key << "duplicates" << YAML::Value << c.output.duplicates;
  out << YAML::Key << "duplicates_enabled" << YAML::Value << c.output.duplicates_enabled;
  out << YAML::Key << "alerts" << YAML::Value << c.output.alerts;
  out << YAML::Key << "dlq" << YAML::Value << c.output.dlq;
  out << YAML::Key << "stories" << YAML::Value << c.output.stories;
  out << YAML::EndMap;

  out << YAML::Key << "delivery" << YAML::Value
      << (c.delivery == Delivery::exactly_once ? "exactly-once" : "at-least-once");
  out << YAML::Key << "http" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "listen" << YAML::Value << c.http.listen << YAML::EndMap;

  out << YAML::Key << "dedup" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "window" << YAML::Value << duration_text(c.dedup.window);
  out << YAML::Key << "index_topic" << YAML::Value << c.dedup.index_topic;
  out << YAML::Key << "restore_timeout" << YAML::Value << duration_text(c.dedup.restore_timeout);
  out << YAML::Key << "duplicate_similarity" << YAML::Value << c.dedup.duplicate_similarity;
  out << YAML::Key << "duplicate_containment" << YAML::Value << c.dedup.duplicate_containment;
  out << YAML::Key << "update_containment" << YAML::Value << c.dedup.update_containment;
  out << YAML::Key << "flash_window" << YAML::Value << duration_text(c.dedup.flash_window);
  out << YAML::Key << "max_entries" << YAML::Value << c.dedup.max_entries;
  out << YAML::Key << "hot_window" << YAML::Value << duration_text(c.dedup.hot_window);
  out << YAML::EndMap;

  out << YAML::Key << "embargo" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "topic" << YAML::Value << c.embargo.topic << YAML::EndMap;

  out << YAML::Key << "limits" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "max_message_bytes" << YAML::Value << c.limits.max_message_bytes;
  out << YAML::Key << "max_depth" << YAML::Value << c.limits.max_depth;
  out << YAML::Key << "max_in_flight" << YAML::Value << c.limits.max_in_flight;
  out << YAML::Key << "blocked_retry" << YAML::Value << duration_text(c.limits.blocked_retry);
  out << YAML::EndMap;

  out << YAML::Key << "log" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "format" << YAML::Value << c.log.format;
  out << YAML::Key << "level" << YAML::Value << c.log.level << YAML::EndMap;

  out << YAML::Key << "language" << YAML::Value << c.language;
  out << YAML::Key << "shutdown_timeout" << YAML::Value << duration_text(c.shutdown_timeout);
  out << YAML::Key << "workers" << YAML::Value << c.workers;
  out << YAML::Key << "taxonomy" << YAML::Value << c.taxonomy;
  out << YAML::Key << "alerts" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "rules" << YAML::Value << c.alerts;
  out << YAML::Key << "per_story" << YAML::Value << c.alerts_per_story << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace wiredesk
