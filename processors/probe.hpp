// The processors report what they do through a Probe; the app's Prometheus
// probe owns the metric families, so processors stay testable without it.
#pragma once

#include <cstddef>
#include <string_view>

#include "processors/decode.hpp"
#include "processors/stage.hpp"

namespace wiredesk {

class Probe {
 public:
  virtual ~Probe() = default;
  virtual void dead_lettered(Reason /*reason*/) {}
  virtual void verdict(Verdict /*verdict*/) {}
  virtual void topic_assigned(std::string_view /*topic_id*/) {}
  virtual void alerted(std::string_view /*rule*/) {}
  // The taxonomy and alert-rule files were reloaded (or a reload was
  // rejected and the previous set kept).
  virtual void config_reloaded() {}
  virtual void config_reload_failed() {}
  // Size of the dedup index after a change: remembered items, estimated bytes.
  virtual void dedup_index(size_t /*entries*/, size_t /*bytes*/) {}
};

// For tests and tools that do not export metrics.
inline Probe& null_probe() {
  static Probe probe;
  return probe;
}

}  // namespace wiredesk
