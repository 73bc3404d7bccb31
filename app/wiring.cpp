#include "app/wiring.hpp"

#include "processors/tag/alert_ledger.hpp"
#include "processors/dedup/dedup.hpp"

#include <fmt/format.h>
#include <librdkafka/rdkafkacpp.h>

#include <charconv>
#include <fstream>

namespace wiredesk {

PipelineOptions pipeline_options(const Config& config) {
  PipelineOptions o;
  o.decode.max_message_bytes = config.limits.max_message_bytes;
  o.decode.max_depth = config.limits.max_depth;
  o.decode.default_language = config.language;
  o.topics.items = config.output.items;
  o.topics.duplicates = config.output.duplicates;
  o.topics.duplicates_enabled = config.output.duplicates_enabled;
  o.topics.alerts = config.output.alerts;
  o.topics.dlq = config.output.dlq;
  o.topics.stories = config.output.stories;
  for (const auto& [topic, source] : config.input.sources) o.source_by_topic[topic] = source;
  return o;
}

TagFiles tag_files(const Config& config) { return {config.taxonomy, config.alerts}; }

std::vector<std::shared_ptr<Stage>> make_stages(const Config& config) {
  return make_stages(config, make_tag_stages(tag_files(config))).list();
}

Stages make_stages(const Config& config, const TagStages& tag) {
  DedupOptions dedup;
  dedup.window_ms = config.dedup.window.count();
  dedup.duplicate_jaccard = config.dedup.duplicate_similarity;
  dedup.duplicate_containment = config.dedup.duplicate_containment;
  dedup.update_containment = config.dedup.update_containment;
  dedup.flash_window_ms = config.dedup.flash_window.count();
  dedup.max_entries = config.dedup.max_entries;
  dedup.hot_window_ms = config.dedup.hot_window.count();
  AlertLedgerOptions ledger;
  ledger.window_ms = config.dedup.window.count();
  tag.alerter->set_ledger(std::make_shared<AlertLedger>(ledger));
  tag.alerter->set_mode(config.alerts_per_story == "every" ? AlertMode::every : AlertMode::thread);
  // No story view configured: no stage, no state.
  std::shared_ptr<StoryView> view;
  if (!config.output.stories.empty()) view = std::make_shared<StoryView>(config.dedup.window.count());
  return {std::make_shared<Dedup>(dedup), tag.tagger, tag.alerter, view};
}

namespace {

std::string property(const PropertyMap& p, const std::string& name, const std::string& fallback) {
  const auto it = p.find(name);
  return it == p.end() ? fallback : it->second;
}

std::string sasl_mechanism(const PropertyMap& p) {
  return property(p, "sasl.mechanisms", property(p, "sasl.mechanism", "GSSAPI"));
}

}  // namespace

std::string connection_summary(const Config& config) {
  const PropertyMap p = consumer_properties(config);
  const std::string protocol = property(p, "security.protocol", "plaintext");
  std::string upper = protocol;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (upper.rfind("SASL", 0) != 0) return upper;
  std::string out = upper + ", " + sasl_mechanism(p);
  if (const auto user = property(p, "sasl.username", ""); !user.empty()) out += " as " + user;
  return out;
}

std::vector<std::string> connection_warnings(const Config& config) {
  std::vector<std::string> warnings;
  constexpr int kScramNonceFixed = 0x020601ff;  // librdkafka 2.6.1
  for (const PropertyMap& p : {consumer_properties(config), producer_properties(config)}) {
    const std::string protocol = property(p, "security.protocol", "plaintext");
    if (protocol.size() < 4 || (protocol[0] != 's' && protocol[0] != 'S')) continue;
    std::string mechanism = sasl_mechanism(p);
    for (char& ch : mechanism) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (mechanism.rfind("SCRAM", 0) == 0 && RdKafka::version() < kScramNonceFixed) {
      warnings.push_back("librdkafka " + RdKafka::version_str() +
                         " cannot authenticate with SCRAM to Kafka 4.0 or newer brokers "
                         "(fixed in librdkafka 2.6.1); use brokers up to 3.9, SASL PLAIN over "
                         "TLS, or an image with a newer librdkafka");
      break;
    }
  }
  return warnings;
}

namespace {

// The first line of a cgroup file as a byte count; none for "max", a value
// no machine has (cgroup v1 writes 2^63 rounded down to a page for "no
// limit"), or anything unreadable.
std::optional<uint64_t> limit_in(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), value);
  if (error != std::errc() || end != line.data() + line.size()) return std::nullopt;
  if (value >= (uint64_t{1} << 60)) return std::nullopt;
  return value;
}

std::string gigabytes(uint64_t bytes) {
  return fmt::format("{:.1f} GB", static_cast<double>(bytes) / 1e9);
}

}  // namespace

std::optional<uint64_t> container_memory_limit(const std::filesystem::path& root) {
  std::error_code error;
  if (std::filesystem::exists(root / "memory.max", error)) return limit_in(root / "memory.max");
  return limit_in(root / "memory" / "memory.limit_in_bytes");
}

std::vector<std::string> memory_warnings(const Config& config, std::optional<uint64_t> limit) {
  std::vector<std::string> warnings;
  if (!limit) return warnings;
  const uint64_t entries = config.dedup.max_entries;
  const uint64_t needed = kServiceBaseBytes + entries * kBytesPerRememberedItem;
  if (needed <= *limit) return warnings;
  const uint64_t fits =
      *limit > kServiceBaseBytes ? (*limit - kServiceBaseBytes) / kBytesPerRememberedItem : 0;
  warnings.push_back(fmt::format(
      "dedup.max_entries {} needs about {} (about {} bytes per remembered item and {} MB "
      "besides), more than this container's memory limit of {}: if the window ever holds that "
      "many items, wiredesk is killed for memory before the cap evicts any; set "
      "dedup.max_entries to at most {}, or raise the limit",
      entries, gigabytes(needed), kBytesPerRememberedItem, kServiceBaseBytes >> 20,
      gigabytes(*limit), fits));
  return warnings;
}

}  // namespace wiredesk
