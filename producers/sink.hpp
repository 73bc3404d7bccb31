// A Sink takes the core's output records (design §1).
#pragma once

#include "processors/record.hpp"

namespace wiredesk {

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void write(const OutputRecord& record) = 0;
  virtual void flush() {}
};

}  // namespace wiredesk
