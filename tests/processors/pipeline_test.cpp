#include "processors/core/pipeline.hpp"

#include <gtest/gtest.h>

#include "processors/dedup/dedup.hpp"
#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

class CountingProbe final : public Probe {
 public:
  void dead_lettered(Reason r) override { ++dead[static_cast<int>(r)]; }
  void verdict(Verdict v) override { ++verdicts[static_cast<int>(v)]; }
  int dead[kReasonCount] = {};
  int verdicts[3] = {};
};

TEST(Pipeline, EveryInputEndsInExactlyOnePlace) {
  CountingProbe probe;
  Pipeline pipeline(PipelineOptions{}, {std::make_shared<Dedup>()}, probe,
                    [] { return int64_t{1796245200000}; });
  std::vector<std::string> inputs = wiredesk::testing::read_lines(
      wiredesk::testing::fixture_path("items.jsonl"));
  for (const auto& f : wiredesk::testing::bad_fixture_files()) {
    inputs.push_back(wiredesk::testing::read_file(f.string()));
  }
  int items = 0, duplicates = 0, dlq = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    InputRecord in;
    in.origin = {"wire.items", 0, static_cast<int64_t>(i)};
    in.value = inputs[i];
    std::vector<OutputRecord> out;
    pipeline.process(in, out);
    int places = 0;
    for (const auto& r : out) {
      EXPECT_EQ(*r.header("wiredesk-origin"), "wire.items/0/" + std::to_string(i));
      if (r.topic == "news.items") ++items, ++places;
      if (r.topic == "news.duplicates") ++duplicates, ++places;
      if (r.topic == "news.dlq") ++dlq, ++places;
    }
    EXPECT_EQ(places, 1) << "input " << i;
  }
  EXPECT_EQ(items + duplicates, 34);
  EXPECT_EQ(dlq, 12);
  EXPECT_EQ(probe.verdicts[0] + probe.verdicts[1] + probe.verdicts[2], 34);
}

// A stage that fails on one item (a bug, a Hyperscan scan error) costs that
// item a dead letter with reason internal_error, never the process.
class FailingStage final : public Stage {
 public:
  std::string_view name() const override { return "boom"; }
  StageStatus process(ItemContext& ctx) override {
    if (ctx.item.uri == "urn:x:2") throw std::runtime_error("scan failed");
    if (ctx.item.uri == "urn:x:3") return StageStatus::failed(Reason::internal_error, "cannot judge");
    return StageStatus::next();
  }
};

// A stage that throws, or says an item failed, makes the item a dead letter
// with the stage's name and reason; the items after it go on.
TEST(Pipeline, AStageThatThrowsOrFailsDeadLettersTheItemAndGoesOn) {
  CountingProbe probe;
  Pipeline pipeline(PipelineOptions{}, {std::make_shared<FailingStage>()}, probe);
  const std::string good = R"({"uri":"urn:x:1","headline":"A"})";
  const std::string bad = R"({"uri":"urn:x:2","headline":"B"})";
  const std::string failed = R"({"uri":"urn:x:3","headline":"C"})";
  for (const std::string* value : {&good, &bad, &good, &failed}) {
    InputRecord in;
    in.origin = {"wire.items", 0, 7};
    in.value = *value;
    std::vector<OutputRecord> out;
    const auto summary = pipeline.process(in, out);
    ASSERT_EQ(out.size(), 1u);
    if (value == &bad) {
      EXPECT_FALSE(summary.accepted);
      EXPECT_EQ(out[0].topic, "news.dlq");
      EXPECT_EQ(*out[0].header("wiredesk-error"), "internal_error");
      EXPECT_EQ(*out[0].header("wiredesk-error-detail"), "boom: scan failed");
      EXPECT_EQ(out[0].value, bad);  // the input, unchanged
    } else if (value == &failed) {
      EXPECT_FALSE(summary.accepted);
      EXPECT_EQ(out[0].topic, "news.dlq");
      EXPECT_EQ(*out[0].header("wiredesk-error-detail"), "boom: cannot judge");
    } else {
      EXPECT_EQ(out[0].topic, "news.items");
    }
  }
  EXPECT_EQ(probe.dead[static_cast<int>(Reason::internal_error)], 2);
}

}  // namespace
}  // namespace wiredesk
