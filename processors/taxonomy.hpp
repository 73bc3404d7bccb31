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
enum class Effect : uint8_t { add, mask, subtract };
struct PatternTarget {
  uint32_t topic = 0;
  Effect effect = Effect::add;
  uint8_t field_mask = 0xF;  // bit per Field
  float weight = 1;
};
struct PatternInfo {
  uint32_t length = 0;          // byte length of a literal term; 0 for a regex
  bool start_boundary = false;  // the matcher checks word boundaries itself
  bool end_boundary = false;
  bool has_start = false;       // regex compiled with HS_FLAG_SOM_LEFTMOST
  uint32_t first_target = 0;    // into CompiledTaxonomy::targets()
  uint32_t target_count = 0;
};

struct CompiledTopic {
  std::string id;
  std::string name;
  std::string kind;
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
