#include "app/wiring.hpp"

#include "app/commands.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <librdkafka/rdkafkacpp.h>

#include <filesystem>
#include <fstream>

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

// A cgroup directory of its own under the test's temporary directory.
std::filesystem::path cgroup_dir(const std::string& name) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / ("cgroup-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "memory");
  return dir;
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file) << text;
}

TEST(Memory, TheContainerLimitIsReadFromCgroupTwoElseOne) {
  auto dir = cgroup_dir("v2");
  write_file(dir / "memory.max", "1073741824\n");
  write_file(dir / "memory" / "memory.limit_in_bytes", "5\n");  // v2 wins
  EXPECT_EQ(container_memory_limit(dir), uint64_t{1} << 30);
  write_file(dir / "memory.max", "max\n");
  EXPECT_EQ(container_memory_limit(dir), std::nullopt);  // unlimited, even with a v1 file

  dir = cgroup_dir("v1");
  EXPECT_EQ(container_memory_limit(dir), std::nullopt);  // neither file
  write_file(dir / "memory" / "memory.limit_in_bytes", "536870912\n");
  EXPECT_EQ(container_memory_limit(dir), uint64_t{512} << 20);
  // cgroup v1 says "no limit" with 2^63 rounded down to a page.
  write_file(dir / "memory" / "memory.limit_in_bytes", "9223372036854771712\n");
  EXPECT_EQ(container_memory_limit(dir), std::nullopt);
  write_file(dir / "memory" / "memory.limit_in_bytes", "12x\n");
  EXPECT_EQ(container_memory_limit(dir), std::nullopt);
  write_file(dir / "memory" / "memory.limit_in_bytes", "");
  EXPECT_EQ(container_memory_limit(dir), std::nullopt);
}

// The chart's default limit (1Gi) cannot hold an index of 4,000,000 items
// (the app's default cap): the operator is told how many fit.
TEST(Memory, ACapTheLimitCannotHoldIsWarnedAboutWithWhatFits) {
  Config c;
  const uint64_t gib = uint64_t{1} << 30;
  EXPECT_TRUE(memory_warnings(c, std::nullopt).empty());
  c.dedup.max_entries = 4'000'000;
  const auto warnings = memory_warnings(c, gib);
  ASSERT_EQ(warnings.size(), 1u);
  const uint64_t fits = (gib - kServiceBaseBytes) / kBytesPerRememberedItem;
  EXPECT_THAT(warnings[0], HasSubstr("dedup.max_entries 4000000"));
  EXPECT_THAT(warnings[0], HasSubstr("at most " + std::to_string(fits)));
  EXPECT_THAT(warnings[0], HasSubstr("1.1 GB"));  // the limit, as the kernel counts it
  c.dedup.max_entries = fits;
  EXPECT_TRUE(memory_warnings(c, gib).empty());
  c.dedup.max_entries = fits + 1;
  EXPECT_EQ(memory_warnings(c, gib).size(), 1u);
  // The chart's defaults fit each other (helm/wiredesk/values.yaml).
  c.dedup.max_entries = 800'000;
  EXPECT_TRUE(memory_warnings(c, gib).empty());
  // A limit below what wiredesk needs besides the index.
  c.dedup.max_entries = 1000;
  const auto tiny = memory_warnings(c, uint64_t{100} << 20);
  ASSERT_EQ(tiny.size(), 1u);
  EXPECT_THAT(tiny[0], HasSubstr("at most 0"));
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
