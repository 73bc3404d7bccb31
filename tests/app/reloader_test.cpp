// Hot reload of the taxonomy and alert rules: a ConfigMap-style symlink swap,
// in-place edits, SIGHUP, broken files keeping the old set, the counters, and
// items tagged while sets are swapped.
#include "app/reloader.hpp"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/metrics.hpp"
#include "processors/tag_support.hpp"

namespace wiredesk {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string taxonomy_yaml(const std::string& topic, const std::string& parent = "") {
  std::string y = "version: 1\ndefaults: {threshold: 3}\ntopics:\n  - id: " + topic +
                  "\n    name: " + topic + "\n    kind: subject\n";
  if (!parent.empty()) y += "    parent: " + parent + "\n";
  return y + "    rules: [{en: [alpha]}]\n";
}

std::string alerts_yaml(const std::string& rule, const std::string& topic) {
  return "version: 1\nrules:\n  - id: " + rule + "\n    topics_any: [" + topic + "]\n";
}

struct CountingProbe : Probe {
  std::atomic<int> reloads{0};
  std::atomic<int> failures{0};
  void config_reloaded() override { ++reloads; }
  void config_reload_failed() override { ++failures; }
};

// A directory laid out as the kubelet lays out a ConfigMap volume:
//   taxonomy.yaml -> ..data/taxonomy.yaml, ..data -> ..<version>/
class ConfigMapDir {
 public:
  ConfigMapDir() {
    root_ = fs::temp_directory_path() /
            ("wiredesk-reload-" + std::to_string(::getpid()) + "-" + std::to_string(++counter_));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  ~ConfigMapDir() { fs::remove_all(root_); }

  // Writes a new version and swaps `..data` to it atomically (rename).
  void publish(const std::string& taxonomy, const std::string& alerts) {
    const std::string version = "..v" + std::to_string(++version_);
    fs::create_directories(root_ / version);
    write(root_ / version / "taxonomy.yaml", taxonomy);
    write(root_ / version / "alerts.yaml", alerts);
    fs::create_symlink(version, root_ / "..data_tmp");
    fs::rename(root_ / "..data_tmp", root_ / "..data");
    if (!fs::exists(root_ / "taxonomy.yaml", ec_)) {
      fs::create_symlink("..data/taxonomy.yaml", root_ / "taxonomy.yaml");
      fs::create_symlink("..data/alerts.yaml", root_ / "alerts.yaml");
    }
    if (!previous_.empty()) fs::remove_all(root_ / previous_);  // as the kubelet does
    previous_ = version;
  }

  TagFiles files() const {
    return {(root_ / "taxonomy.yaml").string(), (root_ / "alerts.yaml").string()};
  }
  fs::path root() const { return root_; }

  static void write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::trunc) << text;
  }

 private:
  static inline int counter_ = 0;
  fs::path root_;
  int version_ = 0;
  std::string previous_;
  std::error_code ec_;
};

std::vector<std::string> tag(const TagStages& stages, const std::string& headline) {
  static int64_t offset = 0;
  ItemContext ctx;
  ctx.item = test::make_item(headline, "");
  ctx.origin.offset = ++offset;  // each call is a new input record, not a replay
  stages.tagger->process(ctx);
  stages.alerter->process(ctx);
  std::vector<std::string> out = test::topic_ids(ctx.topics);
  for (const auto& a : ctx.alerts) out.push_back("alert:" + a);
  return out;
}

TEST(ReloaderTest, ConfigMapSymlinkSwapIsPickedUpBetweenItems) {
  ConfigMapDir dir;
  dir.publish(taxonomy_yaml("one"), alerts_yaml("r1", "one"));
  CountingProbe probe;
  ConfigReloader reloader(dir.files(), probe, std::chrono::milliseconds(0));
  EXPECT_THAT(tag(reloader.stages(), "alpha"), ElementsAre("one", "alert:r1"));
  EXPECT_FALSE(reloader.poll());  // nothing changed

  dir.publish(taxonomy_yaml("two"), alerts_yaml("r2", "two"));
  EXPECT_TRUE(reloader.poll());
  EXPECT_THAT(tag(reloader.stages(), "alpha"), ElementsAre("two", "alert:r2"));
  EXPECT_FALSE(reloader.poll());
  EXPECT_EQ(probe.reloads.load(), 1);
  EXPECT_EQ(probe.failures.load(), 0);
}

TEST(ReloaderTest, BrokenFileKeepsTheOldSetAndCountsAFailure) {
  ConfigMapDir dir;
  dir.publish(taxonomy_yaml("one"), alerts_yaml("r1", "one"));
  CountingProbe probe;
  ConfigReloader reloader(dir.files(), probe, std::chrono::milliseconds(0));

  dir.publish(taxonomy_yaml("two", "no-such-parent"), alerts_yaml("r1", "two"));
  EXPECT_FALSE(reloader.poll());
  EXPECT_EQ(probe.failures.load(), 1);
  EXPECT_THAT(tag(reloader.stages(), "alpha"), ElementsAre("one", "alert:r1"));
  EXPECT_FALSE(reloader.poll());  // not retried until the file changes again
  EXPECT_EQ(probe.failures.load(), 1);

  // Alert rules naming a topic the new taxonomy lacks: the pair is rejected.
  dir.publish(taxonomy_yaml("two"), alerts_yaml("r1", "one"));
  EXPECT_FALSE(reloader.poll());
  EXPECT_EQ(probe.failures.load(), 2);
  EXPECT_THAT(tag(reloader.stages(), "alpha"), ElementsAre("one", "alert:r1"));

  dir.publish(taxonomy_yaml("two"), alerts_yaml("r2", "two"));
  EXPECT_TRUE(reloader.poll());
  EXPECT_THAT(tag(reloader.stages(), "alpha"), ElementsAre("two", "alert:r2"));
  EXPECT_EQ(probe.reloads.load(), 1);
}

TEST(ReloaderTest, InPlaceEditIsPickedUp) {
  ConfigMapDir dir;
  const fs::path tax = dir.root() / "plain-taxonomy.yaml";
  ConfigMapDir::write(tax, taxonomy_yaml("one"));
  CountingProbe probe;
  ConfigReloader reloader({tax.string(), ""}, probe, std::chrono::milliseconds(0));
  EXPECT_THAT(tag(reloader.stages(), "alpha"), ElementsAre("one"));
  ConfigMapDir::write(tax, taxonomy_yaml("three"));  // new size and mtime
  EXPECT_TRUE(reloader.poll());
  EXPECT_THAT(tag(reloader.stages(), "alpha"), ElementsAre("three"));
}

TEST(ReloaderTest, PollLooksAtTheFilesOncePerIntervalButSighupAtOnce) {
  ConfigMapDir dir;
  dir.publish(taxonomy_yaml("one"), alerts_yaml("r1", "one"));
  CountingProbe probe;
  ConfigReloader reloader(dir.files(), probe, std::chrono::hours(1));
  dir.publish(taxonomy_yaml("two"), alerts_yaml("r2", "two"));
  EXPECT_FALSE(reloader.poll());  // not due yet
  EXPECT_THAT(tag(reloader.stages(), "alpha"), ElementsAre("one", "alert:r1"));

  install_reload_signal_handler();
  std::raise(SIGHUP);
  EXPECT_TRUE(reloader.poll());
  EXPECT_THAT(tag(reloader.stages(), "alpha"), ElementsAre("two", "alert:r2"));
  EXPECT_EQ(probe.reloads.load(), 1);
  std::signal(SIGHUP, SIG_DFL);
}

TEST(ReloaderTest, BrokenFileAtStartUpIsFatalWithFileAndTopic) {
  ConfigMapDir dir;
  dir.publish(taxonomy_yaml("one", "nowhere"), alerts_yaml("r1", "one"));
  CountingProbe probe;
  try {
    ConfigReloader reloader(dir.files(), probe);
    FAIL() << "expected TagFilesError";
  } catch (const TagFilesError& e) {
    ASSERT_FALSE(e.errors().empty());
    EXPECT_THAT(e.errors()[0].to_string(),
                HasSubstr("taxonomy.yaml: topic one: unknown parent 'nowhere'"));
  }
}

TEST(ReloaderTest, NoFilesConfigured) {
  CountingProbe probe;
  ConfigReloader reloader({}, probe, std::chrono::milliseconds(0));
  EXPECT_THAT(tag(reloader.stages(), "alpha"), IsEmpty());
  EXPECT_FALSE(reloader.poll());
  ItemContext kill;
  kill.item = test::make_item("(KILL) story", "");
  kill.item.pubstatus = PubStatus::canceled;
  reloader.stages().alerter->process(kill);
  EXPECT_THAT(kill.alerts, ElementsAre("kill-notice"));
}

TEST(ReloaderTest, ItemsFlowingDuringSwapsGetTheOldOrTheNewSetNeverNone) {
  ConfigMapDir dir;
  dir.publish(taxonomy_yaml("one"), alerts_yaml("r1", "one"));
  CountingProbe probe;
  ConfigReloader reloader(dir.files(), probe, std::chrono::milliseconds(0));
  const TagStages stages = reloader.stages();

  std::atomic<bool> stop{false};
  std::atomic<int> processed{0}, one{0}, two{0}, mixed{0}, other{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 2; ++w) {
    workers.emplace_back([&] {
      while (!stop.load()) {
        const auto got = tag(stages, "alpha");
        if (got == std::vector<std::string>{"one", "alert:r1"}) ++one;
        else if (got == std::vector<std::string>{"two", "alert:r2"}) ++two;
        else if (got == std::vector<std::string>{"one"} ||
                 got == std::vector<std::string>{"two"}) {
          // Tagger and Alerter swap one after the other: a thread tagging
          // while another thread reloads can see the old taxonomy with the
          // new rules or the reverse (whose rule then does not fire). The
          // service polls between items on its own thread, so it never does.
          ++mixed;
        } else {
          if (++other == 1) ADD_FAILURE() << "unexpected: " << ::testing::PrintToString(got);
        }
        ++processed;
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    if (i % 2 == 0) dir.publish(taxonomy_yaml("two"), alerts_yaml("r2", "two"));
    else dir.publish(taxonomy_yaml("one"), alerts_yaml("r1", "one"));
    EXPECT_TRUE(reloader.poll());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop = true;
  for (auto& w : workers) w.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_GT(processed.load(), 0);
  EXPECT_EQ(one.load() + two.load() + mixed.load(), processed.load());
  EXPECT_EQ(probe.reloads.load(), 20);
  std::printf("[ reload under load ] %d items tagged across 20 swaps, none lost or untagged\n",
              processed.load());
}

TEST(ReloaderTest, FileStampSeesThroughSymlinks) {
  ConfigMapDir dir;
  dir.publish(taxonomy_yaml("one"), alerts_yaml("r1", "one"));
  const FileStamp a = stamp_file(dir.files().taxonomy);
  EXPECT_THAT(a.real_path, HasSubstr("..v1/taxonomy.yaml"));
  EXPECT_GT(a.size, 0);
  dir.publish(taxonomy_yaml("one"), alerts_yaml("r1", "one"));  // same bytes, new directory
  const FileStamp b = stamp_file(dir.files().taxonomy);
  EXPECT_THAT(b.real_path, HasSubstr("..v2/taxonomy.yaml"));
  EXPECT_NE(a, b);
  EXPECT_TRUE(stamp_file("/nonexistent/file").real_path.empty());
}

TEST(ReloaderTest, MetricsCountReloadsAndFailures) {
  Metrics metrics;
  metrics.config_reloaded();
  metrics.config_reload_failed();
  metrics.config_reload_failed();
  const std::string text = metrics.serialize();
  EXPECT_THAT(text, HasSubstr("wiredesk_config_reloads_total 1"));
  EXPECT_THAT(text, HasSubstr("wiredesk_config_reload_failures_total 2"));
}

}  // namespace
}  // namespace wiredesk
