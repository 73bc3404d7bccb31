// libFuzzer target: the YAML loaders an operator's files go through — the
// service config, the taxonomy and the alert rules. The first byte picks the
// loader, the rest is the file. A loader must never crash or throw: it
// accepts the text or returns errors that name a place. Whatever loads is then
// used: a taxonomy tags sample items, alert rules judge them.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/taxonomy_loader.hpp"
#include "processors/tag/alert_ledger.hpp"
#include "processors/tag/alerts.hpp"
#include "processors/core/pipeline.hpp"
#include "processors/tag/tagger.hpp"

namespace {

using namespace wiredesk;

class NullProbe final : public Probe {};

[[noreturn]] void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_rules: %s\n%s\n", what, detail.c_str());
  std::abort();
}

const std::shared_ptr<const CompiledTaxonomy>& shipped_taxonomy() {
  static const std::shared_ptr<const CompiledTaxonomy> taxonomy = [] {
    TaxonomyLoad t = load_taxonomy(WIREDESK_SOURCE_DIR "/config/taxonomy.yaml");
    if (!t.ok()) finding("the shipped taxonomy does not load", "");
    return t.taxonomy;
  }();
  return taxonomy;
}

// Two items the tagger and the alerter are exercised on.
const std::vector<std::string>& sample_items() {
  static const std::vector<std::string> items = {
      R"({"uri":"urn:x:1","version":"1","urgency":1,"language":"en",)"
      R"("headline":"FLASH: N. Korea fires ballistic missile into East Sea",)"
      R"("body_text":"North Korea fired a ballistic missile on Monday, the Joint Chiefs of Staff said. )"
      R"(The launch came as Seoul and Washington held a summit on sanctions."})",
      R"({"uri":"urn:x:2","version":"1","language":"ko","headline":"(속보) 북한, 동해상으로 탄도미사일 발사",)"
      R"("body_text":"합동참모본부는 북한이 탄도미사일을 발사했다고 밝혔다. 코스피는 2.5% 하락했다."})",
  };
  return items;
}

void run(std::shared_ptr<const CompiledTaxonomy> taxonomy,
         std::shared_ptr<const AlertRules> rules) {
  auto alerter = std::make_shared<Alerter>(std::move(rules));
  alerter->set_ledger(std::make_shared<AlertLedger>());
  NullProbe probe;
  Pipeline pipeline(PipelineOptions{},
                    {std::make_shared<Tagger>(std::move(taxonomy)), alerter}, probe,
                    [] { return int64_t{1796245200000}; });
  for (size_t i = 0; i < sample_items().size(); ++i) {
    InputRecord in;
    in.origin = {"wire.items", 0, static_cast<int64_t>(i)};
    in.value = sample_items()[i];
    std::vector<OutputRecord> out;
    pipeline.process(in, out);
    if (out.empty()) finding("a sample item produced nothing", std::string(in.value));
  }
}

void check_errors(const std::vector<RulesFileError>& errors, const std::string& text) {
  for (const auto& e : errors) {
    if (e.message.empty()) finding("an error without a message", text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      LoadedConfig loaded = parse_config(text, "/fuzz/wiredesk.yaml",
                                         {"WIREDESK_KAFKA_BROKERS=broker:9092"});
      for (const auto& e : loaded.errors) {
        if (e.message.empty()) finding("a config error without a message", text);
      }
      if (loaded.ok()) (void)instance_id(loaded.config);
      break;
    }
    case 1: {
      TaxonomyLoad load = parse_taxonomy(text, "taxonomy.yaml");
      check_errors(load.errors, text);
      if (load.ok() == !load.errors.empty()) finding("a taxonomy both loaded and failed", text);
      if (load.ok()) run(load.taxonomy, nullptr);
      break;
    }
    case 2: {
      AlertRulesLoad load = parse_alert_rules(text, "alerts.yaml", shipped_taxonomy().get());
      check_errors(load.errors, text);
      if (load.ok() == !load.errors.empty()) finding("alert rules both loaded and failed", text);
      if (load.ok()) run(shipped_taxonomy(), load.rules);
      break;
    }
  }
  return 0;
}
