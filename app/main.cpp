// wiredesk: real-time news-wire stream processor.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "app/version.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"wiredesk: news-wire stream processor (Kafka in, deduplicated and tagged items out)"};
  cli.set_version_flag("--version", std::string("wiredesk ") + wiredesk::kVersion + " (" +
                                        wiredesk::kGitRevision + ")");
  cli.require_subcommand(1);

  wiredesk::CommonOptions common;
  cli.add_option("-c,--config", common.config_path,
                 "configuration file (default: $WIREDESK_CONFIG, else config/wiredesk.yaml)");

  auto* run = cli.add_subcommand("run", "run the Kafka service: consume, process, produce");

  wiredesk::ProcessOptions process;
  auto* proc = cli.add_subcommand(
      "process", "process JSON Lines (FILE, a directory of messages, or - for stdin) without a "
                 "broker; write output records as JSON Lines to stdout");
  proc->add_option("input", process.input, "FILE, DIRECTORY or - (default)");
  proc->add_option("--topic", process.topic,
                   "input topic name recorded as origin (default: first of input.topics)");
  proc->add_option("--workers", process.workers,
                   "threads that decode, fingerprint and tag (default 0: one per core); the "
                   "dedup decision and the output stay in input order");

  auto* check = cli.add_subcommand("check-config", "validate the configuration and exit");

  CLI11_PARSE(cli, argc, argv);
  common.resolve();
  if (*run) return wiredesk::command_run(common);
  if (*proc) return wiredesk::command_process(common, process);
  if (*check) return wiredesk::command_check_config(common);
  return 2;
}
