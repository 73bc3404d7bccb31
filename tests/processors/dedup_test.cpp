#include "processors/dedup/dedup.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "dedup_support.hpp"
#include "processors/core/pipeline.hpp"
#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

using testing::DedupRunner;
using testing::Outcome;

std::vector<std::string> fixture_items() {
  return wiredesk::testing::read_lines(wiredesk::testing::fixture_path("items.jsonl"));
}

std::vector<testing::Label> fixture_labels() {
  return testing::read_labels(
      wiredesk::testing::read_lines(wiredesk::testing::fixture_path("labels.jsonl")));
}

TEST(DedupFixtures, EveryVerdictAndStoryMatchesTheLabels) {
  const auto items = fixture_items();
  const auto labels = fixture_labels();
  ASSERT_EQ(items.size(), 34u);
  ASSERT_EQ(labels.size(), items.size());
  DedupRunner runner;
  testing::Confusion confusion;
  for (size_t i = 0; i < items.size(); ++i) {
    const Outcome got = runner.run(items[i], static_cast<int64_t>(i + 1));
    ASSERT_TRUE(got.accepted) << "line " << i + 1;
    const std::string verdict(to_string(got.verdict));
    confusion.add(labels[i].verdict, verdict);
    EXPECT_EQ(verdict, labels[i].verdict) << "line " << i + 1 << " " << labels[i].uri;
    EXPECT_EQ(got.story, labels[i].story) << "line " << i + 1 << " " << labels[i].uri;
    if (got.verdict == Verdict::fresh) {
      EXPECT_TRUE(got.of.empty());
      EXPECT_FALSE(got.similarity);
    } else {
      EXPECT_FALSE(got.of.empty());
      EXPECT_TRUE(got.similarity);
    }
  }
  std::printf("fixtures, verdicts (rows: label, columns: got):\n%s", confusion.to_string().c_str());
}

// Runs a labelled set (items.jsonl, labels.jsonl under tests/fixtures/DIR)
// from an empty index and checks every verdict and story; a `new` labelled
// item given another verdict is a false merge, an item wrongly kept off
// news.items a false duplicate. Prints the confusion matrix.
// `known_misses`: lines whose verdict is known to be wrong; `known_story_misses`:
// lines with the right verdict that join a known miss's story (a copy of a
// follow-up called new) instead of the labelled one.
void expect_every_label(const std::string& dir, size_t expected_items,
                        const std::set<size_t>& known_misses = {},
                        const std::set<size_t>& known_story_misses = {}) {
  const auto items =
      wiredesk::testing::read_lines(wiredesk::testing::fixture_path(dir + "/items.jsonl"));
  const auto labels = testing::read_labels(
      wiredesk::testing::read_lines(wiredesk::testing::fixture_path(dir + "/labels.jsonl")));
  ASSERT_EQ(items.size(), expected_items);
  ASSERT_EQ(labels.size(), items.size());
  DedupRunner runner;
  testing::Confusion confusion;
  size_t correct = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const size_t line = i + 1;
    const Outcome got = runner.run(items[i], static_cast<int64_t>(line));
    ASSERT_TRUE(got.accepted) << dir << " line " << line;
    const std::string verdict(to_string(got.verdict));
    confusion.add(labels[i].verdict, verdict);
    if (verdict == labels[i].verdict && got.story == labels[i].story) ++correct;
    if (known_misses.count(line)) {
      // A known miss: a copy called new, an update called new (or taken for
      // a copy of its story's item), or a look-alike merged.
      if (labels[i].verdict == "new") {
        EXPECT_NE(verdict, "new") << dir << " line " << line << ": a known false merge changed";
      } else if (labels[i].verdict == "duplicate") {
        EXPECT_EQ(verdict, "new") << dir << " line " << line << ": a known miss changed";
      } else {
        EXPECT_NE(verdict, "update") << dir << " line " << line << ": a known miss changed";
      }
      continue;
    }
    if (known_story_misses.count(line)) {
      EXPECT_EQ(verdict, labels[i].verdict) << dir << " line " << line;
      EXPECT_NE(got.story, labels[i].story) << dir << " line " << line << ": a known miss changed";
      continue;
    }
    if (labels[i].verdict == "new") {
      EXPECT_EQ(verdict, "new") << "false merge, " << dir << " line " << line;
    }
    if (verdict == "duplicate") {
      EXPECT_EQ(labels[i].verdict, "duplicate") << "false duplicate, " << dir << " line " << line;
    }
    EXPECT_EQ(verdict, labels[i].verdict) << dir << " line " << line << " " << labels[i].uri;
    EXPECT_EQ(got.story, labels[i].story) << dir << " line " << line << " " << labels[i].uri;
  }
  std::printf("%s: %zu/%zu correct; verdicts (rows: label, columns: got):\n%s", dir.c_str(),
              correct, items.size(), confusion.to_string().c_str());
}

// A blind set written after the first dedup rules were tuned (tests/fixtures/
// dedup-blind, README there): English and Korean flashes, full stories,
// write-throughs, corrections, redeliveries, syndicated copies and eight hard
// negatives on the same subjects the same day. Its two misses (a Korean full
// story that rewrites its [속보] flash) are what the term-based flash link
// fixed.
TEST(DedupBlindFixtures, EveryVerdictAndStoryMatchesTheLabels) {
  expect_every_label("dedup-blind", 24);
}

// Three days of wire written blind for issue 7 (tests/fixtures/threads-blind):
// headline-only and sentence flashes whose stories restate them in other
// words, Korean numbers with other particles, a sister service's flash,
// write-through chains, truncated / reordered / dateline-less copies of
// write-throughs, and hard negatives (another day's launch, one market
// report template on three days, rulings that share background paragraphs,
// another agency's report, a News Focus).
TEST(DedupBlindFixtures, ThreadsSetKeepsEveryThread) {
  expect_every_label("threads-blind", 154);
}

// Two more days written blind as a check on the first set's fixes
// (tests/fixtures/threads-blind2): ferry, cyberattack, blackout and chemical
// leak threads, two warehouse fires on one day, both services flashing one
// rate cut, a sister-service defection flash, hold / release / kill /
// correction, and copies with words changed.
TEST(DedupBlindFixtures, SecondThreadsSetKeepsEveryThread) {
  expect_every_label("threads-blind2", 92);
}

// The last blind set of issue 7 (tests/fixtures/final-blind), scored once as
// the check of everything before it. Its one miss, line 33, a (종합) of a
// wildfire that retells the full story with new figures (containment 0.46,
// no paragraph kept), joins its story since a write-through under its
// story's slugline needs less of its text (2026-12-05, fourth session).
TEST(DedupBlindFixtures, FinalSetKeepsItsThreads) {
  expect_every_label("final-blind", 109);
}

// Two days of wire written blind on 2026-12-04 by a writer who read no code
// (tests/fixtures/day-blind8): scored once, every verdict and story right.
TEST(DedupBlindFixtures, DayEightKeepsEveryThread) { expect_every_label("day-blind8", 91); }

// Copies cut short, written blind on 2026-12-04 (tests/fixtures/dedup-blind10)
// as the check of the short-Korean-paragraph and own-context changes: no
// false merge. Six copies cut to their lead were missed then; since copies
// of one paragraph and copies that add a line to the lead are judged (see
// ACopyCutToItsLeadIsADuplicateAndALeadWrittenToItsPatternIsNot), one is
// left: a lead with a word changed and a line of its own (opening 0.56).
TEST(DedupBlindFixtures, CopiesCutShortSet) {
  expect_every_label("dedup-blind10", 41, {30});
}

// Copies cut to their lead, written blind late on 2026-12-04 (tests/fixtures/
// dedup-blind12) as the check of that change: 0.761 before it, 0.913 after,
// no false merge among its 12 look-alikes. The four left are one-paragraph
// copies whose lead has words changed or a clause of the outlet's own
// (opening 0.69-0.81): loosening the one-paragraph rule to take them merged
// 5 % of one-paragraph look-alikes (docs/quality.md).
TEST(DedupBlindFixtures, CopiesCutToTheirLeadSet) {
  expect_every_label("dedup-blind12", 46, {9, 14, 30, 37});
}

// Short copies and short look-alikes, written blind on 2026-12-05 (tests/
// fixtures/dedup-blind19): 0.875 at first (four copies called new, two
// look-alikes merged), 0.896 once a copy that keeps every number and date of
// the earlier headline and lead may open with 12 of 16 values
// (truncated_copy_kept_facts_opening), 0.917 once a Korean weekday is a
// fact with its particle (월요일인 11일: a verbatim lead under a headline
// naming the day bare, 2), 0.938 once a short text's facts all dropped
// count (an outlet's copy of the next day's weather had been taken for an
// update of its own copy of the day before, 33), 0.958 once the same
// source's text a day later with its date changed is the next edition (the
// next day's quake of the same magnitude, 41), 0.979 once a body's editor's
// note "(ATTN: …)" is no paragraph of the story (a copy of a write-through
// that left it out, 44). Left: a lead with a clause of its own (5).
TEST(DedupBlindFixtures, ShortCopiesAndShortLookAlikesSet) {
  expect_every_label("dedup-blind19", 48, {5});
}

// Daily reports, their next editions and their copies, written blind on
// 2026-12-05 (tests/fixtures/dedup-blind21) as the check of the day's dedup
// changes: 0.958 at first (a next edition word for word but for its date
// taken for a duplicate, and a one-paragraph copy whose headline left out
// the earlier headline's figures called new), 1.000 since.
TEST(DedupBlindFixtures, DailyReportsTheirNextEditionsAndCopiesSet) {
  expect_every_label("dedup-blind21", 48);
}

// Stories that go on for days, written blind on 2026-12-05 (tests/fixtures/
// dedup-blind22): 0.840 at first, 7 of 12 follow-ups 12-40 h later called
// new. 0.860 once a follow-up that keeps the earlier text and adds to it is
// an update before it can be the next edition (19); 0.880 once a write-
// through that dropped most figures is a report's next edition only at the
// earlier item's hour of a later day (18). Left: follow-ups that rewrote
// their lead and keep 58-76 % of the earlier text (20, 22, 34, 35, 40, 45):
// hard look-alikes a day later keep as much (docs/quality.md), and the
// copies and write-throughs that join those follow-ups' stories. 0.900
// once an unmarked follow-up under its story's slugline is told by the
// story's names (34; fifth session); 0.940 once an English story's names
// are read from its second paragraph too (35, 45, and 37 on its story;
// seventh session); 0.960 once an English company's own name (Kumsan
// Shipbuilding) weighs two names (22, with 26 and 36; tenth session).
TEST(DedupBlindFixtures, StoriesThatGoOnForDaysSet) {
  expect_every_label("dedup-blind22", 50, {20, 40}, {23, 41});
}

// Stories that go on for days, part 2, written blind on 2026-12-05 (tests/
// fixtures/dedup-blind24): 0.820 at first; 0.860 once an outlet's copy
// under an introduction of its own opens where the agency's dateline does
// (10, 11); 0.880 once a write-through also looks up the items of its
// slugline (a (LEAD) and a (2nd LD) a day later whose text no band found:
// 30, 38). Left: six unmarked follow-ups 17-40 h later that rewrote their
// lead (20, 21, 28, 42, 43, 45; Jaccard 0.17-0.41 with the story's first
// item), and the copies and write-throughs that join their stories. 0.920
// once an unmarked follow-up is told by its story's names (43, 45; the
// others share only two-syllable or common words with their story). 0.940
// once a follow-up of a developing story may be told by the place it names
// (흑산도: 42, an update now, but of 21, the follow-up before it that is
// still a story of its own; tenth session).
TEST(DedupBlindFixtures, StoriesThatGoOnForDaysPartTwoSet) {
  expect_every_label("dedup-blind24", 50, {20, 21, 28}, {23, 24, 36, 37, 40, 42});
}

// A developing story over three days, written blind on 2026-12-05, third
// session (tests/fixtures/dedup-blind30), read in the fourth: 0.860 at
// first; 0.900 once an item read as the earlier text with its figures
// changed is a report's next edition only in the daily slot or under the
// same opening, else the story's next development (24, 26); 0.940 once a
// body's "(ATTN: …)" line is no paragraph (copies of write-throughs that
// left it out, 21, 38); 0.960 once a write-through under its story's
// slugline needs 30 % of its text (a day-3 (LEAD), 44). Left: two unmarked
// Korean follow-ups that rewrote all but a sentence or two (30, 40;
// containment 0.25-0.33) and the copies that join their stories (31, 41).
// 0.980 once such a follow-up is told by its story's names (30), 1.000
// once by the place it names (영동군: 40, with 41; tenth session).
TEST(DedupBlindFixtures, ADevelopingStoryOverThreeDaysSet) {
  expect_every_label("dedup-blind30", 50);
}

// Unmarked follow-ups and rewritten leads, written blind on 2026-12-05,
// fourth session (tests/fixtures/dedup-blind33): 0.760 at first, 0.780
// once a body's (ATTN: …) line is no paragraph. Left, all of one class: 11
// unmarked follow-ups 12-38 h later that rewrote their lead (containment
// 0.22-0.56 with their story's items), against hard negatives the next day
// under the same slugline and sentence frames that keep as much or more
// (0.21-0.89): only the story's own names tell them apart
// (docs/quality.md, "What unmarked follow-ups need"). The copies, resend
// and correction of those follow-ups join the follow-ups' stories. 0.860
// once they are (fifth session: 24, 30, 43, 46 and what joins them; the
// rest share only common or two-syllable words with their story's
// headline and first paragraph), no look-alike merged. 0.880 once a Latin
// name in both headlines weighs twice (sixth session: 28). 0.920 once a
// story's own name (새별12호) weighs two names (ninth session: 22, 42).
// 0.960 once a follow-up of a developing story may be told by the place it
// names (Daejeon, 평택: 21, 23 with 25; tenth session), none of the hard
// negatives merged (they name another place or another company).
TEST(DedupBlindFixtures, UnmarkedFollowUpsSet) {
  expect_every_label("dedup-blind33", 50, {27, 40});
}

// Write-throughs with editors' notes and their copies, written blind on
// 2026-12-05, fourth session (tests/fixtures/dedup-blind35), scored after
// the editor's-note change: 0.800; 0.820 once every (종합) ranks above the
// bulletins (a (종합) after a (2보) had been read as its resend, 31);
// 0.880 once an outlet's line that hands over to the agency ("Yonhap News
// Agency reports:", "다음은 연합뉴스 보도 내용.") makes the next paragraph
// a second opening, dateline or not (9, 14, 50). Left: unmarked follow-ups
// (32, 34, 35, 45, 47) and a day-3 (LEAD) 0.29 contained (46), with what
// joins their stories. 0.920 once unmarked follow-ups are told by their
// story's names (34, 47); 0.940 once an English story's names are read
// from its second paragraph too (35; seventh session); 0.960 once a
// follow-up of a developing story may be told by the place it names
// (Icheon: 46; tenth session).
TEST(DedupBlindFixtures, WriteThroughsWithEditorsNotesAndTheirCopiesSet) {
  expect_every_label("dedup-blind35", 50, {32, 45});
}

// Syndication on a busy news day, written blind on 2026-12-05, fourth
// session (tests/fixtures/dedup-blind37), scored then and read in the
// fifth: 0.900; 0.960 once unmarked day-2 follow-ups are told by their
// story's names (41, 44, 45 and the copies that join them); 0.980 in the
// seventh once a write-through may take the names rule (the (3보) that
// shares 27 % of the (2보) before it under their slugline, 7). Left: a
// Korean follow-up whose names are common ones (46).
TEST(DedupBlindFixtures, SyndicationOnABusyDaySet) {
  expect_every_label("dedup-blind37", 50, {46});
}

// Stories that go on for four days told without markers, written blind on
// 2026-12-05, fourth session (tests/fixtures/dedup-blind39), scored then and
// read in the fifth: 0.760 (story 0.540); 0.940 (story 0.900) once
// unmarked follow-ups under their story's slugline are told by the story's
// names, none of its same-slugline look-alikes merged; 0.960 (0.940) once
// a story's own name (칠선계곡) weighs two names (ninth session: 39, 40).
// Left: two Korean follow-ups of the missing climber (19, 41) whose
// headline and lead share only its common words (지리산, 등산객) with the
// earlier items; 1.000 once a follow-up of a developing story may be told
// by the place it names (지리산; tenth session).
TEST(DedupBlindFixtures, StoriesThatGoOnWithoutMarkersSet) {
  expect_every_label("dedup-blind39", 50);
}

// A breaking story's first hours, written blind on 2026-12-05, fifth
// session (tests/fixtures/dedup-blind41), scored before any change of that
// session: 0.800 (story 0.500); 0.880 (story 0.640) with the names rule as
// first built, scored blind; 0.940 (story 0.820) once a headline flash's
// quote is its colour and a (1보) bulletin goes on the [속보] before it (3,
// 31); 0.960 (story 0.900) once a place's distance from Seoul in the flash
// ("300 kilometers southeast of Seoul") is no figure the (LEAD) must repeat
// (7 and what follows it); 0.980 (0.960) once a story's own name
// (한결케미칼) weighs two names (ninth session: 24 and what joins it).
// Left: an English unmarked follow-up (27; its names, Hangyeol and Onsan,
// are common words of the sets), with the copy that joins it; 1.000 once a
// follow-up of a developing story may be told by the place it names
// (Ulsan: 27, with 42; tenth session).
TEST(DedupBlindFixtures, ABreakingStorysFirstHoursSet) {
  expect_every_label("dedup-blind41", 50);
}

// The same names in different stories, written blind on 2026-12-05, fifth
// session (tests/fixtures/dedup-blind43), as the check of the names rule:
// 0.800 (story 0.600) on the session's first build, 0.840 (0.680) on the
// names rule, none of its 9 hard negatives merged (the company's earnings
// after its plant's fire, the CEO's unrelated appeal, another ship at the
// same port, the singer's lawsuit: each under the story's slugline). Read
// then: 0.860 once an English slugline's words are names (Tenvault).
// Names from a story's second paragraph as well took it to 0.880 and the
// older sets up by 13 verdicts, but merged 2 look-alikes of dedup-blind45,
// written blind after it, and one of dedup-blind33: not kept
// (docs/quality.md). 0.900 (story 0.820) once a Latin name in both
// headlines weighs twice (sixth session), still none of the hard negatives
// merged. 0.960 (0.920) once a story's own name (청보라호) weighs two names
// (ninth session: 16, 32, 34), none of the hard negatives merged; 0.980
// (0.960) once an English one (Yeonbit Chemical) does, where it opens the
// headline too (37 and 41; tenth session). Left: one follow-up and what
// joins it.
TEST(DedupBlindFixtures, TheSameNamesInDifferentStoriesSet) {
  expect_every_label("dedup-blind43", 50, {42}, {48});
}

// A regional desk's week, written blind on 2026-12-05, fifth session
// (tests/fixtures/dedup-blind45), scored on the session's final build
// and not read: 0.940 (story 0.780), no look-alike merged; 0.800 (0.600)
// on the session's first build. Read in the sixth session: 0.980 (0.900)
// once a Latin name in both headlines weighs twice (the festival's
// outbreak told by "Haenarae" alone). Left until the thirteenth session:
// the [속보] of an arrest warrant for the bribery story, which now goes on
// the story by the names it shares (DedupOptions::follow_up_flash).
TEST(DedupBlindFixtures, ARegionalDesksWeekSet) {
  expect_every_label("dedup-blind45", 50);
}

// Follow-ups and look-alikes over a long weekend, written blind on
// 2026-12-05, sixth session (tests/fixtures/dedup-blind47), scored before
// it was read: 0.840 (story 0.540), no look-alike merged. Read then: 0.860
// once a bulletin with sentences of its own ((1보)) may take the names rule
// (the jury's verdict). Left: follow-ups whose only shared name is a place
// (덕유산, Siheung, which the fixtures made common) or none at all (talks
// between two countries), a Korean follow-up with no slugline, and flashes
// of a story's next development ([속보] rescue, (URGENT) deal). 0.900
// (story 0.740) in the seventh session once an English story's names are
// read from its second paragraph too (19, 39 and the items after them).
TEST(DedupBlindFixtures, FollowUpsOverALongWeekendSet) {
  expect_every_label("dedup-blind47", 50, {15, 35, 42, 45, 47},
                     {16, 36, 37, 38, 46, 48, 49, 50});
}

// A busy news night, written blind on 2026-12-05, sixth session
// (tests/fixtures/dedup-blind49), scored on that session's final build and
// not read: 0.900 (story 0.780), no look-alike merged. Read in the seventh:
// 0.920 (0.920) once a write-through may take the names rule (the (2보) of
// the warehouse fire, firefighters trapped, and the thread after it). Left:
// a copy of the (1보) with the (종합)'s figures (25), the (1보) of the second
// fire, whose flash it covers half of (28), with that fire's (종합) (41).
// 0.940 once an English story's names are read from its second paragraph
// too (the next-morning follow-up that names Mireon Logis, 50). 0.960 in
// the eighth session, once a write-through goes on the rung below it under
// its slugline: the (종합) of the second fire on its (1보) (41; its story
// is still the (1보)'s own, 28 being called new).
// Re-labelled in the eighteenth session to the cross-service convention
// (its README): the English stories after the Korean flashes are updates
// in the flashes' stories. 0.940 (story 0.900) then: the fire's English
// story (16) follows its flash by the town (flash_cross_place); the court's
// (6), 45 minutes on with no figure of the flash's, does not.
TEST(DedupBlindFixtures, ABusyNewsNightSet) {
  expect_every_label("dedup-blind49", 50, {6, 25, 28}, {12, 41});
}

// The Korean desks' developing stories, written blind on 2026-12-05,
// seventh session (tests/fixtures/dedup-blind53), scored before it was
// read: 0.820 (story 0.700). 0.840 (0.720) in the eighth, once a
// write-through goes on the rung below it (the (2보) of the battery plant
// fire that leads with a death, 11, and the (종합) after it, 19). 0.980
// (0.960) in the ninth, once a story's own name (세린머티리얼즈, 제7 다솜호,
// 모아든하우징, 장군바위골) weighs two names: next-day follow-ups that share
// only it with their stories. Left: one that shares none (46) and its copy
// (47).
TEST(DedupBlindFixtures, TheKoreanDesksDevelopingStoriesSet) {
  expect_every_label("dedup-blind53", 50, {46}, {47});
}

// A regional week, written blind on 2026-12-05, seventh session
// (tests/fixtures/dedup-blind55), scored before it was read: 0.980 (story
// 0.960). 1.000 since the fourteenth session: the day-3 follow-up with no
// slugline (40) shares names of weight 6 with its story, what an unslugged
// item now asks (DedupOptions::follow_up_unslugged_names).
TEST(DedupBlindFixtures, ARegionalWeekSet) {
  expect_every_label("dedup-blind55", 50);
}

// The English service's night and the outlets that copy it, written blind
// on 2026-12-06, eighth session (tests/fixtures/dedup-blind57), scored
// before it was read: 0.800 (story 0.600), no look-alike merged; each
// (LEAD), (2nd LD) and (3rd LD) rewrote the lead and the toll. 0.880
// (0.800) once a write-through goes on its flash by the flash's headline
// words and on the rung below it under its slugline. Left: next-day
// follow-ups that share no name with their story but its city (28, 32, 36,
// 43, 47, 49) and their copies (31, 46, 48, 50). 0.980 (0.960) once a
// follow-up of a developing story may be told by that place (Incheon,
// Dangjin: 28-48; tenth session), the Incheon apartment fire in Bupyeong,
// another part of the city, still a story of its own (33). 1.000 once a
// town whose name is also an ordinary word is read as the town in an item
// filed from it (대전, 49, with its copy 50; eleventh session).
TEST(DedupBlindFixtures, TheEnglishServicesNightSet) {
  expect_every_label("dedup-blind57", 50);
}

// A weekend of syndication, sister services and stories that run on,
// written blind on 2026-12-06, eighth session (tests/fixtures/dedup-blind61)
// as the session's last check: 0.900 (story 0.840), one look-alike merged
// (Sunday's baseball results on Saturday's, linked by the clubs' names),
// the same on the session's first build. Only that merge was read: 0.920
// (0.860) once a report's next edition is no follow-up of the last one;
// 0.940 (0.880) once a long editor's note is no paragraph of names (29,
// the ninth session), 0.960 (0.920) once a story's own name (미송빌딩)
// weighs two names (28), 0.980 (0.960) once an English one (Bomnal
// Fintech) does (44, with 49; tenth session), 1.000 once a follow-up of a
// developing story may be told by the place it names (부산 사하구: 42, with
// 50; tenth session).
TEST(DedupBlindFixtures, AWeekendOfSyndicationSet) {
  expect_every_label("dedup-blind61", 50);
}

// The Korean national desk's ladders and the days after, written blind on
// 2026-12-06, eighth session (tests/fixtures/dedup-blind59): 0.800 (story
// 0.720) and one false duplicate on that session's first build, 0.860
// (0.780) on its last; read in the ninth: 0.900 (0.860) once a story's own
// name (33해진호, 도담주택) weighs two names (30, 46 and what joins them).
// Left: next-day follow-ups that name the boat once among other words or
// nothing of their story but its town and kind (25, 33, 42, 44, 48) and
// copies of them (26, 43).
TEST(DedupBlindFixtures, TheKoreanLaddersAndTheDaysAfterSet) {
  expect_every_label("dedup-blind59", 50, {25, 33, 42, 44, 48}, {26, 43});
}

// The night the flash came first, written blind on 2026-12-06, ninth
// session (tests/fixtures/dedup-blind63): 0.880 (story 0.840), scored
// before it was read, every flash thread whole. Left: the other language's
// version of a story, which this set's writer calls the same story and
// earlier writers their own (13, 35; docs/quality.md), and next-day
// follow-ups in English (21, 25, 47, 50), with copies (22, 37); 0.900
// (0.880) once an English company's own name (Cheonmyeong Chemical)
// weighs two names (21, 22; tenth session), not where it opens a market
// report's second clause (43, the next edition, stays its own story);
// 0.940 (0.920) once a follow-up of a developing story may be told by the
// place it names (Onsan, Yeongju: 47, 50; tenth session).
TEST(DedupBlindFixtures, TheNightTheFlashCameFirstSet) {
  expect_every_label("dedup-blind63", 50, {13, 25, 35}, {37});
}

// Kills, holds and corrections on a busy Korean day, written blind on
// 2026-12-06, ninth session (tests/fixtures/dedup-blind65): 0.820 (story
// 0.640) before it was read, 0.840 (0.660) once a story's own name
// (온빛텔레콤) weighs two names. Every notice acts on its item. Left: the
// English service's flashes and stories of the Korean ones (6, 11, 14, 26),
// which this writer calls the same story, with everything that follows
// them in English (7, 12, 21, 22, 32, 33, 37-39), and next-day follow-ups
// (42, 45, 47, 48); 0.860 once a follow-up of a developing story may be
// told by the place it names (47 goes on the English crane story, which
// this writer files under the Korean one; tenth session); 0.880 once a town
// whose name is also an ordinary word is the town in an item filed from it
// (영주, 42; eleventh session).
TEST(DedupBlindFixtures, KillsHoldsAndCorrectionsSet) {
  expect_every_label("dedup-blind65", 50, {6, 11, 14, 26, 45, 48},
                     {7, 12, 21, 22, 32, 33, 37, 38, 39, 47});
}

// Where threads break: flashes and the copy after them, written blind on
// 2026-12-06, ninth session (tests/fixtures/dedup-blind67): 0.860 (story
// 0.500) before it was read: four stories broke at the flash, their full
// stories rewritten from it (the flash's "blast" the story's "explosion and
// fire", its founder the story's Vantal founder, its cargo ship the
// story's freighter). 0.920 (0.780) once an unmarked story under the
// flash's slugline goes on it by a quarter of its words with its figures or
// a name of it (4, 27, 43 and what follows them). Left: the story of the
// Siheung blast, which names neither the flash's district nor a figure of
// it while another factory's flash lies under the slugline (8, and what
// follows it: 12, 13, 18, 22, 35, 36), and next-day follow-ups (29, 37,
// 41) with a copy (39). 0.960 (0.840) once a follow-up of a developing
// story may be told by the place it names (청송: 29, 37 with 39, and 41,
// on the Siheung story that is still apart from its flash; tenth session).
TEST(DedupBlindFixtures, WhereThreadsBreakSet) {
  expect_every_label("dedup-blind67", 50, {8}, {12, 13, 18, 22, 35, 36, 41});
}

// Template days, written blind on 2026-12-06, tenth session (tests/
// fixtures/dedup-blind69): seven daily reports over three days, their
// copies and corrected editions, four developing stories through them.
// 0.960 (story 0.960) before it was read, the same on that session's first
// build: one look-alike merged (Ostrand Steel's earnings on Hanvell
// Chemical's, under one slugline, linked by "Q3" in both headlines). 0.980
// once a quarter or half of the year is no name. A follow-up of a
// developing story may now be told by the place it names, and none of the
// daily reports is linked by the towns they name every day; but 41 names
// Dolsan Island, a part of Yeosu its story never named, and stays apart
// (tenth session).
TEST(DedupBlindFixtures, TemplateDaysSet) {
  expect_every_label("dedup-blind69", 50, {41});
}

// The morning after, written blind on 2026-12-06, tenth session (tests/
// fixtures/dedup-blind71), to check the place rule: five stories in regional
// cities with next-day follow-ups that name only the town, and hard
// negatives in the same towns. 0.780 (story 0.700) on the session's first
// build and on the build before the place rule, two look-alikes merged (32,
// 34: another fire and another blast in the same town on the same frames,
// by their text). 0.840 (0.820) with the place rule, one more merged (36:
// another boat aground off Goha Island); 0.900 (0.880) once a part of the
// town the story never named (Goha Island, 흥덕구 가경동) sets an item apart,
// and a generic Hangul noun (제설제) does not. Left: the two merges and
// follow-ups that name the town by a word that is also an ordinary one
// (구미: 26, 39, 42), with a copy (28); 26, 28 and 39 are found once the
// dateline (구미=연합뉴스) says the word is the town (eleventh session).
// 42 names a new person, the labour minister, in its first paragraph.
TEST(DedupBlindFixtures, TheMorningAfterSet) {
  expect_every_label("dedup-blind71", 50, {32, 34, 42});
}

// 2026-12-06, eleventh session (tests/fixtures/dedup-blind73): the sports
// desk's tournament week, match and game reports on the same frames. 0.880
// (story 0.820) before it was read, with six results merged into other
// games' stories under the cup's or the league's slugline (19, 20, 22, 47
// and two copies); 0.960 (0.960) once a game's score sets its report apart
// (DedupOptions::follow_up_score); 0.980 since the twelfth session, when
// another athlete's doping case written on the first one's sentences (35)
// names in its headline what the first never names
// (DedupOptions::follow_up_headlines_apart). Left: another player's injury
// at the injured striker's club (34), taken for the story's next day.
TEST(DedupBlindFixtures, TheTournamentWeekSet) {
  expect_every_label("dedup-blind73", 50, {34});
}

// 2026-12-06, eleventh session (tests/fixtures/dedup-blind75): the business
// desk's earnings week, earnings reports and market closes on the same
// frames. 0.960 (story 0.940) before it was read, none merged. Left: the
// merger's third and fourth days, a regulator's chief on "the 2.4 trillion
// won petrochemical merger" (31, 14 % contained) and the acquirer's
// investment plan three days after the boards' vote (43, past the 48 h a
// follow-up is looked for, with its copy 44).
TEST(DedupBlindFixtures, TheEarningsWeekSet) {
  // 43 and its copy 44 are right since the thirteenth session: a
  // follow-up is looked for up to 72 h back off the daily slot
  // (DedupOptions::follow_up_late_window_ms).
  expect_every_label("dedup-blind75", 50, {31});
}

// 2026-12-06, eleventh session (tests/fixtures/dedup-blind77): the typhoon
// night, four stories of many items with their alerts. 0.980 (story 0.960)
// before it was read, none merged, every alert as labelled. Left: this
// writer files the typhoon's position bulletins as one series under the
// landfall story (8, and 34 on it); they are a report's editions here.
TEST(DedupBlindFixtures, TheTyphoonNightSet) {
  expect_every_label("dedup-blind77", 50, {8}, {34});
}

// 2026-12-06, eleventh session (tests/fixtures/dedup-blind79): the courts
// desk's week, verdicts on the same frames. 0.960 (story 0.900) before it
// was read, none merged (sentences differ as scores do, and name their
// defendants). Left: a re-issued (2nd LD) taken for a copy (17), and the
// celebrity's case from indictment to sentence, whose hearing two days on
// is found by nothing (30, with its copies and the sentence after it).
// Since the thirteenth session every label is met: the (2nd LD) re-issued
// after the first one's kill is the story's next version (17,
// DedupOptions::reissue_after_kill), and the hearing two days on goes on
// the case (30, DedupOptions::follow_up_late_window_ms).
TEST(DedupBlindFixtures, TheCourtsWeekSet) {
  expect_every_label("dedup-blind79", 50);
}

// 2026-12-06, eleventh session (tests/fixtures/dedup-blind81): the
// entertainment desk's week. 0.940 (story 0.880) before it was read, one
// merged. Left: the contract dispute's next days, told by the group's
// album put off and a lawyer's statement (36, 42, with copies and the day
// after), and the same film's next box-office report, which names what the
// last one named (47), a report's edition to this writer.
TEST(DedupBlindFixtures, TheEntertainmentWeekSet) {
  // 42 and its day after (48, 49) are right since the thirteenth session
  // (DedupOptions::follow_up_late_window_ms).
  expect_every_label("dedup-blind81", 50, {36, 47}, {37});
}

// 2026-12-06, twelfth session (tests/fixtures/dedup-blind83): the defence
// desk's week, launches, shots and crossings on shared JCS and ministry
// frames. 0.860 (story 0.800) before it was read, none merged: the next
// morning's items about a launch or a crossing named nothing to go on.
// 0.960 (0.880) once an unmarked item whose first paragraph tells of the
// day before goes on the developing story under its slugline. Left: the
// North's (URGENT) claim about the launch the next morning (14, with its
// (LEAD) and a copy, 15 and 16, and the JCS's answer to it, 17, which
// goes on that claim's story): a flash opens a story, and a new event's
// flash may recall the day before; the government's sanctions over the
// launch, under a slugline of their own (22, and the copy of it, 25).
TEST(DedupBlindFixtures, TheDefenceWeekSet) {
  expect_every_label("dedup-blind83", 50, {14, 22}, {15, 16, 17, 25});
}

// 2026-12-06, twelfth session (tests/fixtures/dedup-blind85): the
// reshuffle week, nominations on one frame. 0.720 (story 0.540) before it
// was read, three merged: English nominations minutes apart under one
// slugline shared the president and the frame. 0.760 once two headlines
// that each name, in Latin script, what the other item never names are
// kept apart. Left: a Korean profile taken for the nomination's update
// (14), and every nominee's next days (their tax, their thesis, their
// withdrawal, their hearing, the report adopted, the appointment), which
// share the nominee's name and little text, under the reshuffle's or the
// hearings' slugline.
TEST(DedupBlindFixtures, TheReshuffleWeekSet) {
  expect_every_label("dedup-blind85", 50, {14, 16, 21, 23, 26, 28, 34, 35, 36, 40, 41, 48},
                     {24, 25, 27, 37, 42, 43, 44, 45});
}

// 2026-12-06, twelfth session (tests/fixtures/dedup-blind87): election
// night, each race and the turnout on shared frames. 0.920 (story 0.820)
// when scored blind; read, not tuned. Left: the English turnout's 3 p.m.
// edition, a report's edition to this writer (9); Busan's record turnout
// taken for the running turnout story (17, a false merge); the Mapo ward
// race's result and its kill, put on the Seoul mayor's flash under another
// slugline (32, 36); the next morning's analysis of the Seoul race (43,
// with its copy 44); the Mapo recount's flash, which opens a story (46,
// with its write-through 47 and a copy 50).
TEST(DedupBlindFixtures, TheElectionNightSet) {
  // The recount's flash (46, with 47 and 50) goes on the race since the
  // thirteenth session (DedupOptions::follow_up_flash).
  expect_every_label("dedup-blind87", 50, {9, 17, 43}, {32, 36, 44});
}

// 2026-12-06, thirteenth session (tests/fixtures/dedup-blind89): wildfire
// season, four counties' fires on one frame over three days. 0.940 (story
// 0.900) before it was read, one merged: another county's fire an hour
// after the first one's flash went on that flash (6, with its copy and the
// day's next item, 11 and 17). 0.980 (0.960) once a killed item sent again
// put right is an update (19, DedupOptions::reissue_after_kill) and an item
// of another county is no flash's or slugline's write-through of the first
// (DedupOptions::towns_apart). Left: the next morning's cause of the Yeongdong
// fire, 19 % contained in the fire's last items (34, with its copy 35).
TEST(DedupBlindFixtures, TheWildfireSeasonSet) {
  expect_every_label("dedup-blind89", 50, {34}, {35});
}

// 2026-12-06, thirteenth session (tests/fixtures/dedup-blind91): the
// prosecution and police desk's week, four cases through their stages.
// 0.820 (story 0.620) before it was read, none merged. 0.920 (0.800) once
// a killed item sent again put right is an update (23), a Korean case named
// by its sum in quotes ('214억 전세사기') is a name of its own (20, 32), a
// headline-only flash may be the case's next stage by the names it shares
// (36; DedupOptions::follow_up_flash), and a follow-up is looked for up to
// 72 h back off the daily slot (33). Left: the actor's hit-and-run, told
// with no slugline (13, 26, 40, with copies 14 and 41: a follow-up is
// looked for under a slugline only), and the court's flash on the
// lawmaker's warrant, which shares only his name with the case (27, with
// 28, 29, 43 and 44 after it).
TEST(DedupBlindFixtures, TheProsecutionWeekSet) {
  // 13 (and its copy 14) since the actor's name is read with no slugline
  // (DedupOptions::follow_up_unslugged_names): 0.960.
  expect_every_label("dedup-blind91", 50, {27}, {28, 29, 43, 44});
}

// 2026-12-06, thirteenth session (tests/fixtures/dedup-blind93): stories
// with no slugline at all. 0.660 (story 0.340) before it was read, none
// merged: a follow-up was looked for under a slugline only. 0.720 (0.420)
// once an unslugged item follows an earlier item of its source that its
// text found and that shares names of weight 8 (Latin names in both
// headlines). Left: the Korean stories, whose names weigh less (a person's
// three syllables weigh 2), and what follows them. 0.840 (0.660) in the
// fourteenth session: names of weight 6 (three Korean own names) are
// enough, a headline-only flash is read by them too, an unmarked next day
// at the hour the story broke is no report's next edition, and an earlier
// item is found by its first name as well as by its text
// (DedupOptions::follow_up_by_first_name). 0.860 (0.680) in the
// seventeenth session: the (종합) five hours after a (1보) that opens as the
// bulletin did and retells the rest (6, DedupOptions::bulletin_opening_kept).
TEST(DedupBlindFixtures, TheNoSluglineSet) {
  expect_every_label("dedup-blind93", 50, {12, 13, 24, 30, 35, 45, 49},
                     {16, 19, 25, 31, 38, 43, 44, 46, 50});
}

// 2026-12-06, fourteenth session (tests/fixtures/dedup-blind95): Korean
// stories with no slugline, part 2 (an idol's contract suit, a baby swap, a
// bus-route overhaul, a missing boat, an admissions scandal). 0.700 (story
// 0.380) before it was read, none merged; 0.860 (0.680) with the
// fourteenth session's rules above, 0.880 (0.700) once the (1보) that
// tells its flash's toll further down goes on the flash (3,
// DedupOptions::flash_figure_further_down). Left: next days that share two
// names or none with their stories (19, 22, 29, 30, 41), the president's
// resignation flash (46), and what follows them. 0.920 (0.820) in the
// fifteenth session, when next days that share a name of weight 4 and a
// developing story's place went on it (19, 30,
// DedupOptions::follow_up_unslugged_by_place).
TEST(DedupBlindFixtures, TheNoSluglineSetPartTwo) {
  expect_every_label("dedup-blind95", 50, {22, 29, 41, 46}, {23, 33, 43, 48, 50});
}

// 2026-12-06, fourteenth session (tests/fixtures/dedup-blind97): a quake
// abroad and its rising toll over two days, in English and Korean, with a
// flood, a plane crash and an election around it. 0.960 (story 0.920)
// before it was read; 0.980 (0.980) once the English aftershock item with
// no slugline went on the quake by its names (43). Left: the Korean
// relief team's departure, an unmarked next day of the aid story (42).
TEST(DedupBlindFixtures, TheQuakeAbroadSet) {
  expect_every_label("dedup-blind97", 50, {42});
}

// 2026-12-07, fifteenth session (tests/fixtures/dedup-blind99): flashes off
// the disaster beat — rulings, a rate decision, a resignation, earnings
// guidance, a summit statement — and the stories that tell them in other
// words. 0.900 (story 0.840) before it was read; 0.920 (0.900) once a
// flash's story that names the flash's group and chairman went on it (25,
// DedupOptions::flash_named_story). Left: the minister's story after a
// headline-only flash it shares five of seven words with (11), next-day
// reactions (13, 43). The English ruling after the Korean flash (26) was
// re-labelled in the sixteenth session to the cross-service convention
// (the flash's thread), which the code followed from the first.
TEST(DedupBlindFixtures, TheFlashesOffTheDisasterBeatSet) {
  expect_every_label("dedup-blind99", 50, {11, 13, 43}, {14});
}

// 2026-12-07, fifteenth session (tests/fixtures/dedup-blind101): the pager
// night — seven alerting stories in both languages, each with its
// write-throughs, copies and next-morning items. 0.840 (story 0.760,
// 1.35 alert records a story) before it was read; 0.940 (0.880) once a
// "Jeju-bound ferry" named Jeju (23, places of English compounds) and
// Korean next mornings with no slugline that share a name of weight 4 and
// a developing story's place went on it (18, 42, 43, 46,
// DedupOptions::follow_up_unslugged_by_place). Left: a (LEAD) under
// another slugline than its story's, taken by the sister service's flash
// (29), next mornings with no shared name (41, 45, 48).
TEST(DedupBlindFixtures, ThePagerNightSet) {
  expect_every_label("dedup-blind101", 50, {41, 45, 48}, {29, 30, 47});
}

// 2026-12-07, sixteenth session (tests/fixtures/dedup-blind103): five
// developing stories whose sluglines and headlines change at every
// write-through. 0.620 (story 0.460) before it was read; 0.700 (0.620)
// once a marked write-through after a bulletin of sentences is judged as
// after a write-through (DedupOptions::bulletin_rewritten), a first (LEAD)
// that tells its flash goes on the flash's story when nothing else links
// it (followed_flash_rewrite: 4, 36), and a Korean flash of three or four
// words is enough when all are told or its names are shared
// (flash_few_words_sure: 31, 15). Left: write-throughs that rewrote every
// sentence under a new slugline and share too little for any band (9, 21,
// 23, 32, 34, 41), and next mornings that name nothing of the flash's.
TEST(DedupBlindFixtures, TheChangingSluglinesSet) {
  expect_every_label("dedup-blind103", 50,
                     {9, 14, 19, 21, 23, 32, 34, 41, 44, 45, 46, 47, 48, 49, 50}, {16, 22, 26, 43});
}

// 2026-12-07, sixteenth session (tests/fixtures/dedup-blind105): two of
// everything on one day (two launches, two quakes, two bus crashes, two
// factory fires), each told on the other's frames. 0.900 (story 0.820)
// before it was read (six labels re-labelled first to the cross-service
// flash convention: its README); 0.920 (0.840) with the (종합) four hours
// after a (1보) of nine paragraphs (15). No twin merged. Left: a (1보)
// that tells half its flash's words (18) and a (종합) that keeps under
// half of it (31); English stories after a Korean flash of a fire with no
// figures (19, 30). 0.960 (0.940) in the eighteenth session, once a town
// is a concept of both scripts and counts for one of the four concepts a
// flash with no figures needs (flash_cross_place: 19, 30).
TEST(DedupBlindFixtures, TheTwoOfEverythingSet) {
  expect_every_label("dedup-blind105", 50, {18, 31}, {20});
}

// 2026-12-07, seventeenth session (tests/fixtures/dedup-blind107): five
// flash threads whose later items move the flash's facts (a magnitude
// revised, a toll that rises, a province made a city, a ship and an
// official named, fire become explosion). 0.920 (story 0.680, one
// look-alike flash merged) before it was read; 0.940 (0.720) once a flash
// that leaves out an earlier flash's words is another event
// (flash_after_flash_containment: 16, 19). Left: the English story after a
// Korean flash of a "collision" that turned out a derailment (7), the
// (1보) that makes the flash's fire an explosion and its 2 dead 5 (15),
// the Korean story after an English flash of "a ship" that names the
// tanker (28), and the items that follow them. 0.980 (0.840) in the
// eighteenth session: a derailment is a concept of both scripts, and so is
// a tanker a ship (7, 17, 21); the town counts for one of the concepts a
// flash with no figures needs (28, 31, 32).
TEST(DedupBlindFixtures, TheFlashsFactsMoveSet) {
  expect_every_label("dedup-blind107", 50, {15}, {18, 24, 26, 27, 29, 30, 35});
}

// 2026-12-07, seventeenth session (tests/fixtures/dedup-blind109): Korean
// copies changed on the surface (Hanja headlines, figures written another
// way, spacing, quotes, a footer, a paragraph dropped). 0.880 (story 0.860)
// before it was read: five copies whose figures were written another way
// (7조 1482억 원, 40여 명, 세 명, 1712.4원) called new; 0.980 (0.960) once a
// figure is one key token however it is written (key_token_bits). Left:
// the Daejeon edition of the weekly pump-price report taken for an update
// of the national one (45) and its copy (47): 1.000 in the eighteenth
// session, once a town's edition of a report is a story of its own
// (follow_up_town_edition).
TEST(DedupBlindFixtures, TheKoreanCopiesOnTheSurfaceSet) {
  expect_every_label("dedup-blind109", 50);
}

// 2026-12-07, eighteenth session (tests/fixtures/dedup-blind111): six long
// threads whose items match the same alert rule again and again (pinged
// per story, not per item). 0.960 (story 0.920) before it was read, alerts
// 1.000 recall. 0.980 (0.980) once the sister service's story may come
// as late as a write-through and tell the flash's toll as it stands later
// (flash_cross_late, flash_cross_figure_moved: the English story two hours
// after a Korean flash whose 2 dead it made 4, 14, and what follows it).
// Left: the next morning's English story after a quake's write-through of
// its own service (48).
TEST(DedupBlindFixtures, ThePingedPerStorySet) {
  expect_every_label("dedup-blind111", 50, {48});
}

// 2026-12-07, eighteenth session (tests/fixtures/dedup-blind115): the other
// service comes late, 45 minutes to 2 h 35 after a flash of one service,
// with the facts moved on. 0.900 (story 0.660) before it was read: five of
// six late stories called new. 0.940 (0.800) once the late story may link
// by its concepts with the flash's town among them (flash_cross_late: the
// Ulsan blast 78 minutes on, 3; the Cheongju fire two and a half hours on,
// 44). Left: the Korean story after an English flash of a ship capsized off
// Nagasaki (19: no town of places.inc), a knife attack in Daejeon (28: 대전
// alone is also a word) and a bus off a road in Vietnam (36), with what
// follows them.
TEST(DedupBlindFixtures, TheOtherServiceComesLateSet) {
  expect_every_label("dedup-blind115", 50, {19, 28, 36}, {21, 22, 24, 30, 34, 38, 40});
}

// 2026-12-07, eighteenth session (tests/fixtures/dedup-blind113): regional
// editions of national reports (pump prices, apartment prices, heat
// advisories, jobs), each a story of its own on the national edition's
// frames. 0.860 (story 0.720) before it was read: six pump-price editions
// of 대전, 부산 and 광주 taken for updates of the national one under its
// slugline. 0.980 (0.920) once a town's edition is a story of its own
// (follow_up_town_edition). Left: the English story after the Korean jobs
// flash (27: its 184,000 is 18만4천 in the flash) and the items after it.
TEST(DedupBlindFixtures, TheRegionalEditionsSet) {
  expect_every_label("dedup-blind113", 50, {27}, {30, 34, 35});
}

// The English service's day and its copies, written blind on 2026-12-05,
// seventh session (tests/fixtures/dedup-blind51), scored before it was
// read: 0.940 (story 0.920), one look-alike merged (a second fake-app fraud
// ring, linked on 리딩방, 회원들 and the verb 끌어들여 taken for names).
// 0.960 once a Korean word's plural 들 comes off and a verb's connective
// 여 ending is no name; 0.980 once an English story's names are read from
// its second paragraph too (the tanker Norim Crest, 44). 1.000 since the
// twelfth session: the next-day follow-up that shares no name with its
// story (47) tells of the day before.
TEST(DedupBlindFixtures, TheEnglishServicesDayAndItsCopiesSet) {
  expect_every_label("dedup-blind51", 50);
}

// Syndication and flash threads on a busy news day, written blind on
// 2026-12-05, third session (tests/fixtures/dedup-blind28): every label met
// when first scored.
TEST(DedupBlindFixtures, SyndicationAndFlashThreadsSet) {
  expect_every_label("dedup-blind28", 50);
}

// A slugline is one agency's: the same words from another source are
// another chain; case and spaces around it do not count, nor what
// separates its words, nor the mark a flash or a write-through adds to it
// (dedup-blind99: "BOK-rate (LEAD)", "BOK-rate (2nd LD)"; dedup-blind12:
// "URGENT-Ulsan-fire").
TEST(Dedup, TheSlugHashIsTheSourcesSlugline) {
  EXPECT_EQ(slug_hash("yonhap", "Chile-FM-visit"), slug_hash("yonhap", "  chile-fm-visit "));
  EXPECT_EQ(slug_hash("yonhap", "Chile-FM-visit"), slug_hash("yonhap", "Chile FM_visit"));
  EXPECT_EQ(slug_hash("yonhap", "BOK-rate"), slug_hash("yonhap", "BOK-rate (LEAD)"));
  EXPECT_EQ(slug_hash("yonhap", "BOK-rate"), slug_hash("yonhap", "BOK-rate (2nd LD)"));
  EXPECT_EQ(slug_hash("yonhap", "Ulsan-fire"), slug_hash("yonhap", "URGENT-Ulsan-fire"));
  EXPECT_EQ(slug_hash("yonhap", "Ulsan-fire"), slug_hash("yonhap", "(URGENT) Ulsan-fire"));
  EXPECT_NE(slug_hash("yonhap", "Lead-smelter"), slug_hash("yonhap", "Smelter"));
  EXPECT_NE(slug_hash("yonhap", "Vote (Busan)"), slug_hash("yonhap", "Vote"));
  EXPECT_EQ(slug_hash("yonhap", "(LEAD)"), 0u);
  EXPECT_NE(slug_hash("yonhap", "Chile-FM-visit"), slug_hash("korea daybreak", "Chile-FM-visit"));
  EXPECT_NE(slug_hash("yonhap", "Chile-FM-visit"), slug_hash("yonhap", "Chile-FM-talks"));
  EXPECT_EQ(slug_hash("yonhap", ""), 0u);
  EXPECT_EQ(slug_hash("yonhap", "   "), 0u);
}

// Replays are not duplicates (design §3): the same records again, with the
// same origins, come out exactly as the first time.
TEST(DedupFixtures, ReplayedRecordsKeepTheirFirstOutcome) {
  const auto items = fixture_items();
  DedupRunner runner;
  std::vector<Outcome> first;
  for (size_t i = 0; i < items.size(); ++i) first.push_back(runner.run(items[i], int64_t(i + 1)));
  for (size_t i = 10; i < items.size(); ++i) {  // an uncommitted tail redelivered
    const Outcome again = runner.run(items[i], int64_t(i + 1));
    EXPECT_EQ(again.verdict, first[i].verdict) << "line " << i + 1;
    EXPECT_EQ(again.story, first[i].story) << "line " << i + 1;
    EXPECT_EQ(again.of, first[i].of) << "line " << i + 1;
    EXPECT_EQ(again.similarity.has_value(), first[i].similarity.has_value());
  }
  // The same bytes from another offset are a redelivery: a duplicate.
  const Outcome redelivered = runner.run(items[0], 1000);
  EXPECT_EQ(redelivered.verdict, Verdict::duplicate);
  EXPECT_EQ(redelivered.of, "urn:yna:AEN20261102009800315");
}

std::string wire_item(const std::string& uri, const std::string& when, const std::string& headline,
                      const std::string& body, const std::string& extra = "") {
  return R"({"uri": ")" + uri + R"(", "version": "1", "versioncreated": ")" + when +
         R"(", "language": "en", "headlines": [{"role": "main", "value": ")" + headline +
         R"("}], "bodies": [{"role": "main", "contenttype": "text/plain", "value": ")" + body +
         R"("}])" + extra + "}";
}

const char* kQuakeBody =
    "POHANG, Dec. 1 (Yonhap) -- A magnitude 5.1 earthquake struck off the east coast city of "
    "Pohang on Tuesday, the weather agency said, rattling buildings across the region. No "
    "injuries were reported, and the agency said there was no risk of a tsunami.";

TEST(Notices, ReferencesAreUrisAndAgencyIdsUnderTheNoticesOwnScheme) {
  WireItem item;
  item.uri = "urn:yna:AEN20261201009900315";
  item.headlines = {{"main", "", "(KILL) Story AEN20261201000300315 withdrawn", {}}};
  item.plain_body =
      "Please kill the story (AEN20261201000300315), and urn:yna:AKR20261201012300001. "
      "This notice is AEN20261201009900315.";
  item.bodies = {{"main", "text/plain", item.plain_body, {}}};
  EXPECT_EQ(referenced_uris(item),
            (std::vector<std::string>{"urn:yna:AEN20261201000300315",
                                      "urn:yna:AKR20261201012300001"}));
}

TEST(Notices, AKillNoticeUnderANewUriCancelsTheStoryItNames) {
  DedupRunner runner;
  const Outcome flash = runner.run(
      wire_item("urn:yna:AEN20261201000100315", "2026-12-01T10:00:00+09:00",
                "(URGENT) 5.1 quake strikes off Pohang", "A 5.1 quake struck off Pohang."),
      1);
  const Outcome full = runner.run(wire_item("urn:yna:AEN20261201000300315",
                                            "2026-12-01T10:10:00+09:00",
                                            "Magnitude 5.1 earthquake strikes off Pohang", kQuakeBody),
                                  2);
  const Outcome kill = runner.run(
      wire_item("urn:yna:AEN20261201009900315", "2026-12-01T11:00:00+09:00",
                "(KILL) Pohang quake story withdrawn",
                "Editors: please kill AEN20261201000300315. The story was sent in error."),
      3);
  EXPECT_EQ(kill.verdict, Verdict::update);
  EXPECT_EQ(kill.story, full.story);
  EXPECT_EQ(kill.of, "urn:yna:AEN20261201000300315");
  EXPECT_EQ(kill.pubstatus, PubStatus::canceled);  // whatever the notice's own pubstatus

  const Outcome hold = runner.run(
      wire_item("urn:yna:AEN20261201009800315", "2026-12-01T11:05:00+09:00",
                "(HOLD) Pohang quake story", "Please hold urn:yna:AEN20261201000100315."),
      4);
  EXPECT_EQ(hold.story, flash.story);
  EXPECT_EQ(hold.pubstatus, PubStatus::withheld);

  // By the exact headline it quotes ('…' as Korean copy quotes, or "…"),
  // markers and case aside; a look-alike headline is not it.
  runner.run(wire_item("urn:yna:AEN20261201001000315", "2026-12-01T11:06:00+09:00",
                       "Magnitude 5.1 earthquake strikes off Ulsan",
                       "ULSAN, Dec. 1 (Yonhap) -- A quake struck off Ulsan on Tuesday."),
             7);
  const Outcome by_headline = runner.run(
      wire_item("urn:yna:AEN20261201009600315", "2026-12-01T11:08:00+09:00",
                "(ATTN: WITHDRAWN) quake story",
                "The story 'MAGNITUDE 5.1 EARTHQUAKE STRIKES OFF POHANG' sent at 10:10 is withdrawn."),
      8);
  EXPECT_EQ(by_headline.verdict, Verdict::update);
  EXPECT_EQ(by_headline.of, "urn:yna:AEN20261201000300315");
  EXPECT_EQ(by_headline.pubstatus, PubStatus::canceled);

  // A notice naming nothing known stands alone; a story that merely says
  // "withdrawn" is no notice.
  const Outcome orphan = runner.run(
      wire_item("urn:yna:AEN20261201009700315", "2026-12-01T11:10:00+09:00",
                "(KILL) Story withdrawn", "Please kill AEN20261130000100315."),
      5);
  EXPECT_EQ(orphan.verdict, Verdict::fresh);
  EXPECT_EQ(orphan.story, "urn:yna:AEN20261201009700315");
  const Outcome story = runner.run(
      wire_item("urn:yna:AEN20261201004400315", "2026-12-01T11:20:00+09:00",
                "Ruling party withdraws pension bill",
                "The ruling party withdrew its bill AEN20261201000300315 on Tuesday."),
      6);
  EXPECT_EQ(story.verdict, Verdict::fresh);
  EXPECT_EQ(story.pubstatus, PubStatus::usable);
}

// A hold notice under its own uri withholds the story it names; a later
// usable version of the held item lifts the hold (an update, usable again).
TEST(Notices, AHoldThenARelease) {
  DedupRunner runner;
  const Outcome story = runner.run(
      wire_item("urn:yna:AEN20261201002000315", "2026-12-01T10:00:00+09:00",
                "Magnitude 5.1 earthquake strikes off Pohang", kQuakeBody),
      1);
  const Outcome hold = runner.run(
      wire_item("urn:yna:AEN20261201009500315", "2026-12-01T10:20:00+09:00",
                "(HOLD) Pohang quake story",
                "Editors: please hold AEN20261201002000315 pending confirmation."),
      2);
  EXPECT_EQ(hold.verdict, Verdict::update);
  EXPECT_EQ(hold.story, story.story);
  EXPECT_EQ(hold.pubstatus, PubStatus::withheld);
  std::string release = wire_item("urn:yna:AEN20261201002000315", "2026-12-01T10:50:00+09:00",
                                  "Magnitude 5.1 earthquake strikes off Pohang", kQuakeBody);
  release.replace(release.find("\"version\": \"1\""), 14, "\"version\": \"2\"");
  const Outcome released = runner.run(release, 3);
  EXPECT_EQ(released.verdict, Verdict::update);
  EXPECT_EQ(released.story, story.story);
  EXPECT_EQ(released.pubstatus, PubStatus::usable);
}

TEST(Notices, CorrectionsAreFlaggedByMarkerAttnNoteOrEdnote) {
  DedupRunner runner;
  const Outcome a = runner.run(
      wire_item("urn:yna:AEN20261201000500315", "2026-12-01T10:00:00+09:00",
                "(LEAD, ATTN: CORRECTS magnitude in para 1, adds quote) Quake strikes off Pohang",
                kQuakeBody),
      1);
  EXPECT_TRUE(a.correction);
  const Outcome b = runner.run(
      wire_item("urn:yna:AEN20261201000600315", "2026-12-01T10:05:00+09:00",
                "Typhoon nears Jeju", "JEJU, Dec. 1 (Yonhap) -- A typhoon neared the island.",
                R"(, "ednote": "This item corrects the typhoon's name in the first paragraph.")"),
      2);
  EXPECT_TRUE(b.correction);
  const Outcome c = runner.run(
      wire_item("urn:yna:AEN20261201000700315", "2026-12-01T10:06:00+09:00",
                "Court corrects sentencing error", "SEOUL, Dec. 1 (Yonhap) -- A court said."),
      3);
  EXPECT_FALSE(c.correction);  // the word in a headline is no marker
}

TEST(Notices, AnItemOlderThanTheWindowIsProcessedAndFlaggedLate) {
  DedupRunner runner;
  // The runner's clock is 2026-12-02 21:00 UTC; the window 72 h.
  runner.run(wire_item("urn:x:new", "2026-12-02T20:00:00+09:00", "Today's story",
                       "SEOUL, Dec. 2 (Yonhap) -- Something happened today."),
             1);
  const Outcome old = runner.run(wire_item("urn:x:old", "2026-11-28T10:00:00+09:00",
                                           "An archive story", "SEOUL, Dec. 1 (Yonhap) -- Old."),
                                 2);
  EXPECT_TRUE(old.accepted);
  EXPECT_TRUE(old.late);
  const Outcome recent = runner.run(
      wire_item("urn:x:recent", "2026-11-30T10:00:00+09:00", "A story from two days ago",
                "SEOUL, Dec. 4 (Yonhap) -- Something happened yesterday."),
      3);
  EXPECT_FALSE(recent.late);
}

// With write_state(), every index change an item makes is an output of that
// item on the index topic — an entry for what it inserted, a tombstone for
// what it pushed out — and with no index topic (file mode) none is written.
TEST(DedupState, IndexChangesAreOutputsOfTheItemThatMadeThem) {
  const auto items = fixture_items();
  for (const bool with_topic : {true, false}) {
    DedupOptions options;
    options.max_entries = 2;
    auto dedup = std::make_shared<Dedup>(options);
    dedup->write_state();
    PipelineOptions pipeline_options;
    if (with_topic) pipeline_options.topics.state = "wiredesk.index";
    Pipeline pipeline(pipeline_options, {dedup}, null_probe(),
                      [] { return int64_t{1796245200000}; });
    std::vector<std::vector<OutputRecord>> outs;
    for (size_t i = 0; i < 3; ++i) {
      InputRecord in;
      in.origin = {"wire.items", 0, static_cast<int64_t>(i)};
      in.value = items[i];
      pipeline.process(in, outs.emplace_back());
    }
    std::vector<const OutputRecord*> state;
    for (const auto& out : outs) {
      for (const auto& r : out) {
        if (r.topic == "wiredesk.index") state.push_back(&r);
      }
    }
    if (!with_topic) {
      EXPECT_TRUE(state.empty());
      continue;
    }
    // Item 0: its entry, after its own record on news.items.
    ASSERT_EQ(outs[0].size(), 2u);
    EXPECT_EQ(outs[0][0].topic, "news.items");
    const auto first = deserialize(outs[0][1].value);
    ASSERT_TRUE(first);
    EXPECT_EQ(outs[0][1].key, first->key());
    EXPECT_EQ(outs[0][1].kind, ValueKind::bytes);
    // Item 2 (the index holds 2): its entry and the tombstone of item 0's.
    bool tombstone = false, entry = false;
    for (const auto& r : outs[2]) {
      if (r.topic != "wiredesk.index") continue;
      if (r.kind == ValueKind::tombstone) tombstone = r.key == first->key();
      if (r.kind == ValueKind::bytes) entry = deserialize(r.value).has_value();
    }
    EXPECT_TRUE(tombstone);
    EXPECT_TRUE(entry);
  }
}

// Another instance that restores the index from the topic (serialize →
// deserialize → apply_remote) judges copies and replays as the first did.
TEST(DedupFixtures, RestoredIndexOnAnotherInstance) {
  const auto items = fixture_items();
  const auto labels = fixture_labels();
  DedupRunner first;
  std::vector<std::string> topic;
  first.dedup().index().set_on_change([&](const IndexEntry& e) { topic.push_back(serialize(e)); });
  for (size_t i = 0; i < 6; ++i) first.run(items[i], int64_t(i + 1));
  EXPECT_EQ(topic.size(), 6u);

  DedupRunner second;
  for (const auto& bytes : topic) {
    const auto e = deserialize(bytes);
    ASSERT_TRUE(e);
    EXPECT_TRUE(second.dedup().index().apply_remote(*e));
  }
  // Line 7, the Seoul Ledger copy of line 4, on the second instance.
  const Outcome copy = second.run(items[6], 7);
  EXPECT_EQ(copy.verdict, Verdict::duplicate);
  EXPECT_EQ(copy.story, labels[6].story);
  // Line 6 replayed on the second instance (the first crashed before committing).
  const Outcome replay = second.run(items[5], 6);
  EXPECT_EQ(replay.verdict, Verdict::update);
  EXPECT_EQ(replay.story, labels[5].story);
}

// ---------------------------------------------------------- small cases

std::string wire(const std::string& uri, const std::string& version, const std::string& time,
                 const std::string& headline, const std::string& body,
                 const std::string& source = "Yonhap News Agency",
                 const std::string& pubstatus = "usable") {
  auto esc = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '"' || c == '\\') out.push_back('\\');
      if (c == '\n') {
        out += "\\n";
        continue;
      }
      out.push_back(c);
    }
    return out;
  };
  return R"({"uri":")" + esc(uri) + R"(","version":")" + version + R"(","versioncreated":")" +
         time + R"(","pubstatus":")" + pubstatus + R"(","language":"en",)" +
         R"("headlines":[{"role":"main","value":")" + esc(headline) + R"("}],)" +
         R"("bodies":[{"role":"main","contenttype":"text/plain","value":")" + esc(body) + R"("}],)" +
         R"("infosources":[{"name":")" + esc(source) + R"(","role":"originfeed"}]})";
}

// The same for a Korean item, version 1.
std::string wire_ko(const std::string& uri, const std::string& time, const std::string& headline,
                    const std::string& body, const std::string& source = "Yonhap News Agency") {
  std::string item = wire(uri, "1", time, headline, body, source);
  item.replace(item.find("\"language\":\"en\""), 15, "\"language\":\"ko\"");
  return item;
}

const std::string kLead =
    "North Korea fired a short-range ballistic missile into the East Sea on Thursday, "
    "South Korea's Joint Chiefs of Staff said, its third launch this month.";
const std::vector<std::string> kParas = {
    "The missile was launched from the Sinpo area at around 6:10 a.m. and flew about 600 "
    "kilometers before falling into waters off the east coast, the JCS said.",
    "South Korean and U.S. intelligence authorities were analyzing the flight data, including "
    "whether the missile was a new submarine-launched type, it added.",
    "The launch came two days after Pyongyang denounced a trilateral naval exercise by South "
    "Korea, the United States and Japan as a rehearsal for an invasion.",
    "Any launch by the North using ballistic missile technology is banned under U.N. Security "
    "Council resolutions, and Seoul called on Pyongyang to stop its provocations at once.",
};

std::string body(const std::vector<std::string>& paras, bool dateline = true) {
  std::string b = dateline ? "SEOUL, Nov. 12 (Yonhap) -- " : "";
  for (size_t i = 0; i < paras.size(); ++i) b += (i ? "\n\n" : "") + paras[i];
  return b + (dateline ? "\n\n(END)" : "");
}

std::vector<std::string> story_paras() {
  std::vector<std::string> p{kLead};
  p.insert(p.end(), kParas.begin(), kParas.end());
  return p;
}

// A write-through that named the wrong town is killed under its own uri;
// the desk sends it again under a new uri with the town put right, word for
// word otherwise. That is the story's next version, not a copy of the
// killed item (dedup-blind89 and dedup-blind91, both kept from the desk as
// duplicates before). An outlet's copy of the killed item is still a copy.
void expect_the_reissue_after_a_kill(const DedupOptions& options, bool reissue_is_update) {
  DedupRunner runner(options);
  const auto text = [](const std::string& town) {
    return "(" + town + "=연합뉴스) 도하람 기자 = 7일 오후 " + town +
           " 남면의 한 야산에서 난 불이 세 시간째 번지고 있다.\n\n산림당국은 헬기 9대와 "
           "진화대원 210명을 투입해 오후 6시 현재 진화율 60%를 보이고 있다고 밝혔다.\n\n"
           "불길이 마을 쪽으로 번지자 " + town +
           "은 주민 37명을 마을회관으로 대피시켰다.\n\n산림당국은 밭두렁을 태우다 불이 "
           "옮겨붙은 것으로 보고 정확한 원인을 조사하고 있다.\n\nharam@yna.co.kr";
  };
  const std::string head = " 산불 진화율 60%…주민 37명 대피(종합)";
  runner.run(wire_ko("urn:yna:AKR-F1", "2036-03-07T18:10:00+09:00", "함평군" + head,
                     text("함평군")),
             1);
  const Outcome kill = runner.run(
      wire("urn:yna:AKR-F1", "2", "2036-03-07T18:40:00+09:00", "[기사 취소] 함평군" + head,
           "연합뉴스는 오늘 송고한 산불 기사를 취소합니다. 산불 지역을 잘못 적었습니다.",
           "Yonhap News Agency", "canceled"),
      2);
  EXPECT_EQ(kill.verdict, Verdict::update);
  const Outcome again = runner.run(
      wire_ko("urn:yna:AKR-F2", "2036-03-07T18:55:00+09:00", "영광군" + head, text("영광군")), 3);
  EXPECT_EQ(again.verdict, reissue_is_update ? Verdict::update : Verdict::duplicate);
  EXPECT_EQ(again.story, "urn:yna:AKR-F1");
  const Outcome copy = runner.run(
      wire_ko("https://www.hanbitilbo.example/news/8812", "2036-03-07T19:05:00+09:00",
              "함평군" + head, text("함평군"), "한빛일보"),
      4);
  EXPECT_EQ(copy.verdict, Verdict::duplicate);
}

TEST(Dedup, AKilledItemSentAgainPutRightIsAnUpdate) {
  expect_the_reissue_after_a_kill(DedupOptions{}, true);
  DedupOptions without;
  without.reissue_after_kill = false;
  expect_the_reissue_after_a_kill(without, false);
}

TEST(Dedup, OfIsTheClosestEarlierItem) {
  DedupRunner runner;
  const std::string head = "N. Korea fires ballistic missile into East Sea";
  const Outcome flash = runner.run(
      wire("urn:yna:F", "1", "2026-11-12T06:15:00+09:00", "(URGENT) " + head,
           "SEOUL, Nov. 12 (Yonhap) -- North Korea fired a short-range ballistic missile into "
           "the East Sea on Thursday, South Korea's Joint Chiefs of Staff said.\n\n(END)"),
      1);
  EXPECT_EQ(flash.verdict, Verdict::fresh);

  const Outcome full =
      runner.run(wire("urn:yna:S", "1", "2026-11-12T06:40:00+09:00", head, body(story_paras())), 2);
  EXPECT_EQ(full.verdict, Verdict::update);
  EXPECT_EQ(full.story, "urn:yna:F");
  EXPECT_EQ(full.of, "urn:yna:F");

  auto lead_paras = story_paras();
  lead_paras[0] = "North Korea fired a new submarine-launched ballistic missile into the East Sea "
                  "on Thursday, the military said, in what appeared to be its first such test.";
  lead_paras.push_back("Japan's defense ministry said the missile fell outside its exclusive "
                       "economic zone and no damage to ships or aircraft had been reported.");
  const Outcome lead = runner.run(
      wire("urn:yna:L", "1", "2026-11-12T09:00:00+09:00", "(LEAD) " + head, body(lead_paras)), 3);
  EXPECT_EQ(lead.verdict, Verdict::update);
  EXPECT_EQ(lead.story, "urn:yna:F");
  EXPECT_EQ(lead.of, "urn:yna:S");  // the full story, not the one-line flash

  // Another outlet's copy of the (LEAD): a duplicate in the first item's story.
  const Outcome copy = runner.run(
      wire("https://www.ledger.example/news/1", "1", "2026-11-12T10:00:00+09:00", head,
           "HOME > North Korea\n\n" + body(lead_paras, false) +
               "\n\nCopyright © The Ledger. All rights reserved.",
           "The Ledger"),
      4);
  EXPECT_EQ(copy.verdict, Verdict::duplicate);
  EXPECT_EQ(copy.story, "urn:yna:F");
  EXPECT_EQ(copy.of, "urn:yna:L");
  EXPECT_GT(*copy.similarity, 0.9);

  // Same uri again: a redelivery; its of is the uri itself.
  const Outcome again =
      runner.run(wire("urn:yna:S", "1", "2026-11-12T06:40:00+09:00", head, body(story_paras())), 5);
  EXPECT_EQ(again.verdict, Verdict::duplicate);
  EXPECT_EQ(again.story, "urn:yna:F");
  EXPECT_EQ(again.of, "urn:yna:S");
  EXPECT_DOUBLE_EQ(*again.similarity, 1.0);
}

TEST(Dedup, VersionsOfTheSameUri) {
  DedupRunner runner;
  const std::string head = "Seoul shares open higher";
  runner.run(wire("urn:yna:V", "1", "2026-11-12T09:16:00+09:00", head, body(story_paras())), 1);
  const Outcome kill = runner.run(
      wire("urn:yna:V", "2", "2026-11-12T09:48:00+09:00", "(KILL) " + head,
           "EDITORS: Please kill the story. It should not be used.", "Yonhap News Agency",
           "canceled"),
      2);
  EXPECT_EQ(kill.verdict, Verdict::update);
  EXPECT_EQ(kill.story, "urn:yna:V");
  EXPECT_EQ(kill.of, "urn:yna:V");
  // Version 1 arriving late, from another offset: already superseded.
  EXPECT_EQ(runner.run(wire("urn:yna:V", "1", "2026-11-12T09:16:00+09:00", head,
                            body(story_paras())),
                       3)
                .verdict,
            Verdict::duplicate);
  // Version 10 after version 2: numeric, not string, order.
  EXPECT_EQ(runner.run(wire("urn:yna:V", "10", "2026-11-12T10:00:00+09:00", head, "Corrected."), 4)
                .verdict,
            Verdict::update);
  // A hold notice with the same version but another pubstatus is news too.
  EXPECT_EQ(runner.run(wire("urn:yna:V", "10", "2026-11-12T10:05:00+09:00", head, "Corrected.",
                            "Yonhap News Agency", "withheld"),
                       5)
                .verdict,
            Verdict::update);
}

TEST(Dedup, LookAlikeStoriesStayNew) {
  DedupRunner runner;
  runner.run(wire("urn:yna:A", "1", "2026-11-12T06:40:00+09:00",
                  "N. Korea fires ballistic missile into East Sea", body(story_paras())),
             1);
  // Same subject and day, shared background paragraph, different event.
  const Outcome other = runner.run(
      wire("urn:yna:B", "1", "2026-11-12T15:10:00+09:00",
           "N. Korea fires artillery near western border island",
           body({"North Korea fired dozens of artillery rounds into waters north of the western "
                 "sea border on Thursday afternoon, the JCS said, hours after its missile launch.",
                 "The shells fell north of the Northern Limit Line and caused no damage, and the "
                 "military restricted fishing near Yeonpyeong Island for about an hour.",
                 "Residents of the island said they heard loud blasts for about 40 minutes.",
                 kParas[3]})),
      2);
  EXPECT_EQ(other.verdict, Verdict::fresh);
  // A (LEAD) of that second story attaches to it, not to the look-alike.
  const Outcome lead = runner.run(
      wire("urn:yna:B2", "1", "2026-11-12T17:00:00+09:00",
           "(LEAD) N. Korea fires artillery near western border island",
           body({"North Korea fired about 90 artillery rounds into waters north of the western "
                 "sea border on Thursday afternoon, the JCS said.",
                 "The shells fell north of the Northern Limit Line and caused no damage, and the "
                 "military restricted fishing near Yeonpyeong Island for about an hour.",
                 "Residents of the island said they heard loud blasts for about 40 minutes.",
                 kParas[3]})),
      3);
  EXPECT_EQ(lead.verdict, Verdict::update);
  EXPECT_EQ(lead.story, "urn:yna:B");
}

// Recurring reports are written to one pattern: tomorrow's market wrap is
// not an update (nor a copy) of today's, even with a write-through marker.
// An outlet's short weather item and its next day's edition, a paragraph
// longer: the earlier one's two facts (its weekday and date) are both gone,
// so the later one is not an update of it.
TEST(Dedup, AShortReportsNextEditionDropsBothItsFacts) {
  DedupRunner runner;
  const std::string source = "한빛일보";
  const Outcome first = runner.run(
      wire_ko("https://www.hanbitilbo.example/news/articleView.html?idxno=1",
              "2027-01-18T06:50:00+09:00", "월요일 전국 흐리고 포근",
              "(서울=연합뉴스) 기자 = 월요일인 18일은 전국이 대체로 흐리고 낮 기온이 평년보다 높아 "
              "포근하겠다.",
              source),
      1);
  EXPECT_EQ(first.verdict, Verdict::fresh);
  const Outcome next = runner.run(
      wire_ko("https://www.hanbitilbo.example/news/articleView.html?idxno=2",
              "2027-01-19T06:50:00+09:00", "화요일 전국 흐리고 포근",
              "(서울=연합뉴스) 기자 = 화요일인 19일은 전국이 대체로 흐리고 낮 기온이 평년보다 높아 "
              "포근하겠다.\n\n아침 최저기온은 영하 2도에서 영상 7도 사이로 예상된다.",
              source),
      2);
  EXPECT_EQ(next.verdict, Verdict::fresh);
}

TEST(Dedup, NextEditionOfARecurringReportIsNew) {
  auto wrap = [](const std::string& day, const std::string& points, const std::string& pct,
                 const std::string& close, const std::string& samsung, const std::string& won) {
    return body({"South Korean stocks closed higher " + day + ", as chipmakers and automakers "
                 "rose on hopes for strong demand, while foreigners bought local shares.",
                 "The benchmark Korea Composite Stock Price Index (KOSPI) rose " + points +
                     " points, or " + pct + " percent, to close at " + close + ".",
                 "Market heavyweight Samsung Electronics climbed " + samsung +
                     " percent, and chipmaker SK hynix advanced, while top automaker Hyundai "
                     "Motor gained and leading bio firm Samsung Biologics dipped.",
                 "The local currency closed at " + won + " won against the U.S. dollar, "
                 "according to the Seoul foreign exchange market."});
  };
  DedupRunner runner;
  runner.run(wire("urn:yna:W1", "1", "2026-11-12T15:50:00+09:00",
                  "(LEAD) Seoul shares close higher on chip rally",
                  wrap("Thursday", "21.37", "0.52", "4,128.64", "1.4", "1,382.4")),
             1);
  const Outcome next = runner.run(
      wire("urn:yna:W2", "1", "2026-11-13T15:50:00+09:00",
           "(LEAD) Seoul shares close higher on chip rally",
           wrap("Friday", "14.02", "0.34", "4,142.66", "0.9", "1,379.1")),
      2);
  EXPECT_EQ(next.verdict, Verdict::fresh) << "of " << next.of;
}

TEST(Dedup, AnalysisPiecesAreNotWriteThroughs) {
  DedupRunner runner;
  runner.run(wire("urn:yna:A", "1", "2026-11-12T06:40:00+09:00", "N. Korea fires missile",
                  body(story_paras())),
             1);
  auto paras = story_paras();
  paras.insert(paras.begin(), "Analysts say the launch shows a new phase in the North's testing.");
  const Outcome focus = runner.run(
      wire("urn:yna:NF", "1", "2026-11-12T12:00:00+09:00",
           "(News Focus) What the latest launch says about N. Korea's navy", body(paras)),
      2);
  EXPECT_NE(focus.verdict, Verdict::update);
}

// Korean copy: a [속보] flash, its story, a (종합) write-through and another
// outlet's copy of the write-through.
TEST(Dedup, KoreanFlashStoryWriteThroughAndCopy) {
  const std::vector<std::string> paras = {
      "합동참모본부는 \"북한군이 오전 7시 20분께 평안북도 동창리 일대에서 동해상으로 "
      "중거리 탄도미사일 1발을 발사했다\"며 \"미사일은 약 700㎞를 비행했다\"고 밝혔다.",
      "합참은 한미 정보당국이 미사일의 세부 제원을 정밀 분석하고 있으며, 추가 발사에 대비해 "
      "감시와 경계를 강화했다고 설명했다.",
      "북한이 탄도미사일을 쏜 것은 지난달 19일 이후 약 3주 만이며, 올해 들어서는 여섯 번째다.",
      "정부는 국가안전보장회의 상임위원회를 긴급 소집해 대응 방안을 논의할 예정이다."};
  auto body_ko = [](const std::vector<std::string>& p) {
    std::string b = "(서울=연합뉴스) 이서준 기자 = ";
    for (size_t i = 0; i < p.size(); ++i) b += (i ? "\n\n" : "") + p[i];
    return b + "\n\nsjlee@yna.co.kr";
  };
  DedupRunner runner;
  const Outcome flash = runner.run(
      wire_ko("urn:yna:AKR1", "2026-11-12T07:25:00+09:00", "[속보] 합참 \"북한, 동해상으로 탄도미사일 발사\"",
              "(서울=연합뉴스) 이서준 기자 = 합동참모본부는 \"북한군이 오전 7시 20분께 평안북도 "
              "동창리 일대에서 동해상으로 중거리 탄도미사일 1발을 발사했다\"고 밝혔다."),
      1);
  EXPECT_EQ(flash.verdict, Verdict::fresh);
  const Outcome story = runner.run(
      wire_ko("urn:yna:AKR2", "2026-11-12T07:45:00+09:00", "합참 \"북한, 동해상으로 탄도미사일 발사\"",
              body_ko(paras)),
      2);
  EXPECT_EQ(story.verdict, Verdict::update);
  EXPECT_EQ(story.story, "urn:yna:AKR1");

  auto lead = paras;
  lead[0] = "북한이 12일 오전 평안북도 동창리 일대에서 동해상으로 중거리 탄도미사일 1발을 "
            "발사했다고 합동참모본부가 밝혔다. 미사일은 약 700㎞를 비행한 뒤 동해상에 떨어졌다.";
  lead.push_back("일본 방위성도 북한의 탄도미사일이 일본의 배타적경제수역 밖에 떨어진 것으로 "
                 "추정된다며, 선박과 항공기 피해는 확인되지 않았다고 발표했다.");
  const Outcome write_through = runner.run(
      wire_ko("urn:yna:AKR3", "2026-11-12T09:30:00+09:00",
              "북한, 동해상으로 중거리 탄도미사일 발사…3주 만(종합)", body_ko(lead)),
      3);
  EXPECT_EQ(write_through.verdict, Verdict::update);
  EXPECT_EQ(write_through.story, "urn:yna:AKR1");
  EXPECT_EQ(write_through.of, "urn:yna:AKR2");

  const Outcome copy = runner.run(
      wire_ko("https://www.hanbitilbo.example/news/articleView.html?idxno=1",
              "2026-11-12T10:10:00+09:00", "북한, 동해상으로 중거리 탄도미사일 발사…3주 만",
              "홈 > 정치 > 북한\n\n입력 2026.11.12 10:10 | 수정 2026.11.12 10:12\n\n" + body_ko(lead) +
                  "\n\n<저작권자 © 한빛일보, 무단 전재 및 재배포 금지>\n\n관련기사\n- 다른 기사 제목",
              "한빛일보"),
      4);
  EXPECT_EQ(copy.verdict, Verdict::duplicate);
  EXPECT_EQ(copy.story, "urn:yna:AKR1");
  EXPECT_EQ(copy.of, "urn:yna:AKR3");
}

// A Korean sentence takes about half as many words as its English version:
// a copy cut to a lead of one short sentence and the paragraph after it,
// under another outlet's headline, is found as a copy, and a different story
// that opens on the same subject in the same words does not become one.
TEST(Dedup, KoreanCopyCutToItsShortOpeningParagraphs) {
  const std::vector<std::string> paras = {
      "국회 본회의에서 추가경정예산안 처리가 끝내 무산됐다.",  // 5 words
      "여야는 재난지원금 규모를 놓고 막판까지 접점을 찾지 못했다.",
      "여당 원내대표는 정부안을 그대로 처리해야 한다고 주장했다.",
      "야당은 지원 대상을 소상공인까지 넓혀야 한다며 맞섰다.",
      "국회의장은 다음 주 본회의를 다시 열어 처리를 시도하겠다고 밝혔다.",
      "정부는 이번 추경에 모두 12조원을 편성했다.",
      "기획재정부는 처리가 늦어지면 집행에 차질이 생길 수 있다고 우려했다."};
  std::string body = "(서울=연합뉴스) 김도윤 기자 = ";
  for (size_t i = 0; i < paras.size(); ++i) body += (i ? "\n\n" : "") + paras[i];
  DedupRunner runner;
  const Outcome story = runner.run(
      wire_ko("urn:yna:AKR1", "2026-11-10T10:00:00+09:00", "국회, 추경안 처리 무산…여야 충돌", body), 1);
  EXPECT_EQ(story.verdict, Verdict::fresh);

  const Outcome copy = runner.run(
      wire_ko("https://www.hanbitilbo.example/news/articleView.html?idxno=2",
              "2026-11-10T11:20:00+09:00", "추경안 처리 끝내 무산",
              paras[0] + "\n\n" + paras[1] + "\n\n저작권자 © 한빛일보 무단전재-재배포 금지", "한빛일보"),
      2);
  EXPECT_EQ(copy.verdict, Verdict::duplicate);
  EXPECT_EQ(copy.story, "urn:yna:AKR1");

  const Outcome other = runner.run(
      wire_ko("urn:yna:AKR3", "2026-11-10T12:00:00+09:00", "노란봉투법 처리 또 연기",
              "(서울=연합뉴스) 이서연 기자 = 국회 본회의에서 노란봉투법 처리가 또다시 미뤄졌다.\n\n"
              "노사 양측은 손해배상 책임 범위를 두고 끝까지 이견을 좁히지 못했다.\n\n"
              "환경노동위원회는 이달 안에 수정안을 마련하겠다고 밝혔다.\n\n"
              "경영계는 법안이 산업 현장의 혼란을 키울 것이라고 반발했다."),
      3);
  EXPECT_EQ(other.verdict, Verdict::fresh);
}

// An item under a slugline (none when `slug` is empty).
std::string slugged(std::string item, const std::string& slug) {
  if (!slug.empty()) item.insert(1, R"("slugline":")" + slug + R"(",)");
  return item;
}

// Items of one slugline run in order through one runner (version 1, the
// next line each).
class SluglineRun {
 public:
  explicit SluglineRun(std::string slug, DedupOptions options = {})
      : runner_(std::move(options)), slug_(std::move(slug)) {}
  Outcome operator()(const std::string& uri, const std::string& time,
                     const std::string& headline, const std::string& body) {
    return runner_.run(slugged(wire(uri, "1", time, headline, body), slug_), ++line_);
  }
  // The same for an item in Korean ("language":"ko").
  Outcome ko(const std::string& uri, const std::string& time, const std::string& headline,
             const std::string& body) {
    return runner_.run(slugged(wire_ko(uri, time, headline, body), slug_), ++line_);
  }

 private:
  DedupRunner runner_;
  std::string slug_;
  int64_t line_ = 0;
};


// A story's body: its dateline, then its paragraphs.
std::string dated_story(const std::string& dateline, const std::vector<std::string>& paras);

// One Korean item of a three-item thread test.
struct KoItem {
  std::string uri;
  std::string time;
  std::string headline;
  std::vector<std::string> paras;
};

// Under one slugline and dateline: `first`, then `next`, which must go on
// first's story, then `other`, which must stay a story of its own.
void expect_next_goes_on_and_other_not(const std::string& slug, const std::string& dateline,
                                       const KoItem& first, const KoItem& next,
                                       const KoItem& other) {
  DedupRunner runner;
  int64_t line = 0;
  const auto run = [&](const KoItem& item) {
    return runner.run(
        slugged(wire_ko(item.uri, item.time, item.headline, dated_story(dateline, item.paras)),
                slug),
        ++line);
  };
  run(first);
  const Outcome went_on = run(next);
  EXPECT_EQ(went_on.verdict, Verdict::update) << next.headline;
  EXPECT_EQ(went_on.story, first.uri) << next.headline;
  EXPECT_EQ(run(other).verdict, Verdict::fresh) << other.headline;
}

std::string dated_story(const std::string& dateline, const std::vector<std::string>& paras) {
  std::string body = dateline;
  for (size_t i = 0; i < paras.size(); ++i) body += (i ? "\n\n" : "") + paras[i];
  return body;
}

// An outlet that cuts a story to its first paragraphs often adds a line of
// its own context, with figures the story lacks: still a copy when its first
// paragraph is the story's. The next month's edition of a report written to
// one pattern changes its first paragraph's figures: a story of its own.
// An industry ministry story of six paragraphs (the copies below cut it).
const std::vector<std::string>& ev_fund_paras() {
  static const std::vector<std::string> paras = {
      "South Korea's industry ministry said Wednesday it will set up a 500 billion-won fund to "
      "help small parts makers switch to electric vehicle components, as demand for combustion "
      "engine parts keeps falling.",
      "The fund, to be financed jointly by the state-run Korea Development Bank and the "
      "country's two largest carmakers, will offer low-interest loans to about 300 companies "
      "over the next three years, the ministry said in a statement.",
      "Officials said many of the suppliers, most of them in the southeastern cities of Ulsan "
      "and Changwon, lack the money to retool their factories on their own.",
      "The ministry will also send engineers from state research institutes to help the "
      "companies redesign their production lines, it said.",
      "Industry groups welcomed the plan but said the loans should come with longer grace "
      "periods, since new orders from carmakers take years to arrive.",
      "The government aims to raise the share of EV parts in the country's auto parts exports "
      "to half by 2030."};
  return paras;
}

TEST(Dedup, ACopyCutShortMayAddASentenceOfItsOwnContext) {
  const auto& paras = ev_fund_paras();
  const std::string story_body = dated_story("SEOUL, Dec. 9 (Yonhap) -- ", paras);
  DedupRunner runner;
  const Outcome story = runner.run(wire("urn:yna:AEN1", "1", "2026-12-09T10:00:00+09:00",
                                        "Gov't to set up fund to help parts makers go electric",
                                        story_body),
                                   1);
  EXPECT_EQ(story.verdict, Verdict::fresh);
  const Outcome copy = runner.run(
      wire("https://www.koreadaybreak.example/news/articleView.html?idxno=1", "1",
           "2026-12-09T12:00:00+09:00", "Fund to steer small suppliers toward EV parts",
           paras[0] + "\n\n" + paras[1] +
               "\n\nExports of electric vehicle parts reached $8.2 billion last year, up 14 "
               "percent, according to trade data.",
           "The Korea Daybreak"),
      2);
  EXPECT_EQ(copy.verdict, Verdict::duplicate);
  EXPECT_EQ(copy.story, "urn:yna:AEN1");

  const Outcome october = runner.run(
      wire("urn:yna:AEN2", "1", "2026-11-01T09:00:00+09:00", "S. Korea's exports up 8.1 pct in October",
           "SEOUL, Nov. 1 (Yonhap) -- South Korea's exports rose 8.1 percent in October from a "
           "year earlier to $61.2 billion on strong demand for semiconductors and ships, "
           "government data showed Sunday.\n\nImports fell 2.3 percent to $54.6 billion, leaving "
           "a trade surplus of $6.6 billion, the 17th straight month of surplus, according to the "
           "trade ministry.\n\nChip exports jumped 21.4 percent to $14.8 billion, while car "
           "exports slipped 3.2 percent to $5.9 billion.\n\nShipments to China rose 4.5 percent "
           "and those to the United States gained 6.8 percent.\n\nThe ministry said it expects "
           "exports to keep growing through the end of the year."),
      3);
  EXPECT_EQ(october.verdict, Verdict::fresh);
  const Outcome november = runner.run(
      wire("urn:yna:AEN3", "1", "2026-12-01T09:00:00+09:00", "S. Korea's exports up 3.4 pct in November",
           "SEOUL, Dec. 1 (Yonhap) -- South Korea's exports rose 3.4 percent in November from a "
           "year earlier to $58.9 billion on strong demand for semiconductors and ships, "
           "government data showed Tuesday.\n\nImports fell 1.1 percent to $53.2 billion, leaving "
           "a trade surplus of $5.7 billion, the 18th straight month of surplus, according to the "
           "trade ministry."),
      4);
  EXPECT_EQ(november.verdict, Verdict::fresh);
}

// A copy cut to two paragraphs with a few words changed in the first (12 of
// its 16 opening values agree) and a line of its own with figures is a copy
// when it keeps every number and date of the story's headline and first
// paragraph; the same lines telling another weekday are another event.
TEST(Dedup, ACopyWithWordsChangedKeepsTheLeadsFacts) {
  const auto& paras = ev_fund_paras();
  const std::string second =
      "The fund, to be financed jointly by the state-run Korea Development Bank and the "
      "nation's two largest carmakers, will offer low-interest loans to about 300 companies "
      "over the next three years, the ministry said in a statement.";
  const auto lead_on = [](const char* day) {
    return std::string("South Korea's industry ministry said on ") + day +
           " it will create a 500 billion-won fund to help small parts makers shift to electric "
           "vehicle components, as demand for combustion engine parts keeps falling.";
  };
  const auto story = [&] {
    return wire("urn:yna:AEN1", "1", "2026-12-09T10:00:00+09:00",
                "Gov't to set up fund to help parts makers go electric",
                dated_story("SEOUL, Dec. 9 (Yonhap) -- ", paras));
  };
  {
    DedupRunner runner;
    EXPECT_EQ(runner.run(story(), 1).verdict, Verdict::fresh);
    const Outcome copy = runner.run(
        wire("https://www.koreadaybreak.example/news/articleView.html?idxno=1", "1",
             "2026-12-09T12:00:00+09:00", "Fund to steer small suppliers toward EV parts",
             lead_on("Wednesday") + "\n\n" + second +
                 "\n\nUlsan alone is home to 420 such suppliers employing 31,000 workers, "
                 "according to the city.",
             "The Korea Daybreak"),
        2);
    EXPECT_EQ(copy.verdict, Verdict::duplicate);
    EXPECT_EQ(copy.story, "urn:yna:AEN1");
  }
  {
    DedupRunner runner;
    EXPECT_EQ(runner.run(story(), 1).verdict, Verdict::fresh);
    const Outcome other_day = runner.run(
        wire("https://www.koreadaybreak.example/news/articleView.html?idxno=2", "1",
             "2026-12-10T12:00:00+09:00", "Fund to steer small suppliers toward EV parts",
             lead_on("Thursday") + "\n\n" + second +
                 "\n\nUlsan alone is home to 420 such suppliers, according to the city.",
             "The Korea Daybreak"),
        2);
    EXPECT_EQ(other_day.verdict, Verdict::fresh);
  }
}

// Tomorrow's edition of a daily report written word for word to today's,
// but for its date and weekday, is new, and no item of today's story takes
// it (an outlet's copy of today's would otherwise see it as a longer text
// of the same story); the same text sent again the next day is a resend.
TEST(Dedup, TheNextEditionOfADailyReportWordForWordIsNew) {
  const std::vector<std::string> paras = {
      "Cold weather will continue across the country on Monday, with morning lows between "
      "minus 14 C and minus 2 C, the weather agency said.",
      "Seoul's morning low will be minus 9 C, and wind chill will make it feel several "
      "degrees colder in the capital area, the agency said.",
      "Light snow is expected in the western coastal areas of South Chungcheong and North "
      "Jeolla provinces in the afternoon, with up to 3 centimeters forecast.",
      "The agency advised people to check for frozen pipes and to take care on icy roads "
      "during the morning commute."};
  const auto edition = [&](const std::string& day, const std::string& date) {
    std::vector<std::string> p = paras;
    p[0].replace(p[0].find("Monday"), 6, day);
    return dated_story("SEOUL, Jan. " + date + " (Yonhap) -- ", p);
  };
  DedupRunner runner;
  const auto yonhap = [&](const std::string& uri, const std::string& time,
                          const std::string& day, const std::string& date, int64_t offset) {
    return runner.run(
        wire(uri, "1", time, "Cold snap to continue, snow in west", edition(day, date)), offset);
  };
  EXPECT_EQ(yonhap("urn:yna:AEN1", "2027-01-25T06:00:00+09:00", "Monday", "25", 1).verdict,
            Verdict::fresh);
  const Outcome copy = runner.run(
      wire("https://www.seoulledger.example/news/articleView.html?idxno=1", "1",
           "2027-01-25T07:00:00+09:00", "Cold snap goes on",
           paras[0] + "\n\n" + paras[1], "The Seoul Ledger"),
      2);
  EXPECT_EQ(copy.verdict, Verdict::duplicate);
  const Outcome tuesday = yonhap("urn:yna:AEN2", "2027-01-26T06:00:00+09:00", "Tuesday", "26", 3);
  EXPECT_EQ(tuesday.verdict, Verdict::fresh);
  EXPECT_EQ(tuesday.story, "urn:yna:AEN2");
  const Outcome resend = yonhap("urn:yna:AEN3", "2027-01-26T07:00:00+09:00", "Monday", "25", 4);
  EXPECT_EQ(resend.verdict, Verdict::duplicate);
  EXPECT_EQ(resend.story, "urn:yna:AEN1");
}

// A developing story's follow-up half a day later keeps the earlier text,
// changes a figure and goes on: an update, though the changed figure and the
// kept text would make it read as the next edition of a report.
TEST(Dedup, AFollowUpThatKeepsTheEarlierTextAndGoesOnIsAnUpdate) {
  const std::vector<std::string> paras = {
      "Heavy snow fell on the eastern coast of Gangwon Province on Monday, with up to 20 "
      "centimeters piling up in mountain areas, and the interior ministry raised its snow "
      "emergency to level 1, the ministry said.",
      "Snow advisories were in place for Gangneung, Donghae and Samcheok, and forecasters said "
      "the snow would continue through the night.",
      "The ministry told local governments to deploy snowplows on mountain passes and to check "
      "greenhouses and livestock sheds that could collapse under the weight of the snow.",
      "Residents were advised to stay off the roads unless necessary and to clear snow from "
      "their roofs during daylight hours."};
  DedupRunner runner;
  const Outcome first = runner.run(
      wire("urn:yna:S1", "1", "2027-02-01T19:30:00+09:00", "Heavy snow hits east coast",
           body(paras)),
      1);
  ASSERT_EQ(first.verdict, Verdict::fresh);
  std::vector<std::string> more = paras;
  more[0].replace(more[0].find("20"), 2, "38");
  more.push_back("Dozens of flights from Yangyang airport were cancelled, and two mountain "
                 "roads were closed after cars were stranded overnight.");
  more.push_back("Some 40 residents of a mountain village were cut off by the snow, and rescue "
                 "workers brought them food and heating fuel by snowmobile, officials said.");
  const Outcome follow = runner.run(
      wire("urn:yna:S2", "1", "2027-02-02T08:00:00+09:00", "Snow piles up to 38 cm on east coast",
           body(more)),
      2);
  EXPECT_EQ(follow.verdict, Verdict::update);
  EXPECT_EQ(follow.story, "urn:yna:S1");
}

// A plant blast's next-morning story keeps the evening's text with the day
// and the figures changed but opens with what is new (a fourth death): read
// as a copy of the evening's, it is the story's next development, since it
// neither comes at the evening story's hour nor opens with its words. The
// next-morning edition of a daily report does both (the tests above).
TEST(Dedup, ADayTwoStoryUnderALeadOfItsOwnAtAnotherHourIsAnUpdate) {
  const std::vector<std::string> background = {
      "The blast tore through a polymer production unit of Hanul Chemical Co. at around 8 a.m. "
      "as workers were preparing to restart a reactor after maintenance, the South Jeolla Fire "
      "Service Headquarters said.",
      "Firefighters put out the ensuing blaze in about two hours, and rescuers found a "
      "27-year-old subcontract worker under collapsed steel frames in the afternoon.",
      "Police and the labor ministry plan a joint inspection of the site with the National "
      "Forensic Service to find out whether gas had been purged from the reactor.",
      "The company said it had halted all work at the plant and would cooperate fully with "
      "the investigation, offering its condolences to the families of the victims."};
  std::vector<std::string> evening = {
      "An explosion at a chemical plant in the southern port city of Yeosu killed three "
      "workers and injured 11 on Monday, fire authorities said."};
  evening.insert(evening.end(), background.begin(), background.end());
  std::vector<std::string> morning = {
      "A worker injured in Monday's explosion at a chemical plant in Yeosu died overnight, "
      "raising the death toll to four, fire authorities said Tuesday."};
  morning.insert(morning.end(), background.begin(), background.end());
  morning[3].replace(morning[3].find("plan a"), 6, "began a");
  DedupRunner runner;
  const Outcome first = runner.run(
      wire("urn:yna:P1", "1", "2027-07-26T17:20:00+09:00", "Blast at Yeosu chemical plant kills 3",
           dated_story("YEOSU, July 26 (Yonhap) -- ", evening)),
      1);
  ASSERT_EQ(first.verdict, Verdict::fresh);
  const Outcome next = runner.run(
      wire("urn:yna:P2", "1", "2027-07-27T09:10:00+09:00",
           "Death toll from Yeosu chemical plant blast rises to 4",
           dated_story("YEOSU, July 27 (Yonhap) -- ", morning)),
      2);
  EXPECT_EQ(next.verdict, Verdict::update);
  EXPECT_EQ(next.story, "urn:yna:P1");
}

// A factory blast's (LEAD) two days later retells the blast in a paragraph
// of its own and keeps 36-41 % of the first story, no paragraph word for
// word: under the same source's slugline that is its story's next
// development. Without the slugline it joins too, by the names it shares
// with the story (Hwaseon Coatings, Siheung, Sihwa: DedupOptions::
// follow_up_unslugged_names, 6 since the fourteenth session); with 8 asked,
// it stayed apart.
TEST(Dedup, ALeadDaysLaterUnderItsStorysSluglineIsAnUpdate) {
  const std::vector<std::string> day1 = {
      "An explosion at a paint factory in the Sihwa industrial complex in Siheung killed two "
      "workers and injured five on Monday, fire authorities said.",
      "The blast occurred at around 10:20 a.m. in a mixing room of Hwaseon Coatings Co. as "
      "workers were transferring solvent between tanks, the Gyeonggi Fire Service Headquarters "
      "said.",
      "Firefighters brought the ensuing blaze under control in about 90 minutes, and the injured "
      "were taken to hospitals in Siheung and Ansan with burns.",
      "The factory, which makes industrial coatings for shipbuilders, employs about 140 people "
      "and had passed a fire safety inspection in March, according to the city.",
      "Police and the labor ministry plan to inspect the site with the National Forensic Service "
      "to determine whether static electricity ignited solvent vapor."};
  const std::vector<std::string> day3 = {
      "Police on Wednesday booked the president of Hwaseon Coatings Co. and three managers on "
      "charges of professional negligence resulting in death over Monday's blast at its paint "
      "factory in Siheung.",
      "The Gyeonggi Nambu Provincial Police Agency said the four are suspected of letting workers "
      "move solvent between tanks without grounding equipment that prevents sparks from static "
      "electricity.",
      "The labor ministry separately ordered all work at the factory halted and said it would "
      "examine whether the company broke the Serious Accidents Punishment Act.",
      "The blast occurred at around 10:20 a.m. Monday in a mixing room of the factory as workers "
      "were transferring solvent between tanks, killing two and injuring five.",
      "The plant supplies coatings to shipyards and has some 140 employees; city officials said "
      "it had been inspected for fire safety in March."};
  const auto run = [&](const std::string& slug) {
    DedupRunner runner;
    runner.run(slugged(wire("urn:yna:H1", "1", "2027-03-01T11:30:00+09:00",
                            "Blast at Siheung paint factory kills 2",
                            dated_story("SIHEUNG, March 1 (Yonhap) -- ", day1)),
                       slug),
               1);
    return runner.run(
        slugged(wire("urn:yna:H2", "1", "2027-03-03T15:10:00+09:00",
                     "(LEAD) Police book paint maker's president over deadly blast",
                     dated_story("SIHEUNG, March 3 (Yonhap) -- ", day3)),
                slug),
        2);
  };
  const Outcome under_slug = run("factory-blast");
  EXPECT_EQ(under_slug.verdict, Verdict::update);
  EXPECT_EQ(under_slug.story, "urn:yna:H1");
  const Outcome unslugged = run("");
  EXPECT_EQ(unslugged.verdict, Verdict::update);
  EXPECT_EQ(unslugged.story, "urn:yna:H1");
}

// The next day's item of a developing story under a new uri, with no
// marker and a lead of its own (the raid after the blast), keeps a
// background sentence and the story's names: under the same source's
// slugline it is the story's update. A look-alike the same morning on the
// same frames about another company keeps as much text and none of the
// names: a story of its own. Two days and more later the follow-up is new
// (docs/quality.md, "Unmarked follow-ups by the story's names"). Without
// the slugline it is the story's update too since the fourteenth session:
// it shares names of weight 6 with it (DedupOptions::follow_up_unslugged_names).
TEST(Dedup, AnUnmarkedFollowUpUnderItsStorysSluglineSharesItsNames) {
  const std::vector<std::string> day1 = {
      "An explosion at Sorae Smelting's Gangyang zinc smelter killed two subcontract workers and "
      "injured four on Thursday, fire authorities said.",
      "The blast occurred at around 9:10 a.m. as the workers were repairing pipes on top of a "
      "sulfuric acid storage tank, the Ulsan Fire Department said.",
      "Firefighters put out the ensuing fire in about 40 minutes, and the injured were taken to "
      "hospitals with burns.",
      "Police and the labor ministry plan to inspect the site with the National Forensic Service "
      "to determine the cause of the explosion."};
  const std::vector<std::string> day2 = {
      "Police and labor inspectors on Friday raided the headquarters of Sorae Smelting and its "
      "Gangyang zinc smelter over Thursday's explosion that killed two workers.",
      "Some 40 investigators seized documents on the maintenance of the storage tank and the work "
      "permits issued to the subcontractor, the Ulsan Metropolitan Police Agency said.",
      "The blast occurred at around 9:10 a.m. Thursday as the workers were repairing pipes on top "
      "of a sulfuric acid storage tank.",
      "The labor ministry said it would examine whether the company broke the Serious Accidents "
      "Punishment Act."};
  const std::vector<std::string> look_alike = {
      "An explosion at Gwangseon Alloys' Dangjin nickel refinery injured three workers on Friday, "
      "fire authorities said.",
      "The blast occurred at around 7:40 a.m. as the workers were repairing pipes on top of a "
      "hydrochloric acid storage tank, the South Chungcheong Fire Department said.",
      "Firefighters put out the ensuing fire in about 30 minutes, and the injured were taken to "
      "hospitals with burns.",
      "Police plan to inspect the site with the National Forensic Service to determine the cause "
      "of the explosion."};
  const auto first = [&](DedupRunner& runner, const std::string& slug) {
    runner.run(slugged(wire("urn:yna:S1", "1", "2028-05-11T10:05:00+09:00",
                            "Explosion at zinc smelter in Ulsan kills 2 workers",
                            dated_story("ULSAN, May 11 (Yonhap) -- ", day1)),
                       slug),
               1);
  };
  const auto follow_up = [&](const std::string& when, const std::string& slug) {
    return slugged(wire("urn:yna:S2", "1", when,
                        "Police raid Sorae Smelting over deadly Gangyang smelter blast",
                        dated_story("ULSAN, May 12 (Yonhap) -- ", day2)),
                   slug);
  };
  {
    DedupRunner runner;
    first(runner, "smelter-blast");
    const Outcome next = runner.run(follow_up("2028-05-12T10:30:00+09:00", "smelter-blast"), 2);
    EXPECT_EQ(next.verdict, Verdict::update);
    EXPECT_EQ(next.story, "urn:yna:S1");
    EXPECT_EQ(next.of, "urn:yna:S1");
    const Outcome other = runner.run(
        slugged(wire("urn:yna:S3", "1", "2028-05-12T11:00:00+09:00",
                     "Explosion at nickel refinery in Dangjin injures 3 workers",
                     dated_story("DANGJIN, May 12 (Yonhap) -- ", look_alike)),
                "smelter-blast"),
        3);
    EXPECT_EQ(other.verdict, Verdict::fresh);
  }
  {
    DedupRunner runner;
    first(runner, "");
    const Outcome unslugged = runner.run(follow_up("2028-05-12T10:30:00+09:00", ""), 2);
    EXPECT_EQ(unslugged.verdict, Verdict::update);
    EXPECT_EQ(unslugged.story, "urn:yna:S1");
  }
  {
    DedupRunner runner;
    first(runner, "smelter-blast");
    EXPECT_EQ(runner.run(follow_up("2028-05-13T11:30:00+09:00", "smelter-blast"), 2).verdict,
              Verdict::fresh);
  }
}

// A Korean follow-up the same way: the company and its plant are the names;
// a look-alike about another company shares the place and the frame words.
TEST(Dedup, AKoreanFollowUpIsToldByItsStorysNames) {
  const std::vector<std::string> day1 = {
      "11일 오전 9시 10분께 울산 울주군 온산읍 한결제련 온산제련소에서 폭발이 일어나 협력업체 "
      "작업자 2명이 숨지고 4명이 다쳤다.",
      "소방당국에 따르면 숨진 작업자들은 황산 저장탱크 위에서 배관을 고치던 중이었다.",
      "불은 40여분 만에 꺼졌고 다친 작업자들은 화상을 입어 병원으로 옮겨졌다.",
      "경찰과 고용노동부는 국립과학수사연구원과 합동 감식을 벌여 사고 원인을 조사할 계획이다."};
  const std::vector<std::string> day2 = {
      "경찰과 고용노동부가 12일 작업자 2명이 숨진 한결제련 온산제련소 폭발 사고와 관련해 "
      "본사와 제련소를 압수수색했다.",
      "수사관 40여명은 저장탱크 정비 기록과 협력업체 작업 허가서 등을 확보했다.",
      "숨진 작업자들은 황산 저장탱크 위에서 배관을 고치던 중이었다.",
      "노동부는 회사가 중대재해처벌법을 어겼는지도 살펴볼 방침이다."};
  const std::vector<std::string> look_alike = {
      "12일 오전 7시 40분께 울산 남구 해솔화학 용연공장에서 폭발이 일어나 작업자 3명이 다쳤다.",
      "소방당국에 따르면 다친 작업자들은 염산 저장탱크 위에서 배관을 고치던 중이었다.",
      "불은 30여분 만에 꺼졌고 다친 작업자들은 화상을 입어 병원으로 옮겨졌다.",
      "경찰은 국립과학수사연구원과 합동 감식을 벌여 사고 원인을 조사할 계획이다."};
  expect_next_goes_on_and_other_not(
      "공장폭발", "(울산=연합뉴스) 허성민 기자 = ",
      {"urn:yna:K1", "2028-05-11T09:40:00+09:00", "울산 온산 제련공장서 폭발…작업자 2명 사망", day1},
      {"urn:yna:K2", "2028-05-12T10:30:00+09:00", "경찰, '2명 사망' 한결제련 온산제련소 압수수색",
       day2},
      {"urn:yna:K3", "2028-05-12T11:00:00+09:00", "울산 용연 화학공장서 폭발…작업자 3명 부상",
       look_alike});
}

// A bulletin with sentences of its own ((1보)) under the slugline that has
// followed a trial for days is the trial's next development when it names
// the trial's parties; another company's verdict under the same slugline
// is a story of its own.
TEST(Dedup, ABulletinOfAVerdictGoesOnTheTrialsStory) {
  const std::vector<std::string> hearing = {
      "회삿돈 180억원을 빼돌린 혐의로 기소된 해담건설 강동수 전 대표가 첫 공판에서 혐의를 "
      "부인했다.",
      "강 전 대표는 청주지법 형사11부 심리로 열린 공판에서 \"자금 집행을 지시한 적이 없다\"고 "
      "말했다.",
      "검찰은 강 전 대표가 2029년부터 3년간 하청업체에 공사비를 부풀려 지급한 뒤 되돌려 받는 "
      "수법으로 회삿돈을 빼돌린 것으로 보고 있다.",
      "다음 공판은 다음 달 14일 열린다."};
  const std::vector<std::string> verdict = {
      "해담건설 강동수 전 대표가 14일 1심에서 징역 5년을 선고받았다.",
      "재판부는 \"하청업체를 통해 빼돌린 돈이 회사의 경영을 위태롭게 했다\"며 강 전 대표를 "
      "법정에서 구속했다.",
      "강 전 대표는 첫 공판에서 \"자금 집행을 지시한 적이 없다\"고 말했었다."};
  const std::vector<std::string> other = {
      "회삿돈 40억원을 빼돌린 혐의로 기소된 동림물산 오세창 대표가 1심에서 징역 2년을 "
      "선고받았다.",
      "청주지법 형사11부는 14일 횡령 혐의로 기소된 오 대표에게 이같이 선고했다."};
  expect_next_goes_on_and_other_not(
      "재판", "(청주=연합뉴스) 윤다정 기자 = ",
      {"urn:yna:T1", "2030-04-13T15:00:00+09:00", "'180억 횡령' 해담건설 전 대표 첫 공판서 혐의 부인",
       hearing},
      {"urn:yna:T2", "2030-04-14T14:10:00+09:00", "'180억 횡령' 해담건설 강동수 전 대표 징역 5년(1보)",
       verdict},
      {"urn:yna:T3", "2030-04-14T14:40:00+09:00", "'40억 횡령' 동림물산 대표 징역 2년(1보)", other});
}

// A (1보) bulletin with sentences of its own is the story so far: the (2보)
// under its slugline an hour later leads with a development of its own and
// keeps one of its sentences, so its lead holds too little of the
// bulletin's for the rule that links a story to a one-sentence flash. It
// names the plant as the bulletin does: the names rule links it. Another
// fire's (종합) under the same slugline, on the same sentence frames (30 %
// of it in the bulletin), names another plant: a story of its own.
TEST(Dedup, AWriteThroughGoesOnTheBulletinWithSentencesItRewrites) {
  expect_next_goes_on_and_other_not(
      "공장화재", "(인천=연합뉴스) 한서윤 기자 = ",
      {"urn:yna:B1", "2030-05-13T15:40:00+09:00", "인천 남동공단 도금공장서 큰불…소방 대응 2단계(1보)",
       {"13일 오후 3시 20분께 인천 남동구 남동국가산업단지의 3층짜리 도금공장에서 불이 났다.",
        "불이 나자 공장 안에 있던 직원 42명 가운데 40명이 밖으로 대피했으며, 소방당국은 나머지 "
        "2명의 소재를 확인하고 있다.",
        "인천소방본부는 오후 3시 31분께 대응 1단계를, 12분 뒤 대응 2단계를 잇따라 발령했다.",
        "소방당국은 펌프차 등 장비 61대와 인력 170여명을 투입해 진화 작업을 벌이고 있다."}},
      {"urn:yna:B2", "2030-05-13T16:35:00+09:00", "인천 도금공장 화재 현장서 연락 끊긴 직원 2명 구조(2보)",
       {"연락이 끊겼던 인천 남동공단 도금공장 직원 2명이 화재 발생 45분 만에 공장 2층 창고에서 "
        "구조됐다.",
        "이들은 연기를 마셔 병원으로 옮겨졌으나 생명에는 지장이 없는 것으로 전해졌다.",
        "인천소방본부는 오후 3시 31분께 대응 1단계를, 12분 뒤 대응 2단계를 잇따라 발령했다.",
        "불길은 도금 약품을 보관하던 1층 창고 쪽으로 번지고 있다."}},
      {"urn:yna:B3", "2030-05-13T18:20:00+09:00", "부평 가구공장 화재 2시간 만에 완진…인명피해 없어(종합)",
       {"13일 오후 4시 10분께 인천 부평구 청천동의 2층짜리 가구공장에서 불이 나 2시간 만에 꺼졌다.",
        "불이 나자 공장 안에 있던 직원 15명이 모두 밖으로 대피해 인명피해는 없었다.",
        "인천소방본부는 장비 28대와 인력 80여명을 투입해 오후 6시 5분께 불을 모두 껐다.",
        "소방당국은 목재 가공 작업 중 튄 불티가 먼지에 옮겨붙었을 가능성을 두고 정확한 화재 원인을 "
        "조사하고 있다."}});
}

// A daily report's next edition names what the last one named (the same
// clubs at the same grounds, under the same slugline), which the names
// rule would take for a follow-up: the next day's results are a story of
// their own (dedup-blind61's look-alike merged).
TEST(Dedup, TheNextDaysResultsAreNoFollowUpOfTheLastOnes) {
  DedupRunner runner;
  const auto results = [](const std::string& uri, const std::string& time,
                          const std::string& day, const std::string& games) {
    return slugged(wire(uri, "1", time, "Results of " + day + "'s K League games",
                        "SEOUL, May 4 (Yonhap) -- Here are the results of " + day +
                            "'s games in the K League 1.\n\n" + games + "\n\n(END)"),
                   "football-results");
  };
  runner.run(results("urn:yna:AEN-R1", "2030-05-04T21:50:00+09:00", "Saturday",
                     "The Suwon Larks beat the Jinju Otters 2-1 at Larks Park.\n\nThe Mokpo "
                     "Gulls drew 1-1 with the Andong Foxes at Gulls Field.\n\nThe Sokcho "
                     "Herons edged the Gimje Oxen 3-2 at Herons Ground."),
             1);
  const Outcome next = runner.run(
      results("urn:yna:AEN-R2", "2030-05-05T21:50:00+09:00", "Sunday",
              "The Jinju Otters beat the Suwon Larks 3-0 at Larks Park.\n\nThe Andong "
              "Foxes edged the Mokpo Gulls 2-1 at Gulls Field.\n\nThe Gimje Oxen drew 0-0 "
              "with the Sokcho Herons at Herons Ground."),
      2);
  EXPECT_EQ(next.verdict, Verdict::fresh);
  EXPECT_EQ(next.story, "urn:yna:AEN-R2");
}

// The next day's development of a story names its company once, and
// nothing else of it but the city and the kind of case, which a look-alike
// under the slugline names too: one name that is the story's own (a stem
// before 주택) tells it; another company's case under the slugline, on
// the same frames, stays a story of its own (dedup-blind53, 59).
TEST(Dedup, TheNextDaysDevelopmentNamesTheStorysOwnCompany) {
  SluglineRun run("전세사기");
  const std::string background =
      "피해자들은 대부분 20∼30대 사회초년생으로, 보증금이 전 재산인 경우가 많은 것으로 알려졌다.\n\n"
      "경찰은 공인중개사들이 세입자를 끌어모으는 대가로 높은 수수료를 받았는지도 살펴보고 있다.";
  run("urn:yna:AKR-J1", "2031-03-10T09:00:00+09:00",
      "인천 건축업체 대표 잠적…세입자 200가구 전세보증금 300억 못 받아",
      "(인천=연합뉴스) 기자 = 인천의 건축업체 소담주택 대표가 세입자 200가구의 전세보증금 300억원을 "
      "돌려주지 않고 잠적해 경찰이 수사에 나섰다.\n\n경찰에 따르면 대표는 빌라 40채를 세입자의 "
      "보증금으로 사들인 뒤 지난달부터 연락이 끊겼다.\n\n" + background);
  const Outcome other = run(
      "urn:yna:AKR-J2", "2031-03-10T15:00:00+09:00",
      "부천서도 전세사기 의혹…세입자 80가구 보증금 120억 못 받아",
      "(부천=연합뉴스) 기자 = 경기 부천의 임대업체 하람빌라 대표가 세입자 80가구의 전세보증금 "
      "120억원을 돌려주지 않아 경찰이 수사에 나섰다.\n\n" + background);
  EXPECT_EQ(other.verdict, Verdict::fresh);
  const Outcome next = run(
      "urn:yna:AKR-J3", "2031-03-11T10:00:00+09:00",
      "경찰, 소담주택 대표 구속영장 신청…중개사 5명 입건",
      "(인천=연합뉴스) 기자 = 인천경찰청은 소담주택 대표 A(51)씨에 대해 사기 혐의로 구속영장을 "
      "신청했다고 11일 밝혔다.\n\n경찰은 A씨가 해외로 달아나려 한 정황을 확인했다.\n\n" +
          background);
  EXPECT_EQ(next.verdict, Verdict::update);
  EXPECT_EQ(next.story, "urn:yna:AKR-J1");
}

// `outcome` went on `story` as an update when `linked`, else opened a story
// of its own.
void expect_on_story(const Outcome& outcome, bool linked, const std::string& story) {
  if (linked) {
    EXPECT_EQ(outcome.verdict, Verdict::update);
    EXPECT_EQ(outcome.story, story);
  } else {
    EXPECT_EQ(outcome.verdict, Verdict::fresh);
  }
}

// The same in English: the company is called by a word of its own before
// what it is (Garoon Chemical), and the next day's development opens its
// headline with it. The other plant's fire, on the same sentences, names
// another company and stays a story of its own.
TEST(Dedup, TheNextDaysDevelopmentNamesTheStorysOwnCompanyInEnglish) {
  SluglineRun run("plant-fire");
  const std::string background =
      "Most of the plants in the complex store flammable solvents in outdoor tanks, and the "
      "city has ordered checks of their valves twice in the past three years.\n\n"
      "The labor ministry said it would look into whether safety rules were kept.\n\n(END)";
  run("urn:yna:AEN-G1", "2031-05-12T09:00:00+09:00",
      "Fire at Ulsan chemical plant kills 2 workers, injures 5",
      "ULSAN, May 12 (Yonhap) -- A fire broke out Monday at a solvent plant of Garoon Chemical "
      "in Ulsan, killing two workers and injuring five others, firefighters said.\n\n"
      "The blaze started near a mixing tank and was put out in three hours.\n\n" + background);
  const Outcome other = run(
      "urn:yna:AEN-G2", "2031-05-12T16:00:00+09:00",
      "Fire at Ulsan resin plant injures 3 workers",
      "ULSAN, May 12 (Yonhap) -- A fire broke out Monday at a resin plant of Namubit Plastics "
      "in Ulsan, injuring three workers, firefighters said.\n\n"
      "The blaze started in a drying room and was put out in an hour.\n\n" + background);
  EXPECT_EQ(other.verdict, Verdict::fresh);
  const Outcome next = run(
      "urn:yna:AEN-G3", "2031-05-13T10:00:00+09:00",
      "Garoon Chemical halts all lines as police look into tank valve",
      "ULSAN, May 13 (Yonhap) -- Garoon Chemical halted all its production lines on Tuesday as "
      "police looked into whether a loosened valve set off the deadly fire a day earlier.\n\n"
      "Police said they had questioned the plant manager.\n\n" + background);
  expect_on_story(next, true, "urn:yna:AEN-G1");
}

// The next day's item of a developing story that names only its town and
// the kind of event: it goes on the story by the place. Under the same
// slugline, another collision off the town that names another ship, and a
// spill in another district of it, are stories of their own; so is the
// follow-up with the option off (DedupOptions::follow_up_by_place).
void expect_the_follow_up_by_its_place(const DedupOptions& options, bool linked) {
  SluglineRun run("tanker-collision", options);
  const std::string background =
      "The waters off the port are among the busiest in the country, with tankers bound for "
      "the petrochemical complex passing fishing boats and ferries every hour.\n\n(END)";
  run("urn:yna:AEN-Y1", "2031-09-01T05:00:00+09:00",
      "(URGENT) Tanker collides with cargo ship off Yeosu; oil leaking", "");
  run("urn:yna:AEN-Y2", "2031-09-01T06:00:00+09:00",
      "(LEAD) Tanker, cargo ship collide off Yeosu; oil leaks from damaged tank",
      "YEOSU, Sept. 1 (Yonhap) -- A 9,800-ton tanker collided with a cargo ship off Yeosu early "
      "Monday, and oil leaked from a damaged tank into the sea, the coast guard said.\n\n"
      "No crew members were hurt, but a slick about 2 kilometers long drifted toward the "
      "shore as patrol boats laid booms around the tanker.\n\n" + background);
  const Outcome ship = run(
      "urn:yna:AEN-Y3", "2031-09-02T07:00:00+09:00",
      "Fishing boat collides with ferry off Yeosu; 2 hurt",
      "YEOSU, Sept. 2 (Yonhap) -- The fishing boat Haeun Star collided with a passenger ferry "
      "off Yeosu on Tuesday, injuring two fishermen, the coast guard said.\n\n"
      "The ferry, carrying 140 passengers to an island, returned to port under its own "
      "power.\n\n" + background);
  EXPECT_EQ(ship.verdict, Verdict::fresh);
  const Outcome district = run(
      "urn:yna:AEN-Y4", "2031-09-02T07:30:00+09:00",
      "Oil leaks from barge at wharf across the bay",
      "YEOSU, Sept. 2 (Yonhap) -- Oil leaked from a barge moored at a wharf in Gwangyang, "
      "across the bay from Yeosu, on Tuesday, the coast guard said.\n\n"
      "Workers stopped the leak within an hour, and about 300 liters reached the water.\n\n" +
          background);
  EXPECT_EQ(district.verdict, Verdict::fresh);
  const Outcome next = run(
      "urn:yna:AEN-Y5", "2031-09-02T08:00:00+09:00",
      "Oil from tanker collision off Yeosu reaches fish farms",
      "YEOSU, Sept. 2 (Yonhap) -- Oil that leaked from a tanker after its collision with a cargo "
      "ship off Yeosu reached fish farms on Tuesday, the coast guard said.\n\n"
      "Fish farmers said they had lost the year's stock of sea bream, and the city asked the "
      "government for help with the cleanup.\n\n" + background);
  expect_on_story(next, linked, "urn:yna:AEN-Y1");
}

TEST(Dedup, TheNextDaysItemOfADevelopingStoryByItsPlace) {
  expect_the_follow_up_by_its_place(DedupOptions{}, true);
  DedupOptions off;
  off.follow_up_by_place = false;
  expect_the_follow_up_by_its_place(off, false);
}

// A baseball series under the league's slugline: the same two clubs' next
// game, on the last report's frames (the clubs, the ballpark, the streaks),
// is a story of its own, told by its score; the next day's complaint about
// the first game, which gives that game's score, goes on its story. Without
// the rule (DedupOptions::follow_up_score) the next game goes on the first.
void expect_the_next_game_apart(const DedupOptions& options, bool apart) {
  SluglineRun run("프로야구", options);
  const std::string park = "창원 마산야구장";
  run("urn:yna:AKR-BB1", "2034-04-25T21:40:00+09:00",
      "창원 매리너스, 부산 웨일러스 꺾고 3연승…부산은 8연패",
      "(창원=연합뉴스) 채다온 기자 = 프로야구 창원 매리너스가 부산 웨일러스를 8연패 늪에 몰아넣고 "
      "3연승을 달렸다.\n\n창원은 25일 " + park + "에서 열린 KBO리그 홈경기에서 부산을 6-2로 "
      "꺾었다.\n\n창원 선발 데인 케슬러는 7이닝 동안 삼진 9개를 잡으며 1실점으로 호투해 시즌 "
      "4승째를 거뒀다.\n\n타선에서는 3회말 진우람의 2점 홈런으로 앞서 나갔고 7회말 2점을 보탰다.\n\n"
      "부산은 9회초 2점을 따라붙었지만 더는 힘을 내지 못했다.\n\nchae@yna.co.kr");
  const Outcome complaint = run(
      "urn:yna:AKR-BB3", "2034-04-26T11:20:00+09:00",
      "부산 웨일러스, '창원 매리너스 홈런 판정' KBO에 이의 제기",
      "(창원=연합뉴스) 채다온 기자 = 프로야구 부산 웨일러스가 25일 창원 매리너스와의 경기에서 "
      "나온 판정에 대해 KBO에 공식 이의를 제기했다.\n\n부산은 " + park + "에서 열린 경기에서 "
      "2-6으로 진 뒤 3회말 진우람의 홈런 타구가 파울이었다고 주장했다.\n\n창원 선발 데인 케슬러는 "
      "7이닝 동안 삼진 9개를 잡으며 1실점으로 호투해 시즌 4승째를 거뒀다.\n\n부산은 8연패에 "
      "빠졌다.\n\nchae@yna.co.kr");
  expect_on_story(complaint, true, "urn:yna:AKR-BB1");
  const Outcome next_game = run(
      "urn:yna:AKR-BB2", "2034-04-26T21:35:00+09:00",
      "창원 매리너스, 부산 웨일러스 또 꺾고 4연승…부산은 9연패",
      "(창원=연합뉴스) 채다온 기자 = 프로야구 창원 매리너스가 부산 웨일러스를 이틀 연속 꺾고 "
      "4연승을 달렸다.\n\n창원은 26일 " + park + "에서 열린 KBO리그 홈경기에서 부산을 7-2로 "
      "제압했다.\n\n창원 선발 남궁도현은 6이닝 동안 삼진 6개를 잡으며 2실점으로 막아 시즌 "
      "3승째를 거뒀다.\n\n타선에서는 1회말 안타 4개를 몰아쳐 3점을 먼저 뽑았고 진우람이 2점 홈런을 "
      "보탰다.\n\n부산은 9연패에 빠지며 최하위로 내려앉았다.\n\nchae@yna.co.kr");
  if (apart) {
    EXPECT_EQ(next_game.verdict, Verdict::fresh);
  } else {
    expect_on_story(next_game, true, "urn:yna:AKR-BB1");
  }
}

TEST(Dedup, TheSameClubsNextGameIsAStoryOfItsOwn) {
  expect_the_next_game_apart(DedupOptions{}, true);
  DedupOptions without;
  without.follow_up_score = false;
  expect_the_next_game_apart(without, false);
}

// Two nominations on one frame under the reshuffle's slugline, minutes
// apart: the second shares the president, the ministry's announcement and
// the hearing to come with the first, not the nominee its headline names
// (dedup-blind85 merged three nominations into one story). The nominee's
// next development still goes on the first.
void expect_nominations_apart(const DedupOptions& options, bool apart) {
  SluglineRun run("cabinet-reshuffle", options);
  const auto body = [](const std::string& who, const std::string& post,
                       const std::string& career) {
    return "SEOUL, Nov. 10 (Yonhap) -- President Bae Min-gyu on Monday named " + who +
           " as the new " + post + " minister, presidential spokesperson Gil Na-rae said.\n\n" +
           career + "\n\nThe nominee will face a confirmation hearing at the National Assembly "
           "before taking office, Gil told reporters.\n\n(END)";
  };
  const Outcome first = run(
      "urn:yna:AEN-N1", "2036-11-10T10:12:00+09:00",
      "President names career diplomat Ahn Seo-gyeom as new foreign minister",
      body("Ahn Seo-gyeom", "foreign",
           "Ahn, 58, joined the foreign service in 1991 and served as ambassador to Japan and "
           "as the ministry's top negotiator in talks on wartime forced labor. Gil said Ahn "
           "would steady ties with Tokyo and Washington at a time of trade frictions."));
  EXPECT_EQ(first.verdict, Verdict::fresh);
  const Outcome second = run(
      "urn:yna:AEN-N2", "2036-11-10T10:16:00+09:00",
      "President names former navy chief Kwon Tae-san as new defense minister",
      body("Kwon Tae-san", "defense",
           "Kwon, 61, a former chief of naval operations, commanded the fleet that patrols the "
           "Yellow Sea border and led the navy's submarine program. Gil said Kwon would push "
           "the overhaul of reserve forces the president promised last year."));
  if (apart) {
    EXPECT_EQ(second.verdict, Verdict::fresh);
    EXPECT_EQ(second.story, "urn:yna:AEN-N2");
  } else {
    EXPECT_EQ(second.verdict, Verdict::update);
    EXPECT_EQ(second.story, "urn:yna:AEN-N1");
  }
  const Outcome next = run(
      "urn:yna:AEN-N3", "2036-11-10T16:40:00+09:00",
      "Foreign minister nominee Ahn Seo-gyeom vows to mend ties with Tokyo",
      "SEOUL, Nov. 10 (Yonhap) -- Foreign minister nominee Ahn Seo-gyeom said Monday he would work "
      "to mend ties with Tokyo, hours after President Bae Min-gyu named him.\n\nAhn, a career "
      "diplomat who served as ambassador to Japan, will face a confirmation hearing at the "
      "National Assembly before taking office.\n\n(END)");
  EXPECT_EQ(next.verdict, Verdict::update);
  EXPECT_EQ(next.story, "urn:yna:AEN-N1");
}

// The next morning's item about a launch names nothing a name rule could
// go on (North Korea, the JCS, the East Sea are every launch's), under the
// launch's slugline: its first paragraph tells of the day before, and it
// keeps the story's background (dedup-blind83: the JCS's analysis, the
// North's own claim and the defector's questioning each opened a story).
// Two days on, the next launch is a flash of its own.
void expect_the_next_morning(const DedupOptions& options, bool linked) {
  SluglineRun run("NK-missile", options);
  const std::string background =
      "The launch came days after South Korea and the United States wrapped up a combined "
      "air exercise that Pyongyang has denounced as a rehearsal for an invasion.\n\n"
      "South Korean and U.S. intelligence authorities are analyzing the missile's flight "
      "data, including its range and the altitude of its apogee, the JCS said.\n\n";
  run("urn:yna:AEN-M1", "2036-04-15T07:12:00+09:00",
      "(URGENT) N. Korea fires ballistic missile toward East Sea: JCS",
      "SEOUL, April 15 (Yonhap) -- North Korea fired a ballistic missile toward the East Sea on "
      "Tuesday, South Korea's Joint Chiefs of Staff (JCS) said.\n\n(END)");
  const Outcome lead = run(
      "urn:yna:AEN-M2", "2036-04-15T07:30:00+09:00",
      "(LEAD) N. Korea fires ballistic missile toward East Sea: JCS",
      "SEOUL, April 15 (Yonhap) -- North Korea fired a ballistic missile toward the East Sea on "
      "Tuesday, South Korea's Joint Chiefs of Staff (JCS) said, its first launch in two "
      "months.\n\nThe missile was fired from near the capital at around 7:05 a.m., the JCS "
      "said.\n\n" + background + "(END)");
  ASSERT_EQ(lead.story, "urn:yna:AEN-M1");
  const Outcome next = run(
      "urn:yna:AEN-M3", "2036-04-16T10:10:00+09:00",
      "JCS says N. Korean missile flew 1,050 km, no sign of new engine",
      "SEOUL, April 16 (Yonhap) -- The ballistic missile North Korea fired a day earlier flew "
      "about 1,050 kilometers before falling into the East Sea, South Korea's military said "
      "Wednesday.\n\nThe JCS spokesperson told a briefing that the flight showed no sign of "
      "a new engine.\n\n" + background + "(END)");
  expect_on_story(next, linked, "urn:yna:AEN-M1");
  const Outcome again = run(
      "urn:yna:AEN-M4", "2036-04-17T16:05:00+09:00",
      "(URGENT) N. Korea fires ballistic missile toward East Sea: JCS",
      "SEOUL, April 17 (Yonhap) -- North Korea fired a ballistic missile toward the East Sea on "
      "Thursday, South Korea's Joint Chiefs of Staff (JCS) said.\n\n(END)");
  EXPECT_EQ(again.verdict, Verdict::fresh);
  EXPECT_EQ(again.story, "urn:yna:AEN-M4");
}

TEST(Dedup, TheNextMorningsItemAboutALaunchGoesOnItsStory) {
  expect_the_next_morning(DedupOptions{}, true);
  DedupOptions without;
  without.follow_up_earlier_day_containment = 0;
  expect_the_next_morning(without, false);
}

// Two counties' wildfires an hour apart on one desk's frame, under one
// slugline (dedup-blind89): the second county's item names the first fire
// in passing and opens on the first one's sentence, so the first fire's
// one-sentence flash and its write-through's slugline both reached it. It
// is that county's own story, and the first fire's (2보) goes on the first
// fire (DedupOptions::towns_apart).
void expect_the_other_countys_fire(const DedupOptions& options, bool apart) {
  SluglineRun desk("산불", options);
  desk.ko("urn:yna:AKR-W1", "2036-04-04T13:12:00+09:00", "[속보] 경북 봉화군 소천면 산불…헬기 투입",
          "(봉화=연합뉴스) 나도율 기자 = 4일 오후 1시께 경북 봉화군 소천면의 한 야산에서 불이 나 "
          "산림당국이 진화 헬기를 투입해 진화에 나섰다.\n\ndoyul@yna.co.kr");
  const Outcome other = desk.ko(
      "urn:yna:AKR-W2", "2036-04-04T14:15:00+09:00", "경북 예천군 감천면 산불…주민 150명 대피",
      "(예천=연합뉴스) 나도율 기자 = 4일 오후 2시께 경북 예천군 감천면의 한 야산에서 불이 나 "
      "산림당국이 헬기 11대를 투입해 진화 작업을 벌이고 있다.\n\n불길이 마을 쪽으로 번지자 "
      "예천군은 인근 3개 마을 주민 150여명을 마을회관 등으로 대피시켰다.\n\n산림당국은 "
      "오후 2시 10분을 기해 산불 대응 1단계를 발령했다.\n\n현장에는 초속 7∼9m의 바람이 불고 "
      "있으며, 불은 야산 정상 쪽으로 번지고 있다.\n\n경북에서는 이날 오후 1시께 봉화군 "
      "소천면에서도 산불이 나 헬기 14대가 투입됐다.\n\ndoyul@yna.co.kr");
  if (apart) {
    EXPECT_EQ(other.verdict, Verdict::fresh);
  } else {
    EXPECT_EQ(other.story, "urn:yna:AKR-W1");
  }
}

TEST(Dedup, AnotherCountysFireIsNoUpdateOfTheFirstOnesFlash) {
  expect_the_other_countys_fire(DedupOptions{}, true);
  DedupOptions without;
  without.towns_apart = false;
  expect_the_other_countys_fire(without, false);
}

// A case under its slugline, stage by stage (dedup-blind91): the raid, then
// a day on the court's decision as a headline-only flash that names the
// case by its sum. The flash is the case's next stage; another case's
// flash on the same frame, with its own sum, opens its own story
// (DedupOptions::follow_up_flash).
void expect_the_cases_flash(const DedupOptions& options, bool linked) {
  SluglineRun desk("전세사기", options);
  desk.ko("urn:yna:AKR-C1", "2036-06-10T10:30:00+09:00",
          "경찰, '214억 전세사기' 조직 사무실 압수수색",
          "(수원=연합뉴스) 마가람 기자 = 경기남부경찰청은 10일 빌라 340채를 이용해 세입자 "
          "190여명에게서 전세보증금 214억원을 가로챈 혐의를 받는 조직의 사무실을 압수수색했다고 "
          "밝혔다.\n\n경찰은 이들이 깡통 주택을 사들인 뒤 시세보다 비싼 보증금을 받아 "
          "챙긴 것으로 보고 있다.\n\n경찰은 압수물을 분석해 총책을 쫓고 있다.\n\n"
          "garam@yna.co.kr");
  const Outcome flash = desk.ko("urn:yna:AKR-C2", "2036-06-11T18:50:00+09:00",
                                "[속보] 법원, '214억 전세사기' 총책 구속영장 발부", "");
  expect_on_story(flash, linked, "urn:yna:AKR-C1");
  const Outcome other = desk.ko("urn:yna:AKR-C3", "2036-06-11T19:10:00+09:00",
                                "[속보] 법원, '95억 전세사기' 건축업자 구속영장 발부", "");
  EXPECT_EQ(other.verdict, Verdict::fresh);
}

TEST(Dedup, TheCasesNextStageInAFlashGoesOnTheCase) {
  expect_the_cases_flash(DedupOptions{}, true);
  DedupOptions without;
  without.follow_up_flash = false;
  expect_the_cases_flash(without, false);
}

// A case's next stage on its third day, under the slugline (dedup-blind91,
// dedup-blind79): the raid on a Monday afternoon, the CFO questioned on
// Thursday morning, 67 hours on, names the company and keeps its
// background. The same frame at the raid's own hour three days on is a
// report's edition, not a follow-up (DedupOptions::follow_up_late_window_ms).
void expect_the_third_day(const DedupOptions& options, bool linked) {
  const std::string raid_body =
      "SEOUL, June 9 (Yonhap) -- Prosecutors on Monday raided the headquarters of Gomun "
      "Chemical in Seoul over suspicions the company inflated its sales by 180 billion won over "
      "three years to keep its bank loans.\n\nInvestigators from the Seoul Southern District "
      "Prosecutors' Office seized accounting records and the computers of the finance team, "
      "officials said.\n\nGomun Chemical, a maker of industrial resins, is suspected of booking "
      "sales to paper companies in Vietnam that never took delivery.\n\n(END)";
  const std::string questioning =
      "SEOUL, June 12 (Yonhap) -- Prosecutors on Thursday summoned the chief financial officer "
      "of Gomun Chemical, Seol Ki-bum, for questioning over suspicions the company inflated its "
      "sales by 180 billion won over three years.\n\nSeol arrived at the Seoul Southern "
      "District Prosecutors' Office without answering reporters' questions.\n\nGomun Chemical, "
      "a maker of industrial resins, is suspected of booking sales to paper companies in "
      "Vietnam that never took delivery.\n\n(END)";
  {
    SluglineRun run("prosecution", options);
    run("urn:yna:AEN-G1", "2036-06-09T15:30:00+09:00",
        "Prosecutors raid Gomun Chemical over suspected accounting fraud", raid_body);
    expect_on_story(run("urn:yna:AEN-G2", "2036-06-12T10:40:00+09:00",
                        "Prosecutors question Gomun Chemical CFO over inflated sales", questioning),
                    linked, "urn:yna:AEN-G1");
  }
  SluglineRun run("prosecution", options);
  run("urn:yna:AEN-G1", "2036-06-09T15:30:00+09:00",
      "Prosecutors raid Gomun Chemical over suspected accounting fraud", raid_body);
  EXPECT_EQ(run("urn:yna:AEN-G3", "2036-06-12T15:20:00+09:00",
                "Prosecutors question Gomun Chemical CFO over inflated sales", questioning)
                .verdict,
            Verdict::fresh);
}

TEST(Dedup, ACasesThirdDayGoesOnTheCaseButNotAtTheSameHour) {
  expect_the_third_day(DedupOptions{}, true);
  DedupOptions without;
  without.follow_up_late_window_ms = without.follow_up_window_ms;
  expect_the_third_day(without, false);
}

// With no slugline (dedup-blind91's hit-and-run, dedup-blind93): the
// actor's next day names him in its headline and keeps a background
// sentence; another actor's case on the same frame names another man
// (DedupOptions::follow_up_unslugged_names).
void expect_the_unslugged_next_day(const DedupOptions& options, bool linked) {
  DedupRunner runner(options);
  runner.run(wire("urn:yna:AEN-J1", "1", "2036-06-09T14:00:00+09:00",
                  "Police raid actor Joo Ha-seon's home, agency over hit-and-run",
                  "SEOUL, June 9 (Yonhap) -- Police on Monday raided the home of actor Joo "
                  "Ha-seon and the offices of his agency, Starvane, over a hit-and-run that left a "
                  "cyclist in intensive care in Seoul's Gangnam district on Saturday night.\n\n"
                  "Investigators seized the actor's phone and the dashboard camera of his car, "
                  "police said.\n\nJoo, 34, has denied he was driving the car at the time.\n\n"
                  "(END)"),
             1);
  const Outcome next = runner.run(
      wire("urn:yna:AEN-J2", "1", "2036-06-10T11:20:00+09:00",
           "Actor Joo Ha-seon questioned by police over hit-and-run",
           "SEOUL, June 10 (Yonhap) -- Actor Joo Ha-seon appeared at a Seoul police station on "
           "Tuesday for questioning over a hit-and-run that left a cyclist in intensive care.\n\n"
           "Joo, 34, bowed to reporters but did not answer questions.\n\nPolice raided his "
           "home and the offices of his agency, Starvane, on Monday.\n\n(END)"),
      2);
  expect_on_story(next, linked, "urn:yna:AEN-J1");
  const Outcome other = runner.run(
      wire("urn:yna:AEN-J3", "1", "2036-06-10T15:00:00+09:00",
           "Actor Baek Ro-han questioned by police over drunk driving",
           "SEOUL, June 10 (Yonhap) -- Actor Baek Ro-han appeared at a Seoul police station on "
           "Tuesday for questioning over a drunk-driving crash in Mapo district.\n\nBaek, 41, "
           "bowed to reporters but did not answer questions.\n\n(END)"),
      3);
  EXPECT_EQ(other.verdict, Verdict::fresh);
}

TEST(Dedup, AnUnsluggedNextDayGoesOnItsStoryByItsNames) {
  expect_the_unslugged_next_day(DedupOptions{}, true);
  DedupOptions without;
  without.follow_up_unslugged_names = 0;
  expect_the_unslugged_next_day(without, false);
}

// A Korean story with no slugline, and its next day told in new words at
// the hour the desk broke it (dedup-blind95): the raid on a university's
// admissions office, then the ministry's audit 23 h 45 later. The next day
// keeps one background sentence and names the university and the dean, but
// its text is too little like the raid's for the bands to find it; the
// raid is found by its first name, under which the slug table links an
// item with no slugline (DedupOptions::follow_up_by_first_name). Another
// university's admissions news the same morning stays a story of its own.
void expect_the_next_day_by_its_first_name(const DedupOptions& options, bool linked) {
  DedupRunner runner(options);
  runner.run(
      wire_ko("urn:yna:AKR-U1", "2037-03-02T10:20:00+09:00",
              "경찰, '실기 점수 조작 의혹' 한솔대 입학처 압수수색",
              "(청주=연합뉴스) 변서아 기자 = 충북경찰청은 2일 한솔대학교 입학처장 민도윤 교수의 "
              "연구실과 입학처를 실기 점수 조작 의혹으로 압수수색했다.\n\n"
              "경찰은 지난해 수시모집 체육계열 실기고사에서 응시생 3명의 점수가 채점표보다 높게 "
              "입력된 정황을 잡고 수사하고 있다.\n\n경찰은 압수한 채점 자료와 컴퓨터 기록을 "
              "분석해 누가 점수를 고쳤는지 확인할 방침이다.\n\n한솔대 측은 \"수사에 성실히 "
              "협조하겠다\"고 밝혔다.\n\nseoa@yna.co.kr"),
      1);
  const Outcome other = runner.run(
      wire_ko("urn:yna:AKR-U2", "2037-03-03T09:30:00+09:00",
              "새봄대, 2038학년도 수시 예체능 실기 비중 축소",
              "(대전=연합뉴스) 주하온 기자 = 새봄대학교는 2038학년도 수시모집에서 예체능계열 "
              "실기고사 반영 비율을 60%에서 40%로 낮춘다고 3일 밝혔다.\n\n학교 측은 학생부 "
              "반영을 늘려 사교육 부담을 덜겠다는 취지라고 설명했다.\n\njuha@yna.co.kr"),
      2);
  EXPECT_EQ(other.verdict, Verdict::fresh);
  const Outcome next = runner.run(
      wire_ko("urn:yna:AKR-U3", "2037-03-03T10:05:00+09:00",
              "교육부, 한솔대 특별감사 착수…민도윤 입학처장 보직해임",
              "(세종=연합뉴스) 변서아 기자 = 교육부가 입시 부정 의혹이 불거진 한솔대학교에 대해 "
              "3일 특별감사에 들어갔고, 한솔대는 입학처장 민도윤 교수를 보직에서 물러나게 했다.\n\n"
              "감사반 10명은 이달 말까지 학교에 머물며 최근 3년 치 입시 서류를 모두 들여다볼 "
              "계획이다.\n\n앞서 충북경찰청은 전날 한솔대 입학처와 민 교수의 연구실을 "
              "압수수색했다.\n\n총학생회는 본관 앞에서 총장의 사과를 요구하는 집회를 열었다."
              "\n\nseoa@yna.co.kr"),
      3);
  expect_on_story(next, linked, "urn:yna:AKR-U1");
  if (!linked) return;
  // The court's flash two days on names the dean, the university and his
  // post: the case's next stage, with no slugline either
  // (DedupOptions::follow_up_flash).
  const Outcome flash = runner.run(
      wire_ko("urn:yna:AKR-U4", "2037-03-05T21:40:00+09:00",
              "[속보] 법원, '입시 조작' 민도윤 전 한솔대 입학처장 구속영장 발부", ""),
      4);
  expect_on_story(flash, options.follow_up_flash, "urn:yna:AKR-U1");
}

TEST(Dedup, AnUnsluggedNextDayIsFoundByItsStorysFirstName) {
  expect_the_next_day_by_its_first_name(DedupOptions{}, true);
  DedupOptions without;
  without.follow_up_by_first_name = false;
  expect_the_next_day_by_its_first_name(without, false);
  DedupOptions no_flash;
  no_flash.follow_up_flash = false;
  expect_the_next_day_by_its_first_name(no_flash, true);
}

// A Korean night story with no slugline and its next morning
// (dedup-blind101): a fishing boat's fire off 거문도 in a (1보) and its
// (종합), then the morning's item that names the boat and the island but
// tells the finding of the missing in new words. It shares the boat's name
// (weight 4) and the island with the (종합): the story's next development
// (DedupOptions::follow_up_unslugged_by_place). Another boat's fire off
// the same island that morning names neither the boat nor the crew: a
// story of its own.
void expect_the_morning_by_its_place(const DedupOptions& options, bool linked) {
  DedupRunner runner(options);
  runner.run(wire_ko("urn:yna:AKR-H1", "2037-02-11T23:40:00+09:00",
                     "여수 거문도 해상 어선서 불…선원 2명 실종(1보)",
                     "(여수=연합뉴스) 도하람 기자 = 11일 오후 11시 10분께 전남 여수시 거문도 "
                     "서쪽 20㎞ 해상을 지나던 어선 해솔마루호(72t)에서 불이 나 선원 "
                     "2명이 실종됐다.\n\n여수해양경찰서는 경비함정 6척을 보내 수색하고 있다."
                     "\n\nharam@yna.co.kr"),
             1);
  runner.run(wire_ko("urn:yna:AKR-H2", "2037-02-12T01:05:00+09:00",
                     "거문도 해상 어선 화재…선원 2명 실종·7명 구조(종합)",
                     "(여수=연합뉴스) 도하람 기자 = 전남 여수시 거문도 서쪽 해상에서 불이 난 "
                     "어선 해솔마루호(72t)의 선원 9명 가운데 7명이 구조되고 2명이 "
                     "실종됐다.\n\n여수해양경찰서에 따르면 불은 11일 오후 11시 10분께 기관실에서 "
                     "시작된 것으로 보인다.\n\n해솔마루호는 여수항을 떠나 제주 한림항으로 가던 "
                     "중이었다.\n\n구조된 선원 가운데 3명은 연기를 마셔 여수의 병원으로 옮겨졌다."
                     "\n\n해경은 함정 9척과 헬기 2대를 동원해 실종 선원을 찾고 있다."
                     "\n\nharam@yna.co.kr"),
             2);
  const Outcome other = runner.run(
      wire_ko("urn:yna:AKR-H3", "2037-02-12T06:20:00+09:00",
              "거문도 앞바다 정박 낚싯배서 불…인명피해 없어",
              "(여수=연합뉴스) 정이서 기자 = 12일 오전 5시 40분께 전남 여수시 거문도 거문항에 "
              "정박한 9.7t 낚싯배에서 불이 나 40분 만에 꺼졌다.\n\n배에는 사람이 타고 있지 "
              "않아 인명피해는 없었다.\n\n해경은 전기 합선을 원인으로 보고 조사하고 있다."
              "\n\nleeseo@yna.co.kr"),
      3);
  EXPECT_EQ(other.verdict, Verdict::fresh);
  const Outcome morning = runner.run(
      wire_ko("urn:yna:AKR-H4", "2037-02-12T08:30:00+09:00",
              "거문도 해상 어선 화재 실종 선원 1명 숨진 채 발견",
              "(여수=연합뉴스) 도하람 기자 = 전남 여수시 거문도 인근 해상에서 불이 난 "
              "해솔마루호의 실종 선원 가운데 1명이 12일 오전 숨진 채 발견됐다.\n\n"
              "여수해양경찰서는 이날 오전 7시 30분께 사고 해역 남쪽 4㎞ 지점에서 구명조끼를 "
              "입은 기관장 A(58)씨를 찾았다고 밝혔다.\n\n해경은 나머지 1명을 찾는 수색을 "
              "이어가는 한편 배를 예인해 화재 원인을 조사할 계획이다.\n\n"
              "haram@yna.co.kr"),
      4);
  expect_on_story(morning, linked, "urn:yna:AKR-H1");
}

TEST(Dedup, AnUnsluggedMorningIsFoundByItsNameAndPlace) {
  expect_the_morning_by_its_place(DedupOptions{}, true);
  DedupOptions without;
  without.follow_up_unslugged_by_place = false;
  expect_the_morning_by_its_place(without, false);
}

// A ruling's flash and its story in words of its own (dedup-blind99): the
// (URGENT) says "upholds 7-year prison term", the story "finalizes
// seven-year sentence" and tells the case with other verbs, too few of the
// flash's words for the rule by words alone. Both name the shipping group
// and its chairman: the story goes on the flash
// (DedupOptions::flash_named_story). The same court's ruling on another
// defendant minutes later, told on the same frame, names neither.
void expect_the_ruling_by_its_names(const DedupOptions& options, bool linked) {
  DedupRunner runner(options);
  runner.run(wire("urn:yna:AEN-R1", "1", "2037-06-04T10:05:00+09:00",
                  "(URGENT) Top court upholds 7-year prison term for Daemyung Shipping chairman",
                  "SEOUL, June 4 (Yonhap) -- The Supreme Court on Thursday upheld a seven-year "
                  "prison sentence for Daemyung Shipping Chairman Seo Jin-hwan, who was convicted "
                  "of hiding the company's losses from its creditors to keep the group afloat. "
                  "(END)"),
             1);
  const Outcome other = runner.run(
      wire("urn:yna:AEN-R2", "1", "2037-06-04T10:20:00+09:00",
           "Top court upholds 3-year prison term for ex-Hanul Bio CEO in bribery case",
           "SEOUL, June 4 (Yonhap) -- The Supreme Court on Thursday upheld a three-year prison "
           "term for Gu Min-seok, a former chief executive of Hanul Bio, for bribing a drug "
           "regulator to speed up the approval of a diabetes treatment.\n\nThe top court "
           "dismissed Gu's appeal and confirmed the appellate ruling.\n\n(END)"),
      2);
  EXPECT_EQ(other.verdict, Verdict::fresh);
  const Outcome story = runner.run(
      wire("urn:yna:AEN-R3", "1", "2037-06-04T10:30:00+09:00",
           "Top court finalizes seven-year sentence for Daemyung Shipping chairman Seo Jin-hwan",
           "SEOUL, June 4 (Yonhap) -- The Supreme Court on Thursday finalized a seven-year "
           "prison sentence for Seo Jin-hwan, chairman of the shipper Daemyung Shipping, for "
           "concealing more than 200 billion won in debts from lenders before the group "
           "collapsed.\n\n"
           "Its second division also turned down the prosecution's appeal, keeping a fine of "
           "5 billion won ordered by the appellate bench.\n\nSeo was arrested in 2035 "
           "after the shipper defaulted on its bonds, leaving thousands of retail investors "
           "out of pocket.\n\nThe decision ends a legal battle of nearly two years.\n\n(END)"),
      3);
  expect_on_story(story, linked, "urn:yna:AEN-R1");
}

TEST(Dedup, AFlashsStoryInOtherWordsIsFoundByItsNames) {
  expect_the_ruling_by_its_names(DedupOptions{}, true);
  DedupOptions without;
  without.flash_named_story = false;
  expect_the_ruling_by_its_names(without, false);
}

// A flash's figure that its (1보) tells further down (dedup-blind95): the
// flash counts nine crew missing; the bulletin four minutes on leads with
// the search and counts the nine aboard in its fourth paragraph. It goes on
// the flash (DedupOptions::flash_figure_further_down); without the rule the
// figure missing from its opening broke the thread.
void expect_the_figure_further_down(const DedupOptions& options, bool linked) {
  DedupRunner runner(options);
  runner.run(wire_ko("urn:yna:AKR-B1", "2037-02-23T07:58:00+09:00",
                     "[속보] 제주 마라도 남서쪽 해상서 29t 어선 연락 두절…선원 9명 실종", ""),
             1);
  const Outcome bulletin = runner.run(
      wire_ko("urn:yna:AKR-B2", "2037-02-23T08:02:00+09:00",
              "제주 마라도 남서쪽 해상서 29t 어선 연락 두절…해경 수색(1보)",
              "(서귀포=연합뉴스) 남궁솔 기자 = 제주 마라도 남서쪽 해상에서 조업하던 29t급 어선이 "
              "연락이 끊겨 해경이 수색에 나섰다.\n\n서귀포해양경찰서는 23일 오전 6시께 선주로부터 "
              "배와 연락이 닿지 않는다는 신고를 받았다.\n\n어선은 전날 밤 마라도 남서쪽 해상에서 "
              "위치 신호가 끊겼다.\n\n이 배에는 선장 등 9명이 타고 있던 것으로 파악됐다.\n\n"
              "해경은 경비함정과 항공기를 보내 수색하고 있다.\n\nsol@yna.co.kr"),
      2);
  expect_on_story(bulletin, linked, "urn:yna:AKR-B1");
}

// A flash, its story (which takes it), then the (LEAD) eighty minutes on
// with every sentence rewritten and a new slugline: it shares a third of
// the story's text, too little for the content rules, and tells the
// flash's words. It goes on the flash's story
// (DedupOptions::followed_flash_rewrite); another (LEAD) on the subject that
// does not tell them stays apart.
void expect_a_rewritten_lead(const DedupOptions& options, bool linked) {
  DedupRunner runner(options);
  runner.run(wire("urn:yna:AEN-L1", "1", "2037-10-21T07:12:00+09:00",
                  "(URGENT) N. Korea fires ballistic missile into East Sea: JCS",
                  "SEOUL, Oct. 21 (Yonhap) -- North Korea fired a ballistic missile into the "
                  "East Sea on Wednesday, the Joint Chiefs of Staff (JCS) said. (END)"),
             1);
  const Outcome story = runner.run(
      wire("urn:yna:AEN-L2", "1", "2037-10-21T07:25:00+09:00",
           "N. Korea fires ballistic missile into East Sea",
           "SEOUL, Oct. 21 (Yonhap) -- North Korea fired an unidentified ballistic missile "
           "into the East Sea on Wednesday morning, the Joint Chiefs of Staff (JCS) said.\n\n"
           "The missile was launched from the Pyongyang area at around 7:03 a.m., the JCS said "
           "in a text message to reporters, without giving its range.\n\nThe military has "
           "stepped up its surveillance and is sharing information with the United States and "
           "Japan, it added.\n\nIt is the North's first ballistic missile launch in five "
           "weeks, and it came a day after Seoul and Washington wrapped up a combined air drill "
           "that Pyongyang had denounced as a rehearsal for invasion.\n\nTokyo's coast guard "
           "issued a navigational warning to vessels in the area shortly after the launch.\n\n"
           "Last month the North test-fired what it called a new multiple rocket launcher from "
           "its east coast, in the presence of its leader.\n\n(END)"),
      2);
  EXPECT_EQ(story.story, "urn:yna:AEN-L1");
  const Outcome lead = runner.run(
      wire("urn:yna:AEN-L3", "1", "2037-10-21T08:32:00+09:00",
           "(LEAD) Suspected N. Korean IRBM flies some 1,100 km: JCS",
           "(ATTN: UPDATES with flight data, details throughout)\n\nSEOUL, Oct. 21 (Yonhap) -- "
           "The ballistic missile Pyongyang launched toward the East Sea on Wednesday flew "
           "about 1,100 kilometers at an apogee of some 600 km, in what appears to be an "
           "intermediate-range launch, the JCS said.\n\nNorth Korea's launch was detected "
           "from the Pyongyang area, the Joint Chiefs of Staff told reporters.\n\nSouth Korean "
           "and U.S. intelligence authorities are analyzing the flight data, including a "
           "possible pull-up manoeuvre in its final phase, a JCS officer told reporters.\n\n"
           "Japan's defense ministry said the missile came down outside its exclusive economic "
           "zone, and no damage to ships or aircraft was reported.\n\nThe National Security "
           "Council convened an emergency meeting and condemned the launch as a clear violation "
           "of U.N. Security Council resolutions.\n\n(END)"),
      3);
  expect_on_story(lead, linked, "urn:yna:AEN-L1");
  const Outcome other = runner.run(
      wire("urn:yna:AEN-L4", "1", "2037-10-21T09:05:00+09:00",
           "(LEAD) Unification ministry urges N. Korea to return to talks on family reunions",
           "(ATTN: ADDS comments in paras 3-4)\n\nSEOUL, Oct. 21 (Yonhap) -- The unification "
           "ministry on Wednesday urged North Korea to respond to its offer of talks on "
           "reunions of families separated by the Korean War.\n\nA ministry spokesperson said "
           "the offer stood despite tensions on the peninsula.\n\nAbout 36,000 registered "
           "separated family members in the South are still alive, ministry data show.\n\n"
           "(END)"),
      4);
  EXPECT_EQ(other.verdict, Verdict::fresh);
}

TEST(Dedup, ARewrittenLeadGoesOnItsFlashsStory) {
  expect_a_rewritten_lead(DedupOptions{}, true);
  DedupOptions without;
  without.followed_flash_rewrite = false;
  expect_a_rewritten_lead(without, false);
}

// A Korean flash of four words and its (종합) that tells three of them and
// names the man and his post ("사의 표명" told as "사퇴"); a flash of
// three words and the (1보) that tells all three. Each goes on its flash
// (DedupOptions::flash_few_words_sure). Another plant's bulletin on the
// second flash's frame, which tells two of its words, stays apart.
void expect_few_words_sure(const DedupOptions& options, bool linked) {
  DedupRunner runner(options);
  runner.run(wire_ko("urn:yna:AKR-W1", "2037-10-21T11:03:00+09:00",
                     "[속보] 서건혁 공정거래위원장 사의 표명", ""),
             1);
  const Outcome resign = runner.run(
      wire_ko("urn:yna:AKR-W2", "2037-10-21T11:50:00+09:00",
              "서건혁 공정위원장, 아들 취업 논란에 사퇴(종합)",
              "(세종=연합뉴스) 공다온 기자 = 서건혁 공정거래위원장이 아들의 대기업 계열사 취업 "
              "논란에 책임을 지고 물러나겠다고 밝혔다.\n\n서 위원장은 21일 정부세종청사에서 "
              "기자들과 만나 \"대통령실에 사의를 전달했다\"고 말했다.\n\n그는 \"아들의 취업 "
              "과정에 관여한 적이 없다\"고 덧붙였다."),
      2);
  expect_on_story(resign, linked, "urn:yna:AKR-W1");
  runner.run(wire_ko("urn:yna:AKR-W3", "2037-10-21T16:02:00+09:00",
                     "[속보] 구미국가산단 2차전지 부품공장서 화재", ""),
             3);
  const Outcome fire = runner.run(
      wire_ko("urn:yna:AKR-W4", "2037-10-21T16:14:00+09:00",
              "구미 2차전지 부품공장 화재…근로자 140여명 대피(1보)",
              "(구미=연합뉴스) 허지안 기자 = 21일 오후 3시 48분께 경북 구미시 구미국가산업단지 "
              "내 2차전지 부품공장에서 불이 나 근로자 140여명이 대피했다.\n\n소방당국은 "
              "장비 20여대를 투입해 진화 작업을 벌이고 있다."),
      4);
  expect_on_story(fire, linked, "urn:yna:AKR-W3");
  const Outcome other = runner.run(
      wire_ko("urn:yna:AKR-W5", "2037-10-21T16:40:00+09:00",
              "칠곡 가구공장 화재…인명피해 없어(1보)",
              "(칠곡=연합뉴스) 허지안 기자 = 21일 오후 4시 20분께 경북 칠곡군 왜관읍 가구공장에서 "
              "불이 나 근로자 10여명이 대피했다.\n\n소방당국은 장비 15대를 투입해 진화 작업을 "
              "벌이고 있다."),
      5);
  EXPECT_EQ(other.verdict, Verdict::fresh);
}

TEST(Dedup, AFewWordsOfAFlashAllToldOrNamedAreEnough) {
  expect_few_words_sure(DedupOptions{}, true);
  DedupOptions without;
  without.flash_few_words_sure = false;
  expect_few_words_sure(without, false);
}

TEST(Dedup, AFlashsFigureToldFurtherDownKeepsTheThread) {
  expect_the_figure_further_down(DedupOptions{}, true);
  DedupOptions without;
  without.flash_figure_further_down = false;
  expect_the_figure_further_down(without, false);
}

TEST(Dedup, TwoNominationsOnOneFrameAreTwoStories) {
  expect_nominations_apart(DedupOptions{}, true);
  DedupOptions without;
  without.follow_up_headlines_apart = false;
  expect_nominations_apart(without, false);
}

// The story after its flash, unmarked, under the flash's slugline, as the
// desk rewrote it once it knew more: the flash's "ex-chairman of shipping
// firm" is the story's founder of Haedam Marine, and few of the flash's
// words are left, but its figure (9 years) is. The next verdict under the
// slugline, of another man with another figure, is a story of its own
// (dedup-blind67's threads broke at the flash). Without the rule
// (DedupOptions::flash_story_coverage_same_slug) the story breaks away.
void expect_the_story_after_its_flash(const DedupOptions& options, bool linked) {
  SluglineRun run("embezzlement-verdict", options);
  run("urn:yna:AEN-V1", "2032-07-16T14:05:00+09:00",
      "(URGENT) Court sentences ex-chairman of shipping firm to 9 years for embezzlement", "");
  const Outcome other = run(
      "urn:yna:AEN-V2", "2032-07-16T14:20:00+09:00",
      "Ex-CEO of lending app Moabit gets 4 years in prison for fraud",
      "SEOUL, July 16 (Yonhap) -- A Seoul court on Friday sentenced the former chief executive "
      "of Moabit, a peer-to-peer lending app, to four years in prison for defrauding 3,100 "
      "investors of 41 billion won.\n\nThe court said he had hidden the app's losses from "
      "investors for two years.\n\n(END)");
  EXPECT_EQ(other.verdict, Verdict::fresh);
  const Outcome story = run(
      "urn:yna:AEN-V3", "2032-07-16T14:28:00+09:00",
      "Haedam Marine founder Yoo Jin-seok jailed for 9 years over 210 bln won in losses",
      "SEOUL, July 16 (Yonhap) -- The founder of Haedam Marine, Yoo Jin-seok, was jailed for "
      "9 years on Friday for siphoning off company funds, leaving creditors with 210 billion won "
      "in losses.\n\nThe Seoul Central District Court said Yoo, 61, had moved the money "
      "through paper companies in Hong Kong over six years.\n\n(END)");
  expect_on_story(story, linked, "urn:yna:AEN-V1");
}

TEST(Dedup, TheStoryAfterItsFlashUnderItsSlugline) {
  expect_the_story_after_its_flash(DedupOptions{}, true);
  DedupOptions without;
  without.flash_story_coverage_same_slug = 0;
  expect_the_story_after_its_flash(without, false);
}

// Another event's flash under the slugline minutes before (a fire in Gimpo)
// shares a rewritten story's common words (fire, workers, evacuated), not
// its figures or names: the story of a fire in Gunsan opens its own.
TEST(Dedup, AnotherEventsFlashUnderTheSluglineIsNotTakenByItsWords) {
  SluglineRun run("factory-fire");
  run("urn:yna:AEN-G2", "2032-07-15T10:49:00+09:00",
      "(URGENT) Fire breaks out at factory in Gimpo; workers evacuated", "");
  const Outcome story = run(
      "urn:yna:AEN-G3", "2032-07-15T11:05:00+09:00",
      "Blaze at Doram Textiles mill kills 1, injures 4",
      "SEOUL, July 15 (Yonhap) -- A fire tore through a textile mill run by Doram Textiles in "
      "Gunsan on Thursday, killing one worker and injuring four, fire officials said.\n\nThe fire broke "
      "out in a dyeing building, and workers were evacuated from the rest of the mill.\n\n(END)");
  EXPECT_EQ(story.verdict, Verdict::fresh);
}

// A night's write-throughs each rewrite the lead and the toll: the (LEAD)
// keeps the (URGENT) flash's headline words and little of its sentence,
// the (2nd LD) keeps a background sentence of the (LEAD) and nothing
// else, and the city is too common a word to be a name of the story. Each
// is the next rung under the slugline: one story. Another fire's (LEAD)
// under the same slugline, on the same frames, names another city and
// building: a story of its own. Without the rungs (DedupOptions) the
// thread breaks at the flash.
void expect_a_night_of_write_throughs(const DedupOptions& options, bool one_story) {
  SluglineRun run("fire", options);
  run("urn:yna:AEN-W1", "2030-03-04T22:41:00+09:00",
      "(URGENT) Fire breaks out at cold-storage warehouse in Incheon, workers feared trapped",
      "INCHEON, March 4 (Yonhap) -- A fire broke out at a cold-storage warehouse in Incheon on "
      "Monday night, and several workers are feared trapped inside, firefighters said.\n\n(END)");
  const Outcome lead = run(
      "urn:yna:AEN-W2", "2030-03-04T23:20:00+09:00",
      "(LEAD) 1 dead, 3 missing as fire engulfs Incheon cold-storage warehouse",
      "(ATTN: UPDATES with casualties in paras 1-4)\n\nINCHEON, March 4 (Yonhap) -- One worker "
      "died and three others were unaccounted for after flames swept through a five-story "
      "refrigerated warehouse near Incheon's port late Monday, fire authorities said.\n\nThe "
      "blaze started at around 10:25 p.m. on the second floor, where a crew of 19 had been "
      "loading frozen squid onto trucks.\n\nFifteen workers escaped on their own, and "
      "rescuers carried out a man in his 40s who was pronounced dead at a hospital.\n\n"
      "Urethane insulation panels inside the walls gave off thick toxic smoke, slowing the "
      "crews on the stairwells, officials said.\n\n(END)");
  const Outcome second = run(
      "urn:yna:AEN-W3", "2030-03-05T00:35:00+09:00",
      "(2nd LD) Death toll in Incheon warehouse fire rises to 2; 2 still missing",
      "(ATTN: UPDATES with new toll in paras 1-3)\n\nINCHEON, March 5 (Yonhap) -- Rescuers "
      "recovered a second body from the burning building early Tuesday, as falling ceiling "
      "panels and freezing water slowed the search for two more workers.\n\nThe body of a "
      "forklift driver in his 30s was found near a cargo lift on the third floor shortly after "
      "midnight, the city's fire headquarters said.\n\nA firefighter burned his hands while "
      "forcing open a jammed freezer door and was taken to a hospital.\n\nSmoke from the "
      "insulation panels kept slowing the crews.\n\n(END)");
  const Outcome other = run(
      "urn:yna:AEN-W4", "2030-03-05T00:50:00+09:00",
      "(LEAD) 2 hurt as fire guts furniture factory in Gimhae",
      "(ATTN: UPDATES with casualties in paras 1-2)\n\nGIMHAE, March 5 (Yonhap) -- Two "
      "workers suffered burns after a fire tore through a two-story furniture factory in "
      "Gimhae late Monday, firefighters said.\n\nThe fire started at around 11:10 p.m. near "
      "a paint booth and spread to stacks of lumber, according to the Gimhae fire station.\n\n"
      "(END)");
  if (one_story) {
    EXPECT_EQ(lead.verdict, Verdict::update);
    EXPECT_EQ(lead.story, "urn:yna:AEN-W1");
    EXPECT_EQ(second.verdict, Verdict::update);
    EXPECT_EQ(second.story, "urn:yna:AEN-W1");
  } else {
    EXPECT_EQ(lead.verdict, Verdict::fresh);
    EXPECT_NE(second.story, "urn:yna:AEN-W1");
  }
  EXPECT_EQ(other.verdict, Verdict::fresh);
}

TEST(Dedup, ANightsWriteThroughsAreOneStoryRungByRung) {
  expect_a_night_of_write_throughs(DedupOptions{}, true);
  DedupOptions no_rungs;
  no_rungs.flash_headline_coverage_same_slug = 0;
  no_rungs.update_containment_next_rung = 2;  // never
  no_rungs.follow_up_by_place = false;  // which finds the rungs by the city, too
  expect_a_night_of_write_throughs(no_rungs, false);
}

TEST(Dedup, TheNextRungOfAWriteThrough) {
  EXPECT_TRUE(next_rung(1, 2));   // (LEAD), then (2nd LD)
  EXPECT_TRUE(next_rung(2, 3));   // (2nd LD), then (3rd LD)
  EXPECT_TRUE(next_rung(1, kComprehensiveLevel));  // (1보), then (종합)
  EXPECT_TRUE(next_rung(3, kComprehensiveLevel));  // (3보), then (종합)
  EXPECT_TRUE(next_rung(kComprehensiveLevel, kComprehensiveLevel + 1));  // (종합2보)
  EXPECT_FALSE(next_rung(1, 3));  // a rung skipped
  EXPECT_FALSE(next_rung(2, 2));  // a resend's level
  EXPECT_FALSE(next_rung(0, kComprehensiveLevel));  // a headline flash
}

// A [속보] that is its headline alone, with a quote for colour, then the
// (1보) bulletin with the first sentences, which does not repeat the quote:
// one story. A second headline-only [속보] goes on no flash; nor does the
// sister service's flash of the event, which opens that service's story.
TEST(Dedup, ABulletinGoesOnItsHeadlineFlash) {
  DedupRunner runner;
  runner.run(wire_ko("urn:yna:F1", "2028-07-11T09:47:00+09:00",
                     "[속보] 울산 온산공단 화학공장서 폭발…\"검은 연기 치솟아\"", ""),
             1);
  const Outcome bulletin = runner.run(
      wire_ko("urn:yna:F2", "2028-07-11T09:58:00+09:00",
              "울산 온산공단 화학공장서 폭발…부상자 다수 발생(1보)",
              "(울산=연합뉴스) 장하늘 기자 = 11일 오전 9시 38분께 울산 울주군 온산읍 "
              "온산국가산업단지 내 한 화학공장에서 폭발이 일어났다.\n\n울산소방본부에 따르면 이 "
              "사고로 공장 안에서 일하던 직원 여러 명이 다친 것으로 파악됐다.\n\n소방당국은 대응 "
              "1단계를 발령하고 인력과 장비를 현장에 보내 불을 끄고 있다."),
      2);
  EXPECT_EQ(bulletin.verdict, Verdict::update);
  EXPECT_EQ(bulletin.story, "urn:yna:F1");
  const Outcome again = runner.run(
      wire_ko("urn:yna:F3", "2028-07-11T10:02:00+09:00",
              "[속보] 울산 온산공단 화학공장 폭발…\"부상자 다수\"", ""),
      3);
  EXPECT_EQ(again.verdict, Verdict::fresh);
  const Outcome sister = runner.run(
      wire("urn:yna:F4", "1", "2028-07-11T10:04:00+09:00",
           "(URGENT) Explosion at chemical plant in Ulsan, several workers injured",
           "SEOUL, July 11 (Yonhap) -- An explosion occurred at a chemical plant in the Onsan "
           "industrial complex in Ulsan on Tuesday, injuring several workers, fire authorities "
           "said.\n\n(END)"),
      4);
  EXPECT_EQ(sister.verdict, Verdict::fresh);
}

// A Korean desk's bulletins come before its write-throughs: the (종합)
// after a (2보) retells it with more (its text 96 % in the (종합)) and is
// its update, not a resend of it.
TEST(Dedup, AComprehensiveStoryAfterABulletinIsItsUpdate) {
  const std::vector<std::string> bulletin = {
      "제주 서귀포 남쪽 해상에서 9명이 탄 어선이 전복돼 3명이 구조되고 6명이 실종됐다.",
      "서귀포해양경찰서는 15일 오전 4시 30분께 서귀포 남쪽 46㎞ 해상에서 갈치잡이 어선이 "
      "뒤집혔다는 신고를 받고 경비함정을 보내 구조 작업을 벌이고 있다고 밝혔다.",
      "구조된 3명은 저체온증 증세를 보여 병원으로 옮겨졌다."};
  std::vector<std::string> full = bulletin;
  full.insert(full.begin(),
              "제주 서귀포 남쪽 해상에서 갈치잡이 어선이 전복돼 1명이 숨지고 5명이 실종됐다.");
  full.push_back("해경은 실종된 선원 5명을 찾기 위해 함정 12척과 항공기 4대를 투입해 수색하고 있다.");
  full.push_back("해경은 기상 악화로 어선이 높은 파도에 뒤집힌 것으로 보고 정확한 사고 경위를 조사하고 "
                 "있다.");
  DedupRunner runner;
  runner.run(wire_ko("urn:yna:B1", "2028-02-15T05:10:00+09:00",
                     "서귀포 해상서 어선 전복…3명 구조·6명 실종(2보)",
                     dated_story("(서귀포=연합뉴스) 김도현 기자 = ", bulletin)),
             1);
  const Outcome next = runner.run(
      wire_ko("urn:yna:B2", "2028-02-15T07:30:00+09:00",
              "서귀포 해상 어선 전복…1명 숨지고 5명 실종(종합)",
              dated_story("(서귀포=연합뉴스) 김도현 기자 = ", full)),
      2);
  EXPECT_EQ(next.verdict, Verdict::update);
  EXPECT_EQ(next.story, "urn:yna:B1");
}

// A (1보) bulletin of several paragraphs, with no slugline, then the
// (종합) four hours on (past the flash window), which opens with the toll
// and keeps most of the bulletin's sentences and figures: its update.
// Another plant's (종합) on the same frames keeps too little of it.
void expect_a_bulletin_rewritten(const DedupOptions& options, bool one_story) {
  const std::vector<std::string> bulletin = {
      "22일 오후 1시 5분께 울산 남구 부곡동 석유화학단지 내 합성수지 제조업체 공장에서 불이 "
      "나 소방당국이 대응 2단계를 발령했다.",
      "불은 공장 내 원료 저장탱크 인근 배관에서 시작된 것으로 추정된다.",
      "현장에는 소방차 등 장비 42대와 인력 130여명이 투입돼 진화 작업을 벌이고 있다.",
      "공장 근로자 60여명은 불이 나자 긴급 대피했으며, 근로자 1명이 연락이 닿지 않아 "
      "소방당국이 소재를 파악하고 있다.",
      "불이 나면서 검은 연기가 수㎞ 밖에서도 보일 만큼 치솟아 인근 주민들의 신고가 "
      "잇따랐다."};
  std::vector<std::string> full = {
      "22일 오후 1시 5분께 울산 남구 석유화학단지 내 화학공장에서 난 불이 대응 2단계 "
      "발령 5시간여 만에 꺼졌으나, 연락이 끊겼던 근로자 1명이 숨진 채 발견됐다."};
  full.insert(full.end(), bulletin.begin() + 1, bulletin.end() - 1);
  full.push_back(
      "숨진 근로자는 협력업체 소속 김모(56)씨로, 불이 날 당시 배관 보수 작업을 하던 "
      "중이었던 것으로 알려졌다.");
  full.push_back(
      "다른 근로자 2명은 대피 과정에서 연기를 들이마셔 병원 치료를 받았으며, 생명에는 "
      "지장이 없는 것으로 전해졌다.");
  full.push_back(
      "울산시와 환경 당국은 공장 주변 대기질을 측정한 결과 유해물질 농도가 기준치 "
      "이하로 나타났다고 밝혔다.");
  full.push_back("경찰은 공장 관계자들을 상대로 안전수칙 준수 여부 등을 조사할 방침이다.");
  const std::vector<std::string> other = {
      "22일 오후 5시 20분께 경기 시흥시 정왕동 시화산업단지 내 도금공장에서 불이 나 "
      "소방당국이 대응 1단계를 발령했다.",
      "불은 건조 설비 주변에서 시작된 것으로 추정된다.",
      "현장에는 소방차 등 장비 25대와 인력 70여명이 투입됐다.",
      "공장 근로자 20여명은 불이 나자 대피했다."};
  DedupRunner runner(options);
  runner.run(wire_ko("urn:yna:BR1", "2037-01-22T13:41:00+09:00",
                     "울산 석유화학단지 화학공장서 불…소방 '대응 2단계' 발령(1보)",
                     dated_story("(울산=연합뉴스) 공서진 기자 = ", bulletin)),
             1);
  runner.run(wire_ko("urn:yna:BR2", "2037-01-22T17:56:00+09:00",
                     "시흥 시화산단 도금공장서 불…근로자 20여명 대피(1보)",
                     dated_story("(시흥=연합뉴스) 우다온 기자 = ", other)),
             2);
  const Outcome next =
      runner.run(wire_ko("urn:yna:BR3", "2037-01-22T18:32:00+09:00",
                         "울산 화학공장 불 5시간여 만에 꺼져…근로자 숨진 채 발견(종합)",
                         dated_story("(울산=연합뉴스) 공서진 기자 = ", full)),
                 3);
  const Outcome apart = runner.run(
      wire_ko("urn:yna:BR4", "2037-01-22T22:10:00+09:00",
              "시흥 도금공장 불 2시간 만에 꺼져…인명피해 없어(종합)",
              dated_story("(시흥=연합뉴스) 우다온 기자 = ",
                          {"경기 시흥시 정왕동 시화산업단지 내 도금공장에서 난 불이 2시간 만에 "
                           "꺼졌다.",
                           "이 불로 공장 1개 동이 타 소방서 추산 3억원의 재산 피해가 났다.",
                           "현장에는 소방차 등 장비 42대와 인력 130여명이 투입됐다.",
                           "경찰은 정확한 화재 원인을 조사할 방침이다."})),
      4);
  expect_on_story(next, one_story, "urn:yna:BR1");
  EXPECT_NE(apart.story, "urn:yna:BR1");
}

TEST(Dedup, ABulletinsSentencesAreRewrittenAsAWriteThroughs) {
  expect_a_bulletin_rewritten(DedupOptions{}, true);
  DedupOptions off;
  off.bulletin_rewritten = false;
  expect_a_bulletin_rewritten(off, false);
}

// A flash the next day written to an earlier flash's pattern, with more
// words and its one date changed, keeps none of the earlier figures: not a
// follow-up of it.
TEST(Dedup, ASiblingFlashADayLaterIsNotAFollowUp) {
  DedupRunner runner;
  runner.run(wire("urn:yna:F1", "1", "2026-11-03T04:13:00+09:00",
                  "(URGENT) Health authorities reported a new vaccine as cases rise",
                  "SEOUL, Nov. 3 (Yonhap) -- The KDCA reported a new vaccine in South Chungcheong "
                  "on Tuesday, the drug safety ministry said.\n\n(END)"),
             1);
  const Outcome next = runner.run(
      wire("urn:yna:F2", "1", "2026-11-04T00:59:00+09:00",
           "(URGENT) Health authorities reported a measles outbreak as cases rise",
           "SEOUL, Nov. 4 (Yonhap) -- The Korea Disease Control and Prevention Agency reported a "
           "measles outbreak in South Chungcheong on Friday, the drug safety ministry said."
           "\n\n(END)"),
      2);
  EXPECT_EQ(next.verdict, Verdict::fresh) << "of " << next.of;
}

// Two flashes of one frame half an hour apart (dedup-blind107): the second
// leaves out the first's province and names a county of another. It is
// another fire, neither a copy nor the next take of the first; the same
// flash again is its copy (DedupOptions::flash_after_flash_containment).
void expect_a_flash_of_another_province(const DedupOptions& options, bool apart) {
  DedupRunner runner(options);
  runner.run(wire_ko("urn:yna:AKR-FF1", "2037-10-13T10:41:00+09:00",
                     "[속보] 경남 공장서 화재…2명 사망", ""),
             1);
  const Outcome other = runner.run(wire_ko("urn:yna:AKR-FF2", "2037-10-13T11:08:00+09:00",
                                           "[속보] 경북 칠곡 공장서 화재…2명 사망", ""),
                                   2);
  if (apart) {
    EXPECT_EQ(other.verdict, Verdict::fresh) << "of " << other.of;
  } else {
    EXPECT_NE(other.verdict, Verdict::fresh);
  }
  const Outcome again = runner.run(wire_ko("urn:yna:AKR-FF3", "2037-10-13T11:10:00+09:00",
                                           "[속보] 경북 칠곡 공장서 화재…2명 사망", ""),
                                   3);
  EXPECT_EQ(again.verdict, Verdict::duplicate);
  EXPECT_EQ(again.of, "urn:yna:AKR-FF2");
}

TEST(Dedup, AFlashThatLeavesOutAnEarlierFlashsWordsIsAnotherEvent) {
  expect_a_flash_of_another_province(DedupOptions{}, true);
  DedupOptions off;
  off.flash_after_flash_containment = 0;
  expect_a_flash_of_another_province(off, false);
}

// The weekly pump-price report, then a regional bureau's edition of it an
// hour on under the same slugline: the same frames and vocabulary (주유소,
// 휘발유, 오피넷), its own town in the headline and dateline, its own
// figures. It is a story of its own (DedupOptions::follow_up_town_edition);
// the national report's (종합) is the report's.
void expect_a_towns_edition(const DedupOptions& options, bool own_story) {
  DedupRunner runner(options);
  const auto report = [](const char* uri, const char* time, const char* headline,
                         const char* body) {
    return slugged(wire_ko(uri, time, headline, body), "유가동향");
  };
  runner.run(report("urn:yna:AKR-PP1", "2039-03-14T06:00:00+09:00",
                    "휘발유 가격 5주 연속 올라…전국 평균 ℓ당 1,744원",
                    "(서울=연합뉴스) 한도윤 기자 = 국내 주유소 휘발유 가격이 5주 연속 올랐다.\n\n"
                    "한국석유공사 유가정보서비스 오피넷에 따르면 3월 둘째 주 전국 주유소 휘발유 "
                    "평균 판매가격은 전주보다 ℓ당 9.2원 오른 1,744.6원으로 집계됐다.\n\n"
                    "경유 평균 판매가격은 ℓ당 7.1원 오른 1,612.3원이었다.\n\n"
                    "상표별로는 알뜰주유소 휘발유가 ℓ당 1,719.8원으로 가장 저렴했다.\n\n"
                    "석유공사는 국제 유가 상승분이 시차를 두고 반영되면서 다음 주에도 오름세가 "
                    "이어질 것으로 내다봤다.\n\ndoyoon@yna.co.kr"),
             1);
  const Outcome busan = runner.run(
      report("urn:yna:AKR-PP2", "2039-03-14T07:10:00+09:00",
             "부산 주유소 휘발유 가격 5주 연속 상승…ℓ당 1,731원",
             "(부산=연합뉴스) 서지민 기자 = 부산지역 주유소 휘발유 가격이 5주 연속 올랐다.\n\n"
             "한국석유공사 유가정보서비스 오피넷에 따르면 3월 둘째 주 부산 주유소 휘발유 평균 "
             "판매가격은 전주보다 ℓ당 8.4원 오른 1,731.2원으로 집계됐다.\n\n"
             "경유 평균 판매가격은 ℓ당 6.5원 오른 1,598.7원이었다.\n\n"
             "구별로는 강서구 주유소 휘발유가 ℓ당 1,702.5원으로 가장 저렴했다.\n\n"
             "석유공사는 국제 유가 상승분이 시차를 두고 반영되면서 다음 주에도 오름세가 이어질 "
             "것으로 내다봤다.\n\njimin@yna.co.kr"),
      2);
  if (own_story) {
    EXPECT_EQ(busan.verdict, Verdict::fresh) << "of " << busan.of;
  } else {
    EXPECT_EQ(busan.story, "urn:yna:AKR-PP1");
  }
}

TEST(Dedup, ATownsEditionOfAReportIsAStoryOfItsOwn) {
  expect_a_towns_edition(DedupOptions{}, true);
  DedupOptions off;
  off.follow_up_town_edition = false;
  expect_a_towns_edition(off, false);
}

// A Korean flash of a fire with no figure, then the English service's story
// of it (its service sent no flash): the town, the plant's kind and the
// fire are three concepts of both, where four are asked without numbers
// unless one is the town (DedupOptions::flash_cross_place).
void expect_the_towns_fire(const DedupOptions& options, bool linked) {
  DedupRunner runner(options);
  runner.run(wire_ko("urn:yna:AKR-TF1", "2039-05-02T13:22:00+09:00",
                     "[속보] 여수 국가산단 화학공장서 불…검은 연기", ""),
             1);
  const Outcome story = runner.run(
      wire("urn:yna:AEN-TF2", "1", "2039-05-02T13:51:00+09:00",
           "Fire breaks out at chemical plant in Yeosu industrial complex",
           body({"A fire broke out at a chemical plant in the Yeosu national industrial complex on "
                 "Monday afternoon, sending thick black smoke into the sky, firefighters said.",
                 "No casualties have been reported so far, and about 60 workers were moved to "
                 "safety, they added."})),
      2);
  if (linked) {
    EXPECT_EQ(story.verdict, Verdict::update);
    EXPECT_EQ(story.story, "urn:yna:AKR-TF1");
  } else {
    EXPECT_EQ(story.verdict, Verdict::fresh) << "of " << story.of;
  }
}

TEST(Dedup, AFlashsTownTellsItsStoryInTheOtherScript) {
  expect_the_towns_fire(DedupOptions{}, true);
  DedupOptions off;
  off.flash_cross_place = false;
  expect_the_towns_fire(off, false);
}

// The sister service's first story after a Korean flash (dedup-blind115),
// its own service having sent none: two hours on, told by its concepts
// with the flash's town among them (DedupOptions::flash_cross_late); or
// within the hour with the flash's toll risen, told by the town and four
// concepts (DedupOptions::flash_cross_figure_moved).
void expect_the_sister_services_story(const DedupOptions& options, bool late_links,
                                      bool moved_links) {
  const auto expect_in = [](const Outcome& got, bool linked, const char* flash) {
    if (linked) {
      EXPECT_EQ(got.story, flash);
    } else {
      EXPECT_EQ(got.verdict, Verdict::fresh) << "of " << got.of;
    }
  };
  DedupRunner runner(options);
  runner.run(wire_ko("urn:yna:AKR-SL1", "2039-05-09T09:12:00+09:00",
                     "[속보] 여수 국가산단 화학공장서 폭발…근로자 고립", ""),
             1);
  const Outcome late = runner.run(
      wire("urn:yna:AEN-SL2", "1", "2039-05-09T11:20:00+09:00",
           "Explosion at chemical plant in Yeosu leaves workers trapped",
           body({"An explosion ripped through a chemical plant in the Yeosu national industrial "
                 "complex on Friday morning, trapping workers inside, firefighters said.",
                 "Rescue teams were searching the damaged building, they added."})),
      2);
  expect_in(late, late_links, "urn:yna:AKR-SL1");
  runner.run(wire_ko("urn:yna:AKR-SM1", "2039-05-09T15:05:00+09:00",
                     "[속보] 울산 온산공단 화학공장서 폭발…3명 사망", ""),
             3);
  const Outcome moved = runner.run(
      wire("urn:yna:AEN-SM2", "1", "2039-05-09T15:47:00+09:00",
           "Explosion at Ulsan chemical plant kills 5",
           body({"An explosion at a chemical plant in the Onsan industrial complex in Ulsan killed "
                 "five workers on Friday afternoon, firefighters said.",
                 "The cause of the blast was not yet known, they added."})),
      4);
  expect_in(moved, moved_links, "urn:yna:AKR-SM1");
}

TEST(Dedup, TheSisterServicesStoryFollowsTheFlashLateAndWithItsFiguresMoved) {
  expect_the_sister_services_story(DedupOptions{}, true, true);
  DedupOptions no_late;
  no_late.flash_cross_late = false;
  expect_the_sister_services_story(no_late, false, true);
  DedupOptions no_moved;
  no_moved.flash_cross_figure_moved = false;
  expect_the_sister_services_story(no_moved, true, false);
}

// A shipyard strike's first story: its lead and vote, then three paragraphs
// (demands, the company, its spokesman) that its later stories keep.
const std::vector<std::string>& strike_background() {
  static const std::vector<std::string> paras = {
      "The union demands a basic pay raise of 8 percent and the rehiring of welders laid off "
      "after the yard's order slump, while management has offered 3 percent.",
      "The company, which builds LNG carriers and container ships for customers in Europe and "
      "Asia, said the walkout was delaying work on vessels due for delivery this spring.",
      "A spokesman for the company said management remained open to talks and urged the union "
      "to return to work while negotiations continue."};
  return paras;
}

std::vector<std::string> strike_first_story() {
  std::vector<std::string> paras = {
      "Some 4,200 workers of Kumsan Shipbuilding walked off the job on Monday after wage talks "
      "broke down, the company's union said, the first strike at the Geoje yard in 6 years.",
      "The union said 92 percent of its 5,100 members had voted for the strike on Jan. 27, and "
      "that the walkout would cost the company 21 billion won a day."};
  paras.insert(paras.end(), strike_background().begin(), strike_background().end());
  return paras;
}

// A write-through that dropped most of the earlier numbers is the next
// edition of a report when it comes at the earlier one's hour of a later
// day; at another hour it is the story's next development.
TEST(Dedup, AWriteThroughAtTheEarlierItemsHourOfTheNextDayIsTheNextEdition) {
  const std::vector<std::string>& kept = strike_background();
  const std::vector<std::string> before = strike_first_story();
  std::vector<std::string> after = {
      "The union of Kumsan Shipbuilding and management reached a tentative wage deal on "
      "Tuesday night, ending a strike at the Geoje yard that had halted work on its docks.",
      "Under the deal, basic pay rises by 98,000 won a month, and 150 laid-off welders will be "
      "rehired by June, the union said."};
  after.insert(after.end(), kept.begin(), kept.end());
  const auto run = [&](const std::string& later) {
    DedupRunner runner;
    runner.run(wire("urn:yna:K1", "1", "2027-02-01T08:30:00+09:00",
                    "Kumsan Shipbuilding workers walk out", body(before)),
               1);
    return runner.run(wire("urn:yna:K2", "1", later,
                           "(LEAD) Kumsan Shipbuilding union, management reach wage deal",
                           body(after)),
                      2);
  };
  const Outcome another_hour = run("2027-02-02T19:40:00+09:00");
  EXPECT_EQ(another_hour.verdict, Verdict::update);
  EXPECT_EQ(another_hour.story, "urn:yna:K1");
  EXPECT_EQ(run("2027-02-02T09:00:00+09:00").verdict, Verdict::fresh);
}

// A write-through that reads as the next day of an older story and as the
// rewrite of a newer one belongs to the newer: the older match is late (most
// of its figures gone a day later) and goes after any other.
TEST(Dedup, AWriteThroughJoinsTheItemItRewritesBeforeADayOldStory) {
  const std::vector<std::string>& kept = strike_background();
  const std::vector<std::string> strike = strike_first_story();
  const std::vector<std::string> rally = {
      "Subcontractors from the Kumsan yard protested outside the municipal building of Geoje "
      "on Tuesday, urging officials to step in and broker talks.",
      kept[0], kept[1]};
  const std::vector<std::string> rally_lead = {
      "About 700 subcontracted workers of Kumsan Shipbuilding marched to the Geoje city hall "
      "on Tuesday afternoon, and the mayor agreed to meet union leaders on Wednesday.",
      kept[0], kept[1], kept[2],
      "Police said the march ended peacefully after two hours, with no arrests."};
  DedupRunner runner;
  runner.run(wire("urn:yna:K1", "1", "2027-02-01T08:30:00+09:00",
                  "Kumsan Shipbuilding workers walk out", body(strike)),
             1);
  const Outcome first_rally =
      runner.run(wire("urn:yna:R1", "1", "2027-02-02T14:00:00+09:00",
                      "Kumsan subcontractors rally at city hall", body(rally)),
                 2);
  ASSERT_EQ(first_rally.verdict, Verdict::fresh);
  const Outcome lead =
      runner.run(wire("urn:yna:R2", "1", "2027-02-02T15:00:00+09:00",
                      "(LEAD) Kumsan subcontractors march to city hall, mayor to meet union",
                      body(rally_lead)),
                 3);
  EXPECT_EQ(lead.verdict, Verdict::update);
  EXPECT_EQ(lead.story, "urn:yna:R1");
}

// An outlet that runs the agency's first paragraphs under a line or two of
// its own (an introduction, a standfirst): the copy opens where the agency's
// dateline does. A story of another outlet that opens with an undated
// paragraph and quotes a dated one further down is judged as before.
TEST(Dedup, ACopyUnderAnOutletsOwnIntroductionIsADuplicate) {
  const std::vector<std::string> paras = {
      "Hanul Foods said Tuesday it will recall about 48,000 boxes of frozen dumplings sold at "
      "discount stores after finding fragments of plastic packaging in three of them.",
      "The recall covers the 1-kilogram pork and leek dumplings made at its Icheon plant between "
      "Jan. 4 and Jan. 19, the company said in a notice on its website.",
      "No one has been reported hurt, but the company said customers should not eat the "
      "dumplings and can return them for a full refund at any store.",
      "The Ministry of Food and Drug Safety said it would inspect the plant this week."};
  const std::string story_body = dated_story("SEOUL, Feb. 2 (Yonhap) -- ", paras);
  DedupRunner runner;
  const Outcome story = runner.run(wire("urn:yna:AEN7", "1", "2027-02-02T10:00:00+09:00",
                                        "Hanul Foods recalls 48,000 boxes of frozen dumplings",
                                        story_body),
                                   1);
  EXPECT_EQ(story.verdict, Verdict::fresh);

  const Outcome copy = runner.run(
      wire("https://www.koreadaybreak.example/news/articleView.html?idxno=7", "1",
           "2027-02-02T12:00:00+09:00", "Check your freezer: dumplings recalled",
           "If you bought frozen dumplings last month, check the box before dinner tonight. "
           "Here is what the maker said.\n\nSEOUL, Feb. 2 (Yonhap) -- " +
               paras[0] + "\n\n" + paras[1],
           "The Korea Daybreak"),
      2);
  EXPECT_EQ(copy.verdict, Verdict::duplicate);
  EXPECT_EQ(copy.story, "urn:yna:AEN7");

  const std::vector<std::string> ko = {
      "충북 청주의 한 물류창고에서 불이 나 3시간 만에 꺼졌다.",
      "소방당국은 4일 오전 2시 10분께 청주시 흥덕구의 한 물류창고에서 불이 나 인력 90여명과 장비 "
      "30여대를 투입해 오전 5시께 불을 껐다고 밝혔다.",
      "이 불로 창고 1개 동 2천300㎡가 탔으나 인명 피해는 없었다.",
      "소방당국은 창고 내부 전기 설비에서 불이 시작된 것으로 보고 정확한 원인을 조사하고 있다."};
  const Outcome ko_story = runner.run(
      wire("urn:yna:AKR7", "1", "2027-02-04T07:00:00+09:00", "청주 물류창고서 불…3시간 만에 진화",
           dated_story("(청주=연합뉴스) 김하늘 기자 = ", ko)),
      3);
  EXPECT_EQ(ko_story.verdict, Verdict::fresh);
  const Outcome ko_copy = runner.run(
      wire("https://www.hanbitilbo.example/news/articleView.html?idxno=7", "1",
           "2027-02-04T09:00:00+09:00", "청주 물류창고 화재…인명 피해 없어",
           "[한빛일보 온라인뉴스팀] 새벽 시간 창고 화재가 또 일어났다.\n\n(청주=연합뉴스) 김하늘 기자 = " +
               ko[0] + "\n\n" + ko[1],
           "한빛일보"),
      4);
  EXPECT_EQ(ko_copy.verdict, Verdict::duplicate);
  EXPECT_EQ(ko_copy.story, "urn:yna:AKR7");
}

// An outlet that keeps only the lead: one paragraph, the story's first
// word for word, or that paragraph and one line of its own with a figure.
// One sentence written to the story's pattern about another place and other
// figures is a story of its own, and so is one that differs from the lead
// in a name only when it adds a figure of its own.
TEST(Dedup, ACopyCutToItsLeadIsADuplicateAndALeadWrittenToItsPatternIsNot) {
  const std::vector<std::string> paras = {
      "Seoul city will open 12 new public day care centers in its northern districts by "
      "March, allowing about 900 more children to be looked after close to home, the city "
      "government said Thursday.",
      "The centers, most of them on the ground floors of public rental apartment blocks, will "
      "stay open until 9 p.m. on weekdays for parents who work late shifts.",
      "The city said it chose the districts because waiting lists there are twice as long as "
      "the city average, with some families waiting more than a year for a place.",
      "Each center will hire at least one teacher trained to care for children with "
      "disabilities, officials said.",
      "The project will cost 38 billion won, two-thirds of it from the city's own budget."};
  const std::string story_body = dated_story("SEOUL, Dec. 10 (Yonhap) -- ", paras);
  DedupRunner runner;
  const Outcome story = runner.run(wire("urn:yna:AEN1", "1", "2026-12-10T10:00:00+09:00",
                                        "Seoul to open 12 day care centers in north",
                                        story_body),
                                   1);
  EXPECT_EQ(story.verdict, Verdict::fresh);

  const Outcome lead_only = runner.run(
      wire("https://www.seoulledger.example/news/articleView.html?idxno=1", "1",
           "2026-12-10T11:00:00+09:00", "More day care places for northern Seoul", paras[0],
           "The Seoul Ledger"),
      2);
  EXPECT_EQ(lead_only.verdict, Verdict::duplicate);
  EXPECT_EQ(lead_only.story, "urn:yna:AEN1");

  const Outcome own_line = runner.run(
      wire("https://www.koreadaybreak.example/news/articleView.html?idxno=2", "1",
           "2026-12-10T12:00:00+09:00", "Northern Seoul gets 12 more day care centers",
           paras[0] + "\n\nThe city ran 1,410 public day care centers at the end of last year.",
           "The Korea Daybreak"),
      3);
  EXPECT_EQ(own_line.verdict, Verdict::duplicate);
  EXPECT_EQ(own_line.story, "urn:yna:AEN1");

  const Outcome pattern = runner.run(
      wire("urn:yna:AEN2", "1", "2026-12-10T15:00:00+09:00",
           "Busan to open 7 day care centers in west",
           "BUSAN, Dec. 10 (Yonhap) -- Busan city will open 7 new public day care centers in its "
           "western districts by April, allowing about 500 more children to be looked after "
           "close to home, the city government said Thursday."),
      4);
  EXPECT_EQ(pattern.verdict, Verdict::fresh);
  EXPECT_EQ(pattern.story, "urn:yna:AEN2");

  // Its figure is in the story, further down (9 p.m.), but not in its lead.
  const Outcome other_district = runner.run(
      wire("https://www.hanbitilbo.example/news/articleView.html?idxno=3", "1",
           "2026-12-10T16:00:00+09:00", "Southern Seoul to get day care centers",
           "Seoul city will open 9 new public day care centers in its northern districts by "
           "March, allowing about 900 more children to be looked after close to home, the city "
           "government said Thursday.",
           "한빛일보"),
      5);
  EXPECT_EQ(other_district.verdict, Verdict::fresh);
}

TEST(Dedup, ConcurrentWorkersShareOneIndex) {
  auto dedup = std::make_shared<Dedup>();
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      for (int i = 0; i < 50; ++i) {
        ItemContext ctx;
        ctx.item.uri = "urn:t:" + std::to_string(w) + ":" + std::to_string(i);
        ctx.item.version = "1";
        ctx.item.headlines.push_back({"main", "", "Headline " + ctx.item.uri, {}});
        ctx.item.plain_body = "Body text number " + std::to_string(w * 100 + i) + " for testing.";
        ctx.origin = {"t", w, i};
        ctx.received_ms = 1793700000000;
        dedup->process(ctx);
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(dedup->index().size(), 200u);
}

TEST(Dedup, ItemsWithoutTextOrTimeStillGetAVerdict) {
  Dedup dedup;
  auto run = [&](std::string uri, std::string version, int64_t offset) {
    ItemContext ctx;
    ctx.item.uri = std::move(uri);
    ctx.item.version = std::move(version);
    ctx.origin = {"t", 0, offset};
    dedup.process(ctx);
    return std::string(to_string(ctx.verdict)) + " " + ctx.story;
  };
  EXPECT_EQ(run("a", "1", 0), "new a");
  EXPECT_EQ(run("a", "1", 1), "duplicate a");
  EXPECT_EQ(run("a", "2", 2), "update a");
  EXPECT_EQ(run("a", "1", 0), "new a");  // replay of offset 0
  EXPECT_EQ(run("b", "1", 3), "new b");  // no text: no content match
}

TEST(SourceFamily, YonhapByUriOrNameElseSourceElseUriAuthority) {
  WireItem item;
  item.uri = "urn:yna:AEN1";
  EXPECT_EQ(source_family(item), "yonhap");
  item.uri = "https://www.x.example/1";
  item.source = "연합뉴스";
  EXPECT_EQ(source_family(item), "yonhap");
  item.source = "The Seoul Ledger";
  EXPECT_EQ(source_family(item), "the seoul ledger");
  item.source.clear();
  EXPECT_EQ(source_family(item), "x.example");
  item.uri = "tag:meridianwire.example,2026:newsml_1";
  EXPECT_EQ(source_family(item), "meridianwire.example");
  item.uri = "urn:publicid:gns.example:2026:b7";
  EXPECT_EQ(source_family(item), "urn:publicid:gns.example");
}

}  // namespace
}  // namespace wiredesk
