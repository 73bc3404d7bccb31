// Dedup stage (walking-skeleton version): an exact redelivery — same uri and
// same version already seen by this process — is a duplicate; a later
// version of a known uri is an update of its story.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "processors/stage.hpp"

namespace wiredesk {

class ExactDedup final : public Stage {
 public:
  std::string_view name() const override { return "dedup"; }
  void process(ItemContext& ctx) override;
  size_t size() const;

 private:
  struct Seen {
    std::string story;
    struct Version {
      Origin origin;    // the record that introduced this version
      Verdict verdict;  // the verdict it was given
    };
    std::unordered_map<std::string, Version> versions;
  };
  mutable std::mutex mu_;
  std::unordered_map<std::string, Seen> by_uri_;
};

}  // namespace wiredesk
