#include "producers/kafka_admin.hpp"

#include <librdkafka/rdkafka.h>

#include <memory>

namespace wiredesk {

std::vector<std::string> create_topics(const std::map<std::string, std::string>& properties,
                                       const std::vector<TopicSpec>& topics, int timeout_ms) {
  std::vector<std::string> errors;
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [k, v] : properties) {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return {k + ": " + errstr};
    }
  }
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> rk(
      rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr), &rd_kafka_destroy);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return {std::string("admin client: ") + errstr};
  }
  std::vector<rd_kafka_NewTopic_t*> new_topics;
  for (const auto& t : topics) {
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(t.name.c_str(), t.partitions,
                                                    t.replication_factor, errstr, sizeof errstr);
    if (!nt) {
      errors.push_back(t.name + ": " + errstr);
      continue;
    }
    for (const auto& [k, v] : t.configs) rd_kafka_NewTopic_set_config(nt, k.c_str(), v.c_str());
    new_topics.push_back(nt);
  }
  std::unique_ptr<rd_kafka_queue_t, decltype(&rd_kafka_queue_destroy)> queue(
      rd_kafka_queue_new(rk.get()), &rd_kafka_queue_destroy);
  rd_kafka_AdminOptions_t* options =
      rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(options, timeout_ms, errstr, sizeof errstr);
  rd_kafka_AdminOptions_set_request_timeout(options, timeout_ms, errstr, sizeof errstr);
  rd_kafka_CreateTopics(rk.get(), new_topics.data(), new_topics.size(), options, queue.get());
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_NewTopic_destroy_array(new_topics.data(), new_topics.size());

  rd_kafka_event_t* event = rd_kafka_queue_poll(queue.get(), timeout_ms + 2000);
  if (!event) return {"create topics: no answer from the brokers"};
  if (rd_kafka_event_error(event)) {
    errors.push_back(std::string("create topics: ") + rd_kafka_event_error_string(event));
  } else if (const auto* result = rd_kafka_event_CreateTopics_result(event)) {
    size_t n = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(result, &n);
    for (size_t i = 0; i < n; ++i) {
      const auto err = rd_kafka_topic_result_error(results[i]);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) continue;
      errors.push_back(std::string(rd_kafka_topic_result_name(results[i])) + ": " +
                       (rd_kafka_topic_result_error_string(results[i])
                            ? rd_kafka_topic_result_error_string(results[i])
                            : rd_kafka_err2str(err)));
    }
  }
  rd_kafka_event_destroy(event);
  return errors;
}

}  // namespace wiredesk
