#include "consumers/kafka_range_source.hpp"

#include <librdkafka/rdkafkacpp.h>

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "consumers/kafka_record.hpp"
#include "kafka/handles.hpp"
#include "kafka/log.hpp"

namespace wiredesk {

struct KafkaRangeSource::Impl {
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
  std::unique_ptr<RdKafka::Message> current;
  // Per partition: the offset to stop before, and the next one to read.
  struct Range {
    int64_t end = 0;
    int64_t next = 0;
    bool done = false;
  };
  std::map<std::pair<std::string, int32_t>, Range> ranges;
  size_t open = 0;  // partitions not yet read to their end
};

KafkaRangeSource::KafkaRangeSource(const std::map<std::string, std::string>& properties,
                                   const std::vector<std::string>& topics, int64_t from_ms,
                                   std::optional<int64_t> to_ms, int timeout_ms)
    : impl_(std::make_unique<Impl>()) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  auto props = properties;
  // assign() only: the group id is never joined and nothing is committed.
  props["group.id"] = "wiredesk-replay";
  props["enable.auto.commit"] = "false";
  props["enable.auto.offset.store"] = "false";
  props.erase("group.instance.id");
  props["enable.partition.eof"] = "true";
  for (const auto& [k, v] : props) {
    if (conf->set(k, v, err) != RdKafka::Conf::CONF_OK) {
      throw std::runtime_error("kafka consumer property " + k + ": " + err);
    }
  }
  if (conf->set("event_cb", static_cast<RdKafka::EventCb*>(&kafka::log_events()), err) !=
      RdKafka::Conf::CONF_OK) {
    throw std::runtime_error("kafka consumer callbacks: " + err);
  }
  impl_->consumer.reset(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!impl_->consumer) throw std::runtime_error("kafka consumer: " + err);

  kafka::PartitionList starts, ends;
  for (const auto& topic : topics) {
    RdKafka::Metadata* md = nullptr;
    std::unique_ptr<RdKafka::Topic> handle(
        RdKafka::Topic::create(impl_->consumer.get(), topic, nullptr, err));
    if (!handle || impl_->consumer->metadata(false, handle.get(), &md, timeout_ms) !=
                       RdKafka::ERR_NO_ERROR) {
      throw std::runtime_error("replay: cannot read the metadata of " + topic);
    }
    std::unique_ptr<RdKafka::Metadata> holder(md);
    for (const auto* t : *md->topics()) {
      if (t->err() != RdKafka::ERR_NO_ERROR) {
        throw std::runtime_error("replay: topic " + topic + ": " + RdKafka::err2str(t->err()));
      }
      for (const auto* p : *t->partitions()) {
        starts.add(topic, p->id(), from_ms);
        ends.add(topic, p->id(), to_ms ? *to_ms : RdKafka::Topic::OFFSET_END);
      }
    }
  }
  if (impl_->consumer->offsetsForTimes(starts.get(), timeout_ms) != RdKafka::ERR_NO_ERROR ||
      (to_ms && impl_->consumer->offsetsForTimes(ends.get(), timeout_ms) != RdKafka::ERR_NO_ERROR)) {
    throw std::runtime_error("replay: cannot find the offsets for the times");
  }
  kafka::PartitionList assignment;
  for (size_t i = 0; i < starts.size(); ++i) {
    RdKafka::TopicPartition* s = starts.get()[i];
    int64_t low = 0, high = 0;
    if (impl_->consumer->query_watermark_offsets(s->topic(), s->partition(), &low, &high,
                                                 timeout_ms) != RdKafka::ERR_NO_ERROR) {
      throw std::runtime_error("replay: cannot read the end offsets of " + s->topic());
    }
    // No record at or after the time: the range is empty (start at the end).
    const int64_t start = s->offset() < 0 ? high : s->offset();
    int64_t end = high;
    if (to_ms) {
      const int64_t e = ends.get()[i]->offset();
      end = e < 0 ? high : std::min(e, high);
    }
    if (end <= start) continue;
    impl_->ranges[{s->topic(), s->partition()}] = {end, start};
    total_ += end - start;
    assignment.add(s->topic(), s->partition(), start);
  }
  impl_->open = impl_->ranges.size();
  if (!assignment.empty() && impl_->consumer->assign(assignment.get()) != RdKafka::ERR_NO_ERROR) {
    throw std::runtime_error("replay: cannot assign the partitions");
  }
}

KafkaRangeSource::~KafkaRangeSource() {
  impl_->current.reset();
  if (impl_->consumer) impl_->consumer->close();
}

bool KafkaRangeSource::exhausted() const { return impl_->open == 0; }

// A partition read to its end: nothing more is wanted from it.
static void close_range(KafkaRangeSource::Impl& impl, const std::string& topic, int32_t partition,
                        KafkaRangeSource::Impl::Range& range) {
  if (range.done) return;
  range.done = true;
  --impl.open;
  kafka::PartitionList one;
  one.add(topic, partition);
  impl.consumer->pause(one.get());
}

bool KafkaRangeSource::poll(InputRecord& record, int timeout_ms) {
  while (impl_->open > 0) {
    impl_->current.reset(impl_->consumer->consume(timeout_ms));
    RdKafka::Message* m = impl_->current.get();
    if (!m || m->err() == RdKafka::ERR__TIMED_OUT || m->err() == RdKafka::ERR__PARTITION_EOF) {
      // The last offsets of a range may hold no record (compacted away, a
      // transaction marker): a partition whose position reached its end is
      // done all the same.
      kafka::PartitionList positions;
      for (const auto& [key, range] : impl_->ranges) {
        if (!range.done) positions.add(key.first, key.second);
      }
      impl_->consumer->position(positions.get());
      for (auto* tp : positions) {
        auto& range = impl_->ranges[{tp->topic(), tp->partition()}];
        if (tp->offset() >= range.end) close_range(*impl_, tp->topic(), tp->partition(), range);
      }
      if (!m || m->err() == RdKafka::ERR__TIMED_OUT) return false;
      continue;
    }
    if (m->err() != RdKafka::ERR_NO_ERROR) {
      spdlog::warn("replay: {}", m->errstr());
      return false;
    }
    auto it = impl_->ranges.find({m->topic_name(), m->partition()});
    if (it == impl_->ranges.end() || it->second.done) continue;
    if (m->offset() >= it->second.end) {
      close_range(*impl_, m->topic_name(), m->partition(), it->second);
      continue;
    }
    it->second.next = m->offset() + 1;
    if (it->second.next >= it->second.end) {
      close_range(*impl_, m->topic_name(), m->partition(), it->second);
    }
    fill_input_record(*m, record);
    ++taken_;
    return true;
  }
  return false;
}

}  // namespace wiredesk
