#include "app/wiring.hpp"

#include "processors/alert_ledger.hpp"
#include "processors/dedup.hpp"

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
  for (const auto& [topic, source] : config.input.sources) o.source_by_topic[topic] = source;
  return o;
}

TagFiles tag_files(const Config& config) { return {config.taxonomy, config.alerts}; }

std::vector<std::shared_ptr<Stage>> make_stages(const Config& config) {
  return make_stages(config, make_tag_stages(tag_files(config)));
}

std::vector<std::shared_ptr<Stage>> make_stages(const Config& config, const TagStages& tag) {
  DedupOptions dedup;
  dedup.window_ms = config.dedup.window.count();
  dedup.duplicate_jaccard = config.dedup.duplicate_similarity;
  dedup.duplicate_containment = config.dedup.duplicate_containment;
  dedup.update_containment = config.dedup.update_containment;
  dedup.flash_window_ms = config.dedup.flash_window.count();
  dedup.max_entries = config.dedup.max_entries;
  AlertLedgerOptions ledger;
  ledger.window_ms = config.dedup.window.count();
  tag.alerter->set_ledger(std::make_shared<AlertLedger>(ledger));
  tag.alerter->set_mode(config.alerts_per_story == "every" ? AlertMode::every : AlertMode::thread);
  return {std::make_shared<Dedup>(dedup), tag.tagger, tag.alerter};
}

}  // namespace wiredesk
