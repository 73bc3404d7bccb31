// Stage benchmarks for decode, encode and the whole core pipeline on the
// fixture items (English and Korean, ninjs 1.x/2.x/3.x, ~1-3 KB each).
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include <hs/hs.h>
#include <simdjson.h>
#include <xxhash.h>

#include "app/wiring.hpp"
#include "processors/decode/decode.hpp"
#include "processors/core/encode.hpp"
#include "processors/core/pipeline.hpp"
#include "processors/tag/tagger.hpp"

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

// ----------------------------------------------------------------- ceiling

// Every labelled wire item of the fixtures (~700, English and Korean, 0.4-4 KB).
const std::vector<std::string>& wire_items() {
  static const std::vector<std::string> items = [] {
    std::vector<std::string> lines;
    for (const char* set : {"items.jsonl", "threads-blind/items.jsonl", "threads-blind2/items.jsonl",
                            "final-blind/items.jsonl", "tagging/items.jsonl",
                            "tagging-blind5/items.jsonl", "tagging-blind6/items.jsonl"}) {
      std::ifstream in(std::string(WIREDESK_SOURCE_DIR) + "/tests/fixtures/" + set);
      for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
      }
    }
    return lines;
  }();
  return items;
}

size_t wire_bytes() {
  size_t n = 0;
  for (const auto& s : wire_items()) n += s.size();
  return n;
}

// Visits every value of a JSON document once (ondemand: strings unescaped).
void touch(simdjson::ondemand::value v, uint64_t& sink) {
  simdjson::ondemand::json_type type;
  if (v.type().get(type)) return;
  switch (type) {
    case simdjson::ondemand::json_type::object:
      for (auto field : v.get_object()) {
        simdjson::ondemand::value inner;
        if (!field.value().get(inner)) touch(inner, sink);
      }
      break;
    case simdjson::ondemand::json_type::array:
      for (auto element : v.get_array()) {
        simdjson::ondemand::value inner;
        if (!element.get(inner)) touch(inner, sink);
      }
      break;
    case simdjson::ondemand::json_type::string: {
      std::string_view text;
      if (!v.get_string().get(text)) sink += text.size();
      break;
    }
    default:
      sink += 1;
  }
}

int count_match(unsigned int, unsigned long long, unsigned long long, unsigned int, void* n) {
  ++*static_cast<uint64_t*>(n);
  return 0;
}

// What no implementation of wiredesk's job can avoid, per item: one parse of
// every field, one Hyperscan scan of the text with the compiled default
// taxonomy, one hash pass over the text. BM_PipelineFreshItems does the whole
// job on the same items; benchmarks/README.md reports the ratio.
void BM_Ceiling(benchmark::State& state) {
  auto loaded = load_config(std::string(WIREDESK_SOURCE_DIR) + "/config/wiredesk.yaml", {});
  const TagStages tag = make_tag_stages(tag_files(loaded.config));
  const auto taxonomy = tag.tagger->snapshot();
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(taxonomy->database(), &scratch) != HS_SUCCESS) {
    state.SkipWithError("no Hyperscan scratch");
    return;
  }
  std::vector<simdjson::padded_string> docs;
  for (const auto& item : wire_items()) docs.emplace_back(item);
  simdjson::ondemand::parser parser;
  uint64_t sink = 0;
  for (auto _ : state) {
    for (const auto& doc : docs) {
      simdjson::ondemand::document d;
      if (parser.iterate(doc).get(d)) continue;
      simdjson::ondemand::value root;
      if (d.get_value().get(root)) continue;
      touch(root, sink);
      // The text as it stands in the record: the scan and the hash read every
      // byte. The taxonomy is compiled for vectored mode (the tagger scans
      // slugline, headline and body as one vector), so the record is a
      // vector of one block: hs_scan() would refuse the database unread.
      const char* data[] = {doc.data()};
      const unsigned length[] = {static_cast<unsigned>(doc.size())};
      if (hs_scan_vector(taxonomy->database(), data, length, 1, 0, scratch, count_match, &sink) !=
          HS_SUCCESS) {
        state.SkipWithError("Hyperscan scan failed");
        break;
      }
      sink += XXH3_64bits(doc.data(), doc.size());
    }
  }
  benchmark::DoNotOptimize(sink);
  hs_free_scratch(scratch);
  state.SetItemsProcessed(state.iterations() * docs.size());
  state.SetBytesProcessed(state.iterations() * wire_bytes());
}
BENCHMARK(BM_Ceiling)->Unit(benchmark::kMicrosecond);

// The whole job on the same items, each time under a new uri (no replays):
// decode, dedup against a growing index, tag, alert, encode; one thread.
void BM_PipelineFreshItems(benchmark::State& state) {
  auto loaded = load_config(std::string(WIREDESK_SOURCE_DIR) + "/config/wiredesk.yaml", {});
  Pipeline pipeline(pipeline_options(loaded.config), make_stages(loaded.config), null_probe());
  const auto& items = wire_items();
  std::vector<OutputRecord> out;
  int64_t round = 0;
  for (auto _ : state) {
    ++round;
    for (size_t i = 0; i < items.size(); ++i) {
      // A new uri per round: "uri":"X" → "uri":"X#round".
      std::string value = items[i];
      const size_t at = value.find("\"uri\"");
      if (at != std::string::npos) {
        const size_t end = value.find('"', value.find('"', at + 5) + 1);
        value.insert(end, "#" + std::to_string(round));
      }
      InputRecord in;
      in.origin = {"wire.items", 0, round * 10000 + static_cast<int64_t>(i)};
      in.value = value;
      in.received_ms = 1;
      out.clear();
      pipeline.process(in, out);
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetItemsProcessed(state.iterations() * items.size());
  state.SetBytesProcessed(state.iterations() * wire_bytes());
}
BENCHMARK(BM_PipelineFreshItems)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace wiredesk

BENCHMARK_MAIN();
