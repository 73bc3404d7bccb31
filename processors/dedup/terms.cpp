#include "processors/dedup/terms.hpp"

// Inlined: hashing a shingle or a token of a few bytes is mostly call and
// setup overhead; the hash values are the same.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <numeric>
#include <string>
#include <unordered_map>

#include "processors/core/bytes.hpp"
#include "processors/core/utf8.hpp"
#include "processors/dedup/names.hpp"
#include "processors/dedup/short_words.hpp"

namespace wiredesk {

namespace {

using std::string_view_literals::operator""sv;

constexpr uint32_t kNumberTag = 0x8000'0000u;
constexpr uint32_t kLongNumberTag = 0xC000'0000u;  // a number of two digits or more
constexpr uint32_t kConceptTag = 0x4000'0000u;
constexpr uint32_t kValueMask = 0x3FFF'FFFFu;
// In a packed term list, ends the flash's headline words (no word hashes to it).
constexpr uint32_t kHeadlineEnd = kValueMask;

uint32_t hash32(std::string_view s) {
  const uint32_t h = static_cast<uint32_t>(XXH3_64bits(s.data(), s.size())) & kValueMask;
  return h == kHeadlineEnd ? h - 1 : h;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Sorts `v` and drops repeats. A whole story's terms run to hundreds:
// an LSD radix sort (four byte-wide passes, a pass skipped when every value
// shares its byte) takes a third of std::sort's time there.
void sort_unique(std::vector<uint32_t>& v) {
  if (v.size() < 128) {
    std::sort(v.begin(), v.end());
  } else {
    thread_local std::vector<uint32_t> spare;
    spare.resize(v.size());
    uint32_t* from = v.data();
    uint32_t* to = spare.data();
    const size_t n = v.size();
    for (int shift = 0; shift < 32; shift += 8) {
      std::array<uint32_t, 256> count{};
      for (size_t i = 0; i < n; ++i) ++count[(from[i] >> shift) & 0xFF];
      if (count[(from[0] >> shift) & 0xFF] == n) continue;
      uint32_t at = 0;
      for (uint32_t& c : count) {
        const uint32_t k = c;
        c = at;
        at += k;
      }
      for (size_t i = 0; i < n; ++i) to[count[(from[i] >> shift) & 0xFF]++] = from[i];
      std::swap(from, to);
    }
    if (from != v.data()) std::copy(from, from + n, v.data());
  }
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Code points of a UTF-8 token (valid UTF-8: normalize output), into `out`.
void code_points(std::string_view s, std::vector<std::string_view>& out) {
  out.clear();
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, std::min(n, s.size() - i)));
    i += n;
  }
}

bool is_hangul(std::string_view cp) { return cp.size() == 3 && utf8::hangul_syllable_at(cp, 0); }

// Headline Hanja that stand for a word.
std::string_view hanja_word(std::string_view cp) {
  static const ShortWords kHanja = {"北"sv, "南"sv, "美"sv, "日"sv, "中"sv, "韓"sv, "露"sv,
                                    "英"sv, "獨"sv, "佛"sv, "與"sv, "野"sv, "軍"sv, "檢"sv,
                                    "警"sv, "尹"sv, "李"sv, "金"sv, "核"sv, "靑"sv};
  static constexpr std::string_view kWords[] = {
      "북한"sv, "남한"sv, "미국"sv, "일본"sv, "중국"sv, "한국"sv, "러시아"sv,
      "영국"sv, "독일"sv, "프랑스"sv, "여당"sv, "야당"sv, "군대"sv, "검찰"sv,
      "경찰"sv, "윤석"sv, "이재"sv, "김정"sv, "핵무"sv, "청와"sv};
  const int i = kHanja.index_of(cp);
  return i < 0 ? std::string_view() : kWords[i];
}

bool is_stop_word(std::string_view w) {
  static const ShortWords kStop = {
      "a"sv,      "an"sv,    "the"sv,   "of"sv,     "in"sv,    "on"sv,     "to"sv,    "for"sv,
      "at"sv,     "by"sv,    "with"sv,  "from"sv,   "into"sv,  "toward"sv, "towards"sv,
      "and"sv,    "or"sv,    "as"sv,    "is"sv,     "was"sv,   "are"sv,    "were"sv,  "be"sv,
      "been"sv,   "has"sv,   "have"sv,  "had"sv,    "that"sv,  "this"sv,   "its"sv,   "it"sv,
      "said"sv,   "says"sv,  "say"sv,   "after"sv,  "over"sv,  "about"sv,  "than"sv,  "but"sv,
      "not"sv,    "no"sv,    "his"sv,   "her"sv,    "their"sv, "they"sv,   "he"sv,    "she"sv,
      "will"sv,   "would"sv, "could"sv, "may"sv,    "also"sv,  "more"sv,   "up"sv,    "out"sv,
      "off"sv,    "amid"sv,  "against"sv, "according"sv, "which"sv, "who"sv, "while"sv,
      "monday"sv, "tuesday"sv, "wednesday"sv, "thursday"sv, "friday"sv, "saturday"sv,
      "sunday"sv, "early"sv, "morning"sv, "afternoon"sv, "evening"sv, "night"sv, "today"sv,
      "yonhap"sv, "urgent"sv, "breaking"sv, "end"sv,
      // Korean function words and reporting verbs (first two syllables).
      "밝혔"sv,   "말했"sv,  "전했"sv,  "했다"sv,   "있다"sv,  "이날"sv,   "오전"sv,  "오후"sv,
      "지난"sv,   "이번"sv,  "관련"sv,  "대해"sv,   "대한"sv,  "위해"sv,   "따르"sv,  "것으"sv,
      "것이"sv,   "것은"sv,  "있는"sv,  "했다고"sv, "연합"sv,  "기자"sv,   "속보"sv,  "그러"sv,
      "하지"sv,   "또한"sv,  "이어"sv,  "한편"sv};
  return kStop.contains(w);
}

// "two" → "2": English copy spells out small numbers that Korean writes in
// digits. "one" stays a word (one of, no one).
std::string_view number_word(std::string_view w) {
  static const ShortWords kWords = {"two"sv,   "three"sv, "four"sv,  "five"sv,
                                    "six"sv,   "seven"sv, "eight"sv, "nine"sv,
                                    "ten"sv,   "eleven"sv, "twelve"sv};
  static constexpr std::string_view kDigits[] = {"2"sv, "3"sv, "4"sv,  "5"sv,  "6"sv, "7"sv,
                                                 "8"sv, "9"sv, "10"sv, "11"sv, "12"sv};
  const int i = kWords.index_of(w);
  return i < 0 ? std::string_view() : kDigits[i];
}

// Whether w is longer than suffix s and ends with it (compared in place: the
// stemmer asks for up to eight suffixes a word).
bool ends_with(std::string_view w, std::string_view s) {
  return w.size() > s.size() && bytes::ends_with(w, s);
}

// A light suffix stripper for English news words: fires, fired, firing →
// fir; launches, launched → launch; killed → kill. Both sides of every
// comparison go through it, so its stems need not be words. A stem is a
// prefix of the word, with a 'y' after it when "ies" went (cities → city).
struct Stem {
  std::string_view prefix;
  bool y = false;
};

// The rules, first match wins: -ies → -y (words of 5 letters or more);
// -ing (6 or more); -ed (5 or more); -ches, -shes, -sses, -xes lose "es" (5
// or more); -s but not -ss or -us (4 or more). Then a final -e goes (when 4
// letters or more remain). A rule needs the word's last letter, so that
// letter picks the rules to try.
Stem stem_of(std::string_view w) {
  Stem s{w};
  std::string_view& p = s.prefix;
  const size_t n = p.size();
  if (n > 3) {
    switch (p.back()) {
      case 's':
        if (n > 4 && ends_with(p, "ies")) {
          p.remove_suffix(3);
          s.y = true;
          return s;  // ends in 'y': the final 'e' rule below cannot apply
        }
        if (n > 4 && (ends_with(p, "ches") || ends_with(p, "shes") || ends_with(p, "sses") ||
                      ends_with(p, "xes"))) {
          p.remove_suffix(2);
        } else if (!ends_with(p, "ss") && !ends_with(p, "us")) {
          p.remove_suffix(1);
        }
        break;
      case 'g':
        if (n > 5 && ends_with(p, "ing")) p.remove_suffix(3);
        break;
      case 'd':
        if (n > 4 && ends_with(p, "ed")) p.remove_suffix(2);
        break;
      default:
        break;
    }
  }
  if (p.size() > 3 && p.back() == 'e') p.remove_suffix(1);
  return s;
}

std::string stem(std::string_view w) {
  const Stem s = stem_of(w);
  std::string out(s.prefix);
  if (s.y) out.push_back('y');
  return out;
}

// hash32(stem(w)) without building the string.
uint32_t stem_hash(std::string_view w) {
  const Stem s = stem_of(w);
  if (!s.y) return hash32(s.prefix);
  char bytes[64];
  if (s.prefix.size() >= sizeof bytes) return hash32(stem(w));
  std::memcpy(bytes, s.prefix.data(), s.prefix.size());
  bytes[s.prefix.size()] = 'y';
  return hash32(std::string_view(bytes, s.prefix.size() + 1));
}

// -------------------------------------------------------------- glossary

struct Concept {
  std::string_view ko;  // space-separated Hangul keys (first two syllables of a word)
  std::string_view en;  // comma-separated English words or two-word phrases
};

// Breaking-news vocabulary of a Korean wire in both languages. Concept ids
// are positions in this table, then the places of places.inc (below): new
// entries go at the end, so that a flash's terms read back from the index
// topic keep their meaning.
constexpr std::array<Concept, 94> kGlossary{{
    {"북한", "north korea,pyongyang,dprk"},
    {"남한 한국", "south korea"},
    {"미사", "missile,missiles"},
    {"탄도", "ballistic"},
    {"순항", "cruise"},
    {"발사 쏘아", "launch,launches,fire,fires,fired"},
    {"동해", "east sea"},
    {"서해", "yellow sea,west sea"},
    {"합참 합동", "jcs,joint chiefs"},
    {"국방", "defense,defence"},
    {"지진", "earthquake,quake"},
    {"규모", "magnitude"},
    {"여진", "aftershock"},
    {"해일 쓰나", "tsunami"},
    {"태풍", "typhoon"},
    {"화재 불길 산불 불", "fire,blaze,wildfire"},
    {"폭발", "explosion,blast"},
    {"사망 숨져 숨진 숨졌 사상", "dead,death,killed,kill,died,dies,die,toll"},
    {"부상 다쳐 다친", "injured,injuries,wounded"},
    {"실종", "missing"},
    {"추락", "crash,crashed,crashes"},
    {"침몰 전복", "sank,sink,sinks,capsized"},
    {"선박 어선 여객 유조", "ship,vessel,boat,ferry,tanker"},
    {"열차 기차", "train"},
    {"대피", "evacuated,evacuation,evacuate"},
    {"예산", "budget"},
    {"국회", "national assembly,parliament,assembly"},
    {"통과 가결", "passed,passes,approved,approves"},
    {"본회", "plenary"},
    {"대통", "president,presidential"},
    {"총리", "prime minister,premier"},
    {"장관", "minister"},
    {"정상", "summit"},
    {"회담", "talks"},
    {"징역 실형", "prison,jail"},
    {"선고", "sentenced,sentence"},
    {"법원 지법 고법 대법", "court"},
    {"구속 체포", "arrested,arrest,detained,detention"},
    {"무죄", "acquitted,acquittal"},
    {"벌금 추징", "fine,fined,forfeit,forfeiture"},
    {"사퇴 사임", "resign,resigned,resigns,resignation"},
    {"탄핵", "impeachment,impeach,impeached"},
    {"선거 당선", "election,elected"},
    {"금리", "rate,rates"},
    {"한은 한국은", "bank of korea,bok"},
    {"핵실 핵무 핵미", "nuclear"},
    {"위성", "satellite"},
    {"드론 무인", "drone,drones"},
    {"방사 해안 포사 포탄", "artillery,rocket,rockets,shells"},
    {"일본", "japan,japanese,tokyo"},
    {"중국", "china,chinese,beijing"},
    {"미국", "u s,united states,washington"},
    {"러시", "russia,russian,moscow"},
    {"트럼", "trump"},
    {"김정", "kim jong"},
    {"파업", "strike,walkout"},
    {"폭우 호우 폭설", "rain,downpour,snow,snowfall"},
    {"경북", "north gyeongsang"},
    {"귀순 탈북", "defect,defected,defection,defector"},
    {"군사 분계", "demarcation,mdl"},
    {"병사 장병 군인", "soldier,soldiers,troops"},
    {"전선 접경", "border,frontline,front"},
    {"정전", "blackout,outage"},
    {"전력 전기", "power,electricity"},
    {"변전", "substation"},
    {"인하", "cut,cuts,lowered"},
    {"인상", "raise,raised,hike,hiked"},
    {"동결", "froze,freeze,unchanged"},
    {"기준", "benchmark,base"},
    {"헌재 헌법", "constitutional"},
    {"위헌", "unconstitutional"},
    {"결정 판결 판단", "ruled,ruling,decision"},
    {"해킹 사이버", "hack,hacking,cyberattack,cyber"},
    {"은행", "bank,banks"},
    {"창고 물류", "warehouse,logistics"},
    {"여객선 카페리", "ferry,passenger"},
    {"전복 뒤집", "capsized,capsizes,overturned"},
    {"구조", "rescue,rescued"},
    {"버스", "bus"},
    {"누출 유출", "leak,leaked,leaking"},
    {"제재", "sanction,sanctions,sanctioned"},
    {"독자", "unilateral,independent"},
    {"지정", "designated,designation"},
    {"개인", "individual,individuals"},
    {"기관 단체", "entity,entities,organization,organizations"},
    {"해커 해킹", "hacker,hackers"},
    {"외교", "foreign ministry,diplomatic"},
    {"정부", "government"},
    {"산불", "wildfire,forest fire"},
    {"진화", "extinguished,contained,firefighters"},
    {"화학", "chemical,chemicals,petrochemical"},
    {"공장", "plant,plants,factory,factories"},
    {"탈선", "derailed,derails,derail,derailment"},
    {"작업 근로", "worker,workers"},
}};

// Concept ids from here on are places.inc's places, by their number there.
constexpr uint32_t kPlaceConcepts = kGlossary.size();

struct GlossaryIndex {
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_term;    // term hash → concept ids
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_phrase;  // (stem, stem) → concept ids
};

uint64_t phrase_key(uint32_t a, uint32_t b) { return (uint64_t{a} << 32) | b; }

const GlossaryIndex& glossary() {
  static const GlossaryIndex index = [] {
    GlossaryIndex g;
    for (uint32_t id = 0; id < kGlossary.size(); ++id) {
      std::string_view ko = kGlossary[id].ko;
      while (!ko.empty()) {
        const size_t sp = ko.find(' ');
        g.by_term[hash32(ko.substr(0, sp))].push_back(id);
        if (sp == std::string_view::npos) break;
        ko.remove_prefix(sp + 1);
      }
      std::string_view en = kGlossary[id].en;
      while (!en.empty()) {
        const size_t comma = en.find(',');
        const std::string_view entry = en.substr(0, comma);
        const size_t sp = entry.find(' ');
        if (sp == std::string_view::npos) {
          g.by_term[hash32(stem(entry))].push_back(id);
        } else {
          g.by_phrase[phrase_key(hash32(stem(entry.substr(0, sp))),
                                 hash32(stem(entry.substr(sp + 1))))]
              .push_back(id);
        }
        if (comma == std::string_view::npos) break;
        en.remove_prefix(comma + 1);
      }
    }
    // A town, island or complex of places.inc names itself in both
    // languages (the Siheung plant, 여수 앞바다): unless its Hangul name
    // alone is also an ordinary word (대전, 구미), or longer than the two
    // syllables the Hangul keys hold (의정부 would be 의정, legislative).
    const std::span<const ListedPlace> places = listed_places();
    for (uint32_t i = 0; i < places.size(); ++i) {
      const ListedPlace& p = places[i];
      if (p.ordinary_word || p.hangul.size() != 6) continue;
      const uint32_t id = kPlaceConcepts + i;
      g.by_term[hash32(p.hangul)].push_back(id);
      g.by_term[hash32(stem(p.latin))].push_back(id);
    }
    return g;
  }();
  return index;
}

bool is_compass_direction(std::string_view w) {
  static constexpr std::string_view kDirections[] = {
      "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"};
  return std::find(std::begin(kDirections), std::end(kDirections), w) != std::end(kDirections);
}

// -------------------------------------------------------------- extraction

enum class Side { flash, story };

class Extractor {
 public:
  explicit Extractor(Side side) : side_(side) {}

  // Whether the text added from now on names places as concepts: a flash's
  // headline does, the sentence an (URGENT) adds under it does not (a town
  // it names in passing is no evidence of the event's).
  void places(bool on) { places_ = on; }

  void add_text(std::string_view normalized) {
    uint32_t previous = 0;  // stem hash of the previous Latin word, for phrases
    size_t start = 0;
    std::string_view before;  // the previous raw token
    // The token at or after `from`, `from` moved past it; empty at the end.
    auto next_token = [&](size_t& from) {
      while (from < normalized.size() && normalized[from] == ' ') ++from;
      if (from >= normalized.size()) return std::string_view();
      size_t end = normalized.find(' ', from);
      if (end == std::string_view::npos) end = normalized.size();
      const std::string_view t = normalized.substr(from, end - from);
      from = end;
      return t;
    };
    for (std::string_view token; !(token = next_token(start)).empty();) {
      // A place's distance from the capital ("300 kilometers southeast of
      // Seoul") locates it for a foreign reader, a flash as its story may
      // not: no figure of the event (an epicenter's distance from a county
      // is one).
      if (is_digit(token.front()) && token.find_first_not_of("0123456789,.") == token.npos) {
        size_t at = start;
        const std::string_view unit = next_token(at);
        const std::string_view direction = next_token(at);
        if ((unit == "kilometers" || unit == "km" || unit == "miles") &&
            is_compass_direction(direction) && next_token(at) == "of" &&
            next_token(at).starts_with("seoul")) {
          before = token;
          previous = 0;
          continue;
        }
      }
      add_token(token, before, previous);
      before = token;
    }
  }

  TermSet take() {
    sort_unique(terms_.words);
    sort_unique(terms_.numbers);
    sort_unique(terms_.concepts);
    return std::move(terms_);
  }

 private:
  void add_concepts(uint32_t term) {
    const auto& g = glossary();
    if (auto it = g.by_term.find(term); it != g.by_term.end()) {
      for (const uint32_t id : it->second) {
        if (id < kPlaceConcepts || places_) terms_.concepts.push_back(id);
      }
    }
  }

  void add_number(std::string_view digits) {
    const bool long_number = digits.size() >= 2;
    terms_.numbers.push_back(hash32(digits) | (long_number ? kLongNumberTag : kNumberTag));
    terms_.long_number |= long_number;
  }

  void add_word(uint32_t h) {
    terms_.words.push_back(h);
    add_concepts(h);
  }

  void add_hangul(const std::vector<std::string_view>& cps, size_t from, size_t to) {
    // [from, to) is a run of Hangul syllables: adjacent in the token, so a
    // pair is the bytes from one syllable's start to the next one's end.
    if (to - from < 2) {
      // 불 alone is a fire ("공장서 불…"); no word of the lists is one syllable.
      if (to - from == 1 && cps[from] == "불") add_concepts(hash32(cps[from]));
      return;
    }
    auto pair = [&](size_t i) {
      return std::string_view(cps[i].data(), cps[i].size() + cps[i + 1].size());
    };
    const std::string_view first = pair(from);
    if (is_stop_word(first)) return;
    if (side_ == Side::flash) {
      add_word(hash32(first));
      return;
    }
    for (size_t i = from; i + 1 < to; ++i) add_word(hash32(pair(i)));
  }

  void add_token(std::string_view token, std::string_view before, uint32_t& previous) {
    // Numbers: every run of digits. A Korean day of the month (17일) goes:
    // the English copy carries it in the dateline, which normalization cuts.
    bool has_digit = false;
    for (size_t i = 0; i < token.size();) {
      if (!is_digit(token[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < token.size() && is_digit(token[j])) ++j;
      has_digit = true;
      const std::string_view digits = token.substr(i, j - i);
      // 17일 is the 17th (the English copy has it in its dateline); 68일 is
      // 68 days, a fact.
      const bool day = token.substr(j).starts_with("일") && j - i <= 2 &&
                       std::accumulate(digits.begin(), digits.end(), 0, [](int n, char c) {
                         return n * 10 + (c - '0');
                       }) <= 31;
      if (!day && digits != "1") add_number(digits);
      i = j;
    }
    if (has_digit) {  // 2년을, 3억원, 52km: the number is the term, the unit is not
      previous = 0;
      return;
    }
    // A code point of three bytes or more (Hangul, Hanja) starts with a byte
    // of 0xE0 or more; Latin tokens skip splitting into code points.
    const bool hangul_or_hanja = std::any_of(token.begin(), token.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0xE0;
    });
    if (hangul_or_hanja) {
      std::vector<std::string_view>& cps = cps_;
      code_points(token, cps);
      previous = 0;
      size_t run = 0;
      for (size_t i = 0; i <= cps.size(); ++i) {
        const bool syllable = i < cps.size() && is_hangul(cps[i]);
        if (syllable) continue;
        add_hangul(cps, run, i);
        if (i < cps.size()) {
          if (const std::string_view word = hanja_word(cps[i]); !word.empty()) {
            add_word(hash32(word.substr(0, 6)));  // its first two syllables
          }
        }
        run = i + 1;
      }
      return;
    }
    // Latin: "n korea" is North Korea, "s korea" South Korea.
    std::string_view word = token;
    if (const std::string_view digits = number_word(word); !digits.empty()) {
      add_number(digits);
      previous = 0;
      return;
    }
    if (word == "n" || word == "s" || word == "u") {
      if (word == "s" && before == "u") add_phrase(previous, hash32("s"));  // U.S.
      previous = word == "u" ? hash32("u") : 0;
      return;
    }
    if (word == "korea" && (before == "n" || before == "s")) {
      const uint32_t h = stem_hash(before == "n" ? "north"sv : "south"sv);
      add_phrase(previous, h);
      add_word(h);
      previous = h;
    }
    if (is_stop_word(word) || word.size() < 2) {
      previous = 0;
      return;
    }
    const uint32_t h = stem_hash(word);
    add_phrase(previous, h);
    add_word(h);
    previous = h;
  }

  void add_phrase(uint32_t first, uint32_t second) {
    if (first == 0) return;
    const auto& g = glossary();
    if (auto it = g.by_phrase.find(phrase_key(first, second)); it != g.by_phrase.end()) {
      terms_.concepts.insert(terms_.concepts.end(), it->second.begin(), it->second.end());
    }
  }

  Side side_;
  bool places_ = true;
  TermSet terms_;
  std::vector<std::string_view> cps_;  // scratch: the code points of a token
};

// How many of a's values b holds, compared under `mask`: concepts compare
// without their tag, which a packed list keeps.
size_t count_in(std::span<const uint32_t> a, std::span<const uint32_t> b,
                uint32_t mask = ~uint32_t{0}) {
  const auto less = [mask](uint32_t x, uint32_t y) { return (x & mask) < (y & mask); };
  size_t n = 0;
  for (const uint32_t v : a) n += std::binary_search(b.begin(), b.end(), v, less) ? 1 : 0;
  return n;
}

}  // namespace

TermSet flash_terms(const NormalizedItem& item) {
  Extractor head(Side::flash);
  head.add_text(item.headline);
  const TermSet headline = head.take();
  Extractor x(Side::flash);
  x.add_text(item.headline);
  x.places(false);
  if (!item.paragraphs.empty()) x.add_text(item.paragraphs.front());
  TermSet all = x.take();
  all.headline_words = headline.words;
  return all;
}

TermSet opening_terms(const NormalizedItem& item, size_t paragraphs) {
  Extractor x(Side::story);
  x.add_text(item.headline);
  for (size_t i = 0; i < item.paragraphs.size() && i < paragraphs; ++i) {
    x.add_text(item.paragraphs[i]);
  }
  return x.take();
}

TermSet extend_terms(const TermSet& opening, const NormalizedItem& item, size_t from) {
  if (item.paragraphs.size() <= from) return opening;
  Extractor x(Side::story);
  for (size_t i = from; i < item.paragraphs.size(); ++i) x.add_text(item.paragraphs[i]);
  TermSet more = x.take();
  // Both sorted and unique: their union is too.
  const auto unite = [](const std::vector<uint32_t>& a, std::vector<uint32_t>& b) {
    std::vector<uint32_t> out;
    out.reserve(a.size() + b.size());
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    b = std::move(out);
  };
  unite(opening.words, more.words);
  unite(opening.numbers, more.numbers);
  unite(opening.concepts, more.concepts);
  more.long_number |= opening.long_number;
  return more;
}

TermSet headline_terms(const NormalizedItem& item) {
  Extractor x(Side::story);
  x.add_text(item.headline);
  return x.take();
}

double word_coverage(const TermView& a, const TermView& b) {
  if (a.words.empty()) return 0;
  return static_cast<double>(count_in(a.words, b.words)) / static_cast<double>(a.words.size());
}

double headline_coverage(const TermView& flash, const TermView& b) {
  if (flash.headline_words.empty()) return 0;
  return static_cast<double>(headline_words_found(flash, b)) /
         static_cast<double>(flash.headline_words.size());
}

size_t headline_words_found(const TermView& flash, const TermView& b) {
  return count_in(flash.headline_words, b.words);
}

size_t words_found(const TermView& a, const TermView& b) { return count_in(a.words, b.words); }

double concept_coverage(const TermView& a, const TermView& b) {
  if (a.concepts.empty()) return 0;
  return static_cast<double>(count_in(a.concepts, b.concepts, kValueMask)) /
         static_cast<double>(a.concepts.size());
}

bool place_concept_shared(const TermView& a, const TermView& b) {
  return std::any_of(a.concepts.begin(), a.concepts.end(), [&](uint32_t v) {
    return (v & kValueMask) >= kPlaceConcepts &&
           std::binary_search(b.concepts.begin(), b.concepts.end(), v, [](uint32_t x, uint32_t y) {
             return (x & kValueMask) < (y & kValueMask);
           });
  });
}

size_t numbers_missing(const TermView& a, const TermView& b) {
  return a.numbers.size() - count_in(a.numbers, b.numbers);
}

std::vector<uint32_t> pack_terms(const TermSet& t) {
  std::vector<uint32_t> out;
  out.reserve(t.headline_words.size() + 1 + t.words.size() + t.numbers.size() + t.concepts.size());
  out.insert(out.end(), t.headline_words.begin(), t.headline_words.end());
  out.push_back(kHeadlineEnd);
  out.insert(out.end(), t.words.begin(), t.words.end());
  out.insert(out.end(), t.numbers.begin(), t.numbers.end());
  for (const uint32_t c : t.concepts) out.push_back(c | kConceptTag);
  return out;
}

TermSet unpack_terms(const std::vector<uint32_t>& packed) {
  TermSet t;
  const bool has_headline =
      std::find(packed.begin(), packed.end(), kHeadlineEnd) != packed.end();
  bool in_headline = has_headline;
  for (const uint32_t v : packed) {
    if (v == kHeadlineEnd) {
      in_headline = false;
    } else if (in_headline) {
      t.headline_words.push_back(v);
    } else if (v & kNumberTag) {
      t.numbers.push_back(v);
      t.long_number |= (v & kLongNumberTag) == kLongNumberTag;
    } else if (v & kConceptTag) {
      t.concepts.push_back(v & kValueMask);
    } else {
      t.words.push_back(v);
    }
  }
  std::sort(t.headline_words.begin(), t.headline_words.end());
  std::sort(t.words.begin(), t.words.end());
  std::sort(t.numbers.begin(), t.numbers.end());
  std::sort(t.concepts.begin(), t.concepts.end());
  return t;
}

std::vector<uint32_t> canonical_terms(const std::vector<uint32_t>& packed) {
  return pack_terms(unpack_terms(packed));
}

TermDigest digest_terms(const TermView& terms) {
  // Term values are hashes already; a multiply spreads their tag bits too.
  const auto bit = [](uint32_t v, unsigned bits) {
    return (uint64_t{v} * 0x9E37'79B9'7F4A'7C15ull) >> (64 - bits);
  };
  TermDigest d;
  for (const uint32_t w : terms.words) {
    const uint64_t b = bit(w, 7);
    d.words[b >> 6] |= uint64_t{1} << (b & 63);
  }
  for (const uint32_t n : terms.numbers) d.numbers |= uint64_t{1} << bit(n, 6);
  for (const uint32_t c : terms.concepts) d.concepts |= uint64_t{1} << bit(c & kValueMask, 6);
  d.word_count = static_cast<uint32_t>(terms.words.size());
  d.number_count = static_cast<uint32_t>(terms.numbers.size());
  d.concept_count = static_cast<uint32_t>(terms.concepts.size());
  d.long_number = terms.long_number;
  return d;
}

TermView TermView::of_packed(std::span<const uint32_t> packed) {
  TermView v;
  size_t i = 0;
  const auto run = [&](auto in_part) {
    const size_t from = i;
    while (i < packed.size() && in_part(packed[i])) ++i;
    return packed.subspan(from, i - from);
  };
  v.headline_words = run([](uint32_t t) { return t != kHeadlineEnd; });
  if (i < packed.size()) ++i;  // the end mark
  v.words = run([](uint32_t t) { return (t & ~kValueMask) == 0; });
  v.numbers = run([](uint32_t t) { return (t & kNumberTag) != 0; });
  v.concepts = packed.subspan(i);
  for (const uint32_t n : v.numbers) v.long_number |= (n & kLongNumberTag) == kLongNumberTag;
  return v;
}

std::string detail::stem_word(std::string_view word) { return stem(word); }

}  // namespace wiredesk
