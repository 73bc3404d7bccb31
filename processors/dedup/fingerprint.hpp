// Fingerprints of normalized wire text (design §3): an exact content hash
// (xxHash XXH3-64) and a near-duplicate sketch over character n-grams.
//
// METHOD: MinHash (one-permutation hashing with optimal densification,
// body and lead kept as 8-bit values: b-bit MinHash) with LSH bands — not
// SimHash. Measured on the generated stress set (scripts/gen-dedup-stress
// --seed 1; 1,928 syndicated copies with 0-10 % of their words changed,
// against 11,285 look-alike and random pairs; benchmarks/README.md):
//   SimHash-64, Hamming <= 3 (a 4-block Manku table)  precision 1.000 recall 0.24
//   SimHash-64, Hamming <= 10                          precision 1.000 recall 0.83
//   SimHash-64, Hamming <= 14                          precision 0.988 recall 0.98
//   MinHash-128, Jaccard >= 0.60                       precision 1.000 recall 0.998
// SimHash also says nothing about containment, which write-throughs and
// flashes need; the fixtures' (LEAD)s have Jaccard 0.65-0.77 with what they
// rewrite, far outside any Hamming radius a block table can search. Speed on
// the same 1.7 KB story: shingling 9.4 us, then MinHash-128 1.6 us against
// SimHash-64 70 us (64 counter updates per shingle). The price is memory: 192
// bytes of body and lead values (8 bits each) instead of 8, ~1 KB per
// remembered item with the LSH chains, which the window and
// IndexOptions::max_entries bound.
//
// Two MinHash sketches per item:
//  - body: 128 values over the shingles of headline + body, LSH 32 bands x 4
//    rows. Estimates Jaccard similarity (syndicated copies, redeliveries) and,
//    with the shingle counts, containment — how much of the shorter text is
//    in the longer — which is what a write-through ((LEAD) adds and rewrites
//    paragraphs) and a truncated or padded copy look like.
//  - lead: 64 values over headline + first sentence, LSH 16 bands x 4 rows.
//    An (URGENT) one-line flash shares almost nothing with the full story
//    that follows it by Jaccard (0.12 in the fixtures), but its headline and
//    sentence are 94 % contained in the story's: this sketch finds and
//    confirms that pair.
// Plus hashes of up to 6 whole paragraphs: a write-through that rewrites the
// lead and adds paragraphs (Jaccard 0.45-0.5) keeps others word for word, so
// they find it when the body bands miss it.
// Shingles are n code points of the normalized text (spaces kept): n = 5 for
// alphabetic text, n = 3 when Hangul/CJK dominate (a Hangul syllable carries
// about as much as 2 Latin letters; 3-grams keep unrelated Korean stories
// below 0.08 Jaccard in the fixtures while copies stay at 1.0).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "processors/dedup/normalize.hpp"

namespace wiredesk {

inline constexpr size_t kBodyHashes = 128;
inline constexpr size_t kBodyRows = 4;
inline constexpr size_t kBodyBands = kBodyHashes / kBodyRows;
inline constexpr size_t kLeadHashes = 64;
inline constexpr size_t kLeadRows = 4;
inline constexpr size_t kLeadBands = kLeadHashes / kLeadRows;
inline constexpr size_t kParagraphKeys = 6;
inline constexpr size_t kParagraphMinWords = 8;
inline constexpr int kLatinShingle = 5;
inline constexpr int kCjkShingle = 3;
inline constexpr size_t kOpeningHashes = 16;
inline constexpr size_t kOpeningRows = 2;
inline constexpr size_t kOpeningBands = kOpeningHashes / kOpeningRows;
inline constexpr size_t kOpeningMinWords = 8;
// The same minimums for text that is mostly Hangul or other CJK: a Korean
// word (eojeol) is a word with its particles and endings, and a sentence
// takes about half as many of them as its English version ("기획재정위원회는
// 금요일 추가경정예산안을 부결했다고 밝혔다": 5 words, 13 in English). At 8, a
// one-sentence Korean lead had no opening values and a two-paragraph
// Korean copy no second paragraph key, so copies cut to such a lead were
// not found (docs/quality.md, "Short Korean paragraphs").
inline constexpr size_t kCjkParagraphMinWords = 4;
inline constexpr size_t kCjkOpeningMinWords = 4;

// Identifies the sketch geometry and hashing above. Serialized index entries
// carry it: entries made with another scheme cannot be compared.
inline constexpr uint32_t kSketchScheme = 0x05'05'03'80;
// Seed of the XXH3-64 hash of every shingle (part of the scheme).
inline constexpr uint64_t kShingleSeed = 0x5EED'D0C5'1A7E'2026ULL;

// Body and lead MinHash values are kept as b-bit MinHash (Li & König 2010)
// with b = 8: the low byte of the 16-bit value, half the memory. Two texts
// agree on a value with probability J + (1 - J) / 256, which compare()
// corrects for; a band of 4 such values is 32 bits, which unrelated items
// share once in four billion. The opening keeps 16 bits: its bands are 2
// values wide.
struct Sketch {
  std::array<uint8_t, kBodyHashes> body{};
  std::array<uint8_t, kLeadHashes> lead{};
  // Distinct shingles of headline + body, estimated by linear counting (a
  // few tenths of a per cent off: well inside the MinHash's own error, and
  // a probe per shingle less); the lead's and the opening's are exact.
  uint32_t body_shingles = 0;
  uint32_t lead_shingles = 0;  // distinct shingles of headline + lead
  uint64_t key_tokens = 0;     // 1 bit per number / weekday / month token (a 64-bit Bloom filter)
  uint64_t lead_tokens = 0;    // the same for headline + lead
  // Hashes of the longest paragraphs (at least kParagraphMinWords words,
  // kCjkParagraphMinWords in Hangul or CJK text), 0 when unused: a
  // write-through keeps paragraphs word for word.
  std::array<uint32_t, kParagraphKeys> paragraphs{};
  // MinHash of the first body paragraph (after the dateline), when it has
  // kOpeningMinWords words or more (kCjkOpeningMinWords in Hangul or CJK
  // text): a copy cut to its first paragraphs, under its own headline and
  // with a few words changed, still opens with that paragraph, which these
  // values (LSH 8 bands x 2 rows) find.
  std::array<uint16_t, kOpeningHashes> opening{};
  uint32_t opening_shingles = 0;
};

struct Fingerprint {
  uint64_t content_hash = 0;  // XXH3-64 of NormalizedItem::text(); 0 when there is no text
  Sketch sketch;
  bool cjk = false;  // the text is mostly Hangul or other CJK (shingle_size is kCjkShingle)
  // The opening of the agency copy an outlet runs under lines of its own
  // (NormalizedItem::agency_opening), sketched as `Sketch::opening` is: a
  // second opening the item is looked up and judged by, never stored.
  std::array<uint16_t, kOpeningHashes> agency_opening{};
  uint32_t agency_opening_shingles = 0;
};

Fingerprint fingerprint(const NormalizedItem& item);

// Estimated overlap of two sketched texts A and B.
struct Overlap {
  double jaccard = 0;       // |A∩B| / |A∪B| of body shingles
  double a_in_b = 0;        // |A∩B| / |A|
  double b_in_a = 0;        // |A∩B| / |B|
  double lead_jaccard = 0;  // Jaccard of headline + lead shingles
  double lead_a_in_b = 0;   // fraction of A's headline + lead shingles in B's
  double lead_b_in_a = 0;
  double opening_jaccard = 0;  // Jaccard of the first paragraphs (0 when either has none)
  // How much of the shorter text is in the longer one.
  double shorter_contained() const { return a_in_b > b_in_a ? a_in_b : b_in_a; }
};
Overlap compare(const Sketch& a, const Sketch& b);
// Jaccard of an opening's values with those of `b` (0 when `b` has none).
double opening_jaccard(const std::array<uint16_t, kOpeningHashes>& opening, const Sketch& b);

// LSH band keys: equal keys make two items candidates of each other.
uint64_t body_band_key(const Sketch& s, size_t band);
uint64_t lead_band_key(const Sketch& s, size_t band);
uint64_t opening_band_key(const Sketch& s, size_t band);
// The same from the values alone (what the index keeps of a sketch).
uint64_t body_band_key(const std::array<uint8_t, kBodyHashes>& body, size_t band);
uint64_t lead_band_key(const std::array<uint8_t, kLeadHashes>& lead, size_t band);
uint64_t opening_band_key(const std::array<uint16_t, kOpeningHashes>& opening, size_t band);

// Building blocks, exposed for tests and benchmarks.
uint64_t content_hash(std::string_view normalized);
int shingle_size(std::string_view normalized);
// XXH3-64 of every n-code-point window, each distinct value once, in text order.
std::vector<uint64_t> shingle_hashes(std::string_view normalized, int n);
// One-permutation MinHash of `shingles` into out.size() (a power of two, at
// most 256) 16-bit values; empty bins are filled by optimal densification.
void minhash(std::span<const uint64_t> shingles, std::span<uint16_t> out);
// The same, keeping the low 8 bits of each value.
void minhash(std::span<const uint64_t> shingles, std::span<uint8_t> out);
// Charikar's SimHash of the shingles (the alternative measured against MinHash).
uint64_t simhash(std::span<const uint64_t> shingles);
// Numbers and dates of a text as Bloom bits. A Korean particle after a number
// is not part of it: 2년을 and 2년과 are the same token (2년).
uint64_t key_token_bits(std::string_view normalized);

// Hashes of the longest paragraphs of at least `min_words` words.
std::array<uint32_t, kParagraphKeys> paragraph_keys(const std::vector<std::string>& paragraphs,
                                                    size_t min_words = kParagraphMinWords);

}  // namespace wiredesk
