#include "processors/dedup/short_words.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wiredesk {
namespace {

TEST(ShortWords, FindsItsWordsByPositionAndNothingElse) {
  const ShortWords words = {"two", "three", "수요일", "sixteen-bytes-ab", "a"};
  EXPECT_EQ(words.index_of("two"), 0);
  EXPECT_EQ(words.index_of("three"), 1);
  EXPECT_EQ(words.index_of("수요일"), 2);
  EXPECT_EQ(words.index_of("sixteen-bytes-ab"), 3);
  EXPECT_EQ(words.index_of("a"), 4);
  for (const std::string& other : std::vector<std::string>{"", "tw", "twoo", "Two", "thre", "수요", "sixteen-bytes-a",
                                  "sixteen-bytes-abc", std::string("two\0", 4), "b"}) {
    EXPECT_EQ(words.index_of(other), -1) << other;
  }
}

// 1,000 words of 1 to 16 bytes (collisions in the table are certain): each
// is found at its position, and 1,000 others are not found at all.
TEST(ShortWords, ManyWordsStayDistinct) {
  std::vector<std::string> in, out;
  for (int i = 0; i < 1000; ++i) {
    in.push_back(std::to_string(i * 7919).substr(0, 1 + i % 16) + std::string(i % 9, 'x'));
    out.push_back("y" + std::to_string(i));
  }
  std::vector<std::string_view> views(in.begin(), in.end());
  const ShortWords words{std::span<const std::string_view>(views)};
  for (size_t i = 0; i < in.size(); ++i) {
    const int at = words.index_of(in[i]);
    ASSERT_GE(at, 0) << in[i];
    EXPECT_EQ(in[static_cast<size_t>(at)], in[i]);  // a repeated word keeps its first position
    EXPECT_LE(static_cast<size_t>(at), i);
  }
  for (const auto& w : out) EXPECT_FALSE(words.contains(w)) << w;
}

TEST(ShortWords, RefusesAWordItCouldNeverMatch) {
  EXPECT_THROW(ShortWords({"seventeen-bytes-x"}), std::invalid_argument);
  EXPECT_THROW(ShortWords({""}), std::invalid_argument);
}

}  // namespace
}  // namespace wiredesk
