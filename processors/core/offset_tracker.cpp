#include "processors/core/offset_tracker.hpp"

namespace wiredesk {

void OffsetTracker::started(const PartitionKey& p, int64_t offset, size_t outputs) {
  State& s = partitions_[p];
  if (offset + 1 > s.next) s.next = offset + 1;
  if (outputs == 0) return;
  auto [it, inserted] = s.waiting.try_emplace(offset, 0);
  if (inserted) ++in_flight_;
  it->second += outputs;
}

void OffsetTracker::acked(const PartitionKey& p, int64_t offset) {
  auto pit = partitions_.find(p);
  if (pit == partitions_.end()) return;
  auto& waiting = pit->second.waiting;
  auto it = waiting.find(offset);
  if (it == waiting.end()) return;
  if (--it->second == 0) {
    waiting.erase(it);
    --in_flight_;
  }
}

std::optional<int64_t> OffsetTracker::committable(const PartitionKey& p) const {
  auto it = partitions_.find(p);
  if (it == partitions_.end() || it->second.next < 0) return std::nullopt;
  const State& s = it->second;
  return s.waiting.empty() ? s.next : s.waiting.begin()->first;
}

std::vector<CommitPoint> OffsetTracker::committable() const {
  std::vector<CommitPoint> points;
  for (const auto& [p, s] : partitions_) {
    auto offset = committable(p);
    if (offset && *offset > s.committed) points.push_back({p, *offset});
  }
  return points;
}

void OffsetTracker::mark_committed(const std::vector<CommitPoint>& points) {
  for (const auto& c : points) {
    auto it = partitions_.find(c.partition);
    if (it != partitions_.end() && c.offset > it->second.committed) it->second.committed = c.offset;
  }
}

std::vector<CommitPoint> OffsetTracker::processed() const {
  std::vector<CommitPoint> points;
  for (const auto& [p, s] : partitions_) {
    if (s.next >= 0) points.push_back({p, s.next});
  }
  return points;
}

void OffsetTracker::forget(const PartitionKey& p) {
  auto it = partitions_.find(p);
  if (it == partitions_.end()) return;
  in_flight_ -= it->second.waiting.size();
  partitions_.erase(it);
}

}  // namespace wiredesk
