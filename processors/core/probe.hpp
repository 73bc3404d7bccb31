// The processors report what they do through a Probe; the app's Prometheus
// probe owns the metric families, so processors stay testable without it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "processors/decode/decode.hpp"
#include "processors/core/stage.hpp"

namespace wiredesk {

class Probe {
 public:
  virtual ~Probe() = default;
  virtual void dead_lettered(Reason /*reason*/) {}
  virtual void verdict(Verdict /*verdict*/) {}
  virtual void topic_assigned(std::string_view /*topic_id*/) {}
  // An alert record with the rules it lists; `reason` is empty for a story's
  // first alert and names why for a follow-up.
  virtual void alert_record(const std::vector<std::string>& /*rules*/,
                            std::string_view /*reason*/) {}
  // An item matched these rules but its story had already alerted on them.
  virtual void alert_suppressed(const std::vector<std::string>& /*rules*/) {}
  // The taxonomy and alert-rule files were reloaded (or a reload was
  // rejected and the previous set kept).
  virtual void config_reloaded() {}
  virtual void config_reload_failed() {}
  // An item older than the dedup window (processed, flagged late).
  virtual void late_item() {}
  // Size of the dedup index after a change: remembered items, estimated bytes.
  virtual void dedup_index(size_t /*entries*/, size_t /*bytes*/) {}

  // Per-stage timings. When times_stages() is true, the pipeline names its
  // stages once, before any item — "decode", the middle stages by name(),
  // "encode" — then reports how long each step of each stage took on each
  // item, by index into those names. prepare steps run on the worker
  // threads, process steps in input order: stage_seconds must be thread-safe.
  enum class Step { prepare, process };
  virtual bool times_stages() const { return false; }
  virtual void stage_names(const std::vector<std::string>& /*names*/) {}
  virtual void stage_seconds(size_t /*stage*/, Step /*step*/, double /*seconds*/) {}
};

// For tests and tools that do not export metrics.
inline Probe& null_probe() {
  static Probe probe;
  return probe;
}

}  // namespace wiredesk
