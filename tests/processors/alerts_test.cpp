// Alert rules: condition semantics, the default rules of config/alerts.yaml
// (each fires on an item made for it and on no other), kill and hold notices.
#include "processors/tag/alerts.hpp"

#include "processors/tag/alert_ledger.hpp"
#include "processors/core/event_time.hpp"
#include "processors/core/markers.hpp"
#include "processors/tag/tagger.hpp"

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
  // A mark written in capitals is the wire's: "Bulletin boards …" is a word.
  c.headline_prefixes = {"BULLETIN"};
  ctx.item = make_item("Bulletin boards of campaign posters vandalized", "", "en", 2);
  EXPECT_FALSE(matches(c, ctx));
  ctx.item = make_item("BULLETIN Quake hits Japan", "", "en", 2);
  EXPECT_TRUE(matches(c, ctx));
  c.headline_prefixes = {"(urgent)"};
  ctx.item = make_item("(URGENT) Quake hits", "", "en", 2);
  ctx.item.source = "Yonhap News Agency";
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

// unless_terms: a word in the headline or the first paragraph that says
// the item is no news of the rule's kind now (a memorial of an old
// attack); one further down does not count.
TEST(AlertConditionTest, UnlessTermsInTheHeadlineOrFirstParagraphHoldItBack) {
  ItemContext ctx;
  ctx.item = make_item("N. Korea fires two ballistic missiles into East Sea",
                       "SEOUL, May 3 (Yonhap) -- North Korea fired two ballistic missiles on "
                       "Sunday.\n\nThe launch came days before a memorial service for the "
                       "victims of the 2010 shelling.",
                       "en", 2);
  ctx.topics = {topic("north-korea"), topic("weapons")};
  AlertCondition c;
  c.topics_all = {"north-korea"};
  c.unless_terms = {"memorial service", "추모식"};
  EXPECT_TRUE(matches(c, ctx));  // the memorial is in the second paragraph
  ctx.item = make_item("Families hold memorial service for victims of 1987 airliner bombing",
                       "SEOUL, Nov. 22 (Yonhap) -- Families of the 115 victims held a memorial "
                       "service on Saturday.",
                       "en", 3);
  EXPECT_FALSE(matches(c, ctx));
  ctx.item = make_item("연평도 포격전 19주기", "(인천=연합뉴스) 기자 = 19주기 추모식이 열렸다.", "ko", 3);
  EXPECT_FALSE(matches(c, ctx));
  c.unless_terms.clear();
  EXPECT_TRUE(matches(c, ctx));
}

// topics_min_share: a subject counts only with that share of the main
// topic's evidence; a place or a person counts whenever it is assigned.
TEST(AlertConditionTest, TopicsCountWithTheirShareOfTheEvidenceWhenAsked) {
  ItemContext ctx;
  ctx.item = make_item("Parliament passes budget, tops up disaster reserve", "", "en", 3);
  TopicMatch politics = topic("politics");
  TopicMatch disaster = topic("disaster");
  disaster.share = 0.2;
  TopicMatch korea{"south-korea", "South Korea", "place", "", 50, 0.1};
  ctx.topics = {politics, disaster, korea};
  AlertCondition c;
  c.topics_any = {"disaster"};
  EXPECT_TRUE(matches(c, ctx));  // 0: any assigned topic
  c.topics_min_share = 0.35;
  EXPECT_FALSE(matches(c, ctx));
  c.topics_any = {"politics"};
  c.topics_all = {"south-korea"};
  EXPECT_TRUE(matches(c, ctx));  // the place counts at any share
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

TEST(AlerterTest, ValidationRejectsReservedDuplicateUnknownTopicsAndBadValues) {
  AlertRules rules;
  rules.rules.resize(3);
  rules.rules[0].id = "kill-notice";
  rules.rules[1].id = "a";
  rules.rules[1].when.topics_any = {"no-such-topic"};
  rules.rules[1].when.urgency_max = 12;
  rules.rules[1].when.topics_min_share = 1.5;
  rules.rules[2].id = "a";
  const std::vector<std::string> topics = {"disaster"};
  const auto issues = validate_alert_rules(rules, &topics);
  std::vector<std::string> messages;
  for (const auto& i : issues) messages.push_back(i.rule_id + ": " + i.message);
  EXPECT_THAT(messages, UnorderedElementsAre(
                            "kill-notice: reserved id: kill and hold notices always alert under it",
                            "a: unknown topic 'no-such-topic'",
                            "a: urgency_max must be between 1 and 9",
                            "a: topics_min_share must be between 0 and 1", "a: duplicate id"));
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
  // A nuclear story that names the North in every line (tagging-blind34).
  cases.push_back({"North Korea's leader orders a bigger arsenal, the North named throughout",
                   tagged(make_item("N. Korean leader calls for 'exponential' growth of nuclear "
                                    "arsenal: KCNA",
                                    "North Korea's leader has called for an exponential increase "
                                    "in the North's nuclear arsenal, North Korea's state media "
                                    "KCNA said. The North's leader visited a munitions factory "
                                    "in North Korea, KCNA said. Pyongyang said the North would "
                                    "build more launchers, the Korean Central News Agency said.",
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
  cases.push_back({"a small accident: one dead through the ice",
                   tagged(make_item("저수지 얼음 깨져 빙어 낚시객 빠져…60대 끝내 숨져",
                                    "(춘천=연합뉴스) 기자 = 12일 오후 강원 춘천의 한 저수지에서 "
                                    "얼음이 깨지면서 빙어 낚시를 하던 60대 남성이 물에 빠져 "
                                    "숨졌다.",
                                    "ko", 3)),
                   {}});
  cases.push_back({"a small accident: a bus with six lightly hurt",
                   tagged(make_item("Bus hits roadside tree in Daejeon, 6 passengers slightly "
                                    "injured",
                                    "A city bus crashed into a roadside tree in Daejeon on "
                                    "Tuesday morning, leaving six passengers with minor "
                                    "injuries, fire authorities said.",
                                    "en", 3)),
                   {}});
  cases.push_back({"a big fire with one death",
                   tagged(make_item("대구 전통시장 큰불…점포 170여곳 타고 1명 숨져",
                                    "(대구=연합뉴스) 기자 = 13일 새벽 대구의 한 전통시장에서 큰불이 "
                                    "나 점포 170여곳이 타고 상인 1명이 숨졌다.",
                                    "ko", 3)),
                   {"major-disaster"}});
  cases.push_back({"a big fire with a second-level response and no one hurt",
                   tagged(make_item("Big fire engulfs paper mill in Jinju, workers flee",
                                    "A big fire broke out at a paper mill in Jinju on Monday, "
                                    "and firefighters issued a second-level response, officials "
                                    "said. All workers escaped.",
                                    "en", 3)),
                   {"major-disaster"}});
  // An old toll restated: an anniversary, a court's ruling on a past fire.
  cases.push_back({"a ferry sinking's 10th anniversary",
                   tagged(make_item("승객 31명 숨진 '해솔호 침몰' 10주기…여수서 추모식",
                                    "(여수=연합뉴스) 기자 = 승객 31명이 숨진 여객선 해솔호 침몰 "
                                    "사고 10주기 추모식이 열렸다.",
                                    "ko", 3)),
                   {}});
  cases.push_back({"a court upholds a sentence over a fire that killed five",
                   tagged(make_item("Court upholds prison term for factory owner over 2024 fire "
                                    "that killed five",
                                    "An appeals court on Friday upheld a two-year prison term for "
                                    "the owner of a Gimpo factory where a fire killed five workers "
                                    "in 2024.",
                                    "en", 3)),
                   {}});
  // A drill's evacuees, a civil ruling on a past flood.
  cases.push_back({"an earthquake drill that evacuates 500,000",
                   tagged(make_item("부산 초중고 지진 대피훈련…학생 50만명 참여",
                                    "(부산=연합뉴스) 기자 = 부산 시내 학교에서 지진 대피훈련이 열려 "
                                    "학생 50만여명이 운동장으로 대피했다.\n\n부산에서 규모 6.0의 "
                                    "지진이 발생했다는 가정 아래 진행됐다.",
                                    "ko", 3)),
                   {}});
  cases.push_back({"a court orders damages over a flood that killed nine",
                   tagged(make_item("법원 \"지하차도 침수 참사, 국가가 배상해야\"",
                                    "(청주=연합뉴스) 기자 = 2024년 폭우로 9명이 숨진 지하차도 침수 "
                                    "참사와 관련해 법원이 국가의 배상 책임을 인정했다.",
                                    "ko", 3)),
                   {}});
  // A season's statistics (tagging-blind32): the holiday's road deaths,
  // released a month later.
  cases.push_back({"a holiday's traffic-death statistics",
                   tagged(make_item("설 연휴 교통사고 사망자 27명…통계 작성 이후 최소",
                                    "(서울=연합뉴스) 기자 = 지난달 설 연휴 기간 교통사고 사망자가 "
                                    "27명으로 관련 통계를 낸 이래 가장 적었다.",
                                    "ko", 3)),
                   {}});
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
  // Side topics: the subject a rule is for is there, but the item is about
  // something else (docs/quality.md, "Alerts for what the item is about").
  cases.push_back({"market close that shrugs off a launch",
                   tagged(make_item("KOSPI ends higher on chip rally, shrugs off N. Korean "
                                    "ballistic missile launch",
                                    "South Korean stocks closed higher on Tuesday as chipmakers "
                                    "rallied, with investors shrugging off North Korea's ballistic "
                                    "missile launch in the morning.\n\nThe benchmark KOSPI rose "
                                    "1.2 percent. Samsung Electronics gained 2.1 percent and SK "
                                    "hynix 3.4 percent, while foreign investors bought a net 410 "
                                    "billion won of shares.\n\nThe local currency closed at "
                                    "1,382.5 won against the dollar, and bond yields fell.",
                                    "en", 3)),
                   {}});
  // tagging-blind64's: a stand that gives way at a ballpark is a disaster
  // for all the baseball around it; a bomb threat that clears a concert
  // hall is the police's, however many left.
  cases.push_back({"a stand collapse at a ballpark",
                   tagged(make_item("Bleachers collapse at Changwon ballpark, 15 hurt",
                                    "CHANGWON, April 2 (Yonhap) -- Temporary bleachers collapsed "
                                    "during a baseball game in Changwon on Thursday, injuring 15 "
                                    "fans, fire authorities said. The game between the two KBO "
                                    "clubs was called off in the fifth inning, and the league "
                                    "said the ballpark's next home games would move.",
                                    "en", 3)),
                   {"major-disaster"}});
  cases.push_back({"a bomb threat that cleared a concert hall",
                   tagged(make_item("'공연장 폭파' 협박 글에 관객 8천명 대피…폭발물 없어",
                                    "(부산=연합뉴스) 기자 = 2일 밤 부산의 한 공연장에 폭발물을 "
                                    "설치했다는 협박 글이 올라와 관객 8천여명이 대피했다. 경찰이 "
                                    "수색했으나 폭발물은 발견되지 않았다.",
                                    "ko", 3)),
                   {}});
  // tagging-blind66's: a drill that recalls the week's real leak is still
  // a drill.
  cases.push_back({"a leak drill that recalls a real leak",
                   tagged(make_item("울산 화학공장서 염소가스 누출 가정 합동훈련…근로자 600명 대피",
                                    "(울산=연합뉴스) 기자 = 가스 누출로 2명이 숨지고 5명이 다친 지 "
                                    "나흘 만에 울산의 한 화학공장에서 염소가스 누출에 대비한 "
                                    "재난대응 훈련이 열렸다. 근로자 600여명이 대피했다.",
                                    "ko", 3)),
                   {}});
  // tagging-blind84's: a ship's people all taken off, their number given
  // apart from the rescue, is an evacuation's size; a museum of an old war
  // that the North's people are sent to is no news of its forces now.
  cases.push_back({"a ferry aground with everyone aboard taken off",
                   tagged(make_item("Ferry with 214 aboard hits rocks off Heuksan Island, all "
                                    "evacuated",
                                    "MOKPO, Sept. 9 (Yonhap) -- A passenger ferry carrying 214 "
                                    "people hit rocks off Heuksan Island on Tuesday, and all "
                                    "passengers and crew were taken off by coast guard boats and "
                                    "evacuated safely, the coast guard said.",
                                    "en", 3)),
                   {"major-disaster"}});
  cases.push_back({"the North's war museum",
                   tagged(make_item("N. Korea sends soldiers and students to its war museum "
                                    "ahead of anniversary",
                                    "SEOUL, June 20 (Yonhap) -- North Korea has sent thousands of "
                                    "soldiers and students to its Victorious War Museum in "
                                    "Pyongyang, where exhibits show troops and weapons of the "
                                    "1950-53 Korean War, state media said.",
                                    "en", 3)),
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

// An alert rule's words with no event behind them (tagging-blind110): a
// study's scenario, a drill that simulates a quake or a missile strike, an
// inspection campaign against big fires, an anniversary, a payout for an
// old accident. Each fired under the rules before it (checked with
// WIREDESK_ALERTS on the rules of the seventeenth session); the real quake
// and launch beside them still do.
TEST(DefaultAlertRulesTest, AnAlertRulesWordsWithNoEventBehindThem) {
  struct Case {
    const char* headline;
    const char* body;
    const char* language;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"Magnitude 6.5 quake under Busan could kill 1,400, city study finds",
       "BUSAN, March 3 (Yonhap) -- A magnitude 6.5 earthquake beneath downtown Busan could kill "
       "about 1,400 people and injure 19,000, a study released by the city estimated Thursday.",
       "en",
       {}},
      {"Coastal towns stage tsunami drill as 12,000 head for high ground",
       "GANGNEUNG, March 3 (Yonhap) -- Sirens sounded along the east coast on Thursday as some "
       "12,000 residents took part in a drill simulating a magnitude 8.0 earthquake and a tsunami "
       "warning.",
       "en",
       {}},
      {"\"북한 미사일 부산항 낙하\" 가정 민방위 훈련…차량 20분간 통제",
       "(부산=연합뉴스) 한지오 기자 = 북한의 미사일이 부산항에 떨어지는 상황을 가정한 민방위 "
       "훈련이 "
       "3일 오후 부산 전역에서 실시됐다.",
       "ko",
       {}},
      {"겨울철 큰불 막는다…소방청, 전통시장 1천곳 특별점검",
       "(세종=연합뉴스) 한지오 기자 = 소방청은 겨울철 대형 화재를 막기 위해 전통시장 1천여곳을 "
       "특별점검한다고 3일 밝혔다.",
       "ko",
       {}},
      {"Town marks 20 years since mudslide that killed 41",
       "PYEONGCHANG, March 3 (Yonhap) -- Residents gathered Thursday as the town marked 20 years "
       "since a mudslide buried a village and killed 41 people.",
       "en",
       {}},
      {"Builder agrees 12 bln won payout to families of 2035 scaffold collapse victims",
       "SEOUL, March 3 (Yonhap) -- A builder has agreed to pay 12 billion won in compensation to "
       "the families of four workers killed and 17 injured when scaffolding collapsed three years "
       "ago.",
       "en",
       {}},
      {"Magnitude 5.1 quake strikes off Pohang; no damage reported",
       "POHANG, March 3 (Yonhap) -- A magnitude 5.1 earthquake struck off the coast of Pohang on "
       "Thursday afternoon, the weather agency said, the strongest this year.",
       "en",
       {"major-disaster"}},
      {"N. Korea fires 2 ballistic missiles into East Sea: JCS",
       "SEOUL, March 3 (Yonhap) -- North Korea fired two short-range ballistic missiles into the "
       "East Sea on Thursday, the Joint Chiefs of Staff said.",
       "en",
       {"north-korea-security"}},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(default_alerts(tagged(make_item(c.headline, c.body, c.language, 3))),
                ::testing::UnorderedElementsAreArray(c.expected))
        << c.headline;
  }
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

// ------------------------------------------------------- alerts per story

namespace wiredesk {
namespace {

// Runs items of stories through one Alerter (thread mode unless told), each
// from its own input record, and returns what each produced.
class PerStoryAlerts : public ::testing::Test {
 protected:
  struct Out {
    std::optional<AlertNotice> alert;
    std::vector<std::string> rules;
    bool suppressed = false;
  };

  Out send(const std::string& story, WireItem item, Verdict verdict = Verdict::update,
           int64_t offset = -1, uint8_t markers = 0) {
    ItemContext ctx;
    ctx.item = std::move(item);
    ctx.verdict = verdict;
    ctx.story = story;
    ctx.markers = markers;
    ctx.origin = {"wire", 0, offset >= 0 ? offset : next_offset_++};
    Tagger(test::default_taxonomy()).process(ctx);
    alerter_.process(ctx);
    return {ctx.alert, ctx.alerts, ctx.alert_suppressed};
  }

  static WireItem item(const std::string& uri, const std::string& headline, int urgency,
                       PubStatus status = PubStatus::usable, const std::string& version = "1") {
    WireItem it = make_item(headline,
                            "SEOUL, Nov. 3 (Yonhap) -- North Korea fired a ballistic missile into "
                            "the East Sea, the Joint Chiefs of Staff said.",
                            "en", urgency);
    it.uri = uri;
    it.version = version;
    it.pubstatus = status;
    return it;
  }

  void SetUp() override { alerter_.set_ledger(ledger_); }

  std::shared_ptr<AlertLedger> ledger_ = std::make_shared<AlertLedger>();
  Alerter alerter_{test::default_alert_rules()};
  int64_t next_offset_ = 100;
};

TEST_F(PerStoryAlerts, AThreadPingsOnceThenFollowsUpOnlyWhenTheStakesRise) {
  const std::string story = "urn:flash";
  // The flash: urgent-flash and north-korea-security, one record.
  Out flash = send(story, item("urn:flash", "(URGENT) N. Korea fires ballistic missile", 1),
                   Verdict::fresh);
  ASSERT_TRUE(flash.alert);
  EXPECT_EQ(flash.alert->alert_id, first_alert_id(story));
  EXPECT_TRUE(flash.alert->followup_of.empty());
  EXPECT_THAT(flash.rules, UnorderedElementsAre("urgent-flash", "north-korea-security"));

  // The full story and a write-through match the same rules: no record.
  Out full = send(story, item("urn:full", "N. Korea fires ballistic missile into East Sea", 2));
  EXPECT_FALSE(full.alert);
  EXPECT_TRUE(full.suppressed);
  Out lead = send(story, item("urn:lead", "(LEAD) N. Korea fires ballistic missile", 2));
  EXPECT_FALSE(lead.alert);

  // A copy never alerts, not even a copy of the kill.
  Out copy = send(story, item("urn:copy", "N. Korea fires missile", 1, PubStatus::canceled),
                  Verdict::duplicate);
  EXPECT_FALSE(copy.alert);
  EXPECT_FALSE(copy.suppressed);

  // A correction and a kill each raise the stakes: one follow-up each.
  Out fix = send(story, item("urn:lead", "(CORRECTED) N. Korea fires missile", 3,
                             PubStatus::usable, "2"),
                 Verdict::update, -1, marker::correction);
  ASSERT_TRUE(fix.alert);
  EXPECT_EQ(fix.alert->followup_of, first_alert_id(story));
  EXPECT_EQ(fix.alert->reason, "correction");
  Out kill = send(story, item("urn:lead", "(KILL) N. Korea fires missile", 2,
                              PubStatus::canceled, "3"));
  ASSERT_TRUE(kill.alert);
  EXPECT_EQ(kill.alert->reason, "kill");
  EXPECT_EQ(kill.alert->followup_of, first_alert_id(story));
  EXPECT_NE(kill.alert->alert_id, fix.alert->alert_id);
  // 2 records for 6 items.
  const auto state = ledger_->get(story);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->seq, 3u);
  EXPECT_EQ(state->status, PubStatus::canceled);
}

TEST_F(PerStoryAlerts, ANewRuleOrAHigherUrgencyRaisesTheStakesALowerOneDoesNot) {
  const std::string story = "urn:s";
  WireItem quiet = item("urn:s", "N. Korea fires ballistic missile into East Sea", 3);
  Out first = send(story, quiet, Verdict::fresh);
  ASSERT_TRUE(first.alert);
  EXPECT_THAT(first.rules, ElementsAre("north-korea-security"));
  Out calmer = send(story, item("urn:s2", "N. Korea fires ballistic missile", 3));
  EXPECT_FALSE(calmer.alert);
  Out urgent = send(story, item("urn:s3", "N. Korea fires ballistic missile", 2));
  ASSERT_TRUE(urgent.alert);
  EXPECT_EQ(urgent.alert->reason, "rule");  // urgent-flash (urgency 1-2) is new
  EXPECT_THAT(urgent.rules, UnorderedElementsAre("urgent-flash", "north-korea-security"));
  Out same = send(story, item("urn:s4", "N. Korea fires ballistic missile", 2));
  EXPECT_FALSE(same.alert);
  Out higher = send(story, item("urn:s5", "N. Korea fires ballistic missile", 1));
  ASSERT_TRUE(higher.alert);
  EXPECT_EQ(higher.alert->reason, "urgency");
}

TEST_F(PerStoryAlerts, AHoldAndItsReleaseAreFollowUpsAndAKillNoticeIsOneRecord) {
  Out kill = send("urn:k", item("urn:k", "(URGENT) Story killed", 1, PubStatus::canceled, "2"));
  ASSERT_TRUE(kill.alert);
  EXPECT_TRUE(kill.alert->followup_of.empty());
  EXPECT_THAT(kill.rules, ::testing::IsSupersetOf({"kill-notice", "urgent-flash"}));

  const std::string story = "urn:h";
  ASSERT_TRUE(send(story, item("urn:h", "(URGENT) N. Korea fires missile", 1)).alert);
  Out hold = send(story, item("urn:h", "(HOLD) N. Korea fires missile", 4, PubStatus::withheld, "2"));
  ASSERT_TRUE(hold.alert);
  EXPECT_EQ(hold.alert->reason, "hold");
  Out release = send(story, item("urn:h", "N. Korea fires missile", 4, PubStatus::usable, "3"));
  ASSERT_TRUE(release.alert);
  EXPECT_EQ(release.alert->reason, "release");
}

TEST_F(PerStoryAlerts, ANewItemAfterOneItemsKillIsNoRelease) {
  const std::string story = "urn:b";
  ASSERT_TRUE(send(story, item("urn:b", "(URGENT) N. Korea fires missile", 1), Verdict::fresh).alert);
  ASSERT_TRUE(send(story, item("urn:b2", "(KILL) N. Korea fires missile", 4, PubStatus::canceled,
                               "2")).alert);
  // The next day's item of the story, under a uri of its own.
  Out next_day = send(story, item("urn:b3", "N. Korea fires missile", 4));
  EXPECT_FALSE(next_day.alert);
  // The killed item's uri usable again is.
  Out back = send(story, item("urn:b2", "N. Korea fires missile", 4, PubStatus::usable, "3"));
  ASSERT_TRUE(back.alert);
  EXPECT_EQ(back.alert->reason, "release");
}

TEST_F(PerStoryAlerts, AReplayOfTheRecordThatAlertedProducesTheSameRecordAgain) {
  const std::string story = "urn:r";
  Out first = send(story, item("urn:r", "(URGENT) N. Korea fires missile", 1), Verdict::fresh, 7);
  ASSERT_TRUE(first.alert);
  Out kill = send(story, item("urn:r", "(KILL) N. Korea fires missile", 2, PubStatus::canceled, "2"),
                  Verdict::update, 8);
  ASSERT_TRUE(kill.alert);
  // A crash before offsets 7 and 8 were committed: both come again.
  Out again = send(story, item("urn:r", "(URGENT) N. Korea fires missile", 1), Verdict::fresh, 7);
  ASSERT_TRUE(again.alert);
  EXPECT_EQ(again.alert->alert_id, first.alert->alert_id);
  EXPECT_TRUE(again.alert->followup_of.empty());
  Out kill_again = send(story, item("urn:r", "(KILL) N. Korea fires missile", 2,
                                    PubStatus::canceled, "2"),
                        Verdict::update, 8);
  ASSERT_TRUE(kill_again.alert);
  EXPECT_EQ(kill_again.alert->alert_id, kill.alert->alert_id);
  EXPECT_EQ(kill_again.alert->reason, "kill");
  EXPECT_EQ(ledger_->get(story)->seq, 2u);  // nothing new was recorded
}

TEST_F(PerStoryAlerts, EveryModeGivesOneRecordPerMatchingItem) {
  alerter_.set_mode(AlertMode::every);
  const std::string story = "urn:e";
  EXPECT_TRUE(send(story, item("urn:e", "(URGENT) N. Korea fires missile", 1), Verdict::fresh).alert);
  Out second = send(story, item("urn:e2", "(URGENT) N. Korea fires missile", 1));
  ASSERT_TRUE(second.alert);
  EXPECT_THAT(second.rules, UnorderedElementsAre("urgent-flash", "north-korea-security"));
  EXPECT_FALSE(send(story, item("urn:e3", "N. Korea fires missile", 1), Verdict::duplicate).alert);
}

// With write_state(), a story's first alert is a state write of the item that
// sent it (key alert_state_key(story), the ledger's state as value); an item
// that changes nothing writes nothing.
TEST_F(PerStoryAlerts, TheAlertStateAnItemChangedIsItsStateWrite) {
  alerter_.write_state();
  const std::string story = "urn:flash";
  ItemContext flash;
  flash.item = item("urn:flash", "(URGENT) N. Korea fires ballistic missile", 1);
  flash.story = story;
  flash.origin = {"wire", 0, 1};
  Tagger(test::default_taxonomy()).process(flash);
  alerter_.process(flash);
  ASSERT_TRUE(flash.alert);
  ASSERT_EQ(flash.state_writes.size(), 1u);
  EXPECT_EQ(flash.state_writes[0].key, alert_state_key(story));
  EXPECT_FALSE(flash.state_writes[0].tombstone);
  const auto state = deserialize_story_alerts(flash.state_writes[0].value);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->story, story);

  ItemContext unrelated;
  unrelated.item = make_item("Weather: sunny in Seoul", "Seoul will be sunny on Tuesday.", "en", 4);
  unrelated.item.uri = "urn:other";
  unrelated.story = "urn:other";
  unrelated.origin = {"wire", 0, 2};
  Tagger(test::default_taxonomy()).process(unrelated);
  alerter_.process(unrelated);
  EXPECT_TRUE(unrelated.state_writes.empty());
}

TEST(AlertLedgerTest, StatesRoundTripAndTheLaterOneWinsBetweenReplicas) {
  StoryAlerts s;
  s.story = "urn:story|with\\odd chars";
  s.alert_id = first_alert_id(s.story);
  s.rules = {"urgent-flash", "kill-notice"};
  s.urgency = 1;
  s.status = PubStatus::canceled;
  s.seq = 2;
  s.event_ms = 1'790'000'000'000;
  s.events.push_back({{"wire", 3, 42}, "urn:a", "1", s.alert_id, "", {"urgent-flash"}});
  s.events.push_back({{"wire", 3, 43}, "urn:a", "2", "f-1", "kill", {"kill-notice"}});
  const std::string bytes = serialize(s);
  const auto back = deserialize_story_alerts(bytes);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->story, s.story);
  EXPECT_EQ(back->rules, s.rules);
  EXPECT_EQ(back->status, PubStatus::canceled);
  ASSERT_EQ(back->events.size(), 2u);
  EXPECT_EQ(back->events[1].origin.offset, 43);
  EXPECT_EQ(back->events[1].reason, "kill");
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_FALSE(deserialize_story_alerts(bytes.substr(0, cut))) << cut;
  }
  // An event time no timestamp or clock gives is corrupt state (the
  // ledger's window is subtracted from the newest).
  for (const int64_t ms : {INT64_MIN, INT64_MAX, kEarliestEventMs - 1, kLatestEventMs + 1}) {
    StoryAlerts corrupt = s;
    corrupt.event_ms = ms;
    EXPECT_FALSE(deserialize_story_alerts(serialize(corrupt))) << ms;
  }
  // The key cannot be an index key (uri|version) and gives the story back.
  const std::string key = alert_state_key(s.story);
  EXPECT_EQ(story_of_alert_state_key(key), s.story);
  EXPECT_FALSE(story_of_alert_state_key("urn:x|1"));
  EXPECT_FALSE(story_of_alert_state_key("\\\\alert:x|1"));  // an escaped '\' in a uri

  AlertLedger ledger;
  EXPECT_TRUE(ledger.apply_remote(s));
  StoryAlerts older = s;
  older.seq = 1;
  EXPECT_FALSE(ledger.apply_remote(older));
  StoryAlerts newer = s;
  newer.seq = 3;
  newer.rules.push_back("major-disaster");
  EXPECT_TRUE(ledger.apply_remote(newer));
  EXPECT_EQ(ledger.get(s.story)->rules.size(), 3u);
  EXPECT_TRUE(ledger.erase(s.story));
  EXPECT_FALSE(ledger.get(s.story));
}

TEST(AlertLedgerTest, ChangesAreReportedAndOldStoriesForgottenWithTombstones) {
  AlertLedgerOptions o;
  o.window_ms = 1000;
  o.max_future_ms = 0;
  AlertLedger ledger(o);
  std::vector<std::string> changed, evicted;
  ledger.set_on_change([&](const StoryAlerts& s) { changed.push_back(s.story); });
  ledger.set_on_evict([&](const std::vector<std::string>& keys) {
    evicted.insert(evicted.end(), keys.begin(), keys.end());
  });
  auto put = [&](const std::string& story, int64_t when) {
    ledger.update(story, [&](const StoryAlerts*) {
      StoryAlerts s;
      s.alert_id = "a";
      s.event_ms = when;
      return std::optional<StoryAlerts>(s);
    });
  };
  put("old", 0);
  for (int i = 0; i < 300; ++i) put("s" + std::to_string(i), 5000 + i);
  EXPECT_EQ(changed.size(), 301u);
  EXPECT_THAT(evicted, ::testing::Contains(alert_state_key("old")));
  EXPECT_FALSE(ledger.get("old"));
  EXPECT_TRUE(ledger.get("s299"));
}

}  // namespace
}  // namespace wiredesk
