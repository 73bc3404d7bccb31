// A fixed set of short words (stop words, date words, number words), looked
// up once per token of every item. A word of up to 16 bytes is two 64-bit
// integers, so a lookup is one multiply-shift hash and integer compares: no
// string hashing, no memcmp, no allocation. Longer words are never members.
#pragma once

#include <cstdint>
#include <cstring>
#include <array>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

namespace wiredesk {

class ShortWords {
 public:
  static constexpr size_t kMaxBytes = 16;

  // Words longer than kMaxBytes are refused (std::invalid_argument): a set
  // that silently never matched one of its words would be a quiet bug.
  explicit ShortWords(std::span<const std::string_view> words);
  ShortWords(std::initializer_list<std::string_view> words)
      : ShortWords(std::span<const std::string_view>(words.begin(), words.size())) {}

  // The position of `word` in the constructor's list, or -1.
  int index_of(std::string_view word) const {
    if (word.size() > kMaxBytes || word.empty()) return -1;
    // Most words asked about are not in a small set: their size or first
    // two bytes, which no word of the set has, tell without hashing.
    const size_t opening = opening_of(word);
    if (!((sizes_ >> word.size()) & 1) || !((openings_[opening / 64] >> (opening % 64)) & 1)) {
      return -1;
    }
    const Key k = key_of(word);
    for (size_t i = slot_of(k);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index < 0) return -1;
      if (s.key.lo == k.lo && s.key.hi == k.hi && s.key.size == k.size) return s.index;
    }
  }
  bool contains(std::string_view word) const { return index_of(word) >= 0; }

 private:
  struct Key {
    uint64_t lo = 0;
    uint64_t hi = 0;
    uint64_t size = 0;
  };
  struct Slot {
    Key key;
    int index = -1;
  };

  // Two integers that, with the size, tell every word of 1 to 16 bytes
  // apart: overlapping fixed-size loads of its first and last bytes (which
  // between them cover every byte), so no call to memcpy of a variable size.
  static Key key_of(std::string_view word) {
    const char* p = word.data();
    const size_t n = word.size();
    Key k;
    k.size = n;
    if (n >= 8) {
      k.lo = load<uint64_t>(p);
      k.hi = load<uint64_t>(p + n - 8);
    } else if (n >= 4) {
      k.lo = load<uint32_t>(p) | (uint64_t{load<uint32_t>(p + n - 4)} << 32);
    } else {  // 1 to 3 bytes: the first, middle and last are all of them
      k.lo = static_cast<unsigned char>(p[0]) | (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
             (uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
    }
    return k;
  }
  template <class T>
  static T load(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  size_t slot_of(const Key& k) const {
    const uint64_t h = (k.lo * 0x9E3779B97F4A7C15ull) ^ (k.hi * 0xC2B2AE3D27D4EB4Full) ^ k.size;
    return static_cast<size_t>((h ^ (h >> 29)) & mask_);
  }

  // The first two bytes of a word (the first alone for a word of one), 12
  // bits of them: words that share these may or may not share the opening.
  static size_t opening_of(std::string_view word) {
    const auto b0 = static_cast<unsigned char>(word[0]);
    const auto b1 = word.size() > 1 ? static_cast<unsigned char>(word[1]) : 0u;
    return ((size_t{b0} << 6) ^ b1) & 4095;
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  uint32_t sizes_ = 0;                   // bit n: a word of n bytes is in the set
  std::array<uint64_t, 64> openings_{};  // bit opening_of(w) of every word w
};

}  // namespace wiredesk
