#include "consumers/kafka_source.hpp"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "consumers/kafka_record.hpp"
#include "kafka/handles.hpp"
#include "processors/core/pipeline.hpp"

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
  std::vector<PartitionKey> held;  // paused apart from backpressure
  bool closed = false;
  bool fatal = false;
  bool paused = false;

  // Cooperative (incremental) rebalancing, the default: only the partitions
  // that move are revoked or assigned, the others keep flowing. An eager
  // protocol (partition.assignment.strategy range/roundrobin) swaps the
  // whole assignment.
  void rebalance_cb(RdKafka::KafkaConsumer* c, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& parts) override {
    const bool cooperative = c->rebalance_protocol() == "COOPERATIVE";
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      if (cooperative) {
        if (kafka::Error e{c->incremental_assign(parts)}) {
          spdlog::error("incremental assign: {}", e->str());
        }
      } else {
        c->assign(parts);
      }
      {
        std::lock_guard lock(mu);
        if (!cooperative) assignment.clear();
        for (const auto& k : keys_of(parts)) assignment.push_back(k);
      }
      if (paused) c->pause(parts);
      for (auto* tp : parts) {
        const PartitionKey k{tp->topic(), tp->partition()};
        if (std::find(held.begin(), held.end(), k) != held.end()) {
          std::vector<RdKafka::TopicPartition*> one{tp};
          c->pause(one);
        }
      }
      spdlog::info("partitions assigned: {} ({})", parts.size(), cooperative ? "incremental" : "eager");
      std::vector<PartitionKey> all;
      {
        std::lock_guard lock(mu);
        all = assignment;
      }
      if (hooks.assigned) hooks.assigned(all);
    } else {
      spdlog::info("partitions revoked: {}", parts.size());
      if (hooks.revoking) hooks.revoking(keys_of(parts));
      if (cooperative) {
        if (kafka::Error e{c->incremental_unassign(parts)}) {
          spdlog::error("incremental unassign: {}", e->str());
        }
      } else {
        c->unassign();
      }
      std::lock_guard lock(mu);
      if (!cooperative) {
        assignment.clear();
      } else {
        const auto gone = keys_of(parts);
        std::erase_if(assignment, [&](const PartitionKey& k) {
          return std::find(gone.begin(), gone.end(), k) != gone.end();
        });
      }
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
  fill_input_record(*m, record);
  return true;
}

void KafkaSource::pause() {
  if (paused_) return;
  paused_ = impl_->paused = true;
  kafka::PartitionList parts = kafka::assignment_of(*impl_->consumer);
  impl_->consumer->pause(parts.get());
}

void KafkaSource::resume() {
  if (!paused_) return;
  paused_ = impl_->paused = false;
  kafka::PartitionList parts = kafka::assignment_of(*impl_->consumer);
  std::vector<RdKafka::TopicPartition*> free;  // not owned: pointers into `parts`
  for (auto* tp : parts) {
    const PartitionKey k{tp->topic(), tp->partition()};
    if (std::find(impl_->held.begin(), impl_->held.end(), k) == impl_->held.end()) {
      free.push_back(tp);
    }
  }
  impl_->consumer->resume(free);
}

void KafkaSource::hold(const PartitionKey& partition) {
  if (std::find(impl_->held.begin(), impl_->held.end(), partition) != impl_->held.end()) return;
  impl_->held.push_back(partition);
  kafka::PartitionList one;
  one.add(partition.topic, partition.partition);
  impl_->consumer->pause(one.get());
}

void KafkaSource::release(const PartitionKey& partition) {
  const auto it = std::find(impl_->held.begin(), impl_->held.end(), partition);
  if (it == impl_->held.end()) return;
  impl_->held.erase(it);
  if (paused_) return;  // backpressure resumes it with the others
  kafka::PartitionList one;
  one.add(partition.topic, partition.partition);
  impl_->consumer->resume(one.get());
}

bool KafkaSource::commit(const std::vector<CommitPoint>& points, bool sync) {
  if (points.empty()) return true;
  kafka::PartitionList parts;
  for (const auto& c : points) parts.add(c.partition.topic, c.partition.partition, c.offset);
  const auto err =
      sync ? impl_->consumer->commitSync(parts.get()) : impl_->consumer->commitAsync(parts.get());
  bool ok = err == RdKafka::ERR_NO_ERROR;
  if (sync && ok) {
    for (auto* tp : parts) ok = ok && tp->err() == RdKafka::ERR_NO_ERROR;
  }
  if (!ok) spdlog::warn("kafka commit failed: {}", RdKafka::err2str(err));
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
  kafka::PartitionList parts = kafka::assignment_of(*impl_->consumer);
  bool ok = impl_->consumer->committed(parts.get(), timeout_ms) == RdKafka::ERR_NO_ERROR;
  for (auto* tp : parts) {
    if (!ok) break;
    // No committed offset yet: start of the partition, as auto.offset.reset=earliest.
    if (tp->offset() < 0) tp->set_offset(RdKafka::Topic::OFFSET_BEGINNING);
    ok = impl_->consumer->seek(*tp, timeout_ms) == RdKafka::ERR_NO_ERROR;
  }
  if (!ok) spdlog::error("cannot rewind to the committed offsets");
  return ok;
}

}  // namespace wiredesk
