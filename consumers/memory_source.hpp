// An in-memory input port: partitions of records appended by a test, taken
// round-robin, with pause, hold, commits and rewinds as a consumer-group
// member has them. For the engine's unit tests; no broker.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "processors/core/ports.hpp"

namespace wiredesk {

class MemoryInput final : public InputPort {
 public:
  // Appends a record to topic/partition at that partition's next offset.
  void append(const std::string& topic, int32_t partition, std::string value,
              std::optional<std::string> key = std::nullopt) {
    Partition& p = partitions_[{topic, partition}];
    p.records.push_back({std::move(value), std::move(key)});
  }
  // No record will be appended any more: exhausted once all are taken.
  void close() { closed_ = true; }

  bool poll(InputRecord& record, int timeout_ms) override {
    last_wait_ms_ = timeout_ms;
    if (paused_ || partitions_.empty()) return false;
    // Round-robin from the partition after the last one served.
    auto it = partitions_.upper_bound(last_);
    for (size_t n = 0; n < partitions_.size(); ++n, ++it) {
      if (it == partitions_.end()) it = partitions_.begin();
      Partition& p = it->second;
      if (held_.count(it->first) || p.position >= static_cast<int64_t>(p.records.size())) continue;
      const auto& [value, key] = p.records[static_cast<size_t>(p.position)];
      record = InputRecord{};
      record.origin = {it->first.topic, it->first.partition, p.position};
      record.value = value;
      record.key = key;
      ++p.position;
      ++taken_;
      last_ = it->first;
      return true;
    }
    return false;
  }
  bool exhausted() const override {
    if (!closed_) return false;
    return std::all_of(partitions_.begin(), partitions_.end(), [](const auto& kv) {
      return kv.second.position >= static_cast<int64_t>(kv.second.records.size());
    });
  }

  void pause() override { paused_ = true; }
  void resume() override { paused_ = false; }
  bool paused() const override { return paused_; }
  void hold(const PartitionKey& p) override { held_[p] = true; }
  void release(const PartitionKey& p) override { held_.erase(p); }
  bool held(const PartitionKey& p) const { return held_.count(p) > 0; }

  bool commit(const std::vector<CommitPoint>& points, bool /*sync*/) override {
    if (refuse_commits_) return false;
    for (const auto& c : points) partitions_[c.partition].committed = c.offset;
    ++commits_;
    return true;
  }
  std::vector<PartitionKey> assignment() const override {
    std::vector<PartitionKey> keys;
    for (const auto& [k, p] : partitions_) keys.push_back(k);
    return keys;
  }
  bool shares_partitions() const override { return shares_partitions_; }
  // Act as one member of a group: partitions not added are another's.
  void set_shares_partitions(bool shares) { shares_partitions_ = shares; }
  void remove_partition(const PartitionKey& p) { partitions_.erase(p); }
  bool seek_to_committed(int /*timeout_ms*/) override {
    for (auto& [k, p] : partitions_) p.position = std::max<int64_t>(p.committed, 0);
    ++rewinds_;
    return true;
  }

  // The next offset to consume as committed (-1: nothing committed).
  int64_t committed(const PartitionKey& p) const {
    auto it = partitions_.find(p);
    return it == partitions_.end() ? -1 : it->second.committed;
  }
  size_t taken() const { return taken_; }
  // The timeout of the last poll(): how long the caller would have waited.
  int last_wait_ms() const { return last_wait_ms_; }
  size_t commits() const { return commits_; }
  size_t rewinds() const { return rewinds_; }
  void refuse_commits(bool refuse) { refuse_commits_ = refuse; }

 private:
  struct Partition {
    std::vector<std::pair<std::string, std::optional<std::string>>> records;
    int64_t position = 0;
    int64_t committed = -1;
  };
  std::map<PartitionKey, Partition> partitions_;
  std::map<PartitionKey, bool> held_;
  PartitionKey last_{"", -1};
  bool closed_ = false;
  bool paused_ = false;
  bool refuse_commits_ = false;
  bool shares_partitions_ = false;
  size_t taken_ = 0;
  int last_wait_ms_ = -1;
  size_t commits_ = 0;
  size_t rewinds_ = 0;
};

}  // namespace wiredesk
