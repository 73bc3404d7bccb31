// At-least-once bookkeeping (design §6): an input offset may be committed
// only when every output record produced for it has been acknowledged.
// Offsets of one partition are started in order; the committable offset is
// the lowest offset still waiting, or one past the highest finished.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wiredesk {

struct PartitionKey {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const PartitionKey&) const = default;
};

struct CommitPoint {
  PartitionKey partition;
  int64_t offset;  // the next offset to consume (Kafka commit semantics)
};

class OffsetTracker {
 public:
  // An input record was taken and produced `outputs` records (0 is allowed:
  // a record with no output is finished at once).
  void started(const PartitionKey& p, int64_t offset, size_t outputs);
  // One output record of (p, offset) was acknowledged.
  void acked(const PartitionKey& p, int64_t offset);

  // Commit points that moved since the last call to mark_committed.
  std::vector<CommitPoint> committable() const;
  std::optional<int64_t> committable(const PartitionKey& p) const;
  void mark_committed(const std::vector<CommitPoint>& points);

  // One past the highest offset started, per partition, acknowledged or not
  // (exactly-once: what a transaction commits together with its outputs).
  std::vector<CommitPoint> processed() const;

  // Forget a partition (revoked after its final commit).
  void forget(const PartitionKey& p);

  size_t in_flight() const { return in_flight_; }  // input records awaiting acks
  void clear() {
    partitions_.clear();
    in_flight_ = 0;
  }

 private:
  struct State {
    std::map<int64_t, size_t> waiting;  // offset → outputs not yet acknowledged
    int64_t next = -1;                  // one past the highest offset started
    int64_t committed = -1;
  };
  std::map<PartitionKey, State> partitions_;
  size_t in_flight_ = 0;
};

}  // namespace wiredesk
