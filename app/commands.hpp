// The CLI's subcommands; main.cpp only parses arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wiredesk {

struct CommonOptions {
  // --config, else $WIREDESK_CONFIG, else /etc/wiredesk/wiredesk.yaml when it
  // exists, else the embedded defaults (builtin:wiredesk.yaml).
  std::string config_path;
  void resolve();
};

struct ProcessOptions {
  std::string input = "-";
  std::string topic;
  size_t workers = 0;  // threads that prepare records; 0: one fewer than cores, at least 1
  std::string clock = "wall";  // embargoes by wall time, or by event time (a recorded wire)
};

struct ReplayOptions {
  std::string from;                 // RFC 3339, or a duration ago (2h, 30m)
  std::string to;                   // the same; empty: the end the topics have now
  std::vector<std::string> topics;  // default: input.topics
  std::string output_prefix;        // empty: dry run, JSON Lines to stdout
  size_t workers = 0;
};

// A point in time for replay: RFC 3339, or a duration before `now_ms`.
bool parse_replay_time(const std::string& text, int64_t now_ms, int64_t& out_ms);

int command_run(const CommonOptions& common);
int command_replay(const CommonOptions& common, const ReplayOptions& options);
int command_process(const CommonOptions& common, const ProcessOptions& options);
int command_check_config(const CommonOptions& common);
// `config show`: the effective configuration (file + environment), secrets
// masked.
int command_config_show(const CommonOptions& common);
// `config defaults [NAME]`: the embedded default files (all, or one by name).
int command_config_defaults(const std::string& name);

}  // namespace wiredesk
