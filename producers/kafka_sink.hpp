// Kafka producer adapter: idempotent, acks=all; reports every acknowledged
// record to the caller with the token it was produced with. A record whose
// delivery fails is produced again (and counted), so an input offset is never
// committed past a lost output.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "processors/core/ports.hpp"
#include "processors/decode/record.hpp"

namespace RdKafka {
class ConsumerGroupMetadata;
}

namespace wiredesk {

struct KafkaSinkHooks {
  // A record produced with `token` was acknowledged by the brokers;
  // `latency_ms` is from produce() to the acknowledgement.
  std::function<void(uint64_t token, const std::string& topic)> acked;
  // Delivery failed (the record will be retried).
  std::function<void(const std::string& topic, const std::string& error)> failed;
  std::function<void(const std::string&)> statistics;
  // Where a record goes that the brokers refuse for good (too large for the
  // topic's max.message.bytes, an invalid record): it is replaced by a dead
  // letter with reason produce_failed and the same key.
  std::string dead_letter_topic;
  // The dead-letter topic refused such a record too: nothing may be
  // dropped, so the record waits (retried every retry_blocked_ms) and the
  // caller stops the input partition it came from (`blocked`), until a
  // retry goes through (`unblocked`).
  std::function<void(uint64_t token, const std::string& error)> blocked;
  std::function<void(uint64_t token)> unblocked;
  // A record was rewritten into a dead letter with reason produce_failed.
  std::function<void(uint64_t token)> rerouted;
  int retry_blocked_ms = 30000;
};

class KafkaSink final : public OutputPort {
 public:
  KafkaSink(const std::map<std::string, std::string>& properties, KafkaSinkHooks hooks);
  ~KafkaSink();
  KafkaSink(const KafkaSink&) = delete;
  KafkaSink& operator=(const KafkaSink&) = delete;

  // Queues one record. Blocks (serving delivery reports) while the local
  // queue is full. Returns false only on a non-retriable error.
  bool produce(const OutputRecord& record, uint64_t token) override;
  // Keeps the record itself until its delivery report (no copy).
  bool produce_moved(OutputRecord&& record, uint64_t token) override;
  // Acknowledgements and refusals are also reported here (the engine).
  void set_events(OutputEvents* events) override;

  // Serves delivery reports for up to timeout_ms.
  void poll(int timeout_ms) override;
  // Waits until every queued record is acknowledged, or timeout. True when drained.
  bool flush(int timeout_ms) override;

  // Flushes for at most 1 ms while records are unacknowledged: librdkafka
  // sends queued batches at once while a flush runs. True while a record
  // younger than linger.ms is still unacknowledged: ask again soon.
  bool send_now() override;
  size_t outstanding() const override;  // records produced and not yet acknowledged
  size_t blocked() const;      // records the dead-letter topic refused, waiting
  // True once a broker answered a metadata request.
  bool connected(int timeout_ms);
  bool failed() const override;

  // Exactly-once (transactional.id set): consume-transform-produce in
  // transactions; the input offsets are committed inside the transaction.
  bool init_transactions(int timeout_ms);
  TxnResult begin_transaction();
  // `group` is the consumer's group metadata (KafkaSource::group_metadata()).
  TxnResult commit_transaction(const std::vector<CommitPoint>& offsets,
                               RdKafka::ConsumerGroupMetadata* group, int timeout_ms);
  // Drops everything produced in the transaction (nothing of it becomes visible).
  void abort_transaction(int timeout_ms);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wiredesk
