// The topic taxonomy (design §5): plain structs that a loader fills (no YAML
// types here), and their compiled form — every rule of every topic in one
// Hyperscan database, so one pass over an item finds every match.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct hs_database;

namespace wiredesk {

// Where in an item a match was found. `lead` is the first `lead_bytes` of the
// body: news copy states its subject there, so it weighs more than the rest.
enum class Field : uint8_t { slugline, headline, lead, body };
inline constexpr int kFieldCount = 4;
std::string_view to_string(Field f);
std::optional<Field> field_from_string(std::string_view name);

struct FieldWeights {
  double slugline = 2.0;
  double headline = 3.0;
  double lead = 1.5;
  double body = 1.0;
  double of(Field f) const;
};

// How the terms of a rule group compare letters. `automatic`: a term written
// in capitals only (an acronym such as JCS or NIS) is case-sensitive, any
// other term is caseless.
enum class CaseMode : uint8_t { automatic, sensitive, insensitive };

// Terms in one language. Space-delimited languages (en, fr, …) match at word
// boundaries, a trailing '*' allowing any ending (missile* → missiles);
// ko, ja and zh attach particles and endings without a space (북한은,
// 미사일을), so their terms match anywhere, as substrings.
struct TermList {
  std::string language;
  std::vector<std::string> terms;
};

// Patterns that share a weight: terms per language and regular expressions.
struct RuleGroup {
  double weight = 1.0;
  CaseMode case_mode = CaseMode::automatic;
  std::vector<TermList> terms;
  std::vector<std::string> regexes;
  std::vector<Field> fields;  // where hits count; empty: every field
  std::string where;          // position in the file for messages, e.g. "rules[2]"
  // Supporting evidence only: these hits add to a topic that other terms
  // found, but never find it alone (demonyms: "Chinese cabbage" is not China).
  bool support = false;
  // A sense rule: when not empty, a hit of this group counts only when one
  // of these terms is in the same paragraph, or in the headline (for a
  // headline hit: the headline or the first paragraph). "summit" needs a
  // leader or talks near it, a mountain's summit has none.
  std::vector<TermList> context;
  // Exclusions only: the topic's terms found inside a match count nowhere
  // in the item, not only there. For the sign that a name belongs to
  // someone or something else in this item: a private person with a
  // leader's name ("김정은(24)이", "김정은씨"), a fighting bull called '푸틴'.
  bool whole_item = false;
  // Exclusions only: a match runs on to the quote that closes the one it
  // ends with (영화 '…', the film "…"): the words of a work's title.
  bool to_closing_quote = false;
  // Exclusions only: a match runs on over the capitalized words that follow
  // it (band Kremlin Lights), or back over those before it, or back to the
  // opening quote when it starts at a closing one (Tsunami Bay, the colt;
  // the 'Nuclear Noodle' chain): an unquoted name, found in code.
  bool to_name_end = false;
  bool from_name_start = false;
  // Penalties only: when this many of the group's terms (distinct ones, in
  // its fields) are in the item, the topic is not assigned, whatever its
  // score — the frame of the whole item says its words are something else
  // (a plot retold in a film review: 극 중, 주인공, "the film follows").
  // 0: an ordinary penalty.
  uint32_t veto_terms = 0;
  // Rules only: the last day (days since 1970-01-01, UTC) on which the
  // group's hits count; an item sent later does not count them (0: every
  // day). A title names its holder while he holds it: "대통령" alone was Lee
  // Jae-myung until his term ended, not a president of 2037.
  int32_t until_day = 0;
};

enum class TopicKind : uint8_t { subject, place, person, organisation };
std::string_view to_string(TopicKind k);
std::optional<TopicKind> topic_kind_from_string(std::string_view name);

struct TopicDef {
  std::string id;      // slug
  std::string name;
  TopicKind kind = TopicKind::subject;
  std::string iptc;    // "medtop:NNNNNNNN" or empty
  std::string parent;  // topic id or empty
  std::optional<double> threshold;     // else the taxonomy default
  std::optional<FieldWeights> fields;  // else the taxonomy default
  std::vector<RuleGroup> rules;        // each hit adds weight × field weight
  std::vector<RuleGroup> exclude;      // a hit of this topic inside one of these matches does not count
  std::vector<RuleGroup> penalties;    // each hit subtracts weight × field weight
};

struct TaxonomyDefaults {
  double threshold = 4.0;
  FieldWeights fields;
  uint32_t lead_bytes = 400;
  int repeat_cap = 3;  // hits of one pattern in one field that count: 1, then +0.5 each
  // What an item is about, not every word it mentions (all off unless the
  // taxonomy file sets them; the shipped one does). A term of naming_weight
  // or more names its topic ("ballistic missile", 날씨); lighter ones only
  // support it.
  double naming_weight = 3.0;
  // A topic that no naming term finds in the slugline, headline or lead is
  // a side topic: it is assigned only when its score is at least this share
  // of the item's top topic score …
  double side_topic_share = 0;
  // The top score that side_topic_share is a share of counts a place's
  // score at this factor (1: as it is): a story's places score high in any
  // story (dateline, headline), and a horse race in Busan is about racing.
  double place_weight = 1.0;
  // … and a place that no term finds in the slugline or headline only when
  // it has at least this share of the top score and is named in the lead
  // or found in at least place_paragraphs body paragraphs (a country named
  // in passing is not where the story is).
  double place_share = 0;
  int place_paragraphs = 0;
  // One mention makes a topic only when its term names the topic.
  bool one_mention_needs_naming = false;
};

struct Taxonomy {
  TaxonomyDefaults defaults;
  std::vector<TopicDef> topics;
};

// True for languages written without spaces between words (terms match as
// substrings).
bool is_unspaced_language(std::string_view language);
bool is_known_language(std::string_view language);

// The IPTC Media Topic URI for "medtop:NNNNNNNN", else urn:wiredesk:topic:<id>.
std::string topic_uri(const TopicDef& topic);

// Structural checks that need no compiler: duplicate ids, unknown parents,
// parent cycles, empty terms, non-positive weights and thresholds.
struct TaxonomyIssue {
  std::string topic_id;  // empty for taxonomy-wide problems
  std::string message;
};
std::vector<TaxonomyIssue> validate_taxonomy(const Taxonomy& taxonomy);

// A pattern that Hyperscan rejected.
struct PatternError {
  std::string topic_id;
  std::string where;    // "rules[1].regex[0]"
  std::string pattern;
  std::string message;
};

// What one Hyperscan expression id stands for.
// add/subtract: the hit's weight counts for or against the topic; mask: it
// hides the topic's hits inside it (exclusions); context: it licenses the
// hits of the rule group `context` names (sense rules).
enum class Effect : uint8_t { add, mask, subtract, context };
struct PatternTarget {
  uint32_t topic = 0;
  Effect effect = Effect::add;
  uint8_t field_mask = 0xF;  // bit per Field
  bool support = false;      // RuleGroup::support
  bool whole_item = false;   // mask: RuleGroup::whole_item
  bool to_closing_quote = false;  // mask: RuleGroup::to_closing_quote
  bool to_name_end = false;       // mask: RuleGroup::to_name_end
  bool from_name_start = false;   // mask: RuleGroup::from_name_start
  uint32_t context = 0;      // add/subtract: the sense rule its hits need (0: none); context: the rule it serves
  float weight = 1;
  uint8_t veto_terms = 0;    // subtract: RuleGroup::veto_terms (at most 255)
  uint16_t veto_group = 0;   // with veto_terms: which of the topic's veto groups (from 1)
  int32_t until_day = 0;     // add: RuleGroup::until_day
};
// A byte of a word for the word-boundary checks: an ASCII letter or digit,
// or '_' (std::isalnum in the "C" locale, which wiredesk never changes). The
// compiler decides by it which terms need a boundary checked, the matcher
// checks it: one definition for both.
inline constexpr bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

struct PatternInfo {
  uint32_t length = 0;          // byte length of a literal term; 0 for a regex
  bool start_boundary = false;  // the matcher checks word boundaries itself
  bool end_boundary = false;
  bool has_start = false;       // regex compiled with HS_FLAG_SOM_LEFTMOST
  // A regex without SOM: the fewest bytes a match takes (hs_expr_info_t
  // min_width). Its hit is taken to start that far before its end, so that
  // a term inside it (the "사망" of "2명 사망") counts once, as part of the
  // longer match, instead of swallowing it.
  uint32_t min_width = 0;
  // A Korean term of one or two Hangul syllables (핵, 정상, 북한): it must be
  // a word of its own, not the start of a longer one (핵심, 정상화, 북한산).
  // The matcher lets only particles, verb endings and a few noun suffixes
  // follow it (korean_word.hpp); a one-syllable term must also start a word.
  uint8_t hangul_syllables = 0;
  // A Korean name of a place, organisation or person (러시아, 유엔, 중국): only
  // a particle, a noun suffix (러시아군, 중국인) or a verb ending may follow it,
  // whatever its length (러시아워 is rush hour, 중국집 a restaurant).
  bool hangul_name = false;
  // A Latin name (UN, KOSPI) of a place, organisation or person: when Hangul
  // follows it without a space, the Korean name rule decides (UN빌리지 is a
  // neighbourhood, UN은 the United Nations).
  bool latin_name = false;
  // Whether any of its targets masks, or serves a sense rule: the matcher
  // looks for those only in the hits of such patterns.
  bool has_mask = false;
  bool has_context = false;
  uint32_t first_target = 0;    // into CompiledTaxonomy::targets()
  uint32_t target_count = 0;
};

struct CompiledTopic {
  std::string id;
  std::string name;
  std::string kind;
  bool place = false;
  bool person = false;
  std::string uri;
  double threshold = 4.0;
  FieldWeights fields;
  std::vector<uint32_t> ancestors;  // parent first
};

struct CompileResult;
CompileResult compile_taxonomy(const Taxonomy& taxonomy);

class CompiledTaxonomy {
 public:
  CompiledTaxonomy(const CompiledTaxonomy&) = delete;
  CompiledTaxonomy& operator=(const CompiledTaxonomy&) = delete;
  ~CompiledTaxonomy();

  // Null when the taxonomy has no patterns (nothing can match).
  const hs_database* database() const { return db_; }
  // Unique per compiled instance; lets a thread's scratch know when to grow.
  uint64_t generation() const { return generation_; }

  const std::vector<CompiledTopic>& topics() const { return topics_; }
  const std::vector<PatternInfo>& patterns() const { return patterns_; }
  const std::vector<PatternTarget>& targets() const { return targets_; }
  uint32_t lead_bytes() const { return lead_bytes_; }
  int repeat_cap() const { return repeat_cap_; }
  double side_topic_share() const { return side_topic_share_; }
  double place_weight() const { return place_weight_; }
  uint32_t context_rules() const { return context_rules_; }
  int place_paragraphs() const { return place_paragraphs_; }
  double place_share() const { return place_share_; }
  double naming_weight() const { return naming_weight_; }
  bool one_mention_needs_naming() const { return one_mention_needs_naming_; }
  size_t database_bytes() const;
  // Index of a topic id, or -1.
  int find(std::string_view id) const;

 private:
  friend struct TaxonomyCompiler;
  friend CompileResult compile_taxonomy(const Taxonomy& taxonomy);
  CompiledTaxonomy() = default;

  hs_database* db_ = nullptr;
  uint64_t generation_ = 0;
  std::vector<CompiledTopic> topics_;
  std::vector<PatternInfo> patterns_;
  std::vector<PatternTarget> targets_;
  uint32_t lead_bytes_ = 400;
  int repeat_cap_ = 3;
  double side_topic_share_ = 0;
  double place_weight_ = 1.0;
  int place_paragraphs_ = 0;
  double place_share_ = 0;
  double naming_weight_ = 3.0;
  bool one_mention_needs_naming_ = false;
  uint32_t context_rules_ = 0;
};

struct CompileResult {
  std::shared_ptr<const CompiledTaxonomy> taxonomy;  // null when there are errors
  std::vector<TaxonomyIssue> issues;                 // structural problems
  std::vector<PatternError> pattern_errors;          // patterns Hyperscan rejects
  bool ok() const { return taxonomy != nullptr; }
};

// Validates, then compiles all rules of all topics into one database. Never
// throws for bad input: every problem found is returned.
CompileResult compile_taxonomy(const Taxonomy& taxonomy);

}  // namespace wiredesk
