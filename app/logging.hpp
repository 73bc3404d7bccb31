// spdlog set-up: one JSON object per line in production (or when stdout is
// not a terminal), plain text on a terminal. The item being processed is put
// in a thread-local context so every line logged for it carries its uri and
// origin.
#pragma once

#include <chrono>
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

// Lets at most `burst` lines through per `period`. For what one bad input can
// make the service say: a flood of malformed messages is counted in full by
// the metrics, and the log gets a sample and a count of what it left out.
// Not thread-safe (one per processing thread).
class LogRateLimit {
 public:
  using Clock = std::chrono::steady_clock;

  LogRateLimit(uint32_t burst, Clock::duration period) : burst_(burst), period_(period) {}

  // True when this line may be logged. `held_back` is then the number of
  // lines refused since the last one allowed (0 for none).
  bool allow(Clock::time_point now, uint64_t& held_back);

 private:
  uint32_t burst_;
  Clock::duration period_;
  Clock::time_point period_start_{};
  uint32_t allowed_in_period_ = 0;
  uint64_t held_back_ = 0;
};

}  // namespace wiredesk
