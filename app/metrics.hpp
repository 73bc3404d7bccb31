// Prometheus metrics (design §7). The processors report through the Probe
// interface; the service reports consume/produce/lag directly.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "processors/core/offset_tracker.hpp"
#include "processors/core/probe.hpp"

namespace wiredesk {

class Metrics final : public Probe {
 public:
  Metrics();

  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }
  std::string serialize() const;  // Prometheus text format

  // Probe
  void dead_lettered(Reason reason) override;
  void verdict(Verdict verdict) override;
  void topic_assigned(std::string_view topic_id) override;
  void alert_record(const std::vector<std::string>& rules, std::string_view reason) override;
  void alert_suppressed(const std::vector<std::string>& rules) override;
  void config_reloaded() override;
  void config_reload_failed() override;
  void dedup_index(size_t entries, size_t bytes) override;
  void late_item() override;
  bool times_stages() const override { return true; }
  void stage_names(const std::vector<std::string>& names) override;
  void stage_seconds(size_t stage, Step step, double seconds) override;

  void dedup_restored(double seconds, size_t entries, size_t bytes);
  void dedup_index_lag(int64_t records);

  // The output topics: their produced and produce-error series exist at 0
  // from the start, so a rate or an alert on them has data before the
  // first error.
  void declare_outputs(const std::vector<std::string>& topics);
  void consumed(const std::string& topic);
  void produced(const std::string& topic);
  void produce_error(const std::string& topic);
  void processing_latency(double seconds);
  void item_age(double seconds);
  void in_flight(size_t records);
  void paused(bool paused);
  // Bytes of records waiting in the consumer's timestamp order.
  void order_buffered(size_t bytes);
  void commit_error();
  // Items held under embargo now; one released, seconds after its embargo.
  void embargo_held(size_t items);
  void embargo_released(double late_seconds);
  // Parses librdkafka statistics JSON and sets consumer lag gauges.
  void consumer_statistics(const std::string& json);
  // The partitions this member owns now: lag series of others are removed.
  void set_assignment(const std::vector<PartitionKey>& partitions);

 private:
  prometheus::Counter& labelled(prometheus::Family<prometheus::Counter>& family,
                                const std::string& label, const std::string& value);

  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& consumed_;
  prometheus::Family<prometheus::Counter>& dead_letters_;
  prometheus::Family<prometheus::Counter>& verdicts_;
  prometheus::Family<prometheus::Counter>& topics_;
  prometheus::Family<prometheus::Counter>& alerts_;
  prometheus::Family<prometheus::Counter>& alert_followups_;
  prometheus::Family<prometheus::Counter>& alerts_suppressed_;
  prometheus::Family<prometheus::Counter>& produced_;
  prometheus::Family<prometheus::Counter>& produce_errors_;
  prometheus::Counter& commit_errors_;
  prometheus::Counter& late_items_;
  prometheus::Gauge& embargo_held_;
  prometheus::Counter& embargo_releases_;
  prometheus::Histogram& embargo_delay_;
  prometheus::Counter& config_reloads_;
  prometheus::Counter& config_reload_failures_;
  prometheus::Histogram& latency_;
  prometheus::Histogram& age_;
  prometheus::Family<prometheus::Gauge>& lag_;
  prometheus::Gauge& in_flight_;
  prometheus::Gauge& paused_;
  prometheus::Gauge& order_buffered_;
  prometheus::Gauge& index_entries_;
  prometheus::Gauge& index_bytes_;
  prometheus::Gauge& index_lag_;
  prometheus::Gauge& restore_seconds_;
  std::mutex mu_;
  std::map<std::pair<const void*, std::string>, prometheus::Counter*> cache_;
  std::mutex lag_mu_;
  std::vector<PartitionKey> assignment_;
  std::map<PartitionKey, prometheus::Gauge*> lag_series_;
  prometheus::Gauge& assigned_partitions_;
  prometheus::Family<prometheus::Histogram>& stage_seconds_;
  // Per stage index: its prepare and process histograms (set once, before
  // any item, so read without a lock).
  std::vector<std::pair<prometheus::Histogram*, prometheus::Histogram*>> stages_;
};

}  // namespace wiredesk
