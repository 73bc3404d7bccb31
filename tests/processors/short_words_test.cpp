#include "processors/dedup/short_words.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
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

TEST(ShortWords, ManyWordsStayDistinct) {
  std::vector<std::string> storage;
  for (int i = 0; i < 500; ++i) storage.push_back("w" + std::to_string(i * 7919));
  // The constructor takes a list; build one of views over the strings.
  const ShortWords words = {storage[0], storage[1], storage[2], storage[3], storage[499]};
  EXPECT_EQ(words.index_of(storage[499]), 4);
  for (int i = 4; i < 499; ++i) EXPECT_FALSE(words.contains(storage[i])) << storage[i];
}

TEST(ShortWords, RefusesAWordItCouldNeverMatch) {
  EXPECT_THROW(ShortWords({"seventeen-bytes-x"}), std::invalid_argument);
  EXPECT_THROW(ShortWords({""}), std::invalid_argument);
}

}  // namespace
}  // namespace wiredesk
