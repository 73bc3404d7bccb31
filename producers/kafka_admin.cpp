#include "producers/kafka_admin.hpp"

#include <librdkafka/rdkafka.h>

#include <memory>

#include "kafka/handles.hpp"
#include "kafka/log.hpp"

namespace wiredesk {

std::vector<std::string> create_topics(const std::map<std::string, std::string>& properties,
                                       const std::vector<TopicSpec>& topics, int timeout_ms) {
  std::vector<std::string> errors;
  char errstr[512];
  kafka::Conf conf(rd_kafka_conf_new());
  rd_kafka_conf_set_log_cb(conf.get(), kafka::c_log_cb);
  for (const auto& [k, v] : properties) {
    if (rd_kafka_conf_set(conf.get(), k.c_str(), v.c_str(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
      return {k + ": " + errstr};
    }
  }
  // rd_kafka_new takes the configuration only when it succeeds.
  kafka::Client rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr));
  if (!rk) return {std::string("admin client: ") + errstr};
  conf.release();
  kafka::NewTopics new_topics;
  for (const auto& t : topics) {
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(t.name.c_str(), t.partitions,
                                                    t.replication_factor, errstr, sizeof errstr);
    if (!nt) {
      errors.push_back(t.name + ": " + errstr);
      continue;
    }
    new_topics.add(nt);
    for (const auto& [k, v] : t.configs) rd_kafka_NewTopic_set_config(nt, k.c_str(), v.c_str());
  }
  kafka::Queue queue(rd_kafka_queue_new(rk.get()));
  kafka::AdminOptions options(rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
  rd_kafka_AdminOptions_set_operation_timeout(options.get(), timeout_ms, errstr, sizeof errstr);
  rd_kafka_AdminOptions_set_request_timeout(options.get(), timeout_ms, errstr, sizeof errstr);
  rd_kafka_CreateTopics(rk.get(), new_topics.data(), new_topics.size(), options.get(), queue.get());

  kafka::Event event(rd_kafka_queue_poll(queue.get(), timeout_ms + 2000));
  if (!event) return {"create topics: no answer from the brokers"};
  if (rd_kafka_event_error(event.get())) {
    errors.push_back(std::string("create topics: ") + rd_kafka_event_error_string(event.get()));
  } else if (const auto* result = rd_kafka_event_CreateTopics_result(event.get())) {
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
  return errors;
}

}  // namespace wiredesk
