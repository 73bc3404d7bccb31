#include "producers/jsonl_sink.hpp"

#include <gtest/gtest.h>

namespace wiredesk {
namespace {

TEST(JsonLinesSink, WritesTopicKeyHeadersAndJsonValue) {
  OutputRecord r{"news.items", "urn:a", {{"wiredesk-verdict", "new"}}, R"({"uri":"urn:a"})",
                 ValueKind::json};
  EXPECT_EQ(JsonLinesSink::format(r),
            R"({"topic":"news.items","key":"urn:a","headers":{"wiredesk-verdict":"new"},"value":{"uri":"urn:a"}})");
}

TEST(JsonLinesSink, DeadLetterValueIsAStringOrBase64) {
  OutputRecord text{"news.dlq", std::nullopt, {}, "{\"broken\n", ValueKind::bytes};
  EXPECT_EQ(JsonLinesSink::format(text),
            R"({"topic":"news.dlq","key":null,"headers":{},"value":"{\"broken\n"})");
  OutputRecord binary{"news.dlq", std::nullopt, {}, std::string("\xff\x80", 2), ValueKind::bytes};
  EXPECT_EQ(JsonLinesSink::format(binary),
            R"({"topic":"news.dlq","key":null,"headers":{},"value_base64":"/4A="})");
}

}  // namespace
}  // namespace wiredesk
