#include "processors/tag/alert_ledger.hpp"

#include <chrono>

#include "processors/core/binary.hpp"
#include "processors/core/event_time.hpp"

namespace wiredesk {

namespace {

constexpr std::string_view kKeyPrefix = "\\alert:";
constexpr uint32_t kSweepEvery = 256;

int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void write_strings(binary::Writer& w, const std::vector<std::string>& list) {
  w.varint(list.size());
  for (const auto& s : list) w.str(s);
}

bool read_strings(binary::Reader& r, std::vector<std::string>& list) {
  uint64_t n = 0;
  if (!r.varint(n) || n > 4096) return false;
  list.resize(n);
  for (auto& s : list) {
    if (!r.str(s)) return false;
  }
  return true;
}

}  // namespace

std::string alert_state_key(std::string_view story) {
  std::string key(kKeyPrefix);
  key.append(story);
  return key;
}

std::optional<std::string> story_of_alert_state_key(std::string_view key) {
  if (!key.starts_with(kKeyPrefix)) return std::nullopt;
  return std::string(key.substr(kKeyPrefix.size()));
}

std::string serialize(const StoryAlerts& s) {
  binary::Writer w;
  w.u8(kStoryAlertsFormat);
  w.str(s.story);
  w.str(s.alert_id);
  write_strings(w, s.rules);
  w.u8(static_cast<uint8_t>(s.urgency));
  w.u8(static_cast<uint8_t>(s.status));
  w.fixed<uint32_t>(s.seq);
  w.fixed<int64_t>(s.event_ms);
  w.varint(s.events.size());
  for (const auto& e : s.events) {
    w.str(e.origin.topic);
    w.fixed<int32_t>(e.origin.partition);
    w.fixed<int64_t>(e.origin.offset);
    w.str(e.uri);
    w.str(e.version);
    w.str(e.alert_id);
    w.str(e.reason);
    write_strings(w, e.rules);
  }
  return w.take();
}

std::optional<StoryAlerts> deserialize_story_alerts(std::string_view bytes) {
  binary::Reader r(bytes);
  StoryAlerts s;
  uint8_t format = 0;
  uint8_t urgency = 0;
  if (!r.u8(format) || format != kStoryAlertsFormat || !r.str(s.story) || !r.str(s.alert_id) ||
      !read_strings(r, s.rules) || !r.u8(urgency) || urgency < 1 || urgency > 9 ||
      !binary::read_enum(r, s.status, 2) || !r.fixed(s.seq) || !r.fixed(s.event_ms) ||
      !plausible_event_ms(s.event_ms)) {
    return std::nullopt;
  }
  s.urgency = urgency;
  uint64_t events = 0;
  if (!r.varint(events) || events > StoryAlerts::kMaxEvents) return std::nullopt;
  s.events.resize(events);
  for (auto& e : s.events) {
    if (!r.str(e.origin.topic) || !r.fixed(e.origin.partition) || !r.fixed(e.origin.offset) ||
        !r.str(e.uri) || !r.str(e.version) || !r.str(e.alert_id) || !r.str(e.reason) || !read_strings(r, e.rules)) {
      return std::nullopt;
    }
  }
  if (!r.done() || s.story.empty() || s.alert_id.empty()) return std::nullopt;
  return s;
}

AlertLedger::AlertLedger(AlertLedgerOptions options) : options_(std::move(options)) {}

void AlertLedger::set_on_change(ChangeListener listener) { on_change_ = std::move(listener); }
void AlertLedger::set_on_evict(EvictListener listener) { on_evict_ = std::move(listener); }

void AlertLedger::update(const std::string& story, const Decide& decide) {
  std::optional<StoryAlerts> changed;
  std::vector<std::string> evicted;
  {
    std::lock_guard lock(mu_);
    const auto it = stories_.find(story);
    changed = decide(it == stories_.end() ? nullptr : &it->second);
    if (changed) {
      changed->story = story;
      if (changed->events.size() > StoryAlerts::kMaxEvents) {
        changed->events.erase(changed->events.begin(),
                              changed->events.end() - StoryAlerts::kMaxEvents);
      }
      stories_[story] = *changed;
      newest_event_ms_ = std::max(newest_event_ms_, changed->event_ms);
      if (++updates_since_sweep_ >= kSweepEvery) evict_locked(evicted);
    }
  }
  if (changed && on_change_) on_change_(*changed);
  if (!evicted.empty() && on_evict_) on_evict_(evicted);
}

bool AlertLedger::apply_remote(StoryAlerts state) {
  std::lock_guard lock(mu_);
  auto [it, inserted] = stories_.try_emplace(state.story);
  if (!inserted && it->second.seq >= state.seq) return false;
  newest_event_ms_ = std::max(newest_event_ms_, state.event_ms);
  it->second = std::move(state);
  return true;
}

bool AlertLedger::erase(std::string_view story) {
  std::lock_guard lock(mu_);
  return stories_.erase(std::string(story)) > 0;
}

std::optional<StoryAlerts> AlertLedger::get(std::string_view story) const {
  std::lock_guard lock(mu_);
  const auto it = stories_.find(std::string(story));
  if (it == stories_.end()) return std::nullopt;
  return it->second;
}

size_t AlertLedger::size() const {
  std::lock_guard lock(mu_);
  return stories_.size();
}

void AlertLedger::evict_locked(std::vector<std::string>& keys) {
  updates_since_sweep_ = 0;
  int64_t newest = newest_event_ms_;
  if (options_.max_future_ms > 0) {
    const int64_t now = options_.wall_clock ? options_.wall_clock() : system_now_ms();
    newest = std::min(newest, now + options_.max_future_ms);
  }
  const int64_t cutoff = newest - options_.window_ms;
  for (auto it = stories_.begin(); it != stories_.end();) {
    if (it->second.event_ms < cutoff) {
      keys.push_back(alert_state_key(it->first));
      it = stories_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace wiredesk
