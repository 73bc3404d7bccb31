// IndexTable::restore against librdkafka's in-process mock cluster: topics
// that exist are not created again, and a topic whose metadata still
// carries an error (no leader elected yet) is asked for again until it shows
// its partitions. The mock has no CreateTopics, so a restore that tried to
// create a topic here would fail. Restores of real topics are tested against
// the real broker (tests/integration/dedup_test.cpp). The follower skips the
// records this process wrote itself (header::writer).
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "app/index_table.hpp"
#include "processors/core/encode.hpp"
#include "producers/kafka_sink.hpp"
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

// State records as the service writes them: an index entry of `uri`, with
// `writer` in its header::writer.
std::vector<OutputRecord> state_records(const std::string& uri, const std::string& writer) {
  IndexEntry entry;
  entry.uri = uri;
  entry.version = "1";
  entry.story = uri;
  entry.event_ms = 1'796'000'000'000;
  entry.content_hash = std::hash<std::string>{}(uri);
  OutputTopics topics;
  topics.state = "wiredesk.index";
  topics.writer = writer;
  std::vector<StateWrite> writes{{entry.key(), serialize(entry), false}};
  std::vector<OutputRecord> out;
  Encoder(topics).encode_state(writes, out);
  return out;
}

TEST(IndexTableMock, TheFollowerSkipsWhatThisProcessWroteAndAppliesTheRest) {
  MockCluster cluster;
  cluster.create_topic("wiredesk.index", 1);
  IndexTableOptions options = options_for(cluster);
  options.writer = "writer-here";
  auto index = std::make_shared<DedupIndex>();
  IndexTable table(options, index, nullptr, nullptr);
  ASSERT_TRUE(table.restore(15'000));
  table.start_following();

  // Ours first, then another replica's, in one partition: once the other
  // one is in, ours has been read.
  std::vector<OutputRecord> records = state_records("urn:test:ours", "writer-here");
  ASSERT_EQ(records.size(), 1u);
  ASSERT_NE(records[0].header(header::writer), nullptr);
  for (auto& r : state_records("urn:test:theirs", "writer-elsewhere")) records.push_back(r);
  KafkaSink sink({{"bootstrap.servers", cluster.bootstraps()}}, {});
  for (size_t i = 0; i < records.size(); ++i) ASSERT_TRUE(sink.produce(records[i], i));
  ASSERT_TRUE(sink.flush(10'000));

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!index->get("urn:test:theirs", "1") && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(index->get("urn:test:theirs", "1")) << "another replica's entry was not applied";
  EXPECT_FALSE(index->get("urn:test:ours", "1")) << "the follower applied this process's own write";
  table.stop();
}

}  // namespace
}  // namespace wiredesk
