#include "consumers/kafka_source.hpp"

#include <librdkafka/rdkafkacpp.h>

#include <mutex>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "processors/pipeline.hpp"

namespace wiredesk {

namespace {

std::vector<PartitionKey> keys_of(const std::vector<RdKafka::TopicPartition*>& parts) {
  std::vector<PartitionKey> keys;
  keys.reserve(parts.size());
  for (auto* tp : parts) keys.push_back({tp->topic(), tp->partition()});
  return keys;
}

}  // namespace

struct KafkaSource::Impl : public RdKafka::RebalanceCb, public RdKafka::EventCb {
  KafkaSourceHooks hooks;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
  std::unique_ptr<RdKafka::Message> current;
  std::unique_ptr<RdKafka::ConsumerGroupMetadata> metadata;
  mutable std::mutex mu;
  std::vector<PartitionKey> assignment;
  bool closed = false;
  bool fatal = false;
  bool paused = false;

  void rebalance_cb(RdKafka::KafkaConsumer* c, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& parts) override {
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      c->assign(parts);
      {
        std::lock_guard lock(mu);
        assignment = keys_of(parts);
      }
      if (paused) c->pause(parts);
      spdlog::info("partitions assigned: {}", parts.size());
      if (hooks.assigned) hooks.assigned(keys_of(parts));
    } else {
      spdlog::info("partitions revoked: {}", parts.size());
      if (hooks.revoking) hooks.revoking(keys_of(parts));
      c->unassign();
      std::lock_guard lock(mu);
      assignment.clear();
    }
  }

  void event_cb(RdKafka::Event& event) override {
    switch (event.type()) {
      case RdKafka::Event::EVENT_STATS:
        if (hooks.statistics) hooks.statistics(event.str());
        break;
      case RdKafka::Event::EVENT_ERROR:
        if (event.fatal()) {
          fatal = true;
          spdlog::critical("kafka consumer fatal error: {}", event.str());
        } else {
          spdlog::warn("kafka consumer: {} ({})", event.str(), RdKafka::err2str(event.err()));
        }
        break;
      case RdKafka::Event::EVENT_LOG:
        if (event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING) {
          spdlog::warn("librdkafka consumer: {}: {}", event.fac(), event.str());
        }
        break;
      default:
        break;
    }
  }
};

KafkaSource::KafkaSource(const std::map<std::string, std::string>& properties,
                         const std::vector<std::string>& topics, KafkaSourceHooks hooks)
    : impl_(std::make_unique<Impl>()) {
  impl_->hooks = std::move(hooks);
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  for (const auto& [k, v] : properties) {
    if (conf->set(k, v, err) != RdKafka::Conf::CONF_OK) {
      throw std::runtime_error("kafka consumer property " + k + ": " + err);
    }
  }
  if (conf->set("rebalance_cb", static_cast<RdKafka::RebalanceCb*>(impl_.get()), err) !=
          RdKafka::Conf::CONF_OK ||
      conf->set("event_cb", static_cast<RdKafka::EventCb*>(impl_.get()), err) !=
          RdKafka::Conf::CONF_OK) {
    throw std::runtime_error("kafka consumer callbacks: " + err);
  }
  impl_->consumer.reset(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!impl_->consumer) throw std::runtime_error("kafka consumer: " + err);
  const auto code = impl_->consumer->subscribe(topics);
  if (code != RdKafka::ERR_NO_ERROR) {
    throw std::runtime_error("kafka subscribe: " + RdKafka::err2str(code));
  }
}

KafkaSource::~KafkaSource() { close(); }

bool KafkaSource::poll(InputRecord& record, int timeout_ms) {
  impl_->current.reset(impl_->consumer->consume(timeout_ms));
  RdKafka::Message* m = impl_->current.get();
  if (!m) return false;
  switch (m->err()) {
    case RdKafka::ERR_NO_ERROR:
      break;
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR__PARTITION_EOF:
      return false;
    default:
      spdlog::warn("kafka consume: {}", m->errstr());
      return false;
  }
  record.origin = Origin{m->topic_name(), m->partition(), m->offset()};
  if (const std::string* key = m->key()) {
    record.key = *key;
  } else {
    record.key.reset();
  }
  record.value = std::string_view(static_cast<const char*>(m->payload()), m->len());
  record.received_ms = now_ms();
  return true;
}

void KafkaSource::pause() {
  if (paused_) return;
  paused_ = impl_->paused = true;
  std::vector<RdKafka::TopicPartition*> parts;
  impl_->consumer->assignment(parts);
  impl_->consumer->pause(parts);
  RdKafka::TopicPartition::destroy(parts);
}

void KafkaSource::resume() {
  if (!paused_) return;
  paused_ = impl_->paused = false;
  std::vector<RdKafka::TopicPartition*> parts;
  impl_->consumer->assignment(parts);
  impl_->consumer->resume(parts);
  RdKafka::TopicPartition::destroy(parts);
}

bool KafkaSource::commit(const std::vector<CommitPoint>& points, bool sync) {
  if (points.empty()) return true;
  std::vector<RdKafka::TopicPartition*> parts;
  parts.reserve(points.size());
  for (const auto& c : points) {
    parts.push_back(RdKafka::TopicPartition::create(c.partition.topic, c.partition.partition, c.offset));
  }
  const auto err = sync ? impl_->consumer->commitSync(parts) : impl_->consumer->commitAsync(parts);
  bool ok = err == RdKafka::ERR_NO_ERROR;
  if (sync && ok) {
    for (auto* tp : parts) ok = ok && tp->err() == RdKafka::ERR_NO_ERROR;
  }
  if (!ok) spdlog::warn("kafka commit failed: {}", RdKafka::err2str(err));
  RdKafka::TopicPartition::destroy(parts);
  return ok;
}

std::vector<PartitionKey> KafkaSource::assignment() const {
  std::lock_guard lock(impl_->mu);
  return impl_->assignment;
}

void KafkaSource::close() {
  if (!impl_ || impl_->closed) return;
  impl_->closed = true;
  impl_->current.reset();
  impl_->consumer->close();
}

bool KafkaSource::failed() const { return impl_->fatal; }

RdKafka::ConsumerGroupMetadata* KafkaSource::group_metadata() {
  impl_->metadata.reset(impl_->consumer->groupMetadata());
  return impl_->metadata.get();
}

bool KafkaSource::seek_to_committed(int timeout_ms) {
  impl_->current.reset();
  std::vector<RdKafka::TopicPartition*> parts;
  impl_->consumer->assignment(parts);
  bool ok = impl_->consumer->committed(parts, timeout_ms) == RdKafka::ERR_NO_ERROR;
  for (auto* tp : parts) {
    if (!ok) break;
    // No committed offset yet: start of the partition, as auto.offset.reset=earliest.
    if (tp->offset() < 0) tp->set_offset(RdKafka::Topic::OFFSET_BEGINNING);
    ok = impl_->consumer->seek(*tp, timeout_ms) == RdKafka::ERR_NO_ERROR;
  }
  RdKafka::TopicPartition::destroy(parts);
  if (!ok) spdlog::error("cannot rewind to the committed offsets");
  return ok;
}

}  // namespace wiredesk
