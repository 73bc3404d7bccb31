// The dedup index (design §3): the items remembered for `dedup.window` of
// event time, looked up by uri, by exact content hash and by LSH bands of
// their MinHash sketches — never by a scan.
//
// Sharing and restarts. Every change is an IndexEntry value: serialize() it
// to the compacted topic under key() (one record per uri+version), and
// apply_remote() what is read back — on start (restore) and while running
// (other replicas' decisions). The index never talks to Kafka itself:
//  - on_change fires once for every local insert (never for apply_remote);
//  - on_evict fires with the keys the index drops on its own (window or
//    max_entries) during inserts, so the app may write tombstones;
//    evict_expired() returns the keys it drops instead of firing on_evict;
//  - erase(key) applies a tombstone read from the topic.
// Listeners run on the inserting thread after the index lock is released,
// so they may call back into the index; they must be set before the index is
// shared between threads.
//
// Memory: ~720 bytes per remembered item (benchmarks/README.md, "The cold
// tier, rebuilt"), most of it the 276-byte sketch and the 65 hash chains
// that index it (uri, content hash, headline, 32 body bands, 16 lead bands,
// 8 opening bands, 6 paragraphs), each a 4-byte link per entry plus bucket
// heads; max_entries caps the total whatever the window. With a hot window
// (IndexOptions::hot_window_ms) older entries leave the chains of half of
// their body bands, ~70 bytes less each.
//
// Lookups touch few records: a chain link carries 8 bits of its entry's key,
// so entries of other keys in a bucket are passed over on the link; the
// band chains of one lookup are walked together so that their cache misses
// overlap; flashes are tested on digests kept in the flash list
// (FlashRef) before their records are read.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "processors/dedup/fingerprint.hpp"
#include "processors/dedup/names.hpp"
#include "processors/dedup/terms.hpp"
#include "processors/decode/record.hpp"
#include "processors/core/stage.hpp"
#include "processors/decode/wire_item.hpp"

namespace wiredesk {

// One remembered item: what it was, where it came from, what it was judged.
struct IndexEntry {
  std::string uri;
  std::string version;
  std::string story;          // uri of the story's first item
  std::string of;             // uri of the closest earlier item; empty for new
  std::string source_family;  // "yonhap", or the normalized source name
  std::string story_family;   // source family of the story's first item
  int64_t event_ms = 0;       // versioncreated (epoch ms)
  uint64_t content_hash = 0;
  Sketch sketch;
  uint8_t markers = 0;        // marker:: bits of the headline
  uint8_t level = 0;          // write-through level of the headline
  PubStatus pubstatus = PubStatus::usable;
  Origin origin;              // the input record that created the entry
  Verdict verdict = Verdict::fresh;
  std::optional<double> similarity;
  // Flashes only: the packed terms of the flash (terms.hpp), which link it to
  // the story that follows; empty for every other item.
  std::vector<uint32_t> flash_terms;
  uint8_t script = 0;         // kScriptLatin or kScriptCjk: what the text is written in
  // Hash of the normalized headline without its markers (headline_hash()):
  // what a kill notice quoting the headline finds the item by. 0: none.
  uint64_t headline_hash = 0;
  // Hash of the source family and the slugline (slug_hash()): a story's items
  // from one agency share it, so a write-through a day later finds the item
  // it rewrites however much its text changed. 0: no slugline.
  uint32_t slug_hash = 0;
  // The story's names in its headline and first paragraph (names.hpp): what
  // an unmarked follow-up under the same slugline shares with it; the first
  // `headline_names` of them are the headline's.
  StoryNames names{};
  uint8_t headline_names = 0;
  // The score of the game it reports (story_score()), 0: none.
  uint16_t score = 0;

  std::string key() const;
};

inline constexpr uint8_t kScriptLatin = 0;
inline constexpr uint8_t kScriptCjk = 1;

// Key of an entry in the compacted topic: "uri|version", with '\' and '|'
// escaped by '\' so that no two (uri, version) pairs share a key. One record
// per item version: a later version must not replace the entry of an earlier
// one, whose origin is what recognizes a replay of the earlier record.
std::string index_key(std::string_view uri, std::string_view version);

// Compact binary, little-endian, led by a format byte (7; format 6, without
// the count of headline names, 5, without the names, 4, without the slug
// hash too, and 3, without the headline hash too, are still read, and
// so are formats 2 and 1, with 16-bit MinHash values: the low byte of each
// value is kept) and the sketch scheme: about 430 bytes for a typical
// entry, 260 of them the sketch.
// deserialize() returns nullopt for anything it cannot fully read: another
// format, another sketch scheme, truncation or trailing bytes. A record whose
// key is a uri|version but whose value is null is a tombstone: erase(key).
std::string serialize(const IndexEntry& entry);
std::optional<IndexEntry> deserialize(std::string_view bytes);

struct IndexOptions {
  int64_t window_ms = 72LL * 3600 * 1000;  // dedup.window: event time remembered
  // Hard cap; the oldest go first (0, or more than 16,000,000: 16,000,000,
  // the most the index addresses).
  size_t max_entries = 4'000'000;
  // The window follows the newest event time seen, but never more than this
  // ahead of the wall clock, so that one item with a wrong far-future time
  // cannot empty the index (0: no limit).
  int64_t max_future_ms = 24LL * 3600 * 1000;
  std::function<int64_t()> wall_clock;     // epoch ms; system clock when empty
  size_t max_chain = 256;                  // newest entries walked per uri / content chain
  size_t max_slug_chain = 16;              // newest entries walked per slugline chain
  // Newest entries walked per LSH band or paragraph chain. A bucket that
  // many items share is boilerplate (a background paragraph, a market
  // template): its newest entries are enough, and a real copy or
  // write-through also shares rarer buckets with what it copies. Bounds the
  // cost of a lookup whatever the index holds (benchmarks/README.md).
  size_t max_band_chain = 8;  // 0: no limit
  // Candidates returned at most: those with the same content first, then
  // those sharing the most buckets, newer first among equals.
  size_t max_candidates = 48;  // 0: no limit
  // Hash tables are sized for this many entries up front (4 bytes x 65
  // tables each); past it they double and move over the following inserts.
  size_t expected_entries = 0;
  // dedup.hot_window. When positive, an entry more than this far behind
  // the newest event time goes cold: it leaves the tables of the second half
  // of its body bands (HotPart, ~70 bytes less) and keeps its whole sketch
  // and every other table. Threading an update needs every body band while
  // the story is young; a late copy of an old item is found by the other
  // half nearly as well (36 verdicts of 300,000 on the load changed at
  // 12 h, with the hot tables sized by the hot entries; benchmarks/README.md,
  // "The cold tier, rebuilt"). 0: entries stay hot for the whole window.
  int64_t hot_window_ms = 0;
};

// An immutable string shared by the records that name it (a uri is also
// the story or `of` of later entries): one allocation, its reference count
// beside the characters, and one pointer per holder. A make_shared string
// took 80 bytes for a 28-byte uri and 16 per holder; this takes 48 and 8.
class SharedText {
 public:
  SharedText() = default;
  static SharedText make(std::string_view text);
  SharedText(const SharedText& other) noexcept : block_(other.block_) { retain(); }
  SharedText(SharedText&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  SharedText& operator=(SharedText other) noexcept {
    std::swap(block_, other.block_);
    return *this;
  }
  ~SharedText() { release(); }

  explicit operator bool() const { return block_ != nullptr; }
  // The text; empty when null.
  std::string_view operator*() const {
    return block_ ? std::string_view(reinterpret_cast<const char*>(block_ + 1), block_->size)
                  : std::string_view();
  }
  size_t use_count() const { return block_ ? block_->refs.load(std::memory_order_relaxed) : 0; }
  // The bytes its allocation takes (0 when null).
  size_t heap_bytes() const { return block_ ? sizeof(Block) + block_->size : 0; }
  void reset() { SharedText().swap(*this); }
  void swap(SharedText& other) noexcept { std::swap(block_, other.block_); }

 private:
  struct Block {  // the characters follow it in the same allocation
    std::atomic<uint32_t> refs;
    uint32_t size;
  };
  void retain() {
    if (block_) block_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  void release();
  Block* block_ = nullptr;
};

// A text that is nearly always short, kept in 8 bytes (a std::string takes
// 32): an item's version ("1", "2", ... or a time stamp). Up to 7 bytes
// live in place; a longer text has an allocation of its own.
class ShortText {
 public:
  ShortText() = default;
  explicit ShortText(std::string_view text) { assign(text); }
  ShortText(const ShortText& other) { assign(*other); }
  ShortText(ShortText&& other) noexcept : bits_(std::exchange(other.bits_, 0)) {}
  ShortText& operator=(const ShortText& other) {
    if (this != &other) assign(*other);
    return *this;
  }
  ShortText& operator=(ShortText&& other) noexcept {
    std::swap(bits_, other.bits_);
    return *this;
  }
  ShortText& operator=(std::string_view text) {
    assign(text);
    return *this;
  }
  ~ShortText() { clear(); }

  std::string_view operator*() const;
  // The bytes its allocation takes (0 when the text is in place).
  size_t heap_bytes() const;
  void clear();

  static constexpr size_t kInPlace = sizeof(uintptr_t) - 1;

 private:
  // In place: the low byte is size << 1 | 1 and the text follows it. Else
  // the address of a uint32_t size followed by the text (the allocator's
  // alignment keeps its low bit 0), or 0 for an empty text.
  void assign(std::string_view text);
  uintptr_t bits_ = 0;
};

// A source family or topic name as the number the index gave it
// (DedupIndex::Session::interned() and name()): compared by number.
using NameId = uint32_t;
inline constexpr NameId kNoName = UINT32_MAX;  // a name no record has

// What the index keeps of an entry. Handed out as const pointers that are
// valid while the Session that returned them is open.
struct IndexRecord {
  SharedText uri;
  SharedText story;  // shared with the story's other entries
  SharedText of;     // may be null
  ShortText version;
  int64_t offset = 0;
  int64_t event_ms = 0;
  uint64_t content_hash = 0;
  uint64_t headline_hash = 0;
  Sketch sketch;
  uint32_t slug_hash = 0;  // IndexEntry::slug_hash
  StoryNames names{};      // IndexEntry::names
  // In thousandths, as every decision rounds it; kNoSimilarity: none.
  uint16_t similarity = kNoSimilarity;
  uint16_t score = 0;  // IndexEntry::score
  int32_t partition = 0;
  uint32_t generation = 0;
  NameId source_family = kNoName;
  NameId story_family = kNoName;
  NameId topic = kNoName;  // of the input record (origin)
  // Its slot in the index's hot part (its links in the tables of the second
  // half of the body bands); kNotHot once it is older than the hot window.
  uint32_t hot = kNotHot;
  uint8_t markers = 0;
  uint8_t level = 0;
  PubStatus pubstatus = PubStatus::usable;
  Verdict verdict = Verdict::fresh;
  uint8_t script = 0;
  // Flashes: 1 << script for each script in which a later item has followed
  // it (an entry whose `of` is this flash): its story has come.
  uint8_t followed = 0;
  uint8_t headline_names = 0;  // IndexEntry::headline_names (beside the other bytes: no padding)
  bool live = false;

  static constexpr uint32_t kNotHot = UINT32_MAX;
  static constexpr uint16_t kNoSimilarity = UINT16_MAX;
  // A similarity in thousandths, and back.
  static uint16_t thousandths(double similarity);
  double similarity_value() const { return similarity / 1000.0; }
};

// A flash in the index's list of flashes by event time: what the flash
// lookup tests before it reads the record (hundreds of flashes lie in an
// item's window; this list is read in order, their records are not).
struct FlashRef {
  int64_t event_ms = 0;
  uint32_t slot = 0;
  uint32_t generation = 0;
  NameId source_family = kNoName;  // as in the record
  NameId story_family = kNoName;
  TermDigest terms;  // of flash_terms
  uint8_t script = 0;
  bool has_terms = false;  // flash_terms not empty
  // The flash's terms as TermView::of_packed reads them (IndexEntry's
  // flash_terms, canonical): kept here, not in every record.
  std::vector<uint32_t> flash_terms;
};

namespace detail {
// A vector that grows by fixed chunks: elements never move, so growing past
// a million entries copies nothing (a std::vector would copy ~800 MB at once).
template <class T, size_t kChunk = 4096>
class ChunkedVector {
 public:
  T& operator[](size_t i) { return chunks_[i / kChunk][i % kChunk]; }
  const T& operator[](size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
  size_t size() const { return size_; }
  size_t capacity() const { return chunks_.size() * kChunk; }
  T& emplace_back() {
    if (size_ % kChunk == 0) chunks_.push_back(std::make_unique<T[]>(kChunk));
    return (*this)[size_++];
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

// A lookup's candidates and how many of the walked buckets each shares. The
// walks of one lookup visit a few hundred entries: an open-addressing table
// of them stays in L1, where a stamp and a count per slot of the index were
// two cache misses per candidate. Candidates keep the order of their first
// visit; the table doubles when half full.
class CandidateTally {
 public:
  // Counts one more bucket for `slot` and returns its count.
  uint16_t& visit(uint32_t slot);
  // The candidates, first visited first, and their counts, index for index.
  const std::vector<uint32_t>& slots() const { return slots_; }
  uint16_t hits(size_t i) const { return hits_[i]; }
  // Empties the tally for the next lookup (clears only what it used).
  void clear();

 private:
  // The slot's entry, or the empty one where it would go.
  size_t probe(uint32_t slot) const;
  std::vector<uint64_t> table_ = std::vector<uint64_t>(1024, 0);  // slot + 1 above, index below
  std::vector<uint32_t> slots_;
  std::vector<uint16_t> hits_;
};
}  // namespace detail

class DedupIndex {
 public:
  using ChangeListener = std::function<void(const IndexEntry&)>;
  using EvictListener = std::function<void(const std::vector<std::string>& keys)>;

  explicit DedupIndex(IndexOptions options = {});
  ~DedupIndex();
  DedupIndex(const DedupIndex&) = delete;
  DedupIndex& operator=(const DedupIndex&) = delete;

  void set_on_change(ChangeListener listener);
  void set_on_evict(EvictListener listener);

  // Inserts an entry learned from the topic. Idempotent: an entry whose key
  // is already present is ignored (the first one wins). Returns whether it
  // was inserted.
  bool apply_remote(const IndexEntry& entry);
  // Applies a tombstone. Returns whether the key was present.
  bool erase(std::string_view key);
  // Drops entries older than now_event_ms - window; returns their keys.
  std::vector<std::string> evict_expired(int64_t now_event_ms);

  std::optional<IndexEntry> get(std::string_view uri, std::string_view version) const;
  size_t size() const;
  size_t hot_size() const;       // entries not yet cold (IndexOptions::hot_window_ms)
  size_t memory_bytes() const;   // estimate of the heap the index holds
  int64_t newest_event_ms() const;
  const IndexOptions& options() const { return options_; }

  // A locked view for one decide-then-insert step of the dedup stage, so that
  // two workers cannot both call the same story new.
  class Session {
   public:
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const IndexRecord* find(std::string_view uri, std::string_view version) const;
    // The record's sketch (the same, hot or cold).
    const Sketch& sketch(const IndexRecord& record) const { return record.sketch; }
    // The whole entry.
    IndexEntry entry(const IndexRecord& record) const;
    std::vector<const IndexRecord*> find_uri(std::string_view uri) const;
    // The newest event time inserted so far (INT64_MIN: none).
    int64_t newest_event_ms() const;
    // Entries whose headline hashes to `hash` (newest first; a capped walk).
    std::vector<const IndexRecord*> find_headline(uint64_t hash) const;
    // Appends to `out` the newest entries (at most
    // IndexOptions::max_slug_chain) with this slug hash
    // (IndexEntry::slug_hash), newest first.
    void find_slug(uint32_t hash, std::vector<const IndexRecord*>& out) const;
    // Appends to `out` the newest entries (at most max_slug_chain) of source
    // `family` with no slugline whose first name (IndexEntry::names) is
    // `name`, newest first.
    void find_named(NameId family, uint16_t name, std::vector<const IndexRecord*>& out) const;
    // Entries with the same content hash, an LSH band (body or lead), a
    // whole paragraph or the same opening words: at most max_candidates,
    // ranked (IndexOptions).
    std::vector<const IndexRecord*> candidates(const Fingerprint& fp) const;
    // The number of a source family or topic name, as records hold it
    // (IndexRecord::source_family): kNoName when no record has it.
    NameId interned(std::string_view name) const;
    // The name of a number that records hold.
    const std::string& name(NameId id) const { return *index_.names_[id]; }
    // Whether the record was made from that input record (a replay).
    bool same_origin(const IndexRecord& record, const Origin& origin) const;
    // Flashes ((URGENT), [속보]) with an event time in [from_ms, to_ms],
    // oldest first (the later arrival last among equal times). Entries of
    // flashes gone from the index are among them: record() tells. Valid
    // until the next insert.
    std::span<const FlashRef> flashes(int64_t from_ms, int64_t to_ms) const;
    // The flash's record; nullptr when it has left the index (evicted,
    // replaced, erased).
    const IndexRecord* record(const FlashRef& flash) const;
    // Local insert; fires on_change when the session closes. An entry whose
    // key is present is not inserted (returns false). Entries it evicts are
    // gone: do not use pointers returned before it.
    bool insert(const IndexEntry& entry);

   private:
    friend class DedupIndex;
    explicit Session(DedupIndex& index);
    DedupIndex& index_;
    std::unique_lock<std::mutex> lock_;
    std::vector<IndexEntry> inserted_;
    std::vector<std::string> evicted_;
  };
  Session session();

 private:
  struct HeapItem {
    int64_t event_ms;
    uint32_t slot;
    uint32_t generation;
  };
  // Tables [0, kColdTables) link every entry by its slot: uri, content,
  // the first kColdBodyBands body bands, opening bands, headline, lead
  // bands, paragraph keys. Tables [kColdTables, kTables) link hot entries
  // only, by their hot slot: the other body bands. Young entries need every
  // body band to thread updates; to find a copy of an old one, half of them
  // do nearly as well (benchmarks/README.md, "Which bands a cold entry needs").
  static constexpr size_t kColdBodyBands = kBodyBands / 2;
  static constexpr size_t kHotTables = kBodyBands - kColdBodyBands;
  static constexpr size_t kColdTables =
      2 + kColdBodyBands + kOpeningBands + 2 + kLeadBands + kParagraphKeys;
  static constexpr size_t kTables = kColdTables + kHotTables;
  // The table of body band `band`.
  static size_t body_table(size_t band);
  // Entries with a hot part (mu_ held).
  size_t hot_count() const { return hot_.size() - hot_free_.size(); }
  // A hot entry's links in the hot tables.
  struct HotPart {
    uint32_t slot = 0;  // the record's
    std::array<uint32_t, kHotTables> next{};
  };
  // A chain link (a bucket head or a next_ value) is the slot it leads to
  // in its low 24 bits and the top 8 bits of that entry's key in the table
  // above them. A walk passes over an entry of another key that shares the
  // bucket on the link alone: reading its record to compare the key was a
  // cache miss per node, most of the cost of a lookup.
  static constexpr uint32_t kSlotBits = 24;
  static constexpr uint32_t kSlotMask = (1u << kSlotBits) - 1;
  static constexpr uint32_t kNil = UINT32_MAX;
  // next_ of an entry cut off a band or paragraph chain (in no chain).
  static constexpr uint32_t kCutOff = UINT32_MAX - 1;
  // Slots stay below kCutOff's slot bits; live_ may pass max_entries by one.
  static constexpr size_t kMaxEntries = 16'000'000;
  static uint32_t slot_of(uint32_t link) { return link & kSlotMask; }
  static uint32_t tag_of(uint64_t key) { return static_cast<uint32_t>(key >> 56); }
  static uint32_t tag_of_link(uint32_t link) { return link >> kSlotBits; }
  static uint32_t link_to(uint32_t slot, uint64_t key) {
    return tag_of(key) << kSlotBits | slot;
  }

  // Bucket heads of tables [first, first + tables), `buckets` per table.
  // When they double, the old heads stay until every old bucket has moved
  // (a few per insert, so that no insert pauses to relink the whole index);
  // a key whose old bucket has not moved yet is still found there. New
  // heads are written only as their old bucket moves, so they are not
  // initialized up front either.
  struct Heads {
    size_t first;
    size_t tables;
    std::unique_ptr<uint32_t[]> heads;
    std::unique_ptr<uint32_t[]> old_heads;  // tables × old_buckets, while migrating
    size_t buckets = 0;
    size_t old_buckets = 0;  // 0: not migrating
    size_t migrated = 0;     // old buckets moved so far
    void init(size_t count);
    size_t bytes() const { return (buckets + old_buckets) * tables * sizeof(uint32_t); }
  };

  // All below: call with mu_ held.
  IndexEntry entry_of(const IndexRecord& r) const;
  // The flash list's entry of a live flash (null if it has none).
  const FlashRef* flash_ref(const IndexRecord& r) const;
  const IndexRecord* find_locked(std::string_view uri, std::string_view version) const;
  uint32_t find_slot_locked(std::string_view uri, std::string_view version) const;
  uint32_t insert_locked(const IndexEntry& entry, std::vector<std::string>* auto_evicted);
  void remove_slot(uint32_t slot);
  void evict_before(int64_t cutoff_ms, std::vector<std::string>& keys);
  void evict_oldest(std::vector<std::string>& keys);
  void enforce_limits(std::vector<std::string>& keys);
  void advance_watermark(int64_t event_ms);
  // A node of a table's chains is a record slot in the cold tables and a
  // hot slot in the hot ones. Its key in the table, and whether it is in
  // that table at all.
  bool table_key(uint32_t node, size_t table, uint64_t& key) const;
  // The key alone, for a node known to be in the table (no second cache
  // line for the test), and where it is read from.
  uint64_t key_of(uint32_t node, size_t table) const;
  const void* key_address(uint32_t node, size_t table) const;
  uint32_t& next_of(uint32_t node, size_t table);
  uint32_t next_of(uint32_t node, size_t table) const;
  // The record slot of a node.
  uint32_t record_of(uint32_t node, size_t table) const;
  void link(uint32_t slot);
  void unlink(uint32_t slot);
  // Links the node into tables [first, last), or takes it out of them.
  void link_node(uint32_t node, size_t first, size_t last);
  void unlink_node(uint32_t node, size_t first, size_t last);
  // Drops the record's hot part: out of the hot tables, its slot freed.
  void make_cold(IndexRecord& r);
  // Makes cold the entries more than hot_window_ms behind the newest.
  void cool();
  uint32_t* bucket_head(size_t table, uint64_t key);
  const uint32_t* bucket_head(size_t table, uint64_t key) const;
  // Doubles the heads' buckets; migrate() moves the old ones over.
  void grow_tables(Heads& heads);
  void migrate(Heads& heads, size_t old_buckets);
  SharedText share_uri(std::string_view uri) const;
  NameId intern(std::string_view name);
  template <class Match, class Visit>
  void walk(size_t table, uint64_t key, Match&& match, Visit&& visit) const;
  template <class Match, class Visit>
  void walk(size_t table, uint64_t key, size_t limit, Match&& match, Visit&& visit) const;
  // Band and paragraph chains: the newest max_band_chain entries of each,
  // walked together (their cache misses overlap); then, in the order of
  // `walks` and newest first in each, visit(slot) for the entries whose key
  // is the walk's. What lies past max_band_chain is cut off (cut_after).
  struct BandWalk {
    size_t table;
    uint64_t key;
  };
  template <class Visit>
  void walk_bands(std::span<const BandWalk> walks, Visit&& visit);
  // Ends the chain after `node`; the entries past it are marked kCutOff.
  void cut_after(size_t table, uint32_t node);
  size_t band_limit() const {
    return options_.max_band_chain == 0 ? SIZE_MAX : options_.max_band_chain;
  }

  IndexOptions options_;
  ChangeListener on_change_;
  EvictListener on_evict_;

  mutable std::mutex mu_;
  detail::ChunkedVector<IndexRecord> slots_;
  std::vector<uint32_t> free_;
  size_t live_ = 0;
  size_t string_bytes_ = 0;
  // The bucket heads of the cold tables and of the hot ones, each
  // `buckets` per table, sized by the entries linked there: every entry in
  // the cold tables, hot ones only in the hot tables.
  Heads cold_heads_{0, kColdTables};
  Heads hot_heads_{kColdTables, kHotTables};
  std::vector<uint32_t> move_slots_;  // migrate()'s scratch: chain entries
  std::vector<uint32_t> move_ends_;   // and where each chain's run ends
  // walk_bands()'s scratch.
  std::vector<BandWalk> band_walks_;
  std::vector<uint32_t> walk_at_, walk_last_, walk_start_, walk_fill_, walk_sorted_;
  std::vector<std::pair<uint32_t, uint32_t>> walk_found_;  // (walk, slot) in step order
  struct RankedCandidate {
    uint16_t hits;
    int64_t event_ms;
    uint32_t slot;
  };
  std::vector<RankedCandidate> ranked_;  // candidates()'s scratch
  detail::ChunkedVector<std::array<uint32_t, kColdTables>> next_;  // per slot, per cold table
  detail::ChunkedVector<HotPart> hot_;  // per hot slot
  std::vector<uint32_t> hot_free_;
  std::vector<HeapItem> hot_heap_;  // hot entries, a min-heap by event time, lazily pruned
  std::vector<HeapItem> heap_;   // min-heap by event time, lazily pruned
  std::vector<FlashRef> flashes_;  // by event time, pruned from the front
  int64_t newest_event_ms_ = INT64_MIN;
  // Source families and topics; found by string_view (no string per lookup).
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, NameId, NameHash, std::equal_to<>> name_ids_;
  std::vector<const std::string*> names_;  // by NameId: name_ids_'s keys
  mutable detail::CandidateTally tally_;   // candidates()'s scratch
};

}  // namespace wiredesk
