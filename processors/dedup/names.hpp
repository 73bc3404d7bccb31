// The names a story is told by: what links an unmarked follow-up to its
// story (design §3, "update").
//
// WHY NAMES. The next day's item of a developing story comes under a new
// uri with no (LEAD) or (종합) and a lead of its own: the raid after the
// fraud, the toll's rise after the blast. It shares a background sentence
// or two with the story, so its text is 20-55 % contained in the earlier
// item's, but so is the same desk's next item on the same sentence frames
// about another plant or another school (21-89 %): containment cannot tell
// them apart (docs/quality.md, "What unmarked follow-ups need"). What the
// follow-up keeps and the look-alike lacks is the story's names: the
// company, the ship, the bridge, the union, the person (한결제련,
// Dalmoe Bridge, Saenal Teachers' Union).
//
// A name here is a word of the headline or the first paragraph that is
// neither a common word of wire copy nor a word of a Korean slugline
// (the desk's category: 땅꺼짐, 선박사고; an English slugline names the
// story, Tenvault):
//  - Latin script: a capitalized word that does not open the headline or a
//    sentence (the words every sentence capitalizes say nothing);
//  - Hangul: a word with its particle taken off (한결제련이 → 한결제련),
//    two syllables or more, that is not an inflected verb (…다, …했,
//    …면서) nor a count (3명, 11일).
// Common words (Seoul, Monday, 경찰, 작업자, 폭발 …) are those that the
// labelled copy of this repository uses in three stories or more
// (scripts/gen-common-words writes them into common_words.inc); an
// invented company or bridge name is in one story only.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wiredesk {

// The names an index entry keeps: 16-bit hashes, the headline's first, in
// the order they appear; 0 marks an unused slot. The slots the names leave
// free keep the entry's places, as kPlaceBase + the place's number (below
// it a name's hash never lies; an entry written before places were kept,
// read back from the index topic, may hold a name there, read as a place:
// one in 128 of its names, in entries that age out of the window).
inline constexpr size_t kStoryNames = 8;
using StoryNames = std::array<uint16_t, kStoryNames>;
inline constexpr uint16_t kPlaceBase = 0xFE00;
inline constexpr size_t kStoryPlaces = 2;  // an item's places: at most these, the headline's first

// An item's names, in order of appearance, without repeats, and what each
// weighs: 2, or 1 for a Hangul word of two syllables (most common nouns are:
// 회수, 세로, 침수; a company or a place is seldom that short alone).
struct NameList {
  std::vector<uint16_t> hashes;
  std::vector<uint8_t> weights;
  std::vector<uint8_t> latin;  // 1: a Latin name (Haenarae), 0: a Hangul one
  size_t headline = 0;         // the first `headline` names are the headline's
  // The Korean towns, districts, islands, complexes and mountains it names
  // (places.inc), by number: what a follow-up that names no company or
  // ship still shares with its story (the Yeosu tanker, the Siheung plant).
  std::vector<uint16_t> places;
  // The headline names the town the item was filed from ("(대전=연합뉴스)"
  // under "대전 주유소 휘발유 가격…"): a regional bureau's story of its town.
  bool headline_town_filed_from = false;
  size_t size() const { return hashes.size(); }
};

// The towns, islands and complexes of places.inc, in its order: the
// Hangul name (without 시/군/구), its romanization, and whether the Hangul
// name alone is also an ordinary word (예산 budget, 대전 a great war).
struct ListedPlace {
  std::string_view hangul;
  std::string_view latin;
  bool ordinary_word;
};
std::span<const ListedPlace> listed_places();

// Every name of a headline and its body's first substantive paragraph (the
// dateline and byline cut), and the Latin names of the paragraph after it;
// a Korean slugline's words are no names of the story.
NameList story_names(std::string_view headline, std::string_view body, std::string_view slugline);

// The words story_names() reads, folded, before common words and the
// slugline's are taken out; with `whole_body`, those of every paragraph
// (scripts/gen-common-words counts them).
std::vector<std::string> name_words(std::string_view headline, std::string_view body,
                                    bool whole_body);

// The first kStoryNames of them, as an index entry keeps them, and how many
// of those are the headline's (they come first).
StoryNames keep_names(const NameList& names);
uint8_t kept_headline_names(const NameList& names);

// The weight of `names` that the entry's kept names hold (2 a name, 1 a
// short Hangul one). A Latin name in both headlines weighs twice: an English
// follow-up names its story in its headline (Haenarae Festival, Tenvault),
// and the place and agency words beside it are common. A Hangul headline's
// nouns are too often generic (군도, 사의, 제조번호) for that.
// `kept_headline`: how many of `kept` were the entry's headline names.
int shared_names(const NameList& names, const StoryNames& kept, uint8_t kept_headline = 0);

// Whether `names` and an entry's kept places share a town, island or
// complex of places.inc (a part of a town, told only by what it is after
// its name, 가경동, sets an item apart but never links it: 비상구 looks like
// one); whether `place` (NameList::places) is one of an entry's.
bool places_shared(const NameList& names, const StoryNames& kept);
// Whether an entry's kept names tell the places it named: a slot the names
// left free, or one holding a place (eight names leave no room to say).
bool places_told(const StoryNames& kept);
bool place_kept(const StoryNames& kept, uint16_t place);
// Whether two entries' kept places each hold a town, island or complex of
// places.inc and share none (a part of a town does not count).
bool places_apart(const StoryNames& a, const StoryNames& b);

// Whether two entries' kept names share one; and whether both name things
// and share none (another plant, another town: another event). Places do
// not count.
bool names_shared(const StoryNames& a, const StoryNames& b);
bool names_apart(const StoryNames& a, const StoryNames& b);
// Whether an item and an entry name things and share none, and what the
// item names is a thing's own name: a Latin name or an own name (a Hangul
// word of two syllables or a generic noun that no common-word list holds,
// 제설제, 열화상, does not set an item apart).
bool names_set_apart(const NameList& names, const StoryNames& kept);

// Whether the item's headline names, in Latin script, someone or something
// the entry does not name at all, and the entry's headline names something
// the item does not name at all: two nominations on one frame a few
// minutes apart ("President names Maeng Seo-jin as foreign minister", "…
// names Do Hyung-chul as defense minister") share the president and the
// frame, not the nominee. A Hangul headline's words do not count: too many
// of them are generic nouns (수색견, 열화상).
bool headlines_apart(const NameList& names, const StoryNames& kept, uint8_t kept_headline);
// Whether the entry keeps an own name of the item's (a company's, a ship's,
// a case's by its sum: names.cpp), not just a word both use.
bool own_name_shared(const NameList& names, const StoryNames& kept);
// Whether the item's headline holds an own name (a Latin one, a company's,
// a case's by its sum: names.cpp) that the entry never names, and the
// entry's headline a name the item never names: two verdicts of one court
// on one frame, each of its own case.
bool own_names_apart(const NameList& names, const StoryNames& kept, uint8_t kept_headline);

// Whether the first paragraph of `body` (its dateline cut) tells of an
// earlier day: "a day earlier", "the previous day", "yesterday", 전날, 어제.
// The next morning's item about an event says so; the first report of a
// new one tells of today.
bool tells_an_earlier_day(std::string_view body);

// The score of a game an item reports, "7-2" in its headline or else in its
// lead ("부산을 7-2로 꺾었다"), as a 16-bit hash (never 0); 0 when it gives
// none. A result is a story of its own: the same two clubs' next game under
// the competition's slugline names what the last one named (the clubs, the
// ground, the cup) and is written on its frames, with another score.
uint16_t story_score(std::string_view headline, std::string_view body);

// Whether a folded word (ASCII letters in lower case, or Hangul) is a
// common word of wire copy (tests and the word-list script).
bool is_common_word(std::string_view folded);

}  // namespace wiredesk
