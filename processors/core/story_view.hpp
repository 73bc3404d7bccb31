// The story view (design: news.stories): one record per story, keyed by its
// id, with what a desk dashboard shows — the latest version's headline and
// status, its topics, the first and last update times, how many items the
// story has had and their uris. A stage after the alerts: every item that
// is not a duplicate updates its story's record, which is produced to the
// stories topic (compacted) and kept as state in the index topic like the
// dedup index and the alert ledger, so it survives restarts and is shared
// by replicas.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "processors/core/stage.hpp"

namespace wiredesk {

struct StoryState {
  std::string story;
  std::string headline;  // of the latest item
  PubStatus status = PubStatus::usable;
  std::vector<std::string> topics;
  int64_t first_ms = 0;  // event time of the first item
  int64_t last_ms = 0;   // of the latest
  uint32_t versions = 0; // items (uri + version) of the story
  // The story's items, oldest first, at most kMaxItems (the first kept).
  std::vector<std::pair<std::string, std::string>> items;  // uri, version

  static constexpr size_t kMaxItems = 64;
  // The record on the stories topic, and the state in the index topic.
  std::string to_json() const;
  static std::optional<StoryState> from_json(std::string_view json);
};

// Key of a story's state in the index topic ("\story:" + id: no index entry
// key starts with a backslash).
std::string story_view_key(std::string_view story);
std::optional<std::string> story_of_story_view_key(std::string_view key);

class StoryView final : public Stage {
 public:
  // Stories not updated for `window_ms` of event time are forgotten.
  explicit StoryView(int64_t window_ms = 72LL * 3600 * 1000) : window_ms_(window_ms) {}

  std::string_view name() const override { return "story"; }
  StageStatus process(ItemContext& ctx) override;

  // Every change is also a state write of the item (see Dedup::write_state).
  void write_state() { write_state_ = true; }
  // A state read back from the index topic: kept unless the story has a
  // state with more items already.
  void apply_remote(StoryState state);
  void erase(std::string_view story);
  std::optional<StoryState> get(std::string_view story) const;
  size_t size() const;

 private:
  // What is kept of a story between its updates, in one allocation: the
  // times and counts as they are, the story id, then its headline, topics
  // and items packed (binary.hpp strings). A one-item story took ~550 bytes
  // in eight allocations as a StoryState, then ~330 in three as a map node
  // with the id and the packed string beside it; this is a set node of one
  // pointer and that allocation.
  struct Head {
    int64_t first_ms = 0;
    int64_t last_ms = 0;
    uint32_t versions = 0;
    uint32_t story_size = 0;
    uint32_t packed_size = 0;
    PubStatus status = PubStatus::usable;
  };
  class Stored {
   public:
    // `packed`: the headline, topics and items as StoryView::pack writes them.
    Stored(std::string_view story, const StoryState& state, std::string_view packed);
    Head head() const;
    std::string_view story() const;
    std::string_view packed() const;

   private:
    std::unique_ptr<char[]> bytes_;
  };
  // Finds a Stored by its story id.
  struct ById {
    using is_transparent = void;
    size_t operator()(std::string_view story) const;
    size_t operator()(const Stored& s) const { return (*this)(s.story()); }
    bool operator()(const auto& a, const auto& b) const { return id(a) == id(b); }
    static std::string_view id(std::string_view story) { return story; }
    static std::string_view id(const Stored& s) { return s.story(); }
  };
  // Packs into packing_. A topic is written as its number in topic_names_
  // (a story names a few of the taxonomy's ids), an item whose uri is the
  // story id (a story's first item, mostly) without its uri.
  void pack(const StoryState& state);
  void unpack(const Stored& in, StoryState& out) const;
  // Keeps `state` as its story's Stored, at `at` (or end(): a new story).
  void store(std::unordered_set<Stored, ById, ById>::iterator at, const StoryState& state);

  int64_t window_ms_;
  bool write_state_ = false;
  mutable std::mutex mu_;
  std::unordered_set<Stored, ById, ById> stories_;
  std::string packing_;  // pack()'s buffer, reused
  std::vector<std::string> topic_names_;
  std::unordered_map<std::string, uint32_t> topic_numbers_;
  StoryState scratch_;  // the story being updated; its buffers are reused
  int64_t newest_ms_ = 0;
  uint32_t updates_since_sweep_ = 0;
};

}  // namespace wiredesk
