#include "processors/tag/korean_word.hpp"

#include <array>
#include <cstdint>

#include "processors/core/bytes.hpp"
#include "processors/core/utf8.hpp"

namespace wiredesk {

namespace {

using std::string_view_literals::operator""sv;

bool is_hangul_at(std::string_view s, size_t i) { return utf8::hangul_syllable_at(s, i); }

// The Hangul syllables at the start of `s` (the rest of the word).
std::string_view hangul_run(std::string_view s) {
  size_t n = 0;
  while (n + 3 <= s.size() && is_hangul_at(s, n)) n += 3;
  return s.substr(0, n);
}

constexpr std::array kSuffixes = {"들"sv, "측"sv, "군"sv, "간"sv, "내"sv, "외"sv, "상"sv, "인"sv,
                                  "발"sv, "계"sv, "권"sv, "당국"sv, "정부"sv};

// Particles and copula endings, longest first where one starts another.
constexpr std::array kParticles = {
    "으로부터"sv, "에서부터"sv, "으로서"sv, "으로써"sv, "으로는"sv, "으로도"sv, "에서는"sv,
    "에서도"sv, "에게는"sv, "이라는"sv, "이라고"sv, "이었다"sv, "에서"sv, "에게"sv, "에는"sv,
    "에도"sv, "에선"sv, "으로"sv, "까지"sv, "부터"sv, "보다"sv, "처럼"sv, "조차"sv, "마저"sv,
    "이나"sv, "이며"sv, "이고"sv, "이다"sv, "였다"sv, "라는"sv, "라고"sv, "과의"sv, "와의"sv,
    "로는"sv, "로서"sv, "로써"sv, "로도"sv, "한테"sv, "께서"sv, "만의"sv, "들의"sv, "은"sv,
    "는"sv, "이"sv, "가"sv, "을"sv, "를"sv, "의"sv, "에"sv, "과"sv, "와"sv, "도"sv, "만"sv,
    "로"sv, "나"sv, "랑"sv, "뿐"sv, "께"sv};

// Endings of 하다 / 되다 verbs built on the term: 사격했다, 발사한, 제재된.
constexpr std::array kVerbStarts = {"하"sv, "했"sv, "한"sv, "할"sv, "해"sv, "함"sv, "됐"sv,
                                    "된"sv, "되"sv, "돼"sv, "됨"sv, "시키"sv, "시켰"sv};

std::string_view strip_one(std::string_view rest, const auto& list) {
  for (const std::string_view w : list) {
    if (bytes::starts_with(rest, w)) return rest.substr(w.size());
  }
  return rest;
}

}  // namespace

// Suffixes that make another word of a two-syllable noun: 정상화
// (normalization), 정상적 (normal), 북한산 (a mountain), 경제성 (viability).
constexpr std::array kSenseChanging = {"화"sv, "적"sv, "산"sv, "성"sv};

bool korean_word_ok(std::string_view before, std::string_view after, int syllables) {
  std::string_view rest = hangul_run(after);
  if (syllables >= 2) {
    // Compounds keep a two-syllable noun's sense (축구연맹, 북한군, 핵실험장);
    // a derivational suffix does not.
    for (const std::string_view s : kSenseChanging) {
      if (bytes::starts_with(rest, s)) return false;
    }
    return true;
  }
  if (before.size() >= 3 && is_hangul_at(before, before.size() - 3)) {
    return false;  // inside a word: 비핵화 is not 핵
  }
  return korean_name_ok(after);
}

bool korean_name_ok(std::string_view after) {
  // 씨 makes a namesake of a name: 김정은씨 is a farmer, not the leader.
  if (bytes::starts_with(after, "씨") || bytes::starts_with(after, " 씨")) return false;
  std::string_view rest = hangul_run(after);
  if (rest.empty()) return true;
  for (const std::string_view v : kVerbStarts) {
    if (bytes::starts_with(rest, v)) return true;
  }
  rest = strip_one(rest, kSuffixes);
  if (rest.empty()) return true;
  for (const std::string_view p : kParticles) {
    if (bytes::equal(rest, p)) return true;
  }
  return false;
}

}  // namespace wiredesk
