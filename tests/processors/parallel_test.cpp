#include "processors/core/parallel.hpp"

#include <gtest/gtest.h>

#include "config/taxonomy_loader.hpp"
#include "processors/tag/alert_ledger.hpp"
#include "processors/tag/alerts.hpp"
#include "processors/dedup/dedup.hpp"
#include "processors/tag/tagger.hpp"
#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

constexpr int64_t kNow = 1796245200000;

class NullProbe final : public Probe {};

// The whole pipeline — dedup, the shipped taxonomy and alert rules — with a
// fixed clock, so that two runs over the same input write the same bytes.
struct Setup {
  Setup() {
    TaxonomyLoad t = load_taxonomy(std::string(WIREDESK_SOURCE_DIR) + "/config/taxonomy.yaml");
    AlertRulesLoad a =
        load_alert_rules(std::string(WIREDESK_SOURCE_DIR) + "/config/alerts.yaml", t.taxonomy.get());
    EXPECT_TRUE(t.ok() && a.ok());
    IndexOptions index;
    index.wall_clock = [] { return kNow; };
    AlertLedgerOptions ledger;
    ledger.wall_clock = [] { return kNow; };
    auto alerter = std::make_shared<Alerter>(a.rules);
    alerter->set_ledger(std::make_shared<AlertLedger>(ledger));
    pipeline = std::make_unique<Pipeline>(
        PipelineOptions{},
        std::vector<std::shared_ptr<Stage>>{
            std::make_shared<Dedup>(DedupOptions{}, std::make_shared<DedupIndex>(index)),
            std::make_shared<Tagger>(t.taxonomy), alerter},
        probe, [] { return kNow; });
  }
  NullProbe probe;
  std::unique_ptr<Pipeline> pipeline;
};

// Every labelled item we have, then every malformed one, in file order.
std::vector<std::string> inputs() {
  std::vector<std::string> all;
  for (const char* set : {"items.jsonl", "threads-blind/items.jsonl", "threads-blind2/items.jsonl",
                          "final-blind/items.jsonl", "tagging-blind6/items.jsonl"}) {
    for (auto& line : wiredesk::testing::read_lines(wiredesk::testing::fixture_path(set))) {
      all.push_back(std::move(line));
    }
  }
  for (const auto& f : wiredesk::testing::bad_fixture_files()) {
    all.push_back(wiredesk::testing::read_file(f.string()));
  }
  return all;
}

std::vector<std::string> serial(const std::vector<std::string>& values) {
  Setup s;
  std::vector<std::string> written;
  for (size_t i = 0; i < values.size(); ++i) {
    InputRecord in;
    in.origin = {"wire.items", 0, static_cast<int64_t>(i)};
    in.value = values[i];
    std::vector<OutputRecord> out;
    s.pipeline->process(in, out);
    for (const auto& r : out) written.push_back(r.topic + " " + r.value);
  }
  return written;
}

std::vector<std::string> parallel(const std::vector<std::string>& values, size_t workers,
                                  size_t window) {
  Setup s;
  ParallelPipeline pool(*s.pipeline, workers, window);
  std::vector<std::string> written;
  int64_t expected_offset = 0;
  auto finish_one = [&] {
    std::vector<OutputRecord> out;
    Pipeline::Summary summary;
    Origin origin;
    ASSERT_TRUE(pool.next(out, summary, origin));
    EXPECT_EQ(origin.offset, expected_offset++);  // in submit order
    for (const auto& r : out) written.push_back(r.topic + " " + r.value);
  };
  for (size_t i = 0; i < values.size(); ++i) {
    std::string copy = values[i];  // the pool must not keep pointing at the caller's bytes
    InputRecord in;
    in.origin = {"wire.items", 0, static_cast<int64_t>(i)};
    in.value = copy;
    if (pool.full()) finish_one();
    pool.submit(in);
    copy.assign(copy.size(), 'x');
    while (pool.ready()) finish_one();
  }
  while (pool.pending() > 0) finish_one();
  std::vector<OutputRecord> none;
  Pipeline::Summary summary;
  Origin origin;
  EXPECT_FALSE(pool.next(none, summary, origin));
  return written;
}

// The pool prepares items on several threads, but what comes out — verdicts,
// stories, topics, alerts, dead letters, and their order — is what the
// serial pipeline writes, byte for byte. (Also run under ThreadSanitizer:
// the `tsan` preset, scripts/test asan.)
TEST(ParallelPipeline, WritesWhatTheSerialPipelineWritesInTheSameOrder) {
  const auto values = inputs();
  ASSERT_GT(values.size(), 400u);
  const auto expected = serial(values);
  for (const auto& [workers, window] : {std::pair<size_t, size_t>{2, 64}, {4, 5}, {1, 1}}) {
    const auto got = parallel(values, workers, window);
    ASSERT_EQ(got.size(), expected.size()) << workers << " workers, window " << window;
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i], expected[i]) << "record " << i << ", " << workers << " workers";
    }
  }
}

// While the oldest record is being prepared, next() prepares queued records
// on the caller's thread instead of waiting, and they come out in order all
// the same. (A worker prepares ~100 µs per record; the caller finds 63
// queued ones behind the first, so it always takes some.)
TEST(ParallelPipeline, TheCallerPreparesQueuedRecordsWhileTheOldestIsNotReady) {
  const auto values = inputs();
  struct Setup s;
  ParallelPipeline pool(*s.pipeline, 1, 64);
  for (size_t i = 0; i < 64; ++i) {
    InputRecord in;
    in.origin = {"wire.items", 0, static_cast<int64_t>(i)};
    in.value = values[i % values.size()];
    pool.submit(in);
  }
  for (int64_t i = 0; i < 64; ++i) {
    std::vector<OutputRecord> out;
    Pipeline::Summary summary;
    Origin origin;
    ASSERT_TRUE(pool.next(out, summary, origin));
    EXPECT_EQ(origin.offset, i);
  }
  EXPECT_GT(pool.prepared_by_caller(), 0u);
  EXPECT_LT(pool.prepared_by_caller(), 64u);
}

}  // namespace
}  // namespace wiredesk
