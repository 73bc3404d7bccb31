// File-mode output: one JSON line per output record (design §4):
// {"topic": …, "key": …, "headers": {…}, "value": …}. A line written is
// acknowledged at once.
#pragma once

#include <ostream>
#include <string>

#include "processors/core/ports.hpp"
#include "processors/decode/record.hpp"

namespace wiredesk {

class JsonLinesSink final : public OutputPort {
 public:
  explicit JsonLinesSink(std::ostream& out) : out_(out) {}
  void write(const OutputRecord& record);

  void set_events(OutputEvents* events) override { events_ = events; }
  bool produce(const OutputRecord& record, uint64_t token) override {
    write(record);
    if (events_) events_->acked(token, record.topic);
    return !out_.bad();
  }
  bool flush(int /*timeout_ms*/) override {
    out_.flush();
    return !out_.bad();
  }
  size_t outstanding() const override { return 0; }
  bool failed() const override { return out_.bad(); }

  // The line for one record, without the newline.
  static std::string format(const OutputRecord& record);

 private:
  std::ostream& out_;
  OutputEvents* events_ = nullptr;
};

}  // namespace wiredesk
