// A consumed Kafka message as the core's InputRecord: its origin, key and
// value (which point into the message: keep it until the record is used).
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <string>
#include <string_view>

#include "processors/core/pipeline.hpp"
#include "processors/decode/record.hpp"

namespace wiredesk {

inline void fill_input_record(const RdKafka::Message& m, InputRecord& record) {
  record.origin = Origin{m.topic_name(), m.partition(), m.offset()};
  if (const std::string* key = m.key()) {
    record.key = *key;
  } else {
    record.key.reset();
  }
  record.value = std::string_view(static_cast<const char*>(m.payload()), m.len());
  record.received_ms = now_ms();
}

}  // namespace wiredesk
