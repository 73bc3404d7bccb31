// Malformed input never crashes the decoder: random mutations of every
// fixture (bit flips, truncations, insertions of JSON punctuation, deep
// nesting, stray bytes) must each end in an accepted item or a dead-letter
// reason, and an accepted item must have what design §2 requires.
#include <gtest/gtest.h>

#include <random>

#include "processors/decode.hpp"
#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

std::string mutate(std::string s, std::mt19937& rng) {
  static const std::string kPunct = "{}[]\",:\\ \t\n0123456789eE.-+tfnul\x00\xff\xc3\xa9\xed\xa0";
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const size_t at = rng() % s.size();
    switch (rng() % 6) {
      case 0: s[at] = static_cast<char>(s[at] ^ (1 << (rng() % 8))); break;
      case 1: s.resize(at); break;
      case 2: s.insert(at, 1, kPunct[rng() % kPunct.size()]); break;
      case 3: s.erase(at, 1 + rng() % 16); break;
      case 4: s.insert(at, std::string(1 + rng() % 200, rng() % 2 ? '[' : '{')); break;
      case 5: s.insert(at, "\\u" + std::to_string(rng() % 10000)); break;
    }
  }
  return s;
}

TEST(DecodeMutation, RandomlyBrokenMessagesAreAcceptedOrDeadLetteredNeverCrash) {
  std::vector<std::string> seeds =
      wiredesk::testing::read_lines(wiredesk::testing::fixture_path("items.jsonl"));
  for (const auto& f : wiredesk::testing::bad_fixture_files()) {
    seeds.push_back(wiredesk::testing::read_file(f.string()));
  }
  Decoder decoder{DecodeOptions{}};
  std::mt19937 rng(20261127);
  int accepted = 0, rejected = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string input = mutate(seeds[rng() % seeds.size()], rng);
    auto r = decoder.decode(input);
    if (r.ok()) {
      ++accepted;
      ASSERT_FALSE(r.item().uri.empty()) << input;
      ASSERT_FALSE(r.item().headline().empty() && r.item().body_text().empty()) << input;
    } else {
      ++rejected;
      ASSERT_LT(static_cast<int>(r.error().reason), kReasonCount);
    }
  }
  // Both outcomes occur: the mutations are neither all harmless nor all fatal.
  EXPECT_GT(accepted, 100);
  EXPECT_GT(rejected, 100);
}

}  // namespace
}  // namespace wiredesk
