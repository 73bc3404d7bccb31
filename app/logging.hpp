// spdlog set-up: one JSON object per line in production (or when stdout is
// not a terminal), plain text on a terminal. The item being processed is put
// in a thread-local context so every line logged for it carries its uri and
// origin.
#pragma once

#include <cstdint>
#include <string>

#include "config/config.hpp"

namespace wiredesk {

void setup_logging(const LogConfig& config);

struct LogItemContext {
  std::string uri;
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
};

// RAII: sets the thread's item context for the lifetime of the object.
class ScopedLogItem {
 public:
  explicit ScopedLogItem(LogItemContext ctx);
  ~ScopedLogItem();
  ScopedLogItem(const ScopedLogItem&) = delete;
  ScopedLogItem& operator=(const ScopedLogItem&) = delete;

 private:
  LogItemContext ctx_;  // lives here, not on the heap: one per processed item
  LogItemContext* previous_;
};

}  // namespace wiredesk
