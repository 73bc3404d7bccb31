// The CLI's subcommands; main.cpp only parses arguments.
#pragma once

#include <string>

namespace wiredesk {

struct CommonOptions {
  std::string config_path;  // --config, else $WIREDESK_CONFIG, else config/wiredesk.yaml
  void resolve();
};

struct ProcessOptions {
  std::string input = "-";
  std::string topic;
  size_t workers = 0;  // threads that prepare records; 0: one per core
};

int command_run(const CommonOptions& common);
int command_process(const CommonOptions& common, const ProcessOptions& options);
int command_check_config(const CommonOptions& common);

}  // namespace wiredesk
