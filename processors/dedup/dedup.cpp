#include "processors/dedup/dedup.hpp"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cmath>
#include <optional>
#include <span>

#include "processors/dedup/names.hpp"
#include "processors/dedup/normalize.hpp"
#include "processors/dedup/terms.hpp"


namespace wiredesk {

namespace {

constexpr uint8_t kRewrite = marker::write_through | marker::correction;
// The bulletin a desk sends after its flash comes within minutes
// (DedupOptions::flash_figure_further_down).
constexpr int64_t kBulletinAfterFlashMs = 30LL * 60 * 1000;
// The flash's words an unmarked story under its slugline must have at
// least (Dedup::flash_of).
constexpr size_t kSlugStoryWords = 2;

IndexOptions index_options(const DedupOptions& o) {
  IndexOptions io;
  io.window_ms = o.window_ms;
  io.max_entries = o.max_entries;
  io.max_future_ms = o.max_future_ms;
  io.hot_window_ms = o.hot_window_ms;
  return io;
}

// "1" < "2" < "10"; dotted versions part by part. nullopt when not numeric.
std::optional<int> compare_numeric_versions(std::string_view a, std::string_view b) {
  auto parts = [](std::string_view v) -> std::optional<std::vector<uint64_t>> {
    std::vector<uint64_t> out;
    uint64_t n = 0;
    bool digits = false;
    for (const char c : v) {
      if (c >= '0' && c <= '9') {
        n = n * 10 + static_cast<uint64_t>(c - '0');
        digits = true;
      } else if (c == '.' && digits) {
        out.push_back(n);
        n = 0;
        digits = false;
      } else {
        return std::nullopt;
      }
    }
    if (!digits) return std::nullopt;
    out.push_back(n);
    return out;
  };
  const auto pa = parts(a);
  const auto pb = parts(b);
  if (!pa || !pb) return std::nullopt;
  if (*pa == *pb) return 0;
  return std::lexicographical_compare(pa->begin(), pa->end(), pb->begin(), pb->end()) ? -1 : 1;
}

// > 0 when the item is a later version than the record.
int compare_version(const IndexEntry& item, const IndexRecord& r) {
  if (const auto numeric = compare_numeric_versions(item.version, *r.version)) return *numeric;
  if (item.event_ms != r.event_ms) return item.event_ms > r.event_ms ? 1 : -1;
  return item.version.compare(*r.version) > 0 ? 1 : (item.version == *r.version ? 0 : -1);
}

bool is_later(const IndexRecord& a, const IndexRecord& b) {
  if (const auto numeric = compare_numeric_versions(*a.version, *b.version)) return *numeric > 0;
  return a.event_ms > b.event_ms;
}

// Numbers and dates each text has and the other lacks: a copy keeps them
// (a truncated or padded one lacks some on one side only), a different story
// written to the same pattern does not.
bool key_tokens_conflict(const Sketch& a, const Sketch& b, double tolerance) {
  const int only_a = std::popcount(a.key_tokens & ~b.key_tokens);
  const int only_b = std::popcount(b.key_tokens & ~a.key_tokens);
  const int smaller = std::min(std::popcount(a.key_tokens), std::popcount(b.key_tokens));
  const double allowed = std::max(1.0, tolerance * smaller);
  return std::min(only_a, only_b) >= allowed;
}

// The earlier text's numbers and dates that the new one dropped: a
// write-through keeps most of them (it rewrites the lead, adds paragraphs),
// the next day's report written to the same pattern keeps few.
bool facts_dropped(const Sketch& earlier, const Sketch& later, double tolerance) {
  const int dropped = std::popcount(earlier.key_tokens & ~later.key_tokens);
  const int had = std::popcount(earlier.key_tokens);
  // A short text's two facts both gone (yesterday's date and weekday) are
  // as telling as most of a long one's.
  return dropped > std::max(2.0, tolerance * had) || (dropped >= 2 && dropped == had);
}

// A recurring report comes at its hour of the day (Judge::in_daily_slot).
bool in_daily_slot(int64_t gap_ms, const DedupOptions& o) {
  constexpr int64_t kDay = 24LL * 3600 * 1000;
  const int64_t off = gap_ms % kDay;
  return std::min(off, kDay - off) <= o.daily_slot_ms;
}

struct Match {
  Verdict verdict;
  double similarity;  // what decided: Jaccard for copies, containment for updates
  double jaccard;     // ranks candidates
  // The item is the next edition of the candidate's story (Judge::next_edition):
  // no match, and no other item of that story is one either.
  bool next_edition = false;
  // An update of a text half a day or more older whose figures it mostly
  // dropped (Judge::late_follow_up): any other match goes first.
  bool late = false;
};

class Judge {
 public:
  // `family`: the item's source family as the index numbers it (kNoName:
  // no record has it).
  // `agency_opening`: the item's second opening (Fingerprint::agency_opening),
  // null when it has none.
  Judge(const DedupOptions& o, const IndexEntry& item, NameId family,
        const std::array<uint16_t, kOpeningHashes>* agency_opening)
      : o_(o), q_(item), family_(family), agency_opening_(agency_opening) {}

  // The candidate's record.
  std::optional<Match> judge(const IndexRecord& c) const {
    const Sketch& cs = c.sketch;
    Overlap ov = compare(q_.sketch, cs);
    // An outlet's copy under lines of its own opens where its source does.
    if (agency_opening_) {
      ov.opening_jaccard = std::max(ov.opening_jaccard, opening_jaccard(*agency_opening_, cs));
    }
    const double j = ov.jaccard;
    if (q_.content_hash != 0 && q_.content_hash == c.content_hash) {
      if (same_family(c) && rewrites(c)) return Match{Verdict::update, 1.0, 1.0};
      return Match{Verdict::duplicate, 1.0, 1.0};
    }
    const bool identical = near_identical(ov);
    const bool cut_copy = truncated_copy(cs, ov);
    const bool near =
        (identical && !key_tokens_conflict(q_.sketch, cs, o_.key_token_tolerance)) || cut_copy;
    if (!same_family(c) || (q_.markers & marker::distinct)) {
      return near ? std::optional<Match>(Match{Verdict::duplicate, j, j}) : std::nullopt;
    }
    if ((c.markers & marker::flash) && !(q_.markers & marker::flash)) {
      // A one-sentence flash is too short for containment to tell its story
      // from a look-alike on the same subject: only its lead links to it.
      if (follows_flash(c, cs, ov)) return Match{Verdict::update, ov.lead_b_in_a, j};
      // The (2보) after a (1보) bulletin with sentences of its own is the
      // next rung (a one-sentence (URGENT) is left to flash_of).
      if ((q_.markers & kRewrite) && rung(c, cs) == 1 && next_rung_of(c, cs) &&
          ov.shorter_contained() >= o_.update_containment_next_rung) {
        return Match{Verdict::update, ov.shorter_contained(), j};
      }
      // With no slugline to say so, the bulletin's sentences are enough text
      // to be rewritten as a write-through is: kept by half, its figures
      // with them (the (종합) four hours after a (1보) of nine paragraphs;
      // not the (LEAD) of another race after a two-line (URGENT) on the
      // same frames, which tells none of its figures).
      // Or less of it when it keeps the bulletin's first paragraph (a
      // (종합) five hours on that opens as the (1보) did and retells the rest).
      const double contained = ov.shorter_contained();
      const bool opening_kept = o_.bulletin_opening_kept > 0 &&
                                ov.opening_jaccard >= o_.bulletin_opening_kept &&
                                contained >= o_.update_containment_shared_paragraph;
      if (o_.bulletin_rewritten && (q_.markers & kRewrite) && rung(c, cs) == 1 &&
          (contained >= o_.update_containment || opening_kept) &&
          !facts_dropped(cs, q_.sketch, o_.write_through_dropped_facts) &&
          !(late_follow_up(c, cs) && in_daily_slot(q_.event_ms - c.event_ms))) {
        return Match{Verdict::update, contained, j};
      }
      return near ? std::optional<Match>(Match{Verdict::duplicate, j, j}) : std::nullopt;
    }
    if (q_.markers & kRewrite) {
      if (near && !rewrites(c) && (j >= o_.resend_jaccard || !same_level(c))) {
        return Match{Verdict::duplicate, j, j};  // a resend
      }
      const double contained = ov.shorter_contained();
      const bool late = late_follow_up(c, cs);
      if ((contained >= o_.update_containment ||
           (contained >= o_.update_containment_shared_paragraph && shares_paragraph(cs)) ||
           (contained >= o_.update_containment_same_slug && same_slug(c) &&
            !(o_.towns_apart && places_apart(q_.names, c.names))) ||
           (contained >= o_.update_containment_next_rung && next_rung_of(c, cs))) &&
          !(late && in_daily_slot(q_.event_ms - c.event_ms))) {  // not a stale pattern
        return Match{Verdict::update, contained, j, false, late};
      }
      return std::nullopt;
    }
    const double growth = static_cast<double>(q_.sketch.body_shingles) / cs.body_shingles;
    // A flash of the source after a flash of it repeats it, as a copy or to
    // add to it: "[속보] 경북 칠곡 공장서 화재…2명 사망" after "[속보] 경남 공장서
    // 화재…2명 사망" left out its province, and is another fire.
    if ((q_.markers & marker::flash) && (c.markers & marker::flash) &&
        ov.b_in_a < o_.flash_after_flash_containment) {
      return std::nullopt;
    }
    const bool adds_to_it = ov.b_in_a >= o_.unmarked_update_containment &&
                            growth >= 1 + o_.unmarked_update_growth &&
                            j >= o_.update_min_jaccard && !late_follow_up(c, cs);
    // A follow-up that keeps the earlier text, some of its figures too, and
    // goes on is an update even when the rest of it reads as a copy.
    if (adds_to_it && (q_.sketch.key_tokens & cs.key_tokens) != 0) {
      return Match{Verdict::update, ov.b_in_a, j};
    }
    // Read as a copy whatever numbers and dates changed (`identical` without
    // the key-token check): tomorrow's edition of a report is today's word
    // for word with its figures changed.
    if ((identical || cut_copy) && next_edition(c, cs)) {
      // A flash opens a story of its own: the same sentence a day later
      // about another vaccine is another event.
      if ((q_.markers & marker::flash) || in_daily_slot(q_.event_ms - c.event_ms) ||
          ov.opening_jaccard >= o_.next_edition_opening) {
        return Match{Verdict::fresh, j, j, true};
      }
      // The same background at another hour under a lead of its own: the
      // story's next development (the toll's overnight rise, the day-2 raid).
      return Match{Verdict::update, ov.shorter_contained(), j, false, true};
    }
    if (adds_to_it) return Match{Verdict::update, ov.b_in_a, j};
    if (near) return Match{Verdict::duplicate, j, j};
    return std::nullopt;
  }

 private:
  bool same_family(const IndexRecord& c) const {
    return family_ == c.source_family || family_ == c.story_family;
  }

  // The item rewrites the candidate: a higher write-through level, or a
  // correction of an uncorrected item.
  bool rewrites(const IndexRecord& c) const {
    if (!(q_.markers & kRewrite)) return false;
    if (q_.level > c.level) return true;
    return (q_.markers & marker::correction) && !(c.markers & marker::correction);
  }

  bool same_slug(const IndexRecord& c) const {
    return q_.slug_hash != 0 && q_.slug_hash == c.slug_hash;
  }

  // The item is the next write-through after the candidate under its
  // slugline, a few hours on (DedupOptions::update_containment_next_rung).
  // Another event's write-through under the slugline keeps a fifth of the
  // earlier text's frames as easily; it names another plant or town (names
  // on both sides, none shared).
  bool next_rung_of(const IndexRecord& c, const Sketch& cs) const {
    return same_slug(c) && (c.markers & (kRewrite | marker::flash)) &&
           next_rung(rung(c, cs), q_.level) && q_.event_ms >= c.event_ms &&
           q_.event_ms - c.event_ms <= o_.next_rung_window_ms && !names_apart(c);
  }

  bool names_apart(const IndexRecord& c) const { return wiredesk::names_apart(q_.names, c.names); }

  // A write-through's level; a flash's is 0, or 1 for a bulletin with more
  // text than its lead (the (1보) after the [속보] headline).
  static uint8_t rung(const IndexRecord& c, const Sketch& cs) {
    if (!(c.markers & marker::flash)) return c.level;
    return cs.body_shingles > cs.lead_shingles ? 1 : 0;
  }

  bool shares_paragraph(const Sketch& cs) const {
    for (const uint32_t p : q_.sketch.paragraphs) {
      if (p == 0) continue;
      for (const uint32_t r : cs.paragraphs) {
        if (p == r) return true;
      }
    }
    return false;
  }

  bool same_level(const IndexRecord& c) const {
    return (c.markers & kRewrite) && c.level == q_.level;
  }

  // The item is the earlier one cut short: same opening words, contained in
  // it, and hardly a number or date of its own (a few when it opens with
  // nearly the same first paragraph). Cut to one paragraph, it must open with
  // nearly the earlier first paragraph and carry no number or date that the
  // earlier item lacks or that its headline and first sentence lack: one
  // sentence written to an earlier story's pattern shares most of its words
  // but tells another figure, day or date, often one that the story names
  // further down. A copy that adds a line of its own context to the first
  // paragraph is less contained in the earlier item: with nearly the same
  // first paragraph, and a paragraph of it word for word among the earlier
  // item's, truncated_copy_own_line_containment is enough.
  bool truncated_copy(const Sketch& cs, const Overlap& ov) const {
    if (q_.markers & (marker::flash | kRewrite)) return false;
    if (ov.opening_jaccard < o_.truncated_copy_opening ||
        q_.sketch.body_shingles >= cs.body_shingles) {
      return false;
    }
    const int own_facts = std::popcount(q_.sketch.key_tokens & ~cs.key_tokens);
    const bool close = ov.opening_jaccard >= o_.truncated_copy_close_opening ||
                       (ov.opening_jaccard >= o_.truncated_copy_kept_facts_opening &&
                        (cs.lead_tokens & ~q_.sketch.key_tokens) == 0);
    if (q_.sketch.paragraphs[1] == 0) {
      // No fact of its own anywhere: the kept-facts bar is enough, whatever
      // the earlier headline's figures the copy's own headline left out.
      return ov.opening_jaccard >= o_.truncated_copy_kept_facts_opening && own_facts == 0 &&
             (q_.sketch.lead_tokens & ~cs.lead_tokens) == 0 &&
             ov.a_in_b >= o_.truncated_copy_containment;
    }
    if (ov.a_in_b < o_.truncated_copy_containment) {
      return close && ov.a_in_b >= o_.truncated_copy_own_line_containment &&
             own_facts <= o_.truncated_copy_close_own_facts && shares_paragraph(cs);
    }
    return own_facts <= 1 || (close && own_facts <= o_.truncated_copy_close_own_facts);
  }

  // Half a day or more later with most of the earlier figures gone. Marked
  // as a write-through at another hour of the day, it is a developing
  // story's next day (the fire's second day, the strike's deal) or a
  // look-alike written to its pattern that a closer match takes first;
  // unmarked, no update at all.
  bool late_follow_up(const IndexRecord& c, const Sketch& cs) const {
    return q_.event_ms - c.event_ms >= o_.write_through_fact_check_after_ms &&
           facts_dropped(cs, q_.sketch, o_.write_through_dropped_facts);
  }

  // A recurring report comes at its hour of the day; a story's next
  // development whenever it happens. Half a day or more after the item it
  // would rewrite, at that item's hour of a later day, a "write-through"
  // that dropped most of its numbers and dates is a stale pattern: the
  // next edition of a report (a market wrap) written to the same pattern.
  bool in_daily_slot(int64_t gap_ms) const { return wiredesk::in_daily_slot(gap_ms, o_); }

  // The same source's text again half a day or more later, with a number or
  // date of its own and one of the earlier's gone: tomorrow's edition of a
  // daily report written word for word to today's (Jan. 26, Tuesday for
  // Jan. 25, Monday), not a resend, which keeps its date.
  bool next_edition(const IndexRecord& c, const Sketch& cs) const {
    return q_.event_ms - c.event_ms >= o_.write_through_fact_check_after_ms &&
           (q_.sketch.key_tokens & ~cs.key_tokens) != 0 &&
           (cs.key_tokens & ~q_.sketch.key_tokens) != 0;
  }

  bool near_identical(const Overlap& ov) const {
    return ov.jaccard >= o_.duplicate_jaccard ||
           (ov.shorter_contained() >= o_.duplicate_containment &&
            ov.jaccard >= o_.duplicate_min_jaccard);
  }

  bool follows_flash(const IndexRecord& c, const Sketch& cs, const Overlap& ov) const {
    const int64_t gap = q_.event_ms - c.event_ms;
    if (gap < 0 || gap > o_.flash_window_ms) return false;
    // A write-through marker is evidence of its own that the item goes on
    // with something: its lead may have moved further from the flash.
    const double lead = (q_.markers & kRewrite) ? o_.flash_lead_containment_marked
                                                : o_.flash_lead_containment;
    return ov.lead_b_in_a >= lead && ov.b_in_a >= o_.flash_containment &&
           (cs.lead_tokens & ~q_.sketch.lead_tokens) == 0;
  }

  const DedupOptions& o_;
  const IndexEntry& q_;
  NameId family_;
  const std::array<uint16_t, kOpeningHashes>* agency_opening_;
};

void apply_record(ItemContext& ctx, const IndexRecord& r) {
  ctx.verdict = r.verdict;
  ctx.story = r.story ? *r.story : *r.uri;
  ctx.of = r.of ? *r.of : std::string();
  ctx.similarity.reset();
  if (r.similarity != IndexRecord::kNoSimilarity) ctx.similarity = r.similarity_value();
}

std::string uri_authority(std::string_view uri) {
  if (const size_t scheme = uri.find("://"); scheme != std::string_view::npos) {
    std::string_view host = uri.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    if (host.starts_with("www.")) host.remove_prefix(4);
    return std::string(host);
  }
  // tag:authority,date:…  urn:nid:nss-first-part:…
  const size_t first = uri.find(':');
  if (first == std::string_view::npos) return std::string(uri);
  const std::string_view scheme = uri.substr(0, first);
  std::string_view rest = uri.substr(first + 1);
  if (scheme == "tag") return std::string(rest.substr(0, rest.find_first_of(",:")));
  const size_t second = rest.find(':');
  if (second == std::string_view::npos) return std::string(uri);
  const size_t third = rest.find(':', second + 1);
  const size_t end = third == std::string_view::npos ? rest.size() : third;
  return std::string(uri.substr(0, first + 1 + end));
}

std::string_view ednote(const WireItem& item) {
  for (const auto& m : item.passthrough) {
    if (m.key == "ednote" || m.key == "ednotes") return m.json;
  }
  return {};
}

bool contains_folded(std::string_view text, std::string_view lower_word) {
  if (lower_word.size() > text.size()) return false;
  for (size_t i = 0; i + lower_word.size() <= text.size(); ++i) {
    size_t k = 0;
    while (k < lower_word.size() &&
           std::tolower(static_cast<unsigned char>(text[i + k])) == lower_word[k]) {
      ++k;
    }
    if (k == lower_word.size()) return true;
  }
  return false;
}

bool is_agency_id(std::string_view t) {
  size_t letters = 0;
  while (letters < t.size() && std::isupper(static_cast<unsigned char>(t[letters]))) ++letters;
  if (letters < 2 || letters > 5 || t.size() - letters < 8) return false;
  return std::all_of(t.begin() + static_cast<std::ptrdiff_t>(letters), t.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Drops the entries appended to `records` after its first `found` that
// are already before them, keeping the order of the rest.
void drop_repeats(std::vector<const IndexRecord*>& records, size_t found) {
  size_t kept = found;
  for (size_t i = found; i < records.size(); ++i) {
    const auto end = records.begin() + static_cast<std::ptrdiff_t>(kept);
    if (std::find(records.begin(), end, records[i]) == end) records[kept++] = records[i];
  }
  records.resize(kept);
}

}  // namespace

bool says_correction(const WireItem& item, uint8_t markers) {
  if (markers & marker::correction) return true;
  const std::string_view note = ednote(item);
  return contains_folded(note, "correct") || note.find("정정") != std::string_view::npos ||
         note.find("바로잡") != std::string_view::npos;
}

uint64_t headline_hash(std::string_view normalized_headline) {
  if (normalized_headline.find(' ') == std::string_view::npos) return 0;
  const uint64_t h = XXH3_64bits(normalized_headline.data(), normalized_headline.size());
  return h == 0 ? 1 : h;
}

namespace {

// A slugline's words, without the marks a desk adds to it on a flash or a
// write-through ("URGENT-Ulsan-fire", "BOK-rate (LEAD)", "Quake (2nd LD)"),
// joined by one '-' whatever separated them ("Japan hotel_fire").
std::string slug_words(std::string_view slugline) {
  std::string folded = fold_case(slugline);
  // Parenthesized marks: (lead), (urgent), (corrected), (update), (2nd ld).
  for (size_t open = folded.find('('); open != std::string::npos; open = folded.find('(', open)) {
    const size_t close = folded.find(')', open);
    if (close == std::string::npos) break;
    const std::string_view inner = std::string_view(folded).substr(open + 1, close - open - 1);
    const bool mark = inner == "lead" || inner == "urgent" || inner == "corrected" ||
                      inner == "update" || inner == "flash" || inner.ends_with(" ld");
    if (mark) {
      folded.replace(open, close + 1 - open, " ");
    } else {
      open = close;
    }
  }
  // Joined in place: a run of separators and the character after it become
  // at most two characters, so the words never overtake what is read.
  size_t out = 0;
  bool gap = false;
  for (const char c : folded) {
    if (c == '-' || c == '_' || c == '/' || c == ' ') {
      gap = out != 0;
      continue;
    }
    if (gap) folded[out++] = '-';
    gap = false;
    folded[out++] = c;
  }
  folded.resize(out);
  for (const std::string_view prefix : {"urgent-", "flash-"}) {
    if (folded.size() > prefix.size() && folded.starts_with(prefix)) {
      folded.erase(0, prefix.size());
    }
  }
  return folded;
}

}  // namespace

uint32_t slug_hash(std::string_view source_family, std::string_view slugline) {
  const std::string slug = slug_words(slugline);
  if (slug.empty()) return 0;
  std::string key(source_family);
  key.push_back('\0');
  key.append(slug);
  const auto h = static_cast<uint32_t>(XXH3_64bits(key.data(), key.size()));
  return h == 0 ? 1 : h;
}

namespace {

// Quotation marks, opening and closing: the Latin ones first, then the CJK
// brackets that quote titles and headlines.
constexpr std::pair<std::string_view, std::string_view> kQuotes[] = {
    {"\"", "\""},         {"'", "'"},             {"\u201c", "\u201d"}, {"\u2018", "\u2019"},
    {"\u300c", "\u300d"}, {"\u300e", "\u300f"}, {"\u300a", "\u300b"}, {"\u3008", "\u3009"}};
constexpr size_t kLatinQuotes = 4;

// The text with every stretch in Latin quotes, quotes included, read as a
// space.
std::string without_quotes(std::string_view text) {
  std::string out(text);
  for (const auto& [open, close] : std::span(kQuotes).first(kLatinQuotes)) {
    size_t at = 0;
    while ((at = out.find(open, at)) != std::string::npos) {
      const size_t end = out.find(close, at + open.size());
      if (end == std::string::npos) break;
      out.replace(at, end + close.size() - at, " ");
    }
  }
  return out;
}

}  // namespace

TermSet Dedup::flash_terms_of(const WireItem& item, const NormalizedItem& normalized) const {
  TermSet terms = flash_terms(normalized);
  // A quote in the headline of a flash that is nothing but its headline is
  // often its colour (울산 화학공장서 폭발…"검은 연기 치솟아"), which the
  // story that follows need not repeat: the words outside it are the flash's
  // terms when there are enough of them. A flash with a sentence has that
  // sentence's words besides.
  if (!normalized.paragraphs.empty()) return terms;
  const std::string_view headline = item.headline();
  const std::string bare = without_quotes(headline);
  if (bare.size() == headline.size()) return terms;
  NormalizedItem unquoted = normalized;
  unquoted.headline = normalize_item(bare, {}).headline;
  TermSet outside = flash_terms(unquoted);
  return outside.words.size() >= options_.flash_min_words ? outside : terms;
}

std::vector<uint64_t> quoted_headlines(const WireItem& item) {
  std::vector<uint64_t> out;
  auto scan = [&](std::string_view text) {
    for (const auto& [open, close] : kQuotes) {
      size_t at = 0;
      while ((at = text.find(open, at)) != std::string_view::npos) {
        const size_t begin = at + open.size();
        const size_t end = text.find(close, begin);
        if (end == std::string_view::npos) break;
        const std::string_view quoted = text.substr(begin, end - begin);
        at = end + close.size();
        if (quoted.size() < 8 || quoted.size() > 400) continue;
        const uint64_t h = headline_hash(normalize_item(quoted, {}).headline);
        if (h != 0 && std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
      }
    }
  };
  scan(item.body_text());
  const std::string_view note = ednote(item);
  if (!note.empty()) {
    // The note is kept as JSON text: its quotes are escaped (\").
    std::string unescaped(note);
    for (size_t i = 0; (i = unescaped.find("\\\"", i)) != std::string::npos;) {
      unescaped.erase(i, 1);
      ++i;
    }
    if (unescaped.size() >= 2 && unescaped.front() == '"') {
      unescaped = unescaped.substr(1, unescaped.size() - 2);
    }
    scan(unescaped);
  }
  return out;
}

std::vector<std::string> referenced_uris(const WireItem& item) {
  std::vector<std::string> out;
  const std::string_view own = item.uri;
  const size_t colon = own.rfind(':');
  const std::string_view scheme = colon == std::string_view::npos ? std::string_view{}
                                                                  : own.substr(0, colon + 1);
  auto add = [&](std::string uri) {
    if (uri != own && std::find(out.begin(), out.end(), uri) == out.end()) {
      out.push_back(std::move(uri));
    }
  };
  auto scan = [&](std::string_view text) {
    auto token_char = [](unsigned char c) {
      return std::isalnum(c) || c == ':' || c == '.' || c == '-' || c == '_' || c == '/' ||
             c == '#' || c == '?' || c == '=' || c == '&' || c == '%' || c == '~' || c == ',';
    };
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !token_char(static_cast<unsigned char>(text[i]))) ++i;
      size_t j = i;
      while (j < text.size() && token_char(static_cast<unsigned char>(text[j]))) ++j;
      std::string_view t = text.substr(i, j - i);
      i = j;
      while (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ':')) {
        t.remove_suffix(1);
      }
      while (!t.empty() && t.front() == ',') t.remove_prefix(1);
      if (t.starts_with("urn:") || t.starts_with("tag:") || t.starts_with("http://") ||
          t.starts_with("https://")) {
        add(std::string(t));
      } else if (!scheme.empty()) {
        // An id inside a longer token ("AEN20261201000300315," or "(AKR…)").
        size_t a = 0;
        while (a < t.size()) {
          size_t b = t.find_first_of(":,./", a);
          if (b == std::string_view::npos) b = t.size();
          if (is_agency_id(t.substr(a, b - a))) add(std::string(scheme) + std::string(t.substr(a, b - a)));
          a = b + 1;
        }
      }
    }
  };
  scan(item.headline());
  scan(item.body_text());
  scan(ednote(item));
  return out;
}

std::string source_family(const WireItem& item) {
  if (item.uri.starts_with("urn:yna:")) return "yonhap";
  std::string source = normalize_text(item.source);
  if (source.find("yonhap") != std::string::npos || source.find("연합뉴스") != std::string::npos) {
    return "yonhap";
  }
  if (!source.empty()) return source;
  return uri_authority(item.uri);
}

Dedup::Dedup(DedupOptions options, std::shared_ptr<DedupIndex> index)
    : options_(options),
      index_(index ? std::move(index) : std::make_shared<DedupIndex>(index_options(options))) {}

void Dedup::write_state() {
  writes_ = std::make_shared<StateWriteBuffer>();
  index_->set_on_change([writes = writes_](const IndexEntry& entry) {
    writes->add({entry.key(), serialize(entry), false});
  });
  index_->set_on_evict([writes = writes_](const std::vector<std::string>& keys) {
    for (const auto& key : keys) writes->add({key, {}, true});
  });
}

StageStatus Dedup::prepare(ItemContext& ctx) const {
  const WireItem& item = ctx.item;
  auto work = std::make_shared<DedupWork>();
  work->normalized = normalize_item(item.headline(), item.body_text());
  const NormalizedItem& normalized = work->normalized;
  work->fp = fingerprint(normalized);
  const Fingerprint& fp = work->fp;

  IndexEntry& entry = work->entry;
  entry.uri = item.uri;
  entry.version = item.version;
  entry.source_family = source_family(item);
  entry.event_ms = event_time_ms(item);
  if (entry.event_ms == 0) entry.event_ms = ctx.received_ms;
  entry.content_hash = fp.content_hash;
  entry.sketch = fp.sketch;
  entry.markers = normalized.markers.bits;
  entry.level = normalized.markers.level;
  entry.pubstatus = item.pubstatus;
  entry.origin = ctx.origin;
  entry.script = fp.cjk ? kScriptCjk : kScriptLatin;
  if (entry.markers & marker::flash) entry.flash_terms = pack_terms(flash_terms_of(item, normalized));
  // What flash_of() compares a flash with; most items meet a flash in the window.
  work->opening = opening_terms(normalized, kOpeningParagraphs);
  work->opening_digest = digest_terms(work->opening);
  work->correction = says_correction(item, entry.markers);
  entry.headline_hash = headline_hash(normalized.headline);
  entry.slug_hash = slug_hash(entry.source_family, item.slugline);
  work->names = story_names(item.headline(), item.body_text(), item.slugline);
  // Read only where follow_up_of() may ask: under a slugline, not a flash.
  work->looks_back = entry.slug_hash != 0 && !(entry.markers & marker::flash) &&
                     tells_an_earlier_day(item.body_text());
  entry.names = keep_names(work->names);
  entry.headline_names = kept_headline_names(work->names);
  entry.score = story_score(item.headline(), item.body_text());
  if ((entry.markers & (marker::kill | marker::hold)) || item.pubstatus != PubStatus::usable) {
    work->references = referenced_uris(item);
    work->quoted = quoted_headlines(item);
  }
  ctx.dedup_work = std::move(work);
  return StageStatus::next();
}

StageStatus Dedup::process(ItemContext& ctx) {
  if (!ctx.dedup_work) prepare(ctx);
  // Used up here: a context processed again is prepared again.
  const std::shared_ptr<DedupWork> held = std::move(ctx.dedup_work);
  DedupWork& work = *held;
  const WireItem& item = ctx.item;
  const Fingerprint& fp = work.fp;
  IndexEntry& entry = work.entry;
  ctx.markers = work.normalized.markers.bits;

  Decision d;
  bool notice_linked = false;
  {
    DedupIndex::Session session = index_->session();
    // Older than the window reaches back from the newest item: judged all
    // the same (against what is still remembered), flagged late.
    const int64_t newest = session.newest_event_ms();
    ctx.late = newest != INT64_MIN && entry.event_ms < newest - options_.window_ms;
    if (ctx.late && probe_) probe_->late_item();
    ctx.correction = work.correction;
    if (const IndexRecord* same = session.find(item.uri, item.version);
        same && session.same_origin(*same, ctx.origin)) {
      apply_record(ctx, *same);  // a replay: the same item, judged as before
      if (writes_) writes_->take(ctx.state_writes);
      return StageStatus::next();
    }
    const std::vector<const IndexRecord*> versions = session.find_uri(item.uri);
    // A kill or hold notice under a new uri acts on the item it names: by
    // its uri or agency id, else by its exact headline (not another notice's).
    if (versions.empty() && (!work.references.empty() || !work.quoted.empty())) {
      const IndexRecord* named = nullptr;
      auto newest = [&](const std::vector<const IndexRecord*>& records) {
        for (const IndexRecord* r : records) {
          if (r->markers & (marker::kill | marker::hold)) continue;
          if (!named || r->event_ms > named->event_ms) named = r;
        }
      };
      for (const auto& uri : work.references) {
        newest(session.find_uri(uri));
        if (named) break;
      }
      for (size_t i = 0; !named && i < work.quoted.size(); ++i) {
        newest(session.find_headline(work.quoted[i]));
      }
      if (named) {
        d.verdict = Verdict::update;
        d.story = named->story ? *named->story : *named->uri;
        d.story_family = session.name(named->story_family);
        d.of = *named->uri;
        notice_linked = true;
      }
    }
    if (notice_linked) {
      // The notice is what it says, whatever its own pubstatus: a kill
      // cancels the story, a hold withholds it.
      const bool kill = (entry.markers & marker::kill) || item.pubstatus == PubStatus::canceled;
      entry.pubstatus = kill ? PubStatus::canceled : PubStatus::withheld;
      ctx.item.pubstatus = entry.pubstatus;
    } else if (versions.empty()) {
      std::vector<const IndexRecord*> candidates = session.candidates(fp);
      // A write-through also rewrites what its slugline names: a day later
      // its text may share too little with the item for any band to find it.
      if (entry.markers & kRewrite) {
        const size_t found = candidates.size();
        session.find_slug(entry.slug_hash, candidates);
        drop_repeats(candidates, found);
      }
      d = decide_by_content(session, candidates, entry, fp);
      // An update of `earlier`'s story, `similarity` what linked it.
      auto goes_on = [&](const IndexRecord& earlier, double similarity) {
        d.verdict = Verdict::update;
        d.story = earlier.story ? *earlier.story : *earlier.uri;
        d.story_family = session.name(earlier.story_family);
        d.of = *earlier.uri;
        d.similarity = std::round(similarity * 1000) / 1000;
      };
      // The story after a flash: linked by terms, which survive the rewording
      // that the shingles of a one-sentence flash do not. A copy of an
      // earlier item stays a copy.
      if (d.verdict != Verdict::duplicate) {
        double coverage = 0;
        const bool unlinked = d.verdict == Verdict::fresh;
        if (const IndexRecord* flash = flash_of(session, work, unlinked, coverage)) {
          goes_on(*flash, coverage);
        }
      }
      // Nothing else links it: the next development of a story under its
      // slugline, told by the story's names.
      if (d.verdict == Verdict::fresh) {
        double contained = 0;
        if (const IndexRecord* earlier = follow_up_of(session, work, d, candidates, contained)) {
          goes_on(*earlier, contained);
        }
      }
    } else {
      d = decide_by_version(session, versions, entry);
    }
    entry.verdict = d.verdict;
    entry.story = d.story;
    entry.story_family = d.story_family;
    entry.of = d.of;
    entry.similarity = d.similarity;
    session.insert(entry);
  }
  ctx.verdict = d.verdict;
  ctx.story = std::move(d.story);
  ctx.of = std::move(d.of);
  ctx.similarity = d.similarity;
  if (probe_) probe_->dedup_index(index_->size(), index_->memory_bytes());
  if (writes_) writes_->take(ctx.state_writes);
  return StageStatus::next();
}

Dedup::Decision Dedup::decide_by_version(const DedupIndex::Session& session,
                                         const std::vector<const IndexRecord*>& versions,
                                         const IndexEntry& item) const {
  const IndexRecord* same = nullptr;
  const IndexRecord* latest = versions.front();
  for (const IndexRecord* r : versions) {
    if (*r->version == item.version) same = r;
    if (is_later(*r, *latest)) latest = r;
  }
  const IndexRecord& base = same ? *same : *latest;
  Decision d;
  d.story = base.story ? *base.story : *base.uri;
  d.story_family = session.name(base.story_family);
  d.of = item.uri;
  d.similarity = item.content_hash == base.content_hash
                     ? 1.0
                     : std::round(compare(item.sketch, session.sketch(base)).jaccard * 1000) / 1000;
  if (same) {
    const bool reissued = item.event_ms > same->event_ms && item.content_hash != same->content_hash;
    const bool changed = item.pubstatus != same->pubstatus || reissued;
    d.verdict = changed ? Verdict::update : Verdict::duplicate;
  } else {
    d.verdict = compare_version(item, *latest) > 0 ? Verdict::update : Verdict::duplicate;
  }
  return d;
}

const IndexRecord* Dedup::follow_up_of(const DedupIndex::Session& session,
                                       const DedupWork& work, const Decision& content,
                                       const std::vector<const IndexRecord*>& near,
                                       double& contained) const {
  const IndexEntry& item = work.entry;
  // A bulletin with sentences of its own ((1보): the verdict of a trial the
  // slugline has followed for days) may be the story's next development; a
  // headline-only flash has too few words to tell. So may a write-through
  // that no text of its story contains enough of: the (2보) that leads with
  // the firefighters trapped, after the (1보) bulletin of the fire, whose
  // short lead the flash rule asks it to keep.
  constexpr uint8_t kMarked = marker::distinct | marker::kill | marker::hold;
  // (work.looks_back is never set for a flash: a new event's flash may
  // well recall the day before.)
  const bool by_earlier_day = work.looks_back && options_.follow_up_earlier_day_containment > 0;
  // With no slugline, the items its text found (the band candidates) of its
  // own source, by names alone and more of them.
  const bool unslugged = item.slug_hash == 0;
  if ((item.markers & kMarked) || options_.follow_up_names <= 0 ||
      (unslugged && options_.follow_up_unslugged_names <= 0) ||
      (work.names.size() == 0 && work.names.places.empty() && !by_earlier_day) ||
      (work.headline_only_flash() && !options_.follow_up_flash)) {
    return nullptr;
  }
  const bool flash = work.headline_only_flash();
  // The earlier items a follow-up may go on: those under its slugline, or
  // with none, those of its source that its text found and those whose
  // first name it names (DedupIndex::Session::find_named).
  const NameId family = unslugged ? session.interned(item.source_family) : kNoName;
  thread_local std::vector<const IndexRecord*> earlier;
  earlier.clear();
  if (!unslugged) {
    session.find_slug(item.slug_hash, earlier);
  } else if (family != kNoName) {
    for (const IndexRecord* r : near) {
      if (r->source_family == family) earlier.push_back(r);
    }
    if (options_.follow_up_by_first_name) {
      // After the band candidates, in the order found, each once.
      const size_t found = earlier.size();
      for (const uint16_t name : work.names.hashes) session.find_named(family, name, earlier);
      drop_repeats(earlier, found);
    }
  }
  const std::span<const IndexRecord* const> source(earlier);
  // An item of a developing story: what a follow-up by place goes on.
  const auto developing = [](const IndexRecord& r) {
    return (r.markers & (marker::flash | marker::write_through)) != 0 || r.level > 0 ||
           (r.verdict == Verdict::update && r.of && *r.of != *r.uri);
  };
  const auto story_of = [](const IndexRecord& r) {
    return r.story ? std::string_view(*r.story) : *r.uri;
  };
  // Whether the story of `r` has named a place, as its items here keep them.
  const auto named_by_story = [&](const IndexRecord& r) {
    return [&, story = story_of(r)](uint16_t place) {
      return std::any_of(source.begin(), source.end(), [&](const IndexRecord* q) {
        return story_of(*q) == story && place_kept(q->names, place);
      });
    };
  };
  const std::vector<uint16_t>& places = work.names.places;
  // Every place the item names, the story of `r` has named under the
  // slugline: a part of the town it never named (another district, another
  // island off the port) is another event there.
  const auto within_story = [&](const IndexRecord& r) {
    return std::all_of(places.begin(), places.end(), named_by_story(r));
  };
  // Some place the item names, the story of `r` has named.
  const auto story_place = [&](const IndexRecord& r) {
    return std::any_of(places.begin(), places.end(), named_by_story(r));
  };
  const IndexRecord* best = nullptr;
  int best_names = 0;  // a link by names goes before one by place (0)
  for (const IndexRecord* r : source) {
    if ((r->markers & (marker::kill | marker::hold)) || r->pubstatus != PubStatus::usable) {
      continue;
    }
    // A report's next edition names what the last one named (the same
    // teams, the same stations): it is no follow-up of that report.
    const std::string_view story = story_of(*r);
    if (std::find(content.editions.begin(), content.editions.begin() + content.edition_count,
                  story) != content.editions.begin() + content.edition_count) {
      continue;
    }
    const int64_t gap = item.event_ms - r->event_ms;
    if (gap < 0 || gap > std::max(options_.follow_up_window_ms, options_.follow_up_late_window_ms)) {
      continue;
    }
    if (gap > options_.follow_up_window_ms && in_daily_slot(gap, options_)) continue;
    // With no slugline to tell a story from a report, a write-through half a
    // day or more on at the earlier item's hour is the report's next
    // edition. An unmarked item that names the story is its next day,
    // whatever the hour: desks follow a story at the hour they broke it
    // (dedup-blind95: 23 h 45 and 26 h on).
    if (unslugged && (item.markers & kRewrite) && gap >= 12LL * 3600 * 1000 &&
        in_daily_slot(gap, options_)) {
      continue;
    }
    if (options_.follow_up_town_edition && work.names.headline_town_filed_from && !developing(*r) &&
        places_told(r->names) && !story_place(*r)) {
      continue;
    }
    // Another game's result: the same clubs, the cup, the ground, another score.
    if (options_.follow_up_score && item.score != 0 && r->score != 0 && item.score != r->score) {
      continue;
    }
    // Each headline names its own subject, which the other never names.
    if (options_.follow_up_headlines_apart &&
        headlines_apart(work.names, r->names, r->headline_names)) {
      continue;
    }
    int shared = shared_names(work.names, r->names, r->headline_names);
    double need = options_.follow_up_containment;
    if (unslugged && shared < options_.follow_up_unslugged_names) {
      // Fewer names, and a place of a developing story's (the boat's name
      // and its island, the company's name and its city). A flash names
      // the story's own name: a new event's flash names the kind and the
      // place ("Parliament", "Jeju Island").
      const bool by_place =
          options_.follow_up_unslugged_by_place && shared >= options_.follow_up_names &&
          (!(item.markers & marker::flash) || own_name_shared(work.names, r->names)) &&
          developing(*r) && places_shared(work.names, r->names) && within_story(*r);
      if (!by_place) continue;
    }
    if (flash && (shared < options_.follow_up_names ||
                  own_names_apart(work.names, r->names, r->headline_names))) {
      continue;
    }
    if (shared < options_.follow_up_names) {
      const bool by_place = options_.follow_up_by_place && developing(*r) &&
                            places_shared(work.names, r->names) && within_story(*r) &&
                            !names_set_apart(work.names, r->names);
      // No name or place to go on: the next morning's item about the event.
      const bool by_day = by_earlier_day && developing(*r) && shared == 0 &&
                          !names_set_apart(work.names, r->names);
      if (!by_place && !by_day) continue;
      if (!by_place) need = std::max(need, options_.follow_up_earlier_day_containment);
      shared = 0;
    }
    if (shared < best_names) continue;
    if (shared == best_names && best && r->event_ms <= best->event_ms) continue;
    const double c = compare(item.sketch, session.sketch(*r)).shorter_contained();
    if (c < need) continue;
    best = r;
    best_names = shared;
    contained = c;
  }
  return best;
}

const TermSet& DedupWork::whole_terms() {
  if (!whole_made) {
    whole = extend_terms(opening, normalized, kOpeningParagraphs);
    whole_made = true;
  }
  return whole;
}

const IndexRecord* Dedup::flash_of(const DedupIndex::Session& session, DedupWork& work,
                                   bool unlinked, double& coverage) const {
  const IndexEntry& item = work.entry;
  // A flash may go on an earlier flash of its service: the [속보] headline,
  // then the (1보) bulletin with the first sentences of its own.
  constexpr uint8_t kNotAStory = marker::distinct | marker::kill | marker::hold;
  if (item.markers & kNotAStory) return nullptr;
  if (work.headline_only_flash()) return nullptr;
  // A story follows its flash within flash_story_window; a write-through or
  // correction within the whole flash_window.
  const int64_t story_reach = std::min(options_.flash_story_window_ms, options_.flash_window_ms);
  const bool rewrite_item = (item.markers & kRewrite) != 0;
  // The sister service's first story may come as late as a write-through.
  const int64_t reach =
      rewrite_item || options_.flash_cross_late ? options_.flash_window_ms : story_reach;
  const std::span<const FlashRef> flashes = session.flashes(item.event_ms - reach, item.event_ms);
  if (flashes.empty()) return nullptr;
  // Families compare by the number the index gave the name.
  const NameId family = session.interned(item.source_family);
  if (family == kNoName) return nullptr;
  const TermSet& opening = work.opening;
  const TermDigest& digest = work.opening_digest;
  const IndexRecord* same_script = nullptr;
  const IndexRecord* other_script = nullptr;
  double best_same = 0;
  double best_other = 0;
  // The least coverage and words that can link in the item's script.
  const double least_coverage =
      std::min(options_.flash_term_coverage, options_.flash_term_coverage_with_numbers);
  const size_t least_words = options_.flash_min_words == 0 ? 0 : options_.flash_min_words - 1;
  // A write-through under a slugline may go on its flash by the headline
  // alone (DedupOptions::flash_headline_coverage_same_slug).
  const bool by_slug = (item.markers & kRewrite) && item.slug_hash != 0 &&
                       options_.flash_headline_coverage_same_slug > 0;
  // An unmarked story may go on its flash under the flash's slugline by
  // fewer of its words (DedupOptions::flash_story_coverage_same_slug): the
  // last resort, taken when no flash links by the rules above.
  const bool story_by_slug = !(item.markers & (kRewrite | marker::flash)) &&
                             item.slug_hash != 0 && options_.flash_story_coverage_same_slug > 0;
  const IndexRecord* slug_story = nullptr;
  double best_slug = 0;
  // Hundreds of flashes may lie in the window, newest first: the tests on
  // the flash list's own entry come first (family, then what the terms'
  // Bloom filters prove missing), the record and its terms only for a flash
  // that may link, and its uri only for one that would.
  for (auto it = flashes.rbegin(); it != flashes.rend(); ++it) {
    const FlashRef& ref = *it;
    if (!ref.has_terms) continue;
    if (family != ref.source_family && family != ref.story_family) continue;
    const TermDigest& d = ref.terms;
    const bool same = ref.script == item.script;
    if (same && !rewrite_item && item.event_ms - ref.event_ms > story_reach) continue;
    const bool may_slug_story =
        story_by_slug && same && item.event_ms - ref.event_ms <= options_.flash_story_window_ms;
    const size_t lacking = numbers_lacking(d, digest);
    // numbers_ok is false: only the story under the slugline may still link.
    const size_t lacking_allowed = options_.flash_figure_further_down && same ? 2 : 4;
    const bool numbers_gone = lacking > 1 || (lacking == 1 && d.number_count < lacking_allowed);
    // The sister service's story may tell a figure the flash gave as it
    // stands later (the toll); its town and concepts must then say more
    // (`lacking` is the filters' lower bound: the exact count comes below).
    const bool figure_moved_may_link = !same && options_.flash_cross_figure_moved &&
                                       !rewrite_item && lacking <= 1 &&
                                       d.concept_count >= options_.flash_min_concepts + 2;
    if (numbers_gone && !may_slug_story && !figure_moved_may_link) continue;
    // A flash goes on its own service's flash (below); the sister service's
    // flash of the event opens that service's story.
    if (!same && (item.markers & marker::flash)) continue;
    // The filters prove the flash's words too few for the rule by all its
    // words; a write-through may still take it by its headline's when it
    // is under the same slugline (the record says).
    bool too_few_words = false;
    if (same) {
      const size_t most = d.word_count - words_lacking(d, digest);
      const double most_cov = d.word_count == 0 ? 0.0
                                                : static_cast<double>(most) /
                                                      static_cast<double>(d.word_count);
      too_few_words = most_cov < least_coverage || most < least_words || most_cov <= best_same;
      const bool slug_words = may_slug_story && most >= kSlugStoryWords &&
                              most_cov >= options_.flash_story_coverage_same_slug &&
                              most_cov > best_slug;
      if (numbers_gone && !slug_words) continue;
      if (too_few_words && !(by_slug && most >= options_.flash_min_words) && !slug_words) {
        continue;
      }
    } else {
      const int64_t gap = item.event_ms - ref.event_ms;
      if (gap > options_.flash_cross_window_ms &&
          (!options_.flash_cross_late || rewrite_item || gap > options_.flash_window_ms ||
           d.concept_count < options_.flash_min_concepts + 1)) {
        continue;
      }
      const size_t most = d.concept_count - concepts_lacking(d, digest);
      const double most_cov = d.concept_count == 0 ? 0.0
                                                   : static_cast<double>(most) /
                                                         static_cast<double>(d.concept_count);
      if (most_cov < options_.flash_concept_coverage || most_cov <= best_other) continue;
    }
    const IndexRecord* f = session.record(ref);
    if (!f) continue;
    if (options_.towns_apart && places_apart(item.names, f->names)) continue;
    const bool under_slug = by_slug && f->slug_hash == item.slug_hash;
    const bool story_under_slug = may_slug_story && f->slug_hash == item.slug_hash;
    if ((too_few_words || (numbers_gone && !figure_moved_may_link)) && !under_slug &&
        !story_under_slug) {
      continue;
    }
    const TermView flash = TermView::of_packed(ref.flash_terms);
    // ... and only on a flash that was its headline alone.
    if ((item.markers & marker::flash) && flash.words.size() != flash.headline_words.size()) {
      continue;
    }
    const size_t missing = numbers_missing(flash, opening);
    const bool further_down = options_.flash_figure_further_down && same && missing == 1 &&
                              flash.numbers.size() >= 2 &&
                              item.event_ms - ref.event_ms <= kBulletinAfterFlashMs &&
                              numbers_missing(flash, work.whole_terms()) == 0;
    const bool numbers_ok =
        missing == 0 || (missing == 1 && flash.numbers.size() >= 4) || further_down;
    // Numbers back a link: all of the flash's there, one of two digits or
    // more (a time, a toll, a sum); two of them back it strongly.
    const bool backed = missing == 0 && flash.long_number;
    const bool corroborated = backed && flash.numbers.size() >= 2;
    // The story under its flash's slugline: a quarter of the flash's words,
    // and what tells it is of this event: every figure of the flash's in it
    // (12 years), or a name of the flash's (the company, the island).
    if (story_under_slug && *f->uri != item.uri) {
      const size_t found = words_found(flash, opening);
      const double cov = flash.words.empty() ? 0.0
                                             : static_cast<double>(found) /
                                                   static_cast<double>(flash.words.size());
      const bool figures = !flash.numbers.empty() && missing == 0;
      if (found >= kSlugStoryWords && cov >= options_.flash_story_coverage_same_slug &&
          cov > best_slug && (figures || names_shared(item.names, f->names))) {
        best_slug = cov;
        slug_story = f;
      }
    }
    if (same && under_slug && numbers_ok && !flash.headline_words.empty()) {
      const size_t found = headline_words_found(flash, opening);
      const double cov =
          static_cast<double>(found) / static_cast<double>(flash.headline_words.size());
      if (cov >= options_.flash_headline_coverage_same_slug &&
          found >= options_.flash_min_words && cov > best_same && *f->uri != item.uri) {
        best_same = cov;
        same_script = f;
        continue;
      }
    }
    if (same) {
      if (!numbers_ok) continue;
      const size_t found = words_found(flash, opening);
      const double cov = flash.words.empty() ? 0.0  // word_coverage(flash, opening)
                                             : static_cast<double>(found) /
                                                   static_cast<double>(flash.words.size());
      const double needed = corroborated ? options_.flash_term_coverage_with_numbers
                                         : options_.flash_term_coverage;
      // A flash of a few words covers by chance: the words found must be
      // enough to tell a story (fewer when numbers back them).
      const size_t enough = corroborated ? options_.flash_min_words - 1 : options_.flash_min_words;
      // One fewer, too, when the words found are all the flash's ("구미국가산단
      // 2차전지 부품공장서 화재") or share its names (follow_up_names: "서건혁
      // 공정거래위원장 사의 표명"): that many do not come together by chance.
      // The names both tell, counted once and only when a rule asks.
      int names_shared = -1;
      const auto shared = [&] {
        if (names_shared < 0) names_shared = shared_names(work.names, f->names, f->headline_names);
        return names_shared;
      };
      const bool few_but_sure =
          options_.flash_few_words_sure && found + 1 == enough && found >= 3 &&
          (found == flash.words.size() || shared() >= options_.follow_up_names);
      if (cov < needed || (found < enough && !few_but_sure) || cov <= best_same) continue;
      // A figure told further down: three quarters of the flash's words up top.
      if (further_down && cov < options_.flash_whole_coverage) continue;
      // What the opening leaves out the story tells further down; a story
      // on another event of the kind lacks the flash's own words anywhere
      // (unless the numbers or the flash's names tell it is the one). The
      // names are walked only when the numbers have not told it, and the
      // whole story's terms, the longest list, last.
      const auto named = [&] {
        return options_.flash_named_story && !(item.markers & marker::flash) &&
               shared() >= options_.follow_up_unslugged_names;
      };
      if ((backed || named() ||
           word_coverage(flash, work.whole_terms()) >= options_.flash_whole_coverage) &&
          *f->uri != item.uri) {
        best_same = cov;
        same_script = f;
      }
    } else {
      const double cov = concept_coverage(flash, opening);
      // Numbers are what two languages share for sure; without two of them
      // the concepts must say more.
      const bool town = place_concept_shared(flash, opening);
      const size_t without_numbers =
          options_.flash_min_concepts + 2 - (options_.flash_cross_place && town ? 1 : 0);
      const bool concepts_tell = flash.concepts.size() >= without_numbers && cov >= 0.75;
      // Later than the hour, or with a figure of the flash's gone (the toll
      // it gave, since risen), only the concepts and the flash's town tell.
      const bool late = item.event_ms - ref.event_ms > options_.flash_cross_window_ms;
      const size_t many = options_.flash_min_concepts + 2;
      const bool figure_moved = !numbers_ok && figure_moved_may_link && missing == 1 && town &&
                                flash.concepts.size() >= many && cov >= 0.75;
      const bool evidence = flash.numbers.size() >= 2 && !late && numbers_ok
                                ? flash.concepts.size() >= options_.flash_min_concepts
                                : concepts_tell && (!late || town);
      if ((numbers_ok || figure_moved) && evidence && cov >= options_.flash_concept_coverage &&
          cov > best_other && *f->uri != item.uri) {
        best_other = cov;
        other_script = f;
      }
    }
  }
  // A flash of the item's own service first: the sister service's flash of
  // the same event is the link only when its own service sent none. A flash
  // whose story has come in the item's script already is no link: what reads
  // like it now is either part of that story (the content rules find it) or
  // another story on the same subject (a reaction, an analysis).
  const bool by_words = same_script != nullptr;
  if (!same_script && slug_story) {
    same_script = slug_story;
    best_same = best_slug;
  }
  const IndexRecord* best = same_script ? same_script : other_script;
  coverage = same_script ? best_same : best_other;
  // But the first write-through ((LEAD)) of the flash's service that tells
  // the flash in its words, when the content rules found it nothing, is a
  // rewrite of the flash's story, not a reaction to it: it rewrote the
  // story too thoroughly for them. A later rung rewrites a (LEAD) of its
  // own, which they find (a day-old story's (3rd LD) on the morning's new
  // launch is not that launch's).
  const bool rewrite = options_.followed_flash_rewrite && unlinked && by_words &&
                       best == same_script && (item.markers & kRewrite) &&
                       !(item.markers & marker::flash) && item.level == 1;
  if (best && (best->followed & (1u << item.script)) && !rewrite) return nullptr;
  return best;
}

namespace {

// A later version of the record's uri cancels it (a kill under its own uri).
bool killed(const DedupIndex::Session& session, const IndexRecord& r) {
  for (const IndexRecord* v : session.find_uri(*r.uri)) {
    if (v->pubstatus == PubStatus::canceled && v != &r && is_later(*v, r)) return true;
  }
  return false;
}

}  // namespace

Dedup::Decision Dedup::decide_by_content(const DedupIndex::Session& session,
                                         const std::vector<const IndexRecord*>& candidates,
                                         const IndexEntry& item, const Fingerprint& fp) const {
  const Judge judge(options_, item, session.interned(item.source_family),
                    fp.agency_opening_shingles > 0 ? &fp.agency_opening : nullptr);
  const auto story_of = [](const IndexRecord& r) { return r.story ? *r.story : *r.uri; };
  // Stories the item is the next edition of (a few at most): none of their
  // items matches it.
  std::array<std::string_view, 4> editions;
  size_t edition_count = 0;
  const auto is_edition = [&](const IndexRecord& r) {
    const std::string_view story = story_of(r);
    return std::find(editions.begin(), editions.begin() + edition_count, story) !=
           editions.begin() + edition_count;
  };
  const IndexRecord* best = nullptr;
  Match best_match{Verdict::fresh, 0, -1};
  const auto choose = [&](bool skip_editions) {
    best = nullptr;
    best_match = Match{Verdict::fresh, 0, -1};
    for (const IndexRecord* c : candidates) {
      if (skip_editions && is_edition(*c)) continue;
      const std::optional<Match> m = judge.judge(*c);
      if (!m) continue;
      if (m->next_edition) {
        if (edition_count < editions.size() && !is_edition(*c)) {
          editions[edition_count++] = story_of(*c);
        }
        continue;
      }
      const bool better =
          !best || (best_match.late && !m->late) ||
          (m->late == best_match.late &&
           (m->jaccard > best_match.jaccard ||
            (m->jaccard == best_match.jaccard && c->event_ms > best->event_ms)));
      if (better) {
        best = c;
        best_match = *m;
      }
    }
  };
  choose(false);
  // Rare: the best match belongs to a story the item turned out to be the
  // next edition of; choose again without that story's items.
  if (best && edition_count != 0 && is_edition(*best)) choose(true);
  Decision d;
  d.editions = editions;
  d.edition_count = edition_count;
  if (!best) {
    d.story = item.uri;
    d.story_family = item.source_family;
    return d;
  }
  d.verdict = best_match.verdict;
  if (d.verdict == Verdict::duplicate && options_.reissue_after_kill &&
      item.content_hash != best->content_hash &&
      best->source_family == session.interned(item.source_family) && killed(session, *best)) {
    d.verdict = Verdict::update;
  }
  d.story = best->story ? *best->story : *best->uri;
  d.story_family = session.name(best->story_family);
  d.of = *best->uri;
  d.similarity = std::round(best_match.similarity * 1000) / 1000;
  return d;
}

}  // namespace wiredesk
