#include "app/commands.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include <spdlog/spdlog.h>

#include "app/logging.hpp"
#include "app/service.hpp"
#include "app/wiring.hpp"
#include "processors/core/engine.hpp"
#include "consumers/file_source.hpp"
#include "producers/jsonl_sink.hpp"

namespace wiredesk {

void CommonOptions::resolve() {
  if (!config_path.empty()) return;
  const char* env = std::getenv("WIREDESK_CONFIG");
  config_path = env && *env ? env : "config/wiredesk.yaml";
}

namespace {

// Loads and validates; prints every error as "file: key: message".
std::optional<Config> load_or_report(const CommonOptions& common) {
  LoadedConfig loaded = load_config(common.config_path, process_environment());
  if (!loaded.ok()) {
    for (const auto& e : loaded.errors) std::cerr << "error: " << e.to_string() << "\n";
    return std::nullopt;
  }
  return std::move(loaded.config);
}

void report(const std::vector<RulesFileError>& errors) {
  for (const auto& e : errors) std::cerr << "error: " << e.to_string() << "\n";
}

}  // namespace

int command_check_config(const CommonOptions& common) {
  auto config = load_or_report(common);
  if (!config) return 1;
  // The taxonomy and alert rules: parsed, validated and compiled as a reload
  // would, every error reported as "FILE: topic ID: message".
  const TagSet set = load_tag_set(tag_files(*config));
  if (!set.ok()) {
    report(set.errors);
    return 1;
  }
  std::cout << "ok: " << common.config_path;
  if (set.taxonomy) {
    std::cout << "; " << config->taxonomy << ": " << set.taxonomy->topics().size() << " topics, "
              << set.taxonomy->patterns().size() << " patterns";
  }
  if (set.rules) std::cout << "; " << config->alerts << ": " << set.rules->rules.size() << " rules";
  std::cout << "; brokers " << config->kafka.bootstrap_servers << " ("
            << connection_summary(*config) << ")\n";
  for (const auto& w : connection_warnings(*config)) std::cerr << "warning: " << w << "\n";
  return 0;
}

int command_process(const CommonOptions& common, const ProcessOptions& options) {
  auto config = load_or_report(common);
  if (!config) return 1;
  setup_logging(config->log);
  const std::string topic = options.topic.empty() ? config->input.topics.front() : options.topic;

  std::unique_ptr<Source> source;
  try {
    source = open_file_source(options.input, topic);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  std::ios::sync_with_stdio(false);
  std::vector<std::shared_ptr<Stage>> stages;
  try {
    stages = make_stages(*config);
  } catch (const TagFilesError& e) {
    report(e.errors());
    return 1;
  }
  Pipeline pipeline(pipeline_options(*config), std::move(stages), null_probe());
  // The same engine as `wiredesk run`, over the file and stdout.
  PullInput input(std::move(source));
  JsonLinesSink sink(std::cout);
  EngineOptions engine_options;
  engine_options.workers = options.workers;
  engine_options.window = 512;
  Engine engine(pipeline, input, sink, engine_options);
  const std::atomic<bool> stop{false};
  engine.run(stop);
  const bool ok = engine.drain(std::chrono::seconds(10)) && !engine.failed();
  spdlog::debug("processed {} input records", input.taken());
  return ok ? 0 : 1;
}

int command_run(const CommonOptions& common) {
  auto config = load_or_report(common);
  if (!config) return 1;
  setup_logging(config->log);
  try {
    return run_service(*config);
  } catch (const TagFilesError& e) {  // a broken taxonomy or alert-rule file at start-up
    report(e.errors());
    return 1;
  }
}

}  // namespace wiredesk
