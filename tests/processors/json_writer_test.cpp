#include "processors/decode/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

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

TEST(JsonWriter, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(json::base64(""), "");
  EXPECT_EQ(json::base64("f"), "Zg==");
  EXPECT_EQ(json::base64("fo"), "Zm8=");
  EXPECT_EQ(json::base64("foo"), "Zm9v");
  EXPECT_EQ(json::base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(json::base64("\xff\x80"), "/4A=");
}

}  // namespace wiredesk
