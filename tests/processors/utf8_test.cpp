#include "processors/core/utf8.hpp"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <random>
#include <string>
#include <string_view>

#include "processors/core/bytes.hpp"

namespace wiredesk {
namespace {

std::string encode(uint32_t cp) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  return std::string(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

// Every scalar value decodes to itself with its encoded length, as utf8proc
// reads it.
TEST(Utf8, DecodesEveryScalarValueAsUtf8procDoes) {
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string bytes = encode(cp);
    uint32_t got = UINT32_MAX;
    ASSERT_EQ(utf8::decode(bytes, 0, got), bytes.size()) << std::hex << cp;
    ASSERT_EQ(got, cp);
    utf8proc_int32_t ref = -1;
    ASSERT_EQ(utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(bytes.data()),
                               static_cast<utf8proc_ssize_t>(bytes.size()), &ref),
              static_cast<utf8proc_ssize_t>(bytes.size()));
    ASSERT_EQ(static_cast<uint32_t>(ref), got);
  }
}

// What utf8proc refuses, decode refuses too (length 0).
TEST(Utf8, RefusesWhatIsNotWellFormed) {
  using namespace std::string_literals;
  for (const std::string& bad : {"\x80"s, "\xBF"s, "\xC0\xAF"s, "\xC1\xBF"s, "\xC3"s, "\xC3("s,
                                 "\xE0\x80\xAF"s, "\xE0\x9F\xBF"s, "\xED\xA0\x80"s, "\xED\xBF\xBF"s,
                                 "\xEA\xB0"s, "\xEA(\xB0"s, "\xF0\x8F\xBF\xBF"s, "\xF4\x90\x80\x80"s,
                                 "\xF5\x80\x80\x80"s, "\xF0\x9F\x98"s, "\xFF"s}) {
    uint32_t cp = 0;
    EXPECT_EQ(utf8::decode(bad, 0, cp), 0u) << bad.size();
    utf8proc_int32_t ref = 0;
    EXPECT_LT(utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(bad.data()),
                               static_cast<utf8proc_ssize_t>(bad.size()), &ref),
              0);
  }
  uint32_t cp = 0;
  EXPECT_EQ(utf8::decode(std::string_view("ab"), 2, cp), 0u);  // past the end
}

TEST(Utf8, FindsHangulSyllablesOnlyWhereOneStarts) {
  const std::string text = "가a힣\xE3\x84\xB1\xEA\xB0";  // 가, a, 힣, ㄱ (jamo), a cut 가
  EXPECT_TRUE(utf8::hangul_syllable_at(text, 0));
  EXPECT_FALSE(utf8::hangul_syllable_at(text, 1));  // a continuation byte
  EXPECT_FALSE(utf8::hangul_syllable_at(text, 3));  // ASCII
  EXPECT_TRUE(utf8::hangul_syllable_at(text, 4));
  EXPECT_FALSE(utf8::hangul_syllable_at(text, 7));  // compatibility jamo, not a syllable
  EXPECT_FALSE(utf8::hangul_syllable_at(text, 10));  // truncated at the end
  EXPECT_TRUE(utf8::is_hangul_syllable(0xAC00));
  EXPECT_TRUE(utf8::is_hangul_syllable(0xD7A3));
  EXPECT_FALSE(utf8::is_hangul_syllable(0xABFF));
  EXPECT_FALSE(utf8::is_hangul_syllable(0xD7A4));
}

// The in-place tests give what std::string_view's give, on short strings of
// a few byte values (so that prefixes and suffixes often share bytes), the
// empty string and lengths on both sides of each other included.
TEST(Bytes, PrefixSuffixAndEqualityAgreeWithStringView) {
  std::mt19937 rng(4242);
  const std::string alphabet = "a\xea\xb0\x80";
  auto draw = [&] {
    std::string s(rng() % 7, 'a');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int i = 0; i < 100000; ++i) {
    const std::string a = draw();
    const std::string b = draw();
    const std::string_view x(a);
    const std::string_view y(b);
    ASSERT_EQ(bytes::starts_with(x, y), x.starts_with(y)) << a << " / " << b;
    ASSERT_EQ(bytes::ends_with(x, y), x.ends_with(y)) << a << " / " << b;
    ASSERT_EQ(bytes::equal(x, y), x == y) << a << " / " << b;
  }
}

}  // namespace
}  // namespace wiredesk
