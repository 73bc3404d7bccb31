#include "processors/decode/json_writer.hpp"

#include <array>
#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <ctime>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wiredesk::json {

namespace {

// Whether any of the 8 bytes in `w` must be escaped: a control character
// (below 0x20), '"' or '\\'. Bit tricks on the whole word (a byte is below n
// when (b - n) borrows from a byte that had its top bit clear).
bool needs_escape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const auto below = [](uint64_t x, uint64_t n) { return (x - kOnes * n) & ~x & kHigh; };
  return (below(w, 0x20) | below(w ^ (kOnes * '"'), 1) | below(w ^ (kOnes * '\\'), 1)) != 0;
}

bool must_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// The offset of the first byte of s at or after `from` that must be
// escaped, or s.size(): sixteen bytes at a time where the target has SSE2,
// then eight, then one.
size_t next_escape(std::string_view s, size_t from) {
  const char* const p = s.data();
  const size_t n = s.size();
  size_t i = from;
#if defined(__SSE2__)
  const __m128i control = _mm_set1_epi8(0x1F);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // Unsigned v <= 0x1F: the larger of the two is 0x1F.
    const __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, control), control),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                                  _mm_cmpeq_epi8(v, backslash)));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return i + static_cast<size_t>(std::countr_zero(mask));
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (needs_escape(w)) break;
  }
  while (i < n && !must_escape(static_cast<unsigned char>(p[i]))) ++i;
  return i;
}

}  // namespace

void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  // Most strings (every key, most values) need no escaping: one append.
  size_t run_start = 0;
  for (size_t i = next_escape(s, 0); i < s.size(); i = next_escape(s, i + 1)) {
    const auto c = static_cast<unsigned char>(s[i]);
    out.append(s.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s.data() + run_start, s.size() - run_start);
  out.push_back('"');
}

void append_key(std::string& out, std::string_view key, bool& first) {
  if (!first) out.push_back(',');
  first = false;
  append_string(out, key);
  out.push_back(':');
}

void append_int(std::string& out, int64_t v) {
  std::array<char, 24> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), end);
}

void append_double(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  std::array<char, 32> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), end);
}

std::string format_time_ms(int64_t epoch_ms) {
  // 1970 to 9999, every time an item carries: the calendar of <chrono>
  // (integer arithmetic; gmtime_r and strftime took ~1,800 instructions a
  // call, several calls an item). Outside, gmtime_r and strftime.
  constexpr int64_t kYear10000Ms = 253'402'300'800'000;
  if (epoch_ms >= 0 && epoch_ms < kYear10000Ms) {
    using namespace std::chrono;
    const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(epoch_ms)));
    const year_month_day date(day);
    const int64_t in_day = epoch_ms - duration_cast<milliseconds>(day.time_since_epoch()).count();
    std::string out(24, '\0');  // YYYY-MM-DDTHH:MM:SS.mmmZ
    const auto put = [&](size_t at, int64_t value, int digits) {
      for (int i = digits - 1; i >= 0; --i, value /= 10) {
        out[at + static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
      }
    };
    put(0, static_cast<int>(date.year()), 4);
    out[4] = '-';
    put(5, static_cast<unsigned>(date.month()), 2);
    out[7] = '-';
    put(8, static_cast<unsigned>(date.day()), 2);
    out[10] = 'T';
    put(11, in_day / 3'600'000, 2);
    out[13] = ':';
    put(14, in_day / 60'000 % 60, 2);
    out[16] = ':';
    put(17, in_day / 1'000 % 60, 2);
    out[19] = '.';
    put(20, in_day % 1'000, 3);
    out[23] = 'Z';
    return out;
  }
  const time_t secs = static_cast<time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 40> buf{};
  const size_t n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out(buf.data(), n);
  const int ms = static_cast<int>(epoch_ms % 1000);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + ms / 100));
  out.push_back(static_cast<char>('0' + ms / 10 % 10));
  out.push_back(static_cast<char>('0' + ms % 10));
  out.push_back('Z');
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
    out.push_back(kAlphabet[n & 63]);
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    const bool two = i + 1 < bytes.size();
    if (two) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(two ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace wiredesk::json
