// A Source hands the core one input record at a time (design §1).
#pragma once

#include <string>

#include "processors/record.hpp"

namespace wiredesk {

class Source {
 public:
  virtual ~Source() = default;
  // Fills `record`, whose value points into `storage`; false at the end.
  virtual bool next(InputRecord& record, std::string& storage) = 0;
};

}  // namespace wiredesk
