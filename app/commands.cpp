#include "app/commands.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>

#include <spdlog/spdlog.h>

#include "app/logging.hpp"
#include "app/service.hpp"
#include "app/wiring.hpp"
#include "config/defaults.hpp"
#include "consumers/file_source.hpp"
#include "consumers/kafka_range_source.hpp"
#include "processors/core/engine.hpp"
#include "processors/decode/json_writer.hpp"
#include "producers/jsonl_sink.hpp"
#include "producers/kafka_sink.hpp"

namespace wiredesk {

void CommonOptions::resolve() {
  if (!config_path.empty()) return;
  config_path = default_config_path(std::getenv("WIREDESK_CONFIG"));
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

// The stages of file mode and replay; a broken taxonomy or alert-rule file is
// reported, every error on its own line.
std::optional<std::vector<std::shared_ptr<Stage>>> stages_or_report(const Config& config) {
  try {
    return make_stages(config);
  } catch (const TagFilesError& e) {
    report(e.errors());
    return std::nullopt;
  }
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
  for (const auto& w : memory_warnings(*config, container_memory_limit())) {
    std::cerr << "warning: " << w << "\n";
  }
  return 0;
}

int command_config_show(const CommonOptions& common) {
  auto config = load_or_report(common);
  if (!config) return 1;
  std::cout << "# effective configuration: " << common.config_path
            << " and the WIREDESK_* environment; secrets masked\n"
            << config_to_yaml(*config);
  return 0;
}

int command_config_defaults(const std::string& name) {
  bool found = false;
  for (const EmbeddedFile& f : embedded_files()) {
    if (!name.empty() && f.name != name) continue;
    if (name.empty()) std::cout << "# ---- " << kBuiltinScheme << f.name << "\n";
    std::cout << f.text;
    if (!f.text.empty() && f.text.back() != '\n') std::cout << "\n";
    found = true;
  }
  if (!found) {
    std::cerr << "error: no embedded file '" << name << "' (";
    const char* sep = "";
    for (const EmbeddedFile& f : embedded_files()) {
      std::cerr << sep << f.name;
      sep = ", ";
    }
    std::cerr << ")\n";
    return 2;
  }
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
  auto stages = stages_or_report(*config);
  if (!stages) return 1;
  PipelineOptions process_options = pipeline_options(*config);
  process_options.embargo_clock = std::make_shared<EmbargoClock>(
      options.clock == "event" ? EmbargoClock::Kind::event : EmbargoClock::Kind::wall);
  Pipeline pipeline(process_options, std::move(*stages), null_probe());
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
  // At the end of a file, items still under embargo stay held: counted, not
  // flushed.
  if (engine.held() > 0) {
    spdlog::info("{} items still under embargo at the end of the input (not written); {} released",
                 engine.held(), engine.released());
  }
  return ok ? 0 : 1;
}

bool parse_replay_time(const std::string& text, int64_t now_ms, int64_t& out_ms) {
  if (parse_rfc3339_ms(text, out_ms)) return true;
  std::chrono::milliseconds ago{};
  if (!parse_duration(text, ago)) return false;
  out_ms = now_ms - ago.count();
  return true;
}

namespace {

// Progress on a terminal (items done/total, rate, ETA), at most 5 times a second.
class ReplayProgress final : public EngineObserver {
 public:
  ReplayProgress(const KafkaRangeSource& source, bool terminal)
      : source_(source), terminal_(terminal), start_(std::chrono::steady_clock::now()) {}

  void tick() override {
    if (!terminal_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    draw(now);
  }
  void produced(const std::string& topic) override { ++produced_[topic]; }
  void finish() {
    if (terminal_) {
      draw(std::chrono::steady_clock::now());
      std::cerr << "\n";
    }
  }
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  const std::map<std::string, size_t>& produced() const { return produced_; }

 private:
  void draw(std::chrono::steady_clock::time_point now) {
    const double done = static_cast<double>(source_.taken());
    const double total = static_cast<double>(std::max<int64_t>(source_.total(), 1));
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? done / secs : 0;
    const int width = 30;
    const int filled = static_cast<int>(width * done / total);
    const double eta = rate > 0 ? (total - done) / rate : 0;
    std::cerr << "\r[" << std::string(static_cast<size_t>(filled), '=')
              << std::string(static_cast<size_t>(width - filled), ' ') << "] "
              << static_cast<int64_t>(done) << "/" << source_.total() << " "
              << static_cast<int>(rate) << "/s ETA " << static_cast<int>(eta) << " s   "
              << std::flush;
  }

  const KafkaRangeSource& source_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
  std::map<std::string, size_t> produced_;
};

}  // namespace

int command_replay(const CommonOptions& common, const ReplayOptions& options) {
  auto config = load_or_report(common);
  if (!config) return 1;
  setup_logging(config->log);
  const int64_t now = now_ms();
  int64_t from = 0;
  if (!parse_replay_time(options.from, now, from)) {
    std::cerr << "error: --from: expected RFC 3339 or a duration such as 2h, got '"
              << options.from << "'\n";
    return 2;
  }
  std::optional<int64_t> to;
  if (!options.to.empty()) {
    int64_t t = 0;
    if (!parse_replay_time(options.to, now, t)) {
      std::cerr << "error: --to: expected RFC 3339 or a duration such as 30m, got '"
                << options.to << "'\n";
      return 2;
    }
    to = t;
  }
  const std::vector<std::string> topics =
      options.topics.empty() ? config->input.topics : options.topics;

  auto stages = stages_or_report(*config);
  if (!stages) return 1;
  // Output: a dry run to stdout, or the output topics under a prefix (never
  // the live ones), without transactions.
  PipelineOptions pipeline_opts = pipeline_options(*config);
  if (!options.output_prefix.empty()) {
    for (std::string* topic : {&pipeline_opts.topics.items, &pipeline_opts.topics.duplicates,
                               &pipeline_opts.topics.alerts, &pipeline_opts.topics.dlq,
                               &pipeline_opts.topics.stories}) {
      if (!topic->empty()) *topic = options.output_prefix + *topic;
    }
  }
  // Embargoes as the service judges them (wall clock): an item still under
  // embargo is not written, and stays held at the end of the range (counted).
  pipeline_opts.embargo_clock = std::make_shared<EmbargoClock>(EmbargoClock::Kind::wall);
  Pipeline pipeline(pipeline_opts, std::move(*stages), null_probe());
  std::unique_ptr<KafkaRangeSource> source;
  std::unique_ptr<OutputPort> sink;
  try {
    source = std::make_unique<KafkaRangeSource>(consumer_properties(*config), topics, from, to);
    if (options.output_prefix.empty()) {
      std::ios::sync_with_stdio(false);
      sink = std::make_unique<JsonLinesSink>(std::cout);
    } else {
      auto props = producer_properties(*config);
      props.erase("transactional.id");
      KafkaSinkHooks hooks;
      hooks.dead_letter_topic = pipeline_opts.topics.dlq;
      sink = std::make_unique<KafkaSink>(props, std::move(hooks));
    }
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  ReplayProgress progress(*source, isatty(STDERR_FILENO) == 1);
  EngineOptions engine_options;
  engine_options.workers = options.workers;
  engine_options.window = 512;
  Engine engine(pipeline, *source, *sink, engine_options, &progress);
  const std::atomic<bool> stop{false};
  engine.run(stop);
  const bool ok = engine.drain(std::chrono::seconds(30)) && !engine.failed();
  progress.finish();
  std::string counts;
  for (const auto& [topic, n] : progress.produced()) {
    counts += (counts.empty() ? "" : ", ") + topic + " " + std::to_string(n);
  }
  std::cerr << "replay: " << source->taken() << " of " << source->total() << " records from "
            << json::format_time_ms(from) << " to "
            << (to ? json::format_time_ms(*to) : std::string("the end")) << " in "
            << static_cast<int>(progress.seconds() * 10) / 10.0 << " s"
            << (options.output_prefix.empty() ? " (dry run)" : "") << "; " << counts;
  if (engine.held() > 0) std::cerr << "; " << engine.held() << " still under embargo (not written)";
  std::cerr << "\n";
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
