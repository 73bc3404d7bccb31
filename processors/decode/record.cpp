#include "processors/decode/record.hpp"

namespace wiredesk {

std::string Origin::to_string() const {
  return topic + "/" + std::to_string(partition) + "/" + std::to_string(offset);
}

const std::string* OutputRecord::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.key == name) return &h.value;
  }
  return nullptr;
}

}  // namespace wiredesk
