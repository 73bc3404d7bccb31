// Alert rules: condition semantics, the default rules of config/alerts.yaml
// (each fires on an item made for it and on no other), kill and hold notices.
#include "processors/alerts.hpp"

#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "processors/tag_support.hpp"

namespace wiredesk {
namespace {

using test::make_item;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// An item as it reaches the alert stage: tagged with the default taxonomy.
ItemContext tagged(WireItem item, Verdict verdict = Verdict::fresh) {
  ItemContext ctx;
  ctx.item = std::move(item);
  ctx.verdict = verdict;
  Tagger(test::default_taxonomy()).process(ctx);
  return ctx;
}

std::vector<std::string> alerts_for(ItemContext ctx, std::shared_ptr<const AlertRules> rules) {
  Alerter(std::move(rules)).process(ctx);
  return ctx.alerts;
}

std::vector<std::string> default_alerts(ItemContext ctx) {
  return alerts_for(std::move(ctx), test::default_alert_rules());
}

TopicMatch topic(const std::string& id) { return {id, id, "subject", "", 50}; }

TEST(AlertConditionTest, EverySetConditionMustHold) {
  ItemContext ctx;
  ctx.item = make_item("(URGENT) Quake hits", "", "en", 2);
  ctx.item.source = "Yonhap News Agency";
  ctx.topics = {topic("disaster"), topic("japan")};
  AlertCondition c;
  EXPECT_TRUE(matches(c, ctx));  // nothing set: everything matches
  c.urgency_max = 2;
  EXPECT_TRUE(matches(c, ctx));
  c.urgency_max = 1;
  EXPECT_FALSE(matches(c, ctx));
  c.urgency_max.reset();
  c.topics_any = {"weather", "disaster"};
  EXPECT_TRUE(matches(c, ctx));
  c.topics_all = {"disaster", "china"};
  EXPECT_FALSE(matches(c, ctx));
  c.topics_all = {"disaster", "japan"};
  EXPECT_TRUE(matches(c, ctx));
  c.headline_prefixes = {"(urgent)"};  // ASCII case ignored
  EXPECT_TRUE(matches(c, ctx));
  c.sources = {"yonhap news agency"};
  EXPECT_TRUE(matches(c, ctx));
  c.sources = {"AMP"};
  EXPECT_FALSE(matches(c, ctx));
  c.sources.clear();
  c.languages = {"ko"};
  EXPECT_FALSE(matches(c, ctx));
  c.languages = {"en"};
  ctx.item.language = "en-GB";  // primary subtag
  EXPECT_TRUE(matches(c, ctx));
  c.verdicts = {Verdict::update};
  EXPECT_FALSE(matches(c, ctx));
  c.verdicts = {Verdict::fresh, Verdict::update};
  c.pubstatus = {PubStatus::usable};
  EXPECT_TRUE(matches(c, ctx));
}

TEST(AlertRuleTest, AnyNeedsOneOfItsConditions) {
  AlertRule rule;
  rule.id = "r";
  rule.any.resize(2);
  rule.any[0].headline_prefixes = {"(URGENT)"};
  rule.any[1].urgency_max = 2;
  ItemContext ctx;
  ctx.item = make_item("Plain headline", "", "en", 5);
  EXPECT_FALSE(matches(rule, ctx));
  ctx.item.urgency = 2;
  EXPECT_TRUE(matches(rule, ctx));
  ctx.item = make_item("(URGENT) Flash", "", "en", 5);
  EXPECT_TRUE(matches(rule, ctx));
}

TEST(AlerterTest, KillAndHoldNoticesAlwaysAlertEvenWithoutRules) {
  ItemContext kill;
  kill.item = make_item("(KILL) Seoul shares open higher", "Please kill the story");
  kill.item.pubstatus = PubStatus::canceled;
  kill.verdict = Verdict::update;
  EXPECT_THAT(alerts_for(kill, nullptr), ElementsAre("kill-notice"));
  EXPECT_THAT(alerts_for(kill, std::make_shared<AlertRules>()), ElementsAre("kill-notice"));
  ItemContext hold = kill;
  hold.item.pubstatus = PubStatus::withheld;
  EXPECT_THAT(alerts_for(hold, nullptr), ElementsAre("hold-notice"));
  // Whatever the verdict: a redelivered kill notice still alerts.
  kill.verdict = Verdict::duplicate;
  EXPECT_THAT(alerts_for(kill, test::default_alert_rules()), ElementsAre("kill-notice"));
  ItemContext usable;
  usable.item = make_item("Ordinary story", "");
  EXPECT_THAT(alerts_for(usable, nullptr), IsEmpty());
}

TEST(AlerterTest, ValidationRejectsReservedDuplicateAndUnknownTopics) {
  AlertRules rules;
  rules.rules.resize(3);
  rules.rules[0].id = "kill-notice";
  rules.rules[1].id = "a";
  rules.rules[1].when.topics_any = {"no-such-topic"};
  rules.rules[1].when.urgency_max = 12;
  rules.rules[2].id = "a";
  const std::vector<std::string> topics = {"disaster"};
  const auto issues = validate_alert_rules(rules, &topics);
  std::vector<std::string> messages;
  for (const auto& i : issues) messages.push_back(i.rule_id + ": " + i.message);
  EXPECT_THAT(messages, UnorderedElementsAre(
                            "kill-notice: reserved id: kill and hold notices always alert under it",
                            "a: unknown topic 'no-such-topic'",
                            "a: urgency_max must be between 1 and 9", "a: duplicate id"));
}

// Items made for the default rules, each expected to fire exactly its rules.
struct Case {
  const char* name;
  ItemContext ctx;
  std::vector<std::string> expected;
};

std::vector<Case> default_rule_cases() {
  std::vector<Case> cases;
  cases.push_back({"urgent flash (prefix)",
                   tagged(make_item("(URGENT) Presidential office says cabinet to meet tonight",
                                    "SEOUL, Jan. 5 (Yonhap) -- The cabinet will meet tonight.",
                                    "en", 4)),
                   {"urgent-flash"}});
  cases.push_back({"urgent flash (Korean prefix)",
                   tagged(make_item("(긴급) 국회 본회의 오후 개의", "국회 본회의가 오후에 열린다.", "ko",
                                    4)),
                   {"urgent-flash"}});
  cases.push_back({"urgent flash (urgency 2)",
                   tagged(make_item("Samsung Electronics names new chief executive",
                                    "Samsung Electronics named a new CEO on Monday.", "en", 2)),
                   {"urgent-flash"}});
  cases.push_back({"North Korea military",
                   tagged(make_item("N. Korea fires artillery shells near border island: JCS",
                                    "North Korea fired dozens of artillery shells into waters near "
                                    "Yeonpyeong Island, the Joint Chiefs of Staff said. Our "
                                    "military is on high alert.",
                                    "en", 3)),
                   {"north-korea-security"}});
  cases.push_back({"North Korea nuclear (Korean)",
                   tagged(make_item("북한, 영변 우라늄 농축시설 확장…핵무기 증산 박차",
                                    "북한이 영변 핵시설에서 우라늄 농축 시설을 확장하고 있다고 "
                                    "국가정보원이 밝혔다. 북한은 핵무기 증산을 지시했다.",
                                    "ko", 3)),
                   {"north-korea-security"}});
  cases.push_back({"major disaster",
                   tagged(make_item("Magnitude 6.8 earthquake strikes Taiwan, dozens injured",
                                    "A strong earthquake struck eastern Taiwan on Tuesday, "
                                    "collapsing buildings and injuring dozens, rescue workers "
                                    "said. The death toll is expected to rise.",
                                    "en", 3)),
                   {"major-disaster"}});
  cases.push_back({"Korea summit",
                   tagged(make_item("S. Korea, Japan leaders to hold summit in Seoul next week",
                                    "The leaders of South Korea and Japan will hold a summit in "
                                    "Seoul next week, the presidential office said.",
                                    "en", 3)),
                   {"korea-summit"}});
  cases.push_back({"North Korea sanctions",
                   tagged(make_item("U.S. imposes sanctions on N. Korean shipping firms",
                                    "The United States imposed sanctions on three North Korean "
                                    "shipping companies accused of ship-to-ship transfers of oil, "
                                    "the Treasury Department said.",
                                    "en", 3)),
                   {"north-korea-sanctions"}});
  // Not for any rule: ordinary urgency, no urgent marker, ordinary topics.
  cases.push_back({"ordinary North Korea story at urgency 5",
                   tagged(make_item("N. Korea fires artillery shells near border island: JCS",
                                    "North Korea fired artillery shells, the JCS said.", "en", 5)),
                   {}});
  cases.push_back({"culture story",
                   tagged(make_item("Joseon porcelain exhibition opens in Paris",
                                    "An exhibition of Joseon porcelain opened at a Paris museum.",
                                    "en", 3)),
                   {}});
  cases.push_back({"duplicate of an urgent North Korea flash",
                   tagged(make_item("(URGENT) N. Korea fires ballistic missile into East Sea: JCS",
                                    "North Korea fired a ballistic missile, the JCS said.", "en",
                                    1),
                          Verdict::duplicate),
                   {}});
  return cases;
}

TEST(DefaultAlertRulesTest, EachRuleFiresOnItsItemAndNoOther) {
  const auto rules = test::default_alert_rules();
  std::map<std::string, int> fired;
  for (const auto& c : default_rule_cases()) {
    const auto got = default_alerts(c.ctx);
    EXPECT_THAT(got, ::testing::UnorderedElementsAreArray(c.expected))
        << c.name << " (topics: " << ::testing::PrintToString(test::topic_ids(c.ctx.topics))
        << ")";
    for (const auto& id : got) ++fired[id];
  }
  // Every default rule is exercised by some case.
  for (const auto& rule : rules->rules) EXPECT_GE(fired[rule.id], 1) << rule.id;
}

TEST(DefaultAlertRulesTest, FixtureFlashKillAndHoldAlert) {
  const auto lines = test::read_lines(test::fixture_path("items.jsonl"));
  auto alerts_of_line = [&](size_t line, Verdict verdict) {
    return default_alerts(tagged(test::decode_item(lines[line - 1]), verdict));
  };
  EXPECT_THAT(alerts_of_line(3, Verdict::fresh), ::testing::Contains("urgent-flash"));
  EXPECT_THAT(alerts_of_line(8, Verdict::update), ::testing::Contains("kill-notice"));
  EXPECT_THAT(alerts_of_line(14, Verdict::update), ::testing::Contains("hold-notice"));
  // The exact redelivery (line 21) of an ordinary story raises nothing.
  EXPECT_THAT(alerts_of_line(21, Verdict::duplicate), IsEmpty());
}

}  // namespace
}  // namespace wiredesk
