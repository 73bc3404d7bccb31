#include "app/wiring.hpp"

#include "app/commands.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <librdkafka/rdkafkacpp.h>

namespace wiredesk {
namespace {

using ::testing::HasSubstr;

TEST(Connection, TheSummaryNamesProtocolMechanismAndUserButNoSecret) {
  Config c;
  EXPECT_EQ(connection_summary(c), "PLAINTEXT");
  c.kafka.common = {{"security.protocol", "sasl_ssl"},
                    {"sasl.mechanisms", "SCRAM-SHA-512"},
                    {"sasl.username", "desk"},
                    {"sasl.password", "hunter2-secret"}};
  const std::string summary = connection_summary(c);
  EXPECT_EQ(summary, "SASL_SSL, SCRAM-SHA-512 as desk");
  EXPECT_THAT(summary, ::testing::Not(HasSubstr("hunter2")));
  c.kafka.common = {{"security.protocol", "SSL"}};
  EXPECT_EQ(connection_summary(c), "SSL");
}

TEST(Connection, ScramWithALibrdkafkaThatKafkaFourRefusesIsWarnedAbout) {
  Config c;
  c.kafka.common = {{"security.protocol", "SASL_SSL"}, {"sasl.mechanism", "scram-sha-256"}};
  const auto warnings = connection_warnings(c);
  if (RdKafka::version() < 0x020601ff) {
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_THAT(warnings[0], HasSubstr("Kafka 4.0"));
  } else {
    EXPECT_TRUE(warnings.empty());
  }
  c.kafka.common["sasl.mechanism"] = "PLAIN";
  EXPECT_TRUE(connection_warnings(c).empty());
}

// The story view is a stage only when its topic is configured: turned off,
// it keeps no state and costs nothing.
TEST(Stages, TheStoryViewRunsOnlyWhenItsTopicIsSet) {
  Config c;
  c.taxonomy = std::string(WIREDESK_SOURCE_DIR) + "/config/taxonomy.yaml";
  c.alerts = std::string(WIREDESK_SOURCE_DIR) + "/config/alerts.yaml";
  const auto on = make_stages(c);
  ASSERT_EQ(on.size(), 4u);
  EXPECT_EQ(on.back()->name(), "story");
  c.output.stories.clear();
  const auto off = make_stages(c);
  ASSERT_EQ(off.size(), 3u);
  EXPECT_EQ(off.back()->name(), "alert");
}

TEST(Replay, TimesAreRfc3339OrADurationAgo) {
  const int64_t now = 1796245200000;  // 2026-12-02T21:00:00Z
  int64_t t = 0;
  ASSERT_TRUE(parse_replay_time("2h", now, t));
  EXPECT_EQ(t, now - 2 * 3600 * 1000);
  ASSERT_TRUE(parse_replay_time("2026-12-02T20:30:00Z", now, t));
  EXPECT_EQ(t, now - 30 * 60 * 1000);
  ASSERT_TRUE(parse_replay_time("2026-12-03T06:00:00+09:00", now, t));
  EXPECT_EQ(t, now);
  EXPECT_FALSE(parse_replay_time("yesterday", now, t));
  EXPECT_FALSE(parse_replay_time("", now, t));
}

}  // namespace
}  // namespace wiredesk
