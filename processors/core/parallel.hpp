// A worker pool around a Pipeline: records are prepared (decoded, normalized,
// fingerprinted, tagged) on worker threads, many at once, and finished (the
// dedup decision, alerts, encoding) on the caller's thread one at a time in
// the order they were submitted, so that order per input partition holds
// and the stages' process() never runs concurrently. While the oldest record
// is not prepared yet, the caller's thread prepares queued ones too.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "processors/core/pipeline.hpp"

namespace wiredesk {

class ParallelPipeline {
 public:
  // `workers` threads (0: one fewer than the cores this process may run on, at least 1); at most
  // `window` records between submit() and their turn in next().
  ParallelPipeline(Pipeline& pipeline, size_t workers, size_t window);
  ~ParallelPipeline();
  ParallelPipeline(const ParallelPipeline&) = delete;
  ParallelPipeline& operator=(const ParallelPipeline&) = delete;

  // Takes a record (its key and value are copied). Call only when !full().
  void submit(const InputRecord& input);
  bool full() const { return pending_ >= slots_.size(); }
  size_t pending() const { return pending_; }

  // Finishes the oldest submitted record, waiting for its preparation;
  // appends its outputs. False when nothing is pending.
  bool next(std::vector<OutputRecord>& out, Pipeline::Summary& summary, Origin& origin);
  // Whether the oldest record is prepared (next() would not wait).
  bool ready() const;
  // Drops every pending record unfinished (its stages' process() never runs,
  // nothing is written): the caller rewinds its input to before them.
  void discard_all();

  size_t workers() const { return threads_.size(); }
  // Records next() prepared on the caller's thread so far.
  size_t prepared_by_caller() const { return prepared_by_caller_; }

 private:
  struct Slot {
    std::string value;
    std::optional<std::string> key;
    InputRecord input;
    Pipeline::Prepared prepared;
    bool done = false;  // guarded by mu_
  };
  void work();
  void prepare(size_t slot, Decoder& decoder);

  Pipeline& pipeline_;
  std::vector<Slot> slots_;
  size_t head_ = 0;     // oldest pending slot (caller's thread)
  size_t pending_ = 0;  // submitted, not yet finished (caller's thread)
  mutable std::mutex mu_;
  std::condition_variable work_cv_;  // workers: a slot to prepare, or stop
  mutable std::condition_variable done_cv_;  // caller: a slot prepared
  std::deque<size_t> queue_;  // slots to prepare
  bool stop_ = false;
  std::vector<std::thread> threads_;
  std::unique_ptr<Decoder> caller_decoder_;
  size_t prepared_by_caller_ = 0;  // caller's thread only  // next() prepares records too, on the caller's thread
};

}  // namespace wiredesk
