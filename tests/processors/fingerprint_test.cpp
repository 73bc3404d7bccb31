#include "processors/dedup/fingerprint.hpp"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <bit>
#include <random>

namespace wiredesk {
namespace {

// A story long enough for the sketch to be precise: sentences made of
// numbered words, so that stories with other seeds share nothing.
std::string make_story(unsigned seed, size_t sentences = 30) {
  static const char* kWords[] = {"ministry", "officials", "said", "missile", "launch", "talks",
                                 "market", "exports", "rose", "fell", "police", "arrested",
                                 "weather", "cold", "summit", "leaders", "agreed", "plan"};
  std::mt19937 rng(seed);
  std::string text;
  for (size_t s = 0; s < sentences; ++s) {
    for (int w = 0; w < 12; ++w) {
      text += kWords[rng() % std::size(kWords)];
      text += std::to_string(rng() % 1000);
      text += ' ';
    }
  }
  text.pop_back();
  return text;
}

NormalizedItem item(const std::string& headline, const std::string& body) {
  return normalize_item(headline, body);
}

TEST(Fingerprint, IdenticalTextsAreEqual) {
  const std::string body = make_story(1);
  const Fingerprint a = fingerprint(item("Headline", body));
  const Fingerprint b = fingerprint(item("Headline", body));
  EXPECT_EQ(a.content_hash, b.content_hash);
  EXPECT_NE(a.content_hash, 0u);
  const Overlap o = compare(a.sketch, b.sketch);
  EXPECT_DOUBLE_EQ(o.jaccard, 1.0);
  EXPECT_DOUBLE_EQ(o.lead_jaccard, 1.0);
  EXPECT_DOUBLE_EQ(o.shorter_contained(), 1.0);
}

TEST(Fingerprint, BoilerplateDoesNotChangeTheContentHash) {
  const std::string body = make_story(2, 5);
  const Fingerprint a =
      fingerprint(item("Headline", "SEOUL, Nov. 3 (Yonhap) -- " + body + "\n(END)"));
  const Fingerprint b =
      fingerprint(item("(LEAD) Headline", body + "\nCopyright © X. All rights reserved."));
  EXPECT_EQ(a.content_hash, b.content_hash);
}

TEST(Fingerprint, NearCopyIsSimilar) {
  std::string body = make_story(3);
  const Fingerprint a = fingerprint(item("Headline", body));
  body.replace(body.find(' '), 1, " inserted ");  // one word added
  body.replace(body.rfind(' '), 1, " ");
  const Fingerprint b = fingerprint(item("Headline", body));
  EXPECT_NE(a.content_hash, b.content_hash);
  EXPECT_GT(compare(a.sketch, b.sketch).jaccard, 0.9);
}

TEST(Fingerprint, DifferentStoriesAreFar) {
  const Fingerprint a = fingerprint(item("One", make_story(4)));
  const Fingerprint b = fingerprint(item("Two", make_story(5)));
  const Overlap o = compare(a.sketch, b.sketch);
  EXPECT_LT(o.jaccard, 0.2);
  EXPECT_LT(o.shorter_contained(), 0.35);
  EXPECT_LT(o.lead_jaccard, 0.3);  // same small vocabulary in both leads
}

TEST(Fingerprint, TruncatedTextIsContainedButNotNearlyIdentical) {
  const std::string full = make_story(6, 40);
  const std::string half = full.substr(0, full.size() / 3);
  const Overlap o =
      compare(fingerprint(item("H", half)).sketch, fingerprint(item("H", full)).sketch);
  EXPECT_GT(o.a_in_b, 0.85);           // the short text is in the long one
  EXPECT_LT(o.b_in_a, 0.5);            // not the other way round
  EXPECT_LT(o.jaccard, 0.5);
}

TEST(Fingerprint, ShingleSizeFollowsTheScript) {
  EXPECT_EQ(shingle_size("north korea fired a missile"), kLatinShingle);
  EXPECT_EQ(shingle_size("북한이 동해상으로 탄도미사일을 발사했다"), kCjkShingle);
  EXPECT_EQ(shingle_size("북한 nll 북방서 해안포 사격"), kCjkShingle);
}

TEST(Fingerprint, ShinglesAreCodePointWindows) {
  EXPECT_EQ(shingle_hashes("abcdef", 5).size(), 2u);      // "abcde", "bcdef"
  EXPECT_EQ(shingle_hashes("한국어 문장", 3).size(), 4u);  // 6 code points → 4 windows
  EXPECT_EQ(shingle_hashes("ab", 5).size(), 1u);          // shorter than n: the whole text
  EXPECT_TRUE(shingle_hashes("", 5).empty());
  EXPECT_EQ(shingle_hashes("abab ab", 2).size(), 4u);    // "ab" "ba" "b " " a" — unique
  // Not UTF-8 (normalize never gives such text, a caller may): a stray
  // continuation byte starts no code point, a lead byte cut short is one.
  // 가, 나, \xEA: 3 code points → 2 windows.
  EXPECT_EQ(shingle_hashes("가\x80나\xEA", 2).size(), 2u);
  EXPECT_EQ(shingle_hashes("\xEA가\xED\x80", 2).size(), 2u);  // \xEA, 가, \xED (its \x80 alone)
}

// Shingles hash their window's bytes with XXH3-64 and kShingleSeed, each
// distinct value once in text order, whatever the window's length (the
// short windows take a direct path to the hash).
TEST(Fingerprint, ShingleHashIsXxh3WithTheShingleSeed) {
  const std::vector<std::string> pieces = {"a", "b", " ", "7", "é", "한", "국", "\xF0\x9F\x98\x80"};
  std::mt19937 rng(11);
  for (int round = 0; round < 800; ++round) {
    // Half of the rounds ASCII alone: such text takes a path of its own.
    const size_t kinds = round % 2 == 0 ? pieces.size() : 4;
    std::vector<std::string> chars;  // code points
    const size_t length = rng() % 30;
    for (size_t k = 0; k < length; ++k) chars.push_back(pieces[rng() % kinds]);
    std::string text;
    for (const auto& c : chars) text += c;
    const int n = 1 + static_cast<int>(rng() % 8);
    std::vector<uint64_t> expected;
    auto add = [&](std::string_view window) {
      const uint64_t h = XXH3_64bits_withSeed(window.data(), window.size(), kShingleSeed);
      if (std::find(expected.begin(), expected.end(), h) == expected.end()) expected.push_back(h);
    };
    if (chars.size() <= static_cast<size_t>(n)) {
      if (!text.empty()) add(text);
    } else {
      for (size_t i = 0; i + static_cast<size_t>(n) <= chars.size(); ++i) {
        std::string window;
        for (size_t k = i; k < i + static_cast<size_t>(n); ++k) window += chars[k];
        add(window);
      }
    }
    ASSERT_EQ(shingle_hashes(text, n), expected) << text << " n=" << n;
  }
}

// Korean copy is read sixteen bytes at a time where a block holds ASCII and
// whole Hangul syllables: the windows and the script's width are those of
// reading it a code point at a time, whatever the mix and wherever a block
// ends. The pieces include syllables with continuation bytes of 0x80 and
// 0xBF, the last syllable (U+D7A3), the code points just outside the
// syllables (U+ABFF, U+D7A4), which are not CJK, and others that send a
// block down the code-point path (é, U+4E00, an emoji).
TEST(Fingerprint, KoreanBlocksGiveTheWindowsAndWidthOfTheirCodePoints) {
  struct Piece {
    std::string text;
    bool cjk;
  };
  const std::vector<Piece> pieces = {
      {"가", true},  {"한", true},  {"\xED\x9E\xA3", true},   {"\xEA\xBF\xBF", true},
      {"\xEB\x80\x80", true},    {" ", false},  {"a", false},  {"7", false},
      {"\xEA\xAF\xBF", false},   {"\xED\x9E\xA4", false},   {"\xC3\xA9", false},
      {"\xE4\xB8\x80", true},    {"\xF0\x9F\x98\x80", false}};
  std::mt19937 rng(29);
  for (int round = 0; round < 600; ++round) {
    // Syllables, spaces and ASCII letters in a mix of the round's own (so
    // that some rounds sit near the width's tipping point: a syllable is
    // worth two letters, spaces count for neither), now and then the rest.
    const uint32_t syllables = rng() % 10;
    const uint32_t spaces = rng() % 6;
    const uint32_t letters = rng() % 12;
    const uint32_t all = syllables + spaces + letters + 1;
    std::vector<const Piece*> chars;
    const size_t length = 1 + rng() % 120;
    for (size_t k = 0; k < length; ++k) {
      const uint32_t pick = rng() % all;
      chars.push_back(&pieces[pick < syllables                    ? rng() % 5
                              : pick < syllables + spaces           ? 5
                              : pick < syllables + spaces + letters ? 6 + rng() % 2
                                                                    : rng() % pieces.size()]);
    }
    std::string text;
    size_t cjk = 0;
    size_t other = 0;
    for (const Piece* c : chars) {
      text += c->text;
      if (c->cjk) {
        ++cjk;
      } else if (c->text != " ") {
        ++other;
      }
    }
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const int width = ascii ? (other == 0 ? kCjkShingle : kLatinShingle)
                            : (cjk * 2 >= other ? kCjkShingle : kLatinShingle);
    ASSERT_EQ(shingle_size(text), width) << text;
    std::vector<uint64_t> expected;
    auto add = [&](std::string_view window) {
      const uint64_t h = XXH3_64bits_withSeed(window.data(), window.size(), kShingleSeed);
      if (std::find(expected.begin(), expected.end(), h) == expected.end()) expected.push_back(h);
    };
    const auto n = static_cast<size_t>(width);
    if (chars.size() <= n) {
      add(text);
    } else {
      for (size_t i = 0; i + n <= chars.size(); ++i) {
        std::string window;
        for (size_t k = i; k < i + n; ++k) window += chars[k]->text;
        add(window);
      }
    }
    ASSERT_EQ(shingle_hashes(text, width), expected) << text;
  }
}

TEST(Fingerprint, KoreanCopyMatchesAndOtherStoryDoesNot) {
  const std::string first =
      "4일 아침 기온이 전날보다 10도 이상 뚝 떨어지면서 중부 내륙을 중심으로 "
      "올가을 첫 한파특보가 내려졌다. ";
  const NormalizedItem a =
      item("한파특보", first + "기상청은 경기 북부와 강원 내륙에 한파주의보를 발령한다고 밝혔다.");
  const NormalizedItem b =
      item("한파특보", first + "기상청은 경기 북부와 강원 내륙에 한파주의보를 발령했다고 밝혔다.");
  const NormalizedItem c = item("해안포 사격", "북한이 3일 오후 서해 북방한계선 북쪽 해상으로 해안포 수십 발을 쐈다고 합동참모본부가 밝혔다.");
  EXPECT_GT(compare(fingerprint(a).sketch, fingerprint(b).sketch).jaccard, 0.75);
  EXPECT_LT(compare(fingerprint(a).sketch, fingerprint(c).sketch).jaccard, 0.1);
}

TEST(Fingerprint, EmptyTextHasNoSketch) {
  const Fingerprint fp = fingerprint(item("", ""));
  EXPECT_EQ(fp.content_hash, 0u);
  EXPECT_EQ(fp.sketch.body_shingles, 0u);
  EXPECT_DOUBLE_EQ(compare(fp.sketch, fp.sketch).jaccard, 0.0);
}

TEST(Fingerprint, MinHashOfShortTextIsDensified) {
  // 10 shingles into 128 bins: the empty bins borrow values, so two equal
  // sets still agree everywhere and a disjoint set agrees almost nowhere.
  const auto a = shingle_hashes("a short one", 5);
  const auto b = shingle_hashes("other words", 5);
  std::array<uint16_t, kBodyHashes> ma{}, mb{}, ma2{};
  minhash(a, ma);
  minhash(a, ma2);
  minhash(b, mb);
  EXPECT_EQ(ma, ma2);
  int equal = 0;
  for (size_t i = 0; i < kBodyHashes; ++i) equal += ma[i] == mb[i];
  EXPECT_LT(equal, 8);
}

// fingerprint() takes the minima while it walks the windows, repeats and
// all, and counts the distinct ones beside them: the sketch must be what
// MinHash of the distinct shingles gives, for the body, the lead and the
// opening, in either script, short texts and repeated words included. The
// lead's and the opening's counts are exact.
TEST(Fingerprint, SketchesAreTheMinHashOfTheDistinctShingles) {
  const std::vector<std::pair<std::string, std::string>> items = {
      {"Missile launch", make_story(11)},
      {"Short", "SEOUL, Nov. 3 (Yonhap) -- Officials said the talks ended early. "
                "Both sides agreed to meet again next week in Seoul.\nMore follows."},
      {"북한 미사일 발사", "(서울=연합뉴스) 북한이 동해상으로 탄도미사일을 발사했다고 합동참모본부가 "
                           "밝혔다. 합참은 추가 발사에 대비해 감시를 강화하고 있다고 말했다.\n"
                           "군 당국은 정확한 제원을 분석하고 있다."},
      {"Mixed 한국어 headline", "the the the the the the the the the the the the 같은 같은 같은"},
      {"abc", "ab"},
  };
  for (const auto& [headline, body] : items) {
    const NormalizedItem n = item(headline, body);
    const Fingerprint fp = fingerprint(n);
    const std::string text = n.text();
    const auto shingles = shingle_hashes(text, shingle_size(text));
    std::array<uint8_t, kBodyHashes> expected_body{};
    minhash(shingles, expected_body);
    EXPECT_EQ(fp.sketch.body, expected_body) << headline;
    // The body's count is estimated (BodyShingleCountIsEstimatedWithinAFewTenthsOfAPerCent).
    EXPECT_NEAR(fp.sketch.body_shingles, shingles.size(), 1 + shingles.size() / 50) << headline;
    EXPECT_EQ(fp.cjk, shingle_size(text) == kCjkShingle) << headline;

    std::string lead = n.headline;
    if (!lead.empty() && !n.lead.empty()) lead += ' ';
    lead += n.lead;
    const auto lead_shingles = shingle_hashes(lead, shingle_size(lead));
    std::array<uint8_t, kLeadHashes> expected_lead{};
    minhash(lead_shingles, expected_lead);
    EXPECT_EQ(fp.sketch.lead, expected_lead) << headline;
    EXPECT_EQ(fp.sketch.lead_shingles, lead_shingles.size()) << headline;

    std::array<uint16_t, kOpeningHashes> expected_opening{};
    size_t opening_shingles = 0;
    const size_t opening_words = fp.cjk ? kCjkOpeningMinWords : kOpeningMinWords;
    if (!n.paragraphs.empty() && count_words(n.paragraphs.front()) >= opening_words) {
      const std::string& first = n.paragraphs.front();
      const auto opening = shingle_hashes(first, shingle_size(first));
      minhash(opening, expected_opening);
      opening_shingles = opening.size();
    }
    EXPECT_EQ(fp.sketch.opening, expected_opening) << headline;
    EXPECT_EQ(fp.sketch.opening_shingles, opening_shingles) << headline;
  }
}

// The body's distinct shingles are counted by linear counting (a byte
// marked per hash): a few tenths of a per cent off, never more than a few
// per cent, the same for the same text, and exact for texts of a few
// shingles. Stories with 0-90 % of their sentences repeated (template-heavy
// copy), in both scripts.
TEST(Fingerprint, BodyShingleCountIsEstimatedWithinAFewTenthsOfAPerCent) {
  double total_error = 0;
  int texts = 0;
  for (unsigned seed = 1; seed <= 60; ++seed) {
    std::string body = make_story(seed, 8 + seed % 40);
    const std::string repeated = body.substr(0, body.size() * (seed % 10) / 10);
    body += " " + repeated;
    if (seed % 3 == 0) body += " 북한이 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다";
    const NormalizedItem n = item("Headline " + std::to_string(seed), body);
    const std::string text = n.text();
    const auto exact = static_cast<double>(shingle_hashes(text, shingle_size(text)).size());
    const auto estimate = static_cast<double>(fingerprint(n).sketch.body_shingles);
    EXPECT_EQ(fingerprint(n).sketch.body_shingles, estimate) << seed;  // deterministic
    const double error = std::abs(estimate - exact) / exact;
    EXPECT_LT(error, 0.02) << "seed " << seed << ": " << estimate << " for " << exact;
    total_error += error;
    ++texts;
  }
  EXPECT_LT(total_error / texts, 0.006);
  for (const char* body : {"ab", "abcdef", "one two three", ""}) {
    const NormalizedItem n = item("", body);
    const std::string text = n.text();
    EXPECT_EQ(fingerprint(n).sketch.body_shingles,
              text.empty() ? 0u : shingle_hashes(text, shingle_size(text)).size())
        << body;
  }
}

// compare() counts equal values position by position (sixteen bytes at a
// time): every count from none to all, for each of the three sketches.
TEST(Fingerprint, CompareCountsEqualValuesPositionByPosition) {
  std::mt19937 rng(5);
  for (size_t equal = 0; equal <= kBodyHashes; ++equal) {
    Sketch a;
    Sketch b;
    a.body_shingles = b.body_shingles = a.lead_shingles = b.lead_shingles = 100;
    a.opening_shingles = b.opening_shingles = 40;
    for (size_t i = 0; i < kBodyHashes; ++i) {
      a.body[i] = static_cast<uint8_t>(rng());
      // Equal at `equal` positions spread over the array, different elsewhere.
      const bool same = (i * 7 + equal) % kBodyHashes < equal;
      b.body[i] = same ? a.body[i] : static_cast<uint8_t>(a.body[i] + 1 + rng() % 255);
    }
    const size_t lead_equal = equal % (kLeadHashes + 1);
    for (size_t i = 0; i < kLeadHashes; ++i) {
      a.lead[i] = static_cast<uint8_t>(rng());
      b.lead[i] = i < lead_equal ? a.lead[i] : static_cast<uint8_t>(a.lead[i] ^ 0x40);
    }
    const size_t opening_equal = equal % (kOpeningHashes + 1);
    for (size_t i = 0; i < kOpeningHashes; ++i) {
      a.opening[i] = static_cast<uint16_t>(rng());
      // Differ in one byte only: a byte-wise count would see half of it equal.
      b.opening[i] = kOpeningHashes - 1 - i < opening_equal
                         ? a.opening[i]
                         : static_cast<uint16_t>(a.opening[i] ^ (i % 2 ? 0x0100 : 0x0001));
    }
    size_t body_equal = 0;
    for (size_t i = 0; i < kBodyHashes; ++i) body_equal += a.body[i] == b.body[i];
    ASSERT_EQ(body_equal, equal);
    const auto chance = [](size_t k, size_t n) {
      return std::max(0.0, (static_cast<double>(k) / n - 1.0 / 256) / (1.0 - 1.0 / 256));
    };
    const Overlap o = compare(a, b);
    EXPECT_DOUBLE_EQ(o.jaccard, chance(equal, kBodyHashes)) << equal;
    EXPECT_DOUBLE_EQ(o.lead_jaccard, chance(lead_equal, kLeadHashes)) << equal;
    EXPECT_DOUBLE_EQ(o.opening_jaccard, static_cast<double>(opening_equal) / kOpeningHashes)
        << equal;
  }
}

TEST(Fingerprint, KeyTokensAreNumbersAndDates) {
  EXPECT_EQ(key_token_bits("the cat sat on the mat"), 0u);
  const uint64_t a = key_token_bits("fired 2 missiles on tuesday in nov");
  EXPECT_EQ(std::popcount(a & key_token_bits("2")), 1);
  EXPECT_NE(a & key_token_bits("tuesday"), 0u);
  EXPECT_NE(key_token_bits("3일 오후"), 0u);
}

// Copies write a figure their own way: with or without thousands
// separators and spaces, 천 spelled out or not, a Korean numeral for a
// figure, "퍼센트" for "%". Each figure is one token, the same however it is
// written, and another figure is another token.
TEST(Fingerprint, AFigureIsOneKeyTokenWhateverWayItIsWritten) {
  const std::pair<const char*, const char*> same[] = {
      {"7조1천482억원 규모", "7조 1482억 원 규모"},
      {"약 2만3천명의", "약 2만 3000명의"},
      {"1천96억원", "1096억원"},
      {"근로자 40여명은", "근로자 40여 명은"},
      {"최대 1억원까지", "최대 1억 원까지"},
      {"ℓ당 1,712.4원", "ℓ당 1712.4원"},
      {"근로자 3명이", "근로자 세 명이"},
      {"2.5% 증가", "2.5퍼센트 증가"},
      {"만 19∼39세 청년", "만19∼39세 청년"},
      {"12,000 people", "12000 people"},
  };
  for (const auto& [a, b] : same) {
    const uint64_t bits = key_token_bits(normalize_text(a));
    EXPECT_NE(bits, 0u) << a;
    EXPECT_EQ(bits, key_token_bits(normalize_text(b))) << a << " / " << b;
  }
  const std::pair<const char*, const char*> apart[] = {
      {"7조1천482억원", "7조1천483억원"},
      {"근로자 세 명이", "근로자 네 명이"},
      {"1,712원", "1,713원"},
      {"2만3천명", "2만4천명"},
  };
  for (const auto& [a, b] : apart) {
    EXPECT_NE(key_token_bits(normalize_text(a)), key_token_bits(normalize_text(b)))
        << a << " / " << b;
  }
  // A numeral before a word that is not counted tells no figure.
  EXPECT_EQ(key_token_bits(normalize_text("한 번 더 세 차례")), 0u);
}

// A Korean weekday is written with what follows it (월요일인 11일,
// 화요일부터): the day is the token, so a copy's headline that names it bare
// agrees with the lead, and the next day's edition does not.
TEST(Fingerprint, AKoreanWeekdayIsATokenWhateverFollowsIt) {
  const uint64_t monday = key_token_bits("월요일");
  ASSERT_NE(monday, 0u);
  for (const char* t : {"월요일인", "월요일에", "월요일부터", "월요일까지"}) {
    EXPECT_EQ(key_token_bits(t), monday) << t;
  }
  EXPECT_NE(key_token_bits("화요일인"), monday);
  EXPECT_EQ(key_token_bits("요일별"), 0u);
  EXPECT_EQ(key_token_bits("무요일인"), 0u);
}

// Tokens are read eight bytes at a time: a token's bit must not depend on
// where it stands against those eight bytes, nor on its neighbours.
TEST(Fingerprint, KeyTokenBitsDoNotDependOnWhereTheTokenStands) {
  const std::vector<std::string> tokens = {
      "2", "x7", "abcdefg9", "abcdefgh9", "9abcdefghijklmno", "abcdefghijklmnop", "1234567890123",
      "3억원과", "14일까지", "tuesday", "wednesday", "월요일", "plain", "여러분", "z"};
  for (const std::string& t : tokens) {
    const bool keyed = std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                       t == "tuesday" || t == "wednesday" || t == "월요일";
    const uint64_t alone = key_token_bits(t);
    EXPECT_EQ(alone != 0, keyed) << t;
    for (size_t pad = 0; pad < 17; ++pad) {
      const std::string before = pad == 0 ? "" : std::string(pad, 'q') + " ";
      EXPECT_EQ(key_token_bits(before + t), alone) << before << t;
      EXPECT_EQ(key_token_bits(before + t + " tail words here"), alone) << before << t;
      EXPECT_EQ(key_token_bits(before + t + " 5"), alone | key_token_bits("5")) << before << t;
    }
  }
}

// Tokens are found 64 bytes at a time: a text's bits are those of its
// tokens, whatever blocks a token crosses and however many spaces stand
// between them; a long token with a digit anywhere is keyed by its hash.
TEST(Fingerprint, KeyTokenBitsAreTheirTokensBitsAcrossBlocksOfText) {
  std::vector<std::string> tokens = {"2", "x7", "3억원과", "14일까지", "tuesday", "월요일",
                                     "plain", "여러분", "z", "abcdefghijklmnop"};
  std::mt19937 rng(29);
  for (int k = 0; k < 12; ++k) {  // 50-150 letters, a digit in half of them
    std::string t(50 + rng() % 100, 'a');
    for (char& c : t) c = static_cast<char>('a' + rng() % 26);
    const bool digit = k % 2 == 0;
    if (digit) t[rng() % t.size()] = static_cast<char>('0' + rng() % 10);
    const uint64_t expected = digit ? uint64_t{1} << (XXH3_64bits(t.data(), t.size()) & 63) : 0;
    ASSERT_EQ(key_token_bits(t), expected) << t;
    tokens.push_back(t);
  }
  for (int n = 0; n < 3000; ++n) {
    std::string text(rng() % 3, ' ');
    uint64_t expected = 0;
    const size_t count = rng() % 12;
    for (size_t i = 0; i < count; ++i) {
      const std::string& t = tokens[rng() % tokens.size()];
      text += t;
      text.append(1 + rng() % 2, ' ');
      expected |= key_token_bits(t);
    }
    if (rng() % 2 == 0) text.erase(text.find_last_not_of(' ') + 1);
    ASSERT_EQ(key_token_bits(text), expected) << '[' << text << ']';
  }
}

TEST(Fingerprint, ParagraphKeysPreferLongParagraphsAndSkipShortOnes) {
  const std::vector<std::string> paras = {"too short to count", make_story(7, 1), make_story(8, 2)};
  const auto keys = paragraph_keys(paras);
  EXPECT_NE(keys[0], 0u);
  EXPECT_NE(keys[1], 0u);
  EXPECT_EQ(keys[2], 0u);
  EXPECT_EQ(keys[0], paragraph_keys({paras[2]})[0]);  // the longest first
}

// A short Korean paragraph is sketched and keyed where an English one of as
// many words is not: Korean words carry their particles and endings.
TEST(Fingerprint, ShortKoreanParagraphsHaveAnOpeningAndAKey) {
  struct Case {
    const char* body;  // two paragraphs
    bool cjk;
    bool sketched;  // opening values and both paragraph keys, or none of them
  };
  const Case cases[] = {
      {"국회 본회의에서 추가경정예산안 처리가 끝내 무산됐다.\n"
       "여야는 재난지원금 규모를 놓고 막판까지 접점을 찾지 못했다.",
       true, true},
      {"The extra budget bill stalled again.\nParties could not agree on its size.", false,
       false},
      {"추경안 처리가 무산됐다.\n여야가 맞섰다고 전했다.", true, false},  // three words: too few
  };
  for (const Case& c : cases) {
    const Fingerprint fp = fingerprint(item("추경안", c.body));
    ASSERT_EQ(fp.cjk, c.cjk) << c.body;
    EXPECT_EQ(fp.sketch.opening_shingles != 0, c.sketched) << c.body;
    EXPECT_EQ(fp.sketch.paragraphs[0] != 0, c.sketched) << c.body;
    EXPECT_EQ(fp.sketch.paragraphs[1] != 0, c.sketched) << c.body;
  }
}

TEST(Fingerprint, SimHashOfNearCopiesIsClose) {
  const auto a = shingle_hashes(make_story(9), 5);
  auto text = make_story(9);
  text += " one more sentence at the end";
  const auto b = shingle_hashes(text, 5);
  const auto c = shingle_hashes(make_story(10), 5);
  EXPECT_EQ(simhash(a), simhash(a));
  EXPECT_LE(std::popcount(simhash(a) ^ simhash(b)), 6);
  EXPECT_GT(std::popcount(simhash(a) ^ simhash(c)), 16);
}

}  // namespace
}  // namespace wiredesk
