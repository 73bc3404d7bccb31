// A time range of Kafka topics as an input port, for `wiredesk replay`: every
// partition is assigned directly (no consumer group is joined, no offset is
// committed, so the running service's group is not disturbed) from the first
// offset at or after `from` to the first at or after `to` (or the end the
// partition had when the replay started). Exhausted once every partition is
// read to its end.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "processors/core/ports.hpp"

namespace wiredesk {

class KafkaRangeSource final : public InputPort {
 public:
  // Throws std::runtime_error when a topic cannot be read or the offsets for
  // the times cannot be found within timeout_ms.
  KafkaRangeSource(const std::map<std::string, std::string>& properties,
                   const std::vector<std::string>& topics, int64_t from_ms,
                   std::optional<int64_t> to_ms, int timeout_ms = 30000);
  ~KafkaRangeSource() override;
  KafkaRangeSource(const KafkaRangeSource&) = delete;
  KafkaRangeSource& operator=(const KafkaRangeSource&) = delete;

  bool poll(InputRecord& record, int timeout_ms) override;
  bool exhausted() const override;

  // Records in the range (the sum over partitions), and taken so far.
  int64_t total() const { return total_; }
  int64_t taken() const { return taken_; }

 struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  int64_t total_ = 0;
  int64_t taken_ = 0;
};

}  // namespace wiredesk
