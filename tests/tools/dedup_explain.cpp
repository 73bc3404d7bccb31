// Developer tool: how two items compare for the dedup stage.
//
//   dedup-explain ITEMS.jsonl LINE_A LINE_B
//
// Prints the estimated overlap of the two items' sketches (Jaccard,
// containment both ways, headline + lead), their numbers and dates, opening
// keys, markers, the names each is told by (slugline words not taken out),
// and the flash terms of A with their coverage in B.
#include <algorithm>
#include <bit>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "processors/decode/decode.hpp"
#include "processors/dedup/fingerprint.hpp"
#include "processors/dedup/names.hpp"
#include "processors/dedup/normalize.hpp"
#include "processors/dedup/terms.hpp"

int main(int argc, char** argv) {
  using namespace wiredesk;
  if (argc != 4) {
    std::cerr << "usage: dedup-explain ITEMS.jsonl LINE_A LINE_B\n";
    return 2;
  }
  std::vector<std::string> lines;
  std::ifstream in(argv[1]);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const size_t a = std::stoul(argv[2]);
  const size_t b = std::stoul(argv[3]);
  if (a == 0 || b == 0 || a > lines.size() || b > lines.size()) {
    std::cerr << "line out of range\n";
    return 2;
  }
  Decoder decoder(DecodeOptions{});
  auto load = [&](size_t n) {
    DecodeResult r = decoder.decode(lines[n - 1], "");
    if (!r.ok()) {
      std::cerr << "line " << n << " does not decode\n";
      std::exit(1);
    }
    return normalize_item(r.item().headline(), r.item().body_text());
  };
  const NormalizedItem na = load(a);
  const NormalizedItem nb = load(b);
  // The names each is told by (names.hpp), and those B's kept ones hold of A's.
  auto names_of = [&](size_t n) {
    DecodeResult r = decoder.decode(lines[n - 1], "");
    const WireItem& item = r.item();
    std::string words;
    for (const auto& w : name_words(item.headline(), item.body_text(), false)) {
      if (!is_common_word(w)) words += (words.empty() ? "" : " ") + w;
    }
    return std::pair(story_names(item.headline(), item.body_text(), item.slugline), words);
  };
  const auto [names_a, words_a] = names_of(a);
  const auto [names_b, words_b] = names_of(b);
  const Fingerprint fa = fingerprint(na);
  const Fingerprint fb = fingerprint(nb);
  const Overlap ov = compare(fa.sketch, fb.sketch);
  std::printf("jaccard %.3f  a_in_b %.3f  b_in_a %.3f  lead_jaccard %.3f  lead_a_in_b %.3f  "
              "lead_b_in_a %.3f\n",
              ov.jaccard, ov.a_in_b, ov.b_in_a, ov.lead_jaccard, ov.lead_a_in_b, ov.lead_b_in_a);
  std::printf("shingles a %u b %u; key tokens a %d b %d, only a %d, only b %d; opening %.3f\n",
              fa.sketch.body_shingles, fb.sketch.body_shingles,
              std::popcount(fa.sketch.key_tokens), std::popcount(fb.sketch.key_tokens),
              std::popcount(fa.sketch.key_tokens & ~fb.sketch.key_tokens),
              std::popcount(fb.sketch.key_tokens & ~fa.sketch.key_tokens),
              ov.opening_jaccard);
  std::printf("markers a %u level %u, b %u level %u; paragraphs a %zu b %zu\n",
              na.markers.bits, na.markers.level, nb.markers.bits, nb.markers.level,
              na.paragraphs.size(), nb.paragraphs.size());
  std::printf("names of a (%zu): %s\nnames of b (%zu): %s\nb's kept names hold weight %d of a's\n",
              names_a.size(), words_a.c_str(), names_b.size(), words_b.c_str(),
              shared_names(names_a, keep_names(names_b), kept_headline_names(names_b)));
  // As the stage reads it (B the later item, A's names as its entry keeps
  // them), and the names of weight 2 that are in both headlines.
  const StoryNames kept_a = keep_names(names_a);
  const uint8_t head_a = kept_headline_names(names_a);
  int both_headlines = 0;
  for (size_t i = 0; i < names_b.headline; ++i) {
    const auto at = std::find(kept_a.begin(), kept_a.end(), names_b.hashes[i]);
    if (at != kept_a.end() && at - kept_a.begin() < head_a && names_b.weights[i] == 2) {
      ++both_headlines;
    }
  }
  std::printf("a's kept names hold weight %d of b's; names of weight 2 in both headlines %d\n",
              shared_names(names_b, kept_a, head_a), both_headlines);
  const auto places = [](const NameList& n) {
    std::string out;
    for (const uint16_t p : n.places) out += (out.empty() ? "" : " ") + std::to_string(p);
    return out;
  };
  std::printf("places of a: %s; of b: %s; shared %d\n", places(names_a).c_str(),
              places(names_b).c_str(), places_shared(names_b, kept_a) ? 1 : 0);
  const TermSet ta = flash_terms(na);
  const TermSet tb = opening_terms(nb);
  std::printf("flash terms of a: %zu words, %zu numbers, %zu concepts; in b: words %.2f, "
              "concepts %.2f, numbers missing %zu\n",
              ta.words.size(), ta.numbers.size(), ta.concepts.size(), word_coverage(ta, tb),
              concept_coverage(ta, tb), numbers_missing(ta, tb));
  // B's headline read as a flash (first syllables, stems) in A's opening.
  NormalizedItem head_b;
  head_b.headline = nb.headline;
  const TermSet hb = flash_terms(head_b);
  const TermSet oa = opening_terms(na, 3);
  std::printf("headline terms of b: %zu words in a's opening: %.2f; shared whole paragraphs %zu\n",
              hb.words.size(), word_coverage(hb, oa), [&] {
                size_t n = 0;
                for (const auto& p : nb.paragraphs) {
                  for (const auto& q : na.paragraphs) n += p == q ? 1 : 0;
                }
                return n;
              }());
  return 0;
}
