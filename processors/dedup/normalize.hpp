// Text normalization for dedup matching (design §3): Unicode NFKC + case
// folding (utf8proc), punctuation and whitespace folded to single spaces, and
// the parts of a wire item that differ between copies of the same story —
// datelines, bylines, e-mail addresses, copyright footers, "(END)", outlet
// page chrome — removed, so that they do not make copies look different.
//
// The output is for comparison only, never shown: it may lose information
// (all punctuation, the dateline) as long as it loses it the same way for
// every copy of a story.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "processors/core/markers.hpp"

namespace wiredesk {

// The level of (종합); (종합2보) is the next. Every 종합 ranks above every
// bulletin (N보).
inline constexpr uint8_t kComprehensiveLevel = 50;

// Whether a write-through at `level` is the next rung after one at
// `earlier`: the (2nd LD) after the (LEAD), the (2보) after the (1보)
// (rung 1), the (종합) after any bulletin.
constexpr bool next_rung(uint8_t earlier, uint8_t level) {
  return level == earlier + 1 ||
         (level == kComprehensiveLevel && earlier >= 1 && earlier < kComprehensiveLevel);
}

struct HeadlineMarkers {
  uint8_t bits = 0;   // marker:: bits
  uint8_t level = 0;  // write-through level: (LEAD) 1, (2nd LD) 2, … (N보) N; (종합) 50,
                      // (종합2보) 51, … (a 종합 comes after the bulletins)
  std::string text;   // case-folded headline with the markers removed (punctuation kept)
};

// Editorial markers at the start or end of a headline, in parentheses or
// brackets ("(LEAD)", "[속보]", "…발사(종합2보)") or as a wire prefix
// ("UPDATE 2-", "BREAKING:"). Unknown bracketed text is kept in the headline.
HeadlineMarkers parse_headline(std::string_view headline);

// NFKC + case fold + control characters stripped; punctuation is kept (the
// boilerplate rules read it). Pure ASCII input takes a fast path, and so
// does Korean copy (ASCII, Hangul, CJK and the symbols utf8proc folds
// alone, from a table it builds once); anything else goes to utf8proc.
std::string fold_case(std::string_view utf8);

// Keeps letters, marks and numbers; every run of anything else (punctuation,
// symbols, whitespace) becomes one space; no leading or trailing space.
// Expects fold_case output. Goes sixteen bytes at a time through ASCII and
// Hangul syllables, packed with SSSE3 shuffles where the CPU has them (else
// ASCII run by run, and Korean a code point at a time).
std::string fold_punctuation(std::string_view folded);

namespace detail {
// Whether fold_punctuation packs blocks with SSSE3 (true by default where
// the CPU can); false takes the other paths. For tests, which check both;
// returns whether packing is on after the call.
bool set_block_packing(bool on);
}  // namespace detail

// fold_punctuation(fold_case(text)).
std::string normalize_text(std::string_view utf8);

// The words of fold_punctuation output (single spaces between them), counted
// no further than `cap`: min(words, cap). Eight bytes at a time.
size_t count_words(std::string_view normalized, size_t cap = SIZE_MAX);

struct NormalizedItem {
  HeadlineMarkers markers;
  std::string headline;  // normalized, markers removed
  std::string lead;      // normalized first sentence of the first substantive paragraph
  std::string body;      // normalized body paragraphs without boilerplate, space-joined
  std::vector<std::string> paragraphs;  // the same paragraphs, one by one
  // An outlet that runs agency copy under a line or two of its own: the
  // paragraph where the agency's dateline opens it, normalized without the
  // dateline (empty when the first paragraph is dated, or none is). The copy
  // opens there, as its source does.
  std::string agency_opening;

  // What is hashed and shingled: headline and body.
  std::string text() const;
};

// Normalizes a wire item's headline and plain-text body (paragraphs are
// separated by newlines). Boilerplate paragraphs are dropped; the dateline
// and inline credits are cut from the paragraphs they start or end.
NormalizedItem normalize_item(std::string_view headline, std::string_view body);

}  // namespace wiredesk
