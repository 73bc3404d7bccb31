// The embargo store and clock (processors/core/embargo.hpp): release in
// embargo order, no release before the time, a repeat neither releases nor
// duplicates, a kill drops every held version, the topic value round-trips.
#include "processors/core/embargo.hpp"

#include <gtest/gtest.h>

namespace wiredesk {
namespace {

HeldItem held(const std::string& uri, const std::string& version, int64_t release) {
  HeldItem h;
  h.uri = uri;
  h.key = uri + "|" + version;
  h.release_ms = release;
  h.origin = {"wire.items", 2, 41};
  h.records.push_back({"news.items", uri, {{"wiredesk-verdict", "new"}}, R"({"uri":")" + uri + "\"}",
                       ValueKind::json});
  return h;
}

TEST(EmbargoStore, ANewerVersionDropsOnlyTheVersionsBeforeIt) {
  EmbargoStore store;
  store.hold(held("urn:a", "2", 1000));
  store.hold(held("urn:a", "10", 1000));
  store.hold(held("urn:ab", "1", 1000));  // another uri sharing a prefix
  store.hold(held("urn:b", "r1", 1000));
  store.hold(held("urn:b", "r3", 1000));
  // 2 < 9 < 10 as numbers, not as text.
  EXPECT_EQ(store.drop_older("urn:a", "9"), std::vector<std::string>{"urn:a|2"});
  EXPECT_TRUE(store.held("urn:a|10"));
  EXPECT_TRUE(store.held("urn:ab|1"));
  EXPECT_EQ(store.drop_older("urn:b", "r2"), std::vector<std::string>{"urn:b|r1"});  // as text
  EXPECT_TRUE(store.drop_older("urn:a", "10").empty());  // the same version is not older
  EXPECT_EQ(store.size(), 3u);
}

TEST(EmbargoStore, ReleasesInEmbargoOrderAndNeverEarly) {
  EmbargoStore store;
  EXPECT_TRUE(store.hold(held("urn:b", "1", 2000)));
  EXPECT_TRUE(store.hold(held("urn:a", "1", 1000)));
  EXPECT_TRUE(store.hold(held("urn:c", "1", 2000)));
  EXPECT_FALSE(store.hold(held("urn:a", "1", 1000)));  // a repeat is not held twice
  EXPECT_EQ(store.size(), 3u);
  EXPECT_EQ(store.next_release(), 1000);
  EXPECT_TRUE(store.due(999).empty());
  auto first = store.due(1000);  // at the embargo, not after it
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].uri, "urn:a");
  auto rest = store.due(5000);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].uri, "urn:b");  // same embargo: by key
  EXPECT_EQ(rest[1].uri, "urn:c");
  EXPECT_EQ(store.size(), 0u);
  EXPECT_FALSE(store.next_release());
}

TEST(EmbargoStore, AKillDropsEveryHeldVersion) {
  EmbargoStore store;
  store.hold(held("urn:a", "1", 1000));
  store.hold(held("urn:a", "2", 1500));
  store.hold(held("urn:b", "1", 1200));
  const auto dropped = store.drop_uri("urn:a");
  EXPECT_EQ(dropped.size(), 2u);
  EXPECT_EQ(store.size(), 1u);
  EXPECT_TRUE(store.held("urn:b|1"));
  store.erase("urn:b|1");  // a tombstone from the topic
  EXPECT_EQ(store.size(), 0u);
}

TEST(EmbargoClock, EventTimeNeverMovesBack) {
  EmbargoClock clock(EmbargoClock::Kind::event);
  clock.saw_event(5000);
  clock.saw_event(3000);  // an old or late item
  EXPECT_EQ(clock.now(99999), 5000);
  EmbargoClock wall;
  wall.saw_event(5000);
  EXPECT_EQ(wall.now(99999), 99999);
}

TEST(HeldItem, TheTopicValueRoundTrips) {
  const HeldItem h = held("urn:yna:AEN1", "3", 1796245200000);
  const auto back = HeldItem::from_json(h.to_json());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->to_json(), h.to_json());
  EXPECT_EQ(back->origin.to_string(), "wire.items/2/41");
  ASSERT_EQ(back->records.size(), 1u);
  EXPECT_EQ(back->records[0].value, h.records[0].value);
  EXPECT_EQ(back->records[0].headers[0].value, "new");
  EXPECT_FALSE(HeldItem::from_json("{\"key\": \"x\"}"));
  EXPECT_FALSE(HeldItem::from_json("[]"));
}

}  // namespace
}  // namespace wiredesk
