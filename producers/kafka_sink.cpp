#include "producers/kafka_sink.hpp"

#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <deque>
#include <set>
#include <stdexcept>
#include <thread>

#include <spdlog/spdlog.h>

#include "kafka/handles.hpp"
#include "processors/core/offset_tracker.hpp"

namespace wiredesk {

namespace {
// One record in flight; owned by librdkafka's opaque pointer until delivered.
struct Pending {
  OutputRecord record;
  uint64_t token;
  int attempts = 0;
  bool dead_letter = false;  // already rewritten into a dead letter
  std::chrono::steady_clock::time_point not_before{};  // blocked: next retry
};

std::string origin_of(const OutputRecord& r) {
  const std::string* o = r.header(header::origin);
  return o ? *o : std::string();
}
}  // namespace

struct KafkaSink::Impl : public RdKafka::DeliveryReportCb, public RdKafka::EventCb {
  KafkaSinkHooks hooks;
  OutputEvents* events = nullptr;
  bool closing = false;  // the destructor purges what is left
  std::unique_ptr<RdKafka::Producer> producer;
  std::deque<std::unique_ptr<Pending>> retry;
  std::deque<std::unique_ptr<Pending>> blocked;  // refused by the dead-letter topic too
  // Exactly-once: outputs (input origin + output topic) refused for good in
  // an aborted transaction; when their input comes again they go straight
  // to the dead-letter topic.
  std::set<std::pair<std::string, std::string>> refused;
  size_t outstanding = 0;
  // linger.ms, and when the last record was produced: send_now() asks to be
  // called again while a record may still be waiting for its batch.
  std::chrono::microseconds linger{5000};
  std::chrono::steady_clock::time_point last_produce{};
  bool fatal = false;
  bool transactional = false;
  bool txn_failed = false;  // a delivery in the open transaction failed

  void dr_cb(RdKafka::Message& message) override {
    std::unique_ptr<Pending> p(static_cast<Pending*>(message.msg_opaque()));
    if (!p || closing) return;  // closing: purged at shutdown, freed here
    if (message.err() == RdKafka::ERR_NO_ERROR) {
      --outstanding;
      if (hooks.acked) hooks.acked(p->token, p->record.topic);
      if (events) events->acked(p->token, p->record.topic);
      return;
    }
    if (transactional) {
      // Inside a transaction a failed record fails the whole transaction:
      // it is aborted and its inputs are processed again — a record refused
      // for good then goes to the dead-letter topic at once.
      --outstanding;
      if (message.err() != RdKafka::ERR__PURGE_QUEUE &&
          message.err() != RdKafka::ERR__PURGE_INFLIGHT) {
        txn_failed = true;
        if (is_permanent(message.err())) refused.insert({origin_of(p->record), p->record.topic});
        if (hooks.failed) hooks.failed(p->record.topic, message.errstr());
      }
      return;
    }
    spdlog::warn("delivery to {} failed (attempt {}): {}", p->record.topic, p->attempts,
                 message.errstr());
    if (hooks.failed) hooks.failed(p->record.topic, message.errstr());
    if (is_permanent(message.err())) {
      if (p->dead_letter || p->record.topic == hooks.dead_letter_topic) {
        block(std::move(p), message.errstr());
        return;
      }
      to_dead_letter(*p, message.errstr());
    }
    retry.push_back(std::move(p));  // still outstanding
  }

  // The dead-letter topic refused a record for good: keep it (outstanding),
  // retry it now and then, and let the caller stop its input partition.
  void block(std::unique_ptr<Pending> p, const std::string& error) {
    spdlog::critical("the dead-letter topic {} refused a record ({}); its input partition stops "
                     "until it takes it",
                     p->record.topic, error);
    p->not_before = std::chrono::steady_clock::now() + std::chrono::milliseconds(hooks.retry_blocked_ms);
    const uint64_t token = p->token;
    blocked.push_back(std::move(p));
    if (hooks.blocked) hooks.blocked(token, error);
    if (events) events->blocked(token, error);
  }

  void event_cb(RdKafka::Event& event) override {
    switch (event.type()) {
      case RdKafka::Event::EVENT_STATS:
        if (hooks.statistics) hooks.statistics(event.str());
        break;
      case RdKafka::Event::EVENT_ERROR:
        if (event.fatal()) {
          fatal = true;
          spdlog::critical("kafka producer fatal error: {}", event.str());
        } else {
          spdlog::warn("kafka producer: {} ({})", event.str(), RdKafka::err2str(event.err()));
        }
        break;
      case RdKafka::Event::EVENT_LOG:
        if (event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING) {
          spdlog::warn("librdkafka producer: {}: {}", event.fac(), event.str());
        }
        break;
      default:
        break;
    }
  }

  static bool is_permanent(RdKafka::ErrorCode err) {
    return err == RdKafka::ERR_MSG_SIZE_TOO_LARGE || err == RdKafka::ERR_INVALID_MSG_SIZE ||
           err == RdKafka::ERR_RECORD_LIST_TOO_LARGE || err == RdKafka::ERR_INVALID_RECORD;
  }

  // Rewrites a record the brokers refuse for good into a dead letter with
  // reason produce_failed: its value (the enriched item) and key unchanged,
  // the topic it was meant for in the detail.
  void to_dead_letter(Pending& p, const std::string& error) {
    OutputRecord& r = p.record;
    const std::string meant_for = r.topic;
    r.topic = hooks.dead_letter_topic;
    if (r.kind == ValueKind::json) r.kind = ValueKind::bytes;
    std::erase_if(r.headers, [](const Header& h) {
      return h.key == header::error || h.key == header::error_detail;
    });
    r.headers.push_back({std::string(header::error), "produce_failed"});
    r.headers.push_back({std::string(header::error_detail),
                         "the brokers refused the record for " + meant_for + ": " + error});
    p.dead_letter = true;
    if (hooks.rerouted) hooks.rerouted(p.token);
  }

  // Hands one pending record to librdkafka, which owns it from then on (p
  // is left null); retries while the queue is full. On failure p keeps it.
  bool send(std::unique_ptr<Pending>& p) {
    ++p->attempts;
    const OutputRecord& r = p->record;
    for (;;) {
      kafka::Headers headers(RdKafka::Headers::create());
      for (const auto& h : r.headers) headers->add(h.key, h.value.data(), h.value.size());
      const auto err = producer->produce(
          r.topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
          r.kind == ValueKind::tombstone ? nullptr : const_cast<char*>(r.value.data()),
          r.kind == ValueKind::tombstone ? 0 : r.value.size(), r.key ? r.key->data() : nullptr,
          r.key ? r.key->size() : 0, 0, headers.get(), p.get());
      if (err == RdKafka::ERR_NO_ERROR) {
        headers.release();  // taken by librdkafka
        p.release();        // owned by the delivery report now
        return true;
      }
      if (err == RdKafka::ERR__QUEUE_FULL) {
        producer->poll(50);
        continue;
      }
      if (is_permanent(err) && !p->dead_letter && r.topic != hooks.dead_letter_topic) {
        to_dead_letter(*p, RdKafka::err2str(err));
        continue;
      }
      spdlog::error("produce to {} failed: {}", r.topic, RdKafka::err2str(err));
      return false;
    }
  }

  void resend_failed() {
    const auto now = std::chrono::steady_clock::now();
    while (!blocked.empty() && blocked.front()->not_before <= now) {
      auto p = std::move(blocked.front());
      blocked.pop_front();
      const uint64_t token = p->token;
      // The caller resumes; a new refusal blocks again.
      if (hooks.unblocked) hooks.unblocked(token);
      if (events) events->unblocked(token);
      retry.push_back(std::move(p));
    }
    while (!retry.empty()) {
      auto p = std::move(retry.front());
      retry.pop_front();
      if (!send(p)) {
        fatal = true;
        return;
      }
    }
  }
};

KafkaSink::KafkaSink(const std::map<std::string, std::string>& properties, KafkaSinkHooks hooks)
    : impl_(std::make_unique<Impl>()) {
  impl_->hooks = std::move(hooks);
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  for (const auto& [k, v] : properties) {
    if (conf->set(k, v, err) != RdKafka::Conf::CONF_OK) {
      throw std::runtime_error("kafka producer property " + k + ": " + err);
    }
  }
  if (conf->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(impl_.get()), err) !=
          RdKafka::Conf::CONF_OK ||
      conf->set("event_cb", static_cast<RdKafka::EventCb*>(impl_.get()), err) !=
          RdKafka::Conf::CONF_OK) {
    throw std::runtime_error("kafka producer callbacks: " + err);
  }
  if (std::string linger; conf->get("linger.ms", linger) == RdKafka::Conf::CONF_OK) {
    impl_->linger = std::chrono::microseconds(static_cast<int64_t>(std::stod(linger) * 1000));
  }
  impl_->producer.reset(RdKafka::Producer::create(conf.get(), err));
  if (!impl_->producer) throw std::runtime_error("kafka producer: " + err);
}

KafkaSink::~KafkaSink() {
  if (impl_->producer) {
    impl_->producer->flush(1000);
    // Records never delivered are dropped with the producer; their input
    // offsets were not committed, so they are processed again after restart.
    // Purging them and serving their delivery reports frees each record's
    // opaque (dr_cb owns it), which destroying the producer would leak.
    impl_->closing = true;
    impl_->producer->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT |
                           RdKafka::Producer::PURGE_NON_BLOCKING);
    impl_->producer->poll(0);
  }
  impl_->retry.clear();
  impl_->blocked.clear();
  impl_->producer.reset();
}

bool KafkaSink::produce(const OutputRecord& record, uint64_t token) {
  return produce_moved(OutputRecord(record), token);
}

bool KafkaSink::produce_moved(OutputRecord&& record, uint64_t token) {
  auto p = std::make_unique<Pending>(Pending{std::move(record), token});
  if (!impl_->refused.empty() &&
      impl_->refused.count({origin_of(p->record), p->record.topic}) > 0) {
    impl_->to_dead_letter(*p, "refused in an earlier transaction");
  }
  ++impl_->outstanding;
  impl_->last_produce = std::chrono::steady_clock::now();
  if (!impl_->send(p)) {
    --impl_->outstanding;
    record = std::move(p->record);
    return false;
  }
  return true;
}

bool KafkaSink::send_now() {
  if (impl_->outstanding == 0) return false;
  // librdkafka ignores linger.ms while a flush runs: the broker threads it
  // wakes send what is queued. A thread that wakes after this 1 ms ends
  // (a busy machine) sends after linger.ms, unless asked again before: so
  // ask again while the newest record is younger than the linger and not
  // everything is acknowledged.
  impl_->producer->flush(1);
  impl_->resend_failed();
  return impl_->outstanding > 0 &&
         std::chrono::steady_clock::now() - impl_->last_produce < impl_->linger;
}

void KafkaSink::poll(int timeout_ms) {
  impl_->producer->poll(timeout_ms);
  impl_->resend_failed();
}

bool KafkaSink::flush(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (impl_->outstanding > 0 && !impl_->fatal) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) return false;
    impl_->producer->flush(static_cast<int>(std::min<int64_t>(left, 100)));
    impl_->resend_failed();
  }
  return impl_->outstanding == 0;
}

size_t KafkaSink::outstanding() const { return impl_->outstanding; }
size_t KafkaSink::blocked() const { return impl_->blocked.size(); }

bool KafkaSink::connected(int timeout_ms) {
  RdKafka::Metadata* md = nullptr;
  const auto err = impl_->producer->metadata(false, nullptr, &md, timeout_ms);
  std::unique_ptr<RdKafka::Metadata> holder(md);
  return err == RdKafka::ERR_NO_ERROR && md && !md->brokers()->empty();
}

bool KafkaSink::failed() const { return impl_->fatal; }

namespace {
TxnResult classify(RdKafka::Error* raw, const char* what) {
  std::unique_ptr<RdKafka::Error> error(raw);
  if (!error) return TxnResult::ok;
  spdlog::warn("{}: {}", what, error->str());
  if (error->is_fatal()) return TxnResult::fatal;
  return TxnResult::abort;
}
}  // namespace

bool KafkaSink::init_transactions(int timeout_ms) {
  impl_->transactional = true;
  std::unique_ptr<RdKafka::Error> error(impl_->producer->init_transactions(timeout_ms));
  if (error) spdlog::error("init transactions: {}", error->str());
  return !error;
}

TxnResult KafkaSink::begin_transaction() {
  impl_->txn_failed = false;
  const auto r = classify(impl_->producer->begin_transaction(), "begin transaction");
  if (r != TxnResult::ok) impl_->fatal = true;
  return r == TxnResult::ok ? r : TxnResult::fatal;
}

void KafkaSink::set_events(OutputEvents* events) { impl_->events = events; }

TxnResult KafkaSink::commit_transaction(const std::vector<CommitPoint>& offsets,
                                        RdKafka::ConsumerGroupMetadata* group,
                                        int timeout_ms) {
  if (impl_->txn_failed) return TxnResult::abort;
  if (!offsets.empty()) {
    kafka::PartitionList parts;
    for (const auto& c : offsets) parts.add(c.partition.topic, c.partition.partition, c.offset);
    const auto r = classify(
        impl_->producer->send_offsets_to_transaction(parts.get(), group, timeout_ms),
        "send offsets to transaction");
    if (r != TxnResult::ok) return r;
  }
  const auto r = classify(impl_->producer->commit_transaction(timeout_ms), "commit transaction");
  if (r == TxnResult::ok && impl_->txn_failed) return TxnResult::abort;
  return r;
}

void KafkaSink::abort_transaction(int timeout_ms) {
  // Flushing first avoids a race in librdkafka 2.0 where aborting with
  // records in flight fails with a fatal INVALID_TXN_STATE.
  impl_->producer->flush(timeout_ms);
  std::unique_ptr<RdKafka::Error> error(impl_->producer->abort_transaction(timeout_ms));
  if (error) {
    spdlog::error("abort transaction: {}", error->str());
    impl_->fatal = true;
  }
  impl_->retry.clear();
  impl_->blocked.clear();
  impl_->outstanding = 0;
  impl_->txn_failed = false;
}

}  // namespace wiredesk
