// An in-memory output port, and transactions over it: what was produced,
// acknowledged when the test says so, and what a read_committed reader would
// see. For the engine's unit tests; no broker.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "processors/core/ports.hpp"

namespace wiredesk {

class MemoryOutput final : public OutputPort {
 public:
  struct Produced {
    OutputRecord record;
    uint64_t token = 0;
    bool in_transaction = false;
  };

  void set_events(OutputEvents* events) override { events_ = events; }
  bool produce(const OutputRecord& record, uint64_t token) override {
    if (refuse_produce_) return false;
    produced_.push_back({record, token, in_txn_});
    unacked_.push_back(produced_.size() - 1);
    return true;
  }
  // Acknowledgements are served in poll() and flush(), unless held back.
  void poll(int /*timeout_ms*/) override {
    if (!hold_acks_) ack(unacked_.size());
  }
  bool flush(int /*timeout_ms*/) override {
    poll(0);
    return unacked_.empty();
  }
  size_t outstanding() const override { return unacked_.size(); }
  // Records how many had been produced at each call.
  bool send_now() override {
    sends_.push_back(produced_.size());
    if (ask_again_ == 0) return false;
    --ask_again_;
    return true;
  }
  // The next n calls of send_now() say that records may still be waiting.
  void ask_again(size_t n) { ask_again_ = n; }
  const std::vector<size_t>& sends() const { return sends_; }

  // Acknowledges the `n` oldest unacknowledged records.
  void ack(size_t n) {
    for (; n > 0 && !unacked_.empty(); --n) {
      const Produced& p = produced_[unacked_.front()];
      unacked_.pop_front();
      if (events_) events_->acked(p.token, p.record.topic);
    }
  }
  // Acknowledges one record out of order (its index in produced()).
  void ack_at(size_t index) {
    for (auto it = unacked_.begin(); it != unacked_.end(); ++it) {
      if (*it != index) continue;
      unacked_.erase(it);
      if (events_) events_->acked(produced_[index].token, produced_[index].record.topic);
      return;
    }
  }
  void hold_acks(bool hold) { hold_acks_ = hold; }
  void refuse_produce(bool refuse) { refuse_produce_ = refuse; }
  // The record at `index` is refused by the dead-letter topic too, then taken.
  void block(size_t index) {
    if (events_) events_->blocked(produced_[index].token, "refused");
  }
  void unblock(size_t index) {
    if (events_) events_->unblocked(produced_[index].token);
  }

  const std::vector<Produced>& produced() const { return produced_; }
  // What a read_committed reader sees: everything outside transactions, and
  // what committed transactions wrote.
  std::vector<OutputRecord> visible() const {
    std::vector<OutputRecord> out;
    for (const auto& p : produced_) {
      if (!p.in_transaction) out.push_back(p.record);
    }
    for (const auto& r : committed_) out.push_back(r);
    return out;
  }

  // Transactions (MemoryTransactions).
  void begin() { in_txn_ = true; }
  // Returns how many records the transaction made visible.
  size_t commit_open() {
    const size_t before = committed_.size();
    for (auto& p : produced_) {
      if (p.in_transaction) committed_.push_back(p.record);
    }
    std::erase_if(produced_, [](const Produced& p) { return p.in_transaction; });
    unacked_.clear();
    in_txn_ = false;
    return committed_.size() - before;
  }
  void abort_open() {
    std::erase_if(produced_, [](const Produced& p) { return p.in_transaction; });
    unacked_.clear();
    in_txn_ = false;
  }

 private:
  OutputEvents* events_ = nullptr;
  std::vector<Produced> produced_;
  std::deque<size_t> unacked_;
  std::vector<size_t> sends_;
  size_t ask_again_ = 0;
  std::vector<OutputRecord> committed_;
  bool hold_acks_ = false;
  bool refuse_produce_ = false;
  bool in_txn_ = false;
};

// Exactly-once over the memory ports: a commit makes the transaction's
// records visible and commits the input offsets with them; the next
// `abort_commits` commits fail with an abortable error.
class MemoryTransactions final : public TransactionPort {
 public:
  MemoryTransactions(InputPort& input, MemoryOutput& output) : input_(input), output_(output) {}
  TxnResult begin() override {
    output_.begin();
    return TxnResult::ok;
  }
  TxnResult commit(const std::vector<CommitPoint>& offsets, int /*timeout_ms*/) override {
    output_.flush(0);
    if (abort_commits_ > 0) {
      --abort_commits_;
      return TxnResult::abort;
    }
    largest_ = std::max(largest_, output_.commit_open());
    input_.commit(offsets, true);
    ++commits_;
    return TxnResult::ok;
  }
  void abort(int /*timeout_ms*/) override { output_.abort_open(); }

  void abort_commits(int n) { abort_commits_ = n; }
  int commits() const { return commits_; }
  // The most records one committed transaction made visible.
  size_t largest_commit() const { return largest_; }

 private:
  InputPort& input_;
  MemoryOutput& output_;
  int abort_commits_ = 0;
  int commits_ = 0;
  size_t largest_ = 0;
};

}  // namespace wiredesk
