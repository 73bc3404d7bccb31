// Tag stage (design §5): one Hyperscan pass over slugline, headline and body
// finds every rule hit; hits are weighed by field, exclusions and penalties
// applied, topics whose score reaches their threshold assigned, parents
// implied by their children.
#pragma once

#include <atomic>
#include <memory>
#include <string_view>
#include <vector>

#include "processors/core/stage.hpp"
#include "processors/tag/taxonomy.hpp"

namespace wiredesk {

// The text of an item that the tagger reads.
struct ItemText {
  std::string_view slugline;
  std::string_view headline;
  std::string_view body;
  int64_t event_ms = 0;  // when it was sent (epoch ms; 0: unknown, every rule counts)
};
ItemText item_text(const WireItem& item);

struct TopicScore {
  uint32_t topic = 0;  // index into CompiledTaxonomy::topics()
  double score = 0;    // own score, before parents are implied
  // Where the positive evidence is (before penalties): slugline and
  // headline, the lead, the rest of the body.
  double headline = 0;
  double lead = 0;
  double body = 0;
  uint32_t mentions = 0;    // distinct positive hits
  uint32_t paragraphs = 0;  // body paragraphs holding one
  uint32_t naming = 0;      // hits of terms that name the topic (TaxonomyDefaults::naming_weight)
  uint32_t naming_top = 0;  // … of them in slugline, headline or lead
  bool established = false; // a term that is not supporting-only found it
  bool vetoed = false;      // a penalty group's veto_terms were found: not assigned
};

// Every topic with a non-zero score, in taxonomy order (for tests and tools
// that want to see near misses). Thread-safe: one Hyperscan scratch per thread.
// Throws std::runtime_error when Hyperscan fails (the pipeline dead-letters
// the item with reason internal_error).
std::vector<TopicScore> score_topics(const CompiledTaxonomy& taxonomy, const ItemText& text);

// One piece of evidence: a hit that counted for a topic (for tools that
// explain a tagging; `text` views the scanned ItemText).
struct TopicEvidence {
  uint32_t topic = 0;
  Field field = Field::body;
  Effect effect = Effect::add;
  double weight = 0;
  std::string_view text;
};
std::vector<TopicEvidence> topic_evidence(const CompiledTaxonomy& taxonomy, const ItemText& text);

// The assigned topics, parents included, by relevance (highest first).
std::vector<TopicMatch> tag_text(const CompiledTaxonomy& taxonomy, const ItemText& text);

class Tagger final : public Stage {
 public:
  // A null taxonomy tags nothing (no taxonomy configured).
  explicit Tagger(std::shared_ptr<const CompiledTaxonomy> taxonomy = nullptr);

  std::string_view name() const override { return "tag"; }
  // Tags the item (any thread; the text alone decides).
  StageStatus prepare(ItemContext& ctx) const override;
  StageStatus process(ItemContext& ctx) override;

  // Swaps in a new taxonomy; items being tagged finish with the one they
  // started with (each item reads one snapshot).
  void swap(std::shared_ptr<const CompiledTaxonomy> taxonomy);
  std::shared_ptr<const CompiledTaxonomy> snapshot() const;

 private:
  std::atomic<std::shared_ptr<const CompiledTaxonomy>> taxonomy_;
};

}  // namespace wiredesk
