// wiredesk: real-time news-wire stream processor.
#include <CLI/CLI.hpp>

#include <string>

#ifdef WIREDESK_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

#include "app/commands.hpp"
#include "app/version.hpp"

namespace {

// The allocator this binary runs on, for --version.
std::string allocator() {
#ifdef WIREDESK_JEMALLOC
  const char* version = nullptr;
  size_t size = sizeof version;
  if (mallctl("version", &version, &size, nullptr, 0) == 0 && version) {
    return std::string("jemalloc ") + version;
  }
  return "jemalloc";
#else
  return "system malloc";
#endif
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"wiredesk: news-wire stream processor (Kafka in, deduplicated and tagged items out)"};
  cli.set_version_flag("--version", std::string("wiredesk ") + wiredesk::kVersion + " (" +
                                        wiredesk::kGitRevision + "), " + allocator());
  cli.require_subcommand(1);
  // Global options (--config) are taken before or after the subcommand:
  // subcommands created below inherit this and pass them up.
  cli.fallthrough();

  wiredesk::CommonOptions common;
  cli.add_option("-c,--config", common.config_path,
                 "configuration file (default: $WIREDESK_CONFIG, else /etc/wiredesk/wiredesk.yaml "
                 "when it exists, else the defaults built in)");

  auto* run = cli.add_subcommand("run", "run the Kafka service: consume, process, produce");

  wiredesk::ProcessOptions process;
  auto* proc = cli.add_subcommand(
      "process", "process JSON Lines (FILE, a directory of messages, or - for stdin) without a "
                 "broker; write output records as JSON Lines to stdout");
  proc->add_option("input", process.input, "FILE, DIRECTORY or - (default)");
  proc->add_option("--topic", process.topic,
                   "input topic name recorded as origin (default: first of input.topics)");
  proc->add_option("--clock", process.clock,
                   "what embargoes are judged by: wall (default) or event (the latest event "
                   "time seen: a recorded wire replays the same way every time)")
      ->check(CLI::IsMember({"wall", "event"}));
  proc->add_option("--workers", process.workers,
                   "threads that decode, fingerprint and tag (default 0: one fewer than cores, at least 1); the "
                   "dedup decision and the output stay in input order");

  wiredesk::ReplayOptions replay;
  auto* rep = cli.add_subcommand(
      "replay", "reprocess a time range of the input topics (offsets for times; no group is "
                "joined, nothing is committed): a dry run to stdout, or to the output topics "
                "under --output-prefix");
  rep->add_option("--from", replay.from, "start: RFC 3339, or a duration ago (2h, 30m)")
      ->required();
  rep->add_option("--to", replay.to, "end: RFC 3339, or a duration ago (default: now)");
  rep->add_option("--topics", replay.topics, "input topics (default: input.topics)")
      ->delimiter(',');
  rep->add_option("--output-prefix", replay.output_prefix,
                  "produce to PREFIX + each output topic (default: dry run to stdout)");
  rep->add_option("--workers", replay.workers, "worker threads (default 0: one fewer than cores, at least 1)");

  auto* check = cli.add_subcommand("check-config", "validate the configuration and exit");

  auto* config = cli.add_subcommand("config", "show the effective configuration or the defaults");
  config->require_subcommand(1);
  auto* show = config->add_subcommand(
      "show", "print the effective configuration (file and WIREDESK_* environment), secrets masked");
  std::string default_name;
  auto* defaults = config->add_subcommand(
      "defaults", "print the default files built into the binary (wiredesk.yaml, taxonomy.yaml, "
                  "alerts.yaml), to start a configuration from");
  defaults->add_option("name", default_name, "one of them (default: all, each under a header)");

  CLI11_PARSE(cli, argc, argv);
  common.resolve();
  if (*run) return wiredesk::command_run(common);
  if (*proc) return wiredesk::command_process(common, process);
  if (*check) return wiredesk::command_check_config(common);
  if (*rep) return wiredesk::command_replay(common, replay);
  if (*show) return wiredesk::command_config_show(common);
  if (*defaults) return wiredesk::command_config_defaults(default_name);
  return 2;
}
