// Prefix, suffix and equality tests of short byte strings, compared in
// place. The hot paths test a word against lists of a few dozen particles
// and endings of 3 to 12 bytes: std::string_view's tests call memcmp for
// each (the length is not known where the loop is compiled), which cost
// more than the comparison; these stop at the first byte that differs.
#pragma once

#include <cstddef>
#include <string_view>

namespace wiredesk::bytes {

inline bool same(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && same(s.data(), prefix.data(), prefix.size());
}

// From the last byte back: in Korean, a syllable's last byte tells most
// syllables apart, its first byte few.
inline bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  const char* end = s.data() + (s.size() - suffix.size());
  for (size_t i = suffix.size(); i-- > 0;) {
    if (end[i] != suffix[i]) return false;
  }
  return true;
}

inline bool equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && same(a.data(), b.data(), a.size());
}

}  // namespace wiredesk::bytes
