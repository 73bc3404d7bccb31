#include "producers/jsonl_sink.hpp"

#include <simdjson.h>

#include "processors/decode/json_writer.hpp"

namespace wiredesk {

std::string JsonLinesSink::format(const OutputRecord& record) {
  std::string line;
  line.reserve(record.value.size() + 256);
  line.push_back('{');
  bool first = true;
  json::append_key(line, "topic", first);
  json::append_string(line, record.topic);
  json::append_key(line, "key", first);
  if (record.key && simdjson::validate_utf8(record.key->data(), record.key->size())) {
    json::append_string(line, *record.key);
  } else {
    line += "null";
  }
  json::append_key(line, "headers", first);
  line.push_back('{');
  bool hfirst = true;
  for (const auto& h : record.headers) {
    json::append_key(line, h.key, hfirst);
    json::append_string(line, h.value);
  }
  line.push_back('}');
  if (record.kind == ValueKind::tombstone) {
    json::append_key(line, "value", first);
    line += "null";
  } else if (record.kind == ValueKind::json) {
    json::append_key(line, "value", first);
    line += record.value;
  } else if (simdjson::validate_utf8(record.value.data(), record.value.size())) {
    json::append_key(line, "value", first);
    json::append_string(line, record.value);
  } else {
    json::append_key(line, "value_base64", first);
    json::append_string(line, json::base64(record.value));
  }
  line.push_back('}');
  return line;
}

void JsonLinesSink::write(const OutputRecord& record) {
  const std::string line = format(record);
  out_.write(line.data(), static_cast<std::streamsize>(line.size()));
  out_.put('\n');
}

}  // namespace wiredesk
