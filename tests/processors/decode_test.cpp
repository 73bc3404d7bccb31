#include "processors/decode/decode.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

using ::testing::HasSubstr;
using wiredesk::testing::bad_fixture_files;
using wiredesk::testing::expected_reason;
using wiredesk::testing::fixture_path;
using wiredesk::testing::read_file;
using wiredesk::testing::read_lines;

class DecodeTest : public ::testing::Test {
 protected:
  DecodeResult decode(std::string_view bytes) { return decoder_.decode(bytes); }
  std::string reason(std::string_view bytes) {
    auto r = decode(bytes);
    return r.ok() ? "ok" : std::string(to_string(r.error().reason));
  }
  Decoder decoder_{DecodeOptions{}};
};

TEST_F(DecodeTest, AcceptsEveryFixtureItemInAllThreeDialects) {
  const auto lines = read_lines(fixture_path("items.jsonl"));
  ASSERT_EQ(lines.size(), 34u);
  int dialects[3] = {0, 0, 0};
  for (size_t i = 0; i < lines.size(); ++i) {
    auto r = decode(lines[i]);
    ASSERT_TRUE(r.ok()) << "line " << i + 1 << ": " << to_string(r.error().reason) << " "
                        << r.error().detail;
    const WireItem& item = r.item();
    EXPECT_FALSE(item.uri.empty()) << i + 1;
    EXPECT_FALSE(item.headline().empty() && item.body_text().empty()) << i + 1;
    EXPECT_FALSE(item.source.empty()) << i + 1;
    ++dialects[static_cast<int>(item.dialect)];
  }
  // fixtures/README.md: 25 ninjs 2.x, 5 ninjs 1.x, 4 ninjs 3.x
  EXPECT_EQ(dialects[static_cast<int>(Dialect::ninjs2)], 25);
  EXPECT_EQ(dialects[static_cast<int>(Dialect::ninjs1)], 5);
  EXPECT_EQ(dialects[static_cast<int>(Dialect::ninjs3)], 4);
}

TEST_F(DecodeTest, EveryBadFixtureGetsTheReasonItsNameGives) {
  const auto files = bad_fixture_files();
  ASSERT_EQ(files.size(), 12u);
  for (const auto& f : files) {
    auto r = decode(read_file(f.string()));
    ASSERT_FALSE(r.ok()) << f;
    EXPECT_EQ(to_string(r.error().reason), expected_reason(f)) << f << ": " << r.error().detail;
  }
}

TEST_F(DecodeTest, BadFieldTypeDetailNamesTheField) {
  auto r1 = decode(read_file(fixture_path("bad/bad_field_type-1.json")));
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.error().detail, "bodies");
  auto r2 = decode(read_file(fixture_path("bad/bad_field_type-2.json")));
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().detail, "headline");
}

TEST_F(DecodeTest, TooLargeIsCheckedBeforeParsingAndTheLimitIsInclusive) {
  EXPECT_EQ(reason(wiredesk::testing::too_large_item()), "too_large");
  // exactly max_message_bytes is within the limit
  std::string item = R"({"uri":"urn:x","headline":"h","body_text":")";
  const std::string tail = "\"}";
  item += std::string((1 << 20) - item.size() - tail.size(), 'a') + tail;
  ASSERT_EQ(item.size(), 1u << 20);
  EXPECT_EQ(reason(item), "ok");
  EXPECT_EQ(reason(item + " "), "too_large");
}

TEST_F(DecodeTest, ReasonCodesFollowTheirPrecedence) {
  EXPECT_EQ(reason(""), "empty");
  EXPECT_EQ(reason(" \r\n\t "), "empty");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"caf\xe9\"}"), "invalid_utf8");
  EXPECT_EQ(reason("\xed\xa0\x80"), "invalid_utf8");           // CESU-8 surrogate
  EXPECT_EQ(reason("\xc0\xaf"), "invalid_utf8");               // overlong
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"h\"} {}"), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"h\"} x"), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"h\",}"), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"a\nb\"}"), "invalid_json");
  EXPECT_EQ(reason(std::string("{\"uri\":\"u\",\"headline\":\"a\0b\"}", 27)), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"\\ud800\"}"), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"urgency\":NaN,\"headline\":\"h\"}"), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"h\",\"x\":[1,2,]}"), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"h\",\"x\":{\"a\":tru}}"), "invalid_json");
  EXPECT_EQ(reason("[1,2"), "invalid_json");
  EXPECT_EQ(reason("\"just a string\""), "not_an_object");
  EXPECT_EQ(reason("null"), "not_an_object");
  EXPECT_EQ(reason("true"), "not_an_object");
  EXPECT_EQ(reason("[]"), "not_an_object");
  EXPECT_EQ(reason("{\"headline\":\"h\"}"), "missing_uri");
  EXPECT_EQ(reason("{\"uri\":\"  \",\"headline\":\"h\"}"), "missing_uri");
  EXPECT_EQ(reason("{\"uri\":\"\",\"headline\":\"h\"}"), "missing_uri");
  EXPECT_EQ(reason("\xEF\xBB\xBF"), "empty");
  EXPECT_EQ(reason("\xEF\xBB\xBF \n"), "empty");
  EXPECT_EQ(reason(std::string("\xFF\xFE{\0\"\0", 6)), "invalid_utf8");  // UTF-16 with its BOM
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"h\",\"x\":1e400}"), "ok");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"h\",\"x\":-01}"), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"h\",\"x\":1.}"), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"h\",\"x\":Infinity}"), "invalid_json");
  EXPECT_EQ(reason(std::string("{\"uri\":\"u\",\"headline\":\"h\"}\0", 28)), "invalid_json");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"version\":{},\"headline\":\"h\"}"), "bad_field_type");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"urgency\":true,\"headline\":\"h\"}"), "bad_field_type");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"subjects\":{},\"headline\":\"h\"}"), "bad_field_type");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"body_html\":3,\"headline\":\"h\"}"), "bad_field_type");
  EXPECT_EQ(reason("{\"uri\":5,\"headline\":\"h\"}"), "bad_field_type");
  EXPECT_EQ(reason("{\"uri\":null,\"headline\":\"h\"}"), "missing_uri");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"urgency\":\"high\",\"headline\":\"h\"}"), "bad_field_type");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headlines\":[{\"role\":\"main\"}]}"), "bad_field_type");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headlines\":[]}"), "missing_text");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"body_html\":\"<p> </p>\"}"), "missing_text");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"  \"}"), "missing_text");
}

TEST_F(DecodeTest, DepthCountsTheTopLevelObjectAsOne) {
  auto nested = [](int depth) {
    // top-level object is depth 1, "x" holds depth-1 more levels
    std::string s = R"({"uri":"u","headline":"h","x":)";
    for (int i = 1; i < depth; ++i) s += "[";
    for (int i = 1; i < depth; ++i) s += "]";
    return s + "}";
  };
  EXPECT_EQ(reason(nested(20)), "ok");
  EXPECT_EQ(reason(nested(64)), "ok");
  EXPECT_EQ(reason(nested(65)), "too_deep");
  EXPECT_EQ(reason(nested(2000)), "too_deep");
}

TEST_F(DecodeTest, AcceptsOddButValidMessages) {
  EXPECT_EQ(reason("\xEF\xBB\xBF{\"uri\":\"u\",\"headline\":\"h\"}"), "ok");
  EXPECT_EQ(reason("  {\"uri\":\"u\",\"headline\":\"h\"}\r"), "ok");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"headline\":\"\\u0000\"}"), "ok");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"uri\":\"u\",\"headline\":\"h\"}"), "ok");
  EXPECT_EQ(reason("{\"uri\":\"u\",\"bodies\":[{\"value\":\"only a body\"}]}"), "ok");
  auto r = decode("{\"uri\":\"u\",\"headline\":\"\\ud55c\\uad6d \\ud83d\\ude00\"}");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.item().headline(), "\xed\x95\x9c\xea\xb5\xad \xf0\x9f\x98\x80");
  EXPECT_EQ(r.item().urgency, 5);
  EXPECT_EQ(r.item().pubstatus, PubStatus::usable);
  EXPECT_EQ(r.item().language, "en");
}

TEST_F(DecodeTest, ReadsNinjs1Fields) {
  auto r = decode(R"({"uri":"urn:a","version":2,"headline":"Head","body_html":"<p>One &amp; two</p><p>Three</p>","subject":[{"code":"medtop:03000000","scheme":"http://cv.iptc.org/newscodes/mediatopic/","name":"disaster"},{"code":"national","scheme":"https://x.example/section","name":"National"}],"copyrightholder":"Meridian","pubstatus":"canceled","urgency":1})");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  const WireItem& item = r.item();
  EXPECT_EQ(item.dialect, Dialect::ninjs1);
  EXPECT_EQ(item.version, "2");
  EXPECT_EQ(item.headline(), "Head");
  EXPECT_EQ(item.body_text(), "One & two\nThree");
  EXPECT_EQ(item.source, "Meridian");
  EXPECT_EQ(item.pubstatus, PubStatus::canceled);
  EXPECT_EQ(item.urgency, 1);
  EXPECT_THAT(item.subjects_json, HasSubstr(R"("uri":"medtop:03000000")"));
  EXPECT_THAT(item.subjects_json, HasSubstr(R"("uri":"https://x.example/section/national")"));
}

TEST_F(DecodeTest, ReadsNinjs3Fields) {
  auto r = decode(R"({"uri":"urn:b","versionCreated":"2026-11-03T11:10:00+09:00","pubStatus":"withheld","headlines":[{"role":"main","contentType":"text/plain","value":"H"}],"infoSources":[{"name":"Other","role":"distributor"},{"name":"Yonhap News Agency","role":"originfeed"}]})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.item().dialect, Dialect::ninjs3);
  EXPECT_EQ(r.item().versioncreated, "2026-11-03T11:10:00+09:00");
  EXPECT_EQ(r.item().pubstatus, PubStatus::withheld);
  EXPECT_EQ(r.item().headlines.at(0).contenttype, "text/plain");
  EXPECT_EQ(r.item().source, "Yonhap News Agency");
  EXPECT_EQ(event_time_ms(r.item()), 1793671800000);
}

TEST_F(DecodeTest, KeepsUnknownFieldsAsCanonicalJson) {
  auto r = decode(R"({"uri":"u", "headline":"h", "x-trace": {"a": [1, 2.50, "s\n"], "b": null}, "n": -0.0})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.item().passthrough.size(), 2u);
  EXPECT_EQ(r.item().passthrough[0].key, "x-trace");
  EXPECT_EQ(r.item().passthrough[0].json, R"({"a":[1,2.50,"s\n"],"b":null})");
  EXPECT_EQ(r.item().passthrough[1].json, "-0.0");
}

TEST_F(DecodeTest, SurvivesTruncationsOfEveryFixture) {
  // Every prefix of a valid item is a message a broken producer could send:
  // it must be dead-lettered (or accepted), never crash.
  const auto lines = read_lines(fixture_path("items.jsonl"));
  for (size_t n = 0; n < lines[10].size(); n += 7) {
    auto r = decode(std::string_view(lines[10]).substr(0, n));
    if (n < lines[10].size() - 1) {
      EXPECT_FALSE(r.ok()) << n;
    }
  }
}

TEST(StripHtml, RemovesTagsScriptsAndDecodesEntities) {
  EXPECT_EQ(strip_html("<p>A &lt;b&gt; &#50;&#x33;</p><script>x()</script><br/>C&nbsp;"),
            "A <b> 23\nC\xc2\xa0");
}

}  // namespace
}  // namespace wiredesk
