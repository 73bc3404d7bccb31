// Eight bytes at a time in one 64-bit word: the byte tricks of the text hot
// paths (normalize, fingerprint, utf8::is_ascii). Loads are
// little-endian (x86-64, arm64): the first byte of the text is the lowest
// byte of the word.
#pragma once

#include <cstdint>
#include <cstring>

namespace wiredesk::swar {

// kOnes * b is b in every byte; kHigh is the top bit of every byte.
inline constexpr uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr uint64_t kHigh = 0x8080808080808080ULL;

inline uint64_t load_word(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// The top bit of each byte of w that equals c, exactly (no borrow from one
// byte reaches the next): the seven low bits plus 0x7f reach the top bit
// unless they are all zero, and the byte's own top bit counts too.
constexpr uint64_t bytes_equal(uint64_t w, unsigned char c) {
  const uint64_t x = w ^ (kOnes * c);
  return ~(((x & ~kHigh) + ~kHigh) | x) & kHigh;
}

}  // namespace wiredesk::swar
