// The size an accident's copy states up top (processors/tag/scale.hpp).
#include "processors/tag/scale.hpp"

#include <gtest/gtest.h>

namespace wiredesk {
namespace {

ItemScale headline(std::string_view h) { return read_scale(h, ""); }

TEST(ScaleTest, ReadsEnglishTolls) {
  const ItemScale gas = headline("4 killed, 11 injured in gas explosion at Bucheon apartment");
  EXPECT_EQ(gas.dead, 4);
  EXPECT_EQ(gas.hurt, 11);
  EXPECT_EQ(headline("Fire at Pyeongtaek chemical plant kills at least 2").dead, 2);
  EXPECT_EQ(headline("(LEAD) Death toll from Icheon warehouse fire rises to 6").dead, 6);
  EXPECT_EQ(headline("Typhoon shuts Philippine film festival as eight die in floods").dead, 8);
  EXPECT_EQ(headline("Strong quake off Taiwan halts baseball game, injures 23").hurt, 23);
  EXPECT_EQ(headline("Chlorine gas leak at Ulsan chemical plant sends 38 to hospital").hurt, 38);
  EXPECT_EQ(headline("Ferry capsizes off Philippine island of Mindoro, 23 missing").missing, 23);
  EXPECT_EQ(headline("Thousands flee as bushfires burn out of control").evacuated, 2000);
  const ItemScale storm = read_scale(
      "Korean tourists stranded in Cebu",
      "Airports closed as the storm's death toll in the Philippines rose to at least 26.");
  EXPECT_EQ(storm.dead, 26);
  EXPECT_EQ(read_scale("Wildfire burns 340 hectares",
                       "The fire forced 620 residents from their homes, authorities said.")
                .evacuated,
            620);
}

// What befell everyone a craft carried (dedup-blind97: "(LEAD) All 48
// aboard killed in Papua plane crash" was read as one death and did not
// alert): the figure of those aboard after "all", and the fate its clause
// gives them, after it or in the verb before "all".
TEST(ScaleTest, AllAboardCountsWhatBefellThem) {
  EXPECT_EQ(headline("(LEAD) All 48 aboard killed in Papua plane crash").dead, 48);
  EXPECT_EQ(headline("Plane crash kills all 48 aboard").dead, 48);
  EXPECT_EQ(headline("All 12 crew aboard the trawler are missing").missing, 12);
  EXPECT_EQ(read_scale("Plane crash in Papua",
                       "All 48 people aboard a passenger plane that crashed in a mountainous "
                       "area of Indonesia's Papua region Thursday were killed, officials said.")
                .dead,
            48);
  EXPECT_EQ(headline("All 300 passengers aboard the ferry were evacuated").evacuated, 300);
  // The fate of the clause after a comma is another's.
  const ItemScale ferry = headline("All 146 aboard rescued, 2 died in hospital");
  EXPECT_EQ(ferry.dead, 2);
  EXPECT_EQ(ferry.evacuated, 146);
}

TEST(ScaleTest, EachFigureCountsOnlyWhatFollowsItInItsClause) {
  const ItemScale s = headline("Fire kills 2, injures 4 at battery plant");
  EXPECT_EQ(s.dead, 2);
  EXPECT_EQ(s.hurt, 4);
  const ItemScale ferry = headline("(URGENT) Ferry with 146 aboard sinks off Tongyeong; 2 dead");
  EXPECT_EQ(ferry.dead, 2);
  EXPECT_EQ(ferry.hurt + ferry.missing + ferry.evacuated, 0);
  const ItemScale pileup = headline("23-vehicle pileup on icy expressway");
  EXPECT_EQ(pileup.dead + pileup.hurt, 0);
}

// A toll of animals is no one's: a spill that kills fish, a flu that
// kills hens (tagging-blind54's acid leak alerted as a major disaster).
TEST(ScaleTest, AnimalsKilledAreNoToll) {
  EXPECT_EQ(headline("Sulfuric acid leak reaches stream, killing thousands of fish").dead, 0);
  EXPECT_EQ(headline("Bird flu kills 3,000 chickens at Eumseong farm").dead, 0);
  EXPECT_EQ(headline("Acid leak kills 2 workers and thousands of fish").dead, 2);
}

// One death told without a figure counts one (tagging-blind60: a tourist
// killed and seven hurt abroad is a death with five hurt); a denied one
// counts none.
TEST(ScaleTest, OneDeathWithoutAFigureCountsOne) {
  const ItemScale bus = read_scale(
      "Korean tourist killed, 6 hurt as bus overturns in Vietnam",
      "A South Korean tourist was killed and six others were injured Sunday when their bus "
      "rolled off a mountain road near Sapa, the foreign ministry said.");
  EXPECT_EQ(bus.dead, 1);
  EXPECT_EQ(bus.hurt, 6);
  const ItemScale plant = read_scale("울산 화학공장 폭발",
                                     "(울산=연합뉴스) 기자 = 폭발로 작업자 최모(47)씨가 숨지고 "
                                     "5명이 다쳤다.");
  EXPECT_EQ(plant.dead, 1);
  EXPECT_EQ(plant.hurt, 5);
  EXPECT_EQ(headline("Woman dies in Gangneung house fire").dead, 1);
  EXPECT_EQ(headline("No one killed as 9 hurt in Daegu bus crash").dead, 0);
  EXPECT_EQ(headline("Nobody died in the landslide, officials say").dead, 0);
  EXPECT_EQ(headline("Ferry runs aground off Jeju; none killed, 4 hurt").dead, 0);
}

// A sentence that names a year tells an old disaster: its toll is
// background (tagging-blind60: an underpass check that opens with the 2029
// flood's dead alerted as a major disaster).
TEST(ScaleTest, ASentenceThatNamesAYearIsBackground) {
  EXPECT_EQ(read_scale("장마 앞둔 지하차도 점검",
                       "(대구=연합뉴스) 기자 = 2029년 7월 폭우 때 차량 4대가 잠겨 5명이 숨진 "
                       "지하차도 사고 이후 차단시설이 설치됐다.")
                .dead,
            0);
  EXPECT_EQ(read_scale("Flood barriers checked before the rainy season",
                       "SEOUL, June 8 (Yonhap) -- Barriers went up after the July 2030 flood "
                       "killed 5 people in an underpass. Officials checked 412 sites.")
                .dead,
            0);
  EXPECT_EQ(read_scale("Quake drill held", "The drill recalls the Sept. 12, 2016, quake. It "
                                           "measured magnitude 5.8.")
                .magnitude,
            5.8);  // the next sentence is not dated
  const ItemScale fire = read_scale(
      "Fire kills 3 at Ulsan refinery",
      "ULSAN, May 2 (Yonhap) -- A fire killed three workers Friday. It was the worst since a "
      "blast in 2027 killed 2 at the site.");
  EXPECT_EQ(fire.dead, 3);
  EXPECT_EQ(read_scale("경주 지진 대비", "2016년 규모 5.8 지진 이후 내진 보강이 이어졌다.").magnitude, 0);
}

// People rescued from a ship or a building were taken out of it: a rescue
// of a hundred is an evacuation's size (tagging-blind62: a ferry aground
// with 167 aboard, all rescued).
TEST(ScaleTest, PeopleRescuedCountAsEvacuated) {
  EXPECT_EQ(headline("가거도 인근서 여객선 좌초…승객 212명 전원 구조").evacuated, 212);
  EXPECT_EQ(read_scale("Ferry aground off Wando",
                       "WANDO, May 3 (Yonhap) -- All 130 passengers were rescued after a ferry "
                       "ran aground off Wando early Saturday.")
                .evacuated,
            130);
  EXPECT_EQ(headline("조선업체 직원 300명 구조조정").evacuated, 0);  // a restructuring
}

// Everyone aboard taken off, the count given apart from the rescue
// (tagging-blind84: a ferry with 186 aboard aground, all evacuated, did
// not alert).
TEST(ScaleTest, EveryoneAboardTakenOffCountsAsEvacuated) {
  EXPECT_EQ(headline("Ferry with 186 aboard runs aground off Jindo, all evacuated safely").evacuated,
            186);
  EXPECT_EQ(read_scale("Ferry aground off Jindo",
                       "A passenger ferry carrying 186 people ran aground on a reef early "
                       "Wednesday, and all passengers and crew were evacuated safely.")
                .evacuated,
            186);
  EXPECT_EQ(headline("Plane with 212 people on board lands on a river; everyone rescued")
                .evacuated,
            212);
  EXPECT_EQ(headline("All 140 people aboard rescued as ferry lists off Wando").evacuated, 140);
  // Not everyone, or another sentence.
  EXPECT_EQ(headline("(URGENT) Ferry with 146 aboard sinks off Tongyeong; 2 dead").evacuated, 0);
  EXPECT_EQ(read_scale("Ferry with 146 aboard lists off Tongyeong",
                       "The ferry carried 146 people. All crew were evacuated.")
                .evacuated,
            0);
  EXPECT_EQ(headline("Ferry with 186 aboard docks late; 30 evacuated from a fire on deck")
                .evacuated,
            30);
}

TEST(ScaleTest, ReadsMagnitudes) {
  EXPECT_DOUBLE_EQ(headline("(URGENT) Magnitude 5.2 earthquake strikes Yeongdeok").magnitude, 5.2);
  EXPECT_DOUBLE_EQ(headline("4.3-magnitude earthquake jolts Gyeongju").magnitude, 4.3);
  EXPECT_DOUBLE_EQ(headline("[속보] 경북 포항 앞바다서 규모 4.9 지진").magnitude, 4.9);
  EXPECT_DOUBLE_EQ(headline("Magnitude 2.6 quake hits off Pohang, no damage").magnitude, 2.6);
}

TEST(ScaleTest, ReadsKoreanTolls) {
  const ItemScale fire = headline("화성 물류센터 화재로 3명 사망·7명 부상");
  EXPECT_EQ(fire.dead, 3);
  EXPECT_EQ(fire.hurt, 7);
  const ItemScale boat = headline("제주 서귀포 해상서 어선 전복…선원 9명 중 5명 실종");
  EXPECT_EQ(boat.missing, 5);
  EXPECT_EQ(boat.dead + boat.hurt + boat.evacuated, 0);  // nine aboard is no toll
  EXPECT_EQ(headline("광주 북구 아파트서 불…주민 30여명 대피").evacuated, 30);
  EXPECT_EQ(headline("해운대 고층아파트 화재…주민 수십명 대피").evacuated, 20);
  EXPECT_EQ(headline("KTX 탈선 부상자 41명으로 늘어").hurt, 41);
  // Thousands and ten thousands written as units.
  EXPECT_EQ(headline("울산 석유화학단지 가스 누출…주민 1천200명 대피").evacuated, 1200);
  EXPECT_EQ(headline("집중호우로 이재민 3만명 발생").evacuated, 30000);
  EXPECT_EQ(headline("산불 확산에 주민 2만5천명 대피").evacuated, 25000);
  EXPECT_EQ(read_scale("지진 대피훈련", "학생 80만여명이 대피했다.").evacuated, 800000);
  EXPECT_EQ(read_scale("부산 아파트 화재", "불이 나 2명이 숨지고 14명이 다쳤다.").dead, 2);
  EXPECT_EQ(headline("저수지 얼음 깨져 빙어 낚시객 빠져…60대 끝내 숨져").dead, 1);  // not sixty
  EXPECT_EQ(headline("새벽 단독주택 화재로 80대 부부 숨져").dead, 2);  // a couple
  EXPECT_EQ(headline("Elderly couple killed in house fire").dead, 2);
  EXPECT_EQ(headline("A couple of houses burned").dead, 0);
}

TEST(ScaleTest, TheOpeningIsTheFirstTwoParagraphs) {
  EXPECT_EQ(opening("Lead.\n\nSecond.\n\nBackground: the 2022 fire killed 38."),
            "Lead.\n\nSecond.");
  EXPECT_EQ(opening("\n첫 문장.\n둘째 문장.\n셋째 문장."), "첫 문장.\n둘째 문장.");
  EXPECT_EQ(opening("Only one."), "Only one.");
  EXPECT_EQ(opening(""), "");
}

// Tolls told in words (tagging-blind90): Korean counts people in its own
// numerals before 명, "10여 명" puts a space before the unit, English says
// "three dozen", and a toll that rose may stand a long clause before "rose
// to". A native numeral is a figure only before 명.
TEST(ScaleTest, TollsToldInWordsAreCounted) {
  EXPECT_EQ(headline("가평 캠핑장 텐트서 일산화탄소 중독 추정 사고…두 명 숨져").dead, 2);
  const ItemScale site = headline("김포 물류센터 공사장 거푸집 무너져…세 명이 숨지고 두명 다쳐");
  EXPECT_EQ(site.dead, 3);
  EXPECT_EQ(site.hurt, 2);
  const ItemScale bus = headline("체험학습 버스 빙판길 전도…1명 숨지고 10여 명 다쳐");
  EXPECT_EQ(bus.dead, 1);
  EXPECT_EQ(bus.hurt, 10);
  EXPECT_EQ(headline("Three dozen hurt as two subway trains collide at low speed").hurt, 36);
  EXPECT_EQ(read_scale("Pileup toll rises",
                       "The death toll from a 30-vehicle pileup on an icy expressway southeast "
                       "of Seoul rose to three Tuesday, police said.")
                .dead,
            3);
  // Who they were, by their country ("S. Korean" ends no sentence).
  EXPECT_EQ(headline("3 S. Korean climbers missing after avalanche on Himalayan peak").missing, 3);
  EXPECT_EQ(headline("2 U.S. soldiers killed in training accident").dead, 2);
  EXPECT_EQ(headline("Man in his 70s dies in Busan house fire").dead, 1);
  // Not a count of people: a tax, a yes, the fish of a farm.
  EXPECT_EQ(headline("세 부담 늘어 두 배…네 가지 대책").dead, 0);
  EXPECT_EQ(headline("Cold snap kills 300,000 farmed fish off Yeosu").dead, 0);
  // Without a verb of rising the toll stays within eight words of "to".
  EXPECT_EQ(read_scale("Toll",
                       "The toll road from the new port to the airport, which the ministry says "
                       "will cut travel times for the city's commuters, opens to 2 lanes.")
                .dead,
            0);
}

}  // namespace
}  // namespace wiredesk
