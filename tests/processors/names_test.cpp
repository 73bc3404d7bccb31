#include "processors/dedup/names.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wiredesk {
namespace {

using Words = std::vector<std::string>;

// A Latin name is a capitalized word inside a sentence: the words that open
// the headline or a sentence are capitalized whatever they are, a possessive
// is its name, and the dateline goes.
TEST(StoryNames, LatinNamesAreCapitalizedWordsInsideASentence) {
  EXPECT_EQ(name_words("Police raid Hangyeol Chemical over Ulsan blast",
                       "ULSAN, July 12 (Yonhap) -- Police raided Hangyeol Chemical's Onsan plant "
                       "on Wednesday. Investigators took documents.\n\nThe Onsan plant was shut.",
                       false),
            (Words{"hangyeol", "chemical", "ulsan", "hangyeol", "chemical", "onsan", "wednesday",
                   "onsan"}));
  // The second paragraph's Latin names too (an English story often names
  // the ship only there), not its Hangul words; the third is not read.
  EXPECT_EQ(name_words("Tanker hits fishing boat off Busan",
                       "BUSAN, March 13 (Yonhap) -- A tanker hit a fishing boat on Tuesday.\n\n"
                       "The tanker Norim Crest, 3,100 tons, hit the boat 선원 at dawn.\n\n"
                       "Its captain Pyo was questioned.",
                       false),
            (Words{"busan", "tuesday", "norim", "crest"}));
  // Every paragraph when asked; an apostrophe or hyphen inside a name
  // stays.
  EXPECT_EQ(name_words("FM to meet Vo Quang Hieu",
                       "Talks with O'Neil and Han Tae-o.\n\nThe Onsan plant.", true),
            (Words{"vo", "quang", "hieu", "o'neil", "han", "tae-o", "onsan"}));
}

// A Hangul name is a word without its particle, of two syllables or more,
// that no verb ending closes and that is no count or date; the dateline
// and the reporter's byline are cut.
TEST(StoryNames, HangulNamesAreWordsWithoutTheirParticles) {
  EXPECT_EQ(name_words("경찰, '3명 사망' 울산 한결제련 압수수색",
                       "(울산=연합뉴스) 허성민 기자 = 경찰이 12일 한결제련 온산제련소를 "
                       "압수수색했다.\n\n두 번째 문단은 읽지 않는다.",
                       false),
            (Words{"경찰", "사망", "울산", "한결제련", "압수수색", "경찰", "한결제련", "온산제련소"}));
  // The plural's 들 comes off with the particle; a verb's connective
  // (끌어들여) is no name.
  EXPECT_EQ(name_words("리딩방 회원들 끌어들여 사기", "", false),
            (Words{"리딩방", "회원", "사기"}));
}

// An editor's note opens no story: the first paragraph after it does.
TEST(StoryNames, AnEditorsNoteIsPassedOver) {
  EXPECT_EQ(name_words("Blast toll rises", "(ATTN: UPDATES toll in para 1)\nSEOUL, May 12 (Yonhap) -- "
                       "The toll at Hangyeol Smelting rose.",
                       false),
            (Words{"hangyeol", "smelting"}));
  // A note longer than a marker: its words are the desk's (dedup-blind63's
  // (3rd LD) was told by none of its names).
  EXPECT_EQ(name_words("Blast toll rises",
                       "(ATTN: RECASTS headline, lead; UPDATES toll; ADDS suspected cause, work "
                       "stoppage order in paras 3-7)\n\nSEOUL, May 12 (Yonhap) -- The toll at "
                       "the smelter rose to four.\n\nRescuers at Hangyeol Smelting found a "
                       "fourth body.",
                       false),
            (Words{"hangyeol", "smelting"}));
}

// Common words of wire copy and a Korean slugline's words are no names of
// a story; a Hangul word of two syllables weighs half a name.
TEST(StoryNames, CommonWordsAndTheSluglineAreNoNames) {
  EXPECT_TRUE(is_common_word("seoul"));
  EXPECT_TRUE(is_common_word("monday"));
  EXPECT_FALSE(is_common_word("sorae"));
  EXPECT_EQ(story_names("Police raid Sorae Gangyang plant on Monday in Seoul", "", "").size(), 2u);
  // A Korean desk's slugline is its category; an English one names the story.
  EXPECT_EQ(story_names("Police raid Sorae Gangyang plant on Monday in Seoul", "", " Sorae ")
                .size(),
            2u);  // sorae, gangyang: Police opens it, Monday and Seoul are common
  const NameList names = story_names("가래울재 산사태 현장서 실종자 수색", "", "산사태");
  ASSERT_EQ(names.size(), 1u);  // 가래울재; 산사태 is the slugline, the rest common
  EXPECT_EQ(names.weights[0], 2);
  const NameList ko = story_names("흑산 근해어선 실종 선원 수색", "", "");
  const NameList short_one = story_names("수색 흑산", "", "");
  ASSERT_FALSE(ko.hashes.empty());
  EXPECT_EQ(shared_names(short_one, keep_names(ko)), 1);  // 흑산: two syllables
}

// A company, a ship, a building, a park or a valley called after what it is
// (a stem of two syllables or more before 주택, 케미칼, 호, 빌딩, 공원, 골)
// weighs as much as two names: alone, it tells its story. A kind of thing
// on the same ending (단독주택, 석유화학, 국립공원), a common noun in 호
// (제조번호) and a man's name (이준호) weigh as any other word.
TEST(StoryNames, AStorysOwnNameWeighsTwoNames) {
  const auto weight = [](const std::string& headline) {
    const NameList names = story_names(headline, "", "");
    return names.size() == 1 ? static_cast<int>(names.weights[0]) : -1;
  };
  EXPECT_EQ(weight("소담주택"), 4);
  EXPECT_EQ(weight("해랑케미칼"), 4);
  EXPECT_EQ(weight("27소망호"), 4);
  EXPECT_EQ(weight("다온호"), 4);
  EXPECT_EQ(weight("가온빌딩"), 4);
  EXPECT_EQ(weight("별빛공원"), 4);
  EXPECT_EQ(weight("여우바위골"), 4);
  // Weighed as any other word, or no name at all (a common word).
  for (const char* word : {"단독주택", "임대주택", "석유화학", "국립공원", "도립공원", "제조번호",
                           "환경보호", "이준호", "김성호"}) {
    EXPECT_LT(weight(word), 4) << word;
  }
}

// In English, a word of its own before what the thing is (Garoon Chemical,
// Dasom Marine, Dalmoe Bridge) is such a name, even where it opens the
// headline or a sentence; not where it opens a headline's second clause (a
// market report's mover), nor before a big company's kind (Group), nor
// with a small letter.
TEST(StoryNames, AnEnglishOwnNameWeighsTwoNames) {
  const auto weight = [](const std::string& headline, std::string_view word) {
    const NameList names = story_names(headline, "", "");
    const NameList alone = story_names("See " + std::string(word), "", "");
    for (size_t i = 0; i < names.size(); ++i) {
      if (!alone.hashes.empty() && names.hashes[i] == alone.hashes[0]) return int{names.weights[i]};
    }
    return -1;  // no name
  };
  EXPECT_EQ(weight("Police raid Garoon Chemical over fire", "Garoon"), 4);
  EXPECT_EQ(weight("Garoon Chemical halts all lines", "Garoon"), 4);
  EXPECT_EQ(weight("Tanker collides with Ondam Marine ferry", "Ondam"), 4);
  EXPECT_EQ(weight("Cracks found on Namubit Bridge", "Namubit"), 4);
  EXPECT_EQ(weight("Police raid Garoon over fire", "Garoon"), 2);
  EXPECT_EQ(weight("Police raid Garoon Group over fire", "Garoon"), 2);
  EXPECT_EQ(weight("Garoon halts all lines", "Garoon"), -1);
  EXPECT_EQ(weight("Shares open higher; Garoon Chemical extends losses", "Garoon"), -1);
}

// A quarter or half of the year is in every company's earnings headline:
// no name of a story.
TEST(StoryNames, AQuarterOfTheYearIsNoName) {
  for (const char* headline : {"Garoon Q3 profit up 9 pct", "Garoon 3Q profit up 9 pct",
                               "Garoon H1 profit up 9 pct"}) {
    const NameList names = story_names(std::string("Shares of ") + headline, "", "");
    EXPECT_EQ(names.size(), 1u) << headline;  // garoon
  }
  EXPECT_EQ(story_names("Shares of Garoon Q5 profit up", "", "").size(), 2u);
}

// The places an item names: the town with or without what it is (여수,
// 여수시, 여수항), in English too (Yeosu, opening the headline), the
// complex or the island; the headline's first, at most two. A place whose
// Hangul name alone is also a word (예산 the budget, 화성 Mars) counts only
// with what it is (예산군, 화성시); a province and Seoul are no place here.
TEST(StoryNames, AnItemsPlaces) {
  const auto places = [](const std::string& headline, const std::string& body = "") {
    return story_names(headline, body, "").places.size();
  };
  const NameList yeosu = story_names("여수 앞바다서 유조선 충돌", "", "");
  ASSERT_EQ(yeosu.places.size(), 1u);
  for (const char* other : {"여수시 어선 전복", "여수항에 유조선 입항", "해경, 여수 해상서 수색"}) {
    const NameList n = story_names(other, "", "");
    ASSERT_EQ(n.places.size(), 1u) << other;
    EXPECT_EQ(n.places[0], yeosu.places[0]) << other;
  }
  const NameList en = story_names("Yeosu tanker spill reaches fish farms", "", "");
  ASSERT_EQ(en.places.size(), 1u);
  EXPECT_EQ(en.places[0], yeosu.places[0]);
  EXPECT_EQ(places("울산 온산공단 화학공장 폭발"), 2u);
  EXPECT_EQ(places("Blast at Onsan complex in Ulsan", "A third town, Siheung, was not hit."), 2u);
  EXPECT_EQ(places("예산 삭감에 반발"), 0u);
  EXPECT_EQ(places("예산군 축사 화재"), 1u);
  EXPECT_EQ(places("화성 탐사선 발사"), 0u);
  // A town whose name is also an ordinary word alone is that town in an item
  // filed from it (its dateline), and not in one filed from elsewhere.
  const NameList gumi = story_names("구미 보일러 폭발 사고 합동감식",
                                    "(구미=연합뉴스) 배지후 기자 = 경북 구미 공장 폭발 사고 감식이 진행된다.", "");
  ASSERT_EQ(gumi.places.size(), 1u);
  EXPECT_EQ(gumi.places, story_names("구미시 공장 폭발", "", "").places);
  EXPECT_EQ(places("구미 보일러 폭발", "(대구=연합뉴스) 김민 기자 = 구미 공장에서 폭발이 일어났다."), 0u);
  EXPECT_EQ(places("구미 당기는 신메뉴", "(서울=연합뉴스) 김민 기자 = 구미 당기는 메뉴가 나왔다."), 0u);
  EXPECT_EQ(places("경기 북부 폭설"), 0u);
  EXPECT_EQ(places("서울 도심 집회"), 0u);
  // A part of a town that places.inc does not list, by what it is after its
  // name: numbered all the same, and the same part by the same number.
  const NameList part = story_names("청주 흥덕구 가경동서 버스 사고", "", "");
  ASSERT_EQ(part.places.size(), 2u);  // 청주, 흥덕구 (two at most)
  EXPECT_EQ(story_names("흥덕구 도로 통제", "", "").places, std::vector<uint16_t>{part.places[1]});
  EXPECT_EQ(places("Boat aground off Goha Island near Mokpo"), 2u);
  EXPECT_EQ(places("Fire in Jeongwang-dong"), 1u);
  // An English compound names its listed places: a Yeosu-bound ferry is
  // Yeosu's, the Incheon-Busan route names both.
  const NameList bound = story_names("Fire on Yeosu-bound ferry", "", "");
  ASSERT_EQ(bound.places.size(), 1u);
  EXPECT_EQ(bound.places[0], yeosu.places[0]);
  EXPECT_EQ(places("Incheon-Busan flights resume"), 2u);
  EXPECT_EQ(places("Follow-up talks on a high-speed rail"), 0u);
  EXPECT_EQ(places("비상구 점검, 구조활동, 안전관리"), 0u);  // words that only end so
  // A part of a town sets apart but never links: two items that name only
  // 가경동 share no place.
  EXPECT_FALSE(places_shared(story_names("가경동 화재", "", ""),
                             keep_names(story_names("가경동 교통사고", "", ""))));
  // Kept in the slots the names leave free, and no name of the entry.
  const StoryNames kept = keep_names(yeosu);
  EXPECT_TRUE(places_shared(en, kept));
  EXPECT_TRUE(place_kept(kept, en.places[0]));
  const NameList suncheon = story_names("Suncheon counts the cost", "", "");
  ASSERT_EQ(suncheon.places.size(), 1u);
  EXPECT_FALSE(place_kept(kept, suncheon.places[0]));
  EXPECT_FALSE(names_shared(keep_names(en), kept));
}

// Two headlines apart: each names, in Latin script, what the other item
// never names (two nominees on one frame); not when one names the other's
// subject anywhere, nor for Hangul headlines, whose nouns are too often
// generic words.
// A Korean desk names a case by its sum in single quotes from the raid to
// the verdict: that name alone is worth an own name (kOwnNameWeight, what
// follow_up_names asks), another case's sum is another name, and a level
// or a rating in quotes is none.
TEST(StoryNames, ACaseNamedByItsSumWeighsAsAnOwnName) {
  const auto kept = [](const std::string& headline) {
    const NameList names = story_names(headline, "(서울=연합뉴스) 기자 = 경찰이 수사 중이다.", "");
    return std::make_pair(keep_names(names), kept_headline_names(names));
  };
  const auto [raid, raid_headline] = kept("경찰, '214억 전세사기' 조직 사무실 압수수색");
  const NameList arrest =
      story_names("‘214억 전세사기’ 총책 체포", "(서울=연합뉴스) 기자 = 경찰이 총책을 붙잡았다.", "");
  EXPECT_GE(shared_names(arrest, raid, raid_headline), 4);
  const NameList other = story_names("경찰, '95억 전세사기' 총책 체포",
                                     "(서울=연합뉴스) 기자 = 경찰이 총책을 붙잡았다.", "");
  EXPECT_LT(shared_names(other, raid, raid_headline), 4);
  EXPECT_TRUE(own_names_apart(other, raid, raid_headline));
  EXPECT_FALSE(own_names_apart(arrest, raid, raid_headline));
  const NameList level = story_names("산림청 '대응 2단계' 발령",
                                     "(서울=연합뉴스) 기자 = 산림청이 발령했다.", "");
  const NameList again = story_names("산림청 '대응 2단계' 발령",
                                     "(서울=연합뉴스) 기자 = 산림청이 또 발령했다.", "");
  EXPECT_LT(shared_names(again, keep_names(level), kept_headline_names(level)), 4);
}

TEST(StoryNames, HeadlinesApart) {
  const auto entry = [](const std::string& headline, const std::string& body) {
    const NameList names = story_names(headline, body, "");
    return std::make_pair(keep_names(names), kept_headline_names(names));
  };
  const auto [ahn, ahn_headline] =
      entry("President names career diplomat Ahn Seo-gyeom as new foreign minister",
            "SEOUL, Nov. 10 (Yonhap) -- President Bae Min-gyu named Ahn Seo-gyeom.");
  const NameList kwon =
      story_names("President names ex-navy chief Kwon Tae-san as new defense minister",
                  "SEOUL, Nov. 10 (Yonhap) -- President Bae Min-gyu named Kwon Tae-san.", "");
  EXPECT_TRUE(headlines_apart(kwon, ahn, ahn_headline));
  const NameList next =
      story_names("Foreign minister nominee Seo-gyeom vows to mend ties with Tokyo",
                  "SEOUL, Nov. 11 (Yonhap) -- Foreign minister nominee Ahn Seo-gyeom spoke.", "");
  EXPECT_FALSE(headlines_apart(next, ahn, ahn_headline));
  // The new name's item names the story's subject in its lead.
  const NameList aside =
      story_names("Kwon Tae-san to sit beside Ahn at Monday's cabinet meeting",
                  "SEOUL, Nov. 11 (Yonhap) -- Kwon Tae-san and Ahn Seo-gyeom will attend.", "");
  EXPECT_FALSE(headlines_apart(aside, ahn, ahn_headline));
  const auto [seol, seol_headline] =
      entry("고용노동부 장관 후보자에 설윤하 교수",
            "(서울=연합뉴스) 기자 = 설윤하 교수가 후보자로 지명됐다.");
  EXPECT_FALSE(headlines_apart(story_names("해양수산부 장관 후보자에 탁민호 의원",
                                           "(서울=연합뉴스) 기자 = 탁민호 의원이 후보자로 "
                                           "지명됐다.",
                                           ""),
                               seol, seol_headline));
}

// The score of a game: the headline's, else the lead's; the same either way
// round; none in a date, a span, a model or a code.
TEST(StoryNames, AGamesScore) {
  const uint16_t six_two = story_score("Mariners beat Whalers 6-2 for third straight win", "");
  EXPECT_NE(six_two, 0);
  EXPECT_EQ(story_score("창원 매리너스, 3연승", "(창원=연합뉴스) 기자 = 창원은 부산을 6-2로 꺾었다."),
            six_two);
  EXPECT_EQ(story_score("부산 웨일러스 8연패", "(창원=연합뉴스) 기자 = 부산은 2-6으로 졌다."), six_two);
  EXPECT_NE(story_score("Mariners beat Whalers 7-2", ""), six_two);
  EXPECT_EQ(story_score("Kestrels beat Thunder 03-1", ""), story_score("Thunder lose 1-3", ""));
  for (const char* none : {"2034-35 season opens", "F-35 jets land", "7-Eleven opens 1,200-1,300 stores",
                           "Rates seen at 3.5-4 pct", "Call 1-800-555", "Korea's top court rules"}) {
    EXPECT_EQ(story_score(none, ""), 0) << none;
  }
  // The lead only: a score further down is some other game's.
  EXPECT_EQ(story_score("Lynx striker out for season", std::string(700, 'x') + " lost 2-1"), 0);
}

// An entry keeps its first eight names; what another item shares is weighed
// on the item's side.
TEST(StoryNames, AnEntryKeepsItsFirstEightNames) {
  const NameList many = story_names(
      "Alder Birch Cedar Dogwood Elm Fir Ginkgo Hawthorn Ivy Juniper", "", "");
  ASSERT_EQ(many.size(), 9u);  // Alder opens the headline
  const StoryNames kept = keep_names(many);
  EXPECT_EQ(shared_names(many, kept), 16);
  EXPECT_EQ(shared_names(story_names("See Juniper", "", ""), kept), 0);  // the ninth
  EXPECT_EQ(shared_names(story_names("See Juniper and Ivy", "", ""), kept), 2);
  EXPECT_EQ(shared_names(story_names("See Birch and Cedar", "", ""), kept), 4);
}

// A Latin name in both headlines weighs twice; in one headline and the
// other's first paragraph, or a Hangul one in both headlines, once.
TEST(StoryNames, ALatinNameInBothHeadlinesWeighsTwice) {
  const NameList earlier = story_names("Food poisoning cases at Marisol Fair rise to 96",
                                       "Officials said the Marisol Fair stalls were shut.", "");
  ASSERT_EQ(earlier.headline, 1u);  // marisol; the body's repeat is no new name
  const StoryNames kept = keep_names(earlier);
  const uint8_t kept_headline = kept_headline_names(earlier);
  EXPECT_EQ(kept_headline, 1);
  const NameList in_headline = story_names("Norovirus found as Marisol Fair illnesses top 160", "", "");
  EXPECT_EQ(shared_names(in_headline, kept, kept_headline), 4);
  EXPECT_EQ(shared_names(in_headline, kept), 2);  // an entry that kept no count: once
  const NameList in_body = story_names("Caterer's permit suspended",
                                       "The city shut a stall at the Marisol Fair.", "");
  EXPECT_EQ(shared_names(in_body, kept, kept_headline), 2);
  const NameList ko = story_names("가래울재 산사태 현장서 수색", "", "");
  const NameList ko_next = story_names("가래울재에서 트럭 발견", "", "");
  EXPECT_EQ(shared_names(ko_next, keep_names(ko), kept_headline_names(ko)), 2);
}

}  // namespace
}  // namespace wiredesk
