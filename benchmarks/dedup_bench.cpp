// Dedup stage benchmarks (issue 3): normalize, fingerprint, index lookup +
// insert with 1 M remembered items, the whole stage at that size, and the
// bytes each remembered item costs. Results: benchmarks/README.md.
//
//   build/…/benchmarks/dedup_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "processors/decode/decode.hpp"
#include "processors/dedup/dedup.hpp"
#include "processors/dedup/dedup_index.hpp"
#include "processors/dedup/fingerprint.hpp"
#include "processors/dedup/normalize.hpp"

namespace wiredesk {
namespace {

constexpr int64_t kT0 = 1793700000000;  // 2026-11-02

std::vector<WireItem> fixture_items() {
  std::ifstream in(std::string(WIREDESK_SOURCE_DIR) + "/tests/fixtures/items.jsonl");
  Decoder decoder(DecodeOptions{});
  std::vector<WireItem> items;
  for (std::string line; std::getline(in, line);) {
    DecodeResult r = decoder.decode(line, "");
    if (r.ok()) items.push_back(std::move(r.item()));
  }
  return items;
}

const std::vector<WireItem>& items() {
  static const std::vector<WireItem> all = fixture_items();
  return all;
}

// Line 4 (English, 1.7 KB) and line 10 (Korean, 1.3 KB) of the fixtures.
const WireItem& english() { return items().at(3); }
const WireItem& korean() { return items().at(9); }

void BM_Normalize(benchmark::State& state, const WireItem& item) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(normalize_item(item.headline(), item.body_text()));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(item.headline().size() + item.body_text().size()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Normalize, english, english());
BENCHMARK_CAPTURE(BM_Normalize, korean, korean());

void BM_Fingerprint(benchmark::State& state, const WireItem& item) {
  const NormalizedItem n = normalize_item(item.headline(), item.body_text());
  for (auto _ : state) benchmark::DoNotOptimize(fingerprint(n));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Fingerprint, english, english());
BENCHMARK_CAPTURE(BM_Fingerprint, korean, korean());

// The parts of a fingerprint, and SimHash (the method not chosen) on the same shingles.
void BM_Shingles(benchmark::State& state) {
  const std::string text = normalize_item(english().headline(), english().body_text()).text();
  for (auto _ : state) benchmark::DoNotOptimize(shingle_hashes(text, kLatinShingle));
}
BENCHMARK(BM_Shingles);

void BM_MinHash128(benchmark::State& state) {
  const std::string text = normalize_item(english().headline(), english().body_text()).text();
  const std::vector<uint64_t> shingles = shingle_hashes(text, kLatinShingle);
  std::array<uint16_t, kBodyHashes> out{};
  for (auto _ : state) {
    minhash(shingles, out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_MinHash128);

void BM_SimHash64(benchmark::State& state) {
  const std::string text = normalize_item(english().headline(), english().body_text()).text();
  const std::vector<uint64_t> shingles = shingle_hashes(text, kLatinShingle);
  for (auto _ : state) benchmark::DoNotOptimize(simhash(shingles));
}
BENCHMARK(BM_SimHash64);

void BM_Compare(benchmark::State& state) {
  auto sketch = [](const WireItem& it) {
    return fingerprint(normalize_item(it.headline(), it.body_text())).sketch;
  };
  const Sketch a = sketch(items()[3]);  // the full story and its (LEAD)
  const Sketch b = sketch(items()[5]);
  for (auto _ : state) benchmark::DoNotOptimize(compare(a, b));
}
BENCHMARK(BM_Compare);

// ------------------------------------------------------------ 1 M items

// Synthetic wire text: 250 words drawn from a 20,000-word vocabulary with
// Zipf's law (s = 1), as in news prose, so that unrelated texts share their
// common words (Jaccard ~0.05, as the fixtures' unrelated stories) and little else.
class Prose {
 public:
  Prose() {
    std::mt19937_64 rng(11);
    double total = 0;
    for (size_t rank = 1; rank <= 20000; ++rank) {
      std::string word;  // short words are the frequent ones, as in English
      const size_t letters = 2 + std::min<size_t>(rank / 50, 4) + rng() % 5;
      for (size_t k = 0; k < letters; ++k) word.push_back(static_cast<char>('a' + rng() % 26));
      words_.push_back(word);
      total += 1.0 / static_cast<double>(rank);
      cumulative_.push_back(total);
    }
  }
  WireItem item(std::mt19937_64& rng, uint64_t n) const {
    WireItem it;
    it.uri = "urn:bench:" + std::to_string(n);
    it.version = "1";
    it.source = "Yonhap News Agency";
    std::string headline;
    for (int w = 0; w < 8; ++w) headline += word(rng) + ' ';
    it.headlines.push_back({"main", "", headline, {}});
    for (int w = 0; w < 250; ++w) it.plain_body += word(rng) + (w % 40 == 39 ? ".\n" : " ");
    it.versioncreated = "2026-11-02T10:00:00+09:00";
    return it;
  }

 private:
  const std::string& word(std::mt19937_64& rng) const {
    const double x = std::uniform_real_distribution<double>(0, cumulative_.back())(rng);
    return words_[static_cast<size_t>(
        std::lower_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin())];
  }
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

const Prose& prose() {
  static const Prose p;
  return p;
}

// 1 M remembered items without fingerprinting 1 M texts: every entry derives
// from one of 2,000 fingerprints of synthetic prose, 70 % of its sketch values
// replaced at random, so that entries of one base agree on ~9 % of values —
// stories on one subject (the fixtures' same-subject stories reach Jaccard
// 0.15) — and LSH buckets hold background collisions as a real index does.
class Population {
 public:
  Population() {
    std::mt19937_64 rng(42);
    for (uint64_t i = 0; i < 2000; ++i) {
      const WireItem item = prose().item(rng, i);
      bases_.push_back(fingerprint(normalize_item(item.headline(), item.body_text())).sketch);
    }
  }

  IndexEntry make(uint64_t n, std::mt19937_64& rng) const {
    IndexEntry e;
    e.uri = "urn:yna:AEN2026110" + std::to_string(1000000000 + n);
    e.version = "1";
    e.story = e.uri;
    e.source_family = n % 3 ? "yonhap" : "the seoul ledger";
    e.story_family = e.source_family;
    e.event_ms = kT0 + static_cast<int64_t>(n % 1000);
    e.content_hash = rng() | 1;
    e.sketch = bases_[n % bases_.size()];
    for (auto& v : e.sketch.body) {
      if (rng() % 100 < 70) v = static_cast<uint8_t>(rng());
    }
    for (auto& v : e.sketch.lead) {
      if (rng() % 100 < 70) v = static_cast<uint8_t>(rng());
    }
    for (auto& p : e.sketch.paragraphs) p = p ? static_cast<uint32_t>(rng() | 1) : 0;
    e.origin = {"wire.items", static_cast<int32_t>(n % 12), static_cast<int64_t>(n)};
    return e;
  }

 private:
  std::vector<Sketch> bases_;
};

IndexOptions bench_options() {
  IndexOptions o;
  o.max_entries = 0;
  o.window_ms = 1000LL * 24 * 3600 * 1000;  // nothing expires while measuring
  o.wall_clock = [] { return kT0; };
  return o;
}

struct Filled {
  std::shared_ptr<DedupIndex> index;
  size_t heap_bytes = 0;  // malloc'd bytes the index added
  std::unique_ptr<Population> population;
};

Filled& filled_index(size_t entries) {
  static std::map<size_t, Filled> cache;
  auto [it, inserted] = cache.try_emplace(entries);
  if (inserted) {
    it->second.population = std::make_unique<Population>();
    // Small blocks (uordblks) and mmapped ones (hblkhd: the big vectors).
    const auto heap = [] {
      const struct mallinfo2 m = mallinfo2();
      return m.uordblks + m.hblkhd;
    };
    const size_t before = heap();
    it->second.index = std::make_shared<DedupIndex>(bench_options());
    std::mt19937_64 rng(7);
    for (uint64_t n = 0; n < entries; ++n) {
      it->second.index->apply_remote(it->second.population->make(n, rng));
    }
    it->second.heap_bytes = heap() - before;
  }
  return it->second;
}

void BM_IndexLookupInsert(benchmark::State& state) {
  const auto entries = static_cast<size_t>(state.range(0));
  Filled& f = filled_index(entries);
  std::mt19937_64 rng(99);
  uint64_t next = 1ULL << 40;
  size_t candidates = 0;
  for (auto _ : state) {
    IndexEntry e = f.population->make(next++, rng);
    Fingerprint fp{e.content_hash, e.sketch};
    auto session = f.index->session();
    benchmark::DoNotOptimize(session.find_uri(e.uri));
    const auto found = session.candidates(fp);
    candidates += found.size();
    for (const IndexRecord* r : found) {
      benchmark::DoNotOptimize(compare(e.sketch, session.sketch(*r)));
    }
    session.insert(e);
  }
  state.counters["candidates_per_lookup"] =
      benchmark::Counter(static_cast<double>(candidates) / static_cast<double>(state.iterations()));
  state.counters["entries"] = static_cast<double>(f.index->size());
}
BENCHMARK(BM_IndexLookupInsert)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

// Runs `texts` round and round through the stage, each under a uri of its own.
void run_stage(benchmark::State& state, Dedup& dedup, const std::vector<WireItem>& texts) {
  int64_t offset = 0;
  for (auto _ : state) {
    ItemContext ctx;
    ctx.item = texts[static_cast<size_t>(offset) % texts.size()];
    ctx.item.uri += "#" + std::to_string(offset);
    ctx.origin = {"bench", 0, offset++};
    dedup.process(ctx);
    benchmark::DoNotOptimize(ctx.verdict);
  }
  state.SetItemsProcessed(state.iterations());
}

// The whole stage (normalize, fingerprint, lookup, decide, insert) against
// an index already holding `entries` items: new texts, and one in eight a
// copy of an earlier one under another uri (found and judged a duplicate).
void BM_DedupStage(benchmark::State& state) {
  Filled& f = filled_index(static_cast<size_t>(state.range(0)));
  Dedup dedup(DedupOptions{}, f.index);
  std::mt19937_64 rng(5);
  std::vector<WireItem> texts;
  for (uint64_t i = 0; i < 4096; ++i) {
    texts.push_back(i % 8 == 7 ? texts[i - 7] : prose().item(rng, i + (1ULL << 50)));
  }
  run_stage(state, dedup, texts);
}
BENCHMARK(BM_DedupStage)->Arg(0)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);


// ---------------------------------------------- template-heavy, 1 k to 1 M

// Template-heavy copy (market reports, weather, results, a background
// paragraph every story of a subject repeats): each item is its own 250
// words after one of 200 templates of two boilerplate paragraphs. The index
// is filled from 5,000 such fingerprints; beyond that, each entry copies one
// of them with half its MinHash values replaced, keeping the boilerplate
// paragraph keys, so that at 1 M items a template's paragraph buckets hold
// 5,000 entries and its band buckets hundreds, as a busy desk's would.
class Templated {
 public:
  Templated() {
    std::mt19937_64 rng(23);
    for (uint64_t t = 0; t < 200; ++t) {
      const WireItem a = prose().item(rng, t), b = prose().item(rng, t + 1000);
      templates_.push_back(std::string(a.body_text().substr(0, 600)) + "\n\n" +
                           std::string(b.body_text().substr(0, 600)));
    }
    for (uint64_t i = 0; i < 5000; ++i) bases_.push_back(fingerprint(normalize(item(rng, i))).sketch);
  }

  WireItem item(std::mt19937_64& rng, uint64_t n) const {
    WireItem it = prose().item(rng, n);
    it.plain_body = it.plain_body.substr(0, 1200) + "\n\n" + templates_[n % templates_.size()];
    return it;
  }
  static NormalizedItem normalize(const WireItem& it) {
    return normalize_item(it.headline(), it.body_text());
  }

  IndexEntry entry(uint64_t n, std::mt19937_64& rng) const {
    IndexEntry e;
    e.uri = "urn:yna:AEN2026110" + std::to_string(1000000000 + n);
    e.version = "1";
    e.story = e.uri;
    e.source_family = "yonhap";
    e.story_family = e.source_family;
    e.event_ms = kT0 + static_cast<int64_t>(n % 1000);
    e.content_hash = rng() | 1;
    e.sketch = bases_[n % bases_.size()];
    if (n >= bases_.size()) {
      for (auto& v : e.sketch.body) {
        if (rng() % 2) v = static_cast<uint8_t>(rng());
      }
      for (auto& v : e.sketch.lead) {
        if (rng() % 2) v = static_cast<uint8_t>(rng());
      }
    }
    e.origin = {"wire.items", 0, static_cast<int64_t>(n)};
    return e;
  }

 private:
  std::vector<std::string> templates_;
  std::vector<Sketch> bases_;
};

const Templated& templated() {
  static const Templated t;
  return t;
}

// bounded = false: every chain walked whole and every candidate compared,
// as before the walks were bounded (for comparison).
std::shared_ptr<DedupIndex> templated_index(size_t entries, bool bounded) {
  static std::map<std::pair<size_t, bool>, std::shared_ptr<DedupIndex>> cache;
  auto& index = cache[{entries, bounded}];
  if (!index) {
    IndexOptions o = bench_options();
    if (!bounded) {
      o.max_chain = SIZE_MAX;
      o.max_band_chain = 0;
      o.max_candidates = 0;
    }
    index = std::make_shared<DedupIndex>(o);
    std::mt19937_64 rng(8);
    for (uint64_t n = 0; n < entries; ++n) index->apply_remote(templated().entry(n, rng));
  }
  return index;
}

// The whole dedup stage on fresh template-heavy items against an index of
// `entries` such items: the per-item cost must not grow with the index.
void BM_TemplateHeavyStage(benchmark::State& state) {
  auto index = templated_index(static_cast<size_t>(state.range(0)), state.range(1) != 0);
  Dedup dedup(DedupOptions{}, index);
  std::mt19937_64 rng(31);
  std::vector<WireItem> texts;
  for (uint64_t i = 0; i < 2048; ++i) texts.push_back(templated().item(rng, i + (1ULL << 40)));
  run_stage(state, dedup, texts);
  size_t candidates = 0;
  {
    auto session = index->session();
    for (size_t i = 0; i < 64; ++i) {
      candidates += session.candidates(fingerprint(Templated::normalize(texts[i]))).size();
    }
  }
  state.counters["candidates_per_lookup"] = static_cast<double>(candidates) / 64.0;
}
BENCHMARK(BM_TemplateHeavyStage)
    ->ArgNames({"entries", "bounded"})
    ->Args({1'000, 1})
    ->Args({100'000, 1})
    ->Args({1'000'000, 1})
    ->Args({1'000, 0})
    ->Args({100'000, 0})
    ->Unit(benchmark::kMicrosecond);

void BM_BytesPerItem(benchmark::State& state) {
  Filled& f = filled_index(static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(f.index->size());
  const double n = static_cast<double>(state.range(0));
  state.counters["heap_bytes_per_item"] = static_cast<double>(f.heap_bytes) / n;
  state.counters["estimated_bytes_per_item"] = static_cast<double>(f.index->memory_bytes()) /
                                               static_cast<double>(f.index->size());
  state.counters["serialized_bytes_per_item"] = [&] {
    std::mt19937_64 rng(1);
    return static_cast<double>(serialize(f.population->make(0, rng)).size());
  }();
}
BENCHMARK(BM_BytesPerItem)->Arg(1'000'000)->Iterations(1);

}  // namespace
}  // namespace wiredesk

BENCHMARK_MAIN();
