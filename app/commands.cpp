#include "app/commands.hpp"

#include <cstdlib>
#include <iostream>

#include <spdlog/spdlog.h>

#include "app/logging.hpp"
#include "app/service.hpp"
#include "app/wiring.hpp"
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

}  // namespace

int command_check_config(const CommonOptions& common) {
  auto config = load_or_report(common);
  if (!config) return 1;
  std::cout << "ok: " << common.config_path << "\n";
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
  Pipeline pipeline(pipeline_options(*config), make_stages(*config), null_probe());
  JsonLinesSink sink(std::cout);
  InputRecord record;
  std::string storage;
  std::vector<OutputRecord> out;
  size_t count = 0;
  while (source->next(record, storage)) {
    out.clear();
    pipeline.process(record, out);
    for (const auto& r : out) sink.write(r);
    ++count;
  }
  sink.flush();
  spdlog::debug("processed {} input records", count);
  return 0;
}

int command_run(const CommonOptions& common) {
  auto config = load_or_report(common);
  if (!config) return 1;
  setup_logging(config->log);
  return run_service(*config);
}

}  // namespace wiredesk
