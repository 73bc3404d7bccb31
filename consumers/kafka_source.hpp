// Kafka consumer adapter: a consumer-group member with manual commits,
// rebalance hooks, pause/resume for backpressure, and records handed out in
// timestamp order across partitions while it catches up. librdkafka types
// stay inside this file's .cpp.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "processors/core/offset_tracker.hpp"
#include "processors/core/ports.hpp"
#include "processors/decode/record.hpp"

namespace RdKafka {
class ConsumerGroupMetadata;
}

namespace wiredesk {

struct KafkaSourceHooks {
  // Called from poll() on the polling thread.
  std::function<void(const std::vector<PartitionKey>&)> assigned;
  // Called before partitions are given up: drain and commit them here.
  std::function<void(const std::vector<PartitionKey>&)> revoking;
  // librdkafka statistics JSON (statistics.interval.ms).
  std::function<void(const std::string&)> statistics;
};

struct KafkaSourceOptions {
  // How long a partition that has nothing buffered and has not reached its
  // end may hold back the records of the others, so that a backlog is read
  // in timestamp order across partitions (event_order.hpp). 0: records are
  // handed out as they arrive.
  std::chrono::milliseconds order_wait{0};
  // Bytes of records buffered for that order in all, shared evenly by the
  // assigned partitions (32 MB each with three): a partition whose share is
  // full pauses until half of it has gone. A pause drops what librdkafka
  // prefetched for the partition, which is fetched again on resume: too
  // small a share pays that over and over.
  size_t order_capacity = size_t{96} << 20;
};

class KafkaSource final : public InputPort {
 public:
  // `properties` are librdkafka consumer properties (bootstrap, group.id, …).
  // Throws std::runtime_error on a bad property.
  KafkaSource(const std::map<std::string, std::string>& properties,
              const std::vector<std::string>& topics, KafkaSourceHooks hooks,
              KafkaSourceOptions options = {});
  ~KafkaSource();
  KafkaSource(const KafkaSource&) = delete;
  KafkaSource& operator=(const KafkaSource&) = delete;

  // Waits up to timeout_ms for a record. The record's value and key stay valid
  // until the next call. Returns false when there is none.
  bool poll(InputRecord& record, int timeout_ms) override;

  // Backpressure: every assigned partition at once.
  void pause() override;
  void resume() override;
  bool paused() const override { return paused_; }
  // One partition held apart (its output cannot be delivered): it stays
  // paused through resume() and reassignments until released.
  void hold(const PartitionKey& partition) override;
  void release(const PartitionKey& partition) override;

  // Commits the given next-offsets; synchronous when `sync`. Returns false on error.
  bool commit(const std::vector<CommitPoint>& points, bool sync) override;

  std::vector<PartitionKey> assignment() const override;
  bool shares_partitions() const override { return true; }
  // Leaves the group (revoking hook runs). Idempotent.
  void close();
  // Set when librdkafka reports a fatal error.
  bool failed() const override;
  // Bytes of records waiting in the timestamp order (0 when it is off).
  size_t order_buffered_bytes() const;

  // Exactly-once: the group metadata a transactional producer sends with the
  // offsets (owned by the source), and a rewind of every assigned partition
  // to its committed offset after a transaction was aborted.
  RdKafka::ConsumerGroupMetadata* group_metadata();
  bool seek_to_committed(int timeout_ms) override;

 private:
  bool poll_in_order(InputRecord& record, int timeout_ms);
  bool mark_ends();
  void cap(const PartitionKey& partition);
  void uncap(const PartitionKey& partition);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool paused_ = false;
};

}  // namespace wiredesk
