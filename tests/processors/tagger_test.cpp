// The matcher and the Tag stage on small taxonomies written for each test.
#include "processors/tag/tagger.hpp"

#include <atomic>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "processors/tag_support.hpp"

namespace wiredesk {
namespace {

using test::make_item;
using test::tag_ids;
using test::taxonomy_from;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Threshold 3 and weight 1 everywhere: a headline hit (×3) assigns a topic,
// a body hit (×1) does not.
const char* kHeader = R"(
version: 1
defaults:
  threshold: 3
  fields: {slugline: 2, headline: 3, lead: 1.5, body: 1}
  lead_bytes: 20
topics:
)";

std::shared_ptr<const CompiledTaxonomy> one_topic(const std::string& rules,
                                                  const std::string& extra = "") {
  return taxonomy_from(std::string(kHeader) + "  - id: t\n    name: t\n    kind: subject\n" +
                       "    rules:\n" + rules + extra);
}

// The defaults of the aboutness tests: threshold 3, naming weight 3, side
// topics at 35 % of the top score; `extra` adds defaults keys.
std::string aboutness_header(int lead_bytes, const std::string& extra = "") {
  return "version: 1\ndefaults:\n  threshold: 3\n"
         "  fields: {slugline: 2, headline: 3, lead: 1.5, body: 1}\n"
         "  lead_bytes: " + std::to_string(lead_bytes) + "\n"
         "  naming_weight: 3\n  side_topic_share: 0.35\n" + extra;
}

double score_of(const CompiledTaxonomy& taxonomy, const WireItem& item, const std::string& id) {
  const int at = taxonomy.find(id);
  for (const auto& s : score_topics(taxonomy, item_text(item))) {
    if (static_cast<int>(s.topic) == at) return s.score;
  }
  return 0;
}

TEST(TaggerTest, EnglishTermsMatchWholeWordsAndStarAllowsEndings) {
  auto tax = one_topic("      - en: [arms, missile*]\n");
  EXPECT_THAT(tag_ids(*tax, make_item("Farms and charms", "")), IsEmpty());
  EXPECT_THAT(tag_ids(*tax, make_item("Arms deal signed", "")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*tax, make_item("Two missiles fired", "")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*tax, make_item("Antimissile shield", "")), IsEmpty());
}

TEST(TaggerTest, KoreanTermsMatchInsideWordsWithParticles) {
  auto tax = one_topic("      - ko: [북한, 미사일]\n");
  EXPECT_THAT(tag_ids(*tax, make_item("북한은 미사일을 발사했다", "", "ko")), ElementsAre("t"));
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("북한은 미사일을 쐈다", "", "ko"), "t"), 6.0);
}

TEST(TaggerTest, CapitalisedAcronymsAreCaseSensitiveOtherTermsCaseless) {
  auto tax = one_topic("      - en: [JCS, joint chiefs]\n");
  EXPECT_THAT(tag_ids(*tax, make_item("JCS says", "")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*tax, make_item("jcs says", "")), IsEmpty());
  EXPECT_THAT(tag_ids(*tax, make_item("JOINT CHIEFS say", "")), ElementsAre("t"));
  auto sensitive = one_topic("      - case: sensitive\n        en: [the North]\n");
  EXPECT_THAT(tag_ids(*sensitive, make_item("Tension with the North", "")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*sensitive, make_item("Snow in the north", "")), IsEmpty());
}

TEST(TaggerTest, HyphenAlsoMatchesASpaceAndApostrophesBothForms) {
  auto tax = one_topic("      - en: [Kim Jong-un, Workers' Party]\n");
  EXPECT_THAT(tag_ids(*tax, make_item("Kim Jong Un speaks", "")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*tax, make_item("Kim Jong-un speaks", "")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*tax, make_item("Workers\xE2\x80\x99 Party meets", "")), ElementsAre("t"));
}

TEST(TaggerTest, FieldWeightsLeadAndRepeatCap) {
  auto tax = one_topic("      - en: [quake]\n");
  // headline 3; lead (first 20 bytes of the body) 1.5; body 1.
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("quake", ""), "t"), 3.0);
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("x", "quake"), "t"), 1.5);
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("x", "a long opening line, then quake"), "t"), 1.0);
  // Repeats: 1, +0.5, +0.5, then capped (repeat_cap 3).
  EXPECT_DOUBLE_EQ(
      score_of(*tax, make_item("x", "twenty bytes of lead quake quake quake quake quake"), "t"),
      2.0);
}

TEST(TaggerTest, ThresholdAndRelevance) {
  auto tax = one_topic("      - en: [quake]\n");
  const auto topics = tag_text(*tax, item_text(make_item("quake", "")));
  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics[0].relevance, 50);  // score == threshold
  const auto strong = tag_text(*tax, item_text(make_item("quake quake quake", "quake")));
  ASSERT_EQ(strong.size(), 1u);
  EXPECT_EQ(strong[0].relevance, 100);  // capped
  EXPECT_THAT(tag_ids(*tax, make_item("x", "quake")), IsEmpty());  // 1.5 < 3
}

TEST(TaggerTest, ExclusionHidesHitsInsideItsMatchOnly) {
  auto tax = one_topic("      - en: [meteorological]\n",
                       "    exclude:\n      en: [Japan Meteorological Agency]\n");
  EXPECT_THAT(tag_ids(*tax, make_item("Japan Meteorological Agency says", "")), IsEmpty());
  EXPECT_THAT(tag_ids(*tax, make_item("Meteorological data", "")), ElementsAre("t"));
  auto ko = one_topic("      - ko: [북한]\n", "    exclude:\n      ko: [북한산]\n");
  EXPECT_THAT(tag_ids(*ko, make_item("북한산 등산로", "", "ko")), IsEmpty());
  EXPECT_THAT(tag_ids(*ko, make_item("북한산 등산객, 북한 탄도미사일 소식에", "", "ko")),
              ElementsAre("t"));
}

TEST(TaggerTest, RegexExclusionMasksItsSpan) {
  auto tax = one_topic("      - en: [Seoul]\n",
                       "    exclude:\n      regex: ['SEOUL, [A-Za-z]{3}\\. [0-9]+ \\(Yonhap\\)']\n"
                       "      case: sensitive\n");
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("x", "SEOUL, Nov. 3 (Yonhap) -- y"), "t"), 0.0);
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("Seoul", ""), "t"), 3.0);
}

// A whole-item exclusion hides the terms found inside its match everywhere
// in the item (the name is someone else's there), and only those terms: the
// topic's other terms still count.
TEST(TaggerTest, WholeItemExclusionHidesItsTermsEverywhereAndOnlyThose) {
  auto tax = one_topic("      - ko: [김정은, 북한]\n",
                       "    exclude:\n      - whole_item: true\n"
                       "        regex: ['김정은 ?\\([0-9]{1,2}\\)']\n");
  const WireItem player = make_item("김정은 트리플크라운", "아웃사이드 히터 김정은(24)이 활약했다.", "ko");
  EXPECT_DOUBLE_EQ(score_of(*tax, player, "t"), 0.0);
  EXPECT_THAT(tag_ids(*tax, make_item("김정은 트리플크라운", "", "ko")), ElementsAre("t"));
  // 북한 is not inside the match: it counts (×3 in the headline).
  const WireItem both = make_item("북한 여자축구, 김정은 결승골", "공격수 김정은(21)이 넣었다.", "ko");
  EXPECT_DOUBLE_EQ(score_of(*tax, both, "t"), 3.0);
  // Without the flag only the hit inside the match is hidden.
  auto local = one_topic("      - ko: [김정은]\n",
                         "    exclude:\n      - regex: ['김정은 ?\\([0-9]{1,2}\\)']\n");
  EXPECT_DOUBLE_EQ(score_of(*local, player, "t"), 3.0);
}

// to_closing_quote: the exclusion runs on from its match to the closing
// quote, so a work's title hides its words (with whole_item, everywhere).
TEST(TaggerTest, AnExclusionMayRunOnToTheClosingQuote) {
  auto tax = one_topic("      - ko: [대통령]\n",
                       "    exclude:\n      - whole_item: true\n        to_closing_quote: true\n"
                       "        ko: [\"영화 '\"]\n");
  EXPECT_DOUBLE_EQ(
      score_of(*tax, make_item("영화 '대통령의 요리사' 1위", "가상의 대통령이 나온다.", "ko"), "t"),
      0.0);
  // Outside the title the word counts; a quote left open hides nothing.
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("대통령, 영화 '서울의 봄' 관람", "", "ko"), "t"), 3.0);
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("영화 '대통령", "", "ko"), "t"), 3.0);
}

// to_name_end / from_name_start: the exclusion runs over the capitalized
// words after its match (band Kremlin Lights), or back over those before it
// (Tsunami Bay, the colt), or back to the opening quote when it starts at a
// closing one (the 'Red Storm' chain). With whole_item, everywhere.
TEST(TaggerTest, AnExclusionMayRunOverAnUnquotedName) {
  auto after = one_topic("      - en: [Kremlin]\n",
                         "    exclude:\n      - whole_item: true\n        to_name_end: true\n"
                         "        regex: ['band ']\n");
  EXPECT_DOUBLE_EQ(
      score_of(*after, make_item("Kremlin Lights tour", "The rock band Kremlin Lights plays."), "t"),
      0.0);
  // No name after it: nothing hidden.
  EXPECT_DOUBLE_EQ(score_of(*after, make_item("Kremlin band plays", "The band played."), "t"),
                   3.0);
  auto before = one_topic("      - en: [Tsunami, Storm]\n",
                          "    exclude:\n      - whole_item: true\n        from_name_start: true\n"
                          "        regex: [', the colt', \"' chain\"]\n");
  EXPECT_DOUBLE_EQ(score_of(*before,
                            make_item("Tsunami Bay retires", "Tsunami Bay, the colt, won 11 races."),
                            "t"),
                   0.0);
  EXPECT_DOUBLE_EQ(score_of(*before, make_item("x", "The 'Red Storm' chain opens."), "t"), 0.0);
  // A lower-case word before it is no name.
  EXPECT_DOUBLE_EQ(score_of(*before, make_item("Tsunami hits", "It hit hard, the colt ran."), "t"),
                   3.0);
}

// A veto term is the item's frame: an exclusion's span does not hide it
// (a play that "depicts" a sinking, 그린 연극 '…', ends in its title).
TEST(TaggerTest, AVetoTermCountsInsideAnExclusionsSpan) {
  auto tax = one_topic("      - ko: [침몰]\n",
                       "    exclude:\n      - to_closing_quote: true\n        ko: [\"연극 '\"]\n"
                       "    penalties:\n      - weight: 1\n        veto_terms: 1\n"
                       "        regex: ['을 그린 연극']\n");
  const WireItem play = make_item("침몰 72시간", "잠수함 침몰 72시간을 그린 연극 '심해'가 개막한다.", "ko");
  EXPECT_THAT(tag_ids(*tax, play), IsEmpty());
  const auto scores = score_topics(*tax, item_text(play));
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_TRUE(scores[0].vetoed);
}

TEST(TaggerTest, PenaltiesSubtract) {
  auto tax = one_topic("      - en: [attack]\n",
                       "    penalties:\n      - weight: 1\n        en: [inning]\n");
  EXPECT_THAT(tag_ids(*tax, make_item("Missile attack", "")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*tax, make_item("Eagles' attack stalls in ninth inning", "")), IsEmpty());
}

TEST(TaggerTest, APersonNamedOnceInTheLeadIsWhoTheStoryIsAbout) {
  const auto taxonomy_with = [](const std::string& kind) {
    return taxonomy_from(aboutness_header(60, "  one_mention_needs_naming: true\n") + R"(
topics:
  - id: summit
    name: summit
    kind: subject
    rules:
      - weight: 3
        en: [summit, talks, leaders]
  - id: lee
    name: Lee
    kind: )" + kind + R"(
    rules:
      - weight: 3
        en: [President Lee]
)");
  };
  // "President Lee" once, in the lead: 4.5 against the summit's 30 or so.
  const WireItem item = make_item("Summit talks end with leaders' pledge",
                                  "President Lee held summit talks on Monday.\n"
                                  "The leaders agreed on supply chains at the summit.\n"
                                  "The talks ran long; the leaders met again.");
  EXPECT_THAT(tag_ids(*taxonomy_with("person"), item), UnorderedElementsAre("summit", "lee"));
  // Anything else named once outside the headline is a side topic.
  EXPECT_THAT(tag_ids(*taxonomy_with("subject"), item), ElementsAre("summit"));
}

TEST(TaggerTest, AVetoGroupDropsTheTopicWhenEnoughOfItsTermsAreFound) {
  auto tax = one_topic("      - en: [warhead]\n",
                       "    penalties:\n      - weight: 1\n        veto_terms: 2\n"
                       "        en: [protagonist, box office, episode]\n");
  const WireItem one = make_item("Stolen warhead found", "The protagonist was not involved.");
  EXPECT_THAT(tag_ids(*tax, one), ElementsAre("t"));
  // Under its bar a veto term subtracts nothing.
  EXPECT_DOUBLE_EQ(score_of(*tax, one, "t"), 3.0);
  // The same term twice is one term.
  EXPECT_THAT(tag_ids(*tax, make_item("Stolen warhead found", "The protagonist, the protagonist.")),
              ElementsAre("t"));
  // Two of them: the warhead is a plot's, whatever its score.
  const WireItem review = make_item("Stolen warhead thriller tops the box office",
                                    "The protagonist hunts a warhead. Warhead, warhead.");
  EXPECT_GT(score_of(*tax, review, "t"), 3.0);
  EXPECT_THAT(tag_ids(*tax, review), IsEmpty());
  const auto scores = score_topics(*tax, item_text(review));
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_TRUE(scores[0].vetoed);
}
// A regex hit stands from its shortest match before its end: a term of the
// same topic inside it ("dead" in "2 dead") counts once, as part of the
// longer match, and no longer swallows it.
TEST(TaggerTest, ARegexHitCoversTheTermsInsideIt) {
  auto tax = one_topic(
      "      - weight: 0.5\n"
      "        en: [dead]\n"
      "      - weight: 2\n"
      "        regex: ['[0-9]+ (?:dead|hurt)']\n");
  // 2 × 3 (headline) for the regex; the term inside it adds nothing.
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("Crash leaves 2 dead", "x"), "t"), 6.0);
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("Many feared dead", "x"), "t"), 1.5);
}

// An alert reads a topic's share of the item's main subject; a place counts
// at place_weight there, as it does for side topics: a nuclear story that
// names the North in every line is still about the arsenal.
TEST(TaggerTest, ASubjectsShareCountsAPlaceAtItsWeight) {
  auto tax = taxonomy_from(aboutness_header(400, "  place_weight: 0.7\n") + R"(
topics:
  - id: nk
    name: North Korea
    kind: place
    rules:
      - weight: 3
        en: [North Korea, Pyongyang, KCNA]
  - id: nuclear
    name: nuclear
    kind: subject
    rules:
      - weight: 3
        en: [nuclear arsenal]
)");
  const WireItem item = make_item(
      "North Korea vows to expand nuclear arsenal: KCNA",
      "North Korea will expand its nuclear arsenal, KCNA said. Pyongyang said so.\n"
      "North Korea made the vow in Pyongyang, KCNA said.");
  double nk = 0, nuclear = 0;
  for (const TopicMatch& m : tag_text(*tax, item_text(item))) {
    if (m.id == "nk") nk = m.share;
    if (m.id == "nuclear") nuclear = m.share;
  }
  EXPECT_DOUBLE_EQ(nk, 1.0);
  const double nk_score = score_of(*tax, item, "nk");
  const double nuclear_score = score_of(*tax, item, "nuclear");
  ASSERT_GT(nk_score * 0.7, nuclear_score);
  EXPECT_NEAR(nuclear, nuclear_score / (0.7 * nk_score), 1e-9);
}



// A vetoed topic is not what the item is about, so it is not the bar a side
// topic's share is measured against: a car's cold test is business.
TEST(TaggerTest, AVetoedTopicDoesNotSetTheBarForTheOthers) {
  auto tax = taxonomy_from(aboutness_header(60) + R"(
topics:
  - id: weather
    name: weather
    kind: subject
    rules:
      - weight: 3
        en: [minus 40 degrees, cold snap, frostbite, wind chill]
    penalties:
      - weight: 1
        veto_terms: 2
        en: [test track, prototype]
  - id: economy
    name: economy
    kind: subject
    rules:
      - weight: 1
        en: [carmaker, sales]
)");
  const std::string body =
      "The carmaker drove the prototype on a test track at minus 40 degrees. "
      "A cold snap, minus 40 degrees, frostbite and a wind chill on the track.\n"
      "The carmaker expects sales to rise.";
  const WireItem test = make_item("Carmaker ends winter trials at minus 40 degrees", body);
  EXPECT_THAT(tag_ids(*tax, test), ElementsAre("economy"));
  // Without the veto the cold is the main topic and the business a side note.
  const WireItem forecast = make_item("Cold snap: minus 40 degrees tonight",
                                      "A cold snap brings minus 40 degrees. The carmaker expects "
                                      "sales to rise.");
  EXPECT_THAT(tag_ids(*tax, forecast), ElementsAre("weather"));
}

// Each veto group counts its own terms against its own bar: one term of
// each of two groups with a bar of two is no veto.
TEST(TaggerTest, EachVetoGroupCountsAgainstItsOwnBar) {
  auto tax = one_topic("      - en: [warhead]\n",
                       "    penalties:\n"
                       "      - weight: 1\n        veto_terms: 2\n        en: [protagonist, episode]\n"
                       "      - weight: 1\n        veto_terms: 2\n        en: [box office, sequel]\n");
  const WireItem mixed =
      make_item("Stolen warhead found", "The protagonist of the sequel was not involved.");
  EXPECT_THAT(tag_ids(*tax, mixed), ElementsAre("t"));
  const WireItem plot =
      make_item("Stolen warhead found", "The protagonist steals it in the last episode.");
  EXPECT_THAT(tag_ids(*tax, plot), IsEmpty());
  const WireItem sales =
      make_item("Stolen warhead found", "The sequel led the box office.");
  EXPECT_THAT(tag_ids(*tax, sales), IsEmpty());
}

TEST(TaggerTest, OverlappingTermsOfOneTopicCountOnceAsTheLongest) {
  auto tax = one_topic(
      "      - weight: 2\n        en: [ballistic missile]\n"
      "      - weight: 1\n        en: [missile]\n");
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("Ballistic missile", ""), "t"), 6.0);
  EXPECT_DOUBLE_EQ(score_of(*tax, make_item("Cruise missile", ""), "t"), 3.0);
}

// The same span found for one topic twice (a term in two groups) counts
// once, at its heaviest weight, whichever group lists it first.
TEST(TaggerTest, ATermInTwoGroupsOfOneTopicCountsOnceAtItsHeaviest) {
  auto heavy_first = one_topic(
      "      - weight: 2.5\n        en: [missile]\n"
      "      - weight: 0.5\n        en: [missile]\n");
  auto light_first = one_topic(
      "      - weight: 0.5\n        en: [missile]\n"
      "      - weight: 2.5\n        en: [missile]\n");
  EXPECT_DOUBLE_EQ(score_of(*heavy_first, make_item("Cruise missile", ""), "t"), 7.5);
  EXPECT_DOUBLE_EQ(score_of(*light_first, make_item("Cruise missile", ""), "t"), 7.5);
}

// Listed in two groups at one weight, a term's repeats all count for one of
// them, as if it were listed once: its score does not depend on how the
// hits of the two groups were ordered (a general sort put ties anywhere, and
// with more than a few hits split the repeats between the groups).
TEST(TaggerTest, ATermInTwoGroupsAtOneWeightCountsItsRepeatsOnce) {
  auto once = one_topic("      - en: [missile]\n");
  auto twice = one_topic("      - en: [missile]\n      - en: [rocket, missile]\n");
  std::string body = "twenty bytes of lead";
  for (int i = 0; i < 24; ++i) body += i % 3 ? " missile" : " and a missile";
  const WireItem item = make_item("x", body);
  // Body hits only (weight 1 x field 1), repeats capped at 3: 1 + 0.5 + 0.5.
  EXPECT_DOUBLE_EQ(score_of(*once, item, "t"), 2.0);
  EXPECT_DOUBLE_EQ(score_of(*twice, item, "t"), 2.0);
}

TEST(TaggerTest, OnlyInRestrictsFields) {
  auto tax = one_topic("      - en: [NK]\n        only_in: [slugline]\n        weight: 2\n");
  WireItem item = make_item("NK", "NK");
  EXPECT_THAT(tag_ids(*tax, item), IsEmpty());
  item.slugline = "NK-missile";
  EXPECT_THAT(tag_ids(*tax, item), ElementsAre("t"));
}

TEST(TaggerTest, NoMatchAcrossFields) {
  auto tax = one_topic("      - en: [North Korea]\n");
  WireItem item = make_item("Korea", "");
  item.slugline = "North";
  EXPECT_THAT(tag_ids(*tax, item), IsEmpty());
}

TEST(TaggerTest, RegexRulesAndUtf8) {
  auto tax = one_topic("      - regex: ['규모 ?[0-9]\\.[0-9]']\n");
  EXPECT_THAT(tag_ids(*tax, make_item("경주서 규모 4.3 지진", "", "ko")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*tax, make_item("역대 최대 규모", "", "ko")), IsEmpty());
}

TEST(TaggerTest, ParentsAreImpliedAtTheChildsRelevance) {
  auto tax = taxonomy_from(std::string(kHeader) + R"(
  - id: politics
    name: politics
    kind: subject
    rules: [{en: [parliament]}]
  - id: election
    name: election
    kind: subject
    parent: politics
    rules: [{en: [ballot]}]
  - id: korea
    name: Korea
    kind: place
    rules: [{en: [Seoul]}]
)");
  const auto topics = tag_text(*tax, item_text(make_item("Ballot ballot ballot in Seoul", "")));
  ASSERT_THAT(test::topic_ids(topics), UnorderedElementsAre("election", "politics", "korea"));
  // By relevance, highest first; the implied parent is as relevant as its child.
  EXPECT_EQ(topics[0].relevance, 100);
  EXPECT_EQ(topics[1].relevance, 100);
  EXPECT_EQ(topics[2].id, "korea");
  EXPECT_EQ(topics[2].relevance, 50);
  EXPECT_EQ(topics[2].kind, "place");
  EXPECT_EQ(topics[2].uri, "urn:wiredesk:topic:korea");
}

TEST(TaggerTest, IptcCodeBecomesTheTopicUri) {
  auto tax = taxonomy_from(std::string(kHeader) + R"(
  - id: sport
    name: sport
    kind: subject
    iptc: medtop:15000000
    rules: [{en: [baseball]}]
)");
  const auto topics = tag_text(*tax, item_text(make_item("Baseball", "")));
  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics[0].uri, "http://cv.iptc.org/newscodes/mediatopic/15000000");
  EXPECT_EQ(topics[0].name, "sport");
}

TEST(TaggerTest, StageTagsItemsAndSwapsBetweenThem) {
  auto a = one_topic("      - en: [alpha]\n");
  auto b = taxonomy_from(std::string(kHeader) +
                         "  - id: u\n    name: u\n    kind: subject\n    rules: [{en: [alpha]}]\n");
  Tagger tagger(a);
  ItemContext ctx;
  ctx.item = make_item("alpha", "");
  tagger.process(ctx);
  EXPECT_THAT(test::topic_ids(ctx.topics), ElementsAre("t"));
  tagger.swap(b);
  tagger.process(ctx);
  EXPECT_THAT(test::topic_ids(ctx.topics), ElementsAre("u"));
  EXPECT_EQ(tagger.snapshot(), b);

  Tagger none;  // no taxonomy configured
  ItemContext other;
  other.item = make_item("alpha", "");
  none.process(other);
  EXPECT_THAT(other.topics, IsEmpty());
}

TEST(TaggerTest, ThreadsTagConcurrentlyWithTheirOwnScratch) {
  auto tax = test::default_taxonomy();
  const WireItem item = make_item("N. Korea fires ballistic missile into East Sea: JCS",
                                  "North Korea fired a ballistic missile, the JCS said.");
  const auto expected = tag_ids(*tax, item);
  ASSERT_FALSE(expected.empty());
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (tag_ids(*tax, item) != expected) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}


// --------------------------------------------------------- issue 7 rules

TEST(TaggerTest, ShortKoreanTermsAreWordsNotThePrefixOfOthers) {
  auto nuclear = one_topic("      - ko: [핵]\n");
  EXPECT_THAT(tag_ids(*nuclear, make_item("북한 핵 개발", "", "ko")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*nuclear, make_item("핵을 포기하라", "", "ko")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*nuclear, make_item("핵심 인재 확보", "", "ko")), IsEmpty());   // key
  EXPECT_THAT(tag_ids(*nuclear, make_item("핵가족 시대", "", "ko")), IsEmpty());     // family
  EXPECT_THAT(tag_ids(*nuclear, make_item("비핵화 협상", "", "ko")), IsEmpty());     // inside a word
  auto summit = one_topic("      - ko: [정상]\n");
  EXPECT_THAT(tag_ids(*summit, make_item("정상 간 통화", "", "ko")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*summit, make_item("정상회의 개막", "", "ko")), ElementsAre("t"));  // a compound
  EXPECT_THAT(tag_ids(*summit, make_item("운행 정상화", "", "ko")), IsEmpty());         // -ization
  EXPECT_THAT(tag_ids(*summit, make_item("정상적 운영", "", "ko")), IsEmpty());         // -ic
}

TEST(TaggerTest, KoreanNamesEndWhereAParticleOrSuffixEnds) {
  auto russia = taxonomy_from(std::string(kHeader) +
                              "  - id: russia\n    name: Russia\n    kind: place\n"
                              "    rules:\n      - ko: [러시아]\n");
  EXPECT_THAT(tag_ids(*russia, make_item("러시아, 파병 인정", "", "ko")), ElementsAre("russia"));
  EXPECT_THAT(tag_ids(*russia, make_item("러시아군 철수", "", "ko")), ElementsAre("russia"));
  EXPECT_THAT(tag_ids(*russia, make_item("러시아와 협상", "", "ko")), ElementsAre("russia"));
  EXPECT_THAT(tag_ids(*russia, make_item("출근길 러시아워 혼잡", "", "ko")), IsEmpty());
  auto kim = taxonomy_from(std::string(kHeader) +
                           "  - id: kim\n    name: Kim\n    kind: person\n"
                           "    rules:\n      - ko: [김정은]\n        en: [UN]\n");
  EXPECT_THAT(tag_ids(*kim, make_item("김정은 위원장 시찰", "", "ko")), ElementsAre("kim"));
  EXPECT_THAT(tag_ids(*kim, make_item("귀농 12년 차 김정은씨", "", "ko")), IsEmpty());  // a namesake
  EXPECT_THAT(tag_ids(*kim, make_item("농부 김정은 씨의 딸기", "", "ko")), IsEmpty());
  // A Latin name with Hangul attached follows the same rule.
  EXPECT_THAT(tag_ids(*kim, make_item("UN은 성명을 냈다", "", "ko")), ElementsAre("kim"));
  EXPECT_THAT(tag_ids(*kim, make_item("한남동 UN빌리지 주택", "", "ko")), IsEmpty());
}

TEST(TaggerTest, CapitalisedNamesAreNamesOnly) {
  auto china = one_topic("      - en: [China, Kim Jong-un]\n");
  EXPECT_THAT(tag_ids(*china, make_item("China warns", "")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*china, make_item("CHINA WARNS", "")), ElementsAre("t"));
  EXPECT_THAT(tag_ids(*china, make_item("Exhibition of fine china", "")), IsEmpty());
  EXPECT_THAT(tag_ids(*china, make_item("Kim Jong Un speaks", "")), ElementsAre("t"));
}

TEST(TaggerTest, SupportingTermsNeverFindATopicAlone) {
  auto china = one_topic("      - en: [China]\n      - support: true\n        en: [Chinese]\n");
  EXPECT_THAT(tag_ids(*china, make_item("Chinese cabbage prices fall", "")), IsEmpty());
  EXPECT_THAT(tag_ids(*china, make_item("Chinese tourists flock to China", "")),
              ElementsAre("t"));
  EXPECT_GT(score_of(*china, make_item("Chinese tourists flock to China", ""), "t"),
            score_of(*china, make_item("Tourists flock to China", ""), "t"));
}

TEST(TaggerTest, SenseRulesNeedTheirContextInTheParagraphOrHeadline) {
  auto summit = one_topic("      - en: [summit]\n        context:\n          en: [president*]\n");
  EXPECT_THAT(tag_ids(*summit, make_item("Climbers reach the summit", "")), IsEmpty());
  EXPECT_THAT(tag_ids(*summit, make_item("Presidents meet at summit", "")), ElementsAre("t"));
  // Context in the first paragraph licenses a headline hit …
  EXPECT_THAT(tag_ids(*summit, make_item("Summit opens", "The two presidents arrived.")),
              ElementsAre("t"));
  // … but not a body hit in another paragraph.
  WireItem far = make_item("Weekend",
                           "The two presidents arrived.\nLater climbers reached the summit "
                           "of the peak, and the summit was cold.\nsummit summit summit");
  EXPECT_DOUBLE_EQ(score_of(*summit, far, "t"), 0.0);
}

TEST(TaggerTest, AContextTermInsideAnExcludedPhraseLicensesNothing) {
  auto toll = one_topic("      - en: [dead]\n        context:\n          en: [accident*]\n",
                        "    exclude:\n      en: [accidents desk]\n");
  EXPECT_THAT(tag_ids(*toll, make_item("Two dead after accident", "")), ElementsAre("t"));
  // The desk's name holds the word, but names no accident.
  EXPECT_THAT(tag_ids(*toll, make_item("Two dead, accidents desk says", "")), IsEmpty());
  EXPECT_THAT(tag_ids(*toll, make_item("Two dead in stabbing", "The accidents desk reports.")),
              IsEmpty());
}

TEST(TaggerTest, AboutnessKeepsTheSubjectAndDropsWhatIsMentionedInPassing) {
  const std::string header = R"(
version: 1
defaults:
  threshold: 3
  fields: {slugline: 2, headline: 3, lead: 1.5, body: 1}
  lead_bytes: 20
  naming_weight: 3
  side_topic_share: 0.35
  place_share: 0.15
  place_paragraphs: 2
  one_mention_needs_naming: true
topics:
  - id: economy
    name: economy
    kind: subject
    rules:
      - weight: 3
        en: [exports]
      - weight: 1
        en: [market]
  - id: us
    name: United States
    kind: place
    rules:
      - weight: 2
        en: [U.S.]
  - id: health
    name: health
    kind: subject
    rules:
      - weight: 2
        en: [treatment]
)";
  auto tax = taxonomy_from(header);
  const std::string body =
      "Exports rose 8 percent in October on chip demand, data showed.\n"
      "Exports of cars rose, exports of ships fell and exports of steel held.\n"
      "Shipments to the U.S. rose 3 percent.\n"
      "Officials expect exports to keep rising as the market recovers.";
  // The U.S. in one paragraph of a story about exports is in passing.
  EXPECT_THAT(tag_ids(*tax, make_item("S. Korea's exports rise", body)), ElementsAre("economy"));
  // Named in the headline, it is where the story is.
  EXPECT_THAT(tag_ids(*tax, make_item("Exports to U.S. rise", body)),
              UnorderedElementsAre("economy", "us"));
  // One mention of a word that does not name the topic: no topic.
  EXPECT_THAT(tag_ids(*tax, make_item("Show pulled over treatment of contestants", "")),
              IsEmpty());
}

TEST(TaggerTest, APlacesScoreCountsAtPlaceWeightInTheShareASideTopicNeeds) {
  const auto taxonomy_with = [](const std::string& place_weight, const std::string& busan_kind) {
    return taxonomy_from(aboutness_header(20, place_weight) + R"(
topics:
  - id: busan
    name: Busan
    kind: )" + busan_kind + R"(
    rules:
      - weight: 3
        en: [Busan]
  - id: sport
    name: sport
    kind: subject
    rules:
      - weight: 1
        en: [race, jockey, furlong]
)");
  };
  // Busan in the headline and three paragraphs outscores the race's words
  // (body only: no naming term up top) by more than 1 / 0.35, but not 0.7
  // of its score.
  const WireItem race = make_item(
      "Busan cup goes to a grey",
      "The first paragraph is long enough for the lead.\n"
      "In Busan the race went to the grey under a young jockey.\n"
      "Busan saw the race won by a length over the last furlong.\n"
      "The jockey said Busan's race was the best of his year.");
  auto plain = taxonomy_with("", "place");
  const double place = score_of(*plain, race, "busan");
  const double sport = score_of(*plain, race, "sport");
  ASSERT_GE(sport, 3.0);
  ASSERT_LT(sport, 0.35 * place);
  ASSERT_GE(sport, 0.35 * 0.7 * place);
  EXPECT_THAT(tag_ids(*plain, race), ElementsAre("busan"));
  auto weighted = taxonomy_with("  place_weight: 0.7\n", "place");
  EXPECT_THAT(tag_ids(*weighted, race), UnorderedElementsAre("busan", "sport"));
  // A subject's own score is not discounted: against another subject that
  // scores as the place did, the race's words stay a side topic.
  auto subjects = taxonomy_with("  place_weight: 0.7\n", "subject");
  EXPECT_THAT(tag_ids(*subjects, race), ElementsAre("busan"));
}
}  // namespace
}  // namespace wiredesk
