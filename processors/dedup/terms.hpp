// Content terms of a wire item's opening, for linking a flash to the story
// that follows it (design §3).
//
// WHY NOT SHINGLES. An (URGENT) / [속보] flash is a headline, or one or two
// sentences; the full story 10-30 minutes later restates it in other words
// ("fires ballistic missile toward East Sea: JCS" → "launches ballistic
// missile into East Sea, South's military says"), with other particles on
// its Korean numbers (징역 2년을 → 징역 2년과). Character n-grams of two such
// texts barely overlap (lead containment 0.5-0.6 on the blind set), so the
// flash rule linked neither of them. What stays is the vocabulary: the
// names, nouns and numbers of the flash reappear in the story's headline and
// first paragraphs. Terms are those words reduced so that inflection does
// not matter:
//  - Latin words: stop words dropped, a light suffix stripper (fires, fired,
//    firing → fir), "n"/"s" before "korea" read as north/south;
//  - Hangul words: the first two syllables (a word's particles and endings
//    come after its stem: 탄도미사일을 → 탄도, 발사했다고 → 발사); on the
//    story's side every two-syllable run of a word, so that a compound finds
//    its part (단거리탄도미사일 holds 탄도); Hanja abbreviations of headlines
//    (北, 美, 日, 中, 韓 …) read as the Hangul words they stand for;
//  - numbers: each run of digits, apart ("5.6" → 5, 6; "741조원" → 741); a
//    Korean day of the month (17일) is dropped, as the English dateline that
//    carries it is, and so is a lone 1 (1명 is "a soldier" in English);
//    English number words up to twelve read as digits.
//
// For a flash from a sister service (the Korean [속보], then the English full
// story) the words cannot meet; a small bilingual glossary of breaking-news
// concepts (missile, earthquake, budget, prison, the JCS …) maps both
// languages' terms to concept ids, which with the numbers carry the link.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "processors/dedup/normalize.hpp"

namespace wiredesk {

struct TermSet {
  std::vector<uint32_t> words;     // sorted, unique hashes
  std::vector<uint32_t> headline_words;  // flashes: the words of the headline alone
  std::vector<uint32_t> numbers;   // sorted, unique digit runs (as hashes)
  std::vector<uint32_t> concepts;  // sorted, unique glossary concept ids
  bool long_number = false;        // a number of two digits or more is among them
  bool empty() const { return words.empty() && numbers.empty(); }
};

// The terms of a flash: its headline and its body (a sentence or two; at most
// the first paragraph of a longer one). Word terms are stems / syllable pairs.
TermSet flash_terms(const NormalizedItem& item);
// The terms of an item's opening: headline and the first `paragraphs`
// paragraphs, with every syllable pair of Hangul words.
TermSet opening_terms(const NormalizedItem& item, size_t paragraphs = 2);
// opening_terms(item, SIZE_MAX) from `opening` = opening_terms(item, from):
// the paragraphs from `from` on added to it (each paragraph's terms are its
// own, so the union is the same set), without reading the first ones again.
TermSet extend_terms(const TermSet& opening, const NormalizedItem& item, size_t from);
// The terms of a headline alone (story side).
TermSet headline_terms(const NormalizedItem& item);

// The lists of a TermSet, or of a packed list read in place (TermView::of_packed):
// what the coverage functions below compare.
struct TermView {
  std::span<const uint32_t> words;
  std::span<const uint32_t> headline_words;
  std::span<const uint32_t> numbers;
  std::span<const uint32_t> concepts;  // in a packed list: tagged (compared untagged)
  bool long_number = false;

  TermView() = default;
  TermView(const TermSet& t)  // NOLINT(google-explicit-constructor): a view of it
      : words(t.words),
        headline_words(t.headline_words),
        numbers(t.numbers),
        concepts(t.concepts),
        long_number(t.long_number) {}
  // A list in the order pack_terms writes it, each part sorted (what
  // canonical_terms returns). A flash's terms are read for every item that
  // may follow it: unpacking them into vectors each time took a tenth of
  // the time at a million remembered items.
  static TermView of_packed(std::span<const uint32_t> packed);
};

// Fraction of a's words (or concepts) that b has; 0 when a has none.
double word_coverage(const TermView& a, const TermView& b);
double headline_coverage(const TermView& flash, const TermView& b);  // of flash.headline_words
size_t words_found(const TermView& a, const TermView& b);
size_t headline_words_found(const TermView& flash, const TermView& b);  // of flash.headline_words
double concept_coverage(const TermView& a, const TermView& b);
// Whether b has one of a's places (a town of places.inc, named in either
// language).
bool place_concept_shared(const TermView& a, const TermView& b);
// How many of a's numbers b lacks.
size_t numbers_missing(const TermView& a, const TermView& b);

// Bloom filters of a term list's words, numbers and concepts, with the
// list sizes: a lower bound on how many terms another list lacks, without
// reading either list. The flash lookup passes over most flashes of its
// window on these alone (they sit in the index's flash list, one cache line
// each, where the flash's record and terms would cost two or three misses).
struct TermDigest {
  std::array<uint64_t, 2> words{};
  uint64_t numbers = 0;
  uint64_t concepts = 0;  // by untagged value, as concept_coverage compares
  uint32_t word_count = 0;
  uint32_t number_count = 0;
  uint32_t concept_count = 0;
  bool long_number = false;
};
TermDigest digest_terms(const TermView& terms);

// At least how many of a's words (numbers, concepts) b lacks: each filter bit
// a has and b has not stands for one term or more of a's that b cannot hold.
inline size_t words_lacking(const TermDigest& a, const TermDigest& b) {
  return static_cast<size_t>(std::popcount(a.words[0] & ~b.words[0]) +
                             std::popcount(a.words[1] & ~b.words[1]));
}
inline size_t numbers_lacking(const TermDigest& a, const TermDigest& b) {
  return static_cast<size_t>(std::popcount(a.numbers & ~b.numbers));
}
inline size_t concepts_lacking(const TermDigest& a, const TermDigest& b) {
  return static_cast<size_t>(std::popcount(a.concepts & ~b.concepts));
}

// Packs a flash's terms for the index: the headline's words, an end mark,
// the words, then numbers tagged in the top bit, then concepts tagged in the
// next; unpack restores the lists.
std::vector<uint32_t> pack_terms(const TermSet& terms);
TermSet unpack_terms(const std::vector<uint32_t>& packed);
// pack_terms(unpack_terms(packed)): a list read from the index topic in the
// form TermView::of_packed reads, whatever wrote it.
std::vector<uint32_t> canonical_terms(const std::vector<uint32_t>& packed);

namespace detail {
// The stem a Latin word's term is the hash of (fires, fired, firing → fir;
// cities → city), exposed for tests.
std::string stem_word(std::string_view word);
}  // namespace detail

}  // namespace wiredesk
