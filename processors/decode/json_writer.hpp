// Minimal appending JSON writer: the encoder's and the decoder's canonical
// re-serialisation share it so that escaping rules live in one place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wiredesk::json {

// Appends `s` as a JSON string literal (quotes included). `s` must be UTF-8;
// non-ASCII bytes are copied as they are, control characters are escaped.
void append_string(std::string& out, std::string_view s);

// Appends `"key":` to out, with a leading comma unless `first`.
void append_key(std::string& out, std::string_view key, bool& first);

// Appends `[e0,e1,…]`, each element written by `write(out, element)`.
template <class Range, class Write>
void append_array(std::string& out, const Range& elements, Write&& write) {
  out.push_back('[');
  bool first = true;
  for (const auto& e : elements) {
    if (!first) out.push_back(',');
    first = false;
    write(out, e);
  }
  out.push_back(']');
}

void append_int(std::string& out, int64_t v);
void append_double(std::string& out, double v);

// RFC 3339 UTC with milliseconds, e.g. 2026-11-27T21:00:00.123Z.
std::string format_time_ms(int64_t epoch_ms);

std::string base64(std::string_view bytes);

}  // namespace wiredesk::json
