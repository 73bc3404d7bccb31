// File-mode sink: one JSON line per output record (design §4):
// {"topic": …, "key": …, "headers": {…}, "value": …}
#pragma once

#include <ostream>
#include <string>

#include "producers/sink.hpp"

namespace wiredesk {

class JsonLinesSink final : public Sink {
 public:
  explicit JsonLinesSink(std::ostream& out) : out_(out) {}
  void write(const OutputRecord& record) override;
  void flush() override { out_.flush(); }

  // The line for one record, without the newline.
  static std::string format(const OutputRecord& record);

 private:
  std::ostream& out_;
};

}  // namespace wiredesk
