#include "processors/tag/tagger.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <optional>
#include <stdexcept>

#include <hs/hs.h>

#include "processors/tag/korean_word.hpp"

namespace wiredesk {

ItemText item_text(const WireItem& item) {
  return {item.slugline, item.headline(), item.body_text(), event_time_ms(item)};
}

namespace {

// Between fields, so that no pattern matches across two of them: no term
// contains U+001F, and '.' does not cross the line breaks.
constexpr std::string_view kSeparator = "\n\x1f\n";

struct RawHit {
  uint32_t id;
  uint32_t from;
  uint32_t to;
};

struct Hit {
  uint32_t id;
  uint32_t start;
  uint32_t end;
  int32_t paragraph;  // body paragraph of the start, -1 outside the body
  Field field;
};

struct Span {
  uint32_t topic;
  uint32_t start;
  uint32_t end;
};

// A hit that counts for one target: before overlaps are resolved. Its
// topic, effect, start and end are kept as the two words it is sorted by
// (topic, effect, start ascending, then end and weight descending), so that
// the sort compares two integers, not five fields, and the key last.
struct Counted {
  Counted() = default;  // a slot of ThreadState::sorted, written before it is read
  Counted(uint32_t topic, Effect effect, uint32_t start, uint32_t end, float weight,
          uint64_t key, int32_t paragraph, Field field, bool support)
      : order_hi((uint64_t{topic} << 34) | (uint64_t{static_cast<uint8_t>(effect)} << 32) | start),
        order_lo((uint64_t{~end} << 32) | ~ordered_bits(weight)),
        key(key),
        weight(weight),
        paragraph(paragraph),
        field(field),
        support(support) {
    assert(topic < (1u << 30));
  }

  uint32_t topic() const { return static_cast<uint32_t>(order_hi >> 34); }
  Effect effect() const { return static_cast<Effect>((order_hi >> 32) & 3); }
  uint32_t start() const { return static_cast<uint32_t>(order_hi); }
  uint32_t end() const { return ~static_cast<uint32_t>(order_lo >> 32); }
  // Then by key: of two patterns matching one span at one weight (a term
  // in two groups; "trillion won" and "trillion-won", whose hyphen also
  // matches a space), the first target's counts, so repeats add up on one
  // key whatever the sort's algorithm (a general sort put ties anywhere).
  bool operator<(const Counted& o) const {
    if (order_hi != o.order_hi) return order_hi < o.order_hi;
    return order_lo != o.order_lo ? order_lo < o.order_lo : key < o.key;
  }
  // The topic and effect: what sort_counted() groups by.
  uint32_t group() const { return static_cast<uint32_t>(order_hi >> 32); }

  // Bits of a float that order as the float does (no NaN; -0 is 0).
  static uint32_t ordered_bits(float f) {
    const auto bits = std::bit_cast<uint32_t>(f == 0 ? 0.0f : f);
    return bits & 0x8000'0000u ? ~bits : bits | 0x8000'0000u;
  }

  uint64_t order_hi = 0;  // topic << 34 | effect << 32 | start
  uint64_t order_lo = 0;  // ~end << 32 | ~ordered_bits(weight)
  uint64_t key = 0;       // target × kFieldCount + field
  float weight = 0;
  int32_t paragraph = -1;  // body paragraph of the hit, -1 outside the body
  Field field = Field::body;
  bool support = false;
};
static_assert(static_cast<int>(Effect::context) < 4, "Counted keeps the effect in two bits");

// A sense rule's term found: rule id and where (body paragraph, -1 for the
// slugline and headline).
struct Licence {
  uint32_t rule;
  int32_t scope;
};

// One Hyperscan scratch per thread, grown for each database it meets, and
// the buffers of the last item, reused.
struct ThreadState {
  hs_scratch_t* scratch = nullptr;
  uint64_t generation = 0;
  std::vector<RawHit> raw;
  std::vector<Hit> hits;
  std::vector<Span> masks;
  std::vector<uint8_t> masked_topics;  // 1 for each topic of a span in masks
  // Whole-item exclusions: the (topic, pattern) of each term found inside
  // one, whose hits count nowhere in the item (the name is someone else's).
  std::vector<Span> whole_item;
  std::vector<std::pair<uint32_t, uint32_t>> masked_terms;
  std::vector<Counted> counted;
  std::vector<Counted> sorted;         // sort_counted()'s output, swapped with counted
  std::vector<uint32_t> group_starts;  // sort_counted()'s: where each topic and effect begins
  std::vector<uint64_t> keys;
  std::vector<size_t> topic_starts;  // where each topic's keys begin in keys
  // Per topic, for the item being scored.
  std::vector<uint32_t> mentions, naming, naming_top;
  std::vector<uint64_t> paragraph_bits;
  std::vector<uint8_t> established;
  // Hits of veto groups (RuleGroup::veto_terms): (topic << 16 | group,
  // target), then per topic whether one of its groups found enough
  // distinct terms.
  std::vector<std::pair<uint64_t, uint32_t>> veto_hits;
  std::vector<uint8_t> vetoed;
  std::vector<double> scores;
  std::vector<std::array<double, 3>> where;
  std::vector<uint32_t> breaks;  // offsets of the body's line breaks
  std::vector<Licence> licences;

  ThreadState() = default;
  ThreadState(const ThreadState&) = delete;
  ThreadState& operator=(const ThreadState&) = delete;
  ~ThreadState() {
    if (scratch) hs_free_scratch(scratch);
  }

  bool ready_for(const CompiledTaxonomy& taxonomy) {
    if (scratch && generation == taxonomy.generation()) return true;
    // Only ever grows, so it stays valid for databases met before.
    if (hs_alloc_scratch(taxonomy.database(), &scratch) != HS_SUCCESS) return false;
    generation = taxonomy.generation();
    return true;
  }
};

thread_local ThreadState t_state;

int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int,
             void* context) {
  auto* raw = static_cast<std::vector<RawHit>*>(context);
  raw->push_back({id, static_cast<uint32_t>(from), static_cast<uint32_t>(to)});
  return 0;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }

// A Hangul syllable (U+AC00-U+D7A3: lead byte 0xEA-0xED) at `i`.
bool is_hangul_at(std::string_view s, size_t i) {
  if (i + 2 >= s.size()) return false;
  const auto lead = static_cast<unsigned char>(s[i]);
  return lead >= 0xEA && lead <= 0xED && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
         (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80;
}

// A closing or straight quote at `i`: ' " ’ ”.
bool is_quote_at(std::string_view s, size_t i) {
  if (s[i] == '\'' || s[i] == '"') return true;
  return s[i] == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' &&
         (s[i + 2] == '\x99' || s[i + 2] == '\x9D');
}

// An unquoted name: at most this many capitalized words; a quoted one
// before what it names (the 'Nuclear Noodle' chain), at most this long.
constexpr int kNameWords = 3;
constexpr size_t kMaxNameQuote = 40;

// The scanned stream: slugline, separator, headline, separator, body.
class Layout {
 public:
  explicit Layout(const ItemText& text) {
    blocks_[0] = text.slugline;
    blocks_[1] = kSeparator;
    blocks_[2] = text.headline;
    blocks_[3] = kSeparator;
    blocks_[4] = text.body;
    uint32_t at = 0;
    for (int i = 0; i < 5; ++i) {
      begin_[i] = at;
      at += static_cast<uint32_t>(blocks_[i].size());
    }
  }

  bool scan(const hs_database_t* db, hs_scratch_t* scratch, std::vector<RawHit>& raw) const {
    const char* data[5];
    unsigned int lengths[5];
    for (int i = 0; i < 5; ++i) {
      data[i] = blocks_[i].data();
      lengths[i] = static_cast<unsigned int>(blocks_[i].size());
    }
    return hs_scan_vector(db, data, lengths, 5, 0, scratch, on_match, &raw) == HS_SUCCESS;
  }

  // The block holding the last byte of a match that ends at `end`.
  int block_of(uint32_t end) const {
    for (int i = 4; i > 0; --i) {
      if (end > begin_[i]) return i;
    }
    return 0;
  }

  // Word boundary before `start` and after `end` (both global offsets in
  // block `b`); a field edge counts as one.
  bool boundary_before(int b, uint32_t start) const {
    const uint32_t local = start - begin_[b];
    return local == 0 || !is_word(blocks_[b][local - 1]);
  }
  bool boundary_after(int b, uint32_t end) const {
    const uint32_t local = end - begin_[b];
    return local >= blocks_[b].size() || !is_word(blocks_[b][local]);
  }

  bool korean_name(int b, uint32_t end) const {
    return korean_name_ok(blocks_[b].substr(end - begin_[b]));
  }

  // The global offset just past the first closing quote (' ’ " ”) at or
  // after global offset `from` in its block, before a line break and within
  // `max_bytes`; 0 when there is none.
  uint32_t closing_quote(uint32_t from, size_t max_bytes) const {
    const int b = block_of(from + 1);
    const std::string_view block = blocks_[b];
    const size_t last = std::min(block.size(), size_t{from - begin_[b]} + max_bytes);
    for (size_t i = from - begin_[b]; i < last; ++i) {
      const char c = block[i];
      if (c == '\n') return 0;
      if (c == '\'' || c == '"') return begin_[b] + static_cast<uint32_t>(i + 1);
      if (c == '\xE2' && i + 2 < block.size() && block[i + 1] == '\x80' &&
          (block[i + 2] == '\x99' || block[i + 2] == '\x9D')) {
        return begin_[b] + static_cast<uint32_t>(i + 3);
      }
    }
    return 0;
  }

  // Names: up to three words that open with an ASCII capital, one space
  // apart, or one Korean word (밴드 국무회의가). The global offset past such
  // a run that starts at `from` (`from` when none does).
  uint32_t name_end(uint32_t from) const {
    const int b = block_of(from + 1);
    const std::string_view block = blocks_[b];
    size_t i = from - begin_[b];
    size_t end = i;
    while (is_hangul_at(block, i)) i += 3;
    if (i != end) return begin_[b] + static_cast<uint32_t>(i);
    for (int words = 0; words < kNameWords && i < block.size() && is_upper(block[i]); ++words) {
      while (i < block.size() && is_letter(block[i])) ++i;
      end = i;
      if (i + 1 < block.size() && block[i] == ' ' && is_upper(block[i + 1])) ++i;
      else break;
    }
    return begin_[b] + static_cast<uint32_t>(end);
  }

  // The global offset where a name ends just before `at` begins: the run of
  // capitalized words before it, or, when `at` is a closing quote, the
  // opening quote of its span; `at` when there is none.
  uint32_t name_start(uint32_t at) const {
    const int b = block_of(at + 1);
    const std::string_view block = blocks_[b];
    const size_t local = at - begin_[b];
    if (local < block.size() && is_quote_at(block, local)) {
      // Back to the opening quote, on the same line, within a short name.
      for (size_t i = local; i-- > 0 && local - i <= kMaxNameQuote;) {
        if (block[i] == '\n') break;
        if (block[i] == '\'' || block[i] == '"') return begin_[b] + static_cast<uint32_t>(i);
        if (i >= 2 && block[i - 2] == '\xE2' && block[i - 1] == '\x80' &&
            (block[i] == '\x98' || block[i] == '\x9C')) {
          return begin_[b] + static_cast<uint32_t>(i - 2);
        }
      }
      return at;
    }
    size_t start = local;
    size_t i = local;
    for (int words = 0; words < kNameWords; ++words) {
      size_t w = i;
      while (w > 0 && is_letter(block[w - 1])) --w;
      if (w == i || !is_upper(block[w])) break;
      start = w;
      if (w >= 2 && block[w - 1] == ' ' && is_letter(block[w - 2])) i = w - 1;
      else break;
    }
    return begin_[b] + static_cast<uint32_t>(start);
  }

  // `at` moved back to the start of the UTF-8 character that holds it.
  uint32_t char_start(int b, uint32_t at) const {
    const std::string_view block = blocks_[b];
    uint32_t i = at - begin_[b];
    while (i > 0 && i < block.size() && (static_cast<unsigned char>(block[i]) & 0xC0) == 0x80) --i;
    return begin_[b] + i;
  }

  // The scanned text between two global offsets of one block.
  std::string_view slice(uint32_t start, uint32_t end) const {
    const int b = block_of(end);
    return blocks_[b].substr(start - begin_[b], end - start);
  }

  bool korean_word(int b, uint32_t start, uint32_t end, int syllables) const {
    const std::string_view block = blocks_[b];
    const uint32_t from = start - begin_[b];
    const uint32_t to = end - begin_[b];
    return korean_word_ok(block.substr(0, from), block.substr(to), syllables);
  }

  // Index of the body paragraph (line) holding global offset `at`; -1 when
  // `at` is not in the body. `breaks` holds the body's '\n' offsets.
  // `cursor` is the paragraph of the offset asked before (0 at first): hits
  // come in text order, so the answer is found by stepping from it, not by
  // a binary search per hit.
  int32_t paragraph_of(uint32_t at, const std::vector<uint32_t>& breaks, size_t& cursor) const {
    if (at < begin_[4]) return -1;
    const uint32_t local = at - begin_[4];
    // The paragraph is the number of breaks at or before `local`.
    while (cursor < breaks.size() && breaks[cursor] <= local) ++cursor;
    while (cursor > 0 && breaks[cursor - 1] > local) --cursor;
    return static_cast<int32_t>(cursor);
  }
  void line_breaks(std::vector<uint32_t>& out) const {
    out.clear();
    const std::string_view body = blocks_[4];
    for (size_t i = body.find('\n'); i != std::string_view::npos; i = body.find('\n', i + 1)) {
      if (i == 0 || body[i - 1] != '\n') out.push_back(static_cast<uint32_t>(i));
    }
  }

  std::optional<Field> field_of(int b, uint32_t end, uint32_t lead_bytes) const {
    switch (b) {
      case 0: return Field::slugline;
      case 2: return Field::headline;
      case 4: return end - begin_[4] <= lead_bytes ? Field::lead : Field::body;
      default: return std::nullopt;  // a separator: a regex that matched the gap itself
    }
  }

 private:
  static bool is_word(char c) { return is_word_byte(static_cast<unsigned char>(c)); }

  std::string_view blocks_[5];
  uint32_t begin_[5] = {};
};

// Turns raw matches into hits: word boundaries checked for terms, the field
// and the start of each match found.
// `st.breaks` holds the body's line breaks.
void resolve_hits(const CompiledTaxonomy& taxonomy, const Layout& layout, ThreadState& st) {
  st.hits.clear();
  const auto& patterns = taxonomy.patterns();
  size_t paragraph = 0;  // paragraph_of()'s cursor
  for (const RawHit& r : st.raw) {
    const PatternInfo& p = patterns[r.id];
    const int b = layout.block_of(r.to);
    // A literal's start follows from its length; a regex's is known only
    // when compiled with SOM (exclusions), else its shortest match before
    // its end stands for it.
    const uint32_t start = p.length       ? r.to - p.length
                           : p.has_start ? r.from
                                         : layout.char_start(b, r.to - std::min(p.min_width, r.to));
    if (p.start_boundary && !layout.boundary_before(b, start)) continue;
    if (p.end_boundary && !layout.boundary_after(b, r.to)) continue;
    if (p.hangul_syllables && !layout.korean_word(b, start, r.to, p.hangul_syllables)) continue;
    if ((p.hangul_name || p.latin_name) && !layout.korean_name(b, r.to)) continue;
    const auto field = layout.field_of(b, r.to, taxonomy.lead_bytes());
    if (!field) continue;
    const int32_t in_paragraph = layout.paragraph_of(start, st.breaks, paragraph);
    st.hits.push_back({r.id, start, r.to, in_paragraph, *field});
  }
}

// A quoted name runs at most this far: the title of a work.
constexpr size_t kMaxQuoted = 160;

void collect_masks(const CompiledTaxonomy& taxonomy, const Layout& layout, ThreadState& st) {
  for (const Span& m : st.masks) {
    if (m.topic < st.masked_topics.size()) st.masked_topics[m.topic] = 0;
  }
  st.masks.clear();
  st.whole_item.clear();
  st.masked_terms.clear();
  st.masked_topics.resize(taxonomy.topics().size(), 0);
  const auto& patterns = taxonomy.patterns();
  const auto& targets = taxonomy.targets();
  for (const Hit& h : st.hits) {
    const PatternInfo& p = patterns[h.id];
    if (!p.has_mask) continue;
    for (uint32_t k = p.first_target; k < p.first_target + p.target_count; ++k) {
      if (targets[k].effect != Effect::mask) continue;
      uint32_t end = h.end;
      uint32_t start = h.start;
      if (targets[k].to_closing_quote) {
        end = layout.closing_quote(h.end, kMaxQuoted);
        if (end == 0) continue;
      }
      if (targets[k].to_name_end) {
        end = layout.name_end(h.end);
        if (end == h.end) continue;  // no name follows
      }
      if (targets[k].from_name_start) {
        start = layout.name_start(h.start);
        if (start == h.start) continue;  // no name before
      }
      st.masks.push_back({targets[k].topic, start, end});
      if (targets[k].whole_item) st.whole_item.push_back({targets[k].topic, start, end});
      st.masked_topics[targets[k].topic] = 1;
    }
  }
  for (const Span& w : st.whole_item) {
    for (const Hit& h : st.hits) {
      if (h.start >= w.start && h.end <= w.end && h.end > w.start) {
        st.masked_terms.emplace_back(w.topic, h.id);
      }
    }
  }
}

bool masked(const ThreadState& st, uint32_t topic, const Hit& h) {
  if (!st.masked_topics[topic]) return false;
  for (const auto& [t, pattern] : st.masked_terms) {
    if (t == topic && pattern == h.id) return true;
  }
  return std::any_of(st.masks.begin(), st.masks.end(), [&](const Span& m) {
    return m.topic == topic && h.start >= m.start && h.end <= m.end && h.end > m.start;
  });
}

// Sorts st.counted (Counted::operator<) for `topics` topics: into groups of
// one topic and effect by counting, then each group by insertion. Hits come
// in the order Hyperscan reports them, by end, so a group is nearly in
// order already: a general sort of the ~200 hits of an item took a tenth of
// tagging.
void sort_counted(ThreadState& st, size_t topics) {
  constexpr size_t kInsertionLimit = 64;
  const size_t groups = topics << 2;
  auto& starts = st.group_starts;
  starts.assign(groups + 1, 0);
  for (const Counted& c : st.counted) ++starts[c.group() + 1];
  for (size_t g = 0; g < groups; ++g) starts[g + 1] += starts[g];
  st.sorted.resize(st.counted.size());
  for (const Counted& c : st.counted) st.sorted[starts[c.group()]++] = c;
  // starts[g] is now where group g + 1 begins.
  size_t begin = 0;
  for (size_t g = 0; g < groups; ++g) {
    const size_t end = starts[g];
    if (end - begin > kInsertionLimit) {  // a long item's many hits: no quadratic worst case
      std::sort(st.sorted.begin() + static_cast<std::ptrdiff_t>(begin),
                st.sorted.begin() + static_cast<std::ptrdiff_t>(end));
      begin = end;
      continue;
    }
    for (size_t i = begin + 1; i < end; ++i) {
      if (!(st.sorted[i] < st.sorted[i - 1])) continue;
      const Counted c = st.sorted[i];
      size_t j = i;
      for (; j > begin && c < st.sorted[j - 1]; --j) st.sorted[j] = st.sorted[j - 1];
      st.sorted[j] = c;
    }
    begin = end;
  }
  st.counted.swap(st.sorted);
}

// 1 for the first hit of a pattern in a field, +0.5 for each further one up
// to the cap: repetition is evidence, but with diminishing returns.
double repeat_factor(uint32_t count, int cap) {
  const uint32_t n = std::min<uint32_t>(count, static_cast<uint32_t>(cap));
  return 1.0 + 0.5 * (n - 1);
}

}  // namespace

namespace {
std::vector<TopicScore> score(const CompiledTaxonomy& taxonomy, const ItemText& text,
                              std::vector<TopicEvidence>* evidence);
}  // namespace

std::vector<TopicScore> score_topics(const CompiledTaxonomy& taxonomy, const ItemText& text) {
  return score(taxonomy, text, nullptr);
}

std::vector<TopicEvidence> topic_evidence(const CompiledTaxonomy& taxonomy, const ItemText& text) {
  std::vector<TopicEvidence> out;
  score(taxonomy, text, &out);
  return out;
}

namespace {
std::vector<TopicScore> score(const CompiledTaxonomy& taxonomy, const ItemText& text,
                              std::vector<TopicEvidence>* evidence) {
  std::vector<TopicScore> out;
  if (!taxonomy.database()) return out;
  ThreadState& st = t_state;
  if (!st.ready_for(taxonomy)) throw std::runtime_error("cannot allocate Hyperscan scratch");
  const Layout layout(text);
  st.raw.clear();
  if (!layout.scan(taxonomy.database(), st.scratch, st.raw)) {
    throw std::runtime_error("Hyperscan scan failed");
  }
  layout.line_breaks(st.breaks);
  resolve_hits(taxonomy, layout, st);
  collect_masks(taxonomy, layout, st);
  const auto& all_targets = taxonomy.targets();
  st.licences.clear();
  if (taxonomy.context_rules() > 0) {
    for (const Hit& h : st.hits) {
      const PatternInfo& p = taxonomy.patterns()[h.id];
      if (!p.has_context) continue;
      for (uint32_t k = p.first_target; k < p.first_target + p.target_count; ++k) {
        if (all_targets[k].effect != Effect::context) continue;
        // A sense term inside a phrase the topic excludes is not one (the
        // 사고 of the slugline 사건사고 is a desk's name, not an accident).
        if (masked(st, all_targets[k].topic, h)) continue;
        st.licences.push_back({all_targets[k].context, h.paragraph});
      }
    }
  }
  // A sense rule holds for a hit when one of its terms is in the hit's
  // paragraph or in the headline; a headline hit may also find it in the
  // first paragraph.
  auto licensed = [&](uint32_t rule, int32_t scope) {
    return std::any_of(st.licences.begin(), st.licences.end(), [&](const Licence& l) {
      return l.rule == rule && (l.scope == scope || l.scope == -1 || (scope == -1 && l.scope == 0));
    });
  };

  const auto& patterns = taxonomy.patterns();
  const auto& targets = taxonomy.targets();
  // The item's day, for rules that count only until a day (taxonomy.hpp).
  constexpr int64_t kDayMs = 86'400'000;
  const int64_t day = text.event_ms > 0 ? text.event_ms / kDayMs : 0;
  st.counted.clear();
  for (const Hit& h : st.hits) {
    const PatternInfo& p = patterns[h.id];
    const auto field_bit = static_cast<uint8_t>(1u << static_cast<int>(h.field));
    for (uint32_t k = p.first_target; k < p.first_target + p.target_count; ++k) {
      const PatternTarget& t = targets[k];
      if (t.effect == Effect::mask || t.effect == Effect::context || !(t.field_mask & field_bit)) {
        continue;
      }
      // A veto term is the item's frame, inside a masked span too (the play
      // that "depicts" a sinking ends in its title, 그린 연극 '심해 189').
      if (t.veto_terms == 0 && masked(st, t.topic, h)) continue;
      if (t.context != 0 && !licensed(t.context, h.paragraph)) continue;
      if (t.until_day != 0 && day > t.until_day) continue;
      st.counted.emplace_back(t.topic, t.effect, h.start, h.end, t.weight,
                              uint64_t{k} * kFieldCount + static_cast<uint64_t>(h.field),
                              h.paragraph, h.field, t.support);
    }
  }
  // Overlapping terms of one topic count once, as the longest (then the
  // heaviest): "ballistic missile" is one piece of evidence, not that plus
  // "missile"; a term listed in two groups counts once.
  sort_counted(st, taxonomy.topics().size());
  // One key per counted (target, field): sorted, runs give repeat counts.
  // A key names one target, so one topic: the keys of a topic come together
  // (counted hits are in topic order) and are sorted apart, which adds each
  // topic's values up in the order one sort of all keys would.
  // Kept positive hits also count as mentions, by paragraph.
  const size_t topic_count = taxonomy.topics().size();
  auto& mentions = st.mentions;
  auto& paragraph_bits = st.paragraph_bits;
  auto& naming = st.naming;
  auto& naming_top = st.naming_top;
  auto& established = st.established;
  mentions.assign(topic_count, 0);
  paragraph_bits.assign(topic_count, 0);
  naming.assign(topic_count, 0);
  naming_top.assign(topic_count, 0);
  established.assign(topic_count, 0);
  st.veto_hits.clear();
  st.vetoed.assign(topic_count, 0);
  st.keys.clear();
  st.topic_starts.clear();
  uint32_t keys_topic = UINT32_MAX;  // topic of the last key
  uint32_t reach = 0;  // furthest end of the kept hits of the current topic and effect
  for (size_t i = 0; i < st.counted.size(); ++i) {
    const Counted& c = st.counted[i];
    // The same topic and effect: the upper word's high half.
    const bool same_group = i > 0 && (st.counted[i - 1].order_hi >> 32) == (c.order_hi >> 32);
    const uint32_t end = c.end();
    if (same_group && end <= reach) continue;  // inside a hit kept before
    reach = same_group ? std::max(reach, end) : end;
    const uint32_t topic = c.topic();
    if (targets[c.key / kFieldCount].veto_terms != 0) {
      // A veto term: counted by distinct term below, never in the score.
      const auto target = static_cast<uint32_t>(c.key / kFieldCount);
      st.veto_hits.emplace_back(uint64_t{topic} << 16 | targets[target].veto_group, target);
      if (evidence) {
        evidence->push_back({topic, c.field, c.effect(), 0.0f, layout.slice(c.start(), end)});
      }
      continue;
    }
    if (topic != keys_topic) {
      st.topic_starts.push_back(st.keys.size());
      keys_topic = topic;
    }
    st.keys.push_back(c.key);
    if (evidence) {
      evidence->push_back({topic, c.field, c.effect(), c.weight, layout.slice(c.start(), end)});
    }
    if (c.effect() == Effect::add) {
      ++mentions[topic];
      if (!c.support) established[topic] = 1;
      if (c.paragraph >= 0) paragraph_bits[topic] |= uint64_t{1} << std::min(c.paragraph, 63);
      if (c.weight >= taxonomy.naming_weight()) {
        ++naming[topic];
        if (c.field != Field::body) ++naming_top[topic];
      }
    }
  }
  st.topic_starts.push_back(st.keys.size());
  if (!st.veto_hits.empty()) {
    std::sort(st.veto_hits.begin(), st.veto_hits.end());
    st.veto_hits.erase(std::unique(st.veto_hits.begin(), st.veto_hits.end()), st.veto_hits.end());
    for (size_t i = 0; i < st.veto_hits.size();) {
      size_t j = i;
      while (j < st.veto_hits.size() && st.veto_hits[j].first == st.veto_hits[i].first) ++j;
      // Distinct targets of one group are distinct terms; each group
      // counts against its own bar.
      if (j - i >= targets[st.veto_hits[i].second].veto_terms) {
        st.vetoed[static_cast<size_t>(st.veto_hits[i].first >> 16)] = 1;
      }
      i = j;
    }
  }
  for (size_t t = 0; t + 1 < st.topic_starts.size(); ++t) {
    std::sort(st.keys.begin() + static_cast<std::ptrdiff_t>(st.topic_starts[t]),
              st.keys.begin() + static_cast<std::ptrdiff_t>(st.topic_starts[t + 1]));
  }

  auto& scores = st.scores;
  auto& where = st.where;
  scores.assign(topic_count, 0.0);
  where.assign(topic_count, {0, 0, 0});
  for (size_t i = 0; i < st.keys.size();) {
    size_t j = i;
    while (j < st.keys.size() && st.keys[j] == st.keys[i]) ++j;
    const PatternTarget& t = targets[st.keys[i] / kFieldCount];
    const auto field = static_cast<Field>(st.keys[i] % kFieldCount);
    const double value = t.weight * taxonomy.topics()[t.topic].fields.of(field) *
                         repeat_factor(static_cast<uint32_t>(j - i), taxonomy.repeat_cap());
    scores[t.topic] += t.effect == Effect::subtract ? -value : value;
    if (t.effect == Effect::add) {
      const int slot = field == Field::slugline || field == Field::headline ? 0
                       : field == Field::lead                             ? 1
                                                                          : 2;
      where[t.topic][slot] += value;
    }
    i = j;
  }
  size_t scored = 0;  // the topics that go out: one allocation for them
  for (uint32_t i = 0; i < scores.size(); ++i) scored += scores[i] != 0 || mentions[i] != 0;
  out.reserve(scored);
  for (uint32_t i = 0; i < scores.size(); ++i) {
    if (scores[i] == 0 && mentions[i] == 0) continue;
    TopicScore ts;
    ts.topic = i;
    ts.score = scores[i];
    ts.headline = where[i][0];
    ts.lead = where[i][1];
    ts.body = where[i][2];
    ts.mentions = mentions[i];
    ts.paragraphs = static_cast<uint32_t>(std::popcount(paragraph_bits[i]));
    ts.naming = naming[i];
    ts.established = established[i];
    ts.naming_top = naming_top[i];
    ts.vetoed = st.vetoed[i] != 0;
    out.push_back(ts);
  }
  return out;
}
}  // namespace

std::vector<TopicMatch> tag_text(const CompiledTaxonomy& taxonomy, const ItemText& text) {
  const auto& topics = taxonomy.topics();
  std::vector<int> relevance(topics.size(), -1);  // -1: not assigned
  std::vector<double> share(topics.size(), 0);
  const std::vector<TopicScore> scores = score_topics(taxonomy, text);
  double top = 0;
  // What a side topic's share is measured against: places count at
  // place_weight (a dateline and a headline place score high in any story,
  // and say nothing about its subject).
  double side_top = 0;
  for (const TopicScore& s : scores) {
    // A vetoed topic's words were someone else's (a car's cold test, a
    // game's missiles): the item is measured against what it is about.
    if (s.vetoed) continue;
    top = std::max(top, s.score);
    side_top = std::max(side_top, topics[s.topic].place ? taxonomy.place_weight() * s.score : s.score);
  }
  for (const TopicScore& s : scores) {
    const CompiledTopic& topic = topics[s.topic];
    const double threshold = topic.threshold;
    if (s.score < threshold || !s.established || s.vetoed) continue;
    // One mention makes a topic only when the term names it, and, outside
    // the headline, only the main topic ("despite heavy snow" in a box-office
    // story is not weather).
    // A person named in the lead is who the story is about ("이재명
    // 대통령은 24일 …"), however little else names him.
    const bool person_up_top = topic.person && s.naming_top > 0;
    if (taxonomy.one_mention_needs_naming() && s.mentions <= 1 &&
        (s.naming == 0 ||
         (s.headline <= 0 && !person_up_top && s.score < taxonomy.side_topic_share() * top))) {
      continue;
    }
    // What the item is about: a topic named up top, a place in the headline
    // or across paragraphs, anything else only with a fair share of the
    // evidence of the item's main topic (TaxonomyDefaults).
    if (topic.place) {
      // A place named in the headline is where the story is; otherwise it
      // must be named up top or across paragraphs, and carry a share of the
      // item's evidence (the U.S. in one paragraph of a Seoul story is not).
      if (s.headline <= 0 &&
          (s.score < taxonomy.place_share() * top ||
           (s.naming_top == 0 && static_cast<int>(s.paragraphs) < taxonomy.place_paragraphs()))) {
        continue;
      }
    } else if (s.naming_top == 0 && s.score < taxonomy.side_topic_share() * side_top) {
      continue;
    }
    relevance[s.topic] = static_cast<int>(std::lround(std::min(100.0, 50.0 * s.score / threshold)));
    // The share alert rules read (topics_min_share): of the item's main
    // subject, a place counted at place_weight as for side topics ("N. Korea"
    // and KCNA in every line of a nuclear story say where, not what).
    share[s.topic] = side_top > 0 ? std::min(1.0, s.score / side_top) : 1;
  }
  // A tagged child implies its parents, at least as relevant as the child.
  const std::vector<int> own = relevance;
  for (size_t i = 0; i < topics.size(); ++i) {
    if (own[i] < 0) continue;
    for (uint32_t a : topics[i].ancestors) {
      relevance[a] = std::max(relevance[a], own[i]);
      share[a] = std::max(share[a], share[i]);
    }
  }
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < topics.size(); ++i) {
    if (relevance[i] >= 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return relevance[a] > relevance[b]; });
  std::vector<TopicMatch> out;
  out.reserve(order.size());
  for (uint32_t i : order) {
    const CompiledTopic& t = topics[i];
    out.push_back({t.id, t.name, t.kind, t.uri, relevance[i], share[i]});
  }
  return out;
}

Tagger::Tagger(std::shared_ptr<const CompiledTaxonomy> taxonomy) : taxonomy_(std::move(taxonomy)) {}

StageStatus Tagger::prepare(ItemContext& ctx) const {
  const auto taxonomy = taxonomy_.load(std::memory_order_acquire);
  ctx.tagged = true;
  if (!taxonomy) return StageStatus::next();
  ctx.topics = tag_text(*taxonomy, item_text(ctx.item));
  return StageStatus::next();
}

StageStatus Tagger::process(ItemContext& ctx) {
  StageStatus status;
  if (!ctx.tagged) status = prepare(ctx);
  ctx.tagged = false;  // used up: a context processed again is tagged again
  return status;
}

void Tagger::swap(std::shared_ptr<const CompiledTaxonomy> taxonomy) {
  taxonomy_.store(std::move(taxonomy), std::memory_order_release);
}

std::shared_ptr<const CompiledTaxonomy> Tagger::snapshot() const {
  return taxonomy_.load(std::memory_order_acquire);
}

}  // namespace wiredesk
