// Records of several partitions handed out in timestamp order while a
// consumer catches up on a backlog.
//
// A consumer reads its partitions at about the same rate in records, not in
// time. When the partitions are uneven (a sticky partitioner writes runs of
// different lengths), one partition's records run hours ahead of another's,
// and a dedup window of event time forgets originals before their copies
// come. `EventOrder` keeps each partition's records that arrived and hands
// out the one with the oldest timestamp, as Kafka Streams does with
// `max.task.idle.ms`. It waits for a partition that has nothing buffered
// only while that partition has not reached its end, and no longer than
// `max_wait`: a partition that is caught up, or held apart, never holds the
// others back. Order within a partition is the order of arrival.
//
// Not thread-safe; the polling thread owns it. KafkaSource uses it with
// librdkafka messages; the tests with plain values.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "processors/core/offset_tracker.hpp"

namespace wiredesk {

template <class Item>
class EventOrder {
 public:
  using Clock = std::chrono::steady_clock;

  // `capacity`: bytes buffered in all, shared evenly by the assigned
  // partitions: a partition whose share is full makes push() say to stop
  // fetching it. So the order's memory does not grow with the number of
  // partitions a consumer is given.
  EventOrder(std::chrono::milliseconds max_wait, size_t capacity)
      : max_wait_(max_wait), capacity_(capacity) {}

  // Assigned partitions start empty and not caught up.
  void add(const PartitionKey& p, Clock::time_point now) {
    if (find(p)) return;
    auto part = std::make_unique<Partition>();
    part->key = p;
    part->empty_since = now;
    partitions_.push_back(std::move(part));
  }
  // Revoked: its buffered records are dropped (never handed out, so never
  // committed: the next owner reads them).
  void remove(const PartitionKey& p) {
    std::erase_if(partitions_, [&](const auto& part) { return part->key == p; });
  }
  // A rewind: every buffer is dropped and every partition reads again.
  void clear(Clock::time_point now) {
    for (auto& part : partitions_) {
      part->records.clear();
      part->bytes = 0;
      part->full = false;
      part->caught_up = false;
      part->empty_since = now;
    }
  }

  // A record of `bytes` arrived; returns true when it filled the
  // partition's buffer (once, until pop() says it is half empty again).
  bool push(const PartitionKey& p, int64_t timestamp, Item item, size_t bytes = 1) {
    Partition* part = find(p);
    if (!part) return false;  // not (or no longer) assigned
    part->records.push_back({timestamp, next_seq_++, bytes, std::move(item)});
    part->bytes += bytes;
    part->caught_up = false;
    if (part->full || part->bytes < share()) return false;
    part->full = true;
    return true;
  }
  // Every record of the partition up to its end has arrived.
  void caught_up(const PartitionKey& p) {
    if (Partition* part = find(p)) part->caught_up = true;
  }
  // A held partition hands out nothing and holds no one back.
  void hold(const PartitionKey& p, bool held, Clock::time_point now) {
    if (Partition* part = find(p)) {
      part->held = held;
      part->empty_since = now;
    }
  }
  // After a pause of everything: partitions that were waited for are waited
  // for afresh (their fetches were stopped, not late).
  void restart_waits(Clock::time_point now) {
    for (auto& part : partitions_) part->empty_since = now;
  }

  // The partitions this order would wait for now: nothing buffered, not
  // caught up, not held. The caller may find some of them caught up by other
  // means (a high watermark) and say so with caught_up().
  template <class Fn>
  void for_each_waited(Fn&& fn) const {
    for (const auto& part : partitions_) {
      if (waited(*part)) fn(part->key);
    }
  }

  struct Out {
    PartitionKey partition;
    Item item;
    bool below_half;  // the partition's buffer, once full, fell to half its share
  };
  // The record to hand out next, when it may go at `now`: the oldest
  // timestamp of every partition's first record (earliest arrival on ties),
  // once no partition is waited for or every wait has run out.
  std::optional<Out> pop(Clock::time_point now) {
    Partition* best = nullptr;
    for (auto& part : partitions_) {
      if (part->held || part->records.empty()) continue;
      if (!best || before(part->records.front(), best->records.front())) best = part.get();
    }
    if (!best) return std::nullopt;
    for (const auto& part : partitions_) {
      if (waited(*part) && now < part->empty_since + max_wait_) return std::nullopt;
    }
    Out out{best->key, std::move(best->records.front().item), false};
    best->bytes -= best->records.front().bytes;
    best->records.pop_front();
    if (best->full && best->bytes <= share() / 2) {
      best->full = false;
      out.below_half = true;
    }
    if (best->records.empty()) best->empty_since = now;
    return out;
  }
  // When a pop that is waiting may go without anything new arriving: the
  // end of the latest wait; nullopt when nothing is buffered or nothing waits.
  std::optional<Clock::time_point> wait_until() const {
    bool any = false;
    std::optional<Clock::time_point> until;
    for (const auto& part : partitions_) {
      if (!part->held && !part->records.empty()) any = true;
      if (waited(*part) && (!until || part->empty_since + max_wait_ > *until)) {
        until = part->empty_since + max_wait_;
      }
    }
    return any ? until : std::nullopt;
  }

  size_t buffered(const PartitionKey& p) const {
    const Partition* part = find(p);
    return part ? part->records.size() : 0;
  }
  size_t buffered() const {
    size_t n = 0;
    for (const auto& part : partitions_) n += part->records.size();
    return n;
  }
  size_t buffered_bytes() const {
    size_t n = 0;
    for (const auto& part : partitions_) n += part->bytes;
    return n;
  }

 private:
  struct Entry {
    int64_t timestamp;
    uint64_t seq;  // arrival order: ties go to the earlier arrival
    size_t bytes;
    Item item;
  };
  struct Partition {
    PartitionKey key;
    std::deque<Entry> records;
    size_t bytes = 0;
    bool full = false;  // said so by push(), not yet half empty
    bool caught_up = false;
    bool held = false;
    Clock::time_point empty_since;
  };

  static bool before(const Entry& a, const Entry& b) {
    return a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.seq < b.seq;
  }
  static bool waited(const Partition& part) {
    return part.records.empty() && !part.caught_up && !part.held;
  }
  Partition* find(const PartitionKey& p) {
    for (auto& part : partitions_) {
      if (part->key == p) return part.get();
    }
    return nullptr;
  }
  const Partition* find(const PartitionKey& p) const {
    return const_cast<EventOrder*>(this)->find(p);
  }
  // Each assigned partition's part of the capacity (at least 1).
  size_t share() const {
    return std::max<size_t>(capacity_ / std::max<size_t>(partitions_.size(), 1), 1);
  }

  std::chrono::milliseconds max_wait_;
  size_t capacity_;
  uint64_t next_seq_ = 0;
  std::vector<std::unique_ptr<Partition>> partitions_;  // few: looked up by a scan
};

}  // namespace wiredesk
