// The dedup index as a Kafka table (design §3, "State"): every local change
// is written to the compacted index topic; every instance restores the topic
// on start (before /readyz turns ready) and follows it while running, so the
// index survives restarts and is shared by all replicas. The alert ledger
// (which stories alerted on which rules, design §5) travels in the same
// topic under its own keys (alert_state_key), the story view's states under
// theirs. The embargo topic (held items) is read by the same reader.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config/config.hpp"
#include "processors/core/embargo.hpp"
#include "processors/core/story_view.hpp"
#include "processors/tag/alert_ledger.hpp"
#include "processors/dedup/dedup_index.hpp"
#include "processors/decode/record.hpp"
#include "producers/kafka_admin.hpp"

namespace wiredesk {

class Metrics;

struct IndexTableOptions {
  std::string topic;
  std::map<std::string, std::string> consumer_properties;  // bootstrap, security, …
  std::map<std::string, std::string> admin_properties;
  int64_t window_ms = 0;  // retention of the topic (cleanup.policy=compact,delete)
  int partitions = 1;     // when the topic is created
  // The embargo topic (compacted by item, no retention): restored and
  // followed with the index topic, into the inbox set_embargo_inbox() gives.
  // Empty: none.
  std::string embargo_topic;
  // More topics to create when missing (the story view), with the state
  // topics, under the same deadline and stop.
  std::vector<TopicSpec> also_create;
  // This process's header::writer value (OutputTopics::writer): records of
  // the index topic that carry it were applied when they were made, and are
  // skipped. Empty: every record is applied.
  std::string writer;
};

class IndexTable {
 public:
  // `ledger` may be null (no per-story alert state to share).
  IndexTable(IndexTableOptions options, std::shared_ptr<DedupIndex> index,
             std::shared_ptr<AlertLedger> ledger, Metrics* metrics);
  ~IndexTable();
  IndexTable(const IndexTable&) = delete;
  IndexTable& operator=(const IndexTable&) = delete;

  // Creates the topic when it is missing, then reads it from the beginning to
  // the end it had when restore started. False (with a logged reason) when
  // the topic cannot be read within timeout_ms, or when `stop` is set (a
  // SIGTERM while no broker answers): it is checked at least every 2 s.
  bool restore(int timeout_ms, const std::atomic<bool>* stop = nullptr);
  // Follows the topic in a background thread: other replicas' entries.
  void start_following();
  void stop();

  // The story view's states travel in the same topic (story_view_key).
  // Set before restore().
  void set_story_view(std::shared_ptr<StoryView> view) { story_view_ = std::move(view); }
  // Holds read from the embargo topic go to the engine through `inbox`.
  // Set before restore().
  void set_embargo_inbox(std::shared_ptr<EmbargoInbox> inbox) { embargo_ = std::move(inbox); }

  bool restored() const { return restored_.load(); }
  size_t restored_entries() const { return restored_entries_; }
  double restore_seconds() const { return restore_seconds_; }

 private:
  struct Impl;
  void apply(const void* message);
  void apply_embargo(const void* message);
  void follow_loop();

  IndexTableOptions options_;
  std::shared_ptr<DedupIndex> index_;
  std::shared_ptr<AlertLedger> ledger_;
  std::shared_ptr<StoryView> story_view_;
  std::shared_ptr<EmbargoInbox> embargo_;
  Metrics* metrics_;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> restored_{false};
  std::atomic<bool> stop_{false};
  std::thread follower_;
  size_t restored_entries_ = 0;
  double restore_seconds_ = 0;
};

}  // namespace wiredesk
