// Developer tool: why each topic was (or was not) assigned.
//
//   tag-explain TAXONOMY ITEMS.jsonl
//
// One JSON line per item: its uri and, for every topic with evidence, the
// score, where the evidence is (headline, lead, body), how many mentions and
// body paragraphs, and whether the tagger assigns it. scripts/quality
// --explain reads it to study what tagging rules would change.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "config/taxonomy_loader.hpp"
#include "processors/decode/decode.hpp"
#include "processors/tag/tagger.hpp"

int main(int argc, char** argv) {
  using namespace wiredesk;
  if (argc != 3) {
    std::cerr << "usage: tag-explain TAXONOMY ITEMS.jsonl\n";
    return 2;
  }
  TaxonomyLoad load = load_taxonomy(argv[1]);
  if (!load.ok()) {
    for (const auto& e : load.errors) std::cerr << e.to_string() << "\n";
    return 1;
  }
  const CompiledTaxonomy& taxonomy = *load.taxonomy;
  Decoder decoder(DecodeOptions{});
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    DecodeResult decoded = decoder.decode(line, "");
    if (!decoded.ok()) {
      std::printf("{\"error\":true}\n");
      continue;
    }
    const WireItem& item = decoded.item();
    const ItemText text = item_text(item);
    std::vector<std::string> assigned;
    for (const auto& t : tag_text(taxonomy, text)) assigned.push_back(t.id);
    std::printf("{\"uri\":\"%s\",\"topics\":[", item.uri.c_str());
    bool first = true;
    for (const TopicScore& s : score_topics(taxonomy, text)) {
      const auto& t = taxonomy.topics()[s.topic];
      const bool on = std::find(assigned.begin(), assigned.end(), t.id) != assigned.end();
      std::printf("%s{\"id\":\"%s\",\"kind\":\"%s\",\"score\":%.2f,\"threshold\":%.2f,"
                  "\"headline\":%.2f,\"lead\":%.2f,\"body\":%.2f,\"mentions\":%u,"
                  "\"paragraphs\":%u,\"naming\":%u,\"naming_top\":%u,\"vetoed\":%s,\"assigned\":%s}",
                  first ? "" : ",", t.id.c_str(), t.kind.c_str(), s.score, t.threshold,
                  s.headline, s.lead, s.body, s.mentions, s.paragraphs, s.naming, s.naming_top,
                  s.vetoed ? "true" : "false", on ? "true" : "false");
      first = false;
    }
    std::printf("],\"evidence\":[");
    first = true;
    for (const TopicEvidence& e : topic_evidence(taxonomy, text)) {
      std::string hit(e.text);
      for (char& c : hit) {
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = ' ';
      }
      std::printf("%s[\"%s\",\"%s\",%s%.1f,\"%s\"]", first ? "" : ",",
                  taxonomy.topics()[e.topic].id.c_str(), std::string(to_string(e.field)).c_str(),
                  e.effect == Effect::subtract ? "-" : "", e.weight, hit.c_str());
      first = false;
    }
    std::printf("],\"assigned\":[");
    for (size_t i = 0; i < assigned.size(); ++i) {
      std::printf("%s\"%s\"", i ? "," : "", assigned[i].c_str());
    }
    std::printf("]}\n");
  }
  return 0;
}
