// The story view (processors/core/story_view.hpp): after flash → full story
// → (LEAD) → correction → kill, one record per story with what a desk
// dashboard shows; its state survives a round trip through the index topic.
#include "processors/core/story_view.hpp"

#include <gtest/gtest.h>

#include <simdjson.h>

#include "processors/core/pipeline.hpp"
#include "processors/dedup/dedup.hpp"

namespace wiredesk {
namespace {

std::string item(const std::string& uri, const std::string& version, const std::string& when,
                 const std::string& headline, const std::string& body,
                 const std::string& pubstatus = "usable") {
  return R"({"uri": ")" + uri + R"(", "version": ")" + version + R"(", "versioncreated": ")" +
         when + R"(", "pubstatus": ")" + pubstatus +
         R"(", "language": "en", "headlines": [{"role": "main", "value": ")" + headline +
         R"("}], "bodies": [{"role": "main", "contenttype": "text/plain", "value": ")" + body +
         R"("}]})";
}

const char* kBody =
    "SEOUL, Dec. 1 (Yonhap) -- North Korea fired a short-range ballistic missile into the East "
    "Sea on Tuesday, the Joint Chiefs of Staff said, the third launch this month. The missile "
    "flew about 350 kilometers, the JCS said, adding that South Korea and the United States are "
    "analyzing the details.";

struct Rig {
  Rig() {
    PipelineOptions options;
    options.topics.stories = "news.stories";
    options.topics.state = "wiredesk.index";
    view->write_state();
    pipeline = std::make_unique<Pipeline>(
        options, std::vector<std::shared_ptr<Stage>>{std::make_shared<Dedup>(), view}, null_probe(),
        [] { return int64_t{1796245200000}; });
  }
  // The stories record the item produced (empty: none).
  std::string run(const std::string& value, int64_t offset) {
    InputRecord in;
    in.origin = {"wire.items", 0, offset};
    in.value = value;
    std::vector<OutputRecord> out;
    pipeline->process(in, out);
    std::string record;
    for (const auto& r : out) {
      if (r.topic == "news.stories") record = r.value;
      if (r.topic == "wiredesk.index" && story_of_story_view_key(*r.key)) ++state_writes;
    }
    return record;
  }
  std::shared_ptr<StoryView> view = std::make_shared<StoryView>();
  std::unique_ptr<Pipeline> pipeline;
  int state_writes = 0;
};

TEST(StoryView, FlashFullStoryLeadCorrectionKill) {
  Rig rig;
  const std::string flash = "urn:yna:AEN20261201000100315";
  rig.run(item(flash, "1", "2026-12-01T10:00:00+09:00", "(URGENT) N. Korea fires ballistic missile",
               "North Korea fired a ballistic missile into the East Sea, the JCS said."),
          1);
  const std::string story = rig.view->get(flash)->story;
  rig.run(item("urn:yna:AEN20261201000300315", "1", "2026-12-01T10:08:00+09:00",
               "N. Korea fires ballistic missile into East Sea", kBody),
          2);
  rig.run(item("urn:yna:AEN20261201000500315", "1", "2026-12-01T11:00:00+09:00",
               "(LEAD) N. Korea fires ballistic missile into East Sea: JCS",
               std::string(kBody) + " It was the North's first launch since Nov. 3."),
          3);
  // A copy changes nothing a desk sees.
  EXPECT_EQ(rig.run(item("urn:other:copy-1", "1", "2026-12-01T11:05:00+09:00",
                         "(LEAD) N. Korea fires ballistic missile into East Sea: JCS",
                         std::string(kBody) + " It was the North's first launch since Nov. 3."),
                    4),
            "");
  rig.run(item("urn:yna:AEN20261201000500315", "2", "2026-12-01T11:30:00+09:00",
               "(LEAD, ATTN: CORRECTS distance in para 2) N. Korea fires ballistic missile",
               std::string(kBody) + " It was the North's first launch since Nov. 3."),
          5);
  const std::string last = rig.run(
      item("urn:yna:AEN20261201009900315", "1", "2026-12-01T12:00:00+09:00",
           "(KILL) N. Korea missile story",
           "Editors: please kill AEN20261201000500315. It was sent in error."),
      6);
  ASSERT_FALSE(last.empty());
  const auto state = StoryState::from_json(last);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->story, story);
  EXPECT_EQ(state->status, PubStatus::canceled);
  EXPECT_EQ(state->headline, "(KILL) N. Korea missile story");
  EXPECT_EQ(state->versions, 5u);  // flash, full, (LEAD), its correction, the kill
  EXPECT_EQ(state->items.front().first, flash);
  EXPECT_LT(state->first_ms, state->last_ms);

  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(last);
  auto doc = parser.iterate(padded);
  EXPECT_EQ(std::string_view(doc["first_update"].get_string()), "2026-12-01T01:00:00.000Z");
  EXPECT_EQ(std::string_view(doc["last_update"].get_string()), "2026-12-01T03:00:00.000Z");
  size_t uris = 0;
  for (auto u : doc["uris"].get_array()) {
    (void)u;
    ++uris;
  }
  EXPECT_EQ(uris, 4u);  // the (LEAD) and its correction share a uri
  EXPECT_EQ(rig.state_writes, 5);
}

TEST(StoryView, AReplayedRecordIsNotCountedTwiceAndTheStateRoundTrips) {
  Rig rig;
  const std::string a = item("urn:x:1", "1", "2026-12-01T10:00:00+09:00", "Quake strikes Pohang",
                             kBody);
  rig.run(a, 1);
  const std::string again = rig.run(a, 1);
  const auto state = StoryState::from_json(again);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->versions, 1u);

  StoryView other;
  other.apply_remote(*state);
  EXPECT_EQ(other.get("urn:x:1")->to_json(), state->to_json());
  StoryState older = *state;
  older.versions = 0;
  other.apply_remote(older);  // fewer items: the state it has wins
  EXPECT_EQ(other.get("urn:x:1")->versions, 1u);
  other.erase("urn:x:1");
  EXPECT_FALSE(other.get("urn:x:1"));
  EXPECT_FALSE(StoryState::from_json("{\"headline\": 3}"));
  EXPECT_FALSE(StoryState::from_json("not json"));
}

}  // namespace
}  // namespace wiredesk
