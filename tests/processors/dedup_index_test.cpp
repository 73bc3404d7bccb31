#include "processors/dedup/dedup_index.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "processors/core/event_time.hpp"
#include "processors/core/markers.hpp"
#include "processors/decode/decode.hpp"
#include "support/fixtures.hpp"

namespace wiredesk {
namespace {

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kT0 = 1793700000000;  // 2026-11-02

// 300 random words of 3-8 letters: unrelated texts share next to nothing.
std::string story_text(unsigned seed) {
  std::mt19937 rng(seed);
  std::string text;
  for (int i = 0; i < 300; ++i) {
    const size_t letters = 3 + rng() % 6;
    for (size_t k = 0; k < letters; ++k) text.push_back(static_cast<char>('a' + rng() % 26));
    text.push_back(' ');
  }
  return text;
}

IndexEntry entry(const std::string& uri, int64_t event_ms, unsigned seed = 1,
                 std::string version = "1") {
  IndexEntry e;
  e.uri = uri;
  e.version = std::move(version);
  e.story = uri;
  e.source_family = "yonhap";
  e.story_family = "yonhap";
  e.event_ms = event_ms;
  const Fingerprint fp = fingerprint(normalize_item("headline " + uri, story_text(seed)));
  e.content_hash = fp.content_hash;
  e.sketch = fp.sketch;
  e.origin = {"wire.items", 0, static_cast<int64_t>(seed)};
  return e;
}

IndexOptions options_at(int64_t now) {
  IndexOptions o;
  o.wall_clock = [now] { return now; };
  return o;
}

TEST(SharedText, HoldersShareOneCopyThatGoesWithTheLast) {
  SharedText none;
  EXPECT_FALSE(none);
  EXPECT_EQ(*none, "");
  EXPECT_EQ(none.use_count(), 0u);
  EXPECT_EQ(none.heap_bytes(), 0u);

  SharedText a = SharedText::make("urn:yna:AEN20261201000100315");
  EXPECT_TRUE(a);
  EXPECT_EQ(*a, "urn:yna:AEN20261201000100315");
  {
    SharedText b = a;  // NOLINT(performance-unnecessary-copy-initialization)
    SharedText c;
    c = b;
    EXPECT_EQ(a.use_count(), 3u);
    EXPECT_EQ((*c).data(), (*a).data()) << "one copy of the characters";
    SharedText d = std::move(c);
    EXPECT_FALSE(c);  // NOLINT(bugprone-use-after-move): moved-from is null
    EXPECT_EQ(a.use_count(), 3u);
  }
  EXPECT_EQ(a.use_count(), 1u);
  EXPECT_EQ(*SharedText::make(""), "");
  a.reset();
  EXPECT_FALSE(a);
}

TEST(ShortText, ShortTextsLiveInPlaceAndLongOnesOnTheHeap) {
  ShortText none;
  EXPECT_EQ(*none, "");
  EXPECT_EQ(none.heap_bytes(), 0u);
  EXPECT_EQ(sizeof(ShortText), sizeof(void*));

  for (const std::string text : {"", "1", "12", "1234567", "12345678", "20261201T093000+0900"}) {
    ShortText t(text);
    EXPECT_EQ(*t, text);
    EXPECT_EQ(t.heap_bytes(), text.size() <= ShortText::kInPlace ? 0 : 4 + text.size()) << text;
    ShortText copy = t;
    EXPECT_EQ(*copy, text);
    if (t.heap_bytes() > 0) {
      EXPECT_NE((*copy).data(), (*t).data()) << "a copy of its own";
    }
    ShortText moved = std::move(copy);
    EXPECT_EQ(*moved, text);
    EXPECT_EQ(*copy, "");  // NOLINT(bugprone-use-after-move): moved-from is empty
    // Assigned from its own text, in place or not.
    moved = *moved;
    EXPECT_EQ(*moved, text);
    moved = std::string_view("2");
    EXPECT_EQ(*moved, "2");
    moved = t;
    EXPECT_EQ(*moved, text);
    moved.clear();
    EXPECT_EQ(*moved, "");
  }
}

// Story and `of` name other entries: the index keeps one copy of each uri.
TEST(DedupIndex, EntriesShareTheUrisTheyName) {
  DedupIndex index(options_at(1'000'000));
  const int64_t t = 500'000;
  IndexEntry first = entry("urn:first", t, 1);
  IndexEntry second = entry("urn:second", t + 1, 2);
  second.story = "urn:first";
  second.of = "urn:first";
  {
    auto session = index.session();
    ASSERT_TRUE(session.insert(first));
    ASSERT_TRUE(session.insert(second));
    const IndexRecord* a = session.find("urn:first", "1");
    const IndexRecord* b = session.find("urn:second", "1");
    ASSERT_TRUE(a && b);
    EXPECT_EQ((*b->story).data(), (*a->uri).data());
    EXPECT_EQ((*b->of).data(), (*a->uri).data());
    EXPECT_EQ(a->uri.use_count(), 4u);  // its uri and story, the other's story and of
    EXPECT_EQ(session.entry(*b).story, "urn:first");
  }
  EXPECT_TRUE(index.erase(index_key("urn:first", "1")));
  auto session = index.session();
  const IndexRecord* b = session.find("urn:second", "1");
  ASSERT_TRUE(b);
  EXPECT_EQ(*b->story, "urn:first") << "kept by the entries that still name it";
  EXPECT_EQ(b->story.use_count(), 2u);
}

TEST(IndexKey, IsUriBarVersionWithEscapes) {
  EXPECT_EQ(index_key("urn:yna:AEN1", "2"), "urn:yna:AEN1|2");
  EXPECT_EQ(index_key("a|b", "c"), "a\\|b|c");
  EXPECT_NE(index_key("a|b", "c"), index_key("a", "b|c"));
  EXPECT_EQ(index_key("a\\", "1"), "a\\\\|1");
}

TEST(IndexSerialization, RoundTripKeepsEveryField) {
  IndexEntry e = entry("https://www.x.example/a?idxno=1", kT0, 7, "3");
  e.story = "urn:yna:AEN20261103001200315";
  e.of = "urn:yna:AEN20261103001500315";
  e.source_family = "the seoul ledger";
  e.markers = marker::write_through | marker::correction;
  e.level = 2;
  e.pubstatus = PubStatus::withheld;
  e.origin = {"wire.yonhap.en", 5, 123456789012};
  e.verdict = Verdict::duplicate;
  e.similarity = 0.984;
  e.sketch.opening[3] = 0xABCD;
  e.sketch.opening_shingles = 41;
  e.script = kScriptCjk;
  e.flash_terms = {7, 0x80000009u, 0x40000003u};
  e.headline_hash = 0x1234567890abcdefULL;
  e.slug_hash = 0x9abcdef0u;
  e.names = {0x1111, 0x2222, 0x3333, 0, 0, 0, 0, 0};
  e.headline_names = 2;
  e.score = 0xB00F;

  const std::string bytes = serialize(e);
  EXPECT_EQ(bytes[0], '\x08');
  EXPECT_LT(bytes.size(), 700u);
  const std::optional<IndexEntry> back = deserialize(bytes);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->uri, e.uri);
  EXPECT_EQ(back->version, e.version);
  EXPECT_EQ(back->story, e.story);
  EXPECT_EQ(back->of, e.of);
  EXPECT_EQ(back->source_family, e.source_family);
  EXPECT_EQ(back->story_family, e.story_family);
  EXPECT_EQ(back->event_ms, e.event_ms);
  EXPECT_EQ(back->content_hash, e.content_hash);
  EXPECT_EQ(back->sketch.body, e.sketch.body);
  EXPECT_EQ(back->sketch.lead, e.sketch.lead);
  EXPECT_EQ(back->sketch.body_shingles, e.sketch.body_shingles);
  EXPECT_EQ(back->sketch.lead_shingles, e.sketch.lead_shingles);
  EXPECT_EQ(back->sketch.key_tokens, e.sketch.key_tokens);
  EXPECT_EQ(back->sketch.lead_tokens, e.sketch.lead_tokens);
  EXPECT_EQ(back->sketch.paragraphs, e.sketch.paragraphs);
  EXPECT_EQ(back->markers, e.markers);
  EXPECT_EQ(back->level, e.level);
  EXPECT_EQ(back->pubstatus, e.pubstatus);
  EXPECT_EQ(back->origin.to_string(), e.origin.to_string());
  EXPECT_EQ(back->verdict, e.verdict);
  EXPECT_EQ(back->similarity, e.similarity);
  EXPECT_EQ(back->sketch.opening, e.sketch.opening);
  EXPECT_EQ(back->sketch.opening_shingles, e.sketch.opening_shingles);
  EXPECT_EQ(back->script, e.script);
  EXPECT_EQ(back->flash_terms, e.flash_terms);
  EXPECT_EQ(back->headline_hash, e.headline_hash);
  EXPECT_EQ(back->slug_hash, e.slug_hash);
  EXPECT_EQ(back->names, e.names);
  EXPECT_EQ(back->headline_names, e.headline_names);
  EXPECT_EQ(back->score, e.score);
  EXPECT_EQ(serialize(*back), bytes);

  // Format 7 is format 8 without the score, format 6 format 7 without the
  // count of headline names, format 5 format 6 without the names, format 4
  // format 5 without the slug hash, format 3 format 4 without the headline
  // hash.
  std::string format7 = bytes.substr(0, bytes.size() - 2);
  format7[0] = 7;
  const auto seven = deserialize(format7);
  ASSERT_TRUE(seven);
  EXPECT_EQ(seven->headline_names, e.headline_names);
  EXPECT_EQ(seven->score, 0);
  std::string format6 = format7.substr(0, format7.size() - 1);
  format6[0] = 6;
  const auto six = deserialize(format6);
  ASSERT_TRUE(six);
  EXPECT_EQ(six->names, e.names);
  EXPECT_EQ(six->headline_names, 0);
  std::string format5 = format6.substr(0, format6.size() - 2 * kStoryNames);
  format5[0] = 5;
  const auto five = deserialize(format5);
  ASSERT_TRUE(five);
  EXPECT_EQ(five->names, StoryNames{});
  EXPECT_EQ(five->slug_hash, e.slug_hash);
  std::string format4 = format5.substr(0, format5.size() - 4);
  format4[0] = 4;
  const auto four = deserialize(format4);
  ASSERT_TRUE(four);
  EXPECT_EQ(four->slug_hash, 0u);
  EXPECT_EQ(four->headline_hash, e.headline_hash);
  std::string format3 = format5.substr(0, format5.size() - 12);
  format3[0] = 3;
  const auto three = deserialize(format3);
  ASSERT_TRUE(three);
  EXPECT_EQ(three->headline_hash, 0u);
  EXPECT_EQ(three->flash_terms, e.flash_terms);

  e.similarity.reset();
  EXPECT_FALSE(deserialize(serialize(e))->similarity);
}

TEST(IndexSerialization, RejectsWhatItCannotFullyRead) {
  const std::string bytes = serialize(entry("urn:a", kT0));
  EXPECT_FALSE(deserialize(""));
  EXPECT_FALSE(deserialize(bytes.substr(0, bytes.size() - 1)));  // truncated
  EXPECT_FALSE(deserialize(bytes + "x"));                         // trailing bytes
  std::string other_format = bytes;
  other_format[0] = 9;
  EXPECT_FALSE(deserialize(other_format));
  // More headline names than an entry keeps (the byte before the score).
  std::string too_many = bytes;
  too_many[too_many.size() - 3] = static_cast<char>(kStoryNames + 1);
  EXPECT_FALSE(deserialize(too_many));
  std::string other_scheme = bytes;
  other_scheme[1] ^= 0x55;
  EXPECT_FALSE(deserialize(other_scheme));
  EXPECT_FALSE(deserialize(std::string(40, '\x01')));
}

// An event time no timestamp or clock gives is corrupt state: taken in, the
// window subtracted from it overflowed (a fuzzer's finding,
// tests/fuzz/corpus/state/entry-event-time-near-int64-min). The earliest and
// latest years a timestamp can name are still read.
TEST(IndexSerialization, RejectsAnEventTimeNoTimestampCanGive) {
  for (const int64_t ms : {int64_t{-9223372036854765568}, INT64_MIN, INT64_MAX,
                           kEarliestEventMs - 1, kLatestEventMs + 1}) {
    IndexEntry e = entry("urn:a", kT0);
    e.event_ms = ms;
    EXPECT_FALSE(deserialize(serialize(e))) << ms;
  }
  for (const int64_t ms : {kEarliestEventMs, int64_t{0}, kT0, kLatestEventMs}) {
    IndexEntry e = entry("urn:a", kT0);
    e.event_ms = ms;
    const auto back = deserialize(serialize(e));
    ASSERT_TRUE(back) << ms;
    EXPECT_EQ(back->event_ms, ms);
  }
}

// Entries already in the index topic when wiredesk moved to 8-bit MinHash
// values (format 2, 16-bit values) are read, and read as today's sketch of
// the same item: the low byte of each value. Format 1 (before flash terms)
// is format 2 without opening, script and terms.
TEST(IndexSerialization, EarlierFormatsAreStillRead) {
  const std::string format2 =
      wiredesk::testing::read_file(wiredesk::testing::fixture_path("index/entry-format2.bin"));
  ASSERT_EQ(format2[0], 2);
  const auto old = deserialize(format2);
  ASSERT_TRUE(old);
  ASSERT_EQ(old->uri, "urn:test:blind5:bomb-sale-department-stores:ko");
  std::string line;
  for (const auto& l : wiredesk::testing::read_lines(
           wiredesk::testing::fixture_path("tagging-blind5/items.jsonl"))) {
    if (l.find("\"" + old->uri + "\"") != std::string::npos) line = l;
  }
  ASSERT_FALSE(line.empty());
  Decoder decoder{DecodeOptions{}};
  auto decoded = decoder.decode(line);
  ASSERT_TRUE(decoded.ok());
  const Fingerprint today =
      fingerprint(normalize_item(decoded.item().headline(), decoded.item().body_text()));
  EXPECT_EQ(old->sketch.body, today.sketch.body);
  EXPECT_EQ(old->sketch.lead, today.sketch.lead);
  EXPECT_EQ(old->sketch.opening, today.sketch.opening);
  EXPECT_EQ(old->content_hash, today.content_hash);
  // Written again, it is a format 8 entry of the same content (no headline
  // or slug hash, no names, no score: format 2 had none).
  const std::string again = serialize(*old);
  EXPECT_EQ(again[0], 8);
  EXPECT_EQ(old->headline_hash, 0u);
  EXPECT_LT(again.size(), format2.size());
  EXPECT_EQ(deserialize(again)->sketch.body, today.sketch.body);

  // Format 1: format 2 without opening sketch, script and flash terms.
  const size_t tail = 4 + 2 * kOpeningHashes + 1 + 1 + 4 * old->flash_terms.size();
  ASSERT_TRUE(old->flash_terms.empty());
  std::string format1 = format2.substr(0, format2.size() - tail);
  format1[0] = 1;
  const auto oldest = deserialize(format1);
  ASSERT_TRUE(oldest);
  EXPECT_EQ(oldest->sketch.body, today.sketch.body);
  EXPECT_EQ(oldest->sketch.opening_shingles, 0u);
  EXPECT_TRUE(oldest->flash_terms.empty());
}

// A slugline's entries are found by its hash, newest first, at most
// max_slug_chain of them; an entry without one is in no such chain.
TEST(DedupIndex, FindsTheNewestEntriesOfASlugline) {
  IndexOptions options = options_at(1'000'000);
  options.max_slug_chain = 3;
  DedupIndex index(options);
  const int64_t t = 500'000;
  auto session = index.session();
  for (int i = 0; i < 5; ++i) {
    IndexEntry e = entry("urn:s" + std::to_string(i), t + i, static_cast<unsigned>(10 + i));
    e.slug_hash = 77;
    ASSERT_TRUE(session.insert(e));
  }
  IndexEntry other = entry("urn:other", t + 9, 99);
  other.slug_hash = 78;
  ASSERT_TRUE(session.insert(other));
  ASSERT_TRUE(session.insert(entry("urn:none", t + 10, 100)));
  const auto find_slug = [&](uint32_t hash) {
    std::vector<const IndexRecord*> out;
    session.find_slug(hash, out);
    return out;
  };
  const auto found = find_slug(77);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(std::string_view(*found[0]->uri), "urn:s4");
  EXPECT_EQ(std::string_view(*found[2]->uri), "urn:s2");
  EXPECT_EQ(find_slug(78).size(), 1u);
  EXPECT_TRUE(find_slug(0).empty());
  // It appends: what the buffer held stays in front.
  std::vector<const IndexRecord*> appended{found[0]};
  session.find_slug(78, appended);
  ASSERT_EQ(appended.size(), 2u);
  EXPECT_EQ(std::string_view(*appended[1]->uri), "urn:other");
}

TEST(DedupIndex, LocalInsertFiresOnChangeAfterTheLock) {
  DedupIndex index(options_at(kT0));
  std::vector<IndexEntry> changes;
  index.set_on_change([&](const IndexEntry& e) {
    changes.push_back(e);
    EXPECT_EQ(index.size(), 1u);  // the lock is released: calling back works
  });
  {
    auto session = index.session();
    EXPECT_TRUE(session.insert(entry("urn:a", kT0)));
    EXPECT_FALSE(session.insert(entry("urn:a", kT0)));  // key present
    EXPECT_TRUE(changes.empty());                       // not while locked
  }
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].key(), "urn:a|1");
}

TEST(DedupIndex, ApplyRemoteIsIdempotentAndSilent) {
  DedupIndex index(options_at(kT0));
  int changes = 0;
  index.set_on_change([&](const IndexEntry&) { ++changes; });
  const IndexEntry e = entry("urn:a", kT0);
  const std::optional<IndexEntry> restored = deserialize(serialize(e));
  ASSERT_TRUE(restored);
  EXPECT_TRUE(index.apply_remote(*restored));
  EXPECT_FALSE(index.apply_remote(*restored));
  EXPECT_FALSE(index.apply_remote(e));
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(changes, 0);
  EXPECT_EQ(index.get("urn:a", "1")->origin.to_string(), e.origin.to_string());
}

TEST(DedupIndex, ErasesByKey) {
  DedupIndex index(options_at(kT0));
  index.apply_remote(entry("urn:a|x", kT0, 1, "1"));
  index.apply_remote(entry("urn:a|x", kT0, 2, "2"));
  EXPECT_FALSE(index.erase("urn:a|x|1"));  // unescaped bar: no such uri
  EXPECT_TRUE(index.erase(index_key("urn:a|x", "1")));
  EXPECT_FALSE(index.get("urn:a|x", "1"));
  EXPECT_TRUE(index.get("urn:a|x", "2"));
  EXPECT_EQ(index.size(), 1u);
}

// Flashes of a time range, oldest first (the later arrival last among
// equal times), whatever order they arrived in; an erased one has no record,
// and nothing that is not a flash is among them.
TEST(DedupIndex, FlashesOfAWindowComeInEventOrderWhateverTheirArrivalOrder) {
  DedupIndex index(options_at(kT0 + 10 * kHour));
  auto flash = [&](const std::string& uri, int64_t at, unsigned seed) {
    IndexEntry e = entry(uri, at, seed);
    e.markers = marker::flash;
    e.flash_terms = {seed, 0x80000000u | (seed + 1)};
    index.apply_remote(e);
  };
  flash("urn:f2", kT0 + 2 * kHour, 1);
  flash("urn:f1", kT0 + 1 * kHour, 2);  // arrives after a newer one
  flash("urn:f3a", kT0 + 3 * kHour, 3);
  flash("urn:f3b", kT0 + 3 * kHour, 4);  // the same time, later
  flash("urn:f5", kT0 + 5 * kHour, 5);   // after the window
  flash("urn:f0", kT0, 6);               // before it
  index.apply_remote(entry("urn:story", kT0 + 2 * kHour, 7));
  ASSERT_TRUE(index.erase(index_key("urn:f2", "1")));
  {
    auto session = index.session();  // holds the index's lock: get() waits for it
    std::vector<std::string> uris;
    for (const FlashRef& f : session.flashes(kT0 + 1 * kHour, kT0 + 4 * kHour)) {
      if (const IndexRecord* r = session.record(f)) uris.emplace_back(*r->uri);
    }
    EXPECT_EQ(uris, (std::vector<std::string>{"urn:f1", "urn:f3a", "urn:f3b"}));
  }
  // Each flash's terms are its own, as the list keeps them, two at the same
  // time included.
  for (const auto& [uri, seed] : {std::pair{"urn:f3a", 3u}, {"urn:f3b", 4u}, {"urn:f0", 6u}}) {
    const std::vector<uint32_t> terms = canonical_terms({seed, 0x80000000u | (seed + 1)});
    EXPECT_EQ(index.get(uri, "1")->flash_terms, terms) << uri;
  }
  EXPECT_TRUE(index.get("urn:story", "1")->flash_terms.empty());
}

// Links keep a slot in 24 bits: "no cap" and caps past what they address
// become the most they do.
TEST(DedupIndex, MaxEntriesIsAtMostWhatLinksAddress) {
  for (const size_t asked : {size_t{0}, size_t{20'000'000}}) {
    IndexOptions o;
    o.max_entries = asked;
    EXPECT_EQ(DedupIndex(o).options().max_entries, 16'000'000u);
  }
  IndexOptions o;
  o.max_entries = 5;
  EXPECT_EQ(DedupIndex(o).options().max_entries, 5u);
}

TEST(DedupIndex, WindowEvictsByEventTime) {
  IndexOptions o = options_at(kT0 + 200 * kHour);
  o.window_ms = 72 * kHour;
  DedupIndex index(o);
  std::vector<std::string> evicted;
  index.set_on_evict([&](const std::vector<std::string>& keys) {
    evicted.insert(evicted.end(), keys.begin(), keys.end());
  });
  index.apply_remote(entry("urn:old", kT0, 1));
  index.apply_remote(entry("urn:mid", kT0 + 10 * kHour, 2));
  EXPECT_EQ(index.size(), 2u);
  index.apply_remote(entry("urn:new", kT0 + 80 * kHour, 3));  // old is now 80 h behind
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(evicted, std::vector<std::string>{"urn:old|1"});
  EXPECT_FALSE(index.get("urn:old", "1"));
  EXPECT_EQ(index.newest_event_ms(), kT0 + 80 * kHour);

  // An explicit sweep returns the keys instead of firing on_evict.
  EXPECT_EQ(index.evict_expired(kT0 + 100 * kHour), std::vector<std::string>{"urn:mid|1"});
  EXPECT_EQ(evicted.size(), 1u);
  EXPECT_EQ(index.size(), 1u);
}

TEST(DedupIndex, FarFutureEventTimeCannotEmptyTheIndex) {
  DedupIndex index(options_at(kT0));  // wall clock at kT0, max_future 24 h
  index.apply_remote(entry("urn:a", kT0, 1));
  index.apply_remote(entry("urn:bogus", kT0 + 365LL * 24 * kHour, 2));
  EXPECT_TRUE(index.get("urn:a", "1"));
  EXPECT_EQ(index.newest_event_ms(), kT0 + 24 * kHour);
}

TEST(DedupIndex, MaxEntriesDropsTheOldest) {
  IndexOptions o = options_at(kT0);
  o.max_entries = 3;
  DedupIndex index(o);
  for (int i = 0; i < 5; ++i) index.apply_remote(entry("urn:" + std::to_string(i), kT0 + i, i + 1));
  EXPECT_EQ(index.size(), 3u);
  EXPECT_FALSE(index.get("urn:0", "1"));
  EXPECT_FALSE(index.get("urn:1", "1"));
  EXPECT_TRUE(index.get("urn:4", "1"));
}

TEST(DedupIndex, CandidatesComeFromBucketsNotAScan) {
  DedupIndex index(options_at(kT0));
  for (unsigned i = 0; i < 2000; ++i) {
    index.apply_remote(entry("urn:" + std::to_string(i), kT0, i + 10));
  }
  // A near copy of entry 1234 (one word changed) finds it among a handful.
  std::string text = story_text(1234 + 10);
  text.replace(0, text.find(' '), "changed");
  const Fingerprint fp = fingerprint(normalize_item("headline urn:1234", text));
  auto session = index.session();
  const auto found = session.candidates(fp);
  ASSERT_FALSE(found.empty());
  EXPECT_LT(found.size(), 20u);
  EXPECT_TRUE(std::any_of(found.begin(), found.end(),
                          [](const IndexRecord* r) { return *r->uri == "urn:1234"; }));
  // Unrelated text: nothing.
  EXPECT_TRUE(session.candidates(fingerprint(normalize_item("x", story_text(999999)))).empty());
}

// The tables double at 1,024 and 2,048 entries and move their buckets over
// later inserts: every entry stays findable by uri and by sketch meanwhile.
TEST(DedupIndex, LookupsWorkWhileTablesGrow) {
  DedupIndex index(options_at(kT0));
  std::vector<IndexEntry> entries;
  for (unsigned i = 0; i < 2600; ++i) entries.push_back(entry("urn:" + std::to_string(i), kT0, i));
  std::mt19937 rng(3);
  for (size_t i = 0; i < entries.size(); ++i) {
    index.apply_remote(entries[i]);
    if (i % 7 == 0) {
      ASSERT_TRUE(index.erase(entries[i].key()));
    }
    const size_t probe = rng() % (i + 1);
    auto session = index.session();
    const IndexRecord* found = session.find(entries[probe].uri, "1");
    ASSERT_EQ(found != nullptr, probe % 7 != 0) << i << " " << probe;
    if (!found) continue;
    const auto candidates = session.candidates({entries[probe].content_hash, entries[probe].sketch});
    ASSERT_TRUE(std::any_of(candidates.begin(), candidates.end(),
                            [&](const IndexRecord* r) { return r == found; }))
        << i << " " << probe;
  }
  EXPECT_EQ(index.size(), 2600u - 372u);
}

// Source families and topics are numbered once: records hold the number,
// compared as such, and the name comes back whole.
TEST(DedupIndex, NamesAreNumberedOnceAndComeBack) {
  DedupIndex index(options_at(kT0 + 100 * kHour));
  IndexEntry a = entry("urn:a", kT0, 1);
  IndexEntry b = entry("urn:b", kT0 + kHour, 2);
  b.source_family = "the seoul ledger";
  b.story_family = "yonhap";
  b.origin = {"wire.partners", 3, 77};
  index.apply_remote(a);
  index.apply_remote(b);
  {
    auto session = index.session();
    const IndexRecord* ra = session.find("urn:a", "1");
    const IndexRecord* rb = session.find("urn:b", "1");
    ASSERT_TRUE(ra && rb);
    EXPECT_EQ(ra->source_family, session.interned("yonhap"));
    EXPECT_EQ(rb->story_family, ra->source_family);
    EXPECT_NE(rb->source_family, ra->source_family);
    EXPECT_EQ(session.name(rb->source_family), "the seoul ledger");
    EXPECT_EQ(session.name(rb->topic), "wire.partners");
    EXPECT_EQ(session.interned("nobody"), kNoName);
    EXPECT_TRUE(session.same_origin(*rb, {"wire.partners", 3, 77}));
    EXPECT_FALSE(session.same_origin(*rb, {"wire.items", 3, 77}));
    EXPECT_FALSE(session.same_origin(*rb, {"wire.partners", 3, 78}));
    EXPECT_FALSE(session.same_origin(*ra, {"wire.partners", 3, 77}));
  }
  const auto back = index.get("urn:b", "1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->source_family, "the seoul ledger");
  EXPECT_EQ(back->story_family, "yonhap");
  EXPECT_EQ(back->origin.topic, "wire.partners");
}

TEST(DedupIndex, StoryStringsAreSharedAndSurviveTheFirstItem) {
  IndexOptions o = options_at(kT0 + 100 * kHour);
  DedupIndex index(o);
  index.apply_remote(entry("urn:first", kT0, 1));
  IndexEntry update = entry("urn:lead", kT0 + 60 * kHour, 2);
  update.story = "urn:first";
  index.apply_remote(update);
  index.apply_remote(entry("urn:later", kT0 + 80 * kHour, 3));  // evicts urn:first
  EXPECT_FALSE(index.get("urn:first", "1"));
  EXPECT_EQ(index.get("urn:lead", "1")->story, "urn:first");
  EXPECT_GT(index.memory_bytes(), 0u);
}

// What finds an entry by its lead bands alone (no body, opening, paragraphs
// or content).
Fingerprint lead_only(const IndexEntry& e) {
  Fingerprint fp;
  fp.sketch.lead = e.sketch.lead;
  fp.sketch.lead_shingles = e.sketch.lead_shingles;
  return fp;
}

// What finds an entry by the second half of its body bands alone: the
// first half's values changed, so that none of its bands match.
Fingerprint second_half_of_body(const IndexEntry& e) {
  Fingerprint fp;
  fp.sketch.body = e.sketch.body;
  for (size_t i = 0; i < kBodyHashes / 2; ++i) fp.sketch.body[i] ^= 0x5A;
  fp.sketch.body_shingles = e.sketch.body_shingles;
  return fp;
}

bool finds(const std::vector<const IndexRecord*>& found, const std::string& uri) {
  return std::any_of(found.begin(), found.end(),
                     [&](const IndexRecord* r) { return *r->uri == uri; });
}

// dedup.hot_window: an entry more than the hot window behind the newest
// leaves the tables of the second half of its body bands (no longer found by
// them) and keeps its whole sketch and every other table.
TEST(DedupIndex, EntriesBehindTheHotWindowGoColdAndKeepWhatFindsCopies) {
  IndexOptions o = options_at(kT0 + 100 * kHour);
  o.hot_window_ms = 12 * kHour;
  DedupIndex index(o);
  const IndexEntry a = entry("urn:a", kT0, 1);
  ASSERT_GT(a.sketch.lead_shingles, 0u);
  ASSERT_NE(a.sketch.paragraphs[0], 0u);
  index.apply_remote(a);
  index.apply_remote(entry("urn:b", kT0 + 11 * kHour, 2));
  {
    auto session = index.session();
    const IndexRecord* r = session.find("urn:a", "1");
    ASSERT_TRUE(r);
    EXPECT_EQ(session.sketch(*r).lead, a.sketch.lead);
    EXPECT_EQ(session.sketch(*r).paragraphs, a.sketch.paragraphs);
    EXPECT_TRUE(finds(session.candidates(lead_only(a)), "urn:a"));
    EXPECT_TRUE(finds(session.candidates(second_half_of_body(a)), "urn:a"));
  }
  EXPECT_EQ(index.hot_size(), 2u);
  index.apply_remote(entry("urn:c", kT0 + 13 * kHour, 3));  // urn:a is 13 h behind
  // Read back from the topic with an event time already behind: cold at once.
  const IndexEntry late = entry("urn:late", kT0 - kHour, 4);
  index.apply_remote(late);
  EXPECT_EQ(index.hot_size(), 2u);  // urn:b and urn:c
  auto session = index.session();
  for (const IndexEntry* e : {&a, &late}) {
    const IndexRecord* r = session.find(e->uri, "1");
    ASSERT_TRUE(r);
    const Sketch& cold = session.sketch(*r);
    EXPECT_EQ(cold.lead, e->sketch.lead) << e->uri;
    EXPECT_EQ(cold.lead_shingles, e->sketch.lead_shingles);
    EXPECT_EQ(cold.lead_tokens, e->sketch.lead_tokens);
    EXPECT_EQ(cold.paragraphs, e->sketch.paragraphs);
    EXPECT_EQ(cold.body, e->sketch.body);
    EXPECT_EQ(cold.body_shingles, e->sketch.body_shingles);
    EXPECT_EQ(cold.opening, e->sketch.opening);
    EXPECT_EQ(cold.key_tokens, e->sketch.key_tokens);
    EXPECT_EQ(session.entry(*r).sketch.body, e->sketch.body);
    EXPECT_FALSE(finds(session.candidates(second_half_of_body(*e)), e->uri)) << e->uri;
    EXPECT_TRUE(finds(session.candidates(lead_only(*e)), e->uri)) << e->uri;
    Fingerprint by_paragraph;
    by_paragraph.sketch.paragraphs = e->sketch.paragraphs;
    EXPECT_TRUE(finds(session.candidates(by_paragraph), e->uri)) << e->uri;
    EXPECT_TRUE(finds(session.candidates({e->content_hash, e->sketch}), e->uri)) << e->uri;
    Fingerprint body_only;
    body_only.sketch.body = e->sketch.body;
    body_only.sketch.body_shingles = e->sketch.body_shingles;
    EXPECT_TRUE(finds(session.candidates(body_only), e->uri)) << e->uri;
  }
  const IndexRecord* b = session.find("urn:b", "1");
  ASSERT_TRUE(b);
  EXPECT_TRUE(finds(session.candidates(second_half_of_body(entry("urn:b", kT0 + 11 * kHour, 2))),
                    "urn:b"));
}

TEST(DedupIndex, WithoutAHotWindowEntriesStayHot) {
  DedupIndex index(options_at(kT0 + 100 * kHour));  // hot_window_ms 0: the default
  const IndexEntry a = entry("urn:a", kT0, 1);
  index.apply_remote(a);
  index.apply_remote(entry("urn:b", kT0 + 60 * kHour, 2));
  EXPECT_EQ(index.hot_size(), 2u);
  auto session = index.session();
  EXPECT_TRUE(finds(session.candidates(second_half_of_body(a)), "urn:a"));
}

// Inserts, erases and evictions with a short hot window, against a model:
// hot parts are freed and reused, and every live entry is found by its
// lead, and by the second half of its body bands exactly while it is hot.
TEST(DedupIndex, HotAndColdEntriesStayConsistentThroughEvictionAndReuse) {
  IndexOptions o = options_at(kT0 + 10000 * kHour);
  o.window_ms = 40 * kHour;
  o.hot_window_ms = 5 * kHour;
  DedupIndex index(o);
  std::mt19937 rng(11);
  std::map<std::string, IndexEntry> live;
  std::vector<std::string> evicted;
  index.set_on_evict([&](const std::vector<std::string>& k) {
    evicted.insert(evicted.end(), k.begin(), k.end());
  });
  int64_t newest = INT64_MIN;
  for (int i = 0; i < 2500; ++i) {
    // Mostly in order, some up to 8 h late (behind the hot window).
    const int64_t at = kT0 + i * kHour / 20 - static_cast<int64_t>(rng() % 4 == 0 ? rng() % (8 * kHour) : 0);
    IndexEntry e = entry("urn:" + std::to_string(i), at, static_cast<unsigned>(i + 1));
    index.apply_remote(e);
    newest = std::max(newest, at);
    live.emplace(e.key(), std::move(e));
    if (i % 9 == 4) {
      auto it = std::next(live.begin(), static_cast<std::ptrdiff_t>(rng() % live.size()));
      ASSERT_TRUE(index.erase(it->first));
      live.erase(it);
    }
    for (const auto& k : evicted) live.erase(k);
    evicted.clear();
  }
  ASSERT_EQ(index.size(), live.size());
  const size_t hot_size = index.hot_size();
  size_t hot = 0;
  auto session = index.session();
  for (const auto& [key, e] : live) {
    const IndexRecord* r = session.find(e.uri, "1");
    ASSERT_TRUE(r) << key;
    const bool is_hot = e.event_ms >= newest - o.hot_window_ms;
    hot += is_hot;
    EXPECT_EQ(session.sketch(*r).lead, e.sketch.lead) << key;
    EXPECT_TRUE(finds(session.candidates(lead_only(e)), e.uri)) << key;
    EXPECT_EQ(finds(session.candidates(second_half_of_body(e)), e.uri), is_hot) << key;
    EXPECT_TRUE(finds(session.candidates({e.content_hash, e.sketch}), e.uri)) << key;
  }
  EXPECT_EQ(hot_size, hot);
  EXPECT_GT(hot, 50u);
  EXPECT_LT(hot, live.size() / 4);
}

// The hot tables' bucket heads are sized by the hot entries alone: they
// double (and move over the following inserts) as those pass 4 per bucket
// of the 1,024 they start with, while others go cold. Every entry is found
// by the second half of its body bands exactly while it is hot, during the
// move and after it.
TEST(DedupIndex, HotTablesGrowWithTheHotEntriesAlone) {
  IndexOptions o = options_at(kT0 + 10000 * kHour);
  o.window_ms = 1000 * kHour;
  o.hot_window_ms = 300 * kHour;
  DedupIndex index(o);
  std::vector<IndexEntry> entries;
  const auto check = [&](size_t expected_hot) {
    ASSERT_EQ(index.hot_size(), expected_hot);
    auto session = index.session();
    const int64_t newest = entries.back().event_ms;
    for (const IndexEntry& e : entries) {
      const bool is_hot = e.event_ms >= newest - o.hot_window_ms;
      EXPECT_EQ(finds(session.candidates(second_half_of_body(e)), e.uri), is_hot) << e.uri;
      EXPECT_TRUE(finds(session.candidates(lead_only(e)), e.uri)) << e.uri;
    }
  };
  for (int i = 0; i < 9000; ++i) {  // 20 an hour: 6,001 hot at most
    entries.push_back(entry("urn:" + std::to_string(i), kT0 + i * kHour / 20,
                            static_cast<unsigned>(i + 1)));
    index.apply_remote(entries.back());
    if (i == 4200) check(4201);  // doubled at 4,097: old buckets still moving
  }
  check(6001);
}

TEST(DedupIndex, ManyInsertsAndEvictionsKeepTablesConsistent) {
  IndexOptions o = options_at(kT0 + 10000 * kHour);
  o.window_ms = 50 * kHour;
  DedupIndex index(o);
  std::set<std::string> live;
  std::vector<std::string> evicted;
  index.set_on_evict([&](const std::vector<std::string>& k) { evicted = k; });
  for (int i = 0; i < 3000; ++i) {
    evicted.clear();
    index.apply_remote(entry("urn:" + std::to_string(i), kT0 + i * kHour / 10, i % 200 + 1));
    live.insert("urn:" + std::to_string(i) + "|1");
    for (const auto& k : evicted) live.erase(k);
  }
  EXPECT_EQ(index.size(), live.size());
  EXPECT_EQ(index.size(), 501u);  // 50 h at 10 items an hour, both ends included
  for (const auto& key : live) {
    const std::string uri = key.substr(0, key.find('|'));
    EXPECT_TRUE(index.get(uri, "1")) << uri;
  }
}

// Template-heavy copy: 3,000 items that share two background paragraphs word
// for word, each with a story of its own. A lookup walks only the newest
// entries of the boilerplate buckets and returns a bounded candidate list,
// yet a copy of an early story still finds it through the buckets of its own
// text; and evicting the oldest entries of those long buckets (cut off, not
// walked to the end) leaves every remaining entry findable.
TEST(DedupIndex, BoilerplateBucketsStayBoundedAndTheOriginalIsStillFound) {
  const std::string boilerplate = story_text(7).substr(0, 700) + "\n\n" + story_text(8).substr(0, 700);
  auto templated = [&](const std::string& uri, unsigned seed, int64_t at) {
    IndexEntry e = entry(uri, at, seed);
    const std::string own = story_text(seed).substr(0, 900);
    const Fingerprint fp = fingerprint(normalize_item("headline " + uri, own + "\n\n" + boilerplate));
    e.content_hash = fp.content_hash;
    e.sketch = fp.sketch;
    return e;
  };
  IndexOptions o = options_at(kT0 + 10 * kHour);
  o.max_entries = 2500;
  DedupIndex index(o);
  index.apply_remote(templated("urn:original", 5, kT0));
  for (unsigned i = 0; i < 2000; ++i) {
    index.apply_remote(templated("urn:t" + std::to_string(i), 1000 + i, kT0 + i));
  }
  {
    std::string own = story_text(5).substr(0, 900);
    own.replace(0, own.find(' '), "changed");
    const Fingerprint copy = fingerprint(normalize_item("headline urn:original", own + "\n\n" + boilerplate));
    auto session = index.session();
    const auto found = session.candidates(copy);
    EXPECT_LE(found.size(), o.max_candidates);
    EXPECT_TRUE(std::any_of(found.begin(), found.end(),
                            [](const IndexRecord* r) { return *r->uri == "urn:original"; }));
  }
  std::vector<IndexEntry> later;
  for (unsigned i = 2000; i < 6000; ++i) {
    later.push_back(templated("urn:t" + std::to_string(i), 1000 + i, kT0 + i));
    index.apply_remote(later.back());
  }
  EXPECT_EQ(index.size(), 2500u);
  auto session = index.session();
  for (size_t i = later.size() - 2500; i < later.size(); ++i) {
    const IndexRecord* r = session.find(later[i].uri, "1");
    ASSERT_TRUE(r) << later[i].uri;
    const auto found = session.candidates({later[i].content_hash, later[i].sketch});
    EXPECT_TRUE(std::any_of(found.begin(), found.end(), [&](const IndexRecord* c) { return c == r; }))
        << later[i].uri;
  }
}

// The tally of one lookup against a map: counts per slot, slots in the order
// of their first visit, through the table's doublings, and nothing of one
// lookup left for the next after clear().
TEST(CandidateTally, CountsEverySlotInFirstVisitOrderThroughGrowthAndClears) {
  detail::CandidateTally tally;
  std::mt19937 rng(7);
  for (const size_t distinct : {5u, 300u, 3000u, 40u}) {
    std::map<uint32_t, uint16_t> want;
    std::vector<uint32_t> order;
    std::uniform_int_distribution<uint32_t> pick(0, 2'000'000);
    std::vector<uint32_t> pool;
    for (size_t i = 0; i < distinct; ++i) pool.push_back(pick(rng));
    std::uniform_int_distribution<size_t> any(0, distinct - 1);
    for (size_t v = 0; v < distinct * 4; ++v) {
      const uint32_t slot = pool[any(rng)];
      if (want.find(slot) == want.end()) order.push_back(slot);
      EXPECT_EQ(tally.visit(slot), ++want[slot]);
    }
    ASSERT_EQ(tally.slots(), order);
    for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(tally.hits(i), want[order[i]]);
    tally.clear();
    EXPECT_TRUE(tally.slots().empty());
    for (const uint32_t slot : order) {
      EXPECT_EQ(tally.visit(slot), 1) << "slot " << slot << " kept a count after clear()";
    }
    tally.clear();
  }
}

}  // namespace
}  // namespace wiredesk
