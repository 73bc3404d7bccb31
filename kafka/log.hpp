// librdkafka's own log lines through the logger, never raw to stderr: with
// JSON logs every line stays one JSON object. For clients without their own
// event callback (the index table's reader, replay, the topic admin).
#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <spdlog/spdlog.h>

namespace wiredesk::kafka {

// syslog levels: 0-3 error, 4 warning, 5-6 info, 7 debug.
inline void log_line(int level, const char* facility, const char* message) {
  if (level <= 3) {
    spdlog::error("librdkafka: {}: {}", facility, message);
  } else if (level == 4) {
    spdlog::warn("librdkafka: {}: {}", facility, message);
  } else {
    spdlog::debug("librdkafka: {}: {}", facility, message);
  }
}

// The C++ API: set as "event_cb".
class LogEvents final : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event& event) override {
    if (event.type() == RdKafka::Event::EVENT_LOG) {
      log_line(static_cast<int>(event.severity()), event.fac().c_str(), event.str().c_str());
    } else if (event.type() == RdKafka::Event::EVENT_ERROR) {
      log_line(event.fatal() ? 2 : 4, "ERROR", event.str().c_str());
    }
  }
};

// A process-wide instance (the callback holds no state).
inline LogEvents& log_events() {
  static LogEvents events;
  return events;
}

// The C API: rd_kafka_conf_set_log_cb(conf, kafka::c_log_cb).
inline void c_log_cb(const rd_kafka_t* /*rk*/, int level, const char* facility, const char* buf) {
  log_line(level, facility, buf);
}

}  // namespace wiredesk::kafka
