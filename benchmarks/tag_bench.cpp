// Tag stage with the full default taxonomy (config/taxonomy.yaml) on ~3 KB
// wire items, and the cost of compiling that taxonomy. Figures and the
// machine they came from: benchmarks/README.md, "Tagging performance".
#include <benchmark/benchmark.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/taxonomy_loader.hpp"
#include "processors/tag/alerts.hpp"
#include "processors/decode/decode.hpp"
#include "processors/tag/tagger.hpp"

namespace {

using namespace wiredesk;

const std::string kSource = WIREDESK_SOURCE_DIR;

std::shared_ptr<const CompiledTaxonomy> default_taxonomy() {
  static const auto taxonomy = [] {
    TaxonomyLoad load = load_taxonomy(kSource + "/config/taxonomy.yaml");
    if (!load.ok()) throw std::runtime_error(load.errors.front().to_string());
    return load.taxonomy;
  }();
  return taxonomy;
}

// The fixture items, each body repeated until headline + body are ~3 KB
// (the size of a full Yonhap story).
std::vector<WireItem> items_of(const std::string& path, const std::string& language) {
  std::ifstream in(path);
  std::vector<WireItem> items;
  Decoder decoder(DecodeOptions{});
  for (std::string line; std::getline(in, line);) {
    DecodeResult r = decoder.decode(line);
    if (!r.ok()) continue;
    WireItem item = std::move(r.item());
    if (!language.empty() && item.language.rfind(language, 0) != 0) continue;
    const std::string body = item.plain_body;
    if (body.empty()) continue;
    while (item.plain_body.size() + item.headline().size() < 3000) {
      item.plain_body += "\n\n" + body;
    }
    item.plain_body.resize(3000 - std::min<size_t>(item.headline().size(), 1000));
    // Keep valid UTF-8 after the cut: drop a partial trailing sequence.
    while (!item.plain_body.empty() &&
           (static_cast<unsigned char>(item.plain_body.back()) & 0xC0) == 0x80) {
      item.plain_body.pop_back();
    }
    if (!item.plain_body.empty() && static_cast<unsigned char>(item.plain_body.back()) >= 0xC0) {
      item.plain_body.pop_back();
    }
    item.bodies.clear();  // body_text() falls back to plain_body
    items.push_back(std::move(item));
  }
  if (items.empty()) throw std::runtime_error("no items in " + path);
  return items;
}

void run_tagger(benchmark::State& state, const std::vector<WireItem>& items) {
  Tagger tagger(default_taxonomy());
  std::vector<ItemContext> contexts(items.size());
  int64_t bytes = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    contexts[i].item = items[i];
    const ItemText t = item_text(items[i]);
    bytes += static_cast<int64_t>(t.slugline.size() + t.headline.size() + t.body.size());
  }
  size_t topics = 0;
  for (auto _ : state) {
    for (auto& ctx : contexts) {
      tagger.process(ctx);
      topics += ctx.topics.size();
    }
    benchmark::DoNotOptimize(topics);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(items.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["item_bytes"] = static_cast<double>(bytes) / static_cast<double>(items.size());
  state.counters["topics_per_item"] = benchmark::Counter(
      static_cast<double>(topics) / static_cast<double>(items.size()),
      benchmark::Counter::kAvgIterations);
}

void BM_TagStage_English3KB(benchmark::State& state) {
  static const auto items = items_of(kSource + "/tests/fixtures/items.jsonl", "en");
  run_tagger(state, items);
}
BENCHMARK(BM_TagStage_English3KB);

void BM_TagStage_Korean3KB(benchmark::State& state) {
  static const auto items = items_of(kSource + "/tests/fixtures/items.jsonl", "ko");
  run_tagger(state, items);
}
BENCHMARK(BM_TagStage_Korean3KB);

void BM_TagStage_Mixed3KB(benchmark::State& state) {
  static const auto items = [] {
    auto all = items_of(kSource + "/tests/fixtures/items.jsonl", "");
    auto more = items_of(kSource + "/tests/fixtures/tagging/items.jsonl", "");
    all.insert(all.end(), more.begin(), more.end());
    return all;
  }();
  run_tagger(state, items);
}
BENCHMARK(BM_TagStage_Mixed3KB);

// Tag and alert stages together, as the pipeline runs them.
void BM_TagAndAlert_Mixed3KB(benchmark::State& state) {
  static const auto items = items_of(kSource + "/tests/fixtures/items.jsonl", "");
  const AlertRulesLoad rules =
      load_alert_rules(kSource + "/config/alerts.yaml", default_taxonomy().get());
  Tagger tagger(default_taxonomy());
  Alerter alerter(rules.rules);
  std::vector<ItemContext> contexts(items.size());
  for (size_t i = 0; i < items.size(); ++i) contexts[i].item = items[i];
  for (auto _ : state) {
    for (auto& ctx : contexts) {
      tagger.process(ctx);
      alerter.process(ctx);
    }
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(items.size()));
}
BENCHMARK(BM_TagAndAlert_Mixed3KB);

// What a reload costs: read, parse, validate and compile the default taxonomy.
void BM_CompileDefaultTaxonomy(benchmark::State& state) {
  size_t patterns = 0, db_bytes = 0;
  for (auto _ : state) {
    TaxonomyLoad load = load_taxonomy(kSource + "/config/taxonomy.yaml");
    if (!load.ok()) state.SkipWithError("taxonomy does not load");
    patterns = load.taxonomy->patterns().size();
    db_bytes = load.taxonomy->database_bytes();
  }
  state.counters["patterns"] = static_cast<double>(patterns);
  state.counters["database_bytes"] = static_cast<double>(db_bytes);
}
BENCHMARK(BM_CompileDefaultTaxonomy)->Unit(benchmark::kMillisecond);

// The YAML part alone, to separate it from the Hyperscan compile.
void BM_ParseDefaultTaxonomyYaml(benchmark::State& state) {
  std::ifstream in(kSource + "/config/taxonomy.yaml");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (auto _ : state) {
    Taxonomy model;
    std::vector<RulesFileError> errors;
    benchmark::DoNotOptimize(parse_taxonomy_model(text, "taxonomy.yaml", model, errors));
  }
}
BENCHMARK(BM_ParseDefaultTaxonomyYaml)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
