// IndexTable::restore against librdkafka's in-process mock cluster: topics
// that exist are not created again, and a topic whose metadata still
// carries an error (no leader elected yet) is asked for again until it shows
// its partitions. The mock has no CreateTopics, so a restore that tried to
// create a topic here would fail. Restores of real topics are tested against
// the real broker (tests/integration/dedup_test.cpp).
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>

#include "app/index_table.hpp"

namespace wiredesk {
namespace {

class MockCluster {
 public:
  MockCluster() {
    char err[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", err, sizeof err);
    rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    cluster_ = rd_kafka_handle_mock_cluster(rk_);
    bootstraps_ = rd_kafka_mock_cluster_bootstraps(cluster_);
  }
  ~MockCluster() { rd_kafka_destroy(rk_); }
  MockCluster(const MockCluster&) = delete;
  MockCluster& operator=(const MockCluster&) = delete;
  rd_kafka_mock_cluster_t* get() const { return cluster_; }
  const std::string& bootstraps() const { return bootstraps_; }

 private:
  rd_kafka_t* rk_;
  rd_kafka_mock_cluster_t* cluster_;
  std::string bootstraps_;
};

IndexTableOptions options_for(const MockCluster& cluster) {
  IndexTableOptions o;
  o.topic = "wiredesk.index";
  o.consumer_properties = {{"bootstrap.servers", cluster.bootstraps()}};
  o.admin_properties = {{"bootstrap.servers", cluster.bootstraps()}};
  o.window_ms = 3'600'000;
  return o;
}

TEST(IndexTableMock, ATopicThatExistsIsRestoredWithoutBeingCreated) {
  MockCluster cluster;
  rd_kafka_mock_topic_create(cluster.get(), "wiredesk.index", 2, 1);
  IndexTable table(options_for(cluster), std::make_shared<DedupIndex>(), nullptr, nullptr);
  EXPECT_TRUE(table.restore(15'000));
  EXPECT_TRUE(table.restored());
  table.stop();
}

TEST(IndexTableMock, RestoreWaitsUntilATopicShowsItsPartitions) {
  MockCluster cluster;
  rd_kafka_mock_topic_create(cluster.get(), "wiredesk.index", 1, 1);
  rd_kafka_mock_topic_set_error(cluster.get(), "wiredesk.index",
                                RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE);
  IndexTable table(options_for(cluster), std::make_shared<DedupIndex>(), nullptr, nullptr);
  auto restored = std::async(std::launch::async, [&] { return table.restore(20'000); });
  EXPECT_EQ(restored.wait_for(std::chrono::milliseconds(1500)), std::future_status::timeout)
      << "the restore ended while the topic showed no partitions";
  rd_kafka_mock_topic_set_error(cluster.get(), "wiredesk.index", RD_KAFKA_RESP_ERR_NO_ERROR);
  ASSERT_EQ(restored.wait_for(std::chrono::seconds(15)), std::future_status::ready);
  EXPECT_TRUE(restored.get());
  table.stop();
}

TEST(IndexTableMock, RestoreGivesUpAtItsDeadlineWhenThePartitionsNeverShow) {
  MockCluster cluster;
  rd_kafka_mock_topic_create(cluster.get(), "wiredesk.index", 1, 1);
  rd_kafka_mock_topic_set_error(cluster.get(), "wiredesk.index",
                                RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE);
  IndexTable table(options_for(cluster), std::make_shared<DedupIndex>(), nullptr, nullptr);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(table.restore(2'500));
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2'000));
  EXPECT_FALSE(table.restored());
}

}  // namespace
}  // namespace wiredesk
