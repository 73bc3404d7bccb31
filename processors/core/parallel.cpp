#include "processors/core/parallel.hpp"

#include <pthread.h>

#include <algorithm>

#include <sched.h>

namespace wiredesk {

ParallelPipeline::ParallelPipeline(Pipeline& pipeline, size_t workers, size_t window)
    : pipeline_(pipeline), slots_(std::max<size_t>(window, 1)) {
  if (workers == 0) {
    // The cores this process may run on (a container's cpuset), else all.
    cpu_set_t set;
    CPU_ZERO(&set);
    const int allowed = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 0;
    const size_t cores = allowed > 0 ? static_cast<size_t>(allowed)
                                     : std::max(1u, std::thread::hardware_concurrency());
    // The caller's thread prepares records too while it waits (next()), so
    // one worker fewer than cores keeps every core busy without a thread
    // more than there are cores (measured: benchmarks/README.md).
    workers = std::max<size_t>(1, cores - 1);
  }
  for (size_t i = 0; i < workers; ++i) {
    threads_.emplace_back([this] {
      pthread_setname_np(pthread_self(), "wd-prepare");  // as top -H and /proc show it
      work();
    });
  }
}

ParallelPipeline::~ParallelPipeline() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void ParallelPipeline::submit(const InputRecord& input) {
  const size_t i = (head_ + pending_) % slots_.size();
  Slot& slot = slots_[i];
  slot.value.assign(input.value.data(), input.value.size());
  slot.key = input.key;
  slot.input = input;
  slot.input.value = slot.value;
  slot.input.key = slot.key;
  slot.prepared = {};
  {
    std::lock_guard lock(mu_);
    slot.done = false;
    queue_.push_back(i);
  }
  ++pending_;
  work_cv_.notify_one();
}

bool ParallelPipeline::ready() const {
  if (pending_ == 0) return false;
  std::lock_guard lock(mu_);
  return slots_[head_].done;
}

bool ParallelPipeline::next(std::vector<OutputRecord>& out, Pipeline::Summary& summary,
                            Origin& origin) {
  if (pending_ == 0) return false;
  Slot& slot = slots_[head_];
  {
    // Rather than wait for the oldest record, the caller prepares queued
    // ones itself (the oldest among them when no worker has taken it yet):
    // on a machine with as many workers as cores, its thread would
    // otherwise idle whenever the workers fall behind.
    std::unique_lock lock(mu_);
    while (!slot.done) {
      if (queue_.empty()) {
        done_cv_.wait(lock);
        continue;
      }
      const size_t i = queue_.front();
      queue_.pop_front();
      lock.unlock();
      if (!caller_decoder_) caller_decoder_ = std::make_unique<Decoder>(pipeline_.decode_options());
      prepare(i, *caller_decoder_);
      ++prepared_by_caller_;
      lock.lock();
    }
  }
  origin = slot.input.origin;
  summary = pipeline_.finish(slot.prepared, out);
  slot.prepared = {};
  head_ = (head_ + 1) % slots_.size();
  --pending_;
  return true;
}

void ParallelPipeline::discard_all() {
  for (; pending_ > 0; --pending_) {
    Slot& slot = slots_[head_];
    {
      std::unique_lock lock(mu_);
      done_cv_.wait(lock, [&] { return slot.done; });
    }
    slot.prepared = {};
    head_ = (head_ + 1) % slots_.size();
  }
}

void ParallelPipeline::work() {
  Decoder decoder(pipeline_.decode_options());
  for (;;) {
    size_t i = 0;
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      i = queue_.front();
      queue_.pop_front();
    }
    prepare(i, decoder);
  }
}

void ParallelPipeline::prepare(size_t i, Decoder& decoder) {
  Slot& slot = slots_[i];
  // Only the thread that took the slot from the queue touches it until it is
  // marked done.
  slot.prepared = pipeline_.prepare(decoder, slot.input);
  {
    std::lock_guard lock(mu_);
    slot.done = true;
  }
  done_cv_.notify_one();
}

}  // namespace wiredesk
