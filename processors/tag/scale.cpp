#include "processors/tag/scale.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

#include "processors/core/bytes.hpp"

namespace wiredesk {
namespace {

using bytes::starts_with;

enum class Kind : uint8_t { number, word, stop };
enum class Count : uint8_t { none, dead, hurt, missing, evacuated };

struct Token {
  Kind kind;
  std::string_view text;  // words: ASCII lower-cased into `lower` when ASCII
  std::string lower;
  double value = 0;      // numbers
  bool glued = false;    // no space before it ("30여명": 30, then 여명)
};

bool is_ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Sentence and list marks that end a count's reach: "kills 2, injures 4".
constexpr std::array<std::string_view, 7> kStops = {",", ";", ":", ".", "·", "…", "ㆍ"};
// Marks read as spaces.
constexpr std::array<std::string_view, 12> kBlanks = {"'", "\"", "(", ")", "[", "]",
                                                      "‘", "’", "“", "”", "-", "/"};

// Korean words that stand for a rough number of people.
struct RoughWord {
  std::string_view word;
  double value;
};
constexpr std::array<RoughWord, 3> kKoreanRough = {{{"수십", 20}, {"수백", 200}, {"수천", 2000}}};
constexpr std::array<RoughWord, 26> kEnglishNumbers = {{
    {"one", 1},       {"two", 2},        {"three", 3},     {"four", 4},        {"five", 5},
    {"six", 6},       {"seven", 7},      {"eight", 8},     {"nine", 9},        {"ten", 10},
    {"eleven", 11},   {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},   {"fifteen", 15},
    {"sixteen", 16},  {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},   {"twenty", 20},
    {"dozens", 20},   {"scores", 40},    {"hundreds", 200}, {"thousands", 2000}, {"dozen", 12},
    {"couple", 2},
}};

// Korean counts people in its own numerals before 명: 두 명, 세 명이, 한 명도.
struct NativeNumber {
  std::string_view word;
  double value;
};
constexpr std::array<NativeNumber, 11> kKoreanNative = {{{"한", 1},
                                                         {"두", 2},
                                                         {"세", 3},
                                                         {"네", 4},
                                                         {"다섯", 5},
                                                         {"여섯", 6},
                                                         {"일곱", 7},
                                                         {"여덟", 8},
                                                         {"아홉", 9},
                                                         {"열", 10},
                                                         {"스무", 20}}};

// A native numeral is a figure only before 명, apart ("두 명") or glued
// ("두명이"): alone, 세 is a tax or an age and 네 a yes.
void read_native_counts(std::vector<Token>& out) {
  for (size_t i = 0; i < out.size(); ++i) {
    Token& t = out[i];
    if (t.kind != Kind::word || t.text.empty() || static_cast<unsigned char>(t.text[0]) < 0x80) {
      continue;
    }
    for (const auto& n : kKoreanNative) {
      if (!starts_with(t.text, n.word)) continue;
      const std::string_view rest = t.text.substr(n.word.size());
      if (rest.empty() && i + 1 < out.size() && out[i + 1].kind == Kind::word &&
          starts_with(out[i + 1].text, "명")) {
        t.kind = Kind::number;
        t.value = n.value;
      } else if (starts_with(rest, "명")) {
        Token unit{Kind::word, rest, {}};
        unit.glued = true;
        t.kind = Kind::number;
        t.value = n.value;
        t.text = t.text.substr(0, n.word.size());
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(unit));
      }
      break;
    }
  }
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  bool space_before = true;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      space_before = true;
      continue;
    }
    const auto mark = [&](const auto& list) -> size_t {
      for (const std::string_view m : list) {
        if (text.substr(i, m.size()) == m) return m.size();
      }
      return 0;
    };
    // The point of "S. Korean", "N. Korean" or "U.S." ends no sentence.
    const bool initial = text[i] == '.' && !out.empty() && !space_before &&
                         out.back().kind == Kind::word && out.back().text.size() == 1 &&
                         is_ascii_alpha(static_cast<unsigned char>(out.back().text[0]));
    if (initial) {
      out.back().lower.push_back('.');  // "s." and not the s of "70s"
      ++i;
      space_before = true;
      continue;
    }
    if (const size_t n = mark(kStops); n != 0 && !(n == 1 && text[i] == '.' && i + 1 < text.size() &&
                                                   is_digit(static_cast<unsigned char>(text[i + 1])))) {
      out.push_back(Token{Kind::stop, text.substr(i, n), {}});
      i += n;
      space_before = true;
      continue;
    }
    if (const size_t n = mark(kBlanks)) {
      i += n;
      space_before = true;
      continue;
    }
    Token t{Kind::word, {}, {}};
    t.glued = !space_before;
    const size_t start = i;
    if (is_digit(c)) {
      std::string digits;
      while (i < text.size()) {
        const unsigned char d = static_cast<unsigned char>(text[i]);
        if (is_digit(d)) {
          digits.push_back(static_cast<char>(d));
        } else if ((d == ',' || d == '.') && i + 1 < text.size() &&
                   is_digit(static_cast<unsigned char>(text[i + 1])) && !digits.empty()) {
          if (d == '.') digits.push_back('.');
        } else {
          break;
        }
        ++i;
      }
      t.kind = Kind::number;
      t.value = std::strtod(digits.c_str(), nullptr);
      // Korean writes thousands and ten thousands as units: 1천200명, 3만명,
      // 80만여명, 2만5천명.
      double whole = 0;
      for (;;) {
        const std::string_view rest = text.substr(i);
        double unit = 0;
        if (starts_with(rest, "만")) unit = 10000;
        else if (starts_with(rest, "천")) unit = 1000;
        else break;
        whole += t.value * unit;
        t.value = 0;
        i += std::string_view("만").size();
        std::string more;
        while (i < text.size() && is_digit(static_cast<unsigned char>(text[i]))) {
          more.push_back(text[i]);
          ++i;
        }
        if (!more.empty()) t.value = std::strtod(more.c_str(), nullptr);
      }
      t.value += whole;
      t.text = text.substr(start, i - start);
    } else if (is_ascii_alpha(c)) {
      while (i < text.size() && is_ascii_alpha(static_cast<unsigned char>(text[i]))) ++i;
      t.text = text.substr(start, i - start);
      for (const char ch : t.text) t.lower.push_back(static_cast<char>(ch | 0x20));
      for (const auto& w : kEnglishNumbers) {
        if (t.lower == w.word) {
          t.kind = Kind::number;
          t.value = w.value;
        }
      }
    } else if (c < 0x80) {
      ++i;  // other ASCII punctuation (%, &, ~): a space
      space_before = true;
      continue;
    } else {
      // A run of other characters up to a space, ASCII or mark: a Korean
      // word with its particles (digits split it: "규모4.2" reads as two).
      while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) {
        if (i > start && (mark(kStops) != 0 || mark(kBlanks) != 0)) break;
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
      }
      t.text = text.substr(start, i - start);
      for (const auto& w : kKoreanRough) {
        if (starts_with(t.text, w.word)) {
          // 수십명 → 20, then 명
          out.push_back(Token{Kind::number, t.text.substr(0, w.word.size()), {}, w.value, t.glued});
          t.text = t.text.substr(w.word.size());
          t.glued = true;
          break;
        }
      }
      if (t.text.empty()) {
        space_before = false;
        continue;
      }
    }
    // "three dozen": one figure.
    if (t.kind == Kind::number && (t.lower == "dozen" || t.lower == "dozens") && !out.empty() &&
        out.back().kind == Kind::number && out.back().value < 100) {
      out.back().value *= 12;
      space_before = false;
      continue;
    }
    out.push_back(std::move(t));
    space_before = false;
  }
  read_native_counts(out);
  return out;
}

template <size_t N>
bool any_prefix(std::string_view word, const std::array<std::string_view, N>& stems) {
  return std::any_of(stems.begin(), stems.end(),
                     [&](std::string_view s) { return starts_with(word, s); });
}

// English words after a figure that say what it counts.
Count english_after(const std::string& w) {
  static constexpr std::array<std::string_view, 8> dead = {
      "dead", "killed", "die", "died", "dies", "deaths", "fatalities", "perished"};
  static constexpr std::array<std::string_view, 8> hurt = {
      "injured", "hurt", "wounded", "injuries", "hospitali", "hospital", "treated", "casualties"};
  static constexpr std::array<std::string_view, 1> missing = {"missing"};
  // "forced 620 residents from their homes"
  static constexpr std::array<std::string_view, 9> evacuated = {
      "evacuat", "flee", "fled", "displaced", "homeless", "stranded", "homes", "rescued",
      "airlifted"};
  if (any_prefix(w, dead)) return Count::dead;
  if (any_prefix(w, hurt)) return Count::hurt;
  if (any_prefix(w, missing)) return Count::missing;
  if (any_prefix(w, evacuated)) return Count::evacuated;
  return Count::none;
}

// What a toll counts when it is not people: "killing thousands of fish",
// "kills 3,000 chickens".
bool english_animals(const std::string& w) {
  static constexpr std::array<std::string_view, 22> animals = {
      "fish",    "cattle",    "cows",    "pigs", "hogs", "chickens", "hens",  "ducks",
      "birds",   "poultry",   "livestock", "animals", "dogs", "cats", "sheep", "goats",
      "deer",    "whales",    "dolphins", "seals", "bees", "horses"};
  return std::find(animals.begin(), animals.end(), w) != animals.end();
}

// English verbs before a figure: "fire kills 2", "quake injures 23".
Count english_before(const std::string& w) {
  if (w == "kills" || w == "kill" || w == "killing" || w == "killed") return Count::dead;
  if (w == "injures" || w == "injuring" || w == "injure" || w == "hurts") return Count::hurt;
  if (w == "evacuates" || w == "evacuate" || w == "displaces") return Count::evacuated;
  return Count::none;
}

// Korean words after "N명": 숨지고, 사망, 부상, 다쳐, 실종, 대피 …
Count korean_after(std::string_view w) {
  static constexpr std::array<std::string_view, 4> dead = {"숨", "사망", "목숨", "희생"};
  static constexpr std::array<std::string_view, 6> hurt = {"부상", "다쳐", "다치", "다쳤",
                                                           "중상", "경상"};
  static constexpr std::array<std::string_view, 2> hurt2 = {"병원", "중경상"};
  static constexpr std::array<std::string_view, 2> missing = {"실종", "매몰"};
  // People rescued from a ship or a building were taken out of it (167명
  // 전원 구조): a rescue counts as an evacuation.
  static constexpr std::array<std::string_view, 9> evacuated = {
      "대피", "고립", "이재민", "구조됐", "구조돼", "구조했", "구조해", "구조된", "구출"};
  if (w == "구조") return Count::evacuated;
  if (any_prefix(w, dead)) return Count::dead;
  if (any_prefix(w, hurt) || any_prefix(w, hurt2)) return Count::hurt;
  if (any_prefix(w, missing)) return Count::missing;
  if (any_prefix(w, evacuated)) return Count::evacuated;
  return Count::none;
}

// Korean nouns before a figure: 사망자 3명, 부상자 41명으로.
Count korean_before(std::string_view w) {
  static constexpr std::array<std::string_view, 2> dead = {"사망자", "희생자"};
  static constexpr std::array<std::string_view, 4> hurt = {"부상자", "중상자", "경상자", "사상자"};
  static constexpr std::array<std::string_view, 1> missing = {"실종자"};
  static constexpr std::array<std::string_view, 2> evacuated = {"이재민", "대피자"};
  if (any_prefix(w, dead)) return Count::dead;
  if (any_prefix(w, hurt)) return Count::hurt;
  if (any_prefix(w, missing)) return Count::missing;
  if (any_prefix(w, evacuated)) return Count::evacuated;
  return Count::none;
}

bool is_korean(std::string_view w) { return !w.empty() && static_cast<unsigned char>(w[0]) >= 0x80; }

// English words a count may stand apart from its noun by: "2 people were
// killed", "at least 23 workers injured".
bool english_filler(const std::string& w) {
  static constexpr std::array<std::string_view, 37> words = {
      "people",   "persons",  "more",     "others",    "other",        "were",    "are",
      "have",     "been",     "workers",  "passengers", "crew",        "members", "residents",
      "students", "children", "tourists", "villagers", "firefighters", "miners",  "and",
      "later",    "taken",    "sent",     "to",      "from",         "their",
      // who they were: "3 S. Korean climbers missing", "2 Chinese fishermen dead"
      "climbers", "hikers",   "fishermen", "sailors",  "soldiers",     "fans",    "nationals",
      "guides",   "divers",   "spectators"};
  if (std::find(words.begin(), words.end(), w) != words.end()) return true;
  // Who they were by their country: the initials of "S. Korean", "N. Korean"
  // and "U.S.", and the peoples the wire's tolls name most.
  static constexpr std::array<std::string_view, 13> peoples = {
      "s.", "n.", "u.", "korean", "koreans", "chinese", "japanese", "american", "americans",
      "vietnamese", "filipino", "nepali", "foreign"};
  return std::find(peoples.begin(), peoples.end(), w) != peoples.end();
}

void note(ItemScale& s, Count what, double value) {
  const int n = static_cast<int>(std::min(value, 1e9));
  switch (what) {
    case Count::dead: s.dead = std::max(s.dead, n); break;
    case Count::hurt: s.hurt = std::max(s.hurt, n); break;
    case Count::missing: s.missing = std::max(s.missing, n); break;
    case Count::evacuated: s.evacuated = std::max(s.evacuated, n); break;
    case Count::none: break;
  }
}

// Korean words for two people: a couple, a mother and daughter … (80대
// 부부가 숨졌다).
bool korean_pair(std::string_view w) {
  static constexpr std::array<std::string_view, 7> pairs = {"부부", "모녀", "모자", "부자",
                                                            "부녀", "형제", "자매"};
  return any_prefix(w, pairs);
}

bool is_month(const std::string& w) {
  static constexpr std::array<std::string_view, 21> months = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
      "nov"};
  return std::find(months.begin(), months.end(), w) != months.end();
}

// A year: "2029년", "in 2029", "July 2029", "June 5, 2029".
bool is_year(const std::vector<Token>& t, size_t i) {
  const Token& n = t[i];
  if (n.kind != Kind::number || n.text.size() != 4 || n.value < 1950 || n.value > 2100) {
    return false;
  }
  if (i + 1 < t.size() && t[i + 1].glued && starts_with(t[i + 1].text, "년")) return true;
  if (i == 0) return false;
  const std::string& before = t[i - 1].lower;
  if (before == "in" || before == "of" || before == "since" || is_month(before)) return true;
  return t[i - 1].text == "," && i >= 3 && t[i - 2].kind == Kind::number && is_month(t[i - 3].lower);
}

// The tokens of sentences that name a year: copy dates a disaster only when
// it is an old one ("the July 2029 flood that killed five", "2029년 7월 폭우 때
// 5명이 숨진 지하차도 사고 이후"), and its toll is background.
std::vector<bool> dated_sentences(const std::vector<Token>& t) {
  std::vector<bool> dated(t.size(), false);
  size_t start = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i < t.size() && !(t[i].kind == Kind::stop && t[i].text == ".")) continue;
    bool year = false;
    for (size_t j = start; j < i && !year; ++j) year = is_year(t, j);
    if (year) std::fill(dated.begin() + static_cast<std::ptrdiff_t>(start),
                        dated.begin() + static_cast<std::ptrdiff_t>(i), true);
    start = i + 1;
  }
  return dated;
}

// One death told without a figure: "a tourist was killed", "a woman died",
// "김모(63)씨가 숨지고" — unless it is denied ("no one was killed").
bool single_death(const std::vector<Token>& t, size_t i) {
  const Token& w = t[i];
  if (w.kind != Kind::word) return false;
  if (is_korean(w.text)) {
    static constexpr std::array<std::string_view, 4> died = {"숨지", "숨져", "숨졌", "숨진"};
    return any_prefix(w.text, died) && i >= 1 && t[i - 1].kind == Kind::word &&
           is_korean(t[i - 1].text);
  }
  if (w.lower != "killed" && w.lower != "died" && w.lower != "dies") return false;
  for (size_t back = 1; back <= 4 && i >= back; ++back) {
    const Token& b = t[i - back];
    if (b.kind == Kind::stop) break;
    if (b.lower == "no" || b.lower == "not" || b.lower == "nobody" || b.lower == "none" ||
        b.lower == "without" || b.lower == "never") {
      return false;
    }
  }
  return true;
}

// The people a ship, a train or a plane carries, when a figure at `i` says
// so: "186 aboard", "146 people on board", "carrying 186 people"; else 0.
double people_aboard(const std::vector<Token>& t, size_t i) {
  if (t[i].kind != Kind::number) return 0;
  if (i >= 1 && (t[i - 1].lower == "carrying" || t[i - 1].lower == "carried")) return t[i].value;
  for (size_t j = i + 1; j < t.size() && j <= i + 4; ++j) {
    if (t[j].kind != Kind::word) break;
    const std::string& w = t[j].lower;
    if (w == "aboard" || (w == "on" && j + 1 < t.size() && t[j + 1].lower == "board")) {
      return t[i].value;
    }
    if (w != "people" && w != "passengers" && w != "crew" && w != "members" && w != "and") break;
  }
  return 0;
}

// "all evacuated", "everyone on board was rescued": the word at `i` takes
// people out, and "all" or "everyone" stands up to six words before it in
// its sentence.
bool all_taken_out(const std::vector<Token>& t, size_t i) {
  if (t[i].kind != Kind::word || is_korean(t[i].text) ||
      english_after(t[i].lower) != Count::evacuated) {
    return false;
  }
  for (size_t back = 1; back <= 6 && i >= back; ++back) {
    const Token& b = t[i - back];
    if (b.kind == Kind::stop && b.text == ".") break;
    if (b.lower == "all" || b.lower == "everyone" || b.lower == "everybody") return true;
  }
  return false;
}

void read_tokens(const std::vector<Token>& t, ItemScale& item) {
  // Counts of a dated sentence go to a scale of their own, left unread.
  const std::vector<bool> dated = dated_sentences(t);
  ItemScale background;
  // The people aboard that the sentence so far has named: "a ferry with 186
  // aboard …, all evacuated" is an evacuation of 186 (tagging-blind84).
  double aboard = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    ItemScale& s = dated[i] ? background : item;
    if (t[i].kind == Kind::stop && t[i].text == ".") aboard = 0;
    aboard = std::max(aboard, people_aboard(t, i));
    if (aboard > 0 && all_taken_out(t, i)) note(s, Count::evacuated, aboard);
    if (single_death(t, i)) note(s, Count::dead, 1);
    if (t[i].kind == Kind::word && korean_pair(t[i].text)) {
      for (size_t j = i + 1; j < t.size() && j <= i + 2; ++j) {
        if (t[j].kind != Kind::word) break;
        if (const Count what = korean_after(t[j].text); what != Count::none) {
          note(s, what, 2);
          break;
        }
      }
    }
    if (t[i].kind == Kind::word && (t[i].lower == "magnitude" || t[i].text == "규모") &&
        i + 1 < t.size() && t[i + 1].kind == Kind::number) {
      s.magnitude = std::max(s.magnitude, t[i + 1].value);
    }
    if (t[i].kind != Kind::number) continue;
    const double v = t[i].value;
    // "4.3-magnitude"
    if (i + 1 < t.size() && t[i + 1].lower == "magnitude") {
      s.magnitude = std::max(s.magnitude, v);
      continue;
    }
    // Korean: N명 / N여명 / N 명, then what happened to them.
    if (i + 1 < t.size() && t[i + 1].kind == Kind::word && is_korean(t[i + 1].text)) {
      std::string_view unit = t[i + 1].text;
      size_t after = i + 2;  // the word after the unit
      if (starts_with(unit, "여")) unit.remove_prefix(std::string_view("여").size());
      // "10여 명": the unit a word of its own after 여.
      if (unit.empty() && after < t.size() && t[after].kind == Kind::word) unit = t[after++].text;
      if (!starts_with(unit, "명")) continue;
      Count what = Count::none;
      for (size_t j = after; j < t.size() && j <= after + 1 && what == Count::none; ++j) {
        if (t[j].kind != Kind::word) break;
        what = korean_after(t[j].text);
      }
      for (size_t back = 1; back <= 2 && i >= back && what == Count::none; ++back) {
        if (t[i - back].kind != Kind::word) break;
        what = korean_before(t[i - back].text);
      }
      note(s, what, v);
      continue;
    }
    // "No one killed": a figure denied.
    if (t[i].lower == "one" && i >= 1 && t[i - 1].lower == "no") continue;
    // "All 48 aboard killed", "all 48 people on board the plane were
    // killed", "kills all 48 aboard": what befell everyone a craft carried,
    // told after them in their clause or by the verb before "all".
    if (i >= 1 && t[i - 1].lower == "all" && people_aboard(t, i) > 0) {
      Count fate = Count::none;
      for (size_t j = i + 1; j < t.size() && j <= i + 20 && fate == Count::none; ++j) {
        if (t[j].kind == Kind::stop) break;
        if (t[j].kind != Kind::word) continue;
        const Count c = english_after(t[j].lower);
        if (c != Count::hurt) fate = c;
      }
      if (fate == Count::none && i >= 2) fate = english_before(t[i - 2].lower);
      if (fate != Count::none) {
        note(s, fate, v);
        continue;
      }
    }
    // English: the noun after, the verb before, or a death toll "rises to N".
    Count what = Count::none;
    for (size_t j = i + 1; j < t.size() && j <= i + 4 && what == Count::none; ++j) {
      if (t[j].kind != Kind::word) break;
      what = english_after(t[j].lower);
      if (what == Count::none && !english_filler(t[j].lower)) break;
    }
    // "killing thousands of fish": the noun after the figure is no one's.
    size_t noun = i + 1;
    if (noun < t.size() && t[noun].lower == "of") ++noun;
    // "300,000 farmed fish": one word may stand before the animals.
    const auto animal_at = [&](size_t k) {
      return k < t.size() && t[k].kind == Kind::word && english_animals(t[k].lower);
    };
    const bool animals = animal_at(noun) || animal_at(noun + 1);
    for (size_t back = 1; back <= 3 && i >= back && what == Count::none && !animals; ++back) {
      const Token& b = t[i - back];
      if (b.kind != Kind::word) break;
      what = english_before(b.lower);
      if (b.lower != "at" && b.lower != "least" && b.lower != "about" && b.lower != "some" &&
          b.lower != "nearly" && b.lower != "over" && b.lower != "more" && b.lower != "than") {
        break;
      }
    }
    size_t to = i;  // "toll rises to (at least) N"
    while (to >= 1 && (t[to - 1].lower == "at" || t[to - 1].lower == "least")) --to;
    if (what == Count::none && to >= 1 && t[to - 1].lower == "to") {
      // "The death toll from a 30-vehicle pileup on an icy expressway
      // southeast of Seoul rose to three": after a verb of rising the toll
      // may stand a long clause back in its sentence.
      static constexpr std::array<std::string_view, 9> rising = {
          "rises", "rose", "risen", "rise", "climbs", "climbed", "jumps", "jumped", "increased"};
      const bool rose = to >= 2 && std::find(rising.begin(), rising.end(), t[to - 2].lower) !=
                                       rising.end();
      const size_t reach = rose ? 20 : 8;
      for (size_t back = i - to + 2; back <= i - to + reach && i >= back; ++back) {
        if (t[i - back].kind == Kind::stop) break;
        if (t[i - back].lower == "toll") {
          what = back + 1 <= i && t[i - back - 1].lower == "injury" ? Count::hurt : Count::dead;
          break;
        }
      }
    }
    note(s, what, v);
  }
}

}  // namespace

ItemScale read_scale(std::string_view headline, std::string_view lead) {
  ItemScale s;
  read_tokens(tokenize(headline), s);
  read_tokens(tokenize(lead), s);
  return s;
}

std::string_view opening(std::string_view body) {
  const size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  body.remove_prefix(start);
  const bool blank_lines = body.find("\n\n") != std::string_view::npos;
  const std::string_view sep = blank_lines ? "\n\n" : "\n";
  size_t end = body.find(sep);
  if (end != std::string_view::npos) end = body.find(sep, end + sep.size());
  return end == std::string_view::npos ? body : body.substr(0, end);
}

}  // namespace wiredesk
