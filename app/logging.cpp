#include "app/logging.hpp"

#include <unistd.h>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "processors/decode/json_writer.hpp"

namespace wiredesk {

namespace {

thread_local LogItemContext* current_item = nullptr;

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        msg.time.time_since_epoch())
                        .count();
    std::string line = "{";
    bool first = true;
    json::append_key(line, "time", first);
    json::append_string(line, json::format_time_ms(ms));
    json::append_key(line, "level", first);
    const auto level = spdlog::level::to_string_view(msg.level);
    json::append_string(line, std::string_view(level.data(), level.size()));
    json::append_key(line, "msg", first);
    json::append_string(line, std::string_view(msg.payload.data(), msg.payload.size()));
    if (current_item) {
      if (!current_item->uri.empty()) {
        json::append_key(line, "uri", first);
        json::append_string(line, current_item->uri);
      }
      if (!current_item->topic.empty()) {
        json::append_key(line, "topic", first);
        json::append_string(line, current_item->topic);
        json::append_key(line, "partition", first);
        json::append_int(line, current_item->partition);
        json::append_key(line, "offset", first);
        json::append_int(line, current_item->offset);
      }
    }
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

// Plain text: "[time] [level] message (uri=… origin=t/p/o)".
class ItemFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    if (!current_item) return;
    std::string s = " (";
    if (!current_item->uri.empty()) s += "uri=" + current_item->uri + " ";
    if (!current_item->topic.empty()) {
      s += "origin=" + current_item->topic + "/" + std::to_string(current_item->partition) + "/" +
           std::to_string(current_item->offset);
    }
    s += ")";
    dest.append(s.data(), s.data() + s.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<ItemFlag>();
  }
};

}  // namespace

bool LogRateLimit::allow(Clock::time_point now, uint64_t& held_back) {
  if (allowed_in_period_ == 0 || now - period_start_ >= period_) {
    period_start_ = now;
    allowed_in_period_ = 0;
  }
  if (allowed_in_period_ >= burst_) {
    ++held_back_;
    return false;
  }
  ++allowed_in_period_;
  held_back = held_back_;
  held_back_ = 0;
  return true;
}

ScopedLogItem::ScopedLogItem(LogItemContext ctx) : ctx_(std::move(ctx)), previous_(current_item) {
  current_item = &ctx_;
}
ScopedLogItem::~ScopedLogItem() { current_item = previous_; }

void setup_logging(const LogConfig& config) {
  // Logs go to stderr: stdout belongs to `wiredesk process` output.
  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("wiredesk", sink);
  const bool json = config.format == "json" || (config.format == "auto" && !isatty(STDERR_FILENO));
  if (json) {
    logger->set_formatter(std::make_unique<JsonFormatter>());
  } else {
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<ItemFlag>('*').set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%^%l%$] %v%*");
    logger->set_formatter(std::move(formatter));
  }
  logger->set_level(spdlog::level::from_str(config.level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace wiredesk
