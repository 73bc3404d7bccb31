#include "consumers/kafka_source.hpp"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "consumers/event_order.hpp"
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

bool contains(const std::vector<PartitionKey>& keys, const PartitionKey& k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

using Clock = std::chrono::steady_clock;

// A message waiting in the timestamp order, and when it arrived.
struct Arrived {
  std::unique_ptr<RdKafka::Message> message;
  int64_t received_ms = 0;
};

}  // namespace

struct KafkaSource::Impl : public RdKafka::RebalanceCb, public RdKafka::EventCb {
  KafkaSourceHooks hooks;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
  std::unique_ptr<RdKafka::Message> current;
  std::unique_ptr<RdKafka::ConsumerGroupMetadata> metadata;
  mutable std::mutex mu;
  std::vector<PartitionKey> assignment;
  std::vector<PartitionKey> held;  // paused apart from backpressure
  // Timestamp order across partitions (null when off); the partitions paused
  // because their buffer there is full; the next offset of each partition
  // when known (after a record or a rewind), to compare with its high
  // watermark.
  std::unique_ptr<EventOrder<Arrived>> order;
  std::vector<PartitionKey> capped;
  std::map<PartitionKey, int64_t> next_offset;
  // What the order did, logged when the source closes.
  uint64_t ordered = 0, caps = 0, waits = 0;
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
        if (order) {
          order->add(k, Clock::now());
          order->hold(k, contains(held, k), Clock::now());
        }
        if (contains(held, k)) {
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
      // Buffered records of these partitions were never handed out, so never
      // committed: their next owner reads them.
      for (const auto& k : keys_of(parts)) {
        if (order) order->remove(k);
        std::erase(capped, k);
        next_offset.erase(k);
      }
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
                         const std::vector<std::string>& topics, KafkaSourceHooks hooks,
                         KafkaSourceOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->hooks = std::move(hooks);
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  auto props = properties;
  if (options.order_wait.count() > 0) {
    impl_->order = std::make_unique<EventOrder<Arrived>>(options.order_wait,
                                                         std::max<size_t>(options.order_capacity, 1));
    // A partition's end is where the order stops waiting for it.
    props["enable.partition.eof"] = "true";
  }
  for (const auto& [k, v] : props) {
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
  if (impl_->order) return poll_in_order(record, timeout_ms);
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

// Takes messages into the order until its next record may go, or timeout.
// Messages that are already there are taken whatever the timeout: a poll
// that returned nothing while its record waited in librdkafka's queue would
// stall the engine (it then waits for its workers). Nothing is handed out
// while everything is paused (as librdkafka hands out nothing then), but
// consume() still runs: it serves the rebalance and event callbacks.
bool KafkaSource::poll_in_order(InputRecord& record, int timeout_ms) {
  Impl& impl = *impl_;
  EventOrder<Arrived>& order = *impl.order;
  const auto deadline = Clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  for (;;) {
    const auto now = Clock::now();
    auto until = deadline;
    if (!paused_) {
      if (auto out = order.pop(now)) {
        impl.current = std::move(out->item.message);
        fill_input_record(*impl.current, record);
        record.received_ms = out->item.received_ms;
        if (out->below_half) uncap(out->partition);
        ++impl.ordered;
        return true;
      }
      if (mark_ends()) continue;
      if (const auto wait_end = order.wait_until(); wait_end && *wait_end < until) until = *wait_end;
    }
    const auto wait =
        std::chrono::ceil<std::chrono::milliseconds>(std::max(until - now, Clock::duration::zero()));
    std::unique_ptr<RdKafka::Message> m(impl.consumer->consume(static_cast<int>(wait.count())));
    const auto err = m ? m->err() : RdKafka::ERR__TIMED_OUT;
    if (err == RdKafka::ERR_NO_ERROR) {
      PartitionKey k{m->topic_name(), m->partition()};
      impl.next_offset[k] = m->offset() + 1;
      const int64_t timestamp = m->timestamp().timestamp;
      const size_t bytes = m->len() + m->key_len() + 64;
      if (order.push(k, timestamp, Arrived{std::move(m), now_ms()}, bytes)) cap(k);
      continue;
    }
    if (err == RdKafka::ERR__PARTITION_EOF) {
      order.caught_up({m->topic_name(), m->partition()});
      continue;
    }
    if (err != RdKafka::ERR__TIMED_OUT) spdlog::warn("kafka consume: {}", m->errstr());
    if (Clock::now() >= deadline) {
      if (!paused_ && order.buffered() > 0) ++impl.waits;
      return false;
    }
  }
}

// Partitions the order waits for that are at their high watermark (as
// librdkafka last learned it) are caught up: after a rewind to the end of a
// partition, librdkafka does not report that end again. (A partition that
// ends in a transaction marker never meets its high watermark this way; the
// order then waits for it at most order_wait, until its next record.) True
// when one was.
bool KafkaSource::mark_ends() {
  Impl& impl = *impl_;
  std::vector<PartitionKey> ends;
  impl.order->for_each_waited([&](const PartitionKey& k) {
    const auto next = impl.next_offset.find(k);
    if (next == impl.next_offset.end()) return;
    int64_t low = -1, high = -1;
    if (impl.consumer->get_watermark_offsets(k.topic, k.partition, &low, &high) !=
        RdKafka::ERR_NO_ERROR) {
      return;
    }
    if (high >= 0 && next->second >= high) ends.push_back(k);
  });
  for (const auto& k : ends) impl.order->caught_up(k);
  return !ends.empty();
}

// A partition whose buffer in the order is full stops fetching until half of
// it has been handed out.
void KafkaSource::cap(const PartitionKey& partition) {
  if (contains(impl_->capped, partition)) return;
  impl_->capped.push_back(partition);
  ++impl_->caps;
  kafka::PartitionList one;
  one.add(partition.topic, partition.partition);
  impl_->consumer->pause(one.get());
}

void KafkaSource::uncap(const PartitionKey& partition) {
  if (!contains(impl_->capped, partition)) return;
  std::erase(impl_->capped, partition);
  if (paused_ || contains(impl_->held, partition)) return;
  kafka::PartitionList one;
  one.add(partition.topic, partition.partition);
  impl_->consumer->resume(one.get());
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
    if (!contains(impl_->held, k) && !contains(impl_->capped, k)) free.push_back(tp);
  }
  impl_->consumer->resume(free);
  // Their fetches were stopped: what the order waited for is not late.
  if (impl_->order) impl_->order->restart_waits(Clock::now());
}

void KafkaSource::hold(const PartitionKey& partition) {
  if (std::find(impl_->held.begin(), impl_->held.end(), partition) != impl_->held.end()) return;
  impl_->held.push_back(partition);
  if (impl_->order) impl_->order->hold(partition, true, Clock::now());
  kafka::PartitionList one;
  one.add(partition.topic, partition.partition);
  impl_->consumer->pause(one.get());
}

void KafkaSource::release(const PartitionKey& partition) {
  const auto it = std::find(impl_->held.begin(), impl_->held.end(), partition);
  if (it == impl_->held.end()) return;
  impl_->held.erase(it);
  if (impl_->order) impl_->order->hold(partition, false, Clock::now());
  if (paused_ || contains(impl_->capped, partition)) return;  // resumed with the others
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
  if (impl_->order) {
    spdlog::info("timestamp order: {} records handed out, {} polls waited for a lagging partition, "
                 "{} pauses of a partition whose buffer was full",
                 impl_->ordered, impl_->waits, impl_->caps);
  }
  impl_->current.reset();
  impl_->consumer->close();
}

bool KafkaSource::failed() const { return impl_->fatal; }

size_t KafkaSource::order_buffered_bytes() const {
  return impl_->order ? impl_->order->buffered_bytes() : 0;
}

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
    const PartitionKey k{tp->topic(), tp->partition()};
    if (tp->offset() >= 0) {
      impl_->next_offset[k] = tp->offset();
    } else {
      impl_->next_offset.erase(k);
    }
    ok = impl_->consumer->seek(*tp, timeout_ms) == RdKafka::ERR_NO_ERROR;
  }
  // What the order buffered lies after the committed offsets: read again.
  if (impl_->order) {
    impl_->order->clear(Clock::now());
    for (const auto capped = impl_->capped; const auto& k : capped) uncap(k);
  }
  if (!ok) spdlog::error("cannot rewind to the committed offsets");
  return ok;
}

}  // namespace wiredesk
