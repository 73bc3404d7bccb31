#include "processors/dedup/normalize.hpp"

#include "processors/core/utf8.hpp"

#include <hs/hs.h>
#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <tmmintrin.h>  // SSSE3, used where the CPU has it (fold_punctuation)
#endif

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace wiredesk {

namespace {

using std::string_view_literals::operator""sv;

// ---------------------------------------------------------------- basics

// Bit tricks on eight bytes at once (a word).
using swar::kHigh;
using swar::kOnes;
using swar::load_word;

constexpr bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return s.starts_with(p); });
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return s.find(n) != std::string_view::npos; });
}

// The paragraph tests below compare a paragraph's word count with limits of
// at most this many words.
constexpr size_t kLongestLimit = 40;

// How many paragraphs of its own an outlet may put before agency copy it runs
// (an introduction, a standfirst).
constexpr size_t kPrefaceParagraphs = 2;

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

// Letters (L*), marks (M*) and numbers (N*) carry the text; the rest separates.
bool is_word_codepoint(utf8proc_int32_t cp) {
  const utf8proc_category_t cat = utf8proc_category(cp);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

// Code points that NFKC, case folding and the removal of ignorables all
// leave as they are, and that compose with nothing before or after them:
// Hangul syllables (already composed; a trailing jamo that would compose
// with one is not in this set), CJK unified ideographs (the compatibility
// ideographs that NFKC maps are elsewhere) and the punctuation of Korean
// copy. `FoldCase.FastPathAgreesWithUtf8procOnEveryCodePointOfTheBmp` checks them against
// utf8proc.
bool kept_by_fold(uint32_t cp) {
  return utf8::is_hangul_syllable(cp) || (cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x00B7 ||
         cp == 0x2013 || cp == 0x2014 || cp == 0x2018 || cp == 0x2019 || cp == 0x201C ||
         cp == 0x201D || cp == 0x3001 || cp == 0x3002 || (cp >= 0x3008 && cp <= 0x3011);
}

// utf8proc's fold (NFKC, case folding, ignorables and controls removed).
constexpr auto kFoldOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                   UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STRIPCC);

// Symbols of Korean copy that the fold rewrites, or keeps, without reading
// their neighbours: the ellipsis (…, three full stops), unit squares (㎞,
// km), full-width forms (２, 2), Roman numerals, the tilde operator (∼),
// arrows, circled numbers. Built once, from utf8proc itself, for the blocks
// where they live: a code point is taken when it is a starter (combining
// class 0) and utf8proc folds it alone into printable ASCII, code points
// kept by the fold and starters of these blocks. Nothing composes onto
// those but combining marks and jamo, which are in none of them and send
// a text to utf8proc; so the code point folds the same wherever it stands.
class FoldTable {
 public:
  FoldTable() {
    for (const auto& [first, last] : kBlocks) {
      for (uint32_t cp = first; cp <= last; ++cp) add(cp);
    }
  }
  // The fold of cp, or null when utf8proc must decide.
  const std::string* find(uint32_t cp) const {
    const auto it = folds_.find(cp);
    return it == folds_.end() ? nullptr : &it->second;
  }

 private:
  static constexpr std::pair<uint32_t, uint32_t> kBlocks[] = {
      {0x2000, 0x2BFF},  // punctuation, letterlike, number forms, arrows, maths, shapes
      {0x3000, 0x303F},  // CJK symbols and punctuation
      {0x3200, 0x33FF},  // enclosed CJK letters, CJK compatibility (unit squares)
      {0xFF01, 0xFFEF},  // half-width and full-width forms
  };
  static bool block_starter(uint32_t c) {
    return std::any_of(std::begin(kBlocks), std::end(kBlocks),
                       [c](const auto& b) { return c >= b.first && c <= b.second; }) &&
           utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->combining_class == 0;
  }
  void add(uint32_t cp) {
    if (utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class != 0) return;
    utf8proc_uint8_t in[4];
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), in);
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t len = utf8proc_map(in, n, &mapped, kFoldOptions);
    std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(mapped);
    if (len <= 0) return;
    const std::string_view fold(reinterpret_cast<const char*>(mapped), static_cast<size_t>(len));
    const auto* p = reinterpret_cast<const unsigned char*>(fold.data());
    for (size_t i = 0; i < fold.size();) {
      uint32_t c = 0;
      const size_t l = utf8::decode(p + i, fold.size() - i, c);
      if (l == 0 || (c < 0x80 ? (c < 0x20 || c == 0x7f) : !kept_by_fold(c) && !block_starter(c))) {
        return;
      }
      i += l;
    }
    folds_.emplace(cp, std::string(fold));
  }
  std::unordered_map<uint32_t, std::string> folds_;
};

const FoldTable& fold_table() {
  static const FoldTable table;
  return table;
}

#if defined(__SSE2__)
// The bytes of `v` from lo to hi, both ASCII: signed compares, in which the
// bytes of 0x80 and above are negative and in no such range.
inline __m128i bytes_within(__m128i v, char lo, char hi) {
  return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                       _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
}

// The ASCII letters and digits of `v`. A byte with 0x20 set is a small
// letter exactly when the byte is a letter of either case.
inline __m128i ascii_alnum_bytes(__m128i v) {
  return _mm_or_si128(bytes_within(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z'),
                      bytes_within(v, '0', '9'));
}
#endif

// fold_case without utf8proc, for text of printable ASCII, code points kept
// by the fold and those of FoldTable (Korean copy): appends the fold to `out`
// and returns true, or returns false (out unusable) for anything else.
bool fold_fast(std::string_view utf8, std::string& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  out.clear();
  out.reserve(n + 8);
  // Bytes the fold keeps as they are (small ASCII letters and other
  // printable ASCII, Hangul syllables and the other code points of
  // kept_by_fold) are copied by the run, [run, i), in one append when
  // something else comes. Appended a code point at a time, the fold was 45 %
  // of normalizing Korean copy (BM_Normalize/korean); the runs took 42 % of
  // its instructions off.
  size_t run = 0;
  const auto flush = [&](size_t to) { out.append(utf8.data() + run, to - run); };
  for (size_t i = 0; i < n;) {
#if defined(__SSE2__)
    if (i + 16 <= n) {  // a block of ASCII and Hangul syllables at once
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(utf8.data() + i));
      if (const uint32_t length = utf8::hangul_run(v); length > 0) {
        const uint32_t in = (1u << length) - 1;
        // Controls (bytes 0-0x1F and 0x7F): utf8proc's STRIPCC rules.
        const __m128i controls =
            _mm_or_si128(bytes_within(v, 0, 0x1F), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
        if (static_cast<uint32_t>(_mm_movemask_epi8(controls)) & in) return false;
        const __m128i capitals = bytes_within(v, 'A', 'Z');
        if (static_cast<uint32_t>(_mm_movemask_epi8(capitals)) & in) {  // the run ends before them
          flush(i);
          char lowered[16];
          _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered),
                           _mm_add_epi8(v, _mm_and_si128(capitals, _mm_set1_epi8(0x20))));
          out.append(lowered, length);
          run = i + length;
        }
        i += length;
        continue;
      }
    }
#endif
    if (i + 8 <= n) {  // eight ASCII bytes at once
      const uint64_t w = load_word(utf8.data() + i);
      if ((w & kHigh) == 0) {
        if (swar::has_ascii_control(w)) return false;  // utf8proc's STRIPCC rules
        const uint64_t lowered = swar::lower_ascii(w);
        if (lowered != w) {  // capitals: the run ends before them
          flush(i);
          out.append(reinterpret_cast<const char*>(&lowered), sizeof lowered);
          run = i + 8;
        }
        i += 8;
        continue;
      }
    }
    const unsigned char b = p[i];
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7f) return false;
      if (b >= 'A' && b <= 'Z') {
        flush(i);
        out.push_back(static_cast<char>(b - 'A' + 'a'));
        run = i + 1;
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const size_t len = utf8::decode(p + i, n - i, cp);
    if (len == 3 && utf8::is_hangul_syllable(cp)) {  // a Korean word: kept, a run of syllables
      i += 3;
      while (utf8::hangul_syllable_at(utf8, i)) i += 3;
      continue;
    }
    if (len == 0 || len == 4) return false;  // malformed or four-byte: utf8proc decides
    if (!kept_by_fold(cp)) {
      const std::string* fold = fold_table().find(cp);
      if (!fold) return false;
      flush(i);
      out.append(*fold);
      run = i + len;
    }
    i += len;
  }
  flush(n);
  return true;
}

// ------------------------------------------------------- headline markers

struct Bracket {
  std::string_view open;
  std::string_view close;
};
// After NFKC, full-width parentheses and brackets are ASCII; these remain.
constexpr std::array<Bracket, 6> kBrackets{{
    {"(", ")"}, {"[", "]"}, {"<", ">"}, {"【", "】"}, {"〈", "〉"}, {"「", "」"}}};

// Reads a leading number ("2" of "2nd ld", "12" of "종합12보").
size_t leading_number(std::string_view s, int& n) {
  size_t i = 0;
  n = 0;
  while (i < s.size() && is_digit(s[i]) && i < 3) n = n * 10 + (s[i++] - '0');
  return i;
}

uint8_t clamp_level(int n) { return static_cast<uint8_t>(std::clamp(n, 1, 99)); }

struct MarkerMeaning {
  bool known = false;
  uint8_t bits = 0;
  uint8_t level = 0;
};

// "2nd ld", "3rd lead", "update 2", "종합2보", "2보"
MarkerMeaning numbered_marker(std::string_view s) {
  MarkerMeaning m;
  int n = 0;
  if (const size_t digits = leading_number(s, n); digits > 0) {
    std::string_view rest = s.substr(digits);
    for (std::string_view suffix : {"st"sv, "nd"sv, "rd"sv, "th"sv}) {
      if (rest.starts_with(suffix)) rest.remove_prefix(suffix.size());
    }
    rest = trim(rest);
    if (rest == "ld" || rest == "lead" || rest == "writethru" || rest == "update") {
      return {true, marker::write_through, clamp_level(n)};
    }
    if (rest == "보") {  // (1보) is the flash, (2보) onward rewrite it
      if (n <= 1) return {true, marker::flash, 0};
      return {true, marker::write_through,
              static_cast<uint8_t>(std::min<int>(clamp_level(n), kComprehensiveLevel - 1))};
    }
    return m;
  }
  for (std::string_view word : {"update"sv, "종합"sv}) {
    if (!s.starts_with(word)) continue;
    // A Korean desk files bulletins first ((2보), (3보) after the (1보)
    // flash) and then writes the story through ((종합), (종합2보)): every
    // 종합 ranks above every bulletin.
    const int base = word == "종합"sv ? kComprehensiveLevel - 1 : 0;
    std::string_view rest = trim(s.substr(word.size()));
    if (rest.empty()) return {true, marker::write_through, clamp_level(base + 1)};
    if (const size_t digits = leading_number(rest, n); digits > 0) {
      const std::string_view tail = trim(rest.substr(digits));
      if (tail.empty() || tail == "보") {
        return {true, marker::write_through, clamp_level(base + n)};
      }
    }
  }
  return m;
}

MarkerMeaning classify_marker_word(std::string_view s) {
  s = trim(s);
  // An editor's note, "ATTN: CORRECTS death toll in para 3" or "ATTN:
  // WITHDRAWN": a correction or a kill when it says so, else nothing.
  if (s.starts_with("attn")) {
    uint8_t bits = 0;
    if (s.find("correct") != std::string_view::npos || s.find("정정") != std::string_view::npos) {
      bits |= marker::correction;
    }
    if (s.find("withdraw") != std::string_view::npos || s.find("kill") != std::string_view::npos ||
        s.find("삭제") != std::string_view::npos) {
      bits |= marker::kill;
    }
    return {true, bits, 0};
  }
  for (std::string_view w : {"urgent"sv, "flash"sv, "bulletin"sv, "breaking"sv, "breaking news"sv,
                             "newsflash"sv, "alert"sv, "속보"sv, "긴급"sv}) {
    if (s == w) return {true, marker::flash, 0};
  }
  for (std::string_view w : {"lead"sv, "ld"sv, "updated"sv, "writethru"sv, "write-thru"sv,
                             "ld-writethru"sv, "recasts"sv, "recast"sv, "adds"sv, "new lead"sv}) {
    if (s == w) return {true, marker::write_through, 1};
  }
  if (const MarkerMeaning m = numbered_marker(s); m.known) return m;
  for (std::string_view w : {"corrected"sv, "correction"sv, "corrects"sv, "correcting"sv,
                             "fixes"sv, "fixed"sv, "수정"sv, "정정"sv, "고침"sv, "바로잡습니다"sv}) {
    if (s == w) return {true, marker::correction, 0};
  }
  for (std::string_view w : {"kill"sv, "killed"sv, "mandatory kill"sv, "withdrawn"sv,
                             "withdrawal"sv, "withdraw"sv, "elimination"sv, "삭제"sv, "취소"sv}) {
    if (s == w) return {true, marker::kill, 0};
  }
  for (std::string_view w : {"hold"sv, "withhold"sv, "withheld"sv, "보류"sv}) {
    if (s == w) return {true, marker::hold, 0};
  }
  for (std::string_view w :
       {"news focus"sv, "news analysis"sv, "analysis"sv, "interview"sv, "yonhap interview"sv,
        "feature"sv, "yonhap feature"sv, "editorial"sv, "editorials"sv, "profile"sv, "factbox"sv,
        "fact box"sv, "backgrounder"sv, "commentary"sv, "opinion"sv, "column"sv, "photo"sv,
        "photos"sv, "graphic"sv, "video"sv, "fact check"sv, "explainer"sv, "q&a"sv, "timeline"sv,
        "chronology"sv, "obituary"sv, "review"sv, "korea focus"sv, "인터뷰"sv, "사설"sv, "칼럼"sv,
        "분석"sv, "기획"sv, "르포"sv, "포토"sv, "그래픽"sv, "특집"sv, "해설"sv, "팩트체크"sv,
        "부고"sv, "사진"sv, "영상"sv}) {
    if (s == w) return {true, marker::distinct, 0};
  }
  // Markers that change nothing about the story: re-sends and notices.
  for (std::string_view w : {"repeat"sv, "repeats"sv, "refile"sv, "refiled"sv, "resend"sv,
                             "embargoed"sv, "advisory"sv, "advance"sv, "exclusive"sv, "단독"sv}) {
    if (s == w) return {true, 0, 0};
  }
  return {};
}

// "(LEAD, ATTN: adds quotes)" counts as (LEAD): the first part decides;
// "(LEAD, ATTN: CORRECTS name, adds quotes)" is also a correction.
MarkerMeaning classify_marker(std::string_view inner) {
  MarkerMeaning total;
  size_t start = 0;
  bool first = true;
  while (start <= inner.size()) {
    size_t end = inner.find_first_of(",;&/", start);
    if (end == std::string_view::npos) end = inner.size();
    // An editor's note runs to the end of the group, commas and all.
    if (trim(inner.substr(start)).starts_with("attn")) end = inner.size();
    const MarkerMeaning m = classify_marker_word(inner.substr(start, end - start));
    if (first && !m.known) return {};
    first = false;
    if (m.known) {
      total.known = true;
      total.bits |= m.bits;
      total.level = std::max(total.level, m.level);
    }
    start = end + 1;
  }
  return total;
}

void apply(HeadlineMarkers& h, const MarkerMeaning& m) {
  h.bits |= m.bits;
  h.level = std::max(h.level, m.level);
}

// A marker group is short, unless it carries an editor's note (ATTN: …).
size_t max_group_length(std::string_view group) {
  return group.find("attn") != std::string_view::npos ? 160 : 48;
}

bool strip_leading_group(std::string_view& text, HeadlineMarkers& h) {
  for (const Bracket& b : kBrackets) {
    if (!text.starts_with(b.open)) continue;
    const size_t close = text.find(b.close, b.open.size());
    if (close == std::string_view::npos || close > max_group_length(text.substr(0, close))) {
      return false;
    }
    const MarkerMeaning m = classify_marker(text.substr(b.open.size(), close - b.open.size()));
    if (!m.known) return false;
    apply(h, m);
    text = trim(text.substr(close + b.close.size()));
    return true;
  }
  return false;
}

bool strip_trailing_group(std::string_view& text, HeadlineMarkers& h) {
  for (const Bracket& b : kBrackets) {
    if (!text.ends_with(b.close)) continue;
    const size_t inner_end = text.size() - b.close.size();
    const size_t open = text.rfind(b.open, inner_end);
    if (open == std::string_view::npos ||
        inner_end - open > max_group_length(text.substr(open, inner_end - open))) {
      return false;
    }
    const size_t inner_begin = open + b.open.size();
    const MarkerMeaning m = classify_marker(text.substr(inner_begin, inner_end - inner_begin));
    if (!m.known) return false;
    apply(h, m);
    text = trim(text.substr(0, open));
    return true;
  }
  return false;
}

// Wire prefixes such as "UPDATE 2-", "BREAKING:", "속보:".
bool strip_wire_prefix(std::string_view& text, HeadlineMarkers& h) {
  const size_t sep = text.find_first_of("-:");
  if (sep == std::string_view::npos || sep == 0 || sep > 24) return false;
  const MarkerMeaning m = classify_marker(text.substr(0, sep));
  // Only what wires put there: a "Kill-switch law" headline keeps its word.
  constexpr uint8_t kPrefixBits = marker::flash | marker::write_through | marker::correction;
  if (!m.known || (m.bits != 0 && (m.bits & kPrefixBits) == 0)) return false;
  apply(h, m);
  text = trim(text.substr(sep + 1));
  return true;
}

// ------------------------------------------------------------- datelines

// "seoul, nov. 3 (yonhap) -- ", "washington (gns) — ", "vienna, nov 3 (meridian) - "
size_t english_dateline_end(std::string_view p) {
  const size_t open = p.find('(');
  if (open == std::string_view::npos || open == 0 || open > 60) return 0;
  const size_t close = p.find(')', open);
  if (close == std::string_view::npos || close - open > 32) return 0;
  size_t i = close + 1;
  while (i < p.size() && p[i] == ' ') ++i;
  const std::string_view rest = p.substr(i);
  size_t dash = 0;
  for (std::string_view d : {"--"sv, "—"sv, "–"sv, "―"sv, "-"sv}) {
    if (rest.starts_with(d)) {
      dash = d.size();
      break;
    }
  }
  if (dash == 0) return 0;
  i += dash;
  if (i < p.size() && p[i] != ' ') return 0;
  while (i < p.size() && p[i] == ' ') ++i;
  return i;
}

// "(서울=연합뉴스) 김민준 기자 = ", "[서울=뉴스1] 홍길동 기자 = ", "【서울=뉴시스】…"
size_t korean_dateline_end(std::string_view p) {
  for (const Bracket& b : kBrackets) {
    if (!p.starts_with(b.open)) continue;
    const size_t close = p.find(b.close, b.open.size());
    if (close == std::string_view::npos || close > 60) return 0;
    if (p.substr(0, close).find('=') == std::string_view::npos) return 0;
    size_t i = close + b.close.size();
    const size_t eq = p.find('=', i);
    if (eq != std::string_view::npos && eq - i <= 60) {
      const std::string_view who = trim(p.substr(i, eq - i));
      if (contains_any(who, {"기자", "특파원", "reporter", "correspondent"}) ||
          count_words(who) <= 2) {
        i = eq + 1;
      }
    }
    while (i < p.size() && p[i] == ' ') ++i;
    return i;
  }
  return 0;
}

// A dateline that names its agency: "(청주=연합뉴스) … 기자 = " or
// "seoul, march 8 (yonhap) -- " (a place and a date before the bracket). The
// looser English test above serves only the first paragraph.
size_t agency_dateline_end(std::string_view p) {
  if (const size_t cut = korean_dateline_end(p); cut != 0) return cut;
  const size_t cut = english_dateline_end(p);
  if (cut == 0) return 0;
  const std::string_view before = p.substr(0, p.find('('));
  return before.find(',') != std::string_view::npos ? cut : 0;
}

// -------------------------------------------------------- inline removals

bool is_email_char(char c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

void remove_emails(std::string& s) {
  size_t from = 0;
  for (size_t at; (at = s.find('@', from)) != std::string::npos;) {
    size_t begin = at;
    while (begin > 0 && is_email_char(s[begin - 1])) --begin;
    size_t end = at + 1;
    while (end < s.size() && is_email_char(s[end])) ++end;
    while (end > at + 1 && s[end - 1] == '.') --end;  // the sentence's full stop
    const std::string_view domain(s.data() + at + 1, end - at - 1);
    if (begin < at && domain.find('.') != std::string_view::npos) {
      s.replace(begin, end - begin, " ");
      from = begin + 1;
    } else {
      from = at + 1;
    }
  }
}

bool has_url(std::string_view s);

// Only paragraphs that hold an address get here (has_url), so plain finds do.
void remove_urls(std::string& s) {
  if (!has_url(s)) return;
  for (std::string_view scheme : {"https://"sv, "http://"sv, "www."sv}) {
    for (size_t at; (at = s.find(scheme)) != std::string::npos;) {
      size_t end = at;
      while (end < s.size() && s[end] != ' ') ++end;
      s.replace(at, end - at, " ");
    }
  }
}

// "(END)", "(끝)" and an agency credit after the last sentence, "… resolutions. (Yonhap)".
void strip_trailing_credit(std::string& s) {
  for (;;) {
    const std::string_view t = trim(s);
    if (t.empty() || t.back() != ')') return;
    const size_t open = t.rfind('(');
    if (open == std::string_view::npos) return;
    const std::string_view inner = t.substr(open + 1, t.size() - open - 2);
    const std::string_view before = trim(t.substr(0, open));
    const bool end_marker = inner == "end" || inner == "끝" || inner == "end of story";
    const bool credit = inner.size() <= 24 && count_words(trim(inner)) <= 2 &&
                        std::none_of(inner.begin(), inner.end(), is_digit) && !before.empty() &&
                        std::string_view(".!?\"'”’)").find(before.back()) != std::string_view::npos;
    if (!end_marker && !credit) return;
    s.resize(static_cast<size_t>(before.data() - s.data()) + before.size());
  }
}

// ------------------------------------------------- boilerplate paragraphs

bool has_date_stamp(std::string_view p) {
  // 2026.11.03, 2026-11-03, 2026/11/03
  for (size_t i = 0; i + 5 < p.size(); ++i) {
    if (is_digit(p[i]) && is_digit(p[i + 1]) && is_digit(p[i + 2]) && is_digit(p[i + 3]) &&
        (p[i + 4] == '.' || p[i + 4] == '-' || p[i + 4] == '/') && is_digit(p[i + 5])) {
      return true;
    }
  }
  return false;
}

// The phrases that mark a paragraph as web-page boilerplate, by list. A
// paragraph is searched for all of them in one Hyperscan pass, not once per
// phrase: on Korean copy, every syllable that shares a phrase's first byte
// cost a comparison.
enum PhraseList : uint32_t {
  kCopyrightPhrases = 1u << 0,
  kStampPhrases = 1u << 1,   // a time stamp of the web page
  kCreditPhrases = 1u << 2,  // "provided by"
};

class PhraseFinder {
 public:
  using Lists = std::initializer_list<std::pair<uint32_t, std::initializer_list<std::string_view>>>;
  explicit PhraseFinder(Lists lists) {
    std::vector<const char*> texts;
    std::vector<size_t> lengths;
    std::vector<unsigned> flags, ids;
    for (const auto& [list, phrases] : lists) {
      for (std::string_view p : phrases) {
        ids.push_back(static_cast<unsigned>(texts.size()));
        texts.push_back(p.data());
        lengths.push_back(p.size());
        flags.push_back(HS_FLAG_SINGLEMATCH);
        list_of_.push_back(list);
      }
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_lit_multi(texts.data(), flags.data(), ids.data(), lengths.data(),
                             static_cast<unsigned>(texts.size()), HS_MODE_BLOCK, nullptr, &db_,
                             &err) != HS_SUCCESS) {
      const std::string message = err ? err->message : "compile failed";
      hs_free_compile_error(err);
      throw std::logic_error("boilerplate phrases: " + message);
    }
  }
  ~PhraseFinder() { hs_free_database(db_); }
  PhraseFinder(const PhraseFinder&) = delete;
  PhraseFinder& operator=(const PhraseFinder&) = delete;

  // The list bits of the lists with a phrase in `text` (bytes as they are:
  // the text is case-folded already).
  uint32_t lists_in(std::string_view text) const {
    Scratch& scratch = scratch_;
    if (std::find(scratch.fits.begin(), scratch.fits.end(), db_) == scratch.fits.end()) {
      // Grows the thread's scratch to fit this database too.
      if (hs_alloc_scratch(db_, &scratch.ptr) != HS_SUCCESS) {
        throw std::runtime_error("boilerplate phrases: no Hyperscan scratch");
      }
      scratch.fits.push_back(db_);
    }
    Found found{this, 0};
    if (hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch.ptr, on_match,
                &found) != HS_SUCCESS) {
      throw std::runtime_error("boilerplate phrases: Hyperscan scan failed");
    }
    return found.lists;
  }

 private:
  struct Found {
    const PhraseFinder* finder;
    uint32_t lists;
  };
  // One scratch per thread, for every finder (they live as long as the
  // process).
  struct Scratch {
    hs_scratch_t* ptr = nullptr;
    std::vector<const hs_database_t*> fits;
    ~Scratch() {
      if (ptr) hs_free_scratch(ptr);
    }
  };
  static int on_match(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
    auto* found = static_cast<Found*>(ctx);
    found->lists |= found->finder->list_of_[id];
    return 0;
  }
  std::vector<uint32_t> list_of_;  // by phrase id
  hs_database_t* db_ = nullptr;
  static thread_local Scratch scratch_;
};

thread_local PhraseFinder::Scratch PhraseFinder::scratch_;

const PhraseFinder& boilerplate_phrases() {
  static const PhraseFinder finder({
      {kCopyrightPhrases,
       {"copyright", "©", "&copy;", "all rights reserved", "unauthorized reproduction",
        "무단 전재", "무단전재", "재배포 금지", "재배포금지", "저작권자", "재판매 및 db 금지"}},
      {kStampPhrases,
       {"published", "updated", "posted", "modified", "입력", "수정", "승인", "등록", "발행",
        "송고"}},
      {kCreditPhrases, {"provided by", "courtesy of"}},
  });
  return finder;
}

bool has_url(std::string_view s) {
  // Each of the three holds "//" or "www.": a paragraph with neither (nearly
  // every one) is answered without a scan, which costs more than the finds.
  if (s.find("//") == std::string_view::npos && s.find("www.") == std::string_view::npos) {
    return false;
  }
  static const PhraseFinder finder({{1, {"https://", "http://", "www."}}});
  return finder.lists_in(s) != 0;
}

// The phrase lists of one paragraph, searched for on first use.
class ParagraphPhrases {
 public:
  explicit ParagraphPhrases(std::string_view folded) : folded_(folded) {}
  bool has(PhraseList list) {
    if (!searched_) {
      lists_ = boilerplate_phrases().lists_in(folded_);
      searched_ = true;
    }
    return (lists_ & list) != 0;
  }

 private:
  std::string_view folded_;
  uint32_t lists_ = 0;
  bool searched_ = false;
};

bool is_copyright(std::string_view raw, ParagraphPhrases& phrases, size_t words) {
  if (words > kLongestLimit) return false;
  return raw.find("ⓒ") != std::string_view::npos || phrases.has(kCopyrightPhrases);
}

bool is_byline(std::string_view folded, std::string_view normalized, size_t words) {
  if (words <= 12 && starts_with_any(folded, {"by ", "(reporting by", "reporting by",
                                              "(editing by", "editing by", "written by",
                                              "edited by", "(additional reporting",
                                              "additional reporting", "compiled by"})) {
    return true;
  }
  return words <= 4 && (normalized.ends_with("기자") || normalized.ends_with("특파원"));
}

bool is_page_chrome(std::string_view folded, ParagraphPhrases& phrases, size_t words) {
  if (words <= 10 && (folded.find(" > ") != std::string_view::npos ||
                      starts_with_any(folded, {"home >", "홈 >", "home›", "홈›"}))) {
    return true;  // breadcrumb
  }
  if (words <= 16 && has_date_stamp(folded) && phrases.has(kStampPhrases)) {
    return true;  // time stamps of the web page
  }
  if (words <= 12 && (phrases.has(kCreditPhrases) ||
                      (folded.find("이 기사는") != std::string_view::npos &&
                       folded.find("제공") != std::string_view::npos))) {
    return true;
  }
  if (words <= 10 && starts_with_any(folded, {"share this", "share on", "share:", "이 기사를 공유",
                                              "공유하기", "subscribe", "sign up", "newsletter",
                                              "follow us", "advertisement", "광고", "구독",
                                              "print this", "font size", "글자크기"})) {
    return true;
  }
  return folded.starts_with("***") || (words <= 25 && folded.starts_with("embargoed"));
}

bool is_list_header(std::string_view folded, size_t words) {
  return words <= 8 &&
         starts_with_any(folded, {"most read", "most popular", "most viewed", "related",
                                  "recommended", "read more", "more stories", "more from",
                                  "you may also like", "top stories", "trending", "latest news",
                                  "관련기사", "관련 기사", "많이 본", "인기 기사", "인기기사",
                                  "추천 기사", "추천기사", "주요 뉴스", "최신 뉴스", "핫 뉴스"});
}

bool is_list_item(std::string_view folded, size_t words) {
  return words <= 12 || starts_with_any(folded, {"-", "•", "·", "▶", "△", "▷", "*", "◆", "■"});
}

// An outlet's line before the agency's text: it names the agency and says
// that its report follows ("… Yonhap News Agency reports:", "다음은
// 연합뉴스 보도 내용.", "연합뉴스가 전한 소식이다.").
bool hands_over_to_agency(std::string_view folded) {
  if (folded.size() > 400 || !contains_any(folded, {"yonhap", "연합뉴스"})) return false;
  return folded.ends_with(":") ||
         contains_any(folded, {"reports:", "reported:", "보도 내용", "보도했다", "전한 소식",
                               "전했다.", "according to yonhap"});
}

bool is_editors_note(std::string_view folded) {
  if (!starts_with_any(folded, {"(attn", "[attn", "attn:", "attn :"})) return false;
  // A note is a line: "(ATTN: UPDATES with ministry comment; CHANGES headline)".
  return folded.size() <= 400 && (folded.front() != '(' || folded.back() == ')') &&
         (folded.front() != '[' || folded.back() == ']');
}

// The first sentence of a paragraph: what a flash repeats and a story opens
// with. Terminators closer than 40 bytes to the start are abbreviations
// ("S. Korea", "U.N.") more often than sentence ends.
std::string_view first_sentence(std::string_view p) {
  for (size_t i = 40; i < p.size(); ++i) {
    const char c = p[i];
    if ((c == '.' || c == '!' || c == '?') && (i + 1 == p.size() || p[i + 1] == ' ')) {
      return p.substr(0, i + 1);
    }
  }
  return p;
}

}  // namespace

// ------------------------------------------------------------ public API

std::string fold_case(std::string_view utf8) {
  if (utf8::is_ascii(utf8)) {
    // What utf8proc does to ASCII, by table: capitals to small letters, line
    // breaks and tabs to a space (UTF8PROC_STRIPCC), other controls dropped.
    static constexpr auto kFold = [] {
      std::array<char, 128> t{};
      for (int c = 0x20; c < 0x7f; ++c) {
        t[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
      for (const char c : {'\t', '\n', '\r', '\f', '\v'}) t[static_cast<unsigned char>(c)] = ' ';
      return t;
    }();
    std::string out(utf8.size(), '\0');
    char* o = out.data();
    // utf8proc takes CR LF as one line break: one space, not two.
    bool after_cr = false;
    auto fold_bytes = [&](const char* p, size_t n) {
      for (size_t k = 0; k < n; ++k) {
        const bool crlf = after_cr && p[k] == '\n';
        after_cr = p[k] == '\r';
        if (crlf) continue;
        const char f = kFold[static_cast<unsigned char>(p[k])];
        *o = f;
        o += f != '\0';  // 0: dropped
      }
    };
    size_t i = 0;
    for (; i + 8 <= utf8.size(); i += 8) {
      const uint64_t w = load_word(utf8.data() + i);
      if (swar::has_ascii_control(w)) {  // the table handles controls
        fold_bytes(utf8.data() + i, 8);
        continue;
      }
      const uint64_t lowered = swar::lower_ascii(w);
      std::memcpy(o, &lowered, sizeof lowered);
      o += 8;
      after_cr = false;
    }
    fold_bytes(utf8.data() + i, utf8.size() - i);
    out.resize(static_cast<size_t>(o - out.data()));
    return out;
  }
  if (std::string out; fold_fast(utf8, out)) return out;  // Korean copy
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                   static_cast<utf8proc_ssize_t>(utf8.size()), &mapped, kFoldOptions);
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(mapped);
  if (n < 0) return std::string(utf8);  // decode validated UTF-8; keep the text as it is
  return std::string(reinterpret_cast<const char*>(owned.get()), static_cast<size_t>(n));
}

namespace {

constexpr size_t kBlock = 16;

// Sixteen bytes of ASCII text: which are letters or digits (bit i for
// byte i).
class AsciiBlock {
 public:
  explicit AsciiBlock(const char* p) { std::memcpy(bytes_, p, kBlock); }
  uint32_t alnum() const;
  // Writes the 16 bytes from byte `at` on (zeros past the block) to `out`.
  void store_from(uint32_t at, char* out) const { std::memcpy(out, bytes_ + at, kBlock); }

 private:
  char bytes_[2 * kBlock] = {};
};

#if defined(__SSE2__)
uint32_t AsciiBlock::alnum() const {
  return static_cast<uint32_t>(_mm_movemask_epi8(
      ascii_alnum_bytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes_)))));
}
#else
uint32_t AsciiBlock::alnum() const {
  uint32_t bits = 0;
  for (uint32_t i = 0; i < kBlock; ++i) bits |= uint32_t{is_ascii_alnum(bytes_[i])} << i;
  return bits;
}
#endif

#if defined(__x86_64__)
// For each 8-bit mask, the positions of its set bits in order, then 0x80
// (a zero byte): the shuffle that packs the bytes a mask keeps to the front.
struct PackShuffles {
  alignas(16) uint8_t at[256][16];
};
constexpr PackShuffles make_pack_shuffles() {
  PackShuffles t{};
  for (int mask = 0; mask < 256; ++mask) {
    int k = 0;
    for (int b = 0; b < 8; ++b) {
      if (mask & (1 << b)) t.at[mask][k++] = static_cast<uint8_t>(b);
    }
    for (; k < 16; ++k) t.at[mask][k] = 0x80;
  }
  return t;
}
constexpr PackShuffles kPackShuffles = make_pack_shuffles();

// fold_punctuation from `in` on, a block of 16 bytes at a time while a
// block starts with ASCII and Hangul syllables alone (hangul_run) and 16
// bytes are left; returns the bytes read. In a block, a letter, digit or
// syllable byte is kept, the separator just before a run of them becomes
// its space, and the other separators go; `pending` is whether the text so
// far ends in a separator. The same output as a code point at a time.
__attribute__((target("ssse3,popcnt"))) size_t pack_blocks(const char* in, size_t n,
                                                           char* const begin, char*& out,
                                                           bool& pending) {
  char* o = out;
  size_t i = 0;
  while (i + kBlock <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    __m128i word_bytes = ascii_alnum_bytes(v);
    uint32_t length = kBlock;
    uint32_t inside = 0xFFFF;
    if (_mm_movemask_epi8(v) != 0) {  // and the bytes of syllables
      length = utf8::hangul_run(v);
      if (length == 0) break;
      inside = (1u << length) - 1;
      word_bytes = _mm_or_si128(word_bytes, _mm_cmplt_epi8(v, _mm_setzero_si128()));
    }
    const uint32_t word = static_cast<uint32_t>(_mm_movemask_epi8(word_bytes)) & inside;
    i += length;
    if (word == 0) {
      pending = true;
      continue;
    }
    if (pending && (word & 1) && o != begin) *o++ = ' ';
    // Separators followed by a word byte in the block: their spaces.
    uint32_t keep = word | (~word & (word >> 1) & inside);
    // Nothing written yet: no space goes first.
    if (o == begin && !(keep & word & 1)) keep &= keep - 1;
    pending = !((word >> (length - 1)) & 1);
    // Separators as spaces, then the kept bytes packed, eight at a time.
    const __m128i spaced = _mm_or_si128(_mm_and_si128(word_bytes, v),
                                        _mm_andnot_si128(word_bytes, _mm_set1_epi8(' ')));
    const uint32_t low = keep & 0xFF;
    const uint32_t high = keep >> 8;
    _mm_storel_epi64(reinterpret_cast<__m128i*>(o),
                     _mm_shuffle_epi8(spaced, _mm_load_si128(reinterpret_cast<const __m128i*>(
                                                  kPackShuffles.at[low]))));
    o += __builtin_popcount(low);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(o),
                     _mm_shuffle_epi8(_mm_srli_si128(spaced, 8),
                                      _mm_load_si128(reinterpret_cast<const __m128i*>(
                                          kPackShuffles.at[high]))));
    o += __builtin_popcount(high);
  }
  out = o;
  return i;
}

bool cpu_packs_blocks() {
  __builtin_cpu_init();  // may run among static initializers
  return __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt");
}
#else
bool cpu_packs_blocks() { return false; }
#endif

// Read by every preparing thread; set by tests alone.
std::atomic<bool> g_pack_blocks{cpu_packs_blocks()};

}  // namespace

bool detail::set_block_packing(bool on) {
  g_pack_blocks.store(on && cpu_packs_blocks(), std::memory_order_relaxed);
  return g_pack_blocks.load(std::memory_order_relaxed);
}

std::string fold_punctuation(std::string_view folded) {
  // The output is never longer than the input: every byte written is one
  // read, and a space stands for at least one separator read. So it is
  // written through a pointer into a string of the input's size.
  // (16 bytes more: a run of letters is stored as a whole block of 16.)
  std::string out(folded.size() + kBlock, '\0');
  char* const begin = out.data();
  char* o = begin;
  bool pending_space = false;
  auto emit = [&](const char* bytes, size_t n) {
    if (pending_space && o != begin) *o++ = ' ';
    pending_space = false;
    std::memcpy(o, bytes, n);
    o += n;
  };
  static constexpr auto kAlnum = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c < 128; ++c) t[c] = is_ascii_alnum(static_cast<char>(c));
    return t;
  }();
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  const auto size = static_cast<utf8proc_ssize_t>(folded.size());
  // Where the code point at a time goes back to blocks of 16 bytes.
  utf8proc_ssize_t scalar_until = 0;
  for (utf8proc_ssize_t i = 0; i < size;) {
    if (i >= scalar_until && i + static_cast<utf8proc_ssize_t>(kBlock) <= size) {
      const char* const at_block = folded.data() + i;
#if defined(__x86_64__)
      if (g_pack_blocks.load(std::memory_order_relaxed)) {
        // A block of other code points goes a code point at a time without
        // the call.
        if (utf8::hangul_run(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at_block))) > 0) {
          i += static_cast<utf8proc_ssize_t>(
              pack_blocks(at_block, static_cast<size_t>(size - i), begin, o, pending_space));
        }
        // It stopped at a block of other code points, or near the end.
        scalar_until = i + static_cast<utf8proc_ssize_t>(kBlock);
        continue;
      }
#endif
      if (((load_word(at_block) | load_word(at_block + 8)) & kHigh) != 0) {
        // Not ASCII: this block goes one code point at a time.
        scalar_until = i + static_cast<utf8proc_ssize_t>(kBlock);
      } else {
        // Runs of letters and digits are copied, a run of anything else
        // is one pending space: the same as one byte at a time.
        const AsciiBlock block(at_block);
        const uint32_t alnum = block.alnum();
        for (uint32_t at = 0; at < kBlock;) {
          const uint32_t rest = alnum >> at;
          if (rest & 1) {
            const auto run = static_cast<uint32_t>(std::countr_zero(~rest));
            if (pending_space && o != begin) *o++ = ' ';
            pending_space = false;
            block.store_from(at, o);
            o += run;
            at += run;
          } else {
            pending_space = true;
            if (rest == 0) break;
            at += static_cast<uint32_t>(std::countr_zero(rest));
          }
        }
        i += static_cast<utf8proc_ssize_t>(kBlock);
        continue;
      }
    }
    if (p[i] < 0x80) {
      if (kAlnum[p[i]]) {
        if (pending_space && o != begin) *o++ = ' ';
        pending_space = false;
        *o++ = static_cast<char>(p[i]);
      } else {
        pending_space = true;
      }
      ++i;
      continue;
    }
    if (utf8::hangul_syllable_at(folded, static_cast<size_t>(i))) {  // letters (Lo)
      // A Korean word is a run of syllables: copied at once.
      auto end = static_cast<size_t>(i) + 3;
      while (utf8::hangul_syllable_at(folded, end)) end += 3;
      emit(&folded[static_cast<size_t>(i)], end - static_cast<size_t>(i));
      i = static_cast<utf8proc_ssize_t>(end);
      continue;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len = utf8proc_iterate(p + i, size - i, &cp);
    if (len <= 0) {  // not UTF-8: skip the byte
      pending_space = true;
      ++i;
      continue;
    }
    if (is_word_codepoint(cp)) {
      emit(&folded[static_cast<size_t>(i)], static_cast<size_t>(len));
    } else {
      pending_space = true;
    }
    i += len;
  }
  out.resize(static_cast<size_t>(o - begin));
  return out;
}

std::string normalize_text(std::string_view utf8) { return fold_punctuation(fold_case(utf8)); }

size_t count_words(std::string_view normalized, size_t cap) {
  if (normalized.empty() || cap == 0) return 0;
  size_t spaces = 0;
  size_t i = 0;
  for (; i + 8 <= normalized.size() && spaces + 1 < cap; i += 8) {
    const uint64_t found = swar::bytes_equal(load_word(normalized.data() + i), ' ');
    spaces += ((found >> 7) * kOnes) >> 56;  // the bytes' sum lands in the top one
  }
  for (; i < normalized.size() && spaces + 1 < cap; ++i) spaces += normalized[i] == ' ' ? 1 : 0;
  return std::min(spaces + 1, cap);
}

HeadlineMarkers parse_headline(std::string_view headline) {
  HeadlineMarkers h;
  const std::string folded = fold_case(headline);
  std::string_view text = trim(folded);
  while (strip_leading_group(text, h) || strip_trailing_group(text, h) ||
         strip_wire_prefix(text, h)) {
  }
  h.text = std::string(text);
  return h;
}

std::string NormalizedItem::text() const {
  if (headline.empty()) return body;
  if (body.empty()) return headline;
  std::string t;
  t.reserve(headline.size() + 1 + body.size());
  t.append(headline).push_back(' ');
  t.append(body);
  return t;
}

NormalizedItem normalize_item(std::string_view headline, std::string_view body) {
  NormalizedItem out;
  out.markers = parse_headline(headline);
  out.headline = fold_punctuation(out.markers.text);

  std::vector<std::string> kept;
  bool in_list = false;
  bool dated = false;  // the story's dateline is found (first line or after a preface)
  // The undated first paragraph hands over to an agency ("Yonhap News
  // Agency reports:", "다음은 연합뉴스 보도 내용."): the next one is its text.
  bool handed_over = false;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view raw = trim(body.substr(start, end - start));
    start = end + 1;
    if (raw.empty()) continue;

    std::string folded = fold_case(raw);
    // An editor's note on a line of its own, "(ATTN: ADDS police raid in
    // paras 1-5)", is to the desk, not the story: a write-through's copy
    // leaves it out, so it is neither the opening nor the lead.
    if (is_editors_note(folded)) continue;
    if (kept.empty()) {  // the dateline opens the first paragraph of the story
      size_t cut = korean_dateline_end(folded);
      if (cut == 0) cut = english_dateline_end(folded);
      folded.erase(0, cut);
      dated = cut != 0;  // a later dateline is then a roundup's second place
    } else if (!dated && kept.size() <= kPrefaceParagraphs) {
      if (const size_t cut = agency_dateline_end(folded); cut != 0) {
        out.agency_opening = fold_punctuation(std::string_view(folded).substr(cut));
        dated = true;
      } else if (handed_over && kept.size() == 1) {
        // Without its dateline: an outlet that names the agency first
        // often drops it.
        out.agency_opening = fold_punctuation(folded);
      }
    }
    remove_emails(folded);
    remove_urls(folded);
    strip_trailing_credit(folded);
    std::string normalized = fold_punctuation(folded);
    const size_t words = count_words(normalized, kLongestLimit + 1);

    if (in_list) {
      if (is_list_item(folded, words)) continue;
      in_list = false;
    }
    if (is_list_header(folded, words)) {
      in_list = true;
      continue;
    }
    ParagraphPhrases phrases(folded);
    if (words < 3 || normalized == out.headline || is_copyright(raw, phrases, words) ||
        is_byline(folded, normalized, words) || is_page_chrome(folded, phrases, words)) {
      continue;
    }
    if (out.lead.empty() && words >= 5) out.lead = fold_punctuation(first_sentence(folded));
    if (kept.empty() && !dated) handed_over = hands_over_to_agency(folded);
    kept.push_back(std::move(normalized));
  }

  for (const auto& p : kept) {
    if (!out.body.empty()) out.body.push_back(' ');
    out.body.append(p);
  }
  if (out.lead.empty() && !kept.empty()) out.lead = kept.front();
  out.paragraphs = std::move(kept);
  return out;
}

}  // namespace wiredesk
