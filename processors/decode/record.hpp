// Transport-free records: what a Source hands the core and what the core
// hands a Sink. No Kafka types here (design §1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wiredesk {

struct Header {
  std::string key;
  std::string value;
};

// Where an input record came from; for files, the file name, 0, line number.
struct Origin {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;

  std::string to_string() const;  // "topic/partition/offset"
};

struct InputRecord {
  Origin origin;
  std::optional<std::string> key;
  std::string_view value;     // valid for the duration of Pipeline::process
  int64_t received_ms = 0;    // wall clock when the source took it
};

enum class ValueKind {
  json,   // value is a JSON text (enriched item, alert record)
  bytes,  // value is the input bytes unchanged (dead letters)
  tombstone,  // no value: deletes the key from a compacted topic
};

struct OutputRecord {
  std::string topic;
  std::optional<std::string> key;
  std::vector<Header> headers;
  std::string value;
  ValueKind kind = ValueKind::json;

  const std::string* header(std::string_view name) const;
};

namespace header {
inline constexpr std::string_view verdict = "wiredesk-verdict";
inline constexpr std::string_view story = "wiredesk-story";
inline constexpr std::string_view origin = "wiredesk-origin";
inline constexpr std::string_view error = "wiredesk-error";
inline constexpr std::string_view error_detail = "wiredesk-error-detail";
// On state records (the index topic): the process that wrote them, whose
// own follower skips them (it applied them when it made them).
inline constexpr std::string_view writer = "wiredesk-writer";
}  // namespace header

}  // namespace wiredesk
