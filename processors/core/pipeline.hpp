// The transport-free core: one input record in, its output records out.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "processors/decode/decode.hpp"
#include "processors/core/encode.hpp"
#include "processors/core/probe.hpp"
#include "processors/core/embargo.hpp"
#include "processors/core/stage.hpp"

namespace wiredesk {

struct PipelineOptions {
  DecodeOptions decode;
  OutputTopics topics;
  // What embargoes are judged by (wall time unless told); null: embargoes
  // are ignored and every item is released at once.
  std::shared_ptr<EmbargoClock> embargo_clock;
  // input topic → source name used when an item names none
  std::unordered_map<std::string, std::string> source_by_topic;
};

// process() does the whole work of one record. It is also split in two for
// the worker pool (parallel.hpp): prepare() — decode and every stage's
// prepare(), on any thread, each thread with a Decoder of its own — and
// finish() — every stage's process() and the encoding, one record at a time
// in input order. process() is prepare() then finish() on the caller's thread.
class Pipeline {
 public:
  using Clock = std::function<int64_t()>;  // epoch ms

  Pipeline(PipelineOptions options, std::vector<std::shared_ptr<Stage>> stages, Probe& probe,
           Clock clock = {});

  // Every input record ends in exactly one place: the items or duplicates
  // topic (plus alerts), or the dead-letter topic. Appends to `out`.
  struct Summary {
    bool accepted = false;   // false: dead-lettered
    int64_t event_ms = 0;    // item's versioncreated (0 when unknown)
    // An item under embargo: its records, taken out of the output (which
    // then holds, when the embargo topic is set, the record that keeps it).
    std::optional<HeldItem> held;
    // A kill: the uri of the item it cancels (held versions of it are dropped).
    std::string killed_uri;
    // An accepted item that is not a duplicate: its uri and version (older
    // held versions of it are superseded).
    std::string uri;
    std::string version;
  };
  Summary process(const InputRecord& input, std::vector<OutputRecord>& out);

  // A record between prepare() and finish(). `input.value` must stay valid
  // until finish() returns.
  struct Prepared {
    InputRecord input;
    std::optional<ItemContext> ctx;  // empty: `error` says why it is a dead letter
    DecodeError error;
  };
  const DecodeOptions& decode_options() const { return options_.decode; }
  // Thread-safe given a Decoder per thread (the stages' prepare() are).
  Prepared prepare(Decoder& decoder, const InputRecord& input) const;
  Summary finish(Prepared& prepared, std::vector<OutputRecord>& out);

  const Encoder& encoder() const { return encoder_; }
  // The embargo clock's now (wall clock, or the latest event time seen).
  int64_t embargo_now() const;
  const PipelineOptions& options() const { return options_; }
  bool embargoes() const { return options_.embargo_clock != nullptr; }

 private:
  template <class Fn>
  auto timed(size_t index, Probe::Step step, Fn&& fn) const;

  PipelineOptions options_;
  Decoder decoder_;
  Encoder encoder_;
  std::vector<std::shared_ptr<Stage>> stages_;
  Probe& probe_;
  Clock clock_;
  bool timed_ = false;  // the probe takes per-stage timings
};

int64_t now_ms();

}  // namespace wiredesk
