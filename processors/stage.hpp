// What flows between the middle stages (dedup, tag, alert) and the interface
// they implement. Decode and encode are the pipeline's bookends.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "processors/record.hpp"
#include "processors/wire_item.hpp"

namespace wiredesk {

enum class Verdict { fresh, update, duplicate };  // "new" is a C++ keyword
std::string_view to_string(Verdict v);

// One topic assigned to an item by the tag stage.
struct TopicMatch {
  std::string id;
  std::string name;
  std::string kind;  // subject, place, person, organisation
  std::string uri;   // IPTC Media Topic URI or urn:wiredesk:topic:<id>
  int relevance = 0; // 0-100
};

// The alert record an item produced (design §4, §5): the story's first
// alert, or a follow-up of it that says why the stakes went up.
struct AlertNotice {
  std::string alert_id;
  std::string followup_of;  // the first alert's id; empty on the first alert
  std::string reason;       // follow-ups: kill, hold, release, correction, rule, urgency
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

  // Headline markers (normalize.hpp marker:: bits: flash, write-through,
  // correction, kill, hold, analysis), set by the dedup stage.
  uint8_t markers = 0;
  // Set by prepare(): the stages' work on the item alone.
  std::shared_ptr<DedupWork> dedup_work;
  bool tagged = false;
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
  virtual void prepare(ItemContext& /*ctx*/) const {}
  virtual void process(ItemContext& ctx) = 0;
};

}  // namespace wiredesk
