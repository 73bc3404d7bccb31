// Malformed input never crashes the decoder: random mutations of every
// fixture (bit flips, truncations, insertions of JSON punctuation, deep
// nesting, stray bytes, members given twice) must each end in an accepted
// item or a dead-letter reason, an accepted item must have what design §2
// requires, and every output record of the whole pipeline must be valid
// JSON (RFC 8259, parsed strictly) with each member named once.
#include <gtest/gtest.h>

#include <simdjson.h>

#include <random>
#include <set>

#include "processors/decode/decode.hpp"
#include "processors/dedup/dedup.hpp"
#include "processors/core/pipeline.hpp"
#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

// Built with its length: the table holds a NUL byte, which a C string would
// end at (and so never insert what follows it).
constexpr char kPunctBytes[] = "{}[]\",:\\ \t\n0123456789eE.-+tfnul\x00\xff\xc3\xa9\xed\xa0";
const std::string kPunct(kPunctBytes, sizeof kPunctBytes - 1);

// Members the encoder writes into or appends to: given twice, or with a
// value of another type, they must still come out as valid JSON.
const char* const kMembers[] = {
    "\"subjects\":[{\"name\":\"x\"}],", "\"bodies\":[{\"value\":\"b\"}],",
    "\"headlines\":[{\"value\":\"h\"}],", "\"places\":-1,", "\"people\":{\"a\":[1]},",
    "\"organisations\":\"x\",", "\"wiredesk\":{\"verdict\":\"forged\"},",
    "\"places\":[1,null],", "\"x-trace\":[[[]]],", "\"uri\":\"urn:twice\","};

std::string mutate(std::string s, std::mt19937& rng) {
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const size_t at = rng() % s.size();
    switch (rng() % 7) {
      case 0: s[at] = static_cast<char>(s[at] ^ (1 << (rng() % 8))); break;
      case 1: s.resize(at); break;
      case 2: s.insert(at, 1, kPunct[rng() % kPunct.size()]); break;
      case 3: s.erase(at, 1 + rng() % 16); break;
      case 4: s.insert(at, std::string(1 + rng() % 200, rng() % 2 ? '[' : '{')); break;
      case 5: s.insert(at, "\\u" + std::to_string(rng() % 10000)); break;
      case 6:  // a member after the opening brace (the object stays valid)
        if (s.front() == '{') s.insert(1, kMembers[rng() % std::size(kMembers)]);
        break;
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
  Pipeline pipeline(PipelineOptions{}, {std::make_shared<Dedup>()}, null_probe(),
                    [] { return int64_t{1796245200000}; });
  simdjson::dom::parser strict;
  std::mt19937 rng(20261127);
  int accepted = 0, rejected = 0, records = 0;
  std::set<int> kinds;
  for (int i = 0; i < 20000; ++i) {
    const std::string input = mutate(seeds[rng() % seeds.size()], rng);
    for (const char c : input) {
      if (c == '\0') kinds.insert(0);
    }
    // The whole pipeline: every record it writes parses, members once.
    InputRecord in;
    in.origin = {"wire.items", 0, i};
    in.value = input;
    std::vector<OutputRecord> out;
    pipeline.process(in, out);
    for (const auto& rec : out) {
      if (rec.kind != ValueKind::json) continue;
      ++records;
      simdjson::dom::element doc;
      ASSERT_EQ(strict.parse(rec.value).get(doc), simdjson::SUCCESS)
          << "invalid JSON out of:\n" << input << "\nout:\n" << rec.value;
      std::set<std::string_view> names;
      for (auto field : doc.get_object()) {
        ASSERT_TRUE(names.insert(field.key).second)
            << "member " << field.key << " twice in:\n" << rec.value;
      }
    }
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
  EXPECT_GT(records, 1000);
  EXPECT_TRUE(kinds.count(0)) << "no mutation inserted a NUL byte";
}

}  // namespace
}  // namespace wiredesk
