// Terms of flashes and story openings (processors/dedup/terms.hpp).
#include "processors/dedup/terms.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <random>

#include "processors/dedup/fingerprint.hpp"
#include "processors/decode/decode.hpp"
#include "processors/dedup/normalize.hpp"
#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

NormalizedItem text(const std::string& headline, const std::string& body) {
  return normalize_item(headline, body);
}

TEST(Terms, RewordedEnglishStoryCoversItsFlash) {
  const TermSet flash =
      flash_terms(text("(URGENT) N. Korea fires ballistic missile toward East Sea: JCS", ""));
  // Stems: "N. Korea" reads as north korea, "fires" as fir, markers and
  // stop words are gone.
  EXPECT_EQ(flash.words.size(), 8u);
  const TermSet story = opening_terms(
      text("North Korea launches ballistic missile into East Sea, South's military says",
           "SEOUL, Nov. 16 (Yonhap) -- North Korea fired a ballistic missile into waters off "
           "its east coast early Monday, according to South Korea's Joint Chiefs of Staff "
           "(JCS).\n\nThe launch came a week after ..."));
  EXPECT_DOUBLE_EQ(word_coverage(flash, story), 1.0);
  const TermSet other = opening_terms(
      text("Seoul shares close higher on chip rally",
           "SEOUL, Nov. 16 (Yonhap) -- South Korean stocks closed higher on Monday as "
           "chipmakers rallied."));
  EXPECT_LT(word_coverage(flash, other), 0.2);
}

// A place's distance from the capital locates it for a foreign reader: the
// (LEAD) after the flash may say "the southeastern city of Ulsan" instead,
// so the distance is no number the story must carry. A distance that is
// the event's (a missile's flight; an epicenter's from a county, below) stays.
TEST(Terms, ALocatorsDistanceIsNoFigureOfTheEvent) {
  const TermSet flash = flash_terms(
      text("(URGENT) Explosion at chemical plant in Ulsan, several workers injured",
           "ULSAN, July 11 (Yonhap) -- An explosion ripped through a chemical plant in Ulsan, "
           "300 kilometers southeast of Seoul, on Tuesday morning, injuring several workers."));
  EXPECT_TRUE(flash.numbers.empty());
  const TermSet flight = flash_terms(
      text("(URGENT) N. Korea fires missile that flies 600 km", "The missile flew 600 km east."));
  EXPECT_EQ(flight.numbers.size(), 1u);
  // At the end of the text the lookahead finds nothing and reads on.
  EXPECT_EQ(flash_terms(text("(URGENT) Toll rises to 12", "")).numbers.size(), 1u);
}

TEST(Terms, KoreanWordsMatchWhateverParticleOrCompoundCarriesThem) {
  const TermSet flash = flash_terms(text(
      "[속보] 법원, 박정호 전 시장에 징역 2년을 선고",
      "(수원=연합뉴스) 김도윤 기자 = 수원지법은 16일 박정호 전 시장에게 징역 2년을 선고했다."));
  const TermSet story = opening_terms(text(
      "박정호 전 시장 1심서 실형",
      "(수원=연합뉴스) 김도윤 기자 = 법원이 박정호(64) 전 시장에게 징역 2년과 추징금 "
      "3억원을 선고했다."));
  EXPECT_GE(word_coverage(flash, story), 0.8);
  // 2년을 and 2년과 are the number 2; the day of the month (16일) is no term.
  EXPECT_EQ(flash.numbers.size(), 1u);
  EXPECT_EQ(numbers_missing(flash, story), 0u);
  // A compound finds its part: 단거리탄도미사일을 holds 탄도.
  const TermSet missile = flash_terms(text("[속보] 北, 탄도미사일 발사", ""));
  const TermSet srbm = opening_terms(text("북한, 단거리탄도미사일을 쏴", "북한이 오늘 아침 동해상으로 발사했다."));
  EXPECT_DOUBLE_EQ(word_coverage(missile, srbm), 1.0);  // 北 reads as 북한
}

TEST(Terms, ConceptsCarryAFlashIntoTheSisterServicesLanguage) {
  const TermSet flash = flash_terms(text(
      "[속보] 경북 울진 동쪽 바다서 규모 5.6 지진…기상청",
      "(서울=연합뉴스) 오민석 기자 = 기상청은 17일 오전 8시 37분 경북 울진군 동쪽 52㎞ "
      "해역에서 규모 5.6의 지진이 발생했다고 밝혔다."));
  const TermSet story = opening_terms(text(
      "Magnitude 5.6 earthquake strikes off S. Korea's east coast",
      "SEOUL, Nov. 17 (Yonhap) -- A magnitude 5.6 earthquake struck waters off South Korea's "
      "east coast on Tuesday morning.\n\nThe quake occurred at 8:37 a.m. in waters 52 "
      "kilometers east of Uljin County, North Gyeongsang Province."));
  EXPECT_GE(flash.concepts.size(), 3u);
  EXPECT_DOUBLE_EQ(concept_coverage(flash, story), 1.0);
  EXPECT_EQ(numbers_missing(flash, story), 0u);  // 5, 6, 8, 37, 52; not the 17th
}

TEST(Terms, PackedTermsComeBackAsTheyWere) {
  const TermSet t = flash_terms(text("[속보] 내년도 예산 741조원 국회 본회의 통과", ""));
  const TermSet back = unpack_terms(pack_terms(t));
  EXPECT_EQ(back.words, t.words);
  EXPECT_EQ(back.numbers, t.numbers);
  EXPECT_EQ(back.concepts, t.concepts);
  EXPECT_TRUE(t.long_number);  // 741
  EXPECT_EQ(back.long_number, t.long_number);
  EXPECT_FALSE(t.concepts.empty());  // 예산, 국회, 통과, 본회의
}

// A flash's packed terms read in place give the lists unpack_terms gives,
// and so the same coverage, also for a list packed in another order (as a
// record of the index topic may be): canonical_terms puts it in order.
TEST(Terms, PackedTermsReadInPlaceAsUnpacked) {
  const TermSet flash = flash_terms(text("[속보] 北 탄도미사일 2발 동해상 발사…합참 \"12시 7분\"", ""));
  const TermSet story = opening_terms(text("북한, 동해상으로 탄도미사일 2발 발사",
                                          "합동참모본부는 북한이 낮 12시 7분께 탄도미사일 2발을 "
                                          "동해상으로 발사했다고 밝혔다."));
  ASSERT_FALSE(flash.numbers.empty());
  ASSERT_FALSE(flash.concepts.empty());
  std::vector<uint32_t> packed = pack_terms(flash);
  const auto expect_same = [&](const TermView& v) {
    const TermSet u = unpack_terms(packed);
    EXPECT_TRUE(std::equal(v.words.begin(), v.words.end(), u.words.begin(), u.words.end()));
    EXPECT_TRUE(std::equal(v.numbers.begin(), v.numbers.end(), u.numbers.begin(), u.numbers.end()));
    EXPECT_TRUE(std::equal(v.headline_words.begin(), v.headline_words.end(),
                           u.headline_words.begin(), u.headline_words.end()));
    EXPECT_EQ(v.concepts.size(), u.concepts.size());
    EXPECT_EQ(v.long_number, u.long_number);
    EXPECT_EQ(word_coverage(v, story), word_coverage(u, story));
    EXPECT_EQ(words_found(v, story), words_found(u, story));
    EXPECT_EQ(concept_coverage(v, story), concept_coverage(u, story));
    EXPECT_GT(concept_coverage(v, story), 0.0);
    EXPECT_EQ(numbers_missing(v, story), numbers_missing(u, story));
    EXPECT_EQ(headline_coverage(v, story), headline_coverage(u, story));
  };
  expect_same(TermView::of_packed(packed));
  // Reversed parts and no headline mark: unpack_terms still reads it, and
  // canonical_terms gives the form of_packed reads.
  std::vector<uint32_t> shuffled;
  for (auto it = packed.rbegin(); it != packed.rend(); ++it) {
    if (*it != packed[flash.headline_words.size()]) shuffled.push_back(*it);  // drop the mark
  }
  packed = shuffled;
  const std::vector<uint32_t> canonical = canonical_terms(packed);
  EXPECT_NE(canonical, packed);
  expect_same(TermView::of_packed(canonical));
}

// The flash lookup passes over a flash on its digest alone: the filters'
// counts must never exceed what the lists say is missing, and they must
// still tell unrelated lists apart (or they would pass over nothing).
TEST(Terms, DigestsBoundWhatIsMissingFromBelow) {
  std::mt19937 rng(11);
  const auto list = [&](size_t n, uint32_t tag, uint32_t range) {
    std::vector<uint32_t> v;
    for (size_t i = 0; i < n; ++i) v.push_back((rng() % range) | tag);
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  size_t lacking_total = 0;
  size_t missing_total = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    // Small ranges so that the lists share some values.
    TermSet flash;
    flash.words = list(2 + rng() % 12, 0, 300);
    flash.numbers = list(rng() % 5, 0x8000'0000u, 40);
    flash.concepts = list(rng() % 5, 0, 30);
    TermSet story;
    story.words = list(10 + rng() % 60, 0, 300);
    story.numbers = list(rng() % 8, 0x8000'0000u, 40);
    story.concepts = list(rng() % 8, 0, 30);
    const std::vector<uint32_t> packed = pack_terms(flash);
    const TermView f = TermView::of_packed(packed);
    const TermDigest fd = digest_terms(f);
    const TermDigest sd = digest_terms(story);
    ASSERT_EQ(fd.word_count, f.words.size());
    const size_t words_missing = f.words.size() - words_found(f, story);
    ASSERT_LE(words_lacking(fd, sd), words_missing);
    ASSERT_LE(numbers_lacking(fd, sd), numbers_missing(f, story));
    const auto concepts_found = static_cast<size_t>(
        std::lround(concept_coverage(f, story) * static_cast<double>(f.concepts.size())));
    ASSERT_LE(concepts_lacking(fd, sd), f.concepts.size() - concepts_found);
    EXPECT_EQ(words_lacking(fd, digest_terms(f)), 0u);
    lacking_total += words_lacking(fd, sd);
    missing_total += words_missing;
  }
  // Most missing words show: a story's 10-70 words set a fraction of 128 bits.
  EXPECT_GT(static_cast<double>(lacking_total), 0.5 * static_cast<double>(missing_total));
}

TEST(KeyTokens, AKoreanParticleAfterANumberIsNotPartOfIt) {
  EXPECT_EQ(key_token_bits("징역 2년을 선고"), key_token_bits("징역 2년과 선고"));
  EXPECT_EQ(key_token_bits("3억원을"), key_token_bits("3억원"));
  EXPECT_NE(key_token_bits("2년"), key_token_bits("3년"));
}

TEST(OpeningSketch, TheFirstParagraphOfACopyCutShortUnderItsOwnHeadline) {
  const std::string first =
      "SEOUL, Nov. 16 (Yonhap) -- North Korea fired what appeared to be an intermediate-range "
      "ballistic missile into the East Sea on Monday morning, South Korea's military said.";
  const std::string rest =
      "\n\nThe missile flew about 1,000 kilometers before falling into waters outside Japan's "
      "exclusive economic zone.\n\nThe launch was the North's first in seven weeks.";
  const Fingerprint full = fingerprint(normalize_item("(LEAD) N. Korea fires IRBM", first + rest));
  const Fingerprint cut = fingerprint(
      normalize_item("North fires suspected IRBM", "HOME > North Korea\n\n" + first));
  const Overlap ov = compare(cut.sketch, full.sketch);
  EXPECT_GE(ov.opening_jaccard, 0.9);
  EXPECT_GE(ov.a_in_b, 0.8);
  const Fingerprint other = fingerprint(normalize_item(
      "Seoul shares close higher",
      "SEOUL, Nov. 16 (Yonhap) -- South Korean stocks closed higher on Monday as chipmakers "
      "rallied for a second day, while foreigners bought local shares."));
  EXPECT_LT(compare(other.sketch, full.sketch).opening_jaccard, 0.2);
  EXPECT_EQ(fingerprint(normalize_item("H", "Too short to tell.")).sketch.opening_shingles, 0u);
}

// The whole story's terms (what a flash's own words are looked for in) are
// the opening's with the later paragraphs added: the same lists, item for
// item, as extracting the whole text at once, on every labelled fixture
// item in English and Korean and from every split point.
TEST(Terms, ExtendingAnOpeningGivesTheWholeStorysTerms) {
  Decoder decoder(DecodeOptions{});
  size_t items = 0;
  size_t longer = 0;  // items with paragraphs past the opening
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           wiredesk::testing::fixture_path(""))) {
    if (entry.path().filename() != "items.jsonl") continue;
    for (const std::string& line : wiredesk::testing::read_lines(entry.path().string())) {
      DecodeResult d = decoder.decode(line, "");
      if (!d.ok()) continue;
      const NormalizedItem n = normalize_item(d.item().headline(), d.item().body_text());
      const TermSet whole = opening_terms(n, SIZE_MAX);
      ++items;
      longer += n.paragraphs.size() > 2 ? 1 : 0;
      for (size_t from = 0; from <= 3; ++from) {
        const TermSet extended = extend_terms(opening_terms(n, from), n, from);
        ASSERT_EQ(extended.words, whole.words) << line.substr(0, 80) << " from " << from;
        ASSERT_EQ(extended.numbers, whole.numbers) << line.substr(0, 80) << " from " << from;
        ASSERT_EQ(extended.concepts, whole.concepts) << line.substr(0, 80) << " from " << from;
        ASSERT_EQ(extended.long_number, whole.long_number) << line.substr(0, 80);
      }
    }
  }
  EXPECT_GT(items, 500u);
  EXPECT_GT(longer, 200u);
}

// The stemmer's rules as a chain of tests, first match wins (the form they
// were first written in): what detail::stem_word must give for any word.
std::string stem_by_definition(std::string w) {
  const auto ends = [&](const std::string& s) {
    return w.size() > s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (w.size() > 4 && ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 5 && ends("ing")) {
    w.resize(w.size() - 3);
  } else if (w.size() > 4 && ends("ed")) {
    w.resize(w.size() - 2);
  } else if (w.size() > 4 && (ends("ches") || ends("shes") || ends("sses") || ends("xes"))) {
    w.resize(w.size() - 2);
  } else if (w.size() > 3 && ends("s") && !ends("ss") && !ends("us")) {
    w.resize(w.size() - 1);
  }
  if (w.size() > 3 && w.back() == 'e') w.pop_back();
  return w;
}

TEST(Terms, StemsFollowTheirRulesOnEveryEnding) {
  EXPECT_EQ(detail::stem_word("fires"), "fir");
  EXPECT_EQ(detail::stem_word("firing"), "fir");
  EXPECT_EQ(detail::stem_word("cities"), "city");
  EXPECT_EQ(detail::stem_word("launches"), "launch");
  EXPECT_EQ(detail::stem_word("virus"), "virus");
  EXPECT_EQ(detail::stem_word("ties"), "tie");  // four letters: -s only, then no -e rule
  // Stems of short words drawn from letters that make up the suffixes, so
  // that every ending and every length near a rule's bound comes up.
  std::mt19937 rng(20261204);
  const std::string letters = "eisdnghcxua";
  for (int i = 0; i < 200000; ++i) {
    std::string w(1 + rng() % 9, 'a');
    for (char& c : w) c = letters[rng() % letters.size()];
    ASSERT_EQ(detail::stem_word(w), stem_by_definition(w)) << w;
  }
}

}  // namespace
}  // namespace wiredesk
