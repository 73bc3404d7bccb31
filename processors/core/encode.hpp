// Encode stage: ItemContext → output records of design §4.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "processors/decode/decode.hpp"
#include "processors/decode/record.hpp"
#include "processors/core/stage.hpp"

namespace wiredesk {

struct OutputTopics {
  std::string items = "news.items";
  std::string duplicates = "news.duplicates";
  std::string alerts = "news.alerts";
  std::string dlq = "news.dlq";
  bool duplicates_enabled = true;  // output.duplicates_enabled: audit duplicates
  // The index topic for ItemContext::state_writes; empty: they are dropped
  // (file mode has no shared state).
  std::string state;
  // This process's id, in the header::writer of every state record (none
  // when empty): its index follower skips what it wrote itself.
  std::string writer;
  // The story view (compacted, keyed by story); empty: not written.
  std::string stories;
  // Items held under embargo (compacted, keyed by uri|version); empty: held
  // in memory only (file mode).
  std::string embargo;
};

class Encoder {
 public:
  explicit Encoder(OutputTopics topics) : topics_(std::move(topics)) {}

  // The enriched item (ninjs 2.x + wiredesk object) routed by verdict, then
  // the item's alert record when the alert stage gave it one (ctx.alert).
  // Appends to `out`.
  void encode(const ItemContext& ctx, std::vector<OutputRecord>& out) const;

  OutputRecord dead_letter(const InputRecord& input, const DecodeError& error) const;
  // The state writes as records on the index topic (none when it is unset).
  void encode_state(std::vector<StateWrite>& writes, std::vector<OutputRecord>& out) const;

  // Value of the enriched record alone (for tests and benchmarks).
  std::string enriched_value(const ItemContext& ctx) const;
  // The alert record of ctx.alert (empty when the item has none).
  std::string alert_value(const ItemContext& ctx) const;

  const OutputTopics& topics() const { return topics_; }

 private:
  std::vector<Header> headers(const ItemContext& ctx) const;
  OutputTopics topics_;
};

}  // namespace wiredesk
