// librdkafka's in-process mock cluster, one broker, for fast unit tests of
// Kafka code without a real broker. It has no CreateTopics: tests create
// their topics with create_topic().
#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <string>

namespace wiredesk::testing {

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

  void create_topic(const std::string& name, int partitions) {
    rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, 1);
  }
  // The error a topic's metadata carries (RD_KAFKA_RESP_ERR_NO_ERROR clears it).
  void set_topic_error(const std::string& name, rd_kafka_resp_err_t err) {
    rd_kafka_mock_topic_set_error(cluster_, name.c_str(), err);
  }
  const std::string& bootstraps() const { return bootstraps_; }

 private:
  rd_kafka_t* rk_;
  rd_kafka_mock_cluster_t* cluster_;
  std::string bootstraps_;
};

}  // namespace wiredesk::testing
