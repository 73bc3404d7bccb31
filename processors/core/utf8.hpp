// UTF-8 decoding for the hot paths that skip utf8proc: Korean copy is
// ASCII and Hangul syllables, which these read in place. Anything beyond
// that goes to utf8proc (normalize.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "processors/core/swar.hpp"

namespace wiredesk::utf8 {

// U+AC00..U+D7A3: the precomposed Hangul syllables of Korean copy.
constexpr bool is_hangul_syllable(uint32_t cp) { return cp >= 0xAC00 && cp <= 0xD7A3; }

constexpr bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Whether every byte of s is below 0x80; eight bytes at a time.
inline bool is_ascii(std::string_view s) {
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) any |= swar::load_word(s.data() + i);
  for (; i < s.size(); ++i) any |= static_cast<unsigned char>(s[i]);
  return (any & swar::kHigh) == 0;
}

// Decodes the code point at the start of p[0, n) into `cp` and returns its
// length in bytes, or 0 when p does not start a well-formed sequence (a
// stray continuation byte, a truncated, overlong or surrogate sequence, or
// a code point past U+10FFFF).
constexpr size_t decode(const unsigned char* p, size_t n, uint32_t& cp) {
  if (n == 0) return 0;
  const unsigned char b = p[0];
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  if (b >= 0xC2 && b < 0xE0) {
    if (n < 2 || !is_continuation(p[1])) return 0;
    cp = ((b & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    return 2;
  }
  if (b >= 0xE0 && b < 0xF0) {
    if (n < 3 || !is_continuation(p[1]) || !is_continuation(p[2])) return 0;
    cp = ((b & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return 3;
  }
  if (b >= 0xF0 && b < 0xF5) {
    if (n < 4 || !is_continuation(p[1]) || !is_continuation(p[2]) || !is_continuation(p[3])) {
      return 0;
    }
    cp = ((b & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

inline size_t decode(std::string_view s, size_t i, uint32_t& cp) {
  return i < s.size()
             ? decode(reinterpret_cast<const unsigned char*>(s.data()) + i, s.size() - i, cp)
             : 0;
}

// Whether s[i, i + 3) is one Hangul syllable.
inline bool hangul_syllable_at(std::string_view s, size_t i) {
  if (i + 3 > s.size()) return false;
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0xEA || b0 > 0xED) return false;  // lead bytes of U+A000..U+DFFF
  uint32_t cp = 0;
  return decode(s, i, cp) == 3 && is_hangul_syllable(cp);
}

#if defined(__SSE2__)
// Korean copy sixteen bytes at a time: whether a block holds ASCII and
// whole Hangul syllables (U+AC00-U+D7A3, three bytes from a lead of
// 0xEA-0xED) alone, up to its last code point boundary. Returns how many of
// its bytes those are (14 to 16: a sequence cut by the block's end is left
// to the next block), or 0 when anything else is there (another code point,
// a stray or missing continuation byte). `v` holds the 16 bytes.
__attribute__((always_inline)) inline uint32_t hangul_run(__m128i v) {
  const auto bits = [](__m128i x) { return static_cast<uint32_t>(_mm_movemask_epi8(x)); };
  const auto at_least = [](__m128i x, uint8_t b) {  // unsigned x >= b
    return _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(static_cast<char>(b))), x);
  };
  const auto at_most = [](__m128i x, uint8_t b) {  // unsigned x <= b
    return _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(static_cast<char>(b))), x);
  };
  const uint32_t high = bits(v);
  if (high == 0) return 16;
  const uint32_t starts = high & ~bits(at_most(v, 0xBF));      // 0xC0 and above
  const uint32_t long_starts = high & ~bits(at_most(v, 0xDF));  // 0xE0 and above
  uint32_t length = 16;
  if (starts & 0x8000) {
    length = 15;
  } else if (long_starts & 0x4000) {
    length = 14;
  }
  const uint32_t in = (1u << length) - 1;
  const uint32_t leads = bits(_mm_and_si128(at_least(v, 0xEA), at_most(v, 0xED))) & in;
  const uint32_t continuations = high & bits(at_most(v, 0xBF)) & in;
  // Every non-ASCII byte a lead or one of the two continuations after it.
  if ((high & in) != (leads | continuations) ||
      continuations != (((leads << 1) | (leads << 2)) & in) || (leads & ~(in >> 2)) != 0) {
    return 0;
  }
  // Syllables only: after 0xEA the second byte is 0xB0 or more; after 0xED
  // it is below 0x9E, or 0x9E with a third byte of 0xA3 at most.
  const __m128i second = _mm_srli_si128(v, 1);
  const __m128i third = _mm_srli_si128(v, 2);
  const uint32_t ea = bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xEA))));
  const uint32_t ed = bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xED))));
  const uint32_t ea_ok = bits(at_least(second, 0xB0));
  const uint32_t ed_ok =
      ~bits(at_least(second, 0x9E)) |
      bits(_mm_and_si128(_mm_cmpeq_epi8(second, _mm_set1_epi8(static_cast<char>(0x9E))),
                         at_most(third, 0xA3)));
  if (((ea & ~ea_ok) | (ed & ~ed_ok)) & leads) return 0;
  return length;
}
#endif

}  // namespace wiredesk::utf8
