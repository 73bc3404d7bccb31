// Which stories have alerted, on which rules (design §5, "alerts per story").
//
// A desk is pinged once per story: the first item of a story that matches
// any rule produces the alert, later items only a follow-up when they raise
// the stakes. That needs memory of what each story has alerted on, which
// must survive restarts and be shared by replicas like the dedup index: the
// ledger never talks to Kafka itself, but every change is a StoryAlerts
// value that the app writes to the dedup index topic under
// alert_state_key(story), and reads back with apply_remote() (restore and
// follow), exactly as it does for index entries.
//
// The ledger forgets a story whose last alert is older than the window (event
// time), as the index forgets items; on_evict names the keys it drops so
// that the app can write tombstones.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "processors/decode/record.hpp"
#include "processors/decode/wire_item.hpp"

namespace wiredesk {

// One alert record a story produced, kept so that a replay of the input
// record that produced it (a crash before its offset was committed) produces
// the same record again instead of nothing.
struct AlertEvent {
  Origin origin;
  std::string uri;                 // the item: a replay is the same item from the same record
  std::string version;
  std::string alert_id;
  std::string reason;              // empty for the story's first alert
  std::vector<std::string> rules;  // rules the item matched
};

struct StoryAlerts {
  std::string story;
  std::string alert_id;             // the story's first alert
  std::vector<std::string> rules;   // every rule the story has alerted on
  int urgency = 9;                  // most urgent value alerted (1 is highest)
  PubStatus status = PubStatus::usable;  // status of the last alerted item
  uint32_t seq = 0;                 // records produced; the larger wins between replicas
  int64_t event_ms = 0;             // event time of the last record
  std::vector<AlertEvent> events;   // newest last, at most kMaxEvents
  static constexpr size_t kMaxEvents = 16;
};

// Key of a story's alert state in the dedup index topic. It starts with a
// backslash that is not followed by '\' or '|', which index_key() never
// produces, so the two kinds of record cannot collide.
std::string alert_state_key(std::string_view story);
// The story of an alert-state key, nullopt for any other key.
std::optional<std::string> story_of_alert_state_key(std::string_view key);

// Compact binary led by a format byte (0x10; index entries use 1 to 3),
// nullopt for anything it cannot fully read.
std::string serialize(const StoryAlerts& state);
std::optional<StoryAlerts> deserialize_story_alerts(std::string_view bytes);
// The format byte of a value in the index topic.
inline constexpr uint8_t kStoryAlertsFormat = 0x10;

struct AlertLedgerOptions {
  int64_t window_ms = 72LL * 3600 * 1000;  // dedup.window
  int64_t max_future_ms = 24LL * 3600 * 1000;
  std::function<int64_t()> wall_clock;  // epoch ms; system clock when empty
};

class AlertLedger {
 public:
  using ChangeListener = std::function<void(const StoryAlerts&)>;
  using EvictListener = std::function<void(const std::vector<std::string>& keys)>;

  explicit AlertLedger(AlertLedgerOptions options = {});
  AlertLedger(const AlertLedger&) = delete;
  AlertLedger& operator=(const AlertLedger&) = delete;

  // Set before the ledger is shared between threads. Listeners run on the
  // updating thread after the lock is released.
  void set_on_change(ChangeListener listener);
  void set_on_evict(EvictListener listener);

  // Runs `decide` on the story's state (null when it has none) under the
  // ledger's lock, so that two workers cannot both send a story's first
  // alert. When it returns a state, that state replaces the story's and is
  // reported to on_change.
  using Decide = std::function<std::optional<StoryAlerts>(const StoryAlerts* current)>;
  void update(const std::string& story, const Decide& decide);

  // A state read from the topic: kept when the story has none or an older
  // one (fewer records). Returns whether it was kept.
  bool apply_remote(StoryAlerts state);
  bool erase(std::string_view story);

  std::optional<StoryAlerts> get(std::string_view story) const;
  size_t size() const;

 private:
  void evict_locked(std::vector<std::string>& keys);

  AlertLedgerOptions options_;
  ChangeListener on_change_;
  EvictListener on_evict_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, StoryAlerts> stories_;
  int64_t newest_event_ms_ = INT64_MIN;
  uint32_t updates_since_sweep_ = 0;
};

}  // namespace wiredesk
