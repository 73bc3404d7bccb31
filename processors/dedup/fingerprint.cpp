#include "processors/dedup/fingerprint.hpp"

// Inlined: hashing a shingle or a token of a few bytes is mostly call and
// setup overhead; the hash values are the same.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <span>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "processors/core/bytes.hpp"
#include "processors/core/swar.hpp"
#include "processors/core/utf8.hpp"
#include "processors/dedup/short_words.hpp"

namespace wiredesk {

namespace {

using std::string_view_literals::operator""sv;

// XXH3_64bits_withSeed(p, n, kShingleSeed), with the path of a window (at
// most 16 bytes: 5 Latin letters, 3 Hangul syllables) taken directly: the
// library function is not inlined and picks a path by length on every
// call. The same function of the same bytes, so the same value
// (`Fingerprint.ShingleHashIsXxh3WithTheShingleSeed`).
inline uint64_t window_hash(const char* p, size_t n) {
  if (n <= 16) {
    return XXH3_len_0to16_64b(reinterpret_cast<const xxh_u8*>(p), n, XXH3_kSecret, kShingleSeed);
  }
  return XXH3_64bits_withSeed(p, n, kShingleSeed);
}

// SplitMix64 finalizer: spreads every input bit over the output.
uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

bool is_cjk(uint32_t cp) {
  return utf8::is_hangul_syllable(cp) ||
         (cp >= 0x1100 && cp <= 0x11FF) ||  // Hangul jamo
         (cp >= 0x3130 && cp <= 0x318F) ||  // Hangul compatibility jamo
         (cp >= 0x3040 && cp <= 0x30FF) ||  // kana
         (cp >= 0x4E00 && cp <= 0x9FFF);    // CJK unified ideographs
}

// Built once at start-up: a function-local static cost a guard check and a
// call on every token of every item.
const ShortWords kDateWords = {
    "monday"sv,  "tuesday"sv,  "wednesday"sv, "thursday"sv, "friday"sv,  "saturday"sv,
    "sunday"sv,  "january"sv,  "february"sv,  "march"sv,    "april"sv,   "may"sv,
    "june"sv,    "july"sv,     "august"sv,    "september"sv, "october"sv, "november"sv,
    "december"sv, "jan"sv,     "feb"sv,       "mar"sv,      "apr"sv,     "jun"sv,
    "jul"sv,     "aug"sv,      "sept"sv,      "sep"sv,      "oct"sv,     "nov"sv,
    "dec"sv,     "월요일"sv,   "화요일"sv,    "수요일"sv,   "목요일"sv,  "금요일"sv,
    "토요일"sv,  "일요일"sv,   "오전"sv,      "오후"sv};

bool is_date_word(std::string_view t) { return kDateWords.contains(t); }

// Korean particles that follow a number and its unit (2년을, 3억원과, 5명이,
// 14일까지): the longest that ends the token goes, the number never.
std::string_view strip_korean_particle(std::string_view token) {
  // Every particle ends in a Hangul syllable: "52km", "2026" end in ASCII.
  if (token.empty() || static_cast<unsigned char>(token.back()) < 0x80) return token;
  static constexpr std::string_view kParticles[] = {
      "으로부터"sv, "에서부터"sv, "까지는"sv, "에서는"sv, "으로는"sv, "이라는"sv, "으로"sv,
      "에서"sv, "에게"sv, "까지"sv, "부터"sv, "보다"sv, "이나"sv, "이며"sv, "이고"sv,
      "만에"sv, "라는"sv, "에는"sv, "께서"sv, "을"sv, "를"sv, "이"sv, "가"sv, "은"sv,
      "는"sv, "의"sv, "에"sv, "과"sv, "와"sv, "도"sv, "로"sv, "만"sv, "씩"sv, "째"sv,
      "쯤"sv, "께"sv, "여"sv};
  for (const std::string_view p : kParticles) {
    if (token.size() > p.size() && bytes::ends_with(token, p)) {
      const std::string_view rest = token.substr(0, token.size() - p.size());
      // Keep what is left only if it still ends a number or a unit, not a
      // word cut in two (a particle is at least one Hangul syllable, 3 bytes).
      if (!rest.empty()) return rest;
    }
  }
  return token;
}

// A Korean weekday keeps what follows it in one word (월요일인 11일,
// 화요일부터, 수요일에): the day is the first three syllables.
std::string_view korean_weekday(std::string_view token) {
  constexpr size_t kDay = 9;  // three Hangul syllables, 3 bytes each
  if (token.size() <= kDay || token.substr(3, 6) != "요일"sv) return token;
  const std::string_view day = token.substr(0, kDay);
  return is_date_word(day) ? day : token;
}

// Where the code points of a text start: byte offsets from scan_text, or
// none for ASCII text (most English copy), whose code point i is byte i.
struct CodePoints {
  const std::vector<uint32_t>* offsets = nullptr;  // null: ASCII
  size_t count = 0;
};

// One pass over a normalized text (valid UTF-8): where its code points start
// (`offsets` filled unless the text is ASCII) and the shingle width its
// script asks for.
int scan_text(std::string_view s, std::vector<uint32_t>& offsets, CodePoints& points) {
  if (utf8::is_ascii(s)) {
    points = {nullptr, s.size()};
    // ASCII is never CJK; only a text of spaces alone has no other letter.
    return s.find_first_not_of(' ') == std::string_view::npos ? kCjkShingle : kLatinShingle;
  }
  // At most one code point a byte, and the end: written through a pointer
  // (push_back checked the capacity for every code point).
  offsets.resize(s.size() + 1);
  uint32_t* o = offsets.data();
  size_t cjk = 0;
  size_t other = 0;
  for (size_t i = 0; i < s.size();) {
#if defined(__SSE2__)
    // Korean copy sixteen bytes at a time: a block of ASCII and whole Hangul
    // syllables starts a code point at each ASCII byte and each lead byte,
    // and every syllable is CJK. (A code point at a time, this loop was a
    // tenth of fingerprinting Korean copy.)
    if (i + 16 <= s.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      if (const uint32_t length = utf8::hangul_run(v); length > 0) {
        const uint32_t in = (1u << length) - 1;
        const auto bits = [](__m128i x) { return static_cast<uint32_t>(_mm_movemask_epi8(x)); };
        const uint32_t high = bits(v) & in;
        // Continuation bytes (0x80-0xBF) are the signed bytes below -64.
        uint32_t starts = in & ~bits(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
        const uint32_t spaces = bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))) & in;
        cjk += static_cast<size_t>(std::popcount(starts & high));
        other += static_cast<size_t>(std::popcount(starts & ~high & ~spaces));
        for (; starts != 0; starts &= starts - 1) {
          *o++ = static_cast<uint32_t>(i) + static_cast<uint32_t>(std::countr_zero(starts));
        }
        i += length;
        continue;
      }
    }
#endif
    const auto byte = static_cast<unsigned char>(s[i]);
    if ((byte & 0xC0) == 0x80) {  // a stray continuation byte starts nothing
      ++i;
      continue;
    }
    *o++ = static_cast<uint32_t>(i);
    if (byte < 0x80) {
      if (byte != ' ') ++other;  // ASCII is never CJK
      ++i;
      continue;
    }
    // A well-formed sequence is passed over whole (its other bytes are
    // continuation bytes); a byte that starts none stands for itself, and
    // what follows it is read again (normalize output is valid UTF-8, so
    // none does).
    uint32_t cp = 0;
    const size_t len = utf8::decode(s, i, cp);
    if (len == 0) cp = byte;
    if (is_cjk(cp)) {
      ++cjk;
    } else {
      ++other;
    }
    i += len == 0 ? 1 : len;
  }
  *o++ = static_cast<uint32_t>(s.size());
  offsets.resize(static_cast<size_t>(o - offsets.data()));
  points = {&offsets, offsets.size() - 1};
  // A Hangul syllable is worth about two Latin letters.
  return cjk * 2 >= other ? kCjkShingle : kLatinShingle;
}

// Calls add(hash) for every window of n code points of a text, in text
// order (repeats included), or once for the whole text when it has n or
// fewer; never for an empty text.
template <class Add>
void for_each_window(std::string_view normalized, const CodePoints& points, int n, Add&& add) {
  if (normalized.empty() || n <= 0) return;
  const size_t codepoints = points.count;
  const auto width = static_cast<size_t>(n);
  if (codepoints <= width) {
    add(XXH3_64bits_withSeed(normalized.data(), normalized.size(), kShingleSeed));
    return;
  }
  const size_t windows = codepoints - width + 1;
  const char* const text = normalized.data();
  if (points.offsets != nullptr) {
    const std::vector<uint32_t>& offsets = *points.offsets;
    for (size_t i = 0; i < windows; ++i) {
      add(window_hash(text + offsets[i], offsets[i + width] - offsets[i]));
    }
  } else if (width == kLatinShingle) {
    // ASCII at the Latin width: windows of a length the compiler knows.
    for (size_t i = 0; i < windows; ++i) add(window_hash(text + i, kLatinShingle));
  } else {
    for (size_t i = 0; i < windows; ++i) add(window_hash(text + i, width));
  }
}

// The windows a text has at most (what a DistinctHashes is sized for).
size_t max_windows(const CodePoints& points, int n) {
  const auto width = static_cast<size_t>(n);
  return points.count <= width ? 1 : points.count - width + 1;
}

// Which hashes were seen before, through a small open-addressing set:
// linear time, where sorting took 40 % of fingerprinting. The table is the
// thread's, all zero between texts (the destructor clears what was used).
class DistinctHashes {
 public:
  explicit DistinctHashes(size_t hashes) : capacity_(std::bit_ceil(hashes * 2)) {
    thread_local std::vector<uint64_t> table;
    if (table.size() < capacity_) table.assign(capacity_, 0);
    slots_ = table.data();
    mask_ = capacity_ - 1;
  }
  ~DistinctHashes() {
    // Only the first `capacity_` slots were used. Zeroing them (8 bytes a
    // slot, 2-4 slots a window) costs a fraction of probing again.
    std::memset(slots_, 0, capacity_ * sizeof(uint64_t));
  }
  DistinctHashes(const DistinctHashes&) = delete;
  DistinctHashes& operator=(const DistinctHashes&) = delete;

  // Whether `h` is new. Inlined: called once per window, a call cost as
  // much as the probe.
  __attribute__((always_inline)) bool add(uint64_t h) {
    if (h == 0) {  // 0 marks free slots
      const bool first = !zero_seen_;
      zero_seen_ = true;
      distinct_ += first ? 1 : 0;
      return first;
    }
    for (size_t slot = static_cast<size_t>(h) & mask_;; slot = (slot + 1) & mask_) {
      if (slots_[slot] == h) return false;
      if (slots_[slot] == 0) {
        slots_[slot] = h;
        ++distinct_;
        return true;
      }
    }
  }
  // How many distinct hashes were added (the same interface as
  // DistinctEstimate's).
  uint32_t take() const { return distinct_; }

 private:
  // Plain pointers and sizes: through the thread_local vector, every window
  // reloaded the table's address from memory.
  size_t capacity_;
  size_t mask_;
  uint64_t* slots_;
  uint32_t distinct_ = 0;
  bool zero_seen_ = false;
};

// One-permutation MinHash fed one shingle hash at a time: the top bits of a
// hash pick its bin, the rest is its rank there. A minimum does not change
// when a hash comes again, so repeats need not be taken out first.
class MinHasher {
 public:
  static constexpr size_t kMaxBins = 256;
  // `bins`: a power of two, at most kMaxBins.
  explicit MinHasher(size_t bins) : bins_(bins), bits_(std::countr_zero(bins)) {
    mins_.fill(std::numeric_limits<uint64_t>::max());
  }

  __attribute__((always_inline)) void add(uint64_t h) {
    // Two shifts: with one bin (bits_ 0) a single shift by 64 is undefined.
    const auto bin = static_cast<size_t>((h >> (63 - bits_)) >> 1);
    mins_[bin] = std::min(mins_[bin], h << bits_);
    filled_[bin] = true;
    added_ = true;
  }

  // The 16-bit values, one per bin (all 0 when nothing was added). Optimal
  // densification (Shrivastava 2017): an empty bin copies the bin that its
  // own fixed probe sequence hits first, so that two texts agree on a
  // densified bin with probability equal to their Jaccard similarity.
  void finish(std::span<uint16_t> out) const {
    std::fill(out.begin(), out.end(), uint16_t{0});
    if (!added_) return;
    for (size_t j = 0; j < bins_; ++j) {
      uint64_t value = mins_[j];
      if (!filled_[j]) {
        for (uint64_t attempt = 1;; ++attempt) {
          const size_t probe = static_cast<size_t>(mix64((j << 32) ^ attempt) & (bins_ - 1));
          if (filled_[probe]) {
            value = mins_[probe];
            break;
          }
        }
      }
      out[j] = static_cast<uint16_t>(mix64(value) >> 48);
    }
  }
  // The low 8 bits of each (b-bit MinHash).
  void finish(std::span<uint8_t> out) const {
    std::array<uint16_t, kMaxBins> wide{};
    const size_t n = std::min(out.size(), bins_);
    finish(std::span<uint16_t>(wide.data(), bins_));
    for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(wide[i]);
  }

 private:
  size_t bins_;
  int bits_;
  bool added_ = false;
  std::array<uint64_t, kMaxBins> mins_;
  std::array<bool, kMaxBins> filled_{};
};

// The distinct hashes of a text, estimated by linear counting (Whang,
// Vander-Zanden and Taylor 1990): each hash marks one byte of a table of at
// least 8 bytes a window, and n = -m ln(1 - marked / m). Its relative error
// is about 1 / sqrt(2m), 0.4 % for a 3 KB story, well inside the MinHash's
// own (a 128-value Jaccard estimate is off by ~4 %), and the same text
// always gives the same count. Marking is a store alone: the exact set, a
// probe and a store per window, was two thirds of the body sketch's time
// (benchmarks/README.md, "Counting a story's shingles").
class DistinctEstimate {
 public:
  explicit DistinctEstimate(size_t hashes)
      : size_(std::bit_ceil(std::max<size_t>(hashes * 8, 64))) {
    thread_local std::vector<uint8_t> table;
    if (table.size() < size_) table.assign(size_, 0);
    marks_ = table.data();
    mask_ = size_ - 1;
  }
  DistinctEstimate(const DistinctEstimate&) = delete;
  DistinctEstimate& operator=(const DistinctEstimate&) = delete;

  __attribute__((always_inline)) void add(uint64_t h) { marks_[h & mask_] = 1; }

  // The estimate; clears the marks (call once), counting and clearing in
  // one pass over the table.
  uint32_t take() {
    size_t marked = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    __m128i sums = zero;
    for (size_t i = 0; i < size_; i += 16) {  // sixteen 0/1 bytes, two sums of eight
      auto* at = reinterpret_cast<__m128i*>(marks_ + i);
      sums = _mm_add_epi64(sums, _mm_sad_epu8(_mm_loadu_si128(at), zero));
      _mm_storeu_si128(at, zero);
    }
    marked = static_cast<size_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
#else
    for (size_t i = 0; i < size_; i += 8) {  // eight 0/1 bytes add up in the top byte
      uint64_t w = 0;
      std::memcpy(&w, marks_ + i, sizeof w);
      marked += static_cast<size_t>((w * 0x0101'0101'0101'0101ULL) >> 56);
    }
    std::memset(marks_, 0, size_);
#endif
    const auto m = static_cast<double>(size_);
    return static_cast<uint32_t>(std::lround(-m * std::log1p(-static_cast<double>(marked) / m)));
  }

 private:
  size_t size_;  // a power of two, at least 64 (whole blocks of 16)
  size_t mask_;
  uint8_t* marks_;
};

// Where the code points of a text start: scan_text's buffer, one per
// thread for every caller.
std::vector<uint32_t>& offsets_buffer() {
  thread_local std::vector<uint32_t> offsets;
  return offsets;
}

// A text's MinHash into `out` in one pass over its windows at its script's
// width (returned in `width`); returns how many distinct shingles it has,
// as `Counter` counts them: exactly (DistinctHashes) or estimated
// (DistinctEstimate).
template <class Counter, class Value, size_t N>
uint32_t sketch_text(std::string_view text, std::array<Value, N>& out, int* width = nullptr) {
  CodePoints points;
  const int n = scan_text(text, offsets_buffer(), points);
  if (width != nullptr) *width = n;
  MinHasher mins(N);
  Counter seen(max_windows(points, n));
  for_each_window(text, points, n, [&](uint64_t h) __attribute__((always_inline)) {
    mins.add(h);
    seen.add(h);
  });
  mins.finish(std::span<Value>(out));
  return seen.take();
}

// MinHash of a list of shingle hashes into `out` (at most kMaxBins values).
template <class Value>
void minhash_of(std::span<const uint64_t> shingles, std::span<Value> out) {
  const size_t bins = std::min(out.size(), MinHasher::kMaxBins);
  if (bins == 0) return;
  MinHasher mins(bins);
  for (const uint64_t h : shingles) mins.add(h);
  mins.finish(out.first(bins));
}

// Values equal in a and b, position by position. compare() runs once per
// candidate: sixteen bytes per SSE2 compare where the target has it.
template <class T, size_t N>
size_t count_equal(const std::array<T, N>& a, const std::array<T, N>& b) {
#if defined(__SSE2__)
  static_assert((N * sizeof(T)) % 16 == 0 && (sizeof(T) == 1 || sizeof(T) == 2));
  static_assert(N * sizeof(T) / 16 < 256);  // byte lanes count up to one per block
  // A lane per byte adds 1 where the bytes (or 16-bit values) are equal;
  // one sum of absolute differences adds the lanes up (no popcount: the
  // generic x86-64 target has no instruction for it).
  const auto* pa = reinterpret_cast<const unsigned char*>(a.data());
  const auto* pb = reinterpret_cast<const unsigned char*>(b.data());
  const __m128i one = _mm_set1_epi8(1);
  __m128i lanes = _mm_setzero_si128();
  for (size_t i = 0; i < N * sizeof(T); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(pa + i));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(pb + i));
    const __m128i same = sizeof(T) == 1 ? _mm_cmpeq_epi8(x, y) : _mm_cmpeq_epi16(x, y);
    lanes = _mm_add_epi8(lanes, _mm_and_si128(same, one));
  }
  const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
  const auto bytes = static_cast<size_t>(_mm_cvtsi128_si32(sums) +
                                         _mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
  return bytes / sizeof(T);  // a 16-bit value is two equal bytes
#else
  size_t equal = 0;
  for (size_t i = 0; i < N; ++i) equal += a[i] == b[i] ? 1 : 0;
  return equal;
#endif
}

// Jaccard from the share of equal 8-bit MinHash values: unequal minima still
// agree on their low byte once in 256 (b-bit MinHash, Li & König 2010).
double byte_jaccard(size_t equal, size_t values) {
  constexpr double kChance = 1.0 / 256;
  const double share = static_cast<double>(equal) / static_cast<double>(values);
  return std::max(0.0, (share - kChance) / (1.0 - kChance));
}

}  // namespace

uint64_t content_hash(std::string_view normalized) {
  return normalized.empty() ? 0 : XXH3_64bits(normalized.data(), normalized.size());
}

int shingle_size(std::string_view normalized) {
  CodePoints points;
  return scan_text(normalized, offsets_buffer(), points);
}

std::vector<uint64_t> shingle_hashes(std::string_view normalized, int n) {
  CodePoints points;
  scan_text(normalized, offsets_buffer(), points);  // the width is the caller's
  std::vector<uint64_t> hashes;
  if (normalized.empty() || n <= 0) return hashes;
  hashes.reserve(max_windows(points, n));
  DistinctHashes seen(max_windows(points, n));
  for_each_window(normalized, points, n, [&](uint64_t h) {
    if (seen.add(h)) hashes.push_back(h);
  });
  return hashes;
}

void minhash(std::span<const uint64_t> shingles, std::span<uint16_t> out) {
  minhash_of(shingles, out);
}

void minhash(std::span<const uint64_t> shingles, std::span<uint8_t> out) {
  minhash_of(shingles, out);
}

uint64_t simhash(std::span<const uint64_t> shingles) {
  std::array<int32_t, 64> votes{};
  for (const uint64_t h : shingles) {
    const uint64_t mixed = mix64(h);
    for (size_t b = 0; b < 64; ++b) votes[b] += ((mixed >> b) & 1) ? 1 : -1;
  }
  uint64_t out = 0;
  for (size_t b = 0; b < 64; ++b) {
    if (votes[b] > 0) out |= uint64_t{1} << b;
  }
  return out;
}

namespace {

// Bits for the spaces and the ASCII digits among `len` (at most 64) bytes
// at `p`: bit i for byte i.
void space_and_digit_bits(const char* p, size_t len, uint64_t& spaces, uint64_t& digits) {
  spaces = 0;
  digits = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i below_zero = _mm_set1_epi8('0' - 1);
  const __m128i above_nine = _mm_set1_epi8('9' + 1);
  for (; i + 16 <= len; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // Signed compares: bytes of 0x80 and above (UTF-8 sequences) are
    // negative, never digits.
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(v, below_zero), _mm_cmplt_epi8(v, above_nine));
    spaces |= static_cast<uint64_t>(static_cast<uint16_t>(
                  _mm_movemask_epi8(_mm_cmpeq_epi8(v, space))))
              << i;
    digits |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(digit))) << i;
  }
#endif
  for (; i < len; ++i) {
    spaces |= uint64_t{p[i] == ' '} << i;
    digits |= uint64_t{p[i] >= '0' && p[i] <= '9'} << i;
  }
}

// The bits below bit k (all of them from 64 on).
uint64_t bits_below(size_t k) { return k >= 64 ? ~uint64_t{0} : (uint64_t{1} << k) - 1; }

}  // namespace

namespace {

constexpr bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

// The three bytes that `t` starts or ends with (a Hangul syllable's size),
// or empty: compared only with syllables.
std::string_view first_syllable(std::string_view t) {
  return t.size() >= 3 ? t.substr(0, 3) : std::string_view{};
}
std::string_view last_syllable(std::string_view t) {
  return t.size() >= 3 ? t.substr(t.size() - 3) : std::string_view{};
}

// Whether `t` opens with one of `syllables`.
bool opens_with(std::string_view t, std::span<const std::string_view> syllables) {
  const std::string_view first = first_syllable(t);
  return std::find(syllables.begin(), syllables.end(), first) != syllables.end();
}

// Counters and units that Korean copy writes after a number, with or
// without a space (3명 / 40여 명, 1억원 / 1억 원): the word that follows a
// number and opens with one of them is part of it.
constexpr std::string_view kCounters[] = {"명"sv, "원"sv, "대"sv, "곳"sv, "건"sv, "개"sv, "척"sv,
                                          "채"sv, "회"sv, "차"sv, "층"sv, "배"sv, "번"sv, "톤"sv,
                                          "가"sv, "마"sv, "퍼"sv, "달"sv, "발"sv, "세"sv};
bool counter_word(std::string_view t) { return opens_with(t, kCounters); }

// The counters of people and things that copy writes after a Korean
// numeral as readily as after a figure (세 명 / 3명, 두 곳 / 2곳); not 번
// or 달 (한 번, once; 한 달, a month), which are seldom a story's figure.
constexpr std::string_view kCounted[] = {"명"sv, "곳"sv, "대"sv, "척"sv,
                                         "채"sv, "건"sv, "개"sv, "발"sv};
bool counted_word(std::string_view t) { return opens_with(t, kCounted); }

// Korean numerals that count with a counter (세 명, 두 곳): their figure.
// Called on every word of one or two syllables: the first syllable decides
// before any other comparison.
char native_numeral(std::string_view t) {
  if (t.size() == 3) {
    if (t == "한"sv) return '1';
    if (t == "두"sv) return '2';
    if (t == "세"sv) return '3';
    if (t == "네"sv) return '4';
    return 0;
  }
  const std::string_view first = t.substr(0, 3);
  if (first == "다"sv) return t == "다섯"sv ? '5' : 0;
  if (first == "여"sv) return t == "여섯"sv ? '6' : t == "여덟"sv ? '8' : 0;
  if (first == "일"sv) return t == "일곱"sv ? '7' : 0;
  if (first == "아"sv) return t == "아홉"sv ? '9' : 0;
  return 0;
}

bool big_unit(std::string_view syllable) {
  return syllable == "만"sv || syllable == "억"sv || syllable == "조"sv;
}

// A figure as one token whatever way it is written: thousands separators
// gone (1,712 and 1712 fold to "1 712" and "1712"), 천 spelled out
// (1천482억 = 1482억, 2만3천 = 2만3000), the parts of a large sum and its
// counter in one word (7조 1482억 원 = 7조1482억원, 40여 명 = 40여명, 만
// 19세 = 만19세), "퍼센트" as the "%" that folding drops.
void canonical_figure(std::string_view joined, std::string& out) {
  out.clear();
  for (size_t i = 0; i < joined.size();) {
    if (joined[i] == ' ') {
      ++i;
      continue;
    }
    // 천 after a lone digit: that digit's thousands, then three places.
    if (joined.compare(i, 3, "천"sv) == 0 && !out.empty() && ascii_digit(out.back()) &&
        (out.size() == 1 || !ascii_digit(out[out.size() - 2]))) {
      i += 3;
      while (i < joined.size() && joined[i] == ' ') ++i;
      size_t digits = 0;
      while (i + digits < joined.size() && ascii_digit(joined[i + digits]) && digits < 4) ++digits;
      if (digits <= 3) {
        out.append(3 - digits, '0');
        out.append(joined.substr(i, digits));
        i += digits;
        continue;
      }
      out.append("천"sv);  // 1천4567: not a figure this knows
      continue;
    }
    if (joined.compare(i, 9, "퍼센트"sv) == 0) {
      i += 9;
      continue;
    }
    out.push_back(joined[i]);
    ++i;
  }
}

}  // namespace

uint64_t key_token_bits(std::string_view normalized) {
  const size_t n = normalized.size();
  uint64_t bits = 0;
  thread_local std::string figure;
  const auto set = [&](std::string_view token) {
    bits |= uint64_t{1} << (XXH3_64bits(token.data(), token.size()) & 63);
  };
  // The words are read one at a time, a figure's held until the next word
  // tells whether it goes on: thousands after up to three digits, the next
  // part after 만/억/조, a counter after the number (and a Korean numeral
  // held for its counter).
  bool in_figure = false;
  bool plain = true;        // the figure is one word with no 천 or 퍼센트: hashed as it is
  size_t figure_start = 0;  // its bytes so far
  size_t figure_end = 0;
  std::string_view last;      // its last word
  char numeral = 0;           // a Korean numeral waiting for its counter
  std::string_view previous;  // the word before, and where it starts
  size_t previous_start = 0;
  const auto end_figure = [&] {
    in_figure = false;
    if (plain) {
      set(strip_korean_particle(last));  // the common case: one word as it is
      return;
    }
    canonical_figure(normalized.substr(figure_start, figure_end - figure_start), figure);
    if (!figure.empty()) set(strip_korean_particle(figure));
  };
  // Inlined at both calls: the state above then lives in registers.
  const auto word = [&](size_t start, size_t end, bool has_digit) __attribute__((always_inline)) {
    if (end <= start) return;
    const std::string_view t = normalized.substr(start, end - start);
    const std::string_view before = previous;
    const size_t before_start = previous_start;
    previous = t;
    previous_start = start;
    if (in_figure) {
      const bool thousands = last.size() <= 3 &&
                             std::all_of(last.begin(), last.end(), ascii_digit) && t.size() >= 3 &&
                             ascii_digit(t[0]) && ascii_digit(t[1]) && ascii_digit(t[2]) &&
                             (t.size() == 3 || !ascii_digit(t[3]));
      const bool next_part = has_digit && ascii_digit(t[0]) && big_unit(last_syllable(last));
      const bool counter = !has_digit &&
                           (ascii_digit(last.back()) || big_unit(last_syllable(last)) ||
                            last_syllable(last) == "여"sv) &&
                           counter_word(t);
      if (thousands || next_part || counter) {
        plain = false;
        figure_end = end;
        last = t;
        if (counter) end_figure();
        return;
      }
      end_figure();
    } else if (numeral != 0) {
      const char figure_of = numeral;
      numeral = 0;
      if (!has_digit && counted_word(t)) {
        figure.assign(1, figure_of);
        figure.append(t);
        set(strip_korean_particle(figure));
        return;
      }
    }
    if (has_digit) {
      in_figure = true;
      last = t;
      figure_end = end;
      // 만 19세 (full age) as 만19세.
      const bool full_age = before == "만"sv && ascii_digit(t[0]);
      figure_start = full_age ? before_start : start;
      plain = !full_age && t.find("천"sv) == std::string_view::npos &&
              t.find("퍼센트"sv) == std::string_view::npos;
      return;
    }
    // A numeral is a word of one or two Hangul syllables.
    if ((t.size() == 3 || t.size() == 6) && static_cast<unsigned char>(t[0]) >= 0xEA) {
      numeral = native_numeral(t);
      if (numeral != 0) return;
    }
    const std::string_view day = korean_weekday(t);
    if (is_date_word(day)) set(day);
  };
  // Words are what the spaces leave, found 64 bytes at a time: the bits of
  // the spaces end them, those of the digits tell which hold one.
  size_t start = 0;    // of the word being read
  bool digit = false;  // one of its bytes before this block of 64 is a digit
  for (size_t base = 0; base < n; base += 64) {
    uint64_t spaces = 0;
    uint64_t digits = 0;
    space_and_digit_bits(normalized.data() + base, std::min<size_t>(64, n - base), spaces,
                         digits);
    for (; spaces != 0; spaces &= spaces - 1) {
      const auto end = static_cast<size_t>(std::countr_zero(spaces));
      const size_t from = start > base ? start - base : 0;
      word(start, base + end, digit || (digits & bits_below(end) & ~bits_below(from)) != 0);
      start = base + end + 1;
      digit = false;
    }
    const size_t from = start > base ? start - base : 0;
    digit = digit || (digits & ~bits_below(from)) != 0;
  }
  if (start < n) word(start, n, digit);
  if (in_figure) end_figure();
  return bits;
}

std::array<uint32_t, kParagraphKeys> paragraph_keys(const std::vector<std::string>& paragraphs,
                                                    size_t min_words) {
  // The longest paragraphs: the most distinctive, and chosen alike in two
  // versions of a story that share them.
  std::vector<const std::string*> chosen;
  chosen.reserve(paragraphs.size());
  for (const auto& p : paragraphs) {
    if (count_words(p, min_words) >= min_words) {
      chosen.push_back(&p);
    }
  }
  std::stable_sort(chosen.begin(), chosen.end(),
                   [](const std::string* a, const std::string* b) {
                     return a->size() > b->size();
                   });
  std::array<uint32_t, kParagraphKeys> keys{};
  for (size_t i = 0; i < keys.size() && i < chosen.size(); ++i) {
    const auto h = static_cast<uint32_t>(XXH3_64bits(chosen[i]->data(), chosen[i]->size()));
    keys[i] = h == 0 ? 1 : h;
  }
  return keys;
}

Fingerprint fingerprint(const NormalizedItem& item) {
  Fingerprint fp;
  const std::string text = item.text();
  fp.content_hash = content_hash(text);
  int body_width = 0;
  fp.sketch.body_shingles = sketch_text<DistinctEstimate>(text, fp.sketch.body, &body_width);
  fp.cjk = body_width == kCjkShingle;

  std::string lead = item.headline;
  if (!lead.empty() && !item.lead.empty()) lead.push_back(' ');
  lead.append(item.lead);
  fp.sketch.lead_shingles = sketch_text<DistinctHashes>(lead, fp.sketch.lead);
  fp.sketch.lead_tokens = key_token_bits(lead);
  fp.sketch.key_tokens = key_token_bits(text);
  fp.sketch.paragraphs =
      paragraph_keys(item.paragraphs, fp.cjk ? kCjkParagraphMinWords : kParagraphMinWords);
  const size_t opening_words = fp.cjk ? kCjkOpeningMinWords : kOpeningMinWords;
  if (!item.paragraphs.empty() &&
      count_words(item.paragraphs.front(), opening_words) >= opening_words) {
    fp.sketch.opening_shingles =
        sketch_text<DistinctHashes>(item.paragraphs.front(), fp.sketch.opening);
  }
  if (count_words(item.agency_opening, opening_words) >= opening_words) {
    fp.agency_opening_shingles = sketch_text<DistinctHashes>(item.agency_opening, fp.agency_opening);
  }
  return fp;
}

double opening_jaccard(const std::array<uint16_t, kOpeningHashes>& opening, const Sketch& b) {
  if (b.opening_shingles == 0) return 0;
  return static_cast<double>(count_equal(opening, b.opening)) / kOpeningHashes;
}

Overlap compare(const Sketch& a, const Sketch& b) {
  Overlap o;
  if (a.body_shingles > 0 && b.body_shingles > 0) {
    o.jaccard = byte_jaccard(count_equal(a.body, b.body), kBodyHashes);
    // |A∩B| = J (|A| + |B|) / (1 + J)
    const double inter = o.jaccard * (a.body_shingles + b.body_shingles) / (1.0 + o.jaccard);
    o.a_in_b = std::min(1.0, inter / a.body_shingles);
    o.b_in_a = std::min(1.0, inter / b.body_shingles);
  }
  if (a.opening_shingles > 0) o.opening_jaccard = opening_jaccard(a.opening, b);
  if (a.lead_shingles > 0 && b.lead_shingles > 0) {
    o.lead_jaccard = byte_jaccard(count_equal(a.lead, b.lead), kLeadHashes);
    const double inter =
        o.lead_jaccard * (a.lead_shingles + b.lead_shingles) / (1.0 + o.lead_jaccard);
    o.lead_a_in_b = std::min(1.0, inter / a.lead_shingles);
    o.lead_b_in_a = std::min(1.0, inter / b.lead_shingles);
  }
  return o;
}

namespace {
template <size_t Rows, class T>
uint64_t band_key(std::span<const T> values, size_t band) {
  static_assert(Rows * sizeof(T) <= sizeof(uint64_t));
  uint64_t packed = 0;
  std::memcpy(&packed, values.data() + band * Rows, Rows * sizeof(T));
  return mix64(packed ^ (band * 0x9E3779B97F4A7C15ULL));
}
}  // namespace

uint64_t body_band_key(const std::array<uint8_t, kBodyHashes>& body, size_t band) {
  return band_key<kBodyRows, uint8_t>(body, band);
}

uint64_t lead_band_key(const std::array<uint8_t, kLeadHashes>& lead, size_t band) {
  return band_key<kLeadRows, uint8_t>(lead, band) ^ 0xA5A5'0000'0000'0000ULL;
}

uint64_t opening_band_key(const std::array<uint16_t, kOpeningHashes>& opening, size_t band) {
  return band_key<kOpeningRows, uint16_t>(opening, band) ^ 0x5A5A'0000'0000'0000ULL;
}

uint64_t body_band_key(const Sketch& s, size_t band) { return body_band_key(s.body, band); }
uint64_t lead_band_key(const Sketch& s, size_t band) { return lead_band_key(s.lead, band); }
uint64_t opening_band_key(const Sketch& s, size_t band) {
  return opening_band_key(s.opening, band);
}

}  // namespace wiredesk
