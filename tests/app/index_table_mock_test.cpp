// IndexTable::restore against librdkafka's in-process mock cluster: topics
// that exist are not created again, and a topic whose metadata still
// carries an error (no leader elected yet) is asked for again until it shows
// its partitions. The mock has no CreateTopics, so a restore that tried to
// create a topic here would fail. Restores of real topics are tested against
// the real broker (tests/integration/dedup_test.cpp).
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>

#include "app/index_table.hpp"
#include "support/mock_cluster.hpp"

namespace wiredesk {
namespace {

using testing::MockCluster;

IndexTableOptions options_for(const MockCluster& cluster) {
  IndexTableOptions o;
  o.topic = "wiredesk.index";
  o.consumer_properties = {{"bootstrap.servers", cluster.bootstraps()}};
  o.admin_properties = {{"bootstrap.servers", cluster.bootstraps()}};
  o.window_ms = 3'600'000;
  return o;
}

// The index topic exists, and its metadata says its partition has no leader.
IndexTable leaderless_index_topic(MockCluster& cluster) {
  cluster.create_topic("wiredesk.index", 1);
  cluster.set_topic_error("wiredesk.index", RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE);
  return IndexTable(options_for(cluster), std::make_shared<DedupIndex>(), nullptr, nullptr);
}

TEST(IndexTableMock, ATopicThatExistsIsRestoredWithoutBeingCreated) {
  MockCluster cluster;
  cluster.create_topic("wiredesk.index", 2);
  IndexTable table(options_for(cluster), std::make_shared<DedupIndex>(), nullptr, nullptr);
  EXPECT_TRUE(table.restore(15'000));
  EXPECT_TRUE(table.restored());
  table.stop();
}

TEST(IndexTableMock, RestoreWaitsUntilATopicShowsItsPartitions) {
  MockCluster cluster;
  IndexTable table = leaderless_index_topic(cluster);
  auto restored = std::async(std::launch::async, [&] { return table.restore(20'000); });
  EXPECT_EQ(restored.wait_for(std::chrono::milliseconds(1500)), std::future_status::timeout)
      << "the restore ended while the topic showed no partitions";
  cluster.set_topic_error("wiredesk.index", RD_KAFKA_RESP_ERR_NO_ERROR);
  ASSERT_EQ(restored.wait_for(std::chrono::seconds(15)), std::future_status::ready);
  EXPECT_TRUE(restored.get());
  table.stop();
}

TEST(IndexTableMock, RestoreGivesUpAtItsDeadlineWhenThePartitionsNeverShow) {
  MockCluster cluster;
  IndexTable table = leaderless_index_topic(cluster);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(table.restore(2'500));
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2'000));
  EXPECT_FALSE(table.restored());
}

}  // namespace
}  // namespace wiredesk
