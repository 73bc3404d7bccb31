// Owners for what librdkafka hands out raw: topic-partition lists, errors,
// and the C API's handles (configuration, client, queue, admin options,
// events, new-topic arrays). Every librdkafka object wiredesk creates is
// released by one of these, on every path, errors included.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

namespace wiredesk::kafka {

// A list of RdKafka::TopicPartition, destroyed with the list. The C++ API
// fills or takes a std::vector of raw pointers: pass get().
class PartitionList {
 public:
  PartitionList() = default;
  ~PartitionList() { RdKafka::TopicPartition::destroy(parts_); }
  PartitionList(PartitionList&& other) noexcept : parts_(std::exchange(other.parts_, {})) {}
  PartitionList& operator=(PartitionList&& other) noexcept {
    if (this != &other) {
      RdKafka::TopicPartition::destroy(parts_);
      parts_ = std::exchange(other.parts_, {});
    }
    return *this;
  }
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;

  void add(const std::string& topic, int32_t partition,
           int64_t offset = RdKafka::Topic::OFFSET_INVALID) {
    parts_.push_back(RdKafka::TopicPartition::create(topic, partition, offset));
  }
  std::vector<RdKafka::TopicPartition*>& get() { return parts_; }
  size_t size() const { return parts_.size(); }
  bool empty() const { return parts_.empty(); }
  auto begin() const { return parts_.begin(); }
  auto end() const { return parts_.end(); }

 private:
  std::vector<RdKafka::TopicPartition*> parts_;
};

// The consumer's current assignment.
inline PartitionList assignment_of(RdKafka::KafkaConsumer& consumer) {
  PartitionList list;
  consumer.assignment(list.get());
  return list;
}

// An RdKafka::Error returned by the C++ API (null: none).
using Error = std::unique_ptr<RdKafka::Error>;
// Message headers: owned here until produce() takes them (release() then).
using Headers = std::unique_ptr<RdKafka::Headers>;

template <auto Destroy>
struct Destroyer {
  template <class T>
  void operator()(T* p) const {
    if (p) Destroy(p);
  }
};

using Conf = std::unique_ptr<rd_kafka_conf_t, Destroyer<rd_kafka_conf_destroy>>;
using Client = std::unique_ptr<rd_kafka_t, Destroyer<rd_kafka_destroy>>;
using Queue = std::unique_ptr<rd_kafka_queue_t, Destroyer<rd_kafka_queue_destroy>>;
using AdminOptions =
    std::unique_ptr<rd_kafka_AdminOptions_t, Destroyer<rd_kafka_AdminOptions_destroy>>;
using Event = std::unique_ptr<rd_kafka_event_t, Destroyer<rd_kafka_event_destroy>>;

// New-topic specifications for CreateTopics, destroyed together.
class NewTopics {
 public:
  NewTopics() = default;
  ~NewTopics() { rd_kafka_NewTopic_destroy_array(topics_.data(), topics_.size()); }
  NewTopics(const NewTopics&) = delete;
  NewTopics& operator=(const NewTopics&) = delete;

  void add(rd_kafka_NewTopic_t* topic) { topics_.push_back(topic); }
  rd_kafka_NewTopic_t** data() { return topics_.data(); }
  size_t size() const { return topics_.size(); }

 private:
  std::vector<rd_kafka_NewTopic_t*> topics_;
};

}  // namespace wiredesk::kafka
