// The ports the engine (engine.hpp) runs against: where input records come
// from, where output records go, and how a transaction ties them together.
// Kafka implements them (consumers/kafka_source, producers/kafka_sink), and
// so do the file, stdin and in-memory adapters, so that `wiredesk run`,
// `wiredesk process` and the tests share one processing loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "processors/core/offset_tracker.hpp"
#include "processors/decode/record.hpp"

namespace wiredesk {

// Where input records come from. Only poll() is required: a file has no
// partitions to pause and no offsets to commit.
class InputPort {
 public:
  virtual ~InputPort() = default;
  // Waits up to timeout_ms for one record. Its key and value stay valid until
  // the next call. False when there is none (yet).
  virtual bool poll(InputRecord& record, int timeout_ms) = 0;
  // True once no record will ever come (the end of a file). A consumer-group
  // member never ends.
  virtual bool exhausted() const { return false; }

  // Backpressure: every partition at once.
  virtual void pause() {}
  virtual void resume() {}
  virtual bool paused() const { return false; }
  // One partition held apart (its output cannot be delivered) until released.
  virtual void hold(const PartitionKey& /*partition*/) {}
  virtual void release(const PartitionKey& /*partition*/) {}

  // Commits the given next-offsets; synchronous when `sync`. False on error.
  virtual bool commit(const std::vector<CommitPoint>& /*points*/, bool /*sync*/) { return true; }
  virtual std::vector<PartitionKey> assignment() const { return {}; }
  // True for a consumer-group member: other instances own the partitions
  // assignment() does not list. False: every partition is this input's.
  virtual bool shares_partitions() const { return false; }
  // Rewinds every assigned partition to its committed offset (after an
  // aborted transaction). False when it cannot.
  virtual bool seek_to_committed(int /*timeout_ms*/) { return false; }
  // A fatal client error: the engine stops.
  virtual bool failed() const { return false; }
};

// What an output port reports back, on the thread that calls its produce(),
// poll() or flush().
class OutputEvents {
 public:
  virtual ~OutputEvents() = default;
  // The record produced with `token` is durable.
  virtual void acked(uint64_t token, const std::string& topic) = 0;
  // A record produced with `token` is refused even by the dead-letter topic:
  // it waits, retried, and its input partition must stop (nothing may be
  // dropped) until unblocked() says a retry went through.
  virtual void blocked(uint64_t /*token*/, const std::string& /*error*/) {}
  virtual void unblocked(uint64_t /*token*/) {}
};

// Where output records go. Every record produced is acknowledged through
// OutputEvents::acked() exactly once, unless a transaction abort drops it.
class OutputPort {
 public:
  virtual ~OutputPort() = default;
  virtual void set_events(OutputEvents* events) = 0;
  // Queues one record; may block while a local queue is full. False only on
  // a non-retriable error (the engine stops).
  virtual bool produce(const OutputRecord& record, uint64_t token) = 0;
  // The same for a record the caller is done with: a port that keeps records
  // until they are acknowledged takes its contents instead of a copy. When
  // it returns false, the caller has the record back.
  virtual bool produce_moved(OutputRecord&& record, uint64_t token) {
    return produce(record, token);
  }
  // Serves acknowledgements for up to timeout_ms.
  virtual void poll(int /*timeout_ms*/) {}
  // The input has nothing waiting: what was produced and not yet sent goes
  // out now instead of waiting to fill a batch (a producer's linger.ms),
  // which keeps its batching for a backlog only. Returns true when some of
  // it may still be waiting for the batch: the engine asks again soon.
  virtual bool send_now() { return false; }
  // Waits until every record produced is acknowledged, or timeout. True when drained.
  virtual bool flush(int timeout_ms) = 0;
  // Records produced and not yet acknowledged.
  virtual size_t outstanding() const = 0;
  virtual bool failed() const { return false; }
};

enum class TxnResult {
  ok,
  abort,  // the transaction must be aborted and its input processed again
  fatal,  // the producer is unusable: stop
};

// Exactly-once: outputs and the input offsets they cover commit together.
class TransactionPort {
 public:
  virtual ~TransactionPort() = default;
  virtual TxnResult begin() = 0;
  virtual TxnResult commit(const std::vector<CommitPoint>& offsets, int timeout_ms) = 0;
  // Drops everything produced since begin(); nothing of it becomes visible.
  virtual void abort(int timeout_ms) = 0;
};

}  // namespace wiredesk
