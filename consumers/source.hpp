// A Source hands out one input record at a time until it ends (design §1):
// a file, a directory, stdin. PullInput makes one an InputPort of the engine.
#pragma once

#include <memory>
#include <string>

#include "processors/core/ports.hpp"
#include "processors/decode/record.hpp"

namespace wiredesk {

class Source {
 public:
  virtual ~Source() = default;
  // Fills `record`, whose value points into `storage`; false at the end.
  virtual bool next(InputRecord& record, std::string& storage) = 0;
};

// The engine's input over a Source: never waits, ends with the source. A
// file has no partitions to pause and no offsets to commit.
class PullInput final : public InputPort {
 public:
  explicit PullInput(std::unique_ptr<Source> source) : source_(std::move(source)) {}
  bool poll(InputRecord& record, int /*timeout_ms*/) override {
    if (ended_) return false;
    ended_ = !source_->next(record, storage_);
    if (!ended_) ++taken_;
    return !ended_;
  }
  bool exhausted() const override { return ended_; }
  size_t taken() const { return taken_; }

 private:
  std::unique_ptr<Source> source_;
  std::string storage_;
  bool ended_ = false;
  size_t taken_ = 0;
};

}  // namespace wiredesk
