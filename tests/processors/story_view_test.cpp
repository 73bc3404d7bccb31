// The story view (processors/core/story_view.hpp): after flash → full story
// → (LEAD) → correction → kill, one record per story with what a desk
// dashboard shows; its state survives a round trip through the index topic.
#include "processors/core/story_view.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include <simdjson.h>

#include "processors/core/pipeline.hpp"
#include "processors/decode/json_writer.hpp"
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

// The view keeps each story packed between its updates and unpacks it into
// one reused buffer: whatever order stories come in, each record is its own
// story's items, latest headline and topics, never what the story before
// it left there. Checked against a plain model over interleaved updates of
// 40 stories, some past the 64 items a story keeps.
TEST(StoryView, InterleavedStoriesKeepTheirOwnState) {
  StoryView view(int64_t{1000} * 3600 * 1000);
  std::map<std::string, StoryState> model;
  std::mt19937 rng(7);
  const int64_t start = 1796245200000;
  for (int i = 0; i < 3000; ++i) {
    ItemContext ctx;
    const int n = static_cast<int>(rng() % 40);
    const std::string story = "urn:story:" + std::to_string(n) + std::string(n % 3 * 20, 'x');
    ctx.story = n % 5 == 0 ? "" : story;  // empty: the item is its story's first
    ctx.item.uri = n % 5 == 0 ? story : "urn:item:" + std::to_string(i % 997);
    ctx.item.version = std::to_string(rng() % 3);
    // Some items come late: they count, but do not take the headline over.
    const int64_t event = start + int64_t{i} * 60000 - (rng() % 4 == 0 ? 3600000 : 0);
    ctx.item.versioncreated = json::format_time_ms(event);
    ctx.item.headlines.push_back({"main", "", "Headline " + std::to_string(i) +
                                                  std::string(rng() % 90, 'h'), {}});
    ctx.item.pubstatus = rng() % 7 == 0 ? PubStatus::withheld : PubStatus::usable;
    for (unsigned t = rng() % 6; t > 0; --t) {
      ctx.topics.push_back({"topic-" + std::to_string(rng() % 30), "", "", "", 50});
    }
    ASSERT_TRUE(view.process(ctx).ok);

    StoryState& m = model[story];
    const bool known = std::any_of(m.items.begin(), m.items.end(), [&](const auto& it) {
      return it.first == ctx.item.uri && it.second == ctx.item.version;
    });
    if (m.story.empty()) {
      m.story = story;
      m.first_ms = event;
    }
    if (!known) {
      ++m.versions;
      m.items.emplace_back(ctx.item.uri, ctx.item.version);
      if (m.items.size() > StoryState::kMaxItems) m.items.erase(m.items.begin() + 1);
    }
    if (event >= m.last_ms) {
      m.last_ms = event;
      m.headline = std::string(ctx.item.headline());
      m.status = ctx.item.pubstatus;
      m.topics.clear();
      for (const auto& t : ctx.topics) m.topics.push_back(t.id);
    }
    m.first_ms = std::min(m.first_ms, event);
    ASSERT_EQ(ctx.story_view, m.to_json()) << "update " << i;
  }
  ASSERT_EQ(view.size(), model.size());
  size_t full = 0;
  for (const auto& [story, m] : model) {
    EXPECT_EQ(view.get(story)->to_json(), m.to_json());
    full += m.items.size() == StoryState::kMaxItems ? 1 : 0;
  }
  EXPECT_GT(full, 0u);  // some stories went past what a story keeps
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

// The stories live in an open-addressing table: adds, updates and removals
// in a random order, against a map, with the table growing and shrinking
// around a few hundred stories (removals shift entries back, across the end
// of the table too).
TEST(StoryView, StoriesAreFoundAfterEveryMixOfAddsUpdatesAndRemovals) {
  // 600 live ids at most: the table grows to hundreds of slots. Then at
  // most 12 live of 10,000 ids: it stays at 16 slots, where runs of entries
  // cross its end all the time.
  for (const size_t live : {size_t{600}, size_t{12}}) {
    const uint32_t ids = live < 100 ? 10'000 : 600;
    StoryView view;
    std::map<std::string, uint32_t> model;  // story → versions
    std::vector<std::string> removed;       // looked up again: must be gone
    std::mt19937 rng(7);
    auto check = [&](const std::string& story) {
      const auto got = view.get(story);
      const auto want = model.find(story);
      ASSERT_EQ(got.has_value(), want != model.end()) << story;
      if (got) {
        EXPECT_EQ(got->story, story);
        EXPECT_EQ(got->versions, want->second) << story;
        EXPECT_EQ(got->headline, "headline of " + story);
      }
    };
    auto check_all = [&] {
      ASSERT_EQ(view.size(), model.size());
      for (const auto& [story, versions] : model) check(story);
      for (const auto& story : removed) check(story);
    };
    for (int round = 0; round < 40; ++round) {
      removed.clear();
      for (int op = 0; op < 400; ++op) {
        std::string story = "urn:t:" + std::to_string(rng() % ids);
        // Removals win more often in the second half of each round (the
        // table fills and empties), and always once `live` are there.
        bool remove = rng() % 100 < (op < 200 ? 20u : 70u);
        if (model.size() >= live) {
          remove = true;
          story = std::next(model.begin(), static_cast<long>(rng() % model.size()))->first;
        }
        if (remove) {
          view.erase(story);
          model.erase(story);
          removed.push_back(story);
        } else {
          StoryState state;
          state.story = story;
          state.headline = "headline of " + story;
          state.versions = model.contains(story) ? model[story] + 1 : 1;
          state.items = {{story, std::to_string(state.versions)}};
          view.apply_remote(state);
          model[story] = state.versions;
        }
        if (live < 100) check_all();
      }
      check_all();
    }
  }
}

// The window sweep takes out the stories that have not been updated for the
// window (one tombstone each in the index topic) and nothing newer.
TEST(StoryView, TheSweepForgetsStoriesOlderThanTheWindowAndKeepsTheRest) {
  PipelineOptions options;
  options.topics.stories = "news.stories";
  options.topics.state = "wiredesk.index";
  auto view = std::make_shared<StoryView>(10 * 60 * 1000);  // 10 minutes
  view->write_state();
  Pipeline pipeline(options, std::vector<std::shared_ptr<Stage>>{view}, null_probe(),
                    [] { return int64_t{1796245200000}; });
  int tombstones = 0;
  constexpr int kStories = 1200;  // one a minute
  for (int i = 0; i < kStories; ++i) {
    char when[32];
    std::snprintf(when, sizeof when, "2026-12-01T%02d:%02d:00Z", i / 60, i % 60);
    const std::string value =
        item("urn:s:" + std::to_string(i), "1", when, "Story " + std::to_string(i), kBody);
    InputRecord in;  // its value is a view
    in.origin = {"wire.items", 0, i};
    in.value = value;
    std::vector<OutputRecord> out;
    pipeline.process(in, out);
    for (const auto& r : out) {
      if (r.topic == "wiredesk.index" && story_of_story_view_key(*r.key) &&
          r.kind == ValueKind::tombstone) {
        ++tombstones;
      }
    }
  }
  size_t present = 0;
  for (int i = 0; i < kStories; ++i) {
    const auto state = view->get("urn:s:" + std::to_string(i));
    if (state) {
      ++present;
      EXPECT_EQ(state->headline, "Story " + std::to_string(i));
    }
    // Inside the window of the newest item: kept.
    if (i >= kStories - 10) {
      EXPECT_TRUE(state) << i;
    }
    // Far behind it: a sweep has run since (at most every few hundred updates).
    if (i < kStories - 300) {
      EXPECT_FALSE(state) << i;
    }
  }
  EXPECT_EQ(present, view->size());
  EXPECT_EQ(tombstones, kStories - static_cast<int>(present));
}

}  // namespace
}  // namespace wiredesk
