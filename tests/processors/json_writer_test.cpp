#include "processors/decode/json_writer.hpp"

#include <gtest/gtest.h>

namespace wiredesk {

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  json::append_string(out, std::string_view("a\"b\\c\n\t\x01\xea\xb8\x80", 11));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001\xea\xb8\x80\"");
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
