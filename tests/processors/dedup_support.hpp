// Helpers shared by the dedup tests: running items through a Pipeline with
// the Dedup stage and reading labels.
#pragma once

#include <simdjson.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "processors/dedup/dedup.hpp"
#include "processors/core/pipeline.hpp"

namespace wiredesk::testing {

// What the dedup stage decided for one item, seen from a stage after it.
struct Outcome {
  bool accepted = false;
  Verdict verdict = Verdict::fresh;
  std::string story;
  std::string of;
  std::optional<double> similarity;
  PubStatus pubstatus = PubStatus::usable;
  bool correction = false;
  bool late = false;
};

class CaptureStage final : public Stage {
 public:
  std::string_view name() const override { return "capture"; }
  StageStatus process(ItemContext& ctx) override {
    last.accepted = true;
    last.verdict = ctx.verdict;
    last.story = ctx.story;
    last.of = ctx.of;
    last.similarity = ctx.similarity;
    last.pubstatus = ctx.item.pubstatus;
    last.correction = ctx.correction;
    last.late = ctx.late;
    return StageStatus::next();
  }
  Outcome last;
};

// Runs JSON Lines items in order through decode → Dedup → capture.
class DedupRunner {
 public:
  explicit DedupRunner(DedupOptions options = {}, std::string topic = "wire.items")
      : dedup_(std::make_shared<Dedup>(options)),
        capture_(std::make_shared<CaptureStage>()),
        pipeline_(PipelineOptions{}, {dedup_, capture_}, null_probe(),
                  [] { return int64_t{1796245200000}; }),
        topic_(std::move(topic)) {}

  Outcome run(const std::string& line, int64_t offset) {
    capture_->last = Outcome{};
    InputRecord in;
    in.origin = {topic_, 0, offset};
    in.value = line;
    std::vector<OutputRecord> out;
    pipeline_.process(in, out);
    return capture_->last;
  }

  Dedup& dedup() { return *dedup_; }

 private:
  std::shared_ptr<Dedup> dedup_;
  std::shared_ptr<CaptureStage> capture_;
  Pipeline pipeline_;
  std::string topic_;
};

struct Label {
  std::string uri;
  std::string verdict;
  std::string story;
  std::string kind;    // stress set only
  std::string source;  // stress set only
};

inline std::vector<Label> read_labels(const std::vector<std::string>& lines) {
  std::vector<Label> labels;
  simdjson::ondemand::parser parser;
  for (const auto& line : lines) {
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc = parser.iterate(padded);
    Label l;
    auto field = [&](const char* key, std::string& out) {
      std::string_view v;
      if (doc[key].get_string().get(v) == simdjson::SUCCESS) out = std::string(v);
    };
    field("uri", l.uri);
    field("verdict", l.verdict);
    field("story", l.story);
    field("kind", l.kind);
    field("source", l.source);
    labels.push_back(std::move(l));
  }
  return labels;
}

// Rows: label; columns: verdict given.
struct Confusion {
  std::map<std::string, std::map<std::string, int>> cells;
  void add(const std::string& label, const std::string& got) { ++cells[label][got]; }
  std::string to_string() const {
    std::string s = "label \\ got    new  update  duplicate\n";
    for (const char* row : {"new", "update", "duplicate"}) {
      char line[96];
      auto cell = [&](const char* col) {
        const auto r = cells.find(row);
        if (r == cells.end()) return 0;
        const auto c = r->second.find(col);
        return c == r->second.end() ? 0 : c->second;
      };
      std::snprintf(line, sizeof line, "%-12s %5d %7d %10d\n", row, cell("new"), cell("update"),
                    cell("duplicate"));
      s += line;
    }
    return s;
  }
};

}  // namespace wiredesk::testing
