#include "processors/decode/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

namespace wiredesk {

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  json::append_string(out, std::string_view("a\"b\\c\n\t\x01\xea\xb8\x80", 11));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001\xea\xb8\x80\"");
}

// append_string skips eight bytes at a time while none needs escaping: on
// random text it must write what escaping byte by byte writes.
TEST(JsonWriter, EscapesEveryByteWhereverItStands) {
  auto by_byte = [](std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(ch);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '\b') {
        out += "\\b";
      } else if (c == '\f') {
        out += "\\f";
      } else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out.push_back(ch);
      }
    }
    return out + "\"";
  };
  std::srand(5);
  for (int n = 0; n < 20000; ++n) {
    std::string s(static_cast<size_t>(std::rand() % 40), '\0');
    for (char& c : s) {
      const int r = std::rand() % 10;
      // Mostly plain text, some of every kind of byte that matters.
      if (r < 6) {
        c = static_cast<char>('a' + std::rand() % 26);
      } else if (r < 8) {
        c = static_cast<char>(std::rand() % 256);
      } else {
        c = "\"\\\n\x1f "[std::rand() % 5];
      }
    }
    if (n % 2 == 1) {
      // Plain text with one byte that matters, or none, anywhere: the
      // plain stretches are found eight bytes at a time.
      for (char& c : s) c = static_cast<char>('a' + std::rand() % 26);
      if (!s.empty() && std::rand() % 3 != 0) {
        s[static_cast<size_t>(std::rand()) % s.size()] = "\"\\\n\x1f\x7f"[std::rand() % 5];
      }
    }
    std::string out;
    json::append_string(out, s);
    ASSERT_EQ(out, by_byte(s));
  }
}

TEST(JsonWriter, FormatsTimeAsUtcWithMilliseconds) {
  EXPECT_EQ(json::format_time_ms(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(json::format_time_ms(1796245200123), "2026-12-02T21:00:00.123Z");
}

// The C library's reading of a time, as the format was first written.
std::string time_by_libc(int64_t epoch_ms) {
  const time_t secs = static_cast<time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char ms[8];
  std::snprintf(ms, sizeof ms, ".%03dZ", static_cast<int>(epoch_ms % 1000));
  return std::string(buf, n) + ms;
}

// Every millisecond of 1970 to 9999 is written as gmtime_r and strftime
// write it: random times, and the last and first milliseconds of days
// around month ends and leap days (1972, 2000, 2100, 2400).
TEST(JsonWriter, TimesAgreeWithTheCLibraryFrom1970To9999) {
  constexpr int64_t kDay = 86'400'000;
  constexpr int64_t kEnd = 253'402'300'800'000;  // 10000-01-01
  std::mt19937_64 rng(1970);
  std::vector<int64_t> times = {0, 1, 999, 1000, kDay - 1, kDay, kEnd - 1};
  for (int i = 0; i < 200000; ++i) times.push_back(static_cast<int64_t>(rng() % kEnd));
  for (const int64_t day : {789, 790, 11'016, 11'017, 11'016 + 59, 11'016 + 60, 47'540, 47'541,
                            47'540 + 59, 47'540 + 60, 157'011, 157'011 + 59, 157'011 + 60}) {
    times.push_back(day * kDay - 1);
    times.push_back(day * kDay);
  }
  for (const int64_t t : times) ASSERT_EQ(json::format_time_ms(t), time_by_libc(t)) << t;
}

TEST(JsonWriter, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(json::base64(""), "");
  EXPECT_EQ(json::base64("f"), "Zg==");
  EXPECT_EQ(json::base64("fo"), "Zm8=");
  EXPECT_EQ(json::base64("foo"), "Zm9v");
  EXPECT_EQ(json::base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(json::base64("\xff\x80"), "/4A=");
}

}  // namespace wiredesk
