// Dedup stage (design §3): is an item new, an update of a story already seen,
// or a duplicate? Sets ctx.verdict, ctx.story (uri of the story's first item),
// ctx.of (closest earlier item) and ctx.similarity.
//
// Same uri (any version remembered):
//   same version again          → duplicate (a redelivery), unless pubstatus
//                                 changed or it is a later versioncreated
//                                 with other content → update
//   later version               → update (kill and hold notices included)
//   earlier version, arriving late → duplicate (already superseded)
// Another uri, compared with the candidates the index finds (exact content
// hash, LSH bands of the body and lead sketches, whole paragraphs):
//   same normalized content                                    → duplicate
//   other source family: near-identical copy (syndication)     → duplicate
//   same source family (the candidate's, or its story's):
//     the earlier item is a flash ((URGENT), [속보]) at most 3 h
//     before, whose headline + sentence this non-flash item's
//     headline + first sentence contains, numbers and dates too → update
//     marked write-through ((LEAD), (2nd LD), (종합), UPDATE 1-,
//     (CORRECTED)) with half of the shorter text in the longer  → update,
//       or duplicate when it is a resend: a lower level, or the same
//       level at Jaccard 0.9 or more; 30 % under the same slugline, 15 %
//       when it is the next rung after the candidate (next_rung: the
//       (2nd LD) after the (LEAD), the (2보) after the (1보)) and their
//       names are not apart
//     unmarked text containing the earlier one and 15 % longer  → update
//       (either kind, 12 h or more later, must keep two thirds of the
//       earlier item's numbers and dates: tomorrow's market wrap is new)
//     unmarked near-identical copy                               → duplicate
//   analysis pieces ((News Focus), (Interview), (사설)) are never updates
//   a copy cut short (its first paragraph the earlier item's, Jaccard 0.5,
//   60 % contained in it, no number of its own) is near-identical whatever
//   its own headline says
// Not a copy of anything, the item may be the story of a flash: a flash of
// the same source family in the 3 h before, not yet followed in the item's
// script, whose words (terms.hpp: stems, Hangul syllable pairs) are 60 % in
// the item's headline and first two paragraphs and whose numbers are all
// there → update of the flash's story (a marked write-through under the
// flash's slugline: half of the flash's headline words; failing all that,
// an unmarked story within 90 min under the flash's slugline: a quarter of
// its words, with its figures or a name of it). A flash of the
// item's own script wins; a sister service's flash in the other script (the
// Korean [속보], then the English story) links within 1 h by glossary
// concepts and numbers. Once a flash has been followed in a script, later
// look-alikes in that script are left to the rules above (a reaction or an
// analysis is its own story).
// Nothing else linking it, an item under the slugline of an earlier item of
// its source at most 48 h before, sharing the story's names (names.hpp),
// goes on that story, unless it is that report's next edition.
// else new. "Near-identical": Jaccard >= 0.6, or the shorter text 80 %
// contained in the longer with Jaccard >= 0.5; and the two texts must not
// each hold numbers or dates the other lacks (key tokens). A false merge is
// worse than a missed dedup: on the fixtures the closest distinct stories
// reach Jaccard 0.15 and containment 0.33, on the stress set 0.43 and 0.83
// (benchmarks/README.md, "Dedup quality"); a flash's look-alikes before its
// story came reach 0.58 term coverage on the stress sets, its stories 0.67+.
// similarity: Jaccard for duplicates, the containment that decided for
// updates, 1.0 for the same content.
//
// Replays are not duplicates: when the index holds an entry created by the
// very same input record (topic/partition/offset), the item gets exactly the
// verdict, story, of and similarity it got the first time.
//
// Thread-safe: normalization and fingerprinting run outside the index lock;
// the lookup, decision and insert run under it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "processors/dedup/dedup_index.hpp"
#include "processors/dedup/fingerprint.hpp"
#include "processors/dedup/normalize.hpp"
#include "processors/core/probe.hpp"
#include "processors/core/stage.hpp"
#include "processors/dedup/terms.hpp"

namespace wiredesk {

struct DedupOptions {
  // dedup.window: event time the index remembers.
  int64_t window_ms = 72LL * 3600 * 1000;
  // Near-identical copy under another uri: estimated Jaccard of the body
  // shingles at least this …
  double duplicate_jaccard = 0.60;
  // … or the shorter text at least this much contained in the longer one
  // (a copy that drops or adds a paragraph) with Jaccard at least
  // duplicate_min_jaccard.
  double duplicate_containment = 0.80;
  double duplicate_min_jaccard = 0.50;
  // Two texts that each have number/date tokens the other lacks — at least
  // this fraction of the smaller token set, and at least one — tell
  // different facts: not copies of each other. (A truncated or padded copy
  // lacks tokens on one side only.)
  double key_token_tolerance = 0.15;
  // Marked write-through: the shorter text at least this much contained in
  // the longer one …
  double update_containment = 0.50;
  // … or at least this much when they share a whole paragraph word for word
  // (a (종합2보) that rewrote all but the paragraphs it kept).
  double update_containment_shared_paragraph = 0.30;
  // … or at least this much under the same source's slugline (the third
  // day's (LEAD) of a plant blast keeps its background, not its paragraphs).
  double update_containment_same_slug = 0.30;
  // … or at least this much when it is the next rung (normalize.hpp,
  // next_rung) after a write-through or a (1보) bulletin under that
  // slugline at most next_rung_window_ms before it: the (2nd LD) after the
  // (LEAD), the (2보) after the (1보), the (종합) after a bulletin (a
  // night's write-throughs each rewrite the lead and the toll, and keep a
  // fifth of the text before them). Not when both name things and share no
  // name: another plant's (종합) under the slugline keeps frames as well.
  double update_containment_next_rung = 0.15;
  int64_t next_rung_window_ms = 12LL * 3600 * 1000;
  // A (1보) bulletin with sentences of its own is rewritten as any
  // write-through is: a marked write-through that keeps update_containment
  // of it is its update, with or without a slugline (a one-sentence flash
  // is left to flash_of).
  bool bulletin_rewritten = true;
  // … or keeps update_containment_shared_paragraph of it and its first
  // paragraph (opening Jaccard at least this; 0 turns it off).
  double bulletin_opening_kept = 0.6;
  // A marked write-through at the level of an earlier one (a second (2nd LD))
  // is a resend of it — a duplicate — only at this Jaccard or above; below
  // it the text changed and it is a new top (an update).
  double resend_jaccard = 0.90;
  // A killed item sent again by its source under a new uri with the error
  // put right (the county, the suspect's age) reads as a copy of it: it is
  // the story's next version (an update), not a duplicate. An outlet's copy
  // of the killed item, or the same bytes again, stays a duplicate.
  bool reissue_after_kill = true;
  // A copy cut to its first paragraphs (often under its own headline): its
  // first paragraph is the earlier item's (Jaccard at least this) …
  double truncated_copy_opening = 0.50;
  // … it is at least this much contained in the earlier item, and it has
  // no more than one number or date that the earlier one lacks …
  double truncated_copy_containment = 0.60;
  // … or no more than truncated_copy_close_own_facts of them when its first
  // paragraph is nearly the earlier one's (opening Jaccard at least
  // truncated_copy_close_opening): an outlet that cuts a story short often
  // adds a sentence of its own context (a date, a figure). The next edition
  // of a recurring report changes the figures of its first paragraph too,
  // which keeps its opening below this.
  double truncated_copy_close_opening = 0.85;
  // A copy with a few words of its first paragraph changed (12 of the 16
  // opening values) is as close when it keeps every number and date of the
  // earlier item's headline and first paragraph: the next edition of a
  // recurring report changes them.
  double truncated_copy_kept_facts_opening = 0.75;
  int truncated_copy_close_own_facts = 3;
  // A copy cut short that adds a line of its own to the earlier item's
  // first paragraph, kept word for word: contained at least this much.
  double truncated_copy_own_line_containment = 0.40;
  // A write-through keeps most numbers and dates of what it rewrites: when
  // it comes write_through_fact_check_after_ms or later and more than this
  // fraction of them (and more than 2) are gone, it is the next edition of a
  // report written to the same pattern (tomorrow's market wrap), not an update.
  double write_through_dropped_facts = 0.35;
  int64_t write_through_fact_check_after_ms = 12LL * 3600 * 1000;
  // A recurring report's next edition comes within this of a whole number
  // of days after the earlier edition.
  int64_t daily_slot_ms = 2LL * 3600 * 1000;
  // Read as the earlier text with its figures changed, half a day later, an
  // item is that report's next edition when it comes in the daily slot or
  // opens with the earlier first paragraph's words (at least this Jaccard);
  // otherwise it is the story's next development, told over the same
  // background at another hour with a lead of its own: an update.
  double next_edition_opening = 0.5;
  // An item that nothing else links (unmarked, a bulletin with sentences or
  // a write-through; no kill, hold or article of its own such as an
  // interview), under the slugline of an earlier item of its source at most
  // follow_up_window_ms before it, is that item's story's next development
  // (an update) when it shares names of weight follow_up_names at least
  // (names.hpp: 2 a name, 1 a Hangul word of two syllables) and the shorter
  // text is at least follow_up_containment contained in the longer (the
  // day-2 raid after the blast: a new lead, the story's company and a
  // background sentence). A look-alike on the same frames shares the
  // frames, not the names. In the daily slot (half a day or more later) it
  // is a report's next edition, not a follow-up.
  int64_t follow_up_window_ms = 48LL * 3600 * 1000;
  // Up to this long when it does not come at the earlier item's hour of
  // the day (daily_slot_ms): a case's indictment or a merger's investment
  // plan on the third day, but not the third day's standings of a cup.
  int64_t follow_up_late_window_ms = 72LL * 3600 * 1000;
  double follow_up_containment = 0.20;
  int follow_up_names = 4;
  // Or, with fewer names, when it names a place the item names (the town,
  // the island, the industrial complex: names.hpp) and that item is of a
  // developing story — a flash, a write-through or an update of another
  // item — not a report that comes back every day over the same towns. The
  // next day's item that names only the town and the kind of event ("oil
  // from the tanker collision off Yeosu reaches fish farms"). Another fire
  // in another town names another place; one in another part of the town
  // names a part the story never named (가경동, Goha Island); one at another
  // company names it (names_set_apart): none goes on the story.
  bool follow_up_by_place = true;
  // Never on a report (no item of a developing story) when the item's
  // headline names the town it was filed from and the report's story named
  // none of the item's towns (as far as its entries' kept names tell: eight
  // names leave no slot for a place): the regional edition of the weekly
  // pump prices (대전=연합뉴스, "대전 주유소 휘발유 가격 3주 연속 상승")
  // under the national edition's slugline, with its frames and its
  // vocabulary (주유소, 휘발유), is a story of its own.
  bool follow_up_town_edition = true;
  // Never when both give the score of a game (story_score()) and the scores
  // differ: the same clubs' next game, or another game of the cup, is told
  // on the last report's frames and names what it named, under the
  // competition's slugline; each result is a story of its own.
  bool follow_up_score = true;
  // Never when each headline names, in Latin script, someone or something
  // the other item does not name at all (names.hpp, headlines_apart): two
  // nominations on one frame under the reshuffle's slugline minutes apart
  // share the president, the frame and a word or two, not the nominee.
  bool follow_up_headlines_apart = true;
  // A headline-only flash too, by names alone (follow_up_names of them, no
  // place or earlier day): "[속보] 법원, '214억 전세사기' 총책 구속영장 발부"
  // under the case's slugline is its next stage, as the recount's result is
  // the race's. A new event's flash names the kind, not the story's names.
  // With no slugline, the flash asks the names below (the court's flash on
  // the singer's injunction, dedup-blind95).
  bool follow_up_flash = true;
  // With no slugline (feeds that send none), among the earlier items of its
  // source that its text found, when it shares names of this weight at
  // least: a Latin name in both headlines (4) and another, or three Korean
  // own names (a university, its dean, his post: 2 each). 8 asked for two
  // Latin names and missed most Korean next days (dedup-blind93, 95); 4
  // merged a look-alike. 0 turns it off.
  int follow_up_unslugged_names = 6;
  // ... looked for, beyond the items its text found, among the newest
  // items of its source whose first name it names (the slug table's link
  // of an item with no slugline): a next day retold in new words shares
  // too little text for the bands.
  bool follow_up_by_first_name = true;
  // ... or, with names of follow_up_names at least, when it also names a
  // place of an earlier item of a developing story (a flash, a
  // write-through, an update): the next morning's "추자도 여객선 화재
  // 실종자 2명 숨진 채 발견" names the ferry and the island its (종합)
  // named. Another boat or plant in that town names none of its names.
  bool follow_up_unslugged_by_place = true;
  // Or, with no name to go on at all, when its first paragraph tells of an
  // earlier day ("the missile it fired a day earlier", 전날 귀순한) and the
  // shorter text is at least this much contained in the longer, an item of a
  // developing story under the slugline: the JCS's next-morning analysis of
  // a launch, the questioning of a soldier the day after he crossed. Never
  // a flash: a new launch's flash may recall the day before. 0 turns it
  // off.
  double follow_up_earlier_day_containment = 0.25;
  // Unmarked write-through: the earlier text at least this much contained in
  // the new one, which adds to it (at least unmarked_update_growth more
  // distinct shingles), with Jaccard at least update_min_jaccard.
  double unmarked_update_containment = 0.80;
  double unmarked_update_growth = 0.15;
  double update_min_jaccard = 0.40;
  // A flash after a flash of its source is its copy or its update only
  // when it keeps at least this much of it: every word (one of a short
  // flash dropped is another place or another figure). 0 turns it off.
  double flash_after_flash_containment = 0.95;
  // Flash followed by its story: the flash's headline + sentence at least
  // flash_lead_containment contained in the story's headline + first
  // sentence (the flash is one sentence: its whole-text containment is too
  // noisy to decide on, so it only has to reach flash_containment), and the
  // story at most flash_window_ms after the flash. The flash's numbers and
  // dates must all be in the story's headline + first sentence too.
  double flash_lead_containment = 0.85;
  double flash_lead_containment_marked = 0.75;  // … when the item is a marked write-through
  double flash_containment = 0.30;
  int64_t flash_window_ms = 3LL * 3600 * 1000;
  // Flash followed by its story, by terms (terms.hpp): at least this
  // fraction of the flash's words in the story's headline and first two
  // paragraphs, and every number of the flash there too (one may be missing
  // when the flash has four or more).
  double flash_term_coverage = 0.6;
  // … or this fraction when the flash's numbers corroborate it: two or more,
  // one of them of two digits or more (a time, a toll, a sum), all there.
  double flash_term_coverage_with_numbers = 0.45;
  // … and at least this many of its words found (one fewer with numbers).
  size_t flash_min_words = 4;
  // … or one fewer, three at least, when they are every word of the flash
  // or the item shares follow_up_names of its names (the man and his post).
  bool flash_few_words_sure = true;
  // … and at least this fraction of its words anywhere in the item.
  double flash_whole_coverage = 0.75;
  // … or, in place of that, names of the flash's shared with the item of
  // follow_up_unslugged_names at least: the story after "(URGENT) Top
  // court upholds 5-year prison term for Taeyul Group chairman" names the
  // group and its chairman, and tells the rest in words of its own
  // ("finalizes", "sentence"). Another event of the kind names others.
  bool flash_named_story = true;
  // A flash's figures must all be in the item's opening, or all but one of
  // four or more: another fire's toll sets its story apart. With this, one
  // of two or three that the item tells further down does not (the
  // "[속보] … 선원 9명 실종" whose (1보) counts the nine aboard in its fourth
  // paragraph: dedup-blind95); it backs no link either.
  bool flash_figure_further_down = true;
  // A marked write-through under the flash's slugline ((URGENT) "Fire breaks
  // out at cold-storage warehouse in Incheon", then "(LEAD) 1 dead, 4
  // missing as fire engulfs Incheon cold-storage warehouse" with every
  // sentence rewritten): this fraction of the flash's headline words, at
  // least flash_min_words of them, in its headline and first two
  // paragraphs. The (2nd LD) after it goes on the (LEAD) by
  // update_containment_next_rung.
  double flash_headline_coverage_same_slug = 0.5;
  // A flash whose story has come in the item's script links no later item
  // (it is part of that story, which the content rules find, or a reaction
  // on the subject), but the first write-through of the flash's service
  // that tells the flash by its words when the content rules find it
  // nothing: the (LEAD) an hour on that rewrote every sentence of the
  // story it rewrites.
  bool followed_flash_rewrite = true;
  // … from a sister service in another script (the Korean flash, then the
  // English story): this fraction of the flash's glossary concepts, at least
  // flash_min_concepts of them, within flash_cross_window_ms.
  // An unmarked story follows its flash within this time (wires send the
  // full story 5-30 minutes after the flash); a marked write-through may
  // come as late as flash_window_ms.
  int64_t flash_story_window_ms = 90LL * 60 * 1000;
  double flash_concept_coverage = 0.6;
  size_t flash_min_concepts = 2;
  int64_t flash_cross_window_ms = 1LL * 3600 * 1000;
  // Without two numbers, flash_min_concepts + 2 concepts at three quarters
  // tell the event; one fewer when one of those found is the flash's town
  // (places.inc): "[속보] 울산 석유화학단지 화학공장서 불" and "Fire breaks
  // out at chemical plant in Ulsan" share a town, a plant's kind and a fire.
  bool flash_cross_place = true;
  // The sister service's first story (unmarked: its write-throughs follow
  // it by the content rules) may come as late as flash_window_ms (an hour
  // and a half, two and a half after the Korean flash): past
  // flash_cross_window_ms its concepts tell with the flash's town among
  // them (flash_min_concepts + 1 at three quarters, as above; North
  // Korea's next launch two hours on shares as many concepts with the last
  // one's flash, not a town). A write-through of the sister service half a
  // day's thread on is its own flash's (dedup-blind59).
  bool flash_cross_late = true;
  // ... and that first story may tell a figure of the flash's as it stands
  // later ("2명 사망" in the flash, "4 killed" an hour on), when the flash's
  // town and flash_min_concepts + 2 of its concepts at three quarters tell
  // the event.
  bool flash_cross_figure_moved = true;
  // An unmarked story within flash_story_window after a flash under the
  // same slugline, when no flash links by the rules above: the desk
  // rewrites the flash as it learns more ("[속보] 라온셀텍 도현석 회장 전격
  // 사퇴", then "'EV 배터리 리콜 책임' 라온셀텍 도현석 회장 물러나";
  // "(URGENT) Crypto exchange founder gets 12 years in prison for fraud",
  // then "Vantal founder Kang Tae-oh jailed for 12 yrs"). This fraction of
  // the flash's words, two at least, in the story's headline and first two
  // paragraphs, with every figure of the flash's there or a name shared
  // with it: the next verdict under the slugline, another man's with
  // another figure, and another event's flash, which shares only the
  // kind's words, are left alone.
  double flash_story_coverage_same_slug = 0.25;
  // Never a flash of another town, nor a write-through of an item of
  // another town by the slugline alone (update_containment_same_slug): when
  // both name a town or county (names.hpp, places) and none is the same, it
  // is that town's own event. Another county's wildfire an hour after the
  // first one's flash, on the same sentence frame and naming the first in
  // passing, opens its own story; the first fire's (2보) goes on the first
  // fire's items, not on the other county's.
  bool towns_apart = true;
  // Index bounds (IndexOptions).
  size_t max_entries = 4'000'000;
  int64_t max_future_ms = 24LL * 3600 * 1000;
  int64_t hot_window_ms = 0;  // dedup.hot_window (IndexOptions::hot_window_ms)
};

// "yonhap" for Yonhap's services (uri urn:yna:…, or a source naming
// Yonhap/연합뉴스), else the normalized source name, else the uri's authority.
std::string source_family(const WireItem& item);

// Paragraphs of an item's opening (DedupWork::opening).
inline constexpr size_t kOpeningParagraphs = 2;

// What the stage works out from an item alone (Dedup::prepare): its
// normalized text, fingerprint, the index entry it will become (all but the
// decision) and the terms a flash is matched against.
struct DedupWork {
  NormalizedItem normalized;
  Fingerprint fp;
  IndexEntry entry;
  TermSet opening;  // headline and first kOpeningParagraphs paragraphs
  TermDigest opening_digest;  // of `opening`
  // Headline and every paragraph: the longest list, asked only when an
  // item's opening already covers a flash of its script, so made then
  // (whole_terms(), on the finishing thread), not for every item.
  TermSet whole;
  bool whole_made = false;
  const TermSet& whole_terms();
  // A kill or hold notice: the uris its text names (referenced_uris()), and
  // the headline hashes of what it quotes (quoted_headlines()).
  std::vector<std::string> references;
  std::vector<uint64_t> quoted;
  bool correction = false;  // says_correction()
  // Every name of the headline and first paragraph (story_names()); the
  // entry keeps the first kStoryNames.
  NameList names;
  // Its first paragraph tells of an earlier day (tells_an_earlier_day());
  // read only for an item under a slugline that is no flash.
  bool looks_back = false;
  // A flash that is its headline alone ([속보] …): too few words to go on a
  // flash or to be told by its names.
  bool headline_only_flash() const {
    return (entry.markers & marker::flash) && normalized.paragraphs.empty();
  }
};

// Whether an item says it corrects an earlier one: a correction marker in
// its headline ((CORRECTED), (정정), "(LEAD, ATTN: CORRECTS …)"), or a ninjs
// editor's note (ednote) that says so.
bool says_correction(const WireItem& item, uint8_t markers);

// What a kill or hold notice under its own uri names, in the order found:
// uris in its headline, body and editor's note (urn:…, tag:…, http…), and
// agency ids that are uris under the notice's own scheme (the notice
// urn:yna:AEN20261201009900315 naming AEN20261201000300315 names
// urn:yna:AEN20261201000300315). Never the notice's own uri.
std::vector<std::string> referenced_uris(const WireItem& item);

// The hash a headline is found by (IndexEntry::headline_hash): of its
// normalized text without markers; 0 (none) for a headline of one word.
uint64_t headline_hash(std::string_view normalized_headline);

// The hash an item's slugline is found by (IndexEntry::slug_hash): of its
// source family and its slugline's words, case folded, without a flash's
// or a write-through's mark ("URGENT-", "(LEAD)", "(2nd LD)") and joined
// by one '-' whatever separated them; 0 without one.
uint32_t slug_hash(std::string_view source_family, std::string_view slugline);

// Headline hashes of the quoted passages of a notice's body and editor's note
// ("…", '…' as Korean copy quotes headlines, “…”, ‘…’, 「…」, 『…』, 《…》,
// 〈…〉), normalized as headlines are. A stray apostrophe only makes a passage
// that matches no headline.
std::vector<uint64_t> quoted_headlines(const WireItem& item);

class Dedup final : public Stage {
 public:
  // Without an index, makes one from the options (window, max_entries,
  // max_future_ms); a given index keeps its own IndexOptions.
  explicit Dedup(DedupOptions options = {}, std::shared_ptr<DedupIndex> index = nullptr);

  std::string_view name() const override { return "dedup"; }
  // Normalizes and fingerprints (ctx.dedup_work); any thread.
  StageStatus prepare(ItemContext& ctx) const override;
  // Decides against the index and inserts, in input order.
  StageStatus process(ItemContext& ctx) override;

  // The index, for the app to restore, follow and publish (dedup_index.hpp).
  DedupIndex& index() { return *index_; }
  std::shared_ptr<DedupIndex> shared_index() const { return index_; }
  const DedupOptions& options() const { return options_; }
  // Reports index entries and bytes after every insert. Set before use.
  void set_probe(Probe* probe) { probe_ = probe; }
  // Makes every index change (an entry inserted, keys evicted) a state write
  // of the item being processed (ItemContext::state_writes), for the index
  // topic. Set before use; the index's change listeners are this stage's.
  void write_state();

  struct Decision {
    Verdict verdict = Verdict::fresh;
    std::string story;
    std::string story_family;
    std::string of;
    std::optional<double> similarity;
    // Stories the item is the next edition of (a daily report's next day):
    // the follow-up rule takes none of them (views of index records, valid
    // while the index session lasts).
    std::array<std::string_view, 4> editions{};
    size_t edition_count = 0;
  };

 private:
  Decision decide_by_version(const DedupIndex::Session& session,
                             const std::vector<const IndexRecord*>& versions,
                             const IndexEntry& item) const;
  Decision decide_by_content(const DedupIndex::Session& session,
                             const std::vector<const IndexRecord*>& candidates,
                             const IndexEntry& item, const Fingerprint& fp) const;
  // The flash this item is the story of, when it is one (see DedupOptions).
  // The terms a flash links its story by (terms.hpp): those of its headline
  // and body, or without its headline's quotes when enough words stay.
  TermSet flash_terms_of(const WireItem& item, const NormalizedItem& normalized) const;
  // The earlier item under the item's slugline whose story an unmarked item,
  // a bulletin with sentences of its own or a write-through goes on
  // (DedupOptions::follow_up_window_ms), or null; never one of the stories
  // `content` found the item the next edition of. `contained`: the shorter
  // text's containment in the longer.
  const IndexRecord* follow_up_of(const DedupIndex::Session& session, const DedupWork& work,
                                  const Decision& content,
                                  const std::vector<const IndexRecord*>& near,
                                  double& contained) const;
  // `unlinked`: the content rules found the item nothing to update.
  const IndexRecord* flash_of(const DedupIndex::Session& session, DedupWork& work, bool unlinked,
                              double& coverage) const;

  DedupOptions options_;
  std::shared_ptr<DedupIndex> index_;
  Probe* probe_ = nullptr;
  std::shared_ptr<StateWriteBuffer> writes_;  // set by write_state()
};

}  // namespace wiredesk
