#include "config/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <unistd.h>

#include <yaml-cpp/yaml.h>

#include "config/defaults.hpp"
#include "config/yaml_key.hpp"

extern char** environ;

namespace wiredesk {

std::string ConfigError::to_string() const {
  std::string s = file;
  if (!key.empty()) s += ": " + key;
  return s + ": " + message;
}

std::vector<std::string> process_environment() {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
  return env;
}

bool parse_duration(const std::string& text, std::chrono::milliseconds& out) {
  if (text.empty()) return false;
  size_t pos = 0;
  double value = 0;
  try {
    value = std::stod(text, &pos);
  } catch (...) {
    return false;
  }
  if (value < 0) return false;
  const std::string unit = text.substr(pos);
  double ms;
  if (unit.empty() || unit == "s") ms = value * 1000;
  else if (unit == "ms") ms = value;
  else if (unit == "m") ms = value * 60'000;
  else if (unit == "h") ms = value * 3'600'000;
  else if (unit == "d") ms = value * 86'400'000;
  else return false;
  // Beyond ~30,000 years (or not a number) is not a duration: refused before
  // the conversion, which would be undefined (a fuzz finding:
  // fuzz/corpus/rules/duration-overflow).
  if (!(ms >= 0 && ms <= 1e15)) return false;
  out = std::chrono::milliseconds(static_cast<int64_t>(ms));
  return true;
}

bool is_secret_property(const std::string& name) {
  static constexpr const char* kMarkers[] = {"password", "secret", "ssl.key", "token",
                                             "sasl.jaas", "private"};
  return std::any_of(std::begin(kMarkers), std::end(kMarkers),
                     [&](const char* m) { return name.find(m) != std::string::npos; });
}

namespace {

// Keys whose value is a list; a WIREDESK_ variable for them is comma-separated.
const std::set<std::string> kListKeys = {"input.topics"};
// Keys whose value is a free map of strings.
const std::set<std::string> kMapKeys = {"kafka.common", "kafka.consumer", "kafka.producer",
                                        "input.sources"};

class Loader {
 public:
  Loader(std::string file, std::vector<ConfigError>& errors)
      : file_(std::move(file)), errors_(errors) {}

  void apply_env(YAML::Node& root, const std::vector<std::string>& env) {
    static constexpr std::string_view kPrefix = "WIREDESK_";
    for (const auto& entry : env) {
      if (entry.rfind(kPrefix, 0) != 0) continue;
      const size_t eq = entry.find('=');
      if (eq == std::string::npos) continue;
      const std::string name = entry.substr(0, eq);
      if (name == "WIREDESK_CONFIG") continue;
      const std::string value = entry.substr(eq + 1);
      std::vector<std::string> parts;
      std::string rest = name.substr(kPrefix.size());
      size_t sep;
      while ((sep = rest.find("__")) != std::string::npos) {
        parts.push_back(lower(rest.substr(0, sep)));
        rest = rest.substr(sep + 2);
      }
      parts.push_back(lower(rest));
      // Inside a librdkafka pass-through map, '_' stands for '.'.
      if (parts.size() >= 3 && parts[0] == "kafka") {
        std::string prop = parts[2];
        for (size_t i = 3; i < parts.size(); ++i) prop += "." + parts[i];
        std::replace(prop.begin(), prop.end(), '_', '.');
        parts.resize(2);
        parts.push_back(prop);
      }
      std::string dotted;
      for (const auto& p : parts) dotted += (dotted.empty() ? "" : ".") + p;
      env_source_[dotted] = "env " + name;

      std::vector<YAML::Node> chain{root};
      for (size_t i = 0; i + 1 < parts.size(); ++i) {
        YAML::Node child = chain.back()[parts[i]];
        if (!child.IsMap()) {
          chain.back()[parts[i]] = YAML::Node(YAML::NodeType::Map);
          child = chain.back()[parts[i]];
        }
        chain.push_back(child);
      }
      if (kListKeys.count(dotted)) {
        YAML::Node list(YAML::NodeType::Sequence);
        size_t start = 0;
        while (start <= value.size()) {
          size_t comma = value.find(',', start);
          if (comma == std::string::npos) comma = value.size();
          std::string item = trim(value.substr(start, comma - start));
          if (!item.empty()) list.push_back(item);
          start = comma + 1;
        }
        chain.back()[parts.back()] = list;
      } else {
        chain.back()[parts.back()] = value;
      }
    }
  }

  void error(const std::string& key, const std::string& message) {
    auto it = env_source_.find(key);
    errors_.push_back({it != env_source_.end() ? it->second : file_, key, message});
  }

  template <typename Fn>
  void scalar(const YAML::Node& node, const std::string& key, Fn&& assign) {
    if (!node) return;
    if (!node.IsScalar()) {
      error(key, "expected a single value");
      return;
    }
    assign(node.Scalar());
  }

  void string(const YAML::Node& node, const std::string& key, std::string& dest,
              bool required = true) {
    scalar(node, key, [&](const std::string& v) {
      if (required && trim(v).empty()) {
        error(key, "must not be empty");
        return;
      }
      dest = v;
    });
  }

  template <typename Int>
  void integer(const YAML::Node& node, const std::string& key, Int& dest, long long min,
               long long max) {
    scalar(node, key, [&](const std::string& v) {
      size_t pos = 0;
      long long parsed = 0;
      try {
        parsed = std::stoll(v, &pos);
      } catch (...) {
        pos = 0;
      }
      if (pos == 0 || pos != v.size()) {
        error(key, "expected an integer, got '" + v + "'");
      } else if (parsed < min || parsed > max) {
        error(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
      } else {
        dest = static_cast<Int>(parsed);
      }
    });
  }

  // A number between 0 and 1 (a similarity or containment threshold).
  void fraction(const YAML::Node& node, const std::string& key, double& dest) {
    scalar(node, key, [&](const std::string& v) {
      size_t pos = 0;
      double parsed = -1;
      try {
        parsed = std::stod(v, &pos);
      } catch (...) {
        pos = 0;
      }
      if (pos == 0 || pos != v.size() || parsed < 0 || parsed > 1) {
        error(key, "expected a number between 0 and 1, got '" + v + "'");
      } else {
        dest = parsed;
      }
    });
  }

  void boolean(const YAML::Node& node, const std::string& key, bool& dest) {
    scalar(node, key, [&](const std::string& v) {
      const std::string l = lower(v);
      if (l == "true" || l == "yes" || l == "on" || l == "1") dest = true;
      else if (l == "false" || l == "no" || l == "off" || l == "0") dest = false;
      else error(key, "expected true or false, got '" + v + "'");
    });
  }

  void duration(const YAML::Node& node, const std::string& key, std::chrono::milliseconds& dest) {
    scalar(node, key, [&](const std::string& v) {
      if (!parse_duration(v, dest)) {
        error(key, "expected a duration such as 10s, 500ms, 72h; got '" + v + "'");
      }
    });
  }

  void string_map(const YAML::Node& node, const std::string& key,
                  std::map<std::string, std::string>& dest) {
    if (!node || node.IsNull()) return;
    if (!node.IsMap()) {
      error(key, "expected a map of names to values");
      return;
    }
    for (const auto& kv : node) {
      const std::string name = key_name(kv.first);
      if (!kv.first.IsScalar()) {
        error(key + "." + name, "expected a name");
        continue;
      }
      if (!kv.second.IsScalar()) {
        error(key + "." + name, "expected a single value");
        continue;
      }
      dest[name] = kv.second.Scalar();
    }
  }

  void string_list(const YAML::Node& node, const std::string& key,
                   std::vector<std::string>& dest) {
    if (!node) return;
    std::vector<std::string> values;
    if (node.IsScalar()) {
      values.push_back(node.Scalar());
    } else if (node.IsSequence()) {
      for (const auto& v : node) {
        if (!v.IsScalar()) {
          error(key, "expected a list of names");
          return;
        }
        values.push_back(v.Scalar());
      }
    } else {
      error(key, "expected a list of names");
      return;
    }
    if (values.empty()) error(key, "must name at least one topic");
    dest = std::move(values);
  }

  // Reports keys of `node` that are not in `known`.
  void unknown_keys(const YAML::Node& node, const std::string& prefix,
                    std::initializer_list<std::string_view> known) {
    if (!node) return;
    if (!node.IsMap()) {
      error(prefix, "expected a map");
      return;
    }
    for (const auto& kv : node) {
      const std::string name = key_name(kv.first);
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        error(prefix.empty() ? name : prefix + "." + name, "unknown key");
      }
    }
  }

  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  static std::string trim(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return s.substr(a, b - a);
  }

 private:
  std::string file_;
  std::vector<ConfigError>& errors_;
  std::map<std::string, std::string> env_source_;
};

bool valid_listen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 >= listen.size()) return false;
  const std::string port = listen.substr(colon + 1);
  if (!std::all_of(port.begin(), port.end(), ::isdigit)) return false;
  const long p = std::stol(port);
  return p > 0 && p < 65536;
}

std::string resolve_relative(const std::string& base_file, const std::string& path) {
  if (path.empty() || is_builtin(path)) return path;
  // Beside the embedded configuration are the embedded taxonomy and rules.
  if (is_builtin(base_file) && !std::filesystem::path(path).is_absolute()) {
    return std::string(kBuiltinScheme) + path;
  }
  std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(base_file).parent_path() / p).lexically_normal().string();
}

// A librdkafka property NAME.file in kafka.common/consumer/producer names a
// file (a mounted Kubernetes Secret) whose content, without the trailing
// newline, is the value of NAME: WIREDESK_KAFKA__COMMON__SASL_PASSWORD_FILE=
// /var/run/secrets/kafka/password. No librdkafka property ends in ".file".
// Errors name the file, never its content.
template <typename Error>
void read_property_files(const std::string& config_file, const std::string& key,
                         PropertyMap& properties, Error&& error) {
  static constexpr std::string_view kSuffix = ".file";
  static constexpr std::uintmax_t kMaxBytes = 64 * 1024;
  for (auto it = properties.begin(); it != properties.end();) {
    const std::string& name = it->first;
    if (name.size() <= kSuffix.size() ||
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
      ++it;
      continue;
    }
    const std::string target = name.substr(0, name.size() - kSuffix.size());
    const std::string path = resolve_relative(config_file, it->second);
    std::error_code ec;
    const bool regular = std::filesystem::is_regular_file(path, ec);
    const auto size = regular ? std::filesystem::file_size(path, ec) : 0;
    std::string value;
    if (!regular || ec || size > kMaxBytes) {
      error(key + "." + name, "cannot read " + path + (size > kMaxBytes ? " (over 64 KiB)" : ""));
    } else if (properties.count(target)) {
      error(key + "." + name, "both " + target + " and " + name + " are set");
    } else {
      std::ifstream in(path, std::ios::binary);
      value.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
      if (!in.good() && !in.eof()) {
        error(key + "." + name, "cannot read " + path);
      } else {
        properties[target] = std::move(value);
      }
    }
    it = properties.erase(it);
  }
}

}  // namespace

namespace {
void parse_config_into(const std::string& text, const std::string& path,
                       const std::vector<std::string>& env, LoadedConfig& loaded);
}  // namespace

LoadedConfig load_config(const std::string& path, const std::vector<std::string>& env) {
  std::string text;
  if (!read_text_file(path, text)) {
    LoadedConfig loaded;
    loaded.config.file = path;
    loaded.errors.push_back({path, "", "cannot read the file"});
    return loaded;
  }
  return parse_config(text, path, env);
}

LoadedConfig parse_config(const std::string& text, const std::string& path,
                          const std::vector<std::string>& env) {
  LoadedConfig loaded;
  try {
    parse_config_into(text, path, env, loaded);
  } catch (const YAML::Exception& e) {  // a shape the readers did not expect (complex keys …)
    loaded.errors.push_back({path, "", std::string("not valid YAML: ") + e.what()});
  }
  return loaded;
}

namespace {
void parse_config_into(const std::string& text, const std::string& path,
                       const std::vector<std::string>& env, LoadedConfig& loaded) {
  Config& c = loaded.config;
  c.file = path;
  Loader l(path, loaded.errors);

  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    loaded.errors.push_back({path, "", std::string("not valid YAML: ") + e.what()});
    return;
  }
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) {
    loaded.errors.push_back({path, "", "the top level must be a map"});
    return;
  }
  // `alerts: FILE` is short for `alerts: {rules: FILE}`; made long before the
  // environment is applied, so that WIREDESK_ALERTS__PER_STORY keeps the file.
  if (root["alerts"] && root["alerts"].IsScalar()) {
    const std::string file = root["alerts"].as<std::string>();
    root["alerts"] = YAML::Node(YAML::NodeType::Map);
    root["alerts"]["rules"] = file;
  }
  l.apply_env(root, env);

  l.unknown_keys(root, "",
                 {"kafka", "input", "output", "delivery", "http", "dedup", "embargo", "limits", "log",
                  "language", "shutdown_timeout", "workers", "taxonomy", "alerts"});

  const YAML::Node kafka = root["kafka"];
  l.unknown_keys(kafka, "kafka",
                 {"bootstrap_servers", "group_id", "instance_id", "commit_interval", "order_wait",
                  "common", "consumer", "producer"});
  if (kafka && kafka.IsMap()) {
    l.string(kafka["bootstrap_servers"], "kafka.bootstrap_servers", c.kafka.bootstrap_servers);
    l.string(kafka["group_id"], "kafka.group_id", c.kafka.group_id);
    l.string(kafka["instance_id"], "kafka.instance_id", c.kafka.instance_id, false);
    l.duration(kafka["commit_interval"], "kafka.commit_interval", c.kafka.commit_interval);
    l.duration(kafka["order_wait"], "kafka.order_wait", c.kafka.order_wait);
    l.string_map(kafka["common"], "kafka.common", c.kafka.common);
    l.string_map(kafka["consumer"], "kafka.consumer", c.kafka.consumer);
    l.string_map(kafka["producer"], "kafka.producer", c.kafka.producer);
    const auto error = [&l](const std::string& key, const std::string& message) {
      l.error(key, message);
    };
    read_property_files(path, "kafka.common", c.kafka.common, error);
    read_property_files(path, "kafka.consumer", c.kafka.consumer, error);
    read_property_files(path, "kafka.producer", c.kafka.producer, error);
  }

  const YAML::Node input = root["input"];
  l.unknown_keys(input, "input", {"topics", "sources"});
  if (input && input.IsMap()) {
    l.string_list(input["topics"], "input.topics", c.input.topics);
    l.string_map(input["sources"], "input.sources", c.input.sources);
  }

  const YAML::Node output = root["output"];
  l.unknown_keys(output, "output",
                 {"items", "duplicates", "duplicates_enabled", "alerts", "dlq", "stories"});
  if (output && output.IsMap()) {
    l.string(output["items"], "output.items", c.output.items);
    l.string(output["duplicates"], "output.duplicates", c.output.duplicates);
    l.boolean(output["duplicates_enabled"], "output.duplicates_enabled", c.output.duplicates_enabled);
    l.string(output["alerts"], "output.alerts", c.output.alerts);
    l.string(output["dlq"], "output.dlq", c.output.dlq);
    if (output["stories"] && output["stories"].IsNull()) {
      c.output.stories.clear();
    } else {
      l.string(output["stories"], "output.stories", c.output.stories, false);
    }
  }

  l.scalar(root["delivery"], "delivery", [&](const std::string& v) {
    if (v == "at-least-once") c.delivery = Delivery::at_least_once;
    else if (v == "exactly-once") c.delivery = Delivery::exactly_once;
    else l.error("delivery", "expected at-least-once or exactly-once, got '" + v + "'");
  });

  const YAML::Node http = root["http"];
  l.unknown_keys(http, "http", {"listen"});
  if (http && http.IsMap()) l.string(http["listen"], "http.listen", c.http.listen);
  if (!valid_listen(c.http.listen)) {
    l.error("http.listen", "expected host:port, got '" + c.http.listen + "'");
  }

  const YAML::Node dedup = root["dedup"];
  l.unknown_keys(dedup, "dedup",
                 {"window", "index_topic", "restore_timeout", "duplicate_similarity",
                  "duplicate_containment", "update_containment", "flash_window", "max_entries",
                  "hot_window"});
  if (dedup && dedup.IsMap()) {
    l.duration(dedup["window"], "dedup.window", c.dedup.window);
    l.string(dedup["index_topic"], "dedup.index_topic", c.dedup.index_topic);
    l.duration(dedup["restore_timeout"], "dedup.restore_timeout", c.dedup.restore_timeout);
    l.fraction(dedup["duplicate_similarity"], "dedup.duplicate_similarity",
               c.dedup.duplicate_similarity);
    l.fraction(dedup["duplicate_containment"], "dedup.duplicate_containment",
               c.dedup.duplicate_containment);
    l.fraction(dedup["update_containment"], "dedup.update_containment",
               c.dedup.update_containment);
    l.duration(dedup["flash_window"], "dedup.flash_window", c.dedup.flash_window);
    l.integer(dedup["max_entries"], "dedup.max_entries", c.dedup.max_entries, 1000,
              16'000'000);  // the most the index addresses (DedupIndex::kMaxEntries)
    l.duration(dedup["hot_window"], "dedup.hot_window", c.dedup.hot_window);
    if (c.dedup.window.count() <= 0) l.error("dedup.window", "must be positive");
  }

  const YAML::Node embargo = root["embargo"];
  l.unknown_keys(embargo, "embargo", {"topic"});
  if (embargo && embargo.IsMap()) {
    if (embargo["topic"] && embargo["topic"].IsNull()) {
      c.embargo.topic.clear();
    } else {
      l.string(embargo["topic"], "embargo.topic", c.embargo.topic, false);
    }
  }

  const YAML::Node limits = root["limits"];
  l.unknown_keys(limits, "limits",
                 {"max_message_bytes", "max_depth", "max_in_flight", "blocked_retry"});
  if (limits && limits.IsMap()) {
    l.integer(limits["max_message_bytes"], "limits.max_message_bytes", c.limits.max_message_bytes,
              1, 64LL << 20);
    l.integer(limits["max_depth"], "limits.max_depth", c.limits.max_depth, 2, 256);
    l.integer(limits["max_in_flight"], "limits.max_in_flight", c.limits.max_in_flight, 1, 1'000'000);
    l.duration(limits["blocked_retry"], "limits.blocked_retry", c.limits.blocked_retry);
  }

  const YAML::Node log = root["log"];
  l.unknown_keys(log, "log", {"format", "level"});
  if (log && log.IsMap()) {
    l.string(log["format"], "log.format", c.log.format);
    l.string(log["level"], "log.level", c.log.level);
    if (c.log.format != "auto" && c.log.format != "json" && c.log.format != "text") {
      l.error("log.format", "expected auto, json or text, got '" + c.log.format + "'");
    }
    static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "off"};
    if (!kLevels.count(c.log.level)) {
      l.error("log.level", "expected trace, debug, info, warn, error or off");
    }
  }

  l.string(root["language"], "language", c.language);
  l.duration(root["shutdown_timeout"], "shutdown_timeout", c.shutdown_timeout);
  l.integer(root["workers"], "workers", c.workers, 0, 256);
  l.string(root["taxonomy"], "taxonomy", c.taxonomy, false);
  const YAML::Node alerts = root["alerts"];
  if (alerts && alerts.IsScalar()) {  // WIREDESK_ALERTS=FILE
    l.string(alerts, "alerts", c.alerts, false);
  } else {
    l.unknown_keys(alerts, "alerts", {"rules", "per_story"});
    if (alerts && alerts.IsMap()) {
      l.string(alerts["rules"], "alerts.rules", c.alerts, false);
      l.string(alerts["per_story"], "alerts.per_story", c.alerts_per_story);
    }
  }
  if (c.alerts_per_story != "thread" && c.alerts_per_story != "every") {
    l.error("alerts.per_story", "expected thread or every, got '" + c.alerts_per_story + "'");
  }
  c.taxonomy = resolve_relative(path, c.taxonomy);
  c.alerts = resolve_relative(path, c.alerts);

  const std::set<std::string> outputs = {c.output.items, c.output.duplicates, c.output.alerts,
                                         c.output.dlq, c.embargo.topic, c.dedup.index_topic};
  for (const auto& t : c.input.topics) {
    if (outputs.count(t)) l.error("input.topics", "topic '" + t + "' is also an output topic");
  }
  return;
}
}  // namespace

}  // namespace wiredesk

namespace wiredesk {

std::string instance_id(const Config& c) {
  if (c.kafka.instance_id == "none") return {};
  if (!c.kafka.instance_id.empty()) return c.kafka.instance_id;
  if (const char* pod = std::getenv("POD_NAME"); pod && *pod) return pod;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  const std::string& listen = c.http.listen;
  return std::string(host) + "-" + listen.substr(listen.rfind(':') + 1);
}

PropertyMap consumer_properties(const Config& c) {
  PropertyMap p = {
      {"bootstrap.servers", c.kafka.bootstrap_servers},
      {"group.id", c.kafka.group_id},
      {"client.id", "wiredesk"},
      {"auto.offset.reset", "earliest"},
      {"statistics.interval.ms", "5000"},
      {"fetch.wait.max.ms", "100"},
      {"queued.max.messages.kbytes", "65536"},
      // Recovery (docs/reliability.md): a killed member is declared dead
      // after 10 s, heartbeats every second; with static membership a
      // restarted instance takes its partitions back at once, and the
      // cooperative-sticky assignor moves only the partitions that must.
      {"session.timeout.ms", "10000"},
      {"heartbeat.interval.ms", "1000"},
      {"partition.assignment.strategy", "cooperative-sticky"},
  };
  if (const std::string id = instance_id(c); !id.empty()) p["group.instance.id"] = id;
  for (const auto& [k, v] : c.kafka.common) p[k] = v;
  for (const auto& [k, v] : c.kafka.consumer) p[k] = v;
  // Offsets are committed by wiredesk only after outputs are acknowledged.
  p["enable.auto.commit"] = "false";
  p["enable.auto.offset.store"] = "false";
  p["enable.partition.eof"] = "false";
  if (c.delivery == Delivery::exactly_once) p["isolation.level"] = "read_committed";
  return p;
}

PropertyMap producer_properties(const Config& c) {
  PropertyMap p = {
      {"bootstrap.servers", c.kafka.bootstrap_servers},
      {"client.id", "wiredesk"},
      {"statistics.interval.ms", "5000"},
      {"compression.type", "lz4"},
      // Batches a backlog only: a caught-up engine sends at once
      // (OutputPort::send_now), so a steady feed never waits for it. 50 ms
      // rather than 5 halves the broker's CPU on a backlog (fewer, fuller
      // produce requests; benchmarks/README.md, "Latency at a steady rate",
      // "a backlog lingers 50 ms").
      {"linger.ms", "50"},
      // The brokers' own limit decides; librdkafka's 1,000,000-byte default
      // would refuse a dead letter of an input that the brokers accepted.
      {"message.max.bytes", "10485760"},
  };
  for (const auto& [k, v] : c.kafka.common) p[k] = v;
  for (const auto& [k, v] : c.kafka.producer) p[k] = v;
  p["enable.idempotence"] = "true";
  p["acks"] = "all";
  if (c.delivery == Delivery::exactly_once && !p.count("transactional.id")) {
    // Stable per instance, so a restarted instance fences its predecessor;
    // unique per instance, so two instances never fence each other.
    std::string id = instance_id(c);
    if (id.empty()) {
      char host[256] = {};
      gethostname(host, sizeof host - 1);
      id = std::string(host) + "-" + c.http.listen.substr(c.http.listen.rfind(':') + 1);
    }
    p["transactional.id"] = c.kafka.group_id + "-" + id;
  }
  if (c.delivery == Delivery::at_least_once) p.erase("transactional.id");
  return p;
}

}  // namespace wiredesk
