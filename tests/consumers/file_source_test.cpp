#include "consumers/file_source.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

TEST(JsonLinesSource, OneRecordPerLineWithLineOffsetsSkippingEmptyLines) {
  std::istringstream in("{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}");
  JsonLinesSource source(in, "wire.items");
  InputRecord r;
  std::string storage;
  std::vector<std::string> values;
  std::vector<int64_t> offsets;
  while (source.next(r, storage)) {
    values.emplace_back(r.value);
    offsets.push_back(r.origin.offset);
    EXPECT_EQ(r.origin.topic, "wire.items");
  }
  EXPECT_EQ(values, (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}\r", "{\"c\":3}"}));
  EXPECT_EQ(offsets, (std::vector<int64_t>{0, 2, 3}));
}

TEST(DirectorySource, EveryFileIsOneMessageInNameOrder) {
  DirectorySource source(wiredesk::testing::fixture_path("bad"), "t");
  ASSERT_EQ(source.files().size(), 12u);
  InputRecord r;
  std::string storage;
  ASSERT_TRUE(source.next(r, storage));
  EXPECT_EQ(*r.key, "bad_field_type-1.json");
  EXPECT_EQ(storage, wiredesk::testing::read_file(wiredesk::testing::fixture_path("bad/bad_field_type-1.json")));
  int n = 1;
  while (source.next(r, storage)) ++n;
  EXPECT_EQ(n, 12);
}

TEST(OpenFileSource, MissingFileThrows) {
  EXPECT_THROW(open_file_source("/nonexistent.jsonl", "t"), std::runtime_error);
}

}  // namespace
}  // namespace wiredesk
