// Decode stage: bytes of one message → WireItem, or a dead-letter reason.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "processors/decode/wire_item.hpp"

namespace wiredesk {

// Reason codes of design §2, in the order of precedence used when a message
// has more than one problem (tests/fixtures/README.md).
enum class Reason {
  empty,
  too_large,
  invalid_utf8,
  invalid_json,
  too_deep,
  not_an_object,
  missing_uri,
  bad_field_type,
  missing_text,
  // Not the input's fault: a stage failed on it (internal_error), or the
  // brokers refused its output for good (produce_failed).
  internal_error,
  produce_failed,
};
inline constexpr int kReasonCount = 11;
std::string_view to_string(Reason r);

struct DecodeError {
  Reason reason;
  std::string detail;
};

struct DecodeOptions {
  size_t max_message_bytes = 1 << 20;  // limits.max_message_bytes
  int max_depth = 64;                  // limits.max_depth; top-level object is depth 1
  std::string default_language = "en";
  std::string default_source;          // used when the item names none
};

class DecodeResult {
 public:
  static DecodeResult ok(WireItem item) { return DecodeResult(std::move(item)); }
  static DecodeResult fail(Reason r, std::string detail = {}) {
    return DecodeResult(DecodeError{r, std::move(detail)});
  }
  bool ok() const { return item_.has_value(); }
  WireItem& item() { return *item_; }
  const DecodeError& error() const { return error_; }

 private:
  explicit DecodeResult(WireItem item) : item_(std::move(item)), error_{Reason::empty, {}} {}
  explicit DecodeResult(DecodeError e) : error_(std::move(e)) {}
  std::optional<WireItem> item_;
  DecodeError error_;
};

// Not thread-safe: one Decoder (and so one simdjson parser) per worker thread.
class Decoder {
 public:
  explicit Decoder(DecodeOptions options);
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // `default_source` overrides options.default_source when not empty (the
  // source configured for the input topic).
  DecodeResult decode(std::string_view bytes, std::string_view default_source = {});

  const DecodeOptions& options() const { return options_; }

 private:
  DecodeOptions options_;
  simdjson::ondemand::parser parser_;
  std::string padded_;  // reused input copy with SIMDJSON_PADDING spare bytes
};

// HTML → plain text: tags removed, block tags become line breaks, the common
// entities decoded. Used for ninjs `body_html` and `text/html` bodies.
std::string strip_html(std::string_view html);

}  // namespace wiredesk
