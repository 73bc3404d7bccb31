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

// w with its ASCII capitals 'A'-'Z' made small, every other byte (other
// ASCII, and bytes of 0x80 and above, which UTF-8 sequences are made of) as
// it is. On the seven low bits a byte of 'A' or more gets its top bit from
// + 0x3f, one past 'Z' from + 0x25, and no carry leaves the byte; their
// difference, shifted to 0x20, lowers the capitals.
constexpr uint64_t lower_ascii(uint64_t w) {
  const uint64_t low = w & ~kHigh;
  const uint64_t capitals = (low + kOnes * 0x3f) & ~(low + kOnes * 0x25) & ~w & kHigh;
  return w | (capitals >> 2);
}

// Whether an ASCII word (no byte of 0x80 or above) holds a control: a byte
// below 0x20, or 0x7f. A byte is below n when subtracting n borrows into its
// clear top bit; a borrow can reach the next byte only from a byte that
// borrowed itself, so the answer (not which byte) is exact.
constexpr bool has_ascii_control(uint64_t w) {
  const uint64_t del = w ^ (kOnes * 0x7f);  // 0 where a byte is 0x7f
  return (((w - kOnes * 0x20) & ~w) | ((del - kOnes) & ~del)) & kHigh;
}

}  // namespace wiredesk::swar
