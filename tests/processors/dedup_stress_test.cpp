// The generated stress set (scripts/gen-dedup-stress): thousands of stories
// in English and Korean with copies at known edit rates, write-throughs,
// flashes, redeliveries and look-alike stories. Measures duplicate and update
// precision/recall of the Dedup stage, and compares the two sketch methods
// (MinHash, SimHash) on the same pairs. Numbers go to benchmarks/README.md.
#include <gtest/gtest.h>

#include <unistd.h>

#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <unordered_map>

#include "dedup_support.hpp"
#include "processors/decode/decode.hpp"
#include "processors/dedup/fingerprint.hpp"
#include "processors/dedup/normalize.hpp"
#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

namespace fs = std::filesystem;
using testing::Label;

struct StressSet {
  std::vector<std::string> items;
  std::vector<Label> labels;
};

const StressSet& stress_set() {
  static const StressSet set = [] {
    const fs::path dir =
        fs::temp_directory_path() / ("wiredesk-dedup-stress-" + std::to_string(::getpid()));
    const std::string command = "python3 '" + std::string(WIREDESK_SOURCE_DIR) +
                                "/scripts/gen-dedup-stress' --seed 1 --out '" + dir.string() +
                                "' > /dev/null";
    StressSet s;
    if (std::system(command.c_str()) != 0) return s;
    s.items = wiredesk::testing::read_lines((dir / "items.jsonl").string());
    s.labels = testing::read_labels(wiredesk::testing::read_lines((dir / "labels.jsonl").string()));
    fs::remove_all(dir);
    return s;
  }();
  return set;
}

struct Rate {
  int true_positive = 0;
  int predicted = 0;
  int labelled = 0;
  double precision() const { return predicted ? double(true_positive) / predicted : 1.0; }
  double recall() const { return labelled ? double(true_positive) / labelled : 1.0; }
};

// Why an item and the one it should have matched were (not) matched.
void explain(testing::DedupRunner& runner, const std::string& line, const std::string& other) {
  Decoder decoder(DecodeOptions{});
  DecodeResult d = decoder.decode(line, "");
  const std::optional<IndexEntry> e = runner.dedup().index().get(other, "1");
  if (!d.ok() || !e) return;
  const NormalizedItem n = normalize_item(d.item().headline(), d.item().body_text());
  const Fingerprint fp = fingerprint(n);
  const Overlap o = compare(fp.sketch, e->sketch);
  std::printf("    vs %s: jaccard %.3f item-in-other %.3f other-in-item %.3f lead %.3f "
              "keys %016llx/%016llx markers %d/%d family %s/%s\n",
              other.c_str(), o.jaccard, o.a_in_b, o.b_in_a, o.lead_jaccard,
              static_cast<unsigned long long>(fp.sketch.key_tokens),
              static_cast<unsigned long long>(e->sketch.key_tokens), n.markers.bits, e->markers,
              source_family(d.item()).c_str(), e->source_family.c_str());
}

TEST(DedupStress, PrecisionAndRecallOnGeneratedSet) {
  const StressSet& set = stress_set();
  ASSERT_FALSE(set.items.empty()) << "scripts/gen-dedup-stress failed (python3 needed)";
  ASSERT_EQ(set.items.size(), set.labels.size());

  testing::DedupRunner runner;
  testing::Confusion confusion;
  Rate duplicate, update;
  int false_merges = 0, distinct_called_duplicate = 0, of_ok = 0, of_checked = 0;
  std::map<std::string, std::pair<int, int>> by_kind;  // kind → (right, total)
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < set.items.size(); ++i) {
    const Label& label = set.labels[i];
    const testing::Outcome got = runner.run(set.items[i], static_cast<int64_t>(i));
    ASSERT_TRUE(got.accepted) << "line " << i + 1;
    const std::string verdict(to_string(got.verdict));
    const bool right = verdict == label.verdict && got.story == label.story;
    confusion.add(label.verdict, verdict);
    if (!right && std::getenv("WIREDESK_STRESS_VERBOSE")) {
      std::printf("line %zu %s: label %s story %s source %s | got %s story %s of %s sim %.3f\n",
                  i + 1, label.kind.c_str(), label.verdict.c_str(), label.story.c_str(),
                  label.source.c_str(), verdict.c_str(), got.story.c_str(), got.of.c_str(),
                  got.similarity.value_or(-1));
      explain(runner, set.items[i], label.source.empty() ? got.of : label.source);
    }
    auto& k = by_kind[label.kind];
    k.first += right ? 1 : 0;
    ++k.second;
    for (auto [name, rate] : {std::pair{"duplicate", &duplicate}, std::pair{"update", &update}}) {
      if (verdict == name) ++rate->predicted;
      if (label.verdict == name) ++rate->labelled;
      if (right && verdict == name) ++rate->true_positive;
    }
    if (label.verdict == "new" && verdict != "new") ++false_merges;
    if (label.verdict == "new" && verdict == "duplicate") ++distinct_called_duplicate;
    if (label.kind == "copy" || label.kind == "redelivery") {
      ++of_checked;
      of_ok += got.of == label.source ? 1 : 0;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf("stress set: %zu items, %.2f s through decode+dedup (%.0f items/s)\n",
              set.items.size(), seconds, set.items.size() / seconds);
  std::printf("%s", confusion.to_string().c_str());
  std::printf("duplicate precision %.4f recall %.4f | update precision %.4f recall %.4f\n",
              duplicate.precision(), duplicate.recall(), update.precision(), update.recall());
  std::printf("false merges (new called update/duplicate): %d, of them duplicate: %d\n",
              false_merges, distinct_called_duplicate);
  std::printf("of = the copied item, for copies and redeliveries: %d / %d\n", of_ok, of_checked);
  for (const auto& [kind, rk] : by_kind) {
    std::printf("  %-20s %5d / %5d\n", kind.c_str(), rk.first, rk.second);
  }

  EXPECT_GE(duplicate.precision(), 0.99);
  EXPECT_GE(duplicate.recall(), 0.95);
  EXPECT_GE(update.precision(), 0.95);
  EXPECT_GE(update.recall(), 0.90);
  EXPECT_EQ(distinct_called_duplicate, 0);
  // The classes of issue 7: stories that restate their flash (or follow a
  // headline-only one), and copies cut to their opening paragraphs under a
  // headline of their own (a third of them with words changed, which the
  // opening sketch has to see through). Sibling flashes on one subject
  // within minutes are the hard negatives: at most a few of the ~3,200
  // distinct stories may be merged (measured: 1 on seed 1, 5-6 on seeds 2-3).
  auto rate = [&](const char* kind) {
    const auto& rk = by_kind[kind];
    return rk.second ? static_cast<double>(rk.first) / rk.second : 0.0;
  };
  EXPECT_GE(rate("flash_story"), 0.90);
  EXPECT_GE(rate("copy_truncated"), 0.75);
  EXPECT_LE(false_merges, 3);
}

// Pair-level comparison of the two sketch methods of design §3 on the same
// texts: copies vs their source (positives), look-alike stories vs the story
// they imitate and random same-language pairs (negatives).
TEST(DedupStress, MinHashVersusSimHash) {
  const StressSet& set = stress_set();
  ASSERT_FALSE(set.items.empty());
  Decoder decoder(DecodeOptions{});
  struct Sketched {
    Fingerprint fp;
    uint64_t simhash = 0;
    std::vector<uint64_t> shingles;
    std::string language;
  };
  std::unordered_map<std::string, Sketched> by_uri;
  double shingle_s = 0, minhash_s = 0, simhash_s = 0;
  for (size_t i = 0; i < set.items.size(); ++i) {
    DecodeResult d = decoder.decode(set.items[i], "");
    ASSERT_TRUE(d.ok());
    if (by_uri.count(d.item().uri)) continue;
    Sketched s;
    const NormalizedItem n = normalize_item(d.item().headline(), d.item().body_text());
    const std::string text = n.text();
    const auto t0 = std::chrono::steady_clock::now();
    s.shingles = shingle_hashes(text, shingle_size(text));
    const auto t1 = std::chrono::steady_clock::now();
    std::array<uint16_t, kBodyHashes> body{};
    minhash(s.shingles, body);
    const auto t2 = std::chrono::steady_clock::now();
    s.simhash = simhash(s.shingles);
    const auto t3 = std::chrono::steady_clock::now();
    shingle_s += std::chrono::duration<double>(t1 - t0).count();
    minhash_s += std::chrono::duration<double>(t2 - t1).count();
    simhash_s += std::chrono::duration<double>(t3 - t2).count();
    std::sort(s.shingles.begin(), s.shingles.end());  // for set_intersection below
    s.fp = fingerprint(n);
    s.language = d.item().language;
    by_uri.emplace(d.item().uri, std::move(s));
  }

  struct Pair {
    const Sketched* a;
    const Sketched* b;
    bool positive;
  };
  std::vector<Pair> pairs;
  std::vector<const Sketched*> originals;
  for (const Label& l : set.labels) {
    const auto a = by_uri.find(l.uri);
    const auto b = by_uri.find(l.source);
    if (l.kind == "original") originals.push_back(&a->second);
    if (b == by_uri.end()) continue;
    if (l.kind == "copy" || l.kind == "copy_of_lead") {
      pairs.push_back({&a->second, &b->second, true});
    }
    if (l.kind == "sibling" || l.kind == "other_agency_story") {
      pairs.push_back({&a->second, &b->second, false});
    }
  }
  std::mt19937 rng(7);
  for (int i = 0; i < 20000 && originals.size() > 1; ++i) {
    const Sketched* a = originals[rng() % originals.size()];
    const Sketched* b = originals[rng() % originals.size()];
    if (a != b && a->language == b->language) pairs.push_back({a, b, false});
  }

  auto exact_jaccard = [](const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
    std::vector<uint64_t> inter;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(inter));
    const double u = double(a.size() + b.size() - inter.size());
    return u > 0 ? inter.size() / u : 0.0;
  };
  double error_sum = 0;
  double error_max = 0;
  int positives = 0;
  for (const Pair& p : pairs) {
    const double est = compare(p.a->fp.sketch, p.b->fp.sketch).jaccard;
    const double err = std::abs(est - exact_jaccard(p.a->shingles, p.b->shingles));
    error_sum += err;
    error_max = std::max(error_max, err);
    positives += p.positive ? 1 : 0;
  }
  std::printf("pairs: %d copies, %zu negatives (look-alikes and random); "
              "MinHash Jaccard error mean %.3f max %.3f\n",
              positives, pairs.size() - positives, error_sum / pairs.size(), error_max);
  {
    std::vector<double> pos_j, neg_j, pos_c, neg_c;
    for (const Pair& p : pairs) {
      const Overlap o = compare(p.a->fp.sketch, p.b->fp.sketch);
      (p.positive ? pos_j : neg_j).push_back(o.jaccard);
      (p.positive ? pos_c : neg_c).push_back(o.shorter_contained());
    }
    for (auto* v : {&pos_j, &neg_j, &pos_c, &neg_c}) std::sort(v->begin(), v->end());
    auto q = [](const std::vector<double>& v, double f) {
      return v.empty() ? 0.0 : v[std::min(v.size() - 1, static_cast<size_t>(f * v.size()))];
    };
    std::printf("copies: jaccard p1 %.3f p5 %.3f p50 %.3f, contained p1 %.3f p5 %.3f | "
                "negatives: jaccard p99 %.3f p99.9 %.3f max %.3f, contained p99.9 %.3f max %.3f\n",
                q(pos_j, 0.01), q(pos_j, 0.05), q(pos_j, 0.5), q(pos_c, 0.01), q(pos_c, 0.05),
                q(neg_j, 0.99), q(neg_j, 0.999), neg_j.back(), q(neg_c, 0.999), neg_c.back());
  }
  auto report = [&](const char* name, auto&& says_copy) {
    int tp = 0, fp = 0;
    for (const Pair& p : pairs) {
      const bool yes = says_copy(p);
      tp += yes && p.positive;
      fp += yes && !p.positive;
    }
    const double precision = tp + fp ? double(tp) / (tp + fp) : 1.0;
    std::printf("  %-34s precision %.4f recall %.4f\n", name, precision, double(tp) / positives);
  };
  for (int k : {3, 6, 10, 14}) {
    const std::string name = "SimHash hamming <= " + std::to_string(k);
    report(name.c_str(),
           [&](const Pair& p) { return std::popcount(p.a->simhash ^ p.b->simhash) <= k; });
  }
  for (double t : {0.5, 0.6, 0.75, 0.9}) {
    char name[64];
    std::snprintf(name, sizeof name, "MinHash jaccard >= %.2f", t);
    report(name,
           [&](const Pair& p) { return compare(p.a->fp.sketch, p.b->fp.sketch).jaccard >= t; });
  }
  report("MinHash dedup rule (J or contained)", [&](const Pair& p) {
    const Overlap o = compare(p.a->fp.sketch, p.b->fp.sketch);
    const DedupOptions d;
    return o.jaccard >= d.duplicate_jaccard || (o.shorter_contained() >= d.duplicate_containment &&
                                                o.jaccard >= d.duplicate_min_jaccard);
  });
  const double n = static_cast<double>(by_uri.size());
  std::printf("per text (%zu texts): shingling %.1f us, MinHash-128 %.1f us, SimHash-64 %.1f us\n",
              by_uri.size(), 1e6 * shingle_s / n, 1e6 * minhash_s / n, 1e6 * simhash_s / n);
}

}  // namespace
}  // namespace wiredesk
