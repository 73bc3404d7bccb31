#include "app/index_table.hpp"

#include <pthread.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>

#include <spdlog/spdlog.h>

#include "app/metrics.hpp"
#include "kafka/handles.hpp"
#include "kafka/log.hpp"
#include "producers/kafka_admin.hpp"

namespace wiredesk {

struct IndexTable::Impl {
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
  std::vector<int32_t> partitions;  // of the index topic
  std::vector<std::pair<std::string, int32_t>> all;  // every partition read
};

IndexTable::IndexTable(IndexTableOptions options, std::shared_ptr<DedupIndex> index,
                       std::shared_ptr<AlertLedger> ledger, Metrics* metrics)
    : options_(std::move(options)),
      index_(std::move(index)),
      ledger_(std::move(ledger)),
      metrics_(metrics),
      impl_(std::make_unique<Impl>()) {
  // Local changes reach the topic as state writes of the items that made
  // them (Dedup::write_state, Alerter::write_state), not through here.
}

IndexTable::~IndexTable() { stop(); }

namespace {

// Whether the cluster knows topic `name`; nullopt when no broker answered.
// (The reader never has topics created by asking for their metadata:
// librdkafka's consumers default to allow.auto.create.topics=false.)
std::optional<bool> topic_exists(RdKafka::KafkaConsumer& consumer, const std::string& name,
                                 int timeout_ms) {
  std::string err;
  const std::unique_ptr<RdKafka::Topic> topic(RdKafka::Topic::create(&consumer, name, nullptr, err));
  if (!topic) return std::nullopt;
  RdKafka::Metadata* md = nullptr;
  const RdKafka::ErrorCode code = consumer.metadata(false, topic.get(), &md, timeout_ms);
  if (code == RdKafka::ERR__UNKNOWN_TOPIC || code == RdKafka::ERR_UNKNOWN_TOPIC_OR_PART) {
    return false;
  }
  if (code != RdKafka::ERR_NO_ERROR) return std::nullopt;
  const std::unique_ptr<RdKafka::Metadata> holder(md);
  for (const auto* t : *md->topics()) {
    if (t->topic() != name) continue;
    return t->err() != RdKafka::ERR_UNKNOWN_TOPIC_OR_PART && t->err() != RdKafka::ERR__UNKNOWN_TOPIC;
  }
  return false;
}

// Whether record `m` carries `writer` as its header::writer.
bool written_by(const RdKafka::Message& m, std::string_view writer) {
  rd_kafka_headers_t* headers = nullptr;
  // c_ptr() is not const in the C++ API; the message is only read.
  rd_kafka_message_t* raw = const_cast<RdKafka::Message&>(m).c_ptr();
  if (rd_kafka_message_headers(raw, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR) return false;
  const void* value = nullptr;
  size_t size = 0;
  static const std::string name(header::writer);  // the C API takes a C string
  if (rd_kafka_header_get_last(headers, name.c_str(), &value, &size) !=
      RD_KAFKA_RESP_ERR_NO_ERROR) {
    return false;
  }
  return value && std::string_view(static_cast<const char*>(value), size) == writer;
}

}  // namespace

void IndexTable::apply(const void* raw) {
  const auto* m = static_cast<const RdKafka::Message*>(raw);
  if (m->err() != RdKafka::ERR_NO_ERROR) return;
  const std::string* key = m->key();
  if (!options_.embargo_topic.empty() && m->topic_name() == options_.embargo_topic) {
    apply_embargo(raw);
    return;
  }
  // Its own changes this process applied when it made them: read back,
  // they would cost a deserialization and the index's lock each.
  if (!options_.writer.empty() && written_by(*m, options_.writer)) return;
  if (!m->payload()) {  // tombstone
    if (!key) return;
    if (auto story = story_of_alert_state_key(*key)) {
      if (ledger_) ledger_->erase(*story);
    } else if (auto viewed = story_of_story_view_key(*key)) {
      if (story_view_) story_view_->erase(*viewed);
    } else {
      index_->erase(*key);
    }
    return;
  }
  const std::string_view value(static_cast<const char*>(m->payload()), m->len());
  if (key && story_of_story_view_key(*key)) {
    auto state = StoryState::from_json(value);
    if (!state) {
      spdlog::warn("story view: unreadable state at {}/{}/{}", m->topic_name(), m->partition(),
                   m->offset());
      return;
    }
    if (story_view_) story_view_->apply_remote(std::move(*state));
    return;
  }
  if (key && story_of_alert_state_key(*key)) {
    auto state = deserialize_story_alerts(value);
    if (!state) {
      spdlog::warn("alert ledger: unreadable state at {}/{}/{}", m->topic_name(), m->partition(),
                   m->offset());
      return;
    }
    if (ledger_) ledger_->apply_remote(std::move(*state));
    return;
  }
  auto entry = deserialize(value);
  if (!entry) {
    spdlog::warn("dedup index: unreadable entry at {}/{}/{}", m->topic_name(), m->partition(),
                 m->offset());
    return;
  }
  index_->apply_remote(*entry);
}

void IndexTable::apply_embargo(const void* raw) {
  const auto* m = static_cast<const RdKafka::Message*>(raw);
  const std::string* key = m->key();
  if (!embargo_ || !key) return;
  if (!m->payload()) {
    embargo_->end(*key);
    return;
  }
  auto held = HeldItem::from_json({static_cast<const char*>(m->payload()), m->len()});
  if (!held || held->key != *key) {
    spdlog::warn("embargo: unreadable held item at {}/{}/{}", m->topic_name(), m->partition(),
                 m->offset());
    return;
  }
  embargo_->hold(std::move(*held));
}

bool IndexTable::restore(int timeout_ms, const std::atomic<bool>* stop) {
  const auto started = std::chrono::steady_clock::now();
  const auto deadline = started + std::chrono::milliseconds(timeout_ms);
  auto stopped = [stop] { return stop && stop->load(); };
  // Each broker request gets at most 2 s, then is tried again until the
  // deadline: a stop is seen while no broker answers.
  auto attempt_ms = [&] {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::clamp<int64_t>(left.count(), 1, 2000));
  };
  auto give_up = [&] { return stopped() || std::chrono::steady_clock::now() >= deadline; };
  std::vector<TopicSpec> specs{{options_.topic, options_.partitions, -1,
                                 {{"cleanup.policy", "compact,delete"},
                                  {"retention.ms", std::to_string(options_.window_ms)}}}};
  // Held items are kept until released or killed, however far off the
  // embargo: compaction only.
  if (!options_.embargo_topic.empty()) {
    specs.push_back({options_.embargo_topic, options_.partitions, -1, {{"cleanup.policy", "compact"}}});
  }
  specs.insert(specs.end(), options_.also_create.begin(), options_.also_create.end());
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  auto props = options_.consumer_properties;
  props["group.id"] = "wiredesk-index-reader";  // assign() only: never joins, never commits
  props["enable.auto.commit"] = "false";
  props["enable.auto.offset.store"] = "false";
  props["isolation.level"] = "read_committed";
  props["fetch.wait.max.ms"] = "100";
  props.erase("statistics.interval.ms");
  for (const auto& [k, v] : props) {
    if (conf->set(k, v, err) != RdKafka::Conf::CONF_OK) {
      spdlog::error("dedup index reader: {}: {}", k, err);
      return false;
    }
  }
  // librdkafka's log lines through the logger, not raw to stderr.
  conf->set("event_cb", static_cast<RdKafka::EventCb*>(&kafka::log_events()), err);
  impl_->consumer.reset(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!impl_->consumer) {
    spdlog::error("dedup index reader: {}", err);
    return false;
  }

  std::vector<std::string> topics{options_.topic};
  if (!options_.embargo_topic.empty()) topics.push_back(options_.embargo_topic);
  // Topics that exist already are left as they are: where operators create
  // them, the service may hold no right to create topics, and Kafka refuses
  // a CreateTopics for that even when the topic exists.
  std::vector<TopicSpec> missing;
  for (const auto& spec : specs) {
    std::optional<bool> exists;
    while (!(exists = topic_exists(*impl_->consumer, spec.name, attempt_ms()))) {
      if (give_up()) {
        spdlog::error("state topic {}: no metadata", spec.name);
        return false;
      }
    }
    if (!*exists) missing.push_back(spec);
  }
  for (std::vector<std::string> errors; !missing.empty();) {
    errors = create_topics(options_.admin_properties, missing, attempt_ms());
    if (errors.empty()) break;
    if (give_up()) {
      for (const auto& e : errors) spdlog::error("dedup index topic: {}", e);
      return false;
    }
  }

  // A topic just created may show no partitions (or an error) in the first
  // metadata answers, until its leaders are elected: asked again until it
  // shows them or the restore gives up.
  for (const auto& name : topics) {
    std::unique_ptr<RdKafka::Topic> topic(
        RdKafka::Topic::create(impl_->consumer.get(), name, nullptr, err));
    std::vector<int32_t> ids;
    while (ids.empty()) {
      RdKafka::Metadata* md = nullptr;
      RdKafka::ErrorCode code =
          impl_->consumer->metadata(false, topic.get(), &md, attempt_ms());
      if (code == RdKafka::ERR_NO_ERROR) {
        const std::unique_ptr<RdKafka::Metadata> holder(md);
        for (const auto* t : *md->topics()) {
          if (t->err() != RdKafka::ERR_NO_ERROR) {
            code = t->err();
            continue;
          }
          for (const auto* p : *t->partitions()) ids.push_back(p->id());
        }
      }
      if (!ids.empty()) break;
      if (give_up()) {
        spdlog::error("state topic {}: no partitions in its metadata ({})", name,
                      RdKafka::err2str(code));
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    for (const int32_t id : ids) {
      impl_->all.emplace_back(name, id);
      if (name == options_.topic) impl_->partitions.push_back(id);
    }
  }

  std::map<std::pair<std::string, int32_t>, int64_t> end;
  kafka::PartitionList assignment;
  for (const auto& [name, p] : impl_->all) {
    int64_t low = 0, high = 0;
    while (impl_->consumer->query_watermark_offsets(name, p, &low, &high, attempt_ms()) !=
           RdKafka::ERR_NO_ERROR) {
      if (give_up()) {
        spdlog::error("state topic {}: cannot read its end offsets", name);
        return false;
      }
    }
    if (high > low) end[{name, p}] = high;
    assignment.add(name, p, RdKafka::Topic::OFFSET_BEGINNING);
  }
  impl_->consumer->assign(assignment.get());

  size_t applied = 0;
  while (!end.empty()) {
    if (stopped()) return false;
    if (std::chrono::steady_clock::now() > deadline) {
      spdlog::error("dedup index: restore did not reach the end of {} in time", options_.topic);
      return false;
    }
    std::unique_ptr<RdKafka::Message> m(impl_->consumer->consume(200));
    if (!m || m->err() != RdKafka::ERR_NO_ERROR) {
      // read_committed: the end may be an aborted or open transaction's
      // marker; the position tells when everything before it was read.
      kafka::PartitionList parts;
      for (const auto& [tp, high] : end) parts.add(tp.first, tp.second);
      impl_->consumer->position(parts.get());
      for (auto* tp : parts) {
        const std::pair<std::string, int32_t> at{tp->topic(), tp->partition()};
        if (tp->offset() >= end[at]) end.erase(at);
      }
      continue;
    }
    apply(m.get());
    ++applied;
    auto it = end.find({m->topic_name(), m->partition()});
    if (it != end.end() && m->offset() + 1 >= it->second) end.erase(it);
  }
  restored_entries_ = applied;
  restore_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (metrics_) metrics_->dedup_restored(restore_seconds_, index_->size(), index_->memory_bytes());
  spdlog::info("dedup index restored from {}: {} records read, {} entries, {:.2f} s",
               options_.topic, applied, index_->size(), restore_seconds_);
  restored_.store(true);
  return true;
}

void IndexTable::start_following() {
  if (!impl_->consumer || follower_.joinable()) return;
  follower_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "wd-index");
    follow_loop();
  });
}

void IndexTable::follow_loop() {
  auto last_lag = std::chrono::steady_clock::now();
  while (!stop_.load()) {
    std::unique_ptr<RdKafka::Message> m(impl_->consumer->consume(200));
    if (m) apply(m.get());
    if (metrics_ && std::chrono::steady_clock::now() - last_lag > std::chrono::seconds(2)) {
      last_lag = std::chrono::steady_clock::now();
      kafka::PartitionList parts;
      for (int32_t p : impl_->partitions) parts.add(options_.topic, p);
      impl_->consumer->position(parts.get());
      int64_t lag = 0;
      for (auto* tp : parts) {
        int64_t low = 0, high = 0;
        if (tp->offset() >= 0 &&
            impl_->consumer->get_watermark_offsets(options_.topic, tp->partition(), &low, &high) ==
                RdKafka::ERR_NO_ERROR &&
            high > tp->offset()) {
          lag += high - tp->offset();
        }
      }
      metrics_->dedup_index_lag(lag);
      metrics_->dedup_index(index_->size(), index_->memory_bytes());
    }
  }
}

void IndexTable::stop() {
  stop_.store(true);
  if (follower_.joinable()) follower_.join();
  if (impl_ && impl_->consumer) {
    impl_->consumer->close();
    impl_->consumer.reset();
  }
}

}  // namespace wiredesk
