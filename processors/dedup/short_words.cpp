#include "processors/dedup/short_words.hpp"

#include <stdexcept>
#include <string>

namespace wiredesk {

ShortWords::ShortWords(std::span<const std::string_view> words) {
  size_t capacity = 8;
  while (capacity < words.size() * 4) capacity *= 2;  // load ≤ 1/4: short probes
  slots_.resize(capacity);
  mask_ = capacity - 1;
  int index = 0;
  for (const std::string_view w : words) {
    if (w.empty() || w.size() > kMaxBytes) {
      throw std::invalid_argument("ShortWords: \"" + std::string(w) + "\" is not 1 to 16 bytes");
    }
    sizes_ |= uint32_t{1} << w.size();
    const size_t opening = opening_of(w);
    openings_[opening / 64] |= uint64_t{1} << (opening % 64);
    if (!contains(w)) {
      const Key k = key_of(w);
      size_t i = slot_of(k);
      while (slots_[i].index >= 0) i = (i + 1) & mask_;
      slots_[i] = Slot{k, index};
    }
    ++index;
  }
}

}  // namespace wiredesk
