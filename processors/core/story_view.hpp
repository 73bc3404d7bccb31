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
  // with the id and the packed string beside it; this is that allocation and
  // a slot of Table.
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
    Stored() = default;  // a free slot of Table
    // `packed`: the headline, topics and items as StoryView::pack writes them.
    Stored(std::string_view story, const StoryState& state, std::string_view packed);
    bool empty() const { return !bytes_; }
    Head head() const;
    std::string_view story() const;
    std::string_view packed() const;

   private:
    std::unique_ptr<char[]> bytes_;
  };
  // The stories by id: open addressing over one Stored (a pointer) per slot,
  // linear probing, at most 3/4 full, a removal shifting the entries after
  // it back (no tombstones). A node-based set took a node (32 bytes) and a
  // bucket pointer per story beside the story's own allocation; this takes
  // 11-21 bytes. The hash of an id is computed again where it is needed
  // (growing, removing): the bytes are the point.
  class Table {
   public:
    Stored* find(std::string_view story);
    const Stored* find(std::string_view story) const;
    // Adds a story that is not in the table.
    void add(Stored stored);
    void erase(std::string_view story);
    // Removes the stories for which drop(stored) is true (it may be asked
    // about a kept story twice).
    template <class Drop>
    void erase_if(Drop drop) {
      for (size_t i = 0; i < slots_.size();) {
        if (!slots_[i].empty() && drop(slots_[i])) {
          erase_at(i);  // a later entry may have moved into i: look again
        } else {
          ++i;
        }
      }
    }
    size_t size() const { return size_; }

   private:
    static size_t hash(std::string_view story);
    size_t home(std::string_view story) const { return hash(story) & (slots_.size() - 1); }
    size_t slot_of(std::string_view story) const;  // its slot, or the free one it would take
    void erase_at(size_t slot);
    void grow();
    std::vector<Stored> slots_;  // a power of two of them, or none
    size_t size_ = 0;
  };
  // Packs into packing_. A topic is written as its number in topic_names_
  // (a story names a few of the taxonomy's ids), an item whose uri is the
  // story id (a story's first item, mostly) without its uri.
  void pack(const StoryState& state);
  void unpack(const Stored& in, StoryState& out) const;
  // Keeps `state` as its story's Stored, in place of `at` (or added: null).
  void store(Stored* at, const StoryState& state);

  int64_t window_ms_;
  bool write_state_ = false;
  mutable std::mutex mu_;
  Table stories_;
  std::string packing_;  // pack()'s buffer, reused
  std::vector<std::string> topic_names_;
  std::unordered_map<std::string, uint32_t> topic_numbers_;
  StoryState scratch_;  // the story being updated; its buffers are reused
  int64_t newest_ms_ = 0;
  uint32_t updates_since_sweep_ = 0;
};

}  // namespace wiredesk
