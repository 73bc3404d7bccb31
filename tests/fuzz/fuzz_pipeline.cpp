// libFuzzer target: wire records through the whole pipeline — decode,
// normalize, fingerprint and dedup, tag, alert, encode — with the shipped
// taxonomy and alert rules.
//
// The input is split at 0x1E (ASCII record separator) into up to 16 records,
// which go through one fresh pipeline in order, so that copies, updates and
// flashes of one another meet in the dedup index. Each record must end in
// exactly one of items, duplicates and dead letters, and every record written
// to a JSON topic must parse as strict JSON, naming each member once at the
// top level and inside the `wiredesk` object. (Objects nested in the input's
// own members are passed through as given: RFC 8259 permits a name twice
// there, and wiredesk does not write into them.)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "config/taxonomy_loader.hpp"
#include "processors/tag/alert_ledger.hpp"
#include "processors/tag/alerts.hpp"
#include "processors/dedup/dedup.hpp"
#include "processors/core/pipeline.hpp"
#include "processors/tag/tagger.hpp"

namespace {

using namespace wiredesk;

class NullProbe final : public Probe {};

struct Rules {
  std::shared_ptr<const CompiledTaxonomy> taxonomy;
  std::shared_ptr<const AlertRules> alerts;
};

const Rules& shipped_rules() {
  static const Rules rules = [] {
    Rules r;
    TaxonomyLoad t = load_taxonomy(WIREDESK_SOURCE_DIR "/config/taxonomy.yaml");
    if (!t.ok()) {
      std::fprintf(stderr, "fuzz_pipeline: the shipped taxonomy does not load\n");
      std::abort();
    }
    r.taxonomy = t.taxonomy;
    AlertRulesLoad a = load_alert_rules(WIREDESK_SOURCE_DIR "/config/alerts.yaml", r.taxonomy.get());
    if (!a.ok()) {
      std::fprintf(stderr, "fuzz_pipeline: the shipped alert rules do not load\n");
      std::abort();
    }
    r.alerts = a.rules;
    return r;
  }();
  return rules;
}

[[noreturn]] void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_pipeline: %s\n%s\n", what, detail.c_str());
  std::abort();
}

// No object names a member twice (RFC 8259 allows it, but downstream readers
// disagree on which one wins).
bool unique_members(simdjson::dom::element e) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (e.get_object().get(object) == simdjson::SUCCESS) {
    std::vector<std::string_view> names;
    for (auto field : object) {
      for (auto n : names) {
        if (n == field.key) return false;
      }
      names.push_back(field.key);
      if (!unique_members(field.value)) return false;
    }
  } else if (e.get_array().get(array) == simdjson::SUCCESS) {
    for (auto v : array) {
      if (!unique_members(v)) return false;
    }
  }
  return true;
}

// The members wiredesk writes: the top level, and all of `wiredesk`.
bool top_level_unique(simdjson::dom::element doc) {
  simdjson::dom::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) return true;
  std::vector<std::string_view> names;
  for (auto field : object) {
    for (auto n : names) {
      if (n == field.key) return false;
    }
    names.push_back(field.key);
    if (field.key == "wiredesk" && !unique_members(field.value)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Rules& rules = shipped_rules();
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  std::vector<std::string_view> records;
  size_t start = 0;
  while (records.size() < 16) {
    const size_t end = input.find('\x1e', start);
    records.push_back(input.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }

  int64_t now = 1796245200000;  // 2026-12-01T03:00:00Z; each record a minute later
  const auto clock = [&now] { return now; };
  DedupOptions dedup;
  dedup.max_entries = 8;  // small, so that eviction runs too
  IndexOptions index;
  index.window_ms = dedup.window_ms;
  index.max_entries = dedup.max_entries;
  index.wall_clock = clock;
  AlertLedgerOptions ledger;
  ledger.wall_clock = clock;
  auto alerter = std::make_shared<Alerter>(rules.alerts);
  alerter->set_ledger(std::make_shared<AlertLedger>(ledger));
  NullProbe probe;
  PipelineOptions options;
  Pipeline pipeline(options,
                    {std::make_shared<Dedup>(dedup, std::make_shared<DedupIndex>(index)),
                     std::make_shared<Tagger>(rules.taxonomy), alerter},
                    probe, clock);

  simdjson::dom::parser strict;
  for (size_t i = 0; i < records.size(); ++i) {
    InputRecord in;
    in.origin = {"wire.items", 0, static_cast<int64_t>(i)};
    in.value = records[i];
    std::vector<OutputRecord> out;
    pipeline.process(in, out);
    now += 60'000;

    int places = 0;
    for (const OutputRecord& r : out) {
      if (r.topic == options.topics.items || r.topic == options.topics.duplicates ||
          r.topic == options.topics.dlq) {
        ++places;
      } else if (r.topic != options.topics.alerts) {
        finding("a record on an unknown topic", r.topic);
      }
      if (r.topic == options.topics.dlq) {
        if (!r.header("wiredesk-error")) finding("a dead letter without a reason", r.value);
        continue;  // the input, unchanged
      }
      simdjson::dom::element doc;
      if (strict.parse(r.value).get(doc) != simdjson::SUCCESS) {
        finding("an output record is not valid JSON", r.value);
      }
      if (!top_level_unique(doc)) finding("an output record names a member twice", r.value);
    }
    if (places != 1) finding("an input did not end in exactly one place", std::string(in.value));
  }
  return 0;
}
