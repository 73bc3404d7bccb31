// Items held until their embargo lifts (issue 10). The pipeline takes an
// embargoed item's records out of its output (Pipeline::Summary::held), the
// engine holds them here and releases them when the clock reaches the
// embargo. `wiredesk process` does this in memory; the service also writes
// every hold to the compacted topic wiredesk.embargo and reads it back
// (restore at start, other replicas while running) through an EmbargoInbox;
// the owner of the input partition an item came from releases it.
//
// An item whose `embargoed` time is after the clock is not released: its
// finished output records are held here, keyed by uri|version, and (in the
// service) written to the compacted topic wiredesk.embargo so that they
// survive restarts and are known to every replica. When the clock reaches
// the embargo they are released in embargo order. A kill of the held item
// drops it; a repeat of a held item neither releases nor duplicates it.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "processors/decode/record.hpp"

namespace wiredesk {

struct HeldItem {
  std::string key;         // uri|version
  std::string uri;
  int64_t release_ms = 0;  // the embargo
  Origin origin;           // the input record: its partition's owner releases it
  std::vector<OutputRecord> records;  // produced at release, in this order

  // The value in wiredesk.embargo (JSON).
  std::string to_json() const;
  static std::optional<HeldItem> from_json(std::string_view json);
};

// The clock embargoes are judged by. Wall time in the service; in file mode
// either wall time or event time: the latest event time seen so far, which
// an old or late item never moves back.
class EmbargoClock {
 public:
  enum class Kind { wall, event };
  explicit EmbargoClock(Kind kind = Kind::wall) : kind_(kind) {}
  void saw_event(int64_t event_ms) {
    if (event_ms > latest_event_) latest_event_ = event_ms;
  }
  int64_t now(int64_t wall_ms) const { return kind_ == Kind::wall ? wall_ms : latest_event_; }
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
  int64_t latest_event_ = 0;
};

class EmbargoStore {
 public:
  // Holds an item; false when its key is held already (a repeat).
  bool hold(HeldItem item);
  // Removes and returns every item whose embargo is at or before now_ms, in
  // embargo order (then by key).
  std::vector<HeldItem> due(int64_t now_ms);
  // The same, only items `mine` accepts; the others stay held (another
  // replica owns their partition and releases them).
  template <class Mine>
  std::vector<HeldItem> due(int64_t now_ms, Mine&& mine) {
    std::vector<HeldItem> out;
    for (auto it = by_release_.begin(); it != by_release_.end() && it->first.first <= now_ms;) {
      if (!mine(it->second)) {
        ++it;
        continue;
      }
      by_key_.erase(it->first.second);
      out.push_back(std::move(it->second));
      it = by_release_.erase(it);
    }
    return out;
  }
  // A kill: drops every held version of `uri`; returns their keys.
  std::vector<std::string> drop_uri(std::string_view uri);
  // A newer version of `uri` (held or not) supersedes the held versions
  // before it (the embargo moved or was lifted): drops them; returns their
  // keys. Versions compare as numbers when both are, else as text.
  std::vector<std::string> drop_older(std::string_view uri, std::string_view version);
  // Read back from wiredesk.embargo (restore, other replicas): the same as
  // hold(); a tombstone erases.
  void apply_remote(HeldItem item) { hold(std::move(item)); }
  void erase(std::string_view key);

  bool held(std::string_view key) const { return by_key_.count(std::string(key)) > 0; }
  size_t size() const { return by_key_.size(); }
  std::optional<int64_t> next_release() const;

 private:
  // Drops every held item `drop(item)` accepts; returns their keys.
  template <class Drop>
  std::vector<std::string> drop_if(Drop&& drop) {
    std::vector<std::string> keys;
    for (auto it = by_release_.begin(); it != by_release_.end();) {
      if (!drop(it->second)) {
        ++it;
        continue;
      }
      keys.push_back(it->first.second);
      by_key_.erase(it->first.second);
      it = by_release_.erase(it);
    }
    return keys;
  }

  // (release time, key) → item, in release order.
  std::map<std::pair<int64_t, std::string>, HeldItem> by_release_;
  std::unordered_map<std::string, int64_t> by_key_;  // key → release time
};

// What the embargo topic says, handed from its reader's thread (the index
// table's follower) to the engine's: a hold (a value) or the end of one (a
// tombstone: released or killed).
class EmbargoInbox {
 public:
  struct Update {
    std::string key;
    std::optional<HeldItem> item;  // empty: a tombstone
  };
  void hold(HeldItem item);
  void end(std::string key);
  std::vector<Update> take();

 private:
  std::mutex mutex_;
  std::vector<Update> updates_;
  std::atomic<bool> pending_{false};  // updates_ is not empty
};

}  // namespace wiredesk
