// libFuzzer target: what the service reads back from its compacted index
// topic on start and from other replicas while running — dedup index entries
// story alert states and story view states. Another version, a truncated or corrupted value must
// be refused (nullopt), never crash; whatever is accepted serializes back to
// the same bytes and can be applied to an index or a ledger.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "processors/core/story_view.hpp"
#include "processors/tag/alert_ledger.hpp"
#include "processors/dedup/dedup_index.hpp"

namespace {

using namespace wiredesk;

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "fuzz_state: %s\n", what);
  std::abort();
}

int64_t fixed_clock() { return 1796245200000; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  if (auto entry = deserialize(bytes)) {
    // Format 1 is read but written as format 2, so compare after one round.
    const std::string again = serialize(*entry);
    auto reread = deserialize(again);
    if (!reread) finding("a serialized index entry does not read back");
    if (serialize(*reread) != again) finding("an index entry changes on a round trip");
    IndexOptions options;
    options.max_entries = 4;
    options.wall_clock = fixed_clock;
    DedupIndex index(options);
    index.apply_remote(*entry);
    index.apply_remote(*reread);
    index.erase(entry->key());
  }

  if (auto state = deserialize_story_alerts(bytes)) {
    const std::string again = serialize(*state);
    auto reread = deserialize_story_alerts(again);
    if (!reread) finding("a serialized alert state does not read back");
    if (serialize(*reread) != again) finding("an alert state changes on a round trip");
    AlertLedgerOptions options;
    options.wall_clock = fixed_clock;
    AlertLedger ledger(options);
    ledger.apply_remote(*state);
    ledger.apply_remote(*reread);
  }

  if (auto view = StoryState::from_json(bytes)) {
    const std::string again = view->to_json();
    auto reread = StoryState::from_json(again);
    if (!reread) finding("a story view state does not read back");
    if (reread->to_json() != again) finding("a story view state changes on a round trip");
    StoryView views;
    views.apply_remote(*view);
    views.apply_remote(*reread);
    views.erase(view->story);
  }
  return 0;
}
