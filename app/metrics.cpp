#include "app/metrics.hpp"

#include <algorithm>

#include <prometheus/text_serializer.h>
#include <simdjson.h>

#include "app/version.hpp"

namespace wiredesk {

namespace {

prometheus::Histogram::BucketBoundaries latency_buckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

prometheus::Histogram::BucketBoundaries stage_buckets() {
  return {0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01, 0.1};
}

prometheus::Histogram::BucketBoundaries age_buckets() {
  return {1, 5, 15, 30, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86400, 3 * 86400};
}

}  // namespace

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      consumed_(prometheus::BuildCounter()
                    .Name("wiredesk_items_consumed_total")
                    .Help("Input records consumed, by input topic.")
                    .Register(*registry_)),
      dead_letters_(prometheus::BuildCounter()
                        .Name("wiredesk_dead_letters_total")
                        .Help("Input records sent to the dead-letter topic, by reason code.")
                        .Register(*registry_)),
      verdicts_(prometheus::BuildCounter()
                    .Name("wiredesk_verdicts_total")
                    .Help("Accepted items by dedup verdict (new, update, duplicate).")
                    .Register(*registry_)),
      topics_(prometheus::BuildCounter()
                  .Name("wiredesk_topics_assigned_total")
                  .Help("Topics assigned to items, by taxonomy topic id.")
                  .Register(*registry_)),
      alerts_(prometheus::BuildCounter()
                  .Name("wiredesk_alerts_total")
                  .Help("Alert records by alert rule listed, and kind: first (a story's first "
                        "alert) or followup.")
                  .Register(*registry_)),
      alert_followups_(prometheus::BuildCounter()
                           .Name("wiredesk_alert_followups_total")
                           .Help("Follow-up alert records, by reason (kill, hold, release, "
                                 "correction, rule, urgency).")
                           .Register(*registry_)),
      alerts_suppressed_(prometheus::BuildCounter()
                             .Name("wiredesk_alerts_suppressed_total")
                             .Help("Re-alerts suppressed: items that matched a rule their story "
                                   "had already alerted on, by rule.")
                             .Register(*registry_)),
      produced_(prometheus::BuildCounter()
                    .Name("wiredesk_records_produced_total")
                    .Help("Output records acknowledged by the brokers, by output topic.")
                    .Register(*registry_)),
      produce_errors_(prometheus::BuildCounter()
                          .Name("wiredesk_produce_errors_total")
                          .Help("Failed deliveries of output records (retried), by output topic.")
                          .Register(*registry_)),
      commit_errors_(prometheus::BuildCounter()
                         .Name("wiredesk_commit_errors_total")
                         .Help("Failed offset commits.")
                         .Register(*registry_)
                         .Add({})),
      late_items_(prometheus::BuildCounter()
                      .Name("wiredesk_late_items_total")
                      .Help("Items whose event time is older than the dedup window reaches back "
                            "from the newest item seen: processed, flagged late.")
                      .Register(*registry_)
                      .Add({})),
      embargo_held_(prometheus::BuildGauge()
                        .Name("wiredesk_embargo_held_items")
                        .Help("Items held under embargo (this instance's view of the embargo "
                              "topic).")
                        .Register(*registry_)
                        .Add({})),
      embargo_releases_(prometheus::BuildCounter()
                            .Name("wiredesk_embargo_releases_total")
                            .Help("Items released when their embargo lifted.")
                            .Register(*registry_)
                            .Add({})),
      embargo_delay_(prometheus::BuildHistogram()
                         .Name("wiredesk_embargo_release_delay_seconds")
                         .Help("Time from an item's embargo to its release.")
                         .Register(*registry_)
                         .Add({}, prometheus::Histogram::BucketBoundaries{
                                      0.05, 0.1, 0.25, 0.5, 1, 2, 5, 30, 300})),
      config_reloads_(prometheus::BuildCounter()
                          .Name("wiredesk_config_reloads_total")
                          .Help("Taxonomy and alert-rule files reloaded and swapped in.")
                          .Register(*registry_)
                          .Add({})),
      config_reload_failures_(prometheus::BuildCounter()
                                  .Name("wiredesk_config_reload_failures_total")
                                  .Help("Rejected reloads of the taxonomy or alert-rule files "
                                        "(the previous set kept running).")
                                  .Register(*registry_)
                                  .Add({})),
      latency_(prometheus::BuildHistogram()
                   .Name("wiredesk_processing_latency_seconds")
                   .Help("Time from consuming an input record to the acknowledgement of its "
                         "last output record.")
                   .Register(*registry_)
                   .Add({}, latency_buckets())),
      age_(prometheus::BuildHistogram()
               .Name("wiredesk_item_age_seconds")
               .Help("Time from an item's versioncreated to its output being acknowledged.")
               .Register(*registry_)
               .Add({}, age_buckets())),
      lag_(prometheus::BuildGauge()
               .Name("wiredesk_consumer_lag")
               .Help("Records between the committed offset and the end of each input partition "
                     "(librdkafka statistics).")
               .Register(*registry_)),
      in_flight_(prometheus::BuildGauge()
                     .Name("wiredesk_in_flight_records")
                     .Help("Input records whose outputs are not yet all acknowledged.")
                     .Register(*registry_)
                     .Add({})),
      paused_(prometheus::BuildGauge()
                  .Name("wiredesk_consumer_paused")
                  .Help("1 while consumption is paused for backpressure.")
                  .Register(*registry_)
                  .Add({})),
      order_buffered_(prometheus::BuildGauge()
                          .Name("wiredesk_consumer_order_buffered_bytes")
                          .Help("Bytes of records fetched and waiting to be taken in timestamp "
                                "order across partitions (kafka.order_wait).")
                          .Register(*registry_)
                          .Add({})),
      index_entries_(prometheus::BuildGauge()
                         .Name("wiredesk_dedup_index_entries")
                         .Help("Items remembered by the dedup index.")
                         .Register(*registry_)
                         .Add({})),
      index_bytes_(prometheus::BuildGauge()
                       .Name("wiredesk_dedup_index_bytes")
                       .Help("Estimated heap held by the dedup index.")
                       .Register(*registry_)
                       .Add({})),
      index_lag_(prometheus::BuildGauge()
                     .Name("wiredesk_dedup_index_lag")
                     .Help("Records of the dedup index topic not yet applied to this instance.")
                     .Register(*registry_)
                     .Add({})),
      restore_seconds_(prometheus::BuildGauge()
                           .Name("wiredesk_dedup_index_restore_seconds")
                           .Help("Time the last restore of the dedup index from its topic took.")
                           .Register(*registry_)
                           .Add({})),
      assigned_partitions_(prometheus::BuildGauge()
                               .Name("wiredesk_assigned_partitions")
                               .Help("Input partitions assigned to this member of the group.")
                               .Register(*registry_)
                               .Add({})),
      stage_seconds_(prometheus::BuildHistogram()
                         .Name("wiredesk_stage_seconds")
                         .Help("Time one step of one stage took on one item: step=prepare runs "
                               "on the worker threads, step=process in input order.")
                         .Register(*registry_)) {
  prometheus::BuildGauge()
      .Name("wiredesk_build_info")
      .Help("Build information; the value is always 1.")
      .Register(*registry_)
      .Add({{"version", kVersion}, {"revision", kGitRevision}})
      .Set(1);
  for (int r = 0; r < kReasonCount; ++r) {
    dead_letters_.Add({{"reason", std::string(to_string(static_cast<Reason>(r)))}});
  }
  for (auto v : {Verdict::fresh, Verdict::update, Verdict::duplicate}) {
    verdicts_.Add({{"verdict", std::string(to_string(v))}});
  }
}

prometheus::Counter& Metrics::labelled(prometheus::Family<prometheus::Counter>& family,
                                       const std::string& label, const std::string& value) {
  std::lock_guard lock(mu_);
  auto key = std::make_pair(static_cast<const void*>(&family), value);
  auto it = cache_.find(key);
  if (it != cache_.end()) return *it->second;
  auto& counter = family.Add({{label, value}});
  cache_.emplace(key, &counter);
  return counter;
}

std::string Metrics::serialize() const {
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

void Metrics::dead_lettered(Reason reason) {
  labelled(dead_letters_, "reason", std::string(to_string(reason))).Increment();
}
void Metrics::verdict(Verdict v) { labelled(verdicts_, "verdict", std::string(to_string(v))).Increment(); }
void Metrics::topic_assigned(std::string_view id) { labelled(topics_, "topic", std::string(id)).Increment(); }
void Metrics::alert_record(const std::vector<std::string>& rules, std::string_view reason) {
  const std::string kind = reason.empty() ? "first" : "followup";
  for (const auto& rule : rules) alerts_.Add({{"rule", rule}, {"kind", kind}}).Increment();
  if (!reason.empty()) labelled(alert_followups_, "reason", std::string(reason)).Increment();
}
void Metrics::alert_suppressed(const std::vector<std::string>& rules) {
  for (const auto& rule : rules) labelled(alerts_suppressed_, "rule", rule).Increment();
}
void Metrics::config_reloaded() { config_reloads_.Increment(); }
void Metrics::config_reload_failed() { config_reload_failures_.Increment(); }
void Metrics::consumed(const std::string& topic) { labelled(consumed_, "topic", topic).Increment(); }
void Metrics::produced(const std::string& topic) { labelled(produced_, "topic", topic).Increment(); }
void Metrics::declare_outputs(const std::vector<std::string>& topics) {
  for (const auto& topic : topics) {
    if (topic.empty()) continue;
    labelled(produced_, "topic", topic);
    labelled(produce_errors_, "topic", topic);
  }
}

void Metrics::produce_error(const std::string& topic) {
  labelled(produce_errors_, "topic", topic).Increment();
}
void Metrics::processing_latency(double seconds) { latency_.Observe(seconds); }

void Metrics::stage_names(const std::vector<std::string>& names) {
  stages_.clear();
  for (const auto& name : names) {
    stages_.emplace_back(&stage_seconds_.Add({{"stage", name}, {"step", "prepare"}}, stage_buckets()),
                         &stage_seconds_.Add({{"stage", name}, {"step", "process"}}, stage_buckets()));
  }
}

void Metrics::stage_seconds(size_t stage, Step step, double seconds) {
  if (stage >= stages_.size()) return;
  auto [prepare, process] = stages_[stage];
  (step == Step::prepare ? prepare : process)->Observe(seconds);
}
void Metrics::item_age(double seconds) { age_.Observe(seconds); }
void Metrics::in_flight(size_t records) { in_flight_.Set(static_cast<double>(records)); }
void Metrics::paused(bool paused) { paused_.Set(paused ? 1 : 0); }
void Metrics::order_buffered(size_t bytes) { order_buffered_.Set(static_cast<double>(bytes)); }
void Metrics::commit_error() { commit_errors_.Increment(); }

void Metrics::late_item() { late_items_.Increment(); }

void Metrics::embargo_held(size_t items) { embargo_held_.Set(static_cast<double>(items)); }

void Metrics::embargo_released(double late_seconds) {
  embargo_releases_.Increment();
  embargo_delay_.Observe(std::max(late_seconds, 0.0));
}

void Metrics::dedup_index(size_t entries, size_t bytes) {
  index_entries_.Set(static_cast<double>(entries));
  index_bytes_.Set(static_cast<double>(bytes));
}

void Metrics::dedup_restored(double seconds, size_t entries, size_t bytes) {
  restore_seconds_.Set(seconds);
  dedup_index(entries, bytes);
}

void Metrics::dedup_index_lag(int64_t records) { index_lag_.Set(static_cast<double>(records)); }

void Metrics::consumer_statistics(const std::string& json) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc)) return;
  simdjson::ondemand::object topics;
  if (doc["topics"].get_object().get(topics)) return;
  for (auto topic_field : topics) {
    std::string_view topic_key;
    if (topic_field.unescaped_key().get(topic_key)) return;
    const std::string topic(topic_key);
    simdjson::ondemand::object partitions;
    if (topic_field.value()["partitions"].get_object().get(partitions)) continue;
    for (auto part_field : partitions) {
      std::string_view part_key;
      if (part_field.unescaped_key().get(part_key)) break;
      const std::string partition(part_key);
      if (partition == "-1") continue;
      int64_t lag = -1;
      simdjson::ondemand::object part;
      if (part_field.value().get_object().get(part)) continue;
      if (part["consumer_lag"].get_int64().get(lag)) continue;
      if (lag < 0) continue;
      const PartitionKey key{topic, static_cast<int32_t>(std::stol(partition))};
      std::lock_guard lock(lag_mu_);
      if (std::find(assignment_.begin(), assignment_.end(), key) == assignment_.end()) continue;
      auto& gauge = lag_.Add({{"topic", topic}, {"partition", partition}});
      gauge.Set(static_cast<double>(lag));
      lag_series_[key] = &gauge;
    }
  }
}

}  // namespace wiredesk

namespace wiredesk {

void Metrics::set_assignment(const std::vector<PartitionKey>& partitions) {
  std::lock_guard lock(lag_mu_);
  assignment_ = partitions;
  assigned_partitions_.Set(static_cast<double>(partitions.size()));
  for (auto it = lag_series_.begin(); it != lag_series_.end();) {
    if (std::find(partitions.begin(), partitions.end(), it->first) == partitions.end()) {
      lag_.Remove(it->second);
      it = lag_series_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace wiredesk
