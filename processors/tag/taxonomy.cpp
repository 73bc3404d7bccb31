#include "processors/tag/taxonomy.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

#include <hs/hs.h>

#include "processors/core/utf8.hpp"

namespace wiredesk {

std::string_view to_string(Field f) {
  switch (f) {
    case Field::slugline: return "slugline";
    case Field::headline: return "headline";
    case Field::lead: return "lead";
    case Field::body: return "body";
  }
  return "body";
}

std::optional<Field> field_from_string(std::string_view name) {
  for (Field f : {Field::slugline, Field::headline, Field::lead, Field::body}) {
    if (to_string(f) == name) return f;
  }
  return std::nullopt;
}

double FieldWeights::of(Field f) const {
  switch (f) {
    case Field::slugline: return slugline;
    case Field::headline: return headline;
    case Field::lead: return lead;
    case Field::body: return body;
  }
  return body;
}

std::string_view to_string(TopicKind k) {
  switch (k) {
    case TopicKind::subject: return "subject";
    case TopicKind::place: return "place";
    case TopicKind::person: return "person";
    case TopicKind::organisation: return "organisation";
  }
  return "subject";
}

std::optional<TopicKind> topic_kind_from_string(std::string_view name) {
  for (TopicKind k :
       {TopicKind::subject, TopicKind::place, TopicKind::person, TopicKind::organisation}) {
    if (to_string(k) == name) return k;
  }
  return std::nullopt;
}

bool is_unspaced_language(std::string_view language) {
  return language == "ko" || language == "ja" || language == "zh";
}

bool is_known_language(std::string_view language) {
  static constexpr std::string_view kLanguages[] = {"en", "ko", "ja", "zh", "fr",
                                                    "de", "es", "ru", "it", "pt"};
  return std::find(std::begin(kLanguages), std::end(kLanguages), language) !=
         std::end(kLanguages);
}

std::string topic_uri(const TopicDef& topic) {
  static constexpr std::string_view kPrefix = "medtop:";
  if (topic.iptc.rfind(kPrefix, 0) == 0) {
    return "http://cv.iptc.org/newscodes/mediatopic/" + topic.iptc.substr(kPrefix.size());
  }
  return "urn:wiredesk:topic:" + topic.id;
}

namespace {

bool is_slug(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && id[i + 1] == '-')) return false;
  }
  return true;
}

bool is_iptc_code(std::string_view code) {
  if (code.size() != 15 || code.substr(0, 7) != "medtop:") return false;
  return std::all_of(code.begin() + 7, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

void validate_group(const TopicDef& topic, const RuleGroup& g, bool weighted,
                    std::vector<TaxonomyIssue>& out) {
  if (weighted && !(g.weight > 0)) {
    out.push_back({topic.id, g.where + ": weight must be greater than 0"});
  }
  if (g.terms.empty() && g.regexes.empty()) {
    out.push_back({topic.id, g.where + ": no terms and no regex"});
  }
  for (const auto& list : g.terms) {
    if (!is_known_language(list.language)) {
      out.push_back({topic.id, g.where + ": unknown language '" + list.language + "'"});
    }
    for (const auto& term : list.terms) {
      std::string t = trim(term);
      while (!t.empty() && t.back() == '*') t.pop_back();
      if (trim(t).empty()) out.push_back({topic.id, g.where + "." + list.language + ": empty term"});
    }
  }
  for (const auto& re : g.regexes) {
    if (re.empty()) out.push_back({topic.id, g.where + ".regex: empty pattern"});
  }
}

void validate_weights(const std::string& id, const std::string& where, const FieldWeights& w,
                      std::vector<TaxonomyIssue>& out) {
  for (Field f : {Field::slugline, Field::headline, Field::lead, Field::body}) {
    if (w.of(f) < 0) {
      out.push_back({id, where + "." + std::string(to_string(f)) + ": weight must not be negative"});
    }
  }
}

void validate_parents(const Taxonomy& taxonomy, std::vector<TaxonomyIssue>& out) {
  std::unordered_map<std::string, const TopicDef*> by_id;
  for (const auto& t : taxonomy.topics) by_id.emplace(t.id, &t);
  for (const auto& t : taxonomy.topics) {
    if (t.parent.empty()) continue;
    if (!by_id.count(t.parent)) {
      out.push_back({t.id, "unknown parent '" + t.parent + "'"});
      continue;
    }
    // Walk up; a chain longer than the number of topics must loop.
    std::string at = t.parent;
    for (size_t steps = 0; steps <= taxonomy.topics.size(); ++steps) {
      if (at == t.id) {
        out.push_back({t.id, "parent cycle through '" + t.parent + "'"});
        break;
      }
      auto it = by_id.find(at);
      if (it == by_id.end() || it->second->parent.empty()) break;
      at = it->second->parent;
    }
  }
}

}  // namespace

std::vector<TaxonomyIssue> validate_taxonomy(const Taxonomy& taxonomy) {
  std::vector<TaxonomyIssue> out;
  const auto& d = taxonomy.defaults;
  if (!(d.threshold > 0)) out.push_back({"", "defaults.threshold must be greater than 0"});
  if (d.repeat_cap < 1) out.push_back({"", "defaults.repeat_cap must be at least 1"});
  if (d.side_topic_share < 0 || d.side_topic_share > 1) {
    out.push_back({"", "defaults.side_topic_share must be 0 … 1"});
  }
  if (!(d.place_weight >= 0 && d.place_weight <= 1)) {
    out.push_back({"", "defaults.place_weight must be 0 … 1"});
  }
  if (d.place_paragraphs < 0) out.push_back({"", "defaults.place_paragraphs must be 0 or more"});
  if (d.place_share < 0 || d.place_share > 1) {
    out.push_back({"", "defaults.place_share must be 0 … 1"});
  }
  validate_weights("", "defaults.fields", d.fields, out);
  std::set<std::string> seen;
  for (const auto& t : taxonomy.topics) {
    if (!is_slug(t.id)) {
      out.push_back({t.id, "id must be a slug (lower-case letters, digits, single hyphens)"});
    }
    if (!seen.insert(t.id).second) out.push_back({t.id, "duplicate id"});
    if (trim(t.name).empty()) out.push_back({t.id, "name must not be empty"});
    if (!t.iptc.empty() && !is_iptc_code(t.iptc)) {
      out.push_back({t.id, "iptc must look like medtop:NNNNNNNN, not '" + t.iptc + "'"});
    }
    if (t.threshold && !(*t.threshold > 0)) out.push_back({t.id, "threshold must be greater than 0"});
    if (t.fields) validate_weights(t.id, "fields", *t.fields, out);
    for (const auto& g : t.rules) {
      validate_group(t, g, true, out);
      if (g.veto_terms != 0) out.push_back({t.id, g.where + ": veto_terms is for penalties only"});
    }
    for (const auto& g : t.exclude) validate_group(t, g, false, out);
    for (const auto& g : t.penalties) {
      validate_group(t, g, true, out);
      if (g.veto_terms > 255) out.push_back({t.id, g.where + ": veto_terms must be 1 … 255"});
    }
  }
  validate_parents(taxonomy, out);
  return out;
}

// ---------------------------------------------------------------------------
// Compilation

namespace {

std::atomic<uint64_t> g_generation{0};

// Hyperscan expression for a literal: ASCII punctuation as \xHH, everything
// else (letters, digits, UTF-8 bytes) as it is.
std::string escape_literal(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() * 2);
  for (unsigned char c : text) {
    if (c >= 0x80 || std::isalnum(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

// True when caseless matching of `text` needs Unicode case folding: it has
// letters beyond ASCII that have case (Latin, Greek, Cyrillic…), unlike
// Hangul or CJK. Lead bytes 0xC3–0xDF start code points U+00C0–U+07FF.
bool needs_unicode_case(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xC3 && b <= 0xDF;
  });
}

bool looks_like_acronym(std::string_view term) {
  bool upper = false;
  for (unsigned char c : term) {
    if (c >= 'a' && c <= 'z') return false;
    upper |= c >= 'A' && c <= 'Z';
  }
  return upper;
}

// A name: starts with a capital and has lower-case letters (China, Kim
// Jong-un, U.S. Congress), as opposed to an acronym or a common word.
bool looks_like_proper_name(std::string_view term) {
  if (term.empty() || term.front() < 'A' || term.front() > 'Z') return false;
  return std::any_of(term.begin(), term.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Spelling variants an editor would otherwise list by hand: a hyphen may be
// written as a space (Kim Jong-un / Kim Jong Un), an apostrophe as a
// typographic one (Workers' / Workers’).
std::vector<std::string> spelling_variants(const std::string& term) {
  std::vector<std::string> out{term};
  if (term.find('-') != std::string::npos) {
    std::string v = term;
    std::replace(v.begin(), v.end(), '-', ' ');
    out.push_back(v);
  }
  const size_t n = out.size();
  for (size_t i = 0; i < n; ++i) {
    if (out[i].find('\'') == std::string::npos) continue;
    std::string v;
    for (char c : out[i]) {
      if (c == '\'') v += "\xE2\x80\x99";
      else v.push_back(c);
    }
    out.push_back(v);
  }
  return out;
}

struct Expression {
  std::string text;
  unsigned flags = 0;
  PatternInfo info;
  std::vector<PatternTarget> targets;
  // For messages: where the first use of this expression came from.
  std::string topic_id;
  std::string where;
  std::string source;
};

}  // namespace

namespace {

// Hangul syllables in `s` (3-byte UTF-8 sequences U+AC00..U+D7A3).
size_t hangul_syllable_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (utf8::hangul_syllable_at(s, i)) {
      ++n;
      i += 2;
    }
  }
  return n;
}

}  // namespace

// Hyperscan's analysis of one expression on its own: the fewest bytes a
// match takes, or why the expression is rejected.
struct ExpressionInfo {
  bool ok = false;
  unsigned min_width = 0;
  std::string error;
};

ExpressionInfo expression_info(const std::string& text, unsigned flags) {
  ExpressionInfo out;
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_expression_info(text.c_str(), flags, &info, &err) == HS_SUCCESS) {
    out.ok = true;
    out.min_width = info->min_width;
    std::free(info);  // allocated by Hyperscan's default allocator (malloc)
  } else {
    out.error = err ? err->message : "rejected";
    hs_free_compile_error(err);
  }
  return out;
}

struct TaxonomyCompiler {
  const Taxonomy& taxonomy;
  std::vector<Expression> expressions;
  std::map<std::string, size_t> index;  // flags + boundaries + text → expression
  uint32_t context_rules = 0;           // sense rules numbered from 1
  uint16_t veto_groups = 0;             // veto groups numbered from 1

  explicit TaxonomyCompiler(const Taxonomy& t) : taxonomy(t) {}

  void add(Expression e, const PatternTarget& target) {
    const std::string key = std::to_string(e.flags) + (e.info.start_boundary ? "B" : "-") +
                            (e.info.end_boundary ? "B" : "-") +
                            std::to_string(e.info.hangul_syllables) +
                            (e.info.hangul_name ? "N" : "-") + (e.info.latin_name ? "L" : "-") +
                            e.text;
    auto [it, inserted] = index.emplace(key, expressions.size());
    if (inserted) expressions.push_back(std::move(e));
    expressions[it->second].targets.push_back(target);
  }

  void add_term(const std::string& language, const std::string& raw, CaseMode mode,
                const PatternTarget& target, const std::string& topic_id,
                const std::string& where) {
    std::string term = raw;
    while (!term.empty() && std::isspace(static_cast<unsigned char>(term.back()))) term.pop_back();
    const bool prefix = !term.empty() && term.back() == '*';
    while (!term.empty() && term.back() == '*') term.pop_back();
    size_t b = 0;
    while (b < term.size() && std::isspace(static_cast<unsigned char>(term[b]))) ++b;
    term.erase(0, b);
    if (term.empty()) return;
    const bool spaced = !is_unspaced_language(language);
    // automatic: an acronym (JCS) is matched as written; a proper name
    // (China, Little Rock) as written or in capitals (CHINA in a slugline),
    // so that fine china, a turkey or the summer's heat in Nice stay common
    // words; anything else caselessly. Exclusions stay caseless: they name
    // the phrases to hide however they are written.
    const bool proper = spaced && mode == CaseMode::automatic && target.effect != Effect::mask &&
                        looks_like_proper_name(term);
    bool caseless = mode == CaseMode::insensitive ||
                    (mode == CaseMode::automatic && !looks_like_acronym(term) && !proper);
    std::vector<std::string> variants = spelling_variants(term);
    if (proper) {
      // Also in capitals, and with every word capitalised (Kim Jong-un is
      // written Kim Jong Un too).
      const size_t n = variants.size();
      for (size_t i = 0; i < n; ++i) {
        std::string upper = variants[i];
        std::string title = variants[i];
        for (size_t k = 0; k < upper.size(); ++k) {
          const char c = upper[k];
          if (c >= 'a' && c <= 'z') upper[k] = static_cast<char>(c - 'a' + 'A');
          const bool word_start = k == 0 || title[k - 1] == ' ' || title[k - 1] == '-';
          if (word_start && c >= 'a' && c <= 'z') title[k] = static_cast<char>(c - 'a' + 'A');
        }
        variants.push_back(std::move(upper));
        if (title != variants[i]) variants.push_back(std::move(title));
      }
    }
    for (const auto& variant : variants) {
      Expression e;
      e.text = escape_literal(variant);
      e.flags = caseless ? HS_FLAG_CASELESS : 0;
      // UTF-8 mode cannot change what a byte literal matches in valid UTF-8
      // text (the encoding is self-synchronising), and compiling without it
      // is ~50× faster; it is needed only for Unicode case folding.
      if (caseless && needs_unicode_case(variant)) e.flags |= HS_FLAG_UTF8 | HS_FLAG_UCP;
      e.info.length = static_cast<uint32_t>(variant.size());
      e.info.start_boundary = spaced && is_word_byte(static_cast<unsigned char>(variant.front()));
      e.info.end_boundary =
          spaced && !prefix && is_word_byte(static_cast<unsigned char>(variant.back()));
      // Exclusions keep matching as substrings: they name the longer words.
      if (spaced && !prefix && target.effect != Effect::mask &&
          taxonomy.topics[target.topic].kind != TopicKind::subject) {
        e.info.latin_name = true;
      }
      if (!spaced && !prefix && target.effect != Effect::mask) {
        const size_t syllables = hangul_syllable_count(variant);
        if (syllables > 0 && syllables <= 2 && syllables * 3 == variant.size()) {
          e.info.hangul_syllables = static_cast<uint8_t>(syllables);
        }
        const TopicKind kind = taxonomy.topics[target.topic].kind;
        const size_t last = variant.size() >= 3 ? variant.size() - 3 : 0;
        if (kind != TopicKind::subject && syllables > 0 &&
            hangul_syllable_count(std::string_view(variant).substr(last)) == 1) {
          e.info.hangul_name = true;  // ends in a syllable: what follows it matters
        }
      }
      e.topic_id = topic_id;
      e.where = where + "." + language;
      e.source = raw;
      add(std::move(e), target);
    }
  }

  void add_regex(const std::string& regex, CaseMode mode, const PatternTarget& target,
                 const std::string& topic_id, const std::string& where) {
    Expression e;
    e.text = regex;
    e.flags = HS_FLAG_UTF8 | HS_FLAG_MULTILINE;
    // Hyperscan has no \b under Unicode properties; such a regex keeps
    // ASCII word characters.
    if (regex.find("\\b") == std::string::npos && regex.find("\\B") == std::string::npos) {
      e.flags |= HS_FLAG_UCP;
    }
    if (mode != CaseMode::sensitive) e.flags |= HS_FLAG_CASELESS;
    // Exclusions mask the span they match, so they need its start.
    if (target.effect == Effect::mask) {
      e.flags |= HS_FLAG_SOM_LEFTMOST;
      e.info.has_start = true;
    } else {
      // A rejected regex is reported when the database is compiled.
      if (const ExpressionInfo info = expression_info(regex, e.flags); info.ok) {
        e.info.min_width = info.min_width;
      }
    }
    e.topic_id = topic_id;
    e.where = where + ".regex";
    e.source = regex;
    add(std::move(e), target);
  }

  void add_group(uint32_t topic_index, const RuleGroup& g, Effect effect) {
    const TopicDef& topic = taxonomy.topics[topic_index];
    PatternTarget target;
    target.topic = topic_index;
    target.effect = effect;
    target.weight = static_cast<float>(effect == Effect::mask ? 0 : g.weight);
    target.support = g.support && effect == Effect::add;
    target.until_day = effect == Effect::add ? g.until_day : 0;
    target.whole_item = g.whole_item && effect == Effect::mask;
    target.to_closing_quote = g.to_closing_quote && effect == Effect::mask;
    target.to_name_end = g.to_name_end && effect == Effect::mask;
    target.from_name_start = g.from_name_start && effect == Effect::mask;
    target.veto_terms =
        effect == Effect::subtract ? static_cast<uint8_t>(std::min<uint32_t>(g.veto_terms, 255)) : 0;
    if (target.veto_terms != 0) target.veto_group = ++veto_groups;
    if (!g.context.empty() && effect != Effect::mask) {
      target.context = ++context_rules;
      PatternTarget licence = target;
      licence.effect = Effect::context;
      licence.weight = 0;
      licence.field_mask = 0xF;
      licence.support = false;
      // Context terms are caseless unless the group says otherwise: "the
      // presidents" licenses a summit as well as "President Lee".
      const CaseMode context_case =
          g.case_mode == CaseMode::sensitive ? CaseMode::sensitive : CaseMode::insensitive;
      for (const auto& list : g.context) {
        for (const auto& term : list.terms) {
          add_term(list.language, term, context_case, licence, topic.id, g.where + ".context");
        }
      }
    }
    if (!g.fields.empty()) {
      target.field_mask = 0;
      for (Field f : g.fields) target.field_mask |= static_cast<uint8_t>(1u << static_cast<int>(f));
    }
    for (const auto& list : g.terms) {
      for (const auto& term : list.terms) {
        add_term(list.language, term, g.case_mode, target, topic.id, g.where);
      }
    }
    for (const auto& re : g.regexes) add_regex(re, g.case_mode, target, topic.id, g.where);
  }

  void collect() {
    for (uint32_t i = 0; i < taxonomy.topics.size(); ++i) {
      const TopicDef& t = taxonomy.topics[i];
      for (const auto& g : t.rules) add_group(i, g, Effect::add);
      for (const auto& g : t.exclude) add_group(i, g, Effect::mask);
      for (const auto& g : t.penalties) add_group(i, g, Effect::subtract);
    }
  }

  PatternError error_for(size_t i, const char* message) const {
    const Expression& e = expressions[i];
    return {e.topic_id, e.where, e.source, message};
  }

  // Checks every expression on its own, so that every bad one is reported,
  // not only the first one the multi-pattern compiler stops at.
  std::vector<PatternError> check_each() const {
    std::vector<PatternError> errors;
    for (size_t i = 0; i < expressions.size(); ++i) {
      const ExpressionInfo info = expression_info(expressions[i].text, expressions[i].flags);
      if (!info.ok) errors.push_back(error_for(i, info.error.c_str()));
    }
    return errors;
  }

  std::vector<PatternError> compile(CompiledTaxonomy& out) const {
    if (expressions.empty()) return {};
    // Vectored mode: the tagger scans slugline, headline and body as one
    // vector (hs_scan_vector rejects block-mode databases).
    std::vector<const char*> texts;
    std::vector<unsigned> flags, ids;
    for (size_t i = 0; i < expressions.size(); ++i) {
      texts.push_back(expressions[i].text.c_str());
      flags.push_back(expressions[i].flags);
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(texts.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(texts.size()), HS_MODE_VECTORED, nullptr, &db,
                         &err) == HS_SUCCESS) {
      out.db_ = db;
      return {};
    }
    std::vector<PatternError> errors = check_each();
    if (errors.empty()) {
      const int at = err ? err->expression : -1;
      if (at >= 0) errors.push_back(error_for(static_cast<size_t>(at), err->message));
      else errors.push_back({"", "", "", err ? err->message : "database compile failed"});
    }
    hs_free_compile_error(err);
    return errors;
  }

  void fill(CompiledTaxonomy& out) const {
    const auto& d = taxonomy.defaults;
    out.lead_bytes_ = d.lead_bytes;
    out.repeat_cap_ = d.repeat_cap;
    out.side_topic_share_ = d.side_topic_share;
    out.place_weight_ = d.place_weight;
    out.context_rules_ = context_rules;
    out.place_paragraphs_ = d.place_paragraphs;
    out.place_share_ = d.place_share;
    out.naming_weight_ = d.naming_weight;
    out.one_mention_needs_naming_ = d.one_mention_needs_naming;
    std::unordered_map<std::string, uint32_t> by_id;
    for (uint32_t i = 0; i < taxonomy.topics.size(); ++i) by_id.emplace(taxonomy.topics[i].id, i);
    for (const auto& t : taxonomy.topics) {
      CompiledTopic c;
      c.id = t.id;
      c.name = t.name;
      c.kind = std::string(to_string(t.kind));
      c.place = t.kind == TopicKind::place;
      c.person = t.kind == TopicKind::person;
      c.uri = topic_uri(t);
      c.threshold = t.threshold.value_or(d.threshold);
      c.fields = t.fields.value_or(d.fields);
      for (std::string p = t.parent; !p.empty();) {
        const uint32_t at = by_id.at(p);
        c.ancestors.push_back(at);
        p = taxonomy.topics[at].parent;
      }
      out.topics_.push_back(std::move(c));
    }
    for (const auto& e : expressions) {
      PatternInfo info = e.info;
      info.first_target = static_cast<uint32_t>(out.targets_.size());
      info.target_count = static_cast<uint32_t>(e.targets.size());
      for (const PatternTarget& t : e.targets) {
        info.has_mask = info.has_mask || t.effect == Effect::mask;
        info.has_context = info.has_context || t.effect == Effect::context;
      }
      out.targets_.insert(out.targets_.end(), e.targets.begin(), e.targets.end());
      out.patterns_.push_back(info);
    }
  }
};

CompiledTaxonomy::~CompiledTaxonomy() {
  if (db_) hs_free_database(db_);
}

size_t CompiledTaxonomy::database_bytes() const {
  size_t size = 0;
  if (db_) hs_database_size(db_, &size);
  return size;
}

int CompiledTaxonomy::find(std::string_view id) const {
  for (size_t i = 0; i < topics_.size(); ++i) {
    if (topics_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

CompileResult compile_taxonomy(const Taxonomy& taxonomy) {
  CompileResult result;
  result.issues = validate_taxonomy(taxonomy);
  TaxonomyCompiler compiler(taxonomy);
  compiler.collect();
  if (!result.issues.empty()) {
    // Still report the patterns Hyperscan rejects: one run shows every error.
    result.pattern_errors = compiler.check_each();
    return result;
  }
  std::shared_ptr<CompiledTaxonomy> compiled(new CompiledTaxonomy());
  result.pattern_errors = compiler.compile(*compiled);
  if (!result.pattern_errors.empty()) return result;
  compiler.fill(*compiled);
  compiled->generation_ = ++g_generation;
  result.taxonomy = std::move(compiled);
  return result;
}

}  // namespace wiredesk
