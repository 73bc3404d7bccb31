#include "processors/dedup/names.hpp"

#include <xxhash.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "processors/core/utf8.hpp"

namespace wiredesk {
namespace {

// Common words of wire copy, folded, one per element; written by
// scripts/gen-common-words (the empty word first: the list may be empty).
constexpr std::string_view kCommonWords[] = {
    "",
#include "processors/dedup/common_words.inc"
};

// A Hangul word's particles, the longer of two that both end it first: one
// comes off when two syllables or more stay.
constexpr std::string_view kParticles[] = {
    "에서는", "으로는", "에게서", "이라고", "이라는", "이라며", "에서도", "으로도", "에서",
    "에게",   "으로",   "까지",   "부터",   "라고",   "라는",   "라며",   "이나",   "보다",
    "처럼",   "은",     "는",     "이",     "가",     "을",     "를",     "의",     "에",
    "로",     "와",     "과",     "도",     "만",     "측",     "씨"};

// Endings of inflected verbs and adjectives (했다, 숨진, 회수하도록, 북상하면서,
// 끌어들여): no name ends so.
constexpr std::string_view kVerbEndings[] = {"다", "도록", "면서", "져", "해",   "한",   "된",
                                             "던", "며",   "고",   "서", "지만", "는데", "었",
                                             "했", "됐",   "자",   "기로", "려",   "할",   "될",
                                             "으나", "여"};

bool ends_with(std::string_view w, std::string_view s) {
  return w.size() >= s.size() && w.substr(w.size() - s.size()) == s;
}

size_t code_points(std::string_view w) {
  size_t n = 0;
  for (const char c : w) n += !utf8::is_continuation(static_cast<unsigned char>(c));
  return n;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A word scan_words() handed on is Hangul when it does not open with ASCII.
bool is_hangul_word(std::string_view w) { return static_cast<unsigned char>(w.front()) >= 0x80; }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// A letter, digit or Hangul syllable: what words are made of.
bool is_word_char(uint32_t cp) {
  return cp < 0x80 ? is_ascii_letter(static_cast<char>(cp)) || is_ascii_digit(static_cast<char>(cp))
                   : utf8::is_hangul_syllable(cp);
}

// The paragraphs after the headline whose every name a story is told by.
// The second one often names the company or the ship too, but reading its
// Hangul words merged look-alikes on their generic nouns (docs/quality.md):
// only its Latin words are read (scan_body_names).
constexpr size_t kNameParagraphs = 1;

// A Hangul word with its particle off, and the plural's 들 before it
// (회원들을 → 회원).
std::string_view without_particle(std::string_view w) {
  for (const std::string_view p : kParticles) {
    if (ends_with(w, p) && code_points(w) - code_points(p) >= 2) {
      w = w.substr(0, w.size() - p.size());
      break;
    }
  }
  constexpr std::string_view kPlural = "들";
  if (ends_with(w, kPlural) && code_points(w) >= 3) w = w.substr(0, w.size() - kPlural.size());
  return w;
}

// Digits and at most two syllables after them: a count or a date (3명, 11일).
bool is_count(std::string_view w) {
  size_t i = 0;
  while (i < w.size() && is_ascii_digit(w[i])) ++i;
  return i > 0 && code_points(w.substr(i)) <= 2 && utf8::is_ascii(w.substr(0, i));
}

// What a company, a ship, a building, a park or a valley is called after
// what it is: a Hangul name that ends so (도담주택, 한결케미칼, 33해진호,
// 미송빌딩, 늘솔공원, 장군바위골), on a stem of two syllables or more.
constexpr std::string_view kOwnNameEnds[] = {
    "케미칼", "케미컬", "머티리얼즈", "머티리얼", "하우징", "홀딩스", "핀테크", "모빌리티",
    "바이오팜", "폴리텍", "텔레콤", "화학",   "주택",     "건설",     "제약",   "해운",
    "물산",   "빌딩",   "타워",       "리조트", "공원",   "계곡",   "골",       "호"};

// The stems that make such a word a kind of thing, not one thing's name
// (단독주택, 석유화학, 국립공원, 해외건설, 두메산골).
constexpr std::string_view kGenericStems[] = {
    "단독", "공공", "임대", "공동", "다세대", "다가구", "노후", "전원", "국민", "민간", "신축",
    "농어촌", "석유", "정밀", "유기", "생명", "해외", "주택", "토목", "상가", "업무", "오피스",
    "고층", "초고층", "송신", "전망", "국립", "도립", "군립", "시립", "근린", "어린이", "수변",
    "생태", "체육", "테마", "놀이", "호수", "역사", "문화", "기념", "평화", "도시", "해양",
    "두메산", "산", "골목", "해상국립"};

// A ship is named with 호 (33해진호, 청보라호, 다솜호); so is a man (이준호), and
// 호 ends common nouns (제조번호, 환경보호, 구호). A ship's name has a number,
// or does not open with a surname; the noun's last two syllables are one.
constexpr std::string_view kHoNouns[] = {"번호", "보호", "구호", "신호", "간호", "선호", "기호",
                                         "부호", "옹호", "수호", "경호", "우호", "칭호", "애호",
                                         "비호", "엄호", "연호", "국호", "창호", "환호", "문호"};
constexpr std::string_view kSurnames[] = {
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권",
    "황", "안", "송", "류", "유", "전", "홍", "고", "문", "양", "손", "배", "백", "허", "남",
    "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "진", "나", "지", "엄", "채",
    "원", "천", "방", "공", "현", "함", "변", "염", "여", "추", "도", "소", "석", "선", "설"};

// An own name weighs as much as two names: alone, it tells its story's
// next development under the slugline (DedupOptions::follow_up_names).
constexpr uint8_t kOwnNameWeight = 4;

bool is_own_name(std::string_view w) {
  const bool digits = std::any_of(w.begin(), w.end(), [](char c) { return is_ascii_digit(c); });
  for (const std::string_view end : kOwnNameEnds) {
    if (!ends_with(w, end)) continue;
    std::string_view stem = w.substr(0, w.size() - end.size());
    while (!stem.empty() && is_ascii_digit(stem.front())) stem.remove_prefix(1);
    if (code_points(stem) < 2) return false;
    if (std::find(std::begin(kGenericStems), std::end(kGenericStems), stem) !=
        std::end(kGenericStems)) {
      return false;
    }
    if (end == "호" && !digits) {
      const size_t two = w.size() - std::string_view("번호").size();
      if (std::find(std::begin(kHoNouns), std::end(kHoNouns), w.substr(two)) !=
          std::end(kHoNouns)) {
        return false;
      }
      const std::string_view first = w.substr(0, std::string_view("김").size());
      if (code_points(w) == 3 &&
          std::find(std::begin(kSurnames), std::end(kSurnames), first) != std::end(kSurnames)) {
        return false;
      }
    }
    return true;
  }
  return false;
}

// The same in English: a company, ship or building called by a word of its
// own before what it is (Yeonbit Chemical, Sungwol Coatings, Dasom Marine,
// Dalmoe Bridge), capitalized. As in Hangul, the kinds of the big recurring
// companies (Group, Electronics, Motors, Securities, Bank, Energy) are left
// out: their names come back in story after story. The name may open the
// headline or a sentence, where a capitalized word alone says nothing.
constexpr std::string_view kLatinOwnKinds[] = {
    "Chemical",  "Chemicals",      "Coatings",        "Materials",    "Telecom",
    "Foods",     "Logistics",      "Construction",    "Engineering",  "Shipbuilding",
    "Shipping",  "Marine",         "Steel",           "Pharmaceutical", "Pharmaceuticals",
    "Pharma",    "Bio",            "Biologics",       "Textiles",     "Plastics",
    "Cosmetics", "Housing",        "Holdings",        "Fintech",      "Mobility",
    "Building",  "Tower",          "Resort",          "Bridge",       "Tunnel",
    "Mall",      "Valley"};

// What names a part of a town in English after its name (Goha Island,
// Bupyeong District).
constexpr std::string_view kLatinPlaceKinds[] = {"Island", "Islet", "District", "County",
                                                 "Bay",    "Beach", "Harbor",   "Village"};

// Whether the word that starts at `at` (after blanks) is one of `kinds`.
template <size_t N>
bool kind_follows(std::string_view text, size_t at, const std::string_view (&kinds)[N]) {
  while (at < text.size() && text[at] == ' ') ++at;
  size_t end = at;
  while (end < text.size() && is_ascii_letter(text[end])) ++end;
  const std::string_view next = text.substr(at, end - at);
  return std::find(std::begin(kinds), std::end(kinds), next) != std::end(kinds);
}

// A quarter or half of the year (Q3, 1Q, H2): every company's earnings
// report names it, so it is no name of a story.
bool is_period(std::string_view folded) {
  if (folded.size() != 2) return false;
  const auto part = [](char c) { return c == 'q' || c == 'h'; };
  const auto count = [](char c) { return c >= '1' && c <= '4'; };
  return (part(folded[0]) && count(folded[1])) || (count(folded[0]) && part(folded[1]));
}

uint16_t hash16(std::string_view w) {
  auto h = static_cast<uint16_t>(XXH3_64bits(w.data(), w.size()));
  if (h >= kPlaceBase) h = static_cast<uint16_t>(h - (0x10000 - kPlaceBase));  // places' slots
  return h == 0 ? 1 : h;
}

constexpr ListedPlace kPlaces[] = {
#include "processors/dedup/places.inc"
};
static_assert(std::size(kPlaces) <= 0x10000 - kPlaceBase);

// A place is named with what it is after it (창원시, 울주군, 대산읍, 온산공단,
// 여수항, 제주도), or with where off it (거제 앞바다).
constexpr std::string_view kPlaceEnds[] = {"국가산단", "산업단지", "앞바다", "시청", "군청", "구청",
                                           "공단",     "산단",     "해상",   "시",   "군",   "구",
                                           "읍",       "면",       "항",     "도"};

// A part of a town by what it is after its name (가경동, 낭성면, 흥덕구,
// 대산읍; Jeongwang-dong): a neighbourhood, township or district, which
// places.inc does not list. Numbered by a hash above the listed places:
// what matters is whether two items name the same one.
constexpr std::string_view kPartEnds[] = {"동", "읍", "면", "리", "구"};
// Words that end so and name no place: an exit, a vent, work, management,
// a machine's running (비상구, 환기구, 구조활동, 안전관리, 재가동).
constexpr std::string_view kNoPartEnds[] = {
    "비상구", "출입구", "배수구", "환기구", "분화구", "탈출구", "통풍구", "하수구", "배기구",
    "흡입구", "입구",   "출구",   "요구",   "연구",   "도구",   "가구",   "기구",   "인구",
    "활동",   "관리",   "방면",   "대면",   "행동",   "운동",   "이동",   "작동",   "출동",
    "진동",   "가동",   "처리",   "수리",   "정리",   "거리",   "무리",   "원리",   "심리"};
constexpr std::string_view kLatinPartEnds[] = {"-dong", "-eup", "-myeon", "-ri", "-gu"};
constexpr size_t kListedPlaces = std::size(kPlaces);
constexpr size_t kPlaceNumbers = 0x10000 - kPlaceBase;

int part_of_town(std::string_view w, bool place_follows) {
  bool part = place_follows;
  if (utf8::is_ascii(w)) {
    for (const std::string_view end : kLatinPartEnds) {
      part |= ends_with(w, end) && w.size() > end.size() + 2;
    }
  } else {
    for (const std::string_view end : kPartEnds) {
      part |= ends_with(w, end) && code_points(w) >= 3;
    }
    if (part) {
      for (const std::string_view end : kNoPartEnds) part &= !ends_with(w, end);
    }
  }
  if (!part) return -1;
  const uint64_t h = XXH3_64bits(w.data(), w.size());
  return static_cast<int>(kListedPlaces + h % (kPlaceNumbers - kListedPlaces));
}

// A place's name: its number, and whether it is also an ordinary word alone.
const std::unordered_map<std::string_view, std::pair<uint16_t, bool>>& place_names() {
  static const std::unordered_map<std::string_view, std::pair<uint16_t, bool>> names = [] {
    std::unordered_map<std::string_view, std::pair<uint16_t, bool>> m;
    for (size_t i = 0; i < std::size(kPlaces); ++i) {
      const auto n = static_cast<uint16_t>(i);
      m.emplace(kPlaces[i].hangul, std::pair{n, kPlaces[i].ordinary_word});
      m.emplace(kPlaces[i].latin, std::pair{n, false});
    }
    return m;
  }();
  return names;
}

// The number of the place a folded word names (places.inc), or -1.
int place_of(std::string_view w) {
  const auto& names = place_names();
  if (const auto it = names.find(w); it != names.end() && !it->second.second) {
    return it->second.first;
  }
  if (utf8::is_ascii(w)) return -1;
  for (const std::string_view end : kPlaceEnds) {
    if (!ends_with(w, end)) continue;
    const std::string_view stem = w.substr(0, w.size() - end.size());
    if (code_points(stem) < 2) continue;
    if (const auto it = names.find(stem); it != names.end()) return it->second.first;
  }
  return -1;
}

// The town of a Korean dateline, "(구미=연합뉴스) 배지후 기자 = ", when
// places.inc lists it: a town whose name is also an ordinary word alone
// (구미, appetite; 예산, budget) is that town in an item filed from it, where
// its headline says "구미 보일러 폭발". The town and its number, or -1.
std::pair<std::string_view, int> dateline_town(std::string_view body) {
  const std::string_view head = body.substr(0, 300);
  const size_t eq = head.find('=');
  if (eq == std::string_view::npos) return {{}, -1};
  const size_t open = head.rfind('(', eq);
  if (open == std::string_view::npos || eq - open > 32) return {{}, -1};
  const size_t close = head.find(')', eq);
  if (close == std::string_view::npos || close - eq > 40) return {{}, -1};
  const std::string_view town = head.substr(open + 1, eq - open - 1);
  const auto& names = place_names();
  const auto it = names.find(town);
  if (it == names.end() || utf8::is_ascii(town)) return {{}, -1};
  return {town, it->second.first};
}

// A word scan_words() hands on: folded, a view valid for that call only.
struct ScannedWord {
  std::string_view text;
  bool own = false;     // a Latin own name (before one of kLatinOwnKinds)
  bool place = false;   // a Latin word before one of kLatinPlaceKinds
  // A capitalized Latin word that opens the text, a sentence or a clause
  // (and is no own name there): no name, but it may be a place.
  bool opener = false;
};

// The words of `text` that may be names or places, in order, each handed
// to `out`. `latin_all`: every Latin word, capitalized or not, wherever it
// stands (a slugline's words).
template <typename Out>
void scan_words(std::string_view text, bool latin_all, Out&& out) {
  bool sentence_start = true;
  // After a colon or semicolon (a headline's second clause), not a sentence's
  // start: there a market report names the day's mover, which its next
  // edition names again, so an own name does not count there either.
  bool clause_start = false;
  std::string folded;  // a Latin word in lower case, reused
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    size_t len = utf8::decode(text, i, cp);
    if (len == 0) len = 1;
    if (!is_word_char(cp)) {
      if (cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == '\n') {
        sentence_start = true;
        clause_start = cp == ':' || cp == ';';
      }
      i += len;
      continue;
    }
    // A word: letters, digits and syllables, with an apostrophe or hyphen
    // inside (Tae-o, O'Neil) but not at its end.
    const size_t begin = i;
    bool hangul = false;
    size_t end = i;
    while (end < text.size()) {
      uint32_t c = 0;
      const size_t l = utf8::decode(text, end, c);
      if (l == 0) break;
      if (is_word_char(c)) {
        hangul |= c >= 0x80;
        end += l;
        continue;
      }
      // A slugline's hyphens part its words (Han-Tae-o-transfer); a
      // possessive's apostrophe ends the name (Korea's, Teachers').
      const bool joins = (c == '-' && !latin_all) || c == '\'' || c == 0x2019;
      uint32_t next = 0;
      if (joins && utf8::decode(text, end + l, next) != 0 && next < 0x80 &&
          is_ascii_letter(static_cast<char>(next))) {
        const size_t after = end + l + 1;
        const bool possessive = c != '-' && (next == 's' || next == 'S') &&
                                (after == text.size() || !is_ascii_letter(text[after]));
        if (!possessive) {
          end += l;
          continue;
        }
      }
      break;
    }
    std::string_view word = text.substr(begin, end - begin);
    i = end;
    const bool opens = sentence_start;
    const bool opens_clause = clause_start;
    sentence_start = false;
    clause_start = false;
    if (hangul) {
      word = without_particle(word);
      if (code_points(word) < 2 || is_count(word)) continue;
      if (std::any_of(std::begin(kVerbEndings), std::end(kVerbEndings),
                      [&](std::string_view e) { return ends_with(word, e); })) {
        continue;
      }
      out(ScannedWord{word});
      continue;
    }
    const char first = word.front();
    const bool capital = first >= 'A' && first <= 'Z';
    const bool own =
        !latin_all && capital && word.size() >= 3 && kind_follows(text, end, kLatinOwnKinds);
    const bool place = !latin_all && capital && kind_follows(text, end, kLatinPlaceKinds);
    if (!latin_all && !capital) continue;
    const bool opener = !latin_all && opens && (!own || opens_clause);
    if (word.size() < 2 && !latin_all) continue;
    folded.assign(word);
    for (char& c : folded) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (!latin_all && is_period(folded)) continue;
    out(ScannedWord{folded, own, place, opener});
  }
}

// The next paragraph of `body` that tells the story, `body` moved past it:
// blank lines, editors' notes ("(ATTN: …)", "(EDS: …)") passed over, the
// dateline and byline cut ("(울산=연합뉴스) 허성민 기자 = ", "SEOUL, May 12
// (Yonhap) -- ").
std::string_view next_paragraph(std::string_view& body) {
  while (!body.empty()) {
    const size_t nl = body.find('\n');
    std::string_view p = body.substr(0, nl);
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    while (!p.empty() && (p.front() == ' ' || p.front() == '\t' || p.front() == '\r')) {
      p.remove_prefix(1);
    }
    if (p.empty()) continue;
    // An editor's note of any length, "(ATTN: RECASTS headline, lead;
    // UPDATES toll; ADDS … in paras 3-7)": a line to the desk.
    if (p.starts_with("(ATTN") || p.starts_with("(EDS")) {
      const std::string_view line = p.substr(0, p.find_last_not_of(" \t\r") + 1);
      if (line.ends_with(')') && line.size() <= 400) continue;
    }
    if (p.front() == '(') {
      const size_t close = p.find(')');
      if (close == std::string_view::npos || close > 80) return p;
      const std::string_view inside = p.substr(1, close - 1);
      if (inside.find('=') != std::string_view::npos) {
        p.remove_prefix(close + 1);
        // The byline: "허성민 기자 = ", "김철수 특파원 = ".
        if (const size_t eq = p.find('='); eq != std::string_view::npos && eq < 60) {
          p.remove_prefix(eq + 1);
        }
        return p;
      }
      if (inside.starts_with("ATTN") || inside.starts_with("EDS") ||
          inside.starts_with("LEAD")) {
        continue;
      }
      return p;
    }
    // "SEOUL, May 12 (Yonhap) -- ": cut to the dash after the credit.
    const size_t dash = p.find(") --");
    if (dash != std::string_view::npos && dash < 80) {
      p.remove_prefix(dash + 4);
    } else if (const size_t em = p.find(") \u2014"); em != std::string_view::npos && em < 80) {
      p.remove_prefix(em + 5);
    }
    return p;
  }
  return {};
}

// The body's words a story is told by: its first paragraph's
// (kNameParagraphs), then the Latin words of the next. An English story
// often names the ship or the company only there (the tanker Norim Crest),
// and its capitalized words are names as the first paragraph's are; a
// Hangul word there is not read.
template <typename Out>
void scan_body_names(std::string_view body, Out&& out) {
  std::string_view rest = body;
  for (size_t i = 0; i < kNameParagraphs; ++i) scan_words(next_paragraph(rest), false, out);
  // Only a capitalized word can be a Latin name: a paragraph without a
  // capital letter (most Korean ones) is not scanned.
  const std::string_view next = next_paragraph(rest);
  if (std::none_of(next.begin(), next.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return;
  scan_words(next, false, [&](const ScannedWord& w) {
    if (!is_hangul_word(w.text)) out(w);
  });
}

const std::unordered_set<std::string_view>& common_words() {
  static const std::unordered_set<std::string_view> words(std::begin(kCommonWords),
                                                          std::end(kCommonWords));
  return words;
}

}  // namespace

bool is_common_word(std::string_view folded) { return common_words().contains(folded); }

std::span<const ListedPlace> listed_places() { return kPlaces; }

std::vector<std::string> name_words(std::string_view headline, std::string_view body,
                                    bool whole_body) {
  std::vector<std::string> out;
  auto add = [&](const ScannedWord& w) {
    if (!w.opener) out.emplace_back(w.text);
  };
  scan_words(headline, false, add);
  if (whole_body) {
    scan_words(body, false, add);
    return out;
  }
  scan_body_names(body, add);
  return out;
}

namespace {

// A case the headline names by its sum or count in single quotes: '214억
// 전세사기', '회삿돈 482억 횡령', '빌라 95채 전세사기'. A Korean desk names a
// case so from its raid to its verdict, and another case of the kind under
// the slugline has another sum. Its hash, without spaces; 0 when there is
// none. A level ('대응 2단계'), a rating or a typhoon's name is no such name.
uint16_t case_by_sum(std::string_view headline) {
  constexpr std::string_view kOpen[] = {"'", "\xE2\x80\x98"};  // ' and ‘
  constexpr std::string_view kClose[] = {"'", "\xE2\x80\x99"};
  constexpr std::string_view kUnits[] = {"억", "조", "원", "채"};
  for (size_t i = 0; i < headline.size(); ++i) {
    size_t open = 0;
    for (const std::string_view q : kOpen) {
      if (headline.substr(i, q.size()) == q) open = q.size();
    }
    if (open == 0) continue;
    const size_t from = i + open;
    size_t to = std::string_view::npos;
    size_t close = 0;
    for (const std::string_view q : kClose) {
      const size_t at = headline.find(q, from);
      if (at != std::string_view::npos && at < to) {
        to = at;
        close = q.size();
      }
    }
    if (to == std::string_view::npos || to - from > 48) return 0;
    const std::string_view phrase = headline.substr(from, to - from);
    bool sum = false;
    for (size_t k = 1; k < phrase.size() && !sum; ++k) {
      if (!is_ascii_digit(phrase[k - 1])) continue;
      for (const std::string_view unit : kUnits) sum |= phrase.substr(k, unit.size()) == unit;
    }
    if (sum) {
      std::string folded;
      for (const char c : phrase) {
        if (c != ' ') folded.push_back(c);
      }
      return hash16(folded);
    }
    i = to + close - 1;
  }
  return 0;
}

}  // namespace

NameList story_names(std::string_view headline, std::string_view body,
                     std::string_view slugline) {
  // A Korean desk's slugline is its category (땅꺼짐, 선박사고, 연예), which
  // the story's look-alikes share; an English one names the story
  // (Tenvault, Jinmyung-trial), whose words are its names.
  std::vector<uint16_t> slug;
  scan_words(slugline, true, [&](const ScannedWord& w) {
    if (is_hangul_word(w.text)) slug.push_back(hash16(w.text));
  });
  NameList out;
  const std::pair<std::string_view, int> filed_from = dateline_town(body);
  auto add = [&](const ScannedWord& word) {
    const std::string_view w = word.text;
    const auto add_place = [&](int place) {
      const auto n = static_cast<uint16_t>(place);
      if (out.places.size() < kStoryPlaces &&
          std::find(out.places.begin(), out.places.end(), n) == out.places.end()) {
        out.places.push_back(n);
      }
    };
    if (out.places.size() < kStoryPlaces) {
      int place = place_of(w);
      if (place < 0 && w == filed_from.first) place = filed_from.second;
      bool compound = false;
      if (place < 0 && w.find('-') != std::string_view::npos && utf8::is_ascii(w)) {
        // A compound names its places: a Jeju-bound ferry, a Seoul-based
        // firm, the Incheon-Beijing route.
        for (size_t from = 0; from <= w.size();) {
          const size_t dash = std::min(w.find('-', from), w.size());
          if (const int listed = place_of(w.substr(from, dash - from)); listed >= 0) {
            add_place(listed);
            compound = true;
          }
          from = dash + 1;
        }
      }
      if (place < 0 && !compound) place = part_of_town(w, word.place);
      if (place >= 0) add_place(place);
    }
    if (word.opener || is_common_word(w)) return;
    const uint16_t h = hash16(w);
    if (std::find(slug.begin(), slug.end(), h) != slug.end()) return;
    if (std::find(out.hashes.begin(), out.hashes.end(), h) != out.hashes.end()) return;
    const bool hangul = is_hangul_word(w);
    out.hashes.push_back(h);
    const bool own = utf8::is_ascii(w) ? word.own : is_own_name(w);
    out.weights.push_back(own ? kOwnNameWeight : hangul && code_points(w) <= 2 ? 1 : 2);
    out.latin.push_back(hangul ? 0 : 1);
  };
  // The case's name by its sum goes first: alone it tells the case's next
  // stage under the slugline.
  if (const uint16_t name = case_by_sum(headline); name != 0) {
    out.hashes.push_back(name);
    out.weights.push_back(kOwnNameWeight);
    out.latin.push_back(0);
  }
  scan_words(headline, false, add);
  out.headline = out.size();
  out.headline_town_filed_from =
      filed_from.second >= 0 &&
      std::find(out.places.begin(), out.places.end(), static_cast<uint16_t>(filed_from.second)) !=
          out.places.end();
  scan_body_names(body, add);
  return out;
}

namespace {
bool is_ascii_alnum(char c) { return is_ascii_digit(c) || is_ascii_letter(c); }

// The first "N-M" of `text` with N and M of one to three digits, standing
// alone: not in a date or a number (2034-35, 1,200-1,300, 3.5-4), a
// model or a code (F-35, 7-Eleven, 1-800-...).
std::string_view first_score(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (!is_ascii_digit(text[i])) continue;
    if (i > 0) {
      const char before = text[i - 1];
      if (is_ascii_alnum(before) || before == '.' || before == ',' || before == '-') continue;
    }
    size_t dash = i;
    while (dash < text.size() && is_ascii_digit(text[dash])) ++dash;
    const size_t first_digits = dash - i;
    if (first_digits > 3 || dash + 1 >= text.size() || text[dash] != '-') {
      i = dash;
      continue;
    }
    size_t end = dash + 1;
    while (end < text.size() && is_ascii_digit(text[end])) ++end;
    const size_t second_digits = end - dash - 1;
    if (second_digits == 0 || second_digits > 3) {
      i = end;
      continue;
    }
    if (end < text.size()) {
      const char after = text[end];
      if (is_ascii_alnum(after) || after == '-' || after == '.' || after == ',') {
        i = end;
        continue;
      }
    }
    return text.substr(i, end - i);
  }
  return {};
}
}  // namespace

uint16_t story_score(std::string_view headline, std::string_view body) {
  // The lead: a game report gives the score in its first two paragraphs.
  constexpr size_t kLeadBytes = 600;
  std::string_view score = first_score(headline);
  if (score.empty()) score = first_score(body.substr(0, kLeadBytes));
  if (score.empty()) return 0;
  // The loser's side writes it the other way round (2-6으로 졌다).
  const size_t dash = score.find('-');
  std::string_view a = score.substr(0, dash);
  std::string_view b = score.substr(dash + 1);
  a.remove_prefix(std::min(a.find_first_not_of('0'), a.size() - 1));
  b.remove_prefix(std::min(b.find_first_not_of('0'), b.size() - 1));
  if (a.size() > b.size() || (a.size() == b.size() && a > b)) std::swap(a, b);
  char pair[8];  // at most three digits, a dash, three digits
  const size_t size = a.size() + 1 + b.size();
  std::copy(a.begin(), a.end(), pair);
  pair[a.size()] = '-';
  std::copy(b.begin(), b.end(), pair + a.size() + 1);
  return static_cast<uint16_t>(XXH3_64bits(pair, size) | 1);
}

StoryNames keep_names(const NameList& names) {
  StoryNames kept{};
  const size_t n = std::min(names.size(), kept.size());
  std::copy_n(names.hashes.begin(), n, kept.begin());
  // The headline's first name of weight 2 goes first (the headline's names
  // stay the first, in their order else): the index links an item with no
  // slugline by its first name, and a short Hangul word (실기, 회수) is too
  // often a generic noun to find a story by.
  const size_t headline = std::min(names.headline, n);
  for (size_t i = 0; i < headline; ++i) {
    if (names.weights[i] < 2) continue;
    std::rotate(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(i),
                kept.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    break;
  }
  for (size_t i = 0; i < names.places.size() && n + i < kept.size(); ++i) {
    kept[n + i] = static_cast<uint16_t>(kPlaceBase + names.places[i]);
  }
  return kept;
}

bool place_kept(const StoryNames& kept, uint16_t place) {
  return std::find(kept.begin(), kept.end(), static_cast<uint16_t>(kPlaceBase + place)) !=
         kept.end();
}

bool places_told(const StoryNames& kept) {
  return std::any_of(kept.begin(), kept.end(),
                     [](uint16_t n) { return n == 0 || n >= kPlaceBase; });
}

bool places_shared(const NameList& names, const StoryNames& kept) {
  return std::any_of(names.places.begin(), names.places.end(), [&](uint16_t place) {
    return place < kListedPlaces && place_kept(kept, place);
  });
}

bool places_apart(const StoryNames& a, const StoryNames& b) {
  const auto listed = [](uint16_t n) {
    return n >= kPlaceBase && static_cast<size_t>(n - kPlaceBase) < kListedPlaces;
  };
  bool a_names = false;
  for (const uint16_t n : a) {
    if (!listed(n)) continue;
    if (std::find(b.begin(), b.end(), n) != b.end()) return false;
    a_names = true;
  }
  return a_names && std::any_of(b.begin(), b.end(), listed);
}

uint8_t kept_headline_names(const NameList& names) {
  return static_cast<uint8_t>(std::min(names.headline, kStoryNames));
}

namespace {
bool is_name(uint16_t n) { return n != 0 && n < kPlaceBase; }
}  // namespace

bool names_shared(const StoryNames& a, const StoryNames& b) {
  return std::any_of(a.begin(), a.end(), [&](uint16_t n) {
    return is_name(n) && std::find(b.begin(), b.end(), n) != b.end();
  });
}

bool names_apart(const StoryNames& a, const StoryNames& b) {
  const auto any = [](const StoryNames& names) {
    return std::any_of(names.begin(), names.end(), is_name);
  };
  return any(a) && any(b) && !names_shared(a, b);
}

bool names_set_apart(const NameList& names, const StoryNames& kept) {
  bool own = false;
  for (size_t i = 0; i < names.size(); ++i) {
    if (std::find(kept.begin(), kept.end(), names.hashes[i]) != kept.end()) return false;
    own |= names.latin[i] != 0 || names.weights[i] >= kOwnNameWeight;
  }
  return own && std::any_of(kept.begin(), kept.end(), is_name);
}

bool own_name_shared(const NameList& names, const StoryNames& kept) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names.weights[i] >= kOwnNameWeight &&
        std::find(kept.begin(), kept.end(), names.hashes[i]) != kept.end()) {
      return true;
    }
  }
  return false;
}

bool own_names_apart(const NameList& names, const StoryNames& kept, uint8_t kept_headline) {
  bool own = false;
  for (size_t i = 0; i < names.headline && i < names.size() && !own; ++i) {
    own = (names.latin[i] != 0 || names.weights[i] >= kOwnNameWeight) &&
          std::find(kept.begin(), kept.end(), names.hashes[i]) == kept.end();
  }
  if (!own) return false;
  for (size_t k = 0; k < kept_headline && k < kept.size(); ++k) {
    if (is_name(kept[k]) &&
        std::find(names.hashes.begin(), names.hashes.end(), kept[k]) == names.hashes.end()) {
      return true;
    }
  }
  return false;
}

bool headlines_apart(const NameList& names, const StoryNames& kept, uint8_t kept_headline) {
  bool own = false;
  for (size_t i = 0; i < names.headline && i < names.size(); ++i) {
    // A Latin name only: a Hangul headline's nouns are too often generic
    // (수색견, 열화상) or a new official's name on the story's next day.
    if (names.latin[i] == 0) continue;
    if (std::find(kept.begin(), kept.end(), names.hashes[i]) != kept.end()) return false;
    own = true;
  }
  if (!own) return false;
  bool theirs = false;
  for (size_t k = 0; k < kept_headline && k < kept.size(); ++k) {
    if (!is_name(kept[k])) continue;
    if (std::find(names.hashes.begin(), names.hashes.end(), kept[k]) != names.hashes.end()) {
      return false;
    }
    theirs = true;
  }
  return theirs;
}

bool tells_an_earlier_day(std::string_view body) {
  static constexpr std::array<std::string_view, 11> kEarlierDay = {
      "a day earlier", "the previous day", "the day before", "a day before", "yesterday",
      "two days earlier", "전날", "어제", "지난밤", "하루 전", "이틀 전"};
  std::string_view rest = body;
  const std::string_view lead = next_paragraph(rest);
  return std::any_of(kEarlierDay.begin(), kEarlierDay.end(), [&](std::string_view phrase) {
    return lead.find(phrase) != std::string_view::npos;
  });
}

int shared_names(const NameList& names, const StoryNames& kept, uint8_t kept_headline) {
  int weight = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    const auto at = std::find(kept.begin(), kept.end(), names.hashes[i]);
    if (at == kept.end()) continue;
    const bool both_headlines = i < names.headline && at - kept.begin() < kept_headline;
    weight += names.weights[i] * (both_headlines && names.latin[i] ? 2 : 1);
  }
  return weight;
}

}  // namespace wiredesk
