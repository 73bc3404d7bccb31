#include "processors/core/encode.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include "processors/decode/decode.hpp"

namespace wiredesk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ItemContext context_for(std::string_view json) {
  Decoder decoder{DecodeOptions{}};
  auto r = decoder.decode(json);
  EXPECT_TRUE(r.ok());
  ItemContext ctx;
  ctx.item = std::move(r.item());
  ctx.origin = {"wire.yonhap.en", 0, 1234};
  ctx.received_ms = 1796245200123;
  ctx.processed_ms = 1796245200125;
  ctx.story = ctx.item.uri;
  return ctx;
}

// Parses the encoded value with simdjson's DOM API (independent of the
// encoder's writer) so the round trip checks real JSON.
simdjson::dom::element parse(simdjson::dom::parser& parser, const std::string& json) {
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  return doc;
}

TEST(Encoder, ConvertsNinjs1ToNinjs2AndKeepsUnknownFields) {
  auto ctx = context_for(
      R"({"uri":"urn:a","version":"1","headline":"Head","body_text":"Body","byline":"Kim","subject":[{"code":"x","scheme":"https://s.example/","name":"X"}],"copyrightholder":"Seoul Ledger"})");
  Encoder encoder{OutputTopics{}};
  const std::string value = encoder.enriched_value(ctx);
  simdjson::dom::parser parser;
  auto doc = parse(parser, value);
  EXPECT_EQ(std::string_view(doc["headlines"].at(0)["value"]), "Head");
  EXPECT_EQ(std::string_view(doc["headlines"].at(0)["role"]), "main");
  EXPECT_EQ(std::string_view(doc["bodies"].at(0)["value"]), "Body");
  EXPECT_EQ(std::string_view(doc["bodies"].at(0)["contenttype"]), "text/plain");
  EXPECT_EQ(std::string_view(doc["byline"]), "Kim");
  EXPECT_EQ(std::string_view(doc["subjects"].at(0)["uri"]), "https://s.example/x");
  EXPECT_EQ(std::string_view(doc["copyrightholder"]), "Seoul Ledger");
  EXPECT_EQ(int64_t(doc["urgency"]), 5);
  EXPECT_EQ(std::string_view(doc["pubstatus"]), "usable");
  EXPECT_THAT(value, Not(HasSubstr("\"headline\"")));
  EXPECT_THAT(value, Not(HasSubstr("body_text")));
}

TEST(Encoder, ConvertsNinjs3NamesAndDropsTheV3Schema) {
  auto ctx = context_for(
      R"({"$schema":"https://www.iptc.org/std/ninjs/ninjs-schema_3.0.json","uri":"urn:b","firstCreated":"2026-11-03T11:10:00+09:00","pubStatus":"usable","headlines":[{"role":"main","contentType":"text/plain","value":"H"}],"infoSources":[{"name":"Yonhap News Agency","role":"originfeed"}]})");
  const std::string value = Encoder{OutputTopics{}}.enriched_value(ctx);
  simdjson::dom::parser parser;
  auto doc = parse(parser, value);
  EXPECT_EQ(std::string_view(doc["firstcreated"]), "2026-11-03T11:10:00+09:00");
  EXPECT_EQ(std::string_view(doc["headlines"].at(0)["contenttype"]), "text/plain");
  EXPECT_EQ(std::string_view(doc["infosources"].at(0)["name"]), "Yonhap News Agency");
  EXPECT_THAT(value, Not(HasSubstr("$schema")));
  EXPECT_THAT(value, Not(HasSubstr("Created\"")));
}

TEST(Encoder, WritesTheWiredeskObjectAndMachineTopics) {
  auto ctx = context_for(R"({"uri":"urn:c","headline":"H","subjects":[{"uri":"urn:s","name":"S"}]})");
  ctx.verdict = Verdict::update;
  ctx.story = "urn:first";
  ctx.of = "urn:prev";
  ctx.similarity = 0.9731;
  ctx.topics = {{"diplomacy", "diplomacy", "subject", "http://cv.iptc.org/newscodes/mediatopic/20000639", 80},
                {"japan", "Japan", "place", "urn:wiredesk:topic:japan", 65}};
  ctx.alerts = {"urgent-korea"};
  ctx.alert = AlertNotice{"a-1", "", ""};
  const std::string value = Encoder{OutputTopics{}}.enriched_value(ctx);
  simdjson::dom::parser parser;
  auto doc = parse(parser, value);
  auto w = doc["wiredesk"];
  EXPECT_EQ(std::string_view(w["verdict"]), "update");
  EXPECT_EQ(std::string_view(w["story"]), "urn:first");
  EXPECT_EQ(std::string_view(w["of"]), "urn:prev");
  EXPECT_DOUBLE_EQ(double(w["similarity"]), 0.973);
  EXPECT_EQ(std::string_view(w["topics"].at(1)), "japan");
  EXPECT_EQ(std::string_view(w["alerts"].at(0)), "urgent-korea");
  EXPECT_EQ(std::string_view(w["alert_id"]), "a-1");
  EXPECT_EQ(std::string_view(w["origin"]["topic"]), "wire.yonhap.en");
  EXPECT_EQ(int64_t(w["origin"]["offset"]), 1234);
  EXPECT_EQ(std::string_view(w["received"]), "2026-12-02T21:00:00.123Z");
  EXPECT_EQ(std::string_view(w["processed"]), "2026-12-02T21:00:00.125Z");
  EXPECT_EQ(std::string_view(doc["subjects"].at(0)["uri"]), "urn:s");
  EXPECT_EQ(std::string_view(doc["subjects"].at(1)["creator"]), "machine");
  EXPECT_EQ(int64_t(doc["subjects"].at(1)["relevance"]), 80);
  EXPECT_EQ(std::string_view(doc["places"].at(0)["uri"]), "urn:wiredesk:topic:japan");
}

TEST(Encoder, RoutesByVerdictWithHeadersAndAlerts) {
  auto ctx = context_for(R"({"uri":"urn:d","headline":"(URGENT) H"})");
  ctx.alerts = {"urgent", "kill"};
  ctx.alert = AlertNotice{"a-1", "", ""};
  Encoder encoder{OutputTopics{}};
  std::vector<OutputRecord> out;
  encoder.encode(ctx, out);
  ASSERT_EQ(out.size(), 2u);  // the item, then one alert record listing both rules
  EXPECT_EQ(out[0].topic, "news.items");
  EXPECT_EQ(*out[0].key, "urn:d");
  EXPECT_EQ(*out[0].header("wiredesk-verdict"), "new");
  EXPECT_EQ(*out[0].header("wiredesk-story"), "urn:d");
  EXPECT_EQ(*out[0].header("wiredesk-origin"), "wire.yonhap.en/0/1234");
  EXPECT_EQ(out[1].topic, "news.alerts");
  simdjson::dom::parser parser;
  auto alert = parse(parser, out[1].value);
  EXPECT_EQ(std::string_view(alert["alert_id"]), "a-1");
  EXPECT_EQ(std::string_view(alert["rules"].at(0)), "urgent");
  EXPECT_EQ(std::string_view(alert["rules"].at(1)), "kill");
  EXPECT_EQ(std::string_view(alert["headline"]), "(URGENT) H");
  EXPECT_EQ(alert["followup_of"].error(), simdjson::NO_SUCH_FIELD);

  out.clear();
  ctx.alert = AlertNotice{"f-2", "a-1", "kill"};
  encoder.encode(ctx, out);
  ASSERT_EQ(out.size(), 2u);
  auto followup = parse(parser, out[1].value);
  EXPECT_EQ(std::string_view(followup["followup_of"]), "a-1");
  EXPECT_EQ(std::string_view(followup["reason"]), "kill");

  out.clear();
  ctx.alert.reset();
  encoder.encode(ctx, out);
  ASSERT_EQ(out.size(), 1u);  // matched rules, but no record: its story had alerted

  out.clear();
  ctx.verdict = Verdict::duplicate;
  ctx.alerts.clear();
  ctx.alert.reset();
  encoder.encode(ctx, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].topic, "news.duplicates");

  out.clear();
  OutputTopics no_audit;
  no_audit.duplicates_enabled = false;
  Encoder(no_audit).encode(ctx, out);
  EXPECT_TRUE(out.empty());
}

TEST(Encoder, DeadLetterKeepsInputBytesAndKey) {
  InputRecord input;
  input.origin = {"wire.items", 2, 77};
  input.key = "k1";
  const std::string bytes("\xff{not json", 10);
  input.value = bytes;
  auto r = Encoder{OutputTopics{}}.dead_letter(input, {Reason::invalid_utf8, ""});
  EXPECT_EQ(r.topic, "news.dlq");
  EXPECT_EQ(r.value, bytes);
  EXPECT_EQ(*r.key, "k1");
  EXPECT_EQ(*r.header("wiredesk-error"), "invalid_utf8");
  EXPECT_EQ(*r.header("wiredesk-origin"), "wire.items/2/77");
}

// Found by fuzz_pipeline: a member given three times, with other members
// after it, came out twice (tests/fuzz/corpus/pipeline/).
TEST(Encoder, AMemberGivenThreeTimesComesOutOnceWithItsLastValue) {
  auto ctx = context_for(
      R"({"uri":"urn:a","headline":"Head","infosources":[{"name":"A"}],"type":"text",)"
      R"("infosources":[{"name":"B"}],"x-note":"n","infosources":[{"name":"C"}],)"
      R"("copyrightholder":"Seoul Ledger","x-last":1})");
  const std::string value = Encoder{OutputTopics{}}.enriched_value(ctx);
  simdjson::dom::parser parser;
  auto doc = parse(parser, value);
  simdjson::dom::object object;
  ASSERT_EQ(doc.get_object().get(object), simdjson::SUCCESS);
  int infosources = 0;
  for (auto field : object) infosources += field.key == "infosources";
  EXPECT_EQ(infosources, 1) << value;
  EXPECT_EQ(std::string_view(doc["infosources"].at(0)["name"]), "C");
  EXPECT_EQ(std::string_view(doc["x-note"]), "n");
  EXPECT_EQ(int64_t(doc["x-last"]), 1);
  EXPECT_EQ(ctx.item.source, "C");
}

}  // namespace
}  // namespace wiredesk
