// UTF-8 decoding for the hot paths that skip utf8proc: Korean copy is
// ASCII and Hangul syllables, which these read in place. Anything beyond
// that goes to utf8proc (normalize.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

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

}  // namespace wiredesk::utf8
