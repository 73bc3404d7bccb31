// Writes the fuzzers' seed corpora from the labelled fixtures and the shipped
// config files:
//   make_seeds FIXTURES_DIR SOURCE_DIR OUT_DIR
// OUT_DIR/pipeline  one item per file, and each labelled story thread (up to
//                   eight items joined by 0x1E, the fuzz_pipeline separator);
//                   every malformed fixture as it is
// OUT_DIR/rules     config, taxonomy and alert-rule files behind their
//                   selector byte (0, 1, 2), whole and cut short, and each
//                   taxonomy topic on its own
// OUT_DIR/state     index entries and story alert states, as serialized by a
//                   pipeline run over the fixtures
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <simdjson.h>

#include "config/taxonomy_loader.hpp"
#include "processors/core/story_view.hpp"
#include "processors/tag/alert_ledger.hpp"
#include "processors/tag/alerts.hpp"
#include "processors/dedup/dedup.hpp"
#include "processors/core/pipeline.hpp"
#include "processors/tag/tagger.hpp"

namespace fs = std::filesystem;
using namespace wiredesk;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> read_lines(const fs::path& p) {
  std::vector<std::string> lines;
  std::ifstream in(p);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

class Writer {
 public:
  explicit Writer(fs::path dir) : dir_(std::move(dir)) { fs::create_directories(dir_); }
  void write(const std::string& bytes) {
    std::ofstream(dir_ / ("seed-" + std::to_string(count_++)), std::ios::binary) << bytes;
  }
  int count() const { return count_; }

 private:
  fs::path dir_;
  int count_ = 0;
};

class NullProbe final : public Probe {};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: make_seeds FIXTURES_DIR SOURCE_DIR OUT_DIR\n");
    return 2;
  }
  const fs::path fixtures = argv[1], source = argv[2], out = argv[3];
  fs::remove_all(out);

  // Items of every labelled set, and their story threads.
  Writer pipeline(out / "pipeline");
  std::vector<std::string> all_items;
  simdjson::dom::parser parser;
  for (const auto& entry : fs::directory_iterator(fixtures)) {
    fs::path items = entry.is_directory() ? entry.path() / "items.jsonl" : entry.path();
    fs::path labels = entry.is_directory() ? entry.path() / "labels.jsonl"
                                           : fixtures / "labels.jsonl";
    if (items.filename() != "items.jsonl" || !fs::exists(items)) continue;
    const auto lines = read_lines(items);
    const auto label_lines = fs::exists(labels) ? read_lines(labels) : std::vector<std::string>{};
    std::map<std::string, std::vector<std::string>> threads;
    for (size_t i = 0; i < lines.size(); ++i) {
      pipeline.write(lines[i]);
      all_items.push_back(lines[i]);
      if (i >= label_lines.size()) continue;
      simdjson::dom::element label;
      std::string_view story;
      if (parser.parse(label_lines[i]).get(label) == simdjson::SUCCESS &&
          label["story"].get(story) == simdjson::SUCCESS) {
        auto& thread = threads[std::string(story)];
        if (thread.size() < 8) thread.push_back(lines[i]);
      }
    }
    for (const auto& [story, thread] : threads) {
      if (thread.size() < 2) continue;
      std::string joined;
      for (const auto& item : thread) {
        if (!joined.empty()) joined += '\x1e';
        joined += item;
      }
      pipeline.write(joined);
    }
  }
  for (const auto& entry : fs::directory_iterator(fixtures / "bad")) {
    pipeline.write(read_file(entry.path()));
  }

  // The operator's files, behind their selector byte.
  Writer rules(out / "rules");
  const std::pair<char, fs::path> files[] = {
      {0, source / "config/wiredesk.yaml"},
      {1, source / "config/taxonomy.yaml"},
      {2, source / "config/alerts.yaml"},
  };
  for (const auto& [selector, path] : files) {
    const std::string text = read_file(path);
    rules.write(std::string(1, selector) + text);
    rules.write(std::string(1, selector) + text.substr(0, text.size() / 2));
  }
  // The whole taxonomy takes Hyperscan a while to compile: also one seed per
  // topic (the file's head, then that topic alone), without comments, so
  // that the fuzzer runs many small files.
  {
    std::istringstream in(read_file(source / "config/taxonomy.yaml"));
    std::string head, block;
    std::vector<std::string> topics;
    bool in_topics = false;
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line.front() == '#' || line.find_first_not_of(' ') == std::string::npos ||
          line[line.find_first_not_of(' ')] == '#') {
        continue;
      }
      if (!in_topics) {
        head += line + "\n";
        in_topics = line.rfind("topics:", 0) == 0;
        continue;
      }
      if (line.rfind("  - id:", 0) == 0 && !block.empty()) topics.push_back(std::move(block)), block.clear();
      block += line + "\n";
    }
    if (!block.empty()) topics.push_back(std::move(block));
    for (const auto& topic : topics) rules.write(std::string(1, '\1') + head + topic);
  }

  // What a run over every item writes to the index topic.
  Writer state(out / "state");
  TaxonomyLoad taxonomy = load_taxonomy((source / "config/taxonomy.yaml").string());
  AlertRulesLoad alert_rules =
      load_alert_rules((source / "config/alerts.yaml").string(), taxonomy.taxonomy.get());
  if (!taxonomy.ok() || !alert_rules.ok()) {
    std::fprintf(stderr, "make_seeds: the shipped taxonomy or alert rules do not load\n");
    return 1;
  }
  int64_t now = 1796245200000;
  const auto clock = [&now] { return now; };
  IndexOptions index_options;
  index_options.wall_clock = clock;
  auto index = std::make_shared<DedupIndex>(index_options);
  index->set_on_change([&state](const IndexEntry& e) { state.write(serialize(e)); });
  AlertLedgerOptions ledger_options;
  ledger_options.wall_clock = clock;
  auto ledger = std::make_shared<AlertLedger>(ledger_options);
  ledger->set_on_change([&state](const StoryAlerts& s) { state.write(serialize(s)); });
  auto alerter = std::make_shared<Alerter>(alert_rules.rules);
  alerter->set_ledger(ledger);
  NullProbe probe;
  PipelineOptions run_options;
  run_options.topics.stories = "news.stories";  // story view states as seeds too
  Pipeline run(run_options,
               {std::make_shared<Dedup>(DedupOptions{}, index),
                std::make_shared<Tagger>(taxonomy.taxonomy), alerter,
                std::make_shared<StoryView>()},
               probe, clock);
  for (size_t i = 0; i < all_items.size() && state.count() < 400; ++i) {
    InputRecord in;
    in.origin = {"wire.items", 0, static_cast<int64_t>(i)};
    in.value = all_items[i];
    std::vector<OutputRecord> records;
    run.process(in, records);
    for (const auto& r : records) {
      if (r.topic == "news.stories" && i % 4 == 0) state.write(r.value);
    }
    now += 60'000;
  }

  std::printf("make_seeds: %d pipeline, %d rules, %d state seeds in %s\n", pipeline.count(),
              rules.count(), state.count(), out.c_str());
  return 0;
}
