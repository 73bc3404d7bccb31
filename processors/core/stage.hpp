// What flows between the middle stages (dedup, tag, alert) and the interface
// they implement. Decode and encode are the pipeline's bookends.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "processors/decode/decode.hpp"
#include "processors/decode/record.hpp"
#include "processors/decode/wire_item.hpp"

namespace wiredesk {

enum class Verdict : uint8_t { fresh, update, duplicate };  // "new" is a C++ keyword
std::string_view to_string(Verdict v);

// One topic assigned to an item by the tag stage.
struct TopicMatch {
  std::string id;
  std::string name;
  std::string kind;  // subject, place, person, organisation
  std::string uri;   // IPTC Media Topic URI or urn:wiredesk:topic:<id>
  int relevance = 0; // 0-100
  // The topic's evidence as a share of the item's main topic's (0-1]: 1 for
  // what the item is about, less for a side topic it also carries. A place
  // counts at place_weight in the main score (a dateline and "N. Korea" in
  // every line say where, not what). An implied parent takes its best child's.
  double share = 1;
};

// The alert record an item produced (design §4, §5): the story's first
// alert, or a follow-up of it that says why the stakes went up.
struct AlertNotice {
  std::string alert_id;
  std::string followup_of;  // the first alert's id; empty on the first alert
  std::string reason;       // follow-ups: kill, hold, release, correction, rule, urgency
};

// A change an item's decision made to state shared through the index topic
// (design §3, "State"): a dedup index entry, a story's alert state, or a
// tombstone for what the index forgot. It is an output of the stage like any
// other: produced with the item's records, tracked and committed with them,
// in the same transaction under exactly-once.
struct StateWrite {
  std::string key;
  std::string value;       // empty for a tombstone
  bool tombstone = false;
};

// State writes collected from listeners that may also fire on another thread
// (an entry from another replica pushing the window forward evicts), handed
// to the next item that a stage processes.
class StateWriteBuffer {
 public:
  void add(StateWrite write) {
    std::lock_guard lock(mu_);
    writes_.push_back(std::move(write));
  }
  void take(std::vector<StateWrite>& into) {
    std::lock_guard lock(mu_);
    for (auto& w : writes_) into.push_back(std::move(w));
    writes_.clear();
  }

 private:
  std::mutex mu_;
  std::vector<StateWrite> writes_;
};

// What the dedup stage works out from an item alone (dedup.hpp), handed from
// its prepare() to its process().
struct DedupWork;

struct ItemContext {
  WireItem item;
  Origin origin;
  int64_t received_ms = 0;
  int64_t processed_ms = 0;

  Verdict verdict = Verdict::fresh;
  std::string story;                 // uri of the story's first item
  std::string of;                    // uri of the closest earlier item; empty for new
  std::optional<double> similarity;  // 0-1, when compared with an earlier item

  std::vector<TopicMatch> topics;
  std::vector<std::string> alerts;   // names of the alert rules that matched
  std::optional<AlertNotice> alert;  // the alert record this item produces, if any
  bool alert_suppressed = false;     // matched rules, but its story had alerted on them
  // A matched rule says `embargoed: include`: under embargo, the alert goes
  // out at once while the item is held.
  bool alert_during_embargo = false;
  // State this item's decisions changed (index entries, alert states,
  // tombstones), written by stages that were asked to (write_state()).
  std::vector<StateWrite> state_writes;

  // Headline markers (normalize.hpp marker:: bits: flash, write-through,
  // correction, kill, hold, analysis), set by the dedup stage.
  uint8_t markers = 0;
  // Set by the dedup stage: the item corrects an earlier one (a correction
  // marker or editor's note), and its event time is older than the dedup
  // window reaches back from the newest item seen (processed all the same).
  bool correction = false;
  bool late = false;
  // The story's record for the stories topic after this item (StoryView);
  // empty when the item changed no story (a duplicate) or no view runs.
  std::string story_view;
  // Set by prepare(): the stages' work on the item alone.
  std::shared_ptr<DedupWork> dedup_work;
  bool tagged = false;
};

// What a stage says about an item: go on to the next stage, or stop here and
// make the item a dead letter with a reason. A stage that throws is taken as
// failed with reason internal_error (pipeline.cpp), so a bug never ends the
// process nor loses the item.
struct StageStatus {
  bool ok = true;
  Reason reason = Reason::internal_error;
  std::string detail;

  static StageStatus next() { return {}; }
  static StageStatus failed(Reason reason, std::string detail) {
    return {false, reason, std::move(detail)};
  }
};

// A stage works in two steps. prepare() does what depends on the item alone
// (normalizing, fingerprinting, tagging): it may run on any thread, for many
// items at once, and must not touch shared mutable state. process() does
// what depends on the items before it (the dedup index, the alert ledger):
// it runs for one item at a time, in input order, after every stage's
// prepare() for that item. A stage whose prepare() did not run (a caller
// that calls process() alone) does the whole work in process().
class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view name() const = 0;
  virtual StageStatus prepare(ItemContext& /*ctx*/) const { return StageStatus::next(); }
  virtual StageStatus process(ItemContext& ctx) = 0;
};

}  // namespace wiredesk
