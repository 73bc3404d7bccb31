// Helpers shared by the tag and alert tests: the default rule files, labelled
// fixture items, and small taxonomies written inline as YAML.
#pragma once

#include <algorithm>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <simdjson.h>

#include "config/taxonomy_loader.hpp"
#include "processors/decode/decode.hpp"
#include "processors/core/stage.hpp"
#include "processors/tag/tagger.hpp"

namespace wiredesk::test {

inline std::string source_path(const std::string& relative) {
  return std::string(WIREDESK_SOURCE_DIR) + "/" + relative;
}
inline std::string fixture_path(const std::string& relative) {
  return std::string(WIREDESK_FIXTURES) + "/" + relative;
}

inline std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// The shipped taxonomy, compiled once for the whole test binary.
inline std::shared_ptr<const CompiledTaxonomy> default_taxonomy() {
  static const std::shared_ptr<const CompiledTaxonomy> taxonomy = [] {
    TaxonomyLoad load = load_taxonomy(source_path("config/taxonomy.yaml"));
    if (!load.ok()) {
      std::string all;
      for (const auto& e : load.errors) all += e.to_string() + "\n";
      throw std::runtime_error("default taxonomy does not load:\n" + all);
    }
    return load.taxonomy;
  }();
  return taxonomy;
}

inline std::shared_ptr<const AlertRules> default_alert_rules() {
  static const std::shared_ptr<const AlertRules> rules = [] {
    AlertRulesLoad load =
        load_alert_rules(source_path("config/alerts.yaml"), default_taxonomy().get());
    if (!load.ok()) throw std::runtime_error("default alert rules do not load");
    return load.rules;
  }();
  return rules;
}

// A taxonomy from YAML text; fails the test when it does not compile.
inline std::shared_ptr<const CompiledTaxonomy> taxonomy_from(const std::string& yaml) {
  TaxonomyLoad load = parse_taxonomy(yaml, "inline.yaml");
  std::string all;
  for (const auto& e : load.errors) all += e.to_string() + "\n";
  if (!load.ok()) throw std::runtime_error("inline taxonomy does not load:\n" + all);
  return load.taxonomy;
}

inline WireItem decode_item(const std::string& json) {
  Decoder decoder(DecodeOptions{});
  DecodeResult r = decoder.decode(json, "Yonhap News Agency");
  if (!r.ok()) throw std::runtime_error("fixture does not decode: " + r.error().detail);
  return std::move(r.item());
}

// An item made for a test: headline and body in plain text.
inline WireItem make_item(std::string headline, std::string body, std::string language = "en",
                          int urgency = 5) {
  WireItem item;
  item.uri = "urn:test:" + std::to_string(std::hash<std::string>{}(headline + body));
  item.language = std::move(language);
  item.urgency = urgency;
  item.headlines.push_back({"main", "text/plain", std::move(headline), {}});
  item.bodies.push_back({"main", "text/plain", body, {}});
  item.plain_body = std::move(body);
  return item;
}

inline std::vector<std::string> topic_ids(const std::vector<TopicMatch>& topics) {
  std::vector<std::string> ids;
  for (const auto& t : topics) ids.push_back(t.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

inline std::vector<std::string> tag_ids(const CompiledTaxonomy& taxonomy, const WireItem& item) {
  return topic_ids(tag_text(taxonomy, item_text(item)));
}

inline bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// One line of a labels.jsonl file (tests/fixtures/README.md).
struct Label {
  std::string uri;
  std::string lang;  // tagging/ set only
  std::string pair;  // tagging/ set: id shared by the English and Korean versions
  std::vector<std::string> must;
  std::vector<std::string> must_not;
  std::vector<std::string> may;  // blind sets: topics an editor accepts as defensible
  bool has_may = false;
  std::string note;
};

inline std::vector<Label> read_labels(const std::string& path) {
  std::vector<Label> labels;
  simdjson::ondemand::parser parser;
  for (const auto& line : read_lines(path)) {
    simdjson::padded_string padded(line);
    auto doc = parser.iterate(padded);
    Label label;
    auto string_field = [&](const char* key, std::string& out) {
      std::string_view v;
      if (doc[key].get_string().get(v) == simdjson::SUCCESS) out = std::string(v);
    };
    auto list_field = [&](const char* key, std::vector<std::string>& out) {
      simdjson::ondemand::array array;
      if (doc[key].get_array().get(array) != simdjson::SUCCESS) return;
      for (auto value : array) {
        std::string_view v;
        if (value.get_string().get(v) == simdjson::SUCCESS) out.emplace_back(v);
      }
    };
    string_field("uri", label.uri);
    string_field("lang", label.lang);
    string_field("pair", label.pair);
    list_field("must", label.must);
    list_field("must_not", label.must_not);
    {
      simdjson::ondemand::array array;
      label.has_may = doc["may"].get_array().get(array) == simdjson::SUCCESS;
    }
    list_field("may", label.may);
    string_field("note", label.note);
    labels.push_back(std::move(label));
  }
  return labels;
}

}  // namespace wiredesk::test
