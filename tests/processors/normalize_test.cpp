#include "processors/dedup/normalize.hpp"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <algorithm>
#include <string>
#include <vector>

namespace wiredesk {
namespace {

TEST(FoldCase, AsciiFastPathLowercasesAndTurnsBreaksIntoSpaces) {
  EXPECT_EQ(fold_case("N. Korea FIRES\tMissile\n"), "n. korea fires missile ");
  // CR LF is one line break, as utf8proc reads it; CR or LF alone is one too.
  EXPECT_EQ(fold_case("Seoul\r\nTokyo\n\rBeijing\r\r\nDone"), "seoul tokyo  beijing  done");
}

TEST(FoldCase, NfkcAndCaseFoldingForNonAscii) {
  EXPECT_EQ(fold_case("ＳＥＯＵＬ（Ｙｏｎｈａｐ）"), "seoul(yonhap)");  // full-width forms
  EXPECT_EQ(fold_case("Straße ＫＯＳＰＩ"), "strasse kospi");
  EXPECT_EQ(fold_case("ﬁrst"), "first");                         // ligature
  EXPECT_EQ(fold_case("\u1112\u1161\u11ab"), "한");                // jamo compose to a syllable
  EXPECT_EQ(fold_case("soft\u00ADhyphen"), "softhyphen");         // default ignorable dropped
}

// What fold_case does without its fast paths: utf8proc over the whole text.
std::string fold_by_utf8proc(const std::string& s) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                      UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                                      UTF8PROC_IGNORE | UTF8PROC_STRIPCC);
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                   static_cast<utf8proc_ssize_t>(s.size()), &mapped, options);
  std::string out = n < 0 ? s : std::string(reinterpret_cast<char*>(mapped), static_cast<size_t>(n));
  std::free(mapped);
  return out;
}

std::string utf8_of(utf8proc_int32_t cp) {
  utf8proc_uint8_t bytes[4];
  const auto n = utf8proc_encode_char(cp, bytes);
  return std::string(reinterpret_cast<char*>(bytes), static_cast<size_t>(n));
}

// Korean copy takes a path that skips utf8proc when every code point is
// printable ASCII or one the fold keeps as it is. Every code point of the
// Basic Multilingual Plane, between ASCII letters, must fold as utf8proc
// folds it, whichever path the text takes.
TEST(FoldCase, FastPathAgreesWithUtf8procOnEveryCodePointOfTheBmp) {
  size_t mismatches = 0;
  for (utf8proc_int32_t cp = 0x80; cp <= 0xFFFD; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates are not UTF-8
    const std::string text = "Ab" + utf8_of(cp) + "Cd" + utf8_of(cp) + "한";
    if (fold_case(text) != fold_by_utf8proc(text)) {
      ADD_FAILURE() << "U+" << std::hex << cp;
      if (++mismatches > 10) break;
    }
  }
}

// The ASCII path folds by table: every byte must fold as utf8proc folds it,
// controls (dropped, or a space for breaks and tabs) included.
TEST(FoldCase, AsciiPathAgreesWithUtf8procOnEveryByte) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string text = std::string("Ab") + static_cast<char>(c) + "Cd" +
                             static_cast<char>(c) + static_cast<char>(c) + "eF";
    EXPECT_EQ(fold_case(text), fold_by_utf8proc(text)) << "byte " << c;
  }
}

// The ASCII path works on eight bytes at a time where none is a control:
// random ASCII text, controls anywhere, must fold as utf8proc folds it.
TEST(FoldCase, AsciiPathAgreesWithUtf8procOnRandomText) {
  std::srand(3);
  for (int n = 0; n < 20000; ++n) {
    std::string text(static_cast<size_t>(std::rand() % 40), ' ');
    for (char& c : text) {
      const int r = std::rand() % 10;
      if (r < 4) {
        c = static_cast<char>('A' + std::rand() % 26);
      } else if (r < 8) {
        c = static_cast<char>(0x20 + std::rand() % 0x5f);
      } else {
        c = static_cast<char>(std::rand() % 0x80);  // controls and DEL among them
      }
    }
    ASSERT_EQ(fold_case(text), fold_by_utf8proc(text)) << text;
  }
}

// Korean copy is folded without utf8proc, its ASCII eight bytes at a time:
// ASCII runs with capitals and controls anywhere, between Hangul, the
// punctuation the fold keeps (· is C2 B7, whose first byte must not be
// taken for a 'B') and the symbols it rewrites alone (…, ㎞, full-width
// forms), must fold as utf8proc folds them. The path copies what the fold
// keeps in runs: runs of syllables, of small ASCII and of both, cut by
// capitals (alone, or among eight ASCII bytes) and by rewritten symbols;
// a trailing jamo after a run of syllables composes with its last one,
// which only utf8proc does.
TEST(FoldCase, KoreanPathAgreesWithUtf8procOnRandomText) {
  const std::vector<std::string> pieces = {
      "한", "국어", "·", "‘", "”", "中", "KOSPI", "Seoul", "ab", "Z", "@", "[", " ", "  ", "2026",
      "…", "㎞", "２", "Ｋ", "∼", "Ⅱ", "→", "※", "㈎", "\u3000", "the Bank of Korea", "서울경제신문",
      "\u11ab", "\t", "\n", "\x7f", "\x01", "é"};
  std::srand(5);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int length = std::rand() % 40;
    for (int k = 0; k < length; ++k) {
      // Mostly the kept pieces; a jamo, a control or an é now and then
      // sends the text to utf8proc instead.
      const size_t kinds = std::rand() % 8 == 0 ? pieces.size() : pieces.size() - 6;
      text += pieces[static_cast<size_t>(std::rand()) % kinds];
    }
    ASSERT_EQ(fold_case(text), fold_by_utf8proc(text)) << text;
  }
}

// Korean copy goes sixteen bytes at a time while a block holds ASCII and
// Hangul syllables alone. Long random texts of them (the first 17 pieces,
// with capitals) and now and then the rest: the first and last syllables
// (가, 힣) are among them, the code points just outside them (U+ABFF,
// U+D7A4, U+D7B0, U+D7FF) are not, nor a jamo, a cut sequence, a control
// or other symbols; every block edge meets each.
std::string korean_block_text() {
  static const std::vector<std::string> pieces = {
      "한국", "어", "가", "힣", "서울경제신문", " ", "  ", "KOSPI", "Seoul", "ab", "2026", ",", "(",
      ")", ".", "-", "x", "·", "“", "…", "\xea\xaf\xbf", "\xed\x9e\xa4", "\uD7B0", "\xed\x9f\xbf",
      "\u1100", "\u11ab", "\x7f", "\t", "\xea\xb0", "中", "\xff"};
  std::string text;
  const int length = std::rand() % 80;
  for (int k = 0; k < length; ++k) {
    const size_t kinds = std::rand() % 16 == 0 ? pieces.size() : 17;
    text += pieces[static_cast<size_t>(std::rand()) % kinds];
  }
  return text;
}

TEST(FoldCase, KoreanBlocksAgreeWithUtf8procOnLongText) {
  std::srand(41);
  for (int n = 0; n < 20000; ++n) {
    const std::string text = korean_block_text();
    ASSERT_EQ(fold_case(text), fold_by_utf8proc(text)) << text;
  }
}

TEST(FoldCase, KoreanParagraphsFoldAsUtf8procFoldsThem) {
  for (const std::string text : {
           "북한이 17일 오전 동해상으로 탄도미사일(SRBM) 1발을 발사했다고 합동참모본부가 밝혔다.",
           "‘서울·경기’ 지역에 “호우 경보” — 北 美 韓",
           "「정부」는 〈발표〉에서 《예산안》을 제출했다。",
           "한\u11ab 글", "KOSPI ２,５００선 회복…외국인 순매수", "탭\t문자\r"}) {
    EXPECT_EQ(fold_case(text), fold_by_utf8proc(text)) << text;
  }
}

TEST(FoldPunctuation, KeepsLettersMarksNumbersAndFoldsTheRest) {
  EXPECT_EQ(fold_punctuation("  \"s. korea's\" -- 4,128.64 (kospi)!"), "s korea s 4 128 64 kospi");
  EXPECT_EQ(fold_punctuation("6∼13도…서울·경기"), "6 13도 서울 경기");
  EXPECT_EQ(normalize_text("5㎜, ５"), "5mm 5");  // NFKC first: the unit sign is letters
  EXPECT_EQ(fold_punctuation("…"), "");
}

// fold_punctuation by its definition, one code point at a time: letters,
// marks and numbers are kept, every run of anything else (bytes that are
// not UTF-8 included) is one space between words.
std::string fold_punctuation_by_definition(const std::string& s) {
  std::string out;
  bool pending = false;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  const auto size = static_cast<utf8proc_ssize_t>(s.size());
  for (utf8proc_ssize_t i = 0; i < size;) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len = utf8proc_iterate(p + i, size - i, &cp);
    if (len <= 0) {
      pending = true;
      ++i;
      continue;
    }
    const utf8proc_category_t cat = utf8proc_category(cp);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO) {
      if (pending && !out.empty()) out.push_back(' ');
      pending = false;
      out.append(s, static_cast<size_t>(i), static_cast<size_t>(len));
    } else {
      pending = true;
    }
    i += len;
  }
  return out;
}

// Both ways of folding blocks: packed with SSSE3 shuffles, and run by run.
// A CPU without SSSE3 cannot pack: there both instances run the other way.
class FoldPunctuationBlocks : public testing::TestWithParam<bool> {
 protected:
  void SetUp() override { detail::set_block_packing(GetParam()); }
  void TearDown() override { detail::set_block_packing(true); }
};

TEST_P(FoldPunctuationBlocks, AgreesWithItsDefinitionOnRandomText) {
  // The first 19 pieces are ASCII: every other text is made of them alone,
  // whose blocks of sixteen bytes are folded at once; in the others a
  // block holding any other byte goes a code point at a time, and the
  // next block may start inside what that took.
  const std::vector<std::string> pieces = {
      "north", "Korea2026", "a", "z", "Q", "0", "9", " ", "  ", ".", ",", "-", "'", "\"", "(",
      ")", "\n", "\t", "\x01", "한", "국", "힣", "·", "…", "“", "”", "é", "ß", "中", "文", "ア", "\u0301",
      "①", "²", "\xff", "\xc3", "\xea\xb0", "\xed\x9f\xbf", "\xf0\x9f\x98\x80", "\u3000"};
  std::srand(17);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int length = std::rand() % 64;
    const size_t kinds = n % 2 == 1 ? 19 : pieces.size();
    for (int k = 0; k < length; ++k) {
      text += pieces[static_cast<size_t>(std::rand()) % kinds];
    }
    ASSERT_EQ(fold_punctuation(text), fold_punctuation_by_definition(text)) << text;
  }
}

// Korean text whose blocks are packed too (korean_block_text above).
TEST_P(FoldPunctuationBlocks, AgreesWithItsDefinitionOnKoreanText) {
  std::srand(43);
  for (int n = 0; n < 20000; ++n) {
    const std::string text = korean_block_text();
    ASSERT_EQ(fold_punctuation(text), fold_punctuation_by_definition(text)) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(Packed, FoldPunctuationBlocks, testing::Values(true, false),
                         [](const testing::TestParamInfo<bool>& p) {
                           return p.param ? "Packed" : "RunByRun";
                         });

// count_words reads eight bytes at a time and stops at its cap: the same
// count as one space at a time, wherever the spaces stand.
TEST(CountWords, CountsSpacesPlusOneUpToTheCap) {
  const std::vector<std::string> pieces = {"a", "bc", "한", " ", "7", "\xa0", "defghijk"};
  std::srand(23);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int length = std::rand() % 40;
    for (int k = 0; k < length; ++k) text += pieces[static_cast<size_t>(std::rand()) % pieces.size()];
    const size_t words =
        text.empty() ? 0 : static_cast<size_t>(std::count(text.begin(), text.end(), ' ')) + 1;
    ASSERT_EQ(count_words(text), words) << text;
    const size_t cap = static_cast<size_t>(std::rand() % 12);
    ASSERT_EQ(count_words(text, cap), std::min(words, cap)) << text << " cap " << cap;
  }
}

TEST(NormalizeText, SameResultThroughAsciiAndUnicodePaths) {
  EXPECT_EQ(normalize_text("North Korea fired"), normalize_text("Ｎorth Korea fired"));
  EXPECT_EQ(normalize_text("US-led “talks”"), "us led talks");
}

// An editor's note inside a marker group runs to its end, commas and all,
// and says whether the item corrects or withdraws; other notes add nothing.
TEST(ParseHeadline, AttnNotesCarryCorrectionsAndKills) {
  const HeadlineMarkers a =
      parse_headline("(LEAD, ATTN: CORRECTS death toll in para 3, adds quotes) Quake kills 3");
  EXPECT_EQ(a.bits, marker::write_through | marker::correction);
  EXPECT_EQ(a.level, 1);
  EXPECT_EQ(a.text, "quake kills 3");
  EXPECT_EQ(parse_headline("(ATTN: WITHDRAWN) Seoul shares").bits, marker::kill);
  EXPECT_EQ(parse_headline("(LEAD, ATTN: ADDS details in paras 5-8) x").bits,
            marker::write_through);
  // A long note is still one group.
  const HeadlineMarkers b = parse_headline(
      "(2nd LD, ATTN: CORRECTS name of the ministry spokesperson in para 4; ADDS background in "
      "paras 9-11) Seoul proposes talks");
  EXPECT_EQ(b.bits, marker::write_through | marker::correction);
  EXPECT_EQ(b.text, "seoul proposes talks");
}

TEST(ParseHeadline, EnglishYonhapMarkers) {
  HeadlineMarkers lead = parse_headline("(LEAD) N. Korea fires missile");
  EXPECT_EQ(lead.bits, marker::write_through);
  EXPECT_EQ(lead.level, 1);
  EXPECT_EQ(lead.text, "n. korea fires missile");

  HeadlineMarkers second = parse_headline("(2nd LD) Seoul proposes talks");
  EXPECT_EQ(second.bits, marker::write_through);
  EXPECT_EQ(second.level, 2);
  EXPECT_EQ(parse_headline("(3rd LD) x").level, 3);

  EXPECT_EQ(parse_headline("(URGENT) N. Korea fires").bits, marker::flash);
  EXPECT_EQ(parse_headline("(CORRECTED) S. Korea to repatriate").bits, marker::correction);
  EXPECT_EQ(parse_headline("(KILL) Seoul shares").bits, marker::kill);
  EXPECT_EQ(parse_headline("(HOLD) Summit").bits, marker::hold);
  EXPECT_EQ(parse_headline("(News Focus) Why Kim visits factories").bits, marker::distinct);
  EXPECT_EQ(parse_headline("(Yonhap Interview) Minister").bits, marker::distinct);

  HeadlineMarkers both = parse_headline("(LEAD)(URGENT) x");
  EXPECT_EQ(both.bits, marker::write_through | marker::flash);
  EXPECT_EQ(parse_headline("(LEAD, ATTN: ADDS quotes) x").bits, marker::write_through);
}

TEST(ParseHeadline, KoreanMarkersAtEitherEnd) {
  HeadlineMarkers flash = parse_headline("[속보] 북한, 동해상으로 탄도미사일 발사");
  EXPECT_EQ(flash.bits, marker::flash);
  EXPECT_EQ(flash.text, "북한, 동해상으로 탄도미사일 발사");

  HeadlineMarkers lead = parse_headline("북한, 동해상으로 탄도미사일 발사(종합)");
  EXPECT_EQ(lead.bits, marker::write_through);
  EXPECT_EQ(lead.level, 50);
  EXPECT_EQ(lead.text, "북한, 동해상으로 탄도미사일 발사");

  // Bulletins (2보), (3보) come before the story is written through: every
  // 종합 ranks above them.
  EXPECT_EQ(parse_headline("북한 미사일 발사(종합2보)").level, 51);
  EXPECT_EQ(parse_headline("북한 미사일 발사(3보)").level, 3);
  EXPECT_LT(parse_headline("북한 미사일 발사(9보)").level, lead.level);
  EXPECT_EQ(parse_headline("북한 미사일 발사(1보)").bits, marker::flash);
  EXPECT_EQ(parse_headline("<인터뷰> 장관").bits, marker::distinct);
}

TEST(ParseHeadline, WirePrefixesAndUnknownBracketsKept) {
  HeadlineMarkers update = parse_headline("UPDATE 2-North Korea fires missile");
  EXPECT_EQ(update.bits, marker::write_through);
  EXPECT_EQ(update.level, 2);
  EXPECT_EQ(update.text, "north korea fires missile");
  EXPECT_EQ(parse_headline("BREAKING: Quake hits Japan").bits, marker::flash);

  // Not markers: a topic label in brackets, a word before a hyphen.
  EXPECT_EQ(parse_headline("(Asian Games) Korea wins gold").text, "(asian games) korea wins gold");
  EXPECT_EQ(parse_headline("Kill-switch law passes").bits, 0);
  EXPECT_EQ(parse_headline("S. Korea-Japan summit").text, "s. korea-japan summit");
}

TEST(NormalizeItem, YonhapDatelineEndAndMarkersRemoved) {
  const NormalizedItem n = normalize_item(
      "(LEAD) N. Korea fires missile",
      "SEOUL, Nov. 3 (Yonhap) -- North Korea fired a missile on Tuesday, the JCS said.\n\n"
      "The launch came a day after the North's warning.\n\n(END)");
  EXPECT_EQ(n.headline, "n korea fires missile");
  EXPECT_EQ(n.body,
            "north korea fired a missile on tuesday the jcs said the launch came a day after "
            "the north s warning");
  EXPECT_EQ(n.lead, "north korea fired a missile on tuesday the jcs said");
  EXPECT_EQ(n.markers.bits, marker::write_through);
  EXPECT_EQ(n.paragraphs.size(), 2u);
}

// A write-through's editor's note on a line of its own is to the desk: the
// story opens with the dateline's paragraph, as its copies do.
TEST(NormalizeItem, AnEditorsNoteLineIsNoParagraph) {
  const NormalizedItem n = normalize_item(
      "(LEAD) Police raid chemical maker over plant blast",
      "(ATTN: ADDS police raid, findings of joint inspection in paras 1-5)\n\n"
      "YEOSU, July 27 (Yonhap) -- Police on Tuesday raided the headquarters of a chemical "
      "maker, a day after an explosion at its plant killed four workers.\n\n"
      "Investigators seized maintenance logs.\n\n(END)");
  EXPECT_EQ(n.lead,
            "police on tuesday raided the headquarters of a chemical maker a day after an "
            "explosion at its plant killed four workers");
  ASSERT_EQ(n.paragraphs.size(), 2u);
  EXPECT_EQ(n.paragraphs[1], "investigators seized maintenance logs");
  // A paragraph that only starts like one is text.
  const NormalizedItem text = normalize_item(
      "Attn: shoppers",
      "SEOUL, May 2 (Yonhap) -- (Attn shoppers) is the name of a new store chain that opened "
      "its first branch in Seoul on Thursday, the company said.");
  EXPECT_EQ(text.paragraphs.size(), 1u);
}

// An outlet's line that hands over to the agency ("… Yonhap News Agency
// reports:"): the next paragraph is the agency's opening, dateline or not.
// A first paragraph that only names the agency hands over nothing.
TEST(NormalizeItem, AnOutletsLineThatHandsOverToTheAgency) {
  const NormalizedItem n = normalize_item(
      "Warehouse fire toll rises",
      "The Seoul Ledger is following the warehouse fire in Icheon. Yonhap News Agency "
      "reports:\n\n"
      "The death toll from a fire at a logistics warehouse in Icheon rose to three on Monday.\n\n"
      "Rescuers recovered two bodies.");
  EXPECT_EQ(n.agency_opening,
            "the death toll from a fire at a logistics warehouse in icheon rose to three on monday");
  const NormalizedItem ko = normalize_item(
      "강원 폭설", "[한빛일보 온라인뉴스팀] 폭설로 강원 동해안이 몸살을 앓고 있다. 다음은 연합뉴스 보도 내용.\n\n"
                   "밤사이 강원 동해안에 최고 50㎝가 넘는 폭설이 쏟아졌다.");
  EXPECT_EQ(ko.agency_opening, "밤사이 강원 동해안에 최고 50cm가 넘는 폭설이 쏟아졌다");
  const NormalizedItem named = normalize_item(
      "Interview", "Yonhap News Agency turned 45 this year, and its newsroom has grown.\n\n"
                   "The agency now files in six languages.");
  EXPECT_TRUE(named.agency_opening.empty());
}

// Agency copy under an outlet's own line: the paragraph the dateline opens
// is the copy's second opening. The body keeps every paragraph as it is.
TEST(NormalizeItem, TheAgencyOpeningAfterAnOutletsOwnLines) {
  const NormalizedItem n = normalize_item(
      "Dumplings recalled",
      "Check your freezer before dinner tonight.\n\n"
      "SEOUL, Feb. 2 (Yonhap) -- Hanul Foods will recall 48,000 boxes of dumplings.\n\n"
      "The recall covers boxes made in January.");
  EXPECT_EQ(n.agency_opening, "hanul foods will recall 48 000 boxes of dumplings");
  EXPECT_EQ(n.paragraphs.size(), 3u);
  EXPECT_EQ(n.paragraphs.front(), "check your freezer before dinner tonight");

  const NormalizedItem ko = normalize_item(
      "청주 창고 화재", "[한빛일보 온라인뉴스팀] 새벽 화재가 또 일어났다.\n\n"
                       "(청주=연합뉴스) 김하늘 기자 = 청주의 한 물류창고에서 불이 났다.");
  EXPECT_EQ(ko.agency_opening, "청주의 한 물류창고에서 불이 났다");

  // Dated on its first line: a later dateline is a roundup's second place.
  EXPECT_EQ(normalize_item("", "SEOUL, Feb. 2 (Yonhap) -- Snow fell across the country today.\n\n"
                               "BUSAN, Feb. 2 (Yonhap) -- The port city saw its first snow.")
                .agency_opening,
            "");
  // Three paragraphs of its own are a story, not a preface; a bracket with no
  // place and date before it is no dateline.
  EXPECT_EQ(normalize_item("", "One line here for you.\n\nTwo lines here for you.\n\n"
                               "Three lines here for you.\n\n"
                               "SEOUL, Feb. 2 (Yonhap) -- Snow fell across the country.")
                .agency_opening,
            "");
  EXPECT_EQ(normalize_item("", "One line here for you.\n\n"
                               "The company (Hanul) -- a food maker -- said it will recall them.")
                .agency_opening,
            "");
}

TEST(NormalizeItem, OtherAgencyDatelines) {
  EXPECT_EQ(normalize_item("", "WASHINGTON (GNS) — Americans went to the polls on Tuesday.").body,
            "americans went to the polls on tuesday");
  EXPECT_EQ(normalize_item("", "VIENNA, Nov 3 (Meridian) - North Korea appears to expand.").body,
            "north korea appears to expand");
}

TEST(NormalizeItem, KoreanDatelineBylineAndFooter) {
  const NormalizedItem n = normalize_item(
      "올가을 첫 한파특보",
      "(서울=연합뉴스) 김민준 기자 = 4일 아침 기온이 전날보다 10도 이상 떨어졌다.\n"
      "기상청은 한파주의보를 발령한다고 밝혔다.\n"
      "kmj@yna.co.kr\n"
      "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>");
  EXPECT_EQ(n.body, "4일 아침 기온이 전날보다 10도 이상 떨어졌다 기상청은 한파주의보를 발령한다고 밝혔다");
  const NormalizedItem other = normalize_item(
      "올가을 첫 한파특보", "【세종=뉴시스】홍길동 기자 = 4일 아침 기온이 전날보다 10도 이상 떨어졌다.");
  EXPECT_EQ(other.lead, "4일 아침 기온이 전날보다 10도 이상 떨어졌다");
}

TEST(NormalizeItem, SyndicatedPageChromeFallsAwayEnglish) {
  const std::string story =
      "North Korea fired an unidentified ballistic missile into the East Sea on Tuesday.\n\n"
      "The missile flew eastward before falling into waters off the east coast.";
  const NormalizedItem original =
      normalize_item("N. Korea fires missile", "SEOUL, Nov. 3 (Yonhap) -- " + story + "\n\n(END)");
  const NormalizedItem copy = normalize_item(
      "N. Korea fires missile",
      "HOME > North Korea\n\nN. Korea fires missile\n\n"
      "Seoul Ledger | Published 2026.11.03 09:35 | Updated 2026.11.03 09:38\n\n"
      "By Lee Su-bin (subin@seoulledger.example)\n\n" +
          story +
          " (Yonhap)\n\nCopyright © The Seoul Ledger. All rights reserved.\n\n"
          "Share this article  Facebook  X  KakaoTalk\n\nMost read\n"
          "- Seoul to raise subway fares by 150 won from January\n- Another headline here");
  EXPECT_EQ(copy.body, original.body);
  EXPECT_EQ(copy.text(), original.text());
}

TEST(NormalizeItem, SyndicatedPageChromeFallsAwayKorean) {
  const std::string story =
      "4일 아침 기온이 전날보다 10도 이상 뚝 떨어지면서 첫 한파특보가 내려졌다.\n\n"
      "낮 최고기온도 6∼13도에 머물러 평년보다 낮겠다.";
  const NormalizedItem original =
      normalize_item("첫 한파특보", "(서울=연합뉴스) 김민준 기자 = " + story);
  const NormalizedItem copy = normalize_item(
      "첫 한파특보",
      "홈 > 사회 > 날씨\n\n첫 한파특보\n\n입력 2026.11.03 17:42 | 수정 2026.11.03 17:45\n\n"
      "(서울=연합뉴스) 김민준 기자 = " + story +
          "\n\n<저작권자 © 한빛일보, 무단 전재 및 재배포 금지>\n\n이 기사를 공유합니다\n\n"
          "관련기사\n- 서울시, 한파 대비 취약계층 특별보호대책 가동");
  EXPECT_EQ(copy.body, original.body);
  EXPECT_EQ(normalize_item("x", "ⓒ 한빛일보 무단전재 및 재배포금지\n본문 문장이 여기에 있습니다 정말로").body,
            "본문 문장이 여기에 있습니다 정말로");
}

// Short paragraphs with a phrase of web-page boilerplate fall away wherever
// the phrase stands in them; without one they stay.
TEST(NormalizeItem, EveryBoilerplatePhraseDropsItsParagraph) {
  const std::string story = "The assembly passed the budget bill late on Tuesday night.";
  const std::string kept = "the assembly passed the budget bill late on tuesday night";
  for (const std::string phrase :
       {"copyright", "©", "&copy;", "all rights reserved", "unauthorized reproduction",
        "무단 전재", "무단전재", "재배포 금지", "재배포금지", "저작권자", "재판매 및 DB 금지"}) {
    const std::string page = story + "\n\nThe Daily Ledger " + phrase + " of the page";
    EXPECT_EQ(normalize_item("", page).body, kept) << phrase;
  }
  for (const std::string phrase :
       {"Published", "updated", "posted", "modified", "입력", "수정", "승인", "등록", "발행",
        "송고"}) {
    const std::string page = story + "\n\nSeoul Ledger " + phrase + " 2026.11.03 09:35";
    EXPECT_EQ(normalize_item("", page).body, kept) << phrase;
  }
  for (const std::string phrase : {"provided by", "Courtesy of"}) {
    const std::string page = story + "\n\nThis photo was " + phrase + " the ministry.";
    EXPECT_EQ(normalize_item("", page).body, kept) << phrase;
  }
  // Near misses stay: no phrase, or a stamp phrase without a date.
  EXPECT_EQ(normalize_item("", story + "\n\nThe copy right of the page was sold.").body,
            kept + " the copy right of the page was sold");
  EXPECT_EQ(normalize_item("", story + "\n\nThe ministry updated its guidance on Monday.").body,
            kept + " the ministry updated its guidance on monday");
}

// Web addresses (by any of their three openings) and e-mail addresses are
// not words of the story: a copy that adds or drops one is the same text.
TEST(NormalizeItem, WebAndMailAddressesRemoved) {
  const std::string plain = "the ministry posted the full report on its website on monday";
  for (const std::string address :
       {"https://www.mofa.example/report?id=7", "http://mofa.example/r", "www.mofa.example",
        "HTTPS://MOFA.EXAMPLE/R"}) {
    EXPECT_EQ(normalize_item("", "The ministry posted the full report " + address +
                                     " on its website on Monday.")
                  .body,
              plain)
        << address;
  }
  EXPECT_EQ(normalize_item("", "The ministry posted the full report (press@mofa.example) on its "
                               "website on Monday.")
                .body,
            plain);
  // Not addresses: a word that merely contains "www" or "http", an at sign alone.
  EXPECT_EQ(normalize_item("", "The wwwf and httpd names stay @ home in the report today.").body,
            "the wwwf and httpd names stay home in the report today");
}

TEST(NormalizeItem, BylinesAndCreditsAtTheEnd) {
  EXPECT_EQ(normalize_item("", "The flu season has arrived early this year.\n\n"
                               "By Lee Su-bin (subin@koreadaybreak.example)")
                .body,
            "the flu season has arrived early this year");
  EXPECT_EQ(normalize_item("", "Experts estimate 50 warheads.\n\n"
                               "(Reporting by Karin Holtz; Editing by Ed Marlow)")
                .body,
            "experts estimate 50 warheads");
  EXPECT_EQ(normalize_item("", "It is banned under U.N. resolutions. (Yonhap)\n\n"
                               "This article was provided by GNS.")
                .body,
            "it is banned under u n resolutions");
}

TEST(NormalizeItem, KeepsOrdinaryText) {
  // Bracketed words inside a sentence, a short quote, numbers: all content.
  const NormalizedItem n = normalize_item(
      "Title", "The Joint Chiefs of Staff (JCS) said 300 troops (about a battalion) moved.");
  EXPECT_EQ(n.body, "the joint chiefs of staff jcs said 300 troops about a battalion moved");
}

TEST(NormalizeItem, EmbargoLineAndSectionLabelDropped) {
  const NormalizedItem n = normalize_item(
      "Battery", "*** EMBARGOED UNTIL 1 A.M. KST, NOV. 5 (1600 GMT, NOV. 4) ***\n\nWorld\n\n"
                 "SEOUL, Nov. 5 (Yonhap) -- Researchers developed a battery cell.");
  EXPECT_EQ(n.body, "researchers developed a battery cell");
}

}  // namespace
}  // namespace wiredesk
