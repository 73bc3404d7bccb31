// `wiredesk run`: the Kafka service (design §6, §7).
#pragma once

#include "config/config.hpp"

namespace wiredesk {

// Runs until SIGTERM/SIGINT; returns the process exit code.
int run_service(const Config& config);

}  // namespace wiredesk
