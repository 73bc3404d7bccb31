// Stage benchmarks for decode, encode and the whole core pipeline on the
// fixture items (English and Korean, ninjs 1.x/2.x/3.x, ~1-3 KB each).
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "app/wiring.hpp"
#include "processors/decode.hpp"
#include "processors/encode.hpp"
#include "processors/pipeline.hpp"

namespace wiredesk {
namespace {

const std::vector<std::string>& fixture_items() {
  static const std::vector<std::string> items = [] {
    std::vector<std::string> lines;
    std::ifstream in(std::string(WIREDESK_SOURCE_DIR) + "/tests/fixtures/items.jsonl");
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lines.push_back(line);
    }
    return lines;
  }();
  return items;
}

size_t total_bytes() {
  size_t n = 0;
  for (const auto& s : fixture_items()) n += s.size();
  return n;
}

void BM_Decode(benchmark::State& state) {
  Decoder decoder{DecodeOptions{}};
  const auto& items = fixture_items();
  for (auto _ : state) {
    for (const auto& item : items) {
      auto r = decoder.decode(item);
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * items.size());
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_Decode);

void BM_Encode(benchmark::State& state) {
  Decoder decoder{DecodeOptions{}};
  std::vector<ItemContext> contexts;
  for (const auto& item : fixture_items()) {
    auto r = decoder.decode(item);
    ItemContext ctx;
    ctx.item = std::move(r.item());
    ctx.origin = {"wire.items", 0, 1};
    contexts.push_back(std::move(ctx));
  }
  Encoder encoder{OutputTopics{}};
  for (auto _ : state) {
    for (const auto& ctx : contexts) {
      auto value = encoder.enriched_value(ctx);
      benchmark::DoNotOptimize(value);
    }
  }
  state.SetItemsProcessed(state.iterations() * contexts.size());
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_Encode);

// decode → dedup → tag → alert → encode with the default configuration.
// Every iteration replays the same records (same origins), which dedup
// treats as replays: a realistic lookup on a warm index.
void BM_Pipeline(benchmark::State& state) {
  auto loaded = load_config(std::string(WIREDESK_SOURCE_DIR) + "/config/wiredesk.yaml", {});
  if (!loaded.ok()) {
    state.SkipWithError("config/wiredesk.yaml does not load");
    return;
  }
  Pipeline pipeline(pipeline_options(loaded.config), make_stages(loaded.config), null_probe());
  const auto& items = fixture_items();
  std::vector<OutputRecord> out;
  for (auto _ : state) {
    for (size_t i = 0; i < items.size(); ++i) {
      InputRecord in;
      in.origin = {"wire.items", 0, static_cast<int64_t>(i)};
      in.value = items[i];
      in.received_ms = 1;
      out.clear();
      pipeline.process(in, out);
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetItemsProcessed(state.iterations() * items.size());
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_Pipeline);

}  // namespace
}  // namespace wiredesk

BENCHMARK_MAIN();
