#include "processors/dedup/dedup_index.hpp"

#include "processors/core/binary.hpp"
#include "processors/core/event_time.hpp"
#include "processors/core/markers.hpp"
#include "processors/dedup/terms.hpp"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <utility>

namespace wiredesk {

namespace {

using binary::Reader;
using binary::Writer;
using binary::read_enum;

// 8: with the score of the game it reports; 7: with the count of headline
// names; 6: with the story's names; 5: with
// the slug hash; 4: with the headline hash; 3: 8-bit body and lead MinHash
// values; 2: the same with 16-bit values; 1: 16-bit values, without opening
// sketch, script and flash terms.
constexpr uint8_t kFormat = 8;
constexpr uint8_t kFormatWithoutScore = 7;
constexpr uint8_t kFormatWithoutHeadlineNames = 6;
constexpr uint8_t kFormatWithoutNames = 5;
constexpr uint8_t kFormatWithoutSlug = 4;
constexpr uint8_t kFormatWithoutHeadline = 3;
constexpr uint8_t kFormatWideValues = 2;
constexpr uint8_t kFormatWithoutTerms = 1;
constexpr size_t kMaxFlashTerms = 256;
constexpr size_t kInitialBuckets = 1024;
// The cold tables (every entry) first, then the hot ones: the body bands
// from kColdBodyBands on (DedupIndex::kColdTables).
constexpr size_t kColdBodyBands = kBodyBands / 2;
constexpr size_t kUriTable = 0;
constexpr size_t kContentTable = 1;
constexpr size_t kFirstBodyBand = 2;
constexpr size_t kFirstOpeningBand = kFirstBodyBand + kColdBodyBands;
constexpr size_t kHeadlineTable = kFirstOpeningBand + kOpeningBands;
constexpr size_t kSlugTable = kHeadlineTable + 1;
constexpr size_t kFirstLeadBand = kSlugTable + 1;
constexpr size_t kFirstParagraph = kFirstLeadBand + kLeadBands;
constexpr size_t kFirstHotBodyBand = kFirstParagraph + kParagraphKeys;

uint64_t paragraph_table_key(uint32_t hash) { return hash * 0x9E3779B97F4A7C15ULL; }

// An entry with no slugline is chained in the slug table under its source
// and its first name (its headline's, as a rule): the one link it would
// leave unused. An unslugged item's next day, which names its story's
// company or person, finds the story through it (Session::find_named)
// where the story's text, retold in new words, is too little alike for
// its bands.
uint16_t first_name(const IndexRecord& r) {
  const uint16_t name = r.names[0];
  return name < kPlaceBase ? name : 0;
}
uint32_t named_slug(NameId family, uint16_t name) {
  const uint64_t h = ((uint64_t{family} << 16) | name) * 0xD6E8FEB86659FD93ULL;
  return static_cast<uint32_t>(h >> 32) | 1u;
}
bool named_in_slug_table(const IndexRecord& r) {
  return r.slug_hash == 0 && first_name(r) != 0 && r.source_family != kNoName;
}
uint32_t slug_table_hash(const IndexRecord& r) {
  return named_in_slug_table(r) ? named_slug(r.source_family, first_name(r)) : r.slug_hash;
}

int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

uint64_t uri_hash(std::string_view uri) { return XXH3_64bits(uri.data(), uri.size()); }

void escape_into(std::string& out, std::string_view s) {
  for (const char c : s) {
    if (c == '\\' || c == '|') out.push_back('\\');
    out.push_back(c);
  }
}

}  // namespace

// ------------------------------------------------------------ IndexEntry

std::string index_key(std::string_view uri, std::string_view version) {
  std::string key;
  key.reserve(uri.size() + version.size() + 1);
  escape_into(key, uri);
  key.push_back('|');
  escape_into(key, version);
  return key;
}

std::string IndexEntry::key() const { return index_key(uri, version); }

uint16_t IndexRecord::thousandths(double similarity) {
  const double clamped = std::clamp(similarity, 0.0, (kNoSimilarity - 1) / 1000.0);
  return static_cast<uint16_t>(std::lround(clamped * 1000));
}

std::string serialize(const IndexEntry& e) {
  Writer w;
  w.u8(kFormat);
  w.fixed<uint32_t>(kSketchScheme);
  for (const std::string* s : {&e.uri, &e.version, &e.story, &e.of, &e.source_family,
                               &e.story_family, &e.origin.topic}) {
    w.str(*s);
  }
  w.fixed<int32_t>(e.origin.partition);
  w.fixed<int64_t>(e.origin.offset);
  w.fixed<int64_t>(e.event_ms);
  w.fixed<uint64_t>(e.content_hash);
  w.u8(static_cast<uint8_t>(e.verdict));
  w.u8(static_cast<uint8_t>(e.pubstatus));
  w.u8(e.markers);
  w.u8(e.level);
  w.u8(e.similarity ? 1 : 0);
  if (e.similarity) w.fixed<double>(*e.similarity);
  w.fixed<uint32_t>(e.sketch.body_shingles);
  w.fixed<uint32_t>(e.sketch.lead_shingles);
  w.fixed<uint64_t>(e.sketch.key_tokens);
  w.fixed<uint64_t>(e.sketch.lead_tokens);
  for (const uint32_t v : e.sketch.paragraphs) w.fixed<uint32_t>(v);
  for (const uint8_t v : e.sketch.body) w.u8(v);
  for (const uint8_t v : e.sketch.lead) w.u8(v);
  w.fixed<uint32_t>(e.sketch.opening_shingles);
  for (const uint16_t v : e.sketch.opening) w.fixed<uint16_t>(v);
  w.u8(e.script);
  w.varint(std::min(e.flash_terms.size(), kMaxFlashTerms));
  for (size_t i = 0; i < e.flash_terms.size() && i < kMaxFlashTerms; ++i) {
    w.fixed<uint32_t>(e.flash_terms[i]);
  }
  w.fixed<uint64_t>(e.headline_hash);
  w.fixed<uint32_t>(e.slug_hash);
  for (const uint16_t n : e.names) w.fixed<uint16_t>(n);
  w.u8(e.headline_names);
  w.fixed<uint16_t>(e.score);
  return w.take();
}

std::optional<IndexEntry> deserialize(std::string_view bytes) {
  Reader r(bytes);
  IndexEntry e;
  uint8_t format = 0;
  uint32_t scheme = 0;
  if (!r.u8(format) ||
      (format != kFormat && format != kFormatWithoutScore &&
       format != kFormatWithoutHeadlineNames &&
       format != kFormatWithoutNames && format != kFormatWithoutSlug &&
       format != kFormatWithoutHeadline && format != kFormatWideValues &&
       format != kFormatWithoutTerms) ||
      !r.fixed(scheme) || scheme != kSketchScheme) {
    return std::nullopt;
  }
  for (std::string* s : {&e.uri, &e.version, &e.story, &e.of, &e.source_family, &e.story_family,
                         &e.origin.topic}) {
    if (!r.str(*s)) return std::nullopt;
  }
  uint8_t has_similarity = 0;
  if (!r.fixed(e.origin.partition) || !r.fixed(e.origin.offset) || !r.fixed(e.event_ms) ||
      !plausible_event_ms(e.event_ms) || !r.fixed(e.content_hash) || !read_enum(r, e.verdict, 2) ||
      !read_enum(r, e.pubstatus, 2) || !r.u8(e.markers) || !r.u8(e.level) ||
      !r.u8(has_similarity) || has_similarity > 1) {
    return std::nullopt;
  }
  if (has_similarity) {
    double s = 0;
    if (!r.fixed(s)) return std::nullopt;
    e.similarity = s;
  }
  if (!r.fixed(e.sketch.body_shingles) || !r.fixed(e.sketch.lead_shingles) ||
      !r.fixed(e.sketch.key_tokens) || !r.fixed(e.sketch.lead_tokens)) {
    return std::nullopt;
  }
  for (uint32_t& v : e.sketch.paragraphs) {
    if (!r.fixed(v)) return std::nullopt;
  }
  // Formats 1 and 2 kept 16-bit values: their low byte is today's value.
  auto value = [&](uint8_t& v) {
    if (format >= kFormatWithoutHeadline) return r.u8(v);
    uint16_t wide = 0;
    if (!r.fixed(wide)) return false;
    v = static_cast<uint8_t>(wide);
    return true;
  };
  for (uint8_t& v : e.sketch.body) {
    if (!value(v)) return std::nullopt;
  }
  for (uint8_t& v : e.sketch.lead) {
    if (!value(v)) return std::nullopt;
  }
  if (format != kFormatWithoutTerms) {
    uint64_t terms = 0;
    if (!r.fixed(e.sketch.opening_shingles)) return std::nullopt;
    for (uint16_t& v : e.sketch.opening) {
      if (!r.fixed(v)) return std::nullopt;
    }
    if (!r.u8(e.script) || e.script > kScriptCjk || !r.varint(terms) || terms > kMaxFlashTerms) {
      return std::nullopt;
    }
    e.flash_terms.resize(terms);
    for (uint32_t& t : e.flash_terms) {
      if (!r.fixed(t)) return std::nullopt;
    }
  }
  if (format >= kFormatWithoutSlug && !r.fixed(e.headline_hash)) return std::nullopt;
  if (format >= kFormatWithoutNames && !r.fixed(e.slug_hash)) return std::nullopt;
  if (format >= kFormatWithoutHeadlineNames) {
    for (uint16_t& n : e.names) {
      if (!r.fixed(n)) return std::nullopt;
    }
  }
  if (format >= kFormatWithoutScore &&
      (!r.u8(e.headline_names) || e.headline_names > kStoryNames)) {
    return std::nullopt;
  }
  if (format >= kFormat && !r.fixed(e.score)) return std::nullopt;
  if (!r.done() || e.uri.empty()) return std::nullopt;
  return e;
}

SharedText SharedText::make(std::string_view text) {
  SharedText t;
  void* memory = ::operator new(sizeof(Block) + text.size());
  t.block_ = new (memory) Block{{1}, static_cast<uint32_t>(text.size())};
  std::memcpy(static_cast<void*>(t.block_ + 1), text.data(), text.size());
  return t;
}

void SharedText::release() {
  if (block_ && block_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    block_->~Block();
    ::operator delete(block_);
  }
  block_ = nullptr;
}

static_assert(std::endian::native == std::endian::little,
              "ShortText keeps its tag in the low byte of its word");

void ShortText::assign(std::string_view text) {
  uintptr_t bits = 0;
  if (text.size() <= kInPlace) {
    bits = text.size() << 1 | 1;
    std::memcpy(reinterpret_cast<char*>(&bits) + 1, text.data(), text.size());
  } else {
    void* memory = ::operator new(sizeof(uint32_t) + text.size());
    const auto size = static_cast<uint32_t>(text.size());
    std::memcpy(memory, &size, sizeof(size));
    std::memcpy(static_cast<char*>(memory) + sizeof(size), text.data(), text.size());
    bits = reinterpret_cast<uintptr_t>(memory);
  }
  clear();  // after the copy: `text` may lie in this ShortText
  bits_ = bits;
}

std::string_view ShortText::operator*() const {
  if (bits_ & 1) return {reinterpret_cast<const char*>(&bits_) + 1, (bits_ & 0xff) >> 1};
  if (bits_ == 0) return {};
  const char* memory = reinterpret_cast<const char*>(bits_);
  uint32_t size = 0;
  std::memcpy(&size, memory, sizeof(size));
  return {memory + sizeof(size), size};
}

size_t ShortText::heap_bytes() const {
  return (bits_ & 1) || bits_ == 0 ? 0 : sizeof(uint32_t) + (*(*this)).size();
}

void ShortText::clear() {
  if (!(bits_ & 1) && bits_ != 0) ::operator delete(reinterpret_cast<void*>(bits_));
  bits_ = 0;
}

// ------------------------------------------------------------ DedupIndex

// Where a band's chains are: a cold table for the first bands, which link
// every entry; a hot table for the others, which link hot entries only.
size_t DedupIndex::body_table(size_t band) {
  static_assert(kColdBodyBands == DedupIndex::kColdBodyBands && kFirstHotBodyBand == kColdTables);
  return band < kColdBodyBands ? kFirstBodyBand + band : kFirstHotBodyBand + band - kColdBodyBands;
}

const FlashRef* DedupIndex::flash_ref(const IndexRecord& r) const {
  const auto from = std::lower_bound(
      flashes_.begin(), flashes_.end(), r.event_ms,
      [](const FlashRef& f, int64_t t) { return f.event_ms < t; });
  for (auto it = from; it != flashes_.end() && it->event_ms == r.event_ms; ++it) {
    if (&slots_[it->slot] == &r && it->generation == r.generation) return &*it;
  }
  return nullptr;
}

IndexEntry DedupIndex::entry_of(const IndexRecord& r) const {
  IndexEntry e;
  e.uri = *r.uri;
  e.version = std::string(*r.version);
  e.story = r.story ? *r.story : *r.uri;
  if (r.of) e.of = *r.of;
  if (r.source_family != kNoName) e.source_family = *names_[r.source_family];
  if (r.story_family != kNoName) e.story_family = *names_[r.story_family];
  e.event_ms = r.event_ms;
  e.content_hash = r.content_hash;
  e.sketch = r.sketch;
  e.markers = r.markers;
  e.level = r.level;
  e.pubstatus = r.pubstatus;
  if (r.topic != kNoName) e.origin.topic = *names_[r.topic];
  e.origin.partition = r.partition;
  e.origin.offset = r.offset;
  e.verdict = r.verdict;
  if (r.similarity != IndexRecord::kNoSimilarity) e.similarity = r.similarity_value();
  if (r.markers & marker::flash) {
    if (const FlashRef* f = flash_ref(r)) e.flash_terms = f->flash_terms;
  }
  e.script = r.script;
  e.headline_hash = r.headline_hash;
  e.slug_hash = r.slug_hash;
  e.names = r.names;
  e.headline_names = r.headline_names;
  e.score = r.score;
  return e;
}


DedupIndex::DedupIndex(IndexOptions options) : options_(std::move(options)) {
  if (options_.max_entries == 0 || options_.max_entries > kMaxEntries) {
    options_.max_entries = kMaxEntries;
  }
  cold_heads_.init(options_.expected_entries);
  // With a hot window, few entries are hot: the hot heads grow from small.
  hot_heads_.init(options_.hot_window_ms > 0 ? 0 : options_.expected_entries);
}

void DedupIndex::Heads::init(size_t count) {
  buckets = std::bit_ceil(std::max(kInitialBuckets, count));
  heads = std::make_unique<uint32_t[]>(tables * buckets);
  std::fill_n(heads.get(), tables * buckets, kNil);
}

DedupIndex::~DedupIndex() = default;

void DedupIndex::set_on_change(ChangeListener listener) { on_change_ = std::move(listener); }
void DedupIndex::set_on_evict(EvictListener listener) { on_evict_ = std::move(listener); }

bool DedupIndex::apply_remote(const IndexEntry& entry) {
  std::vector<std::string> evicted;
  bool inserted = false;
  {
    std::lock_guard lock(mu_);
    if (!find_locked(entry.uri, entry.version)) {
      insert_locked(entry, &evicted);
      inserted = true;
    }
  }
  if (!evicted.empty() && on_evict_) on_evict_(evicted);
  return inserted;
}

bool DedupIndex::erase(std::string_view key) {
  std::lock_guard lock(mu_);
  // The key names uri and version; find by walking the uri's chain.
  const size_t bar = [&] {
    for (size_t i = 0; i < key.size(); ++i) {
      if (key[i] == '\\') {
        ++i;
      } else if (key[i] == '|') {
        return i;
      }
    }
    return key.size();
  }();
  if (bar == key.size()) return false;
  auto unescape = [](std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) ++i;
      out.push_back(s[i]);
    }
    return out;
  };
  const uint32_t slot =
      find_slot_locked(unescape(key.substr(0, bar)), unescape(key.substr(bar + 1)));
  if (slot == kNil) return false;
  remove_slot(slot);
  return true;
}

std::vector<std::string> DedupIndex::evict_expired(int64_t now_event_ms) {
  std::vector<std::string> keys;
  std::lock_guard lock(mu_);
  evict_before(now_event_ms - options_.window_ms, keys);
  return keys;
}

std::optional<IndexEntry> DedupIndex::get(std::string_view uri, std::string_view version) const {
  std::lock_guard lock(mu_);
  const IndexRecord* r = find_locked(uri, version);
  if (!r) return std::nullopt;
  return entry_of(*r);
}

size_t DedupIndex::size() const {
  std::lock_guard lock(mu_);
  return live_;
}

size_t DedupIndex::hot_size() const {
  std::lock_guard lock(mu_);
  return hot_count();
}

namespace detail {

size_t CandidateTally::probe(uint32_t slot) const {
  // Slots are numbered densely: Fibonacci hashing spreads neighbours apart.
  const auto bits = static_cast<unsigned>(std::countr_zero(table_.size()));
  const size_t mask = table_.size() - 1;
  const uint64_t tag = uint64_t{slot} + 1;
  auto i = static_cast<size_t>((uint64_t{slot} * 0x9E37'79B9'7F4A'7C15ULL) >> (64 - bits));
  while (table_[i] != 0 && table_[i] >> 32 != tag) i = (i + 1) & mask;
  return i;
}

uint16_t& CandidateTally::visit(uint32_t slot) {
  const size_t i = probe(slot);
  if (table_[i] != 0) return ++hits_[static_cast<uint32_t>(table_[i])];
  table_[i] = (uint64_t{slot} + 1) << 32 | slots_.size();
  slots_.push_back(slot);
  hits_.push_back(1);
  if (2 * slots_.size() > table_.size()) {
    table_.assign(2 * table_.size(), 0);
    for (uint32_t j = 0; j < slots_.size(); ++j) {
      table_[probe(slots_[j])] = (uint64_t{slots_[j]} + 1) << 32 | j;
    }
  }
  return hits_.back();
}

void CandidateTally::clear() {
  // Newest first: an entry's probe only passed over entries placed before
  // it, so each is still found where it was put.
  for (size_t j = slots_.size(); j-- > 0;) table_[probe(slots_[j])] = 0;
  slots_.clear();
  hits_.clear();
}

}  // namespace detail

size_t DedupIndex::memory_bytes() const {
  std::lock_guard lock(mu_);
  return slots_.capacity() * sizeof(IndexRecord) + free_.capacity() * sizeof(uint32_t) +
         cold_heads_.bytes() + hot_heads_.bytes() +
         next_.capacity() * sizeof(std::array<uint32_t, kColdTables>) +
         hot_.capacity() * sizeof(HotPart) + hot_free_.capacity() * sizeof(uint32_t) +
         (heap_.capacity() + hot_heap_.capacity()) * sizeof(HeapItem) +
         flashes_.capacity() * sizeof(FlashRef) + string_bytes_;
}

int64_t DedupIndex::newest_event_ms() const {
  std::lock_guard lock(mu_);
  return newest_event_ms_;
}

DedupIndex::Session DedupIndex::session() { return Session(*this); }

// ----------------------------------------------------------------- tables

uint64_t DedupIndex::key_of(uint32_t node, size_t table) const {
  if (table >= kFirstHotBodyBand) {
    return body_band_key(slots_[hot_[node].slot].sketch.body,
                         kColdBodyBands + table - kFirstHotBodyBand);
  }
  const IndexRecord& r = slots_[node];
  if (table == kUriTable) return uri_hash(*r.uri);
  if (table == kContentTable) return r.content_hash;
  if (table == kHeadlineTable) return r.headline_hash;
  if (table == kSlugTable) return paragraph_table_key(slug_table_hash(r));
  if (table < kFirstOpeningBand) return body_band_key(r.sketch.body, table - kFirstBodyBand);
  if (table < kHeadlineTable) return opening_band_key(r.sketch.opening, table - kFirstOpeningBand);
  if (table < kFirstParagraph) return lead_band_key(r.sketch.lead, table - kFirstLeadBand);
  return paragraph_table_key(r.sketch.paragraphs[table - kFirstParagraph]);
}

const void* DedupIndex::key_address(uint32_t node, size_t table) const {
  if (table >= kFirstHotBodyBand) {
    return &slots_[hot_[node].slot]
                .sketch.body[(kColdBodyBands + table - kFirstHotBodyBand) * kBodyRows];
  }
  const IndexRecord& r = slots_[node];
  if (table == kUriTable) return &r.uri;  // and then the string
  if (table == kContentTable) return &r.content_hash;
  if (table == kHeadlineTable) return &r.headline_hash;
  if (table == kSlugTable) return &r.slug_hash;
  if (table < kFirstOpeningBand) return &r.sketch.body[(table - kFirstBodyBand) * kBodyRows];
  if (table < kHeadlineTable) return &r.sketch.opening[(table - kFirstOpeningBand) * kOpeningRows];
  if (table < kFirstParagraph) return &r.sketch.lead[(table - kFirstLeadBand) * kLeadRows];
  return &r.sketch.paragraphs[table - kFirstParagraph];
}

bool DedupIndex::table_key(uint32_t node, size_t table, uint64_t& key) const {
  key = key_of(node, table);
  if (table >= kFirstHotBodyBand) return slots_[hot_[node].slot].sketch.body_shingles > 0;
  const IndexRecord& r = slots_[node];
  if (table == kUriTable) return true;
  if (table == kContentTable) return r.content_hash != 0;
  if (table == kHeadlineTable) return r.headline_hash != 0;
  if (table == kSlugTable) return r.slug_hash != 0 || named_in_slug_table(r);
  if (table < kFirstOpeningBand) return r.sketch.body_shingles > 0;
  if (table < kHeadlineTable) return r.sketch.opening_shingles > 0;
  if (table < kFirstParagraph) return r.sketch.lead_shingles > 0;
  return r.sketch.paragraphs[table - kFirstParagraph] != 0;
}

uint32_t& DedupIndex::next_of(uint32_t node, size_t table) {
  return table < kColdTables ? next_[node][table] : hot_[node].next[table - kColdTables];
}

uint32_t DedupIndex::next_of(uint32_t node, size_t table) const {
  return table < kColdTables ? next_[node][table] : hot_[node].next[table - kColdTables];
}

uint32_t DedupIndex::record_of(uint32_t node, size_t table) const {
  return table < kColdTables ? node : hot_[node].slot;
}

void DedupIndex::link(uint32_t slot) {
  link_node(slot, 0, kColdTables);
  const uint32_t hot = slots_[slot].hot;
  if (hot != IndexRecord::kNotHot) link_node(hot, kColdTables, kTables);
}

void DedupIndex::unlink(uint32_t slot) {
  unlink_node(slot, 0, kColdTables);
  if (slots_[slot].hot != IndexRecord::kNotHot) make_cold(slots_[slot]);
}

void DedupIndex::link_node(uint32_t node, size_t first, size_t last) {
  for (size_t t = first; t < last; ++t) {
    uint64_t key = 0;
    uint32_t& next = next_of(node, t);
    next = kNil;
    if (!table_key(node, t, key)) continue;
    uint32_t* head = bucket_head(t, key);
    next = *head;  // newest first: a capped walk sees the most recent entries
    *head = link_to(node, key);
  }
}

// The chains of all tables are walked side by side, step k of each before
// step k + 1 of any, as walk_bands does: one after the other, every step of
// every chain waited on its own cache miss.
void DedupIndex::unlink_node(uint32_t node, size_t first, size_t last) {
  struct Walk {
    size_t table;
    uint32_t* link;  // what points at the next entry to look at; null when done
    size_t seen;
    size_t limit;
  };
  std::array<Walk, kTables> walks;
  size_t n = 0;
  for (size_t t = first; t < last; ++t) {
    uint64_t key = 0;
    if (!table_key(node, t, key)) continue;
    const bool bounded = t >= kFirstBodyBand;
    if (bounded && next_of(node, t) == kCutOff) continue;  // in no chain any more
    uint32_t* head = bucket_head(t, key);
    __builtin_prefetch(head);
    walks[n++] = {t, head, 0, bounded ? band_limit() : SIZE_MAX};
  }
  for (bool more = true; more;) {
    more = false;
    for (size_t i = 0; i < n; ++i) {
      Walk& w = walks[i];
      if (w.link == nullptr) continue;
      const uint32_t at = *w.link;
      if (at == kNil || slot_of(at) == node) {
        if (at != kNil) *w.link = next_of(node, w.table);
        w.link = nullptr;
        continue;
      }
      if (++w.seen >= w.limit) {
        // The node lies beyond what any walk of this chain sees (the
        // oldest entries of a boilerplate bucket, evicted first): cut the
        // chain there instead of walking it to the end. Once per entry.
        cut_after(w.table, slot_of(at));
        w.link = nullptr;
        continue;
      }
      w.link = &next_of(slot_of(at), w.table);
      __builtin_prefetch(w.link);
      more = true;
    }
  }
}

void DedupIndex::make_cold(IndexRecord& r) {
  unlink_node(r.hot, kColdTables, kTables);
  hot_free_.push_back(r.hot);
  r.hot = IndexRecord::kNotHot;
}

void DedupIndex::cool() {
  if (options_.hot_window_ms <= 0 || newest_event_ms_ == INT64_MIN) return;
  const int64_t cutoff = newest_event_ms_ - options_.hot_window_ms;
  const auto later = [](const HeapItem& a, const HeapItem& b) { return a.event_ms > b.event_ms; };
  while (!hot_heap_.empty() && hot_heap_.front().event_ms < cutoff) {
    const HeapItem top = hot_heap_.front();
    std::pop_heap(hot_heap_.begin(), hot_heap_.end(), later);
    hot_heap_.pop_back();
    IndexRecord& r = slots_[top.slot];
    if (r.live && r.generation == top.generation && r.hot != IndexRecord::kNotHot) make_cold(r);
  }
}

void DedupIndex::cut_after(size_t table, uint32_t node) {
  uint32_t s = next_of(node, table);
  next_of(node, table) = kNil;
  while (s != kNil && s != kCutOff) {
    const uint32_t after = next_of(slot_of(s), table);
    next_of(slot_of(s), table) = kCutOff;
    s = after;
  }
}

uint32_t* DedupIndex::bucket_head(size_t table, uint64_t key) {
  return const_cast<uint32_t*>(std::as_const(*this).bucket_head(table, key));
}

const uint32_t* DedupIndex::bucket_head(size_t table, uint64_t key) const {
  const Heads& h = table < kColdTables ? cold_heads_ : hot_heads_;
  const size_t t = table - h.first;
  if (h.old_buckets != 0) {
    const size_t old = key & (h.old_buckets - 1);
    if (old >= h.migrated) return &h.old_heads[t * h.old_buckets + old];
  }
  return &h.heads[t * h.buckets + (key & (h.buckets - 1))];
}

void DedupIndex::grow_tables(Heads& h) {
  while (h.old_buckets != 0) migrate(h, 64);  // finish the previous doubling
  h.old_heads = std::move(h.heads);
  h.old_buckets = h.buckets;
  h.migrated = 0;
  h.buckets *= 2;
  h.heads.reset(new uint32_t[h.tables * h.buckets]);  // filled as old buckets move
}

// Moves up to `count` old buckets of every table into the new heads. Old
// bucket i splits into new buckets i and i + old_buckets_; each chain keeps
// its newest-first order. Every moved entry's key is read from its record,
// a cache miss each (a tenth of the time at 200,000 items when the loads
// waited on each other): the chains of all tables are walked first and the
// records fetched ahead, so that the misses overlap.
void DedupIndex::migrate(Heads& h, size_t count) {
  const size_t end = std::min(h.old_buckets, h.migrated + count);
  const size_t first = h.first;
  const size_t last = h.first + h.tables;
  const auto old_head = [&](size_t table, size_t i) {
    return h.old_heads[(table - first) * h.old_buckets + i];
  };
  for (size_t i = h.migrated; i < end; ++i) {
    for (size_t t = first; t < last; ++t) {
      if (const uint32_t s = old_head(t, i); s != kNil) __builtin_prefetch(&next_of(slot_of(s), t));
    }
  }
  // Chain entries newest first, one run per (bucket, table).
  move_slots_.clear();
  move_ends_.clear();
  for (size_t i = h.migrated; i < end; ++i) {
    for (size_t t = first; t < last; ++t) {
      for (uint32_t s = old_head(t, i); s != kNil; s = next_of(slot_of(s), t)) {
        __builtin_prefetch(key_address(slot_of(s), t));
        move_slots_.push_back(slot_of(s));
      }
      move_ends_.push_back(static_cast<uint32_t>(move_slots_.size()));
    }
  }
  size_t run = 0;
  size_t from = 0;
  for (size_t i = h.migrated; i < end; ++i) {
    for (size_t t = first; t < last; ++t, ++run) {
      uint32_t* heads = &h.heads[(t - first) * h.buckets];
      heads[i] = kNil;
      heads[i + h.old_buckets] = kNil;
      const size_t to = move_ends_[run];
      for (size_t j = to; j-- > from;) {  // oldest first
        const uint32_t s = move_slots_[j];
        const uint64_t key = key_of(s, t);
        uint32_t& head = heads[key & (h.buckets - 1)];
        next_of(s, t) = head;
        head = link_to(s, key);
      }
      from = to;
    }
  }
  h.migrated = end;
  if (h.migrated == h.old_buckets) {
    h.old_heads.reset();
    h.old_buckets = 0;
    h.migrated = 0;
  }
}

template <class Match, class Visit>
void DedupIndex::walk(size_t table, uint64_t key, Match&& match, Visit&& visit) const {
  walk(table, key, options_.max_chain, match, visit);
}

// Cold tables only (uri, content, headline): their nodes are record slots.
template <class Match, class Visit>
void DedupIndex::walk(size_t table, uint64_t key, size_t limit, Match&& match,
                      Visit&& visit) const {
  const uint32_t tag = tag_of(key);
  size_t steps = 0;
  for (uint32_t s = *bucket_head(table, key); s != kNil && steps < limit;
       s = next_of(slot_of(s), table), ++steps) {
    if (tag_of_link(s) == tag && match(slots_[slot_of(s)])) visit(slot_of(s));
  }
}

template <class Visit>
void DedupIndex::walk_bands(std::span<const BandWalk> walks, Visit&& visit) {
  const size_t n = walks.size();
  const size_t limit = band_limit();
  walk_at_.resize(n);
  walk_last_.assign(n, kNil);
  walk_found_.clear();
  for (size_t w = 0; w < n; ++w) {
    __builtin_prefetch(bucket_head(walks[w].table, walks[w].key));
  }
  for (size_t w = 0; w < n; ++w) {
    walk_at_[w] = *bucket_head(walks[w].table, walks[w].key);
    if (walk_at_[w] != kNil) __builtin_prefetch(&next_of(slot_of(walk_at_[w]), walks[w].table));
  }
  // Step k of every chain before step k + 1 of any: the loads of one step
  // do not wait on each other.
  bool more = true;
  for (size_t step = 0; more && step < limit; ++step) {
    more = false;
    for (size_t w = 0; w < n; ++w) {
      const uint32_t at = walk_at_[w];
      if (at == kNil) continue;
      const size_t table = walks[w].table;
      const uint32_t slot = slot_of(at);
      if (tag_of_link(at) == tag_of(walks[w].key)) {
        __builtin_prefetch(key_address(slot, table));
        walk_found_.push_back({static_cast<uint32_t>(w), slot});
      }
      walk_last_[w] = at;
      const uint32_t next = next_of(slot, table);
      walk_at_[w] = next;
      if (next != kNil) {
        __builtin_prefetch(&next_of(slot_of(next), table));
        more = true;
      }
    }
  }
  // What lies past the newest max_band_chain entries no walk will see:
  // unhook it, so that the chain, and evicting from it, stay short.
  for (size_t w = 0; w < n; ++w) {
    if (walk_at_[w] != kNil && walk_last_[w] != kNil) {
      cut_after(walks[w].table, slot_of(walk_last_[w]));
    }
  }
  // Visited in the order of `walks`, each chain newest first, as one walk
  // after the other would (the found entries are in step order).
  walk_start_.assign(n + 1, 0);
  for (const auto& [w, slot] : walk_found_) ++walk_start_[w + 1];
  for (size_t w = 0; w < n; ++w) walk_start_[w + 1] += walk_start_[w];
  walk_sorted_.resize(walk_found_.size());
  walk_fill_.assign(walk_start_.begin(), walk_start_.end() - 1);
  for (const auto& [w, slot] : walk_found_) walk_sorted_[walk_fill_[w]++] = slot;
  for (size_t w = 0; w < n; ++w) {
    for (uint32_t i = walk_start_[w]; i < walk_start_[w + 1]; ++i) {
      const uint32_t slot = walk_sorted_[i];
      const size_t table = walks[w].table;
      if (key_of(slot, table) == walks[w].key) visit(record_of(slot, table));
    }
  }
}

// ------------------------------------------------------ insert and remove

SharedText DedupIndex::share_uri(std::string_view uri) const {
  SharedText found;
  walk(kUriTable, uri_hash(uri), [&](const IndexRecord& r) { return *r.uri == uri; },
       [&](uint32_t s) {
         if (!found) found = slots_[s].uri;
       });
  return found;
}

NameId DedupIndex::intern(std::string_view name) {
  if (const auto it = name_ids_.find(name); it != name_ids_.end()) return it->second;
  const auto id = static_cast<NameId>(names_.size());
  names_.push_back(&name_ids_.emplace(std::string(name), id).first->first);
  return id;
}

uint32_t DedupIndex::find_slot_locked(std::string_view uri, std::string_view version) const {
  uint32_t found = kNil;
  walk(kUriTable, uri_hash(uri),
       [&](const IndexRecord& r) { return *r.version == version && *r.uri == uri; },
       [&](uint32_t s) {
         if (found == kNil) found = s;
       });
  return found;
}

const IndexRecord* DedupIndex::find_locked(std::string_view uri, std::string_view version) const {
  const uint32_t slot = find_slot_locked(uri, version);
  return slot == kNil ? nullptr : &slots_[slot];
}

void DedupIndex::advance_watermark(int64_t event_ms) {
  if (options_.max_future_ms > 0) {
    const int64_t now = options_.wall_clock ? options_.wall_clock() : system_now_ms();
    event_ms = std::min(event_ms, now + options_.max_future_ms);
  }
  newest_event_ms_ = std::max(newest_event_ms_, event_ms);
}

uint32_t DedupIndex::insert_locked(const IndexEntry& e, std::vector<std::string>* auto_evicted) {
  uint32_t slot = 0;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
    next_.emplace_back().fill(kNil);
  }
  IndexRecord& r = slots_[slot];
  // Story and "of" are uris of other entries: share their strings.
  auto share = [&](const std::string& s) -> SharedText {
    if (s.empty()) return {};
    if (r.uri && s == *r.uri) return r.uri;
    if (auto shared = share_uri(s)) return shared;
    SharedText own = SharedText::make(s);
    string_bytes_ += own.heap_bytes();
    return own;
  };
  r.uri = share(e.uri);
  r.story = share(e.story.empty() ? e.uri : e.story);
  r.of = share(e.of);
  r.source_family = intern(e.source_family);
  r.story_family = intern(e.story_family.empty() ? e.source_family : e.story_family);
  r.topic = intern(e.origin.topic);
  r.version = std::string_view(e.version);
  string_bytes_ += r.version.heap_bytes();
  r.partition = e.origin.partition;
  r.offset = e.origin.offset;
  r.event_ms = e.event_ms;
  r.content_hash = e.content_hash;
  r.hot = IndexRecord::kNotHot;
  const bool has_hot_part = e.sketch.body_shingles > 0;
  // An entry already behind the hot window (one read back from the topic
  // on restore) starts cold.
  if (has_hot_part && (options_.hot_window_ms <= 0 || newest_event_ms_ == INT64_MIN ||
                       e.event_ms >= newest_event_ms_ - options_.hot_window_ms)) {
    if (!hot_free_.empty()) {
      r.hot = hot_free_.back();
      hot_free_.pop_back();
    } else {
      r.hot = static_cast<uint32_t>(hot_.size());
      hot_.emplace_back();
    }
    hot_[r.hot].slot = slot;
  }
  r.sketch = e.sketch;
  r.similarity = e.similarity ? IndexRecord::thousandths(*e.similarity) : IndexRecord::kNoSimilarity;
  r.markers = e.markers;
  r.level = e.level;
  r.pubstatus = e.pubstatus;
  r.verdict = e.verdict;
  r.script = e.script;
  r.headline_hash = e.headline_hash;
  r.slug_hash = e.slug_hash;
  r.names = e.names;
  r.headline_names = e.headline_names;
  r.score = e.score;
  r.live = true;
  ++live_;
  r.followed = 0;
  if (r.markers & marker::flash) {
    // Kept in event order (arrival order among equal times): a window is a
    // range, found by binary search, whatever the number of flashes.
    FlashRef f;
    f.event_ms = e.event_ms;
    f.slot = slot;
    f.generation = r.generation;
    f.source_family = r.source_family;
    f.story_family = r.story_family;
    // As TermView::of_packed reads them: the flash is read in place for
    // every item of its window.
    f.flash_terms = e.flash_terms.empty() ? e.flash_terms : canonical_terms(e.flash_terms);
    f.terms = digest_terms(TermView::of_packed(f.flash_terms));
    f.script = r.script;
    f.has_terms = !f.flash_terms.empty();
    const auto at = std::upper_bound(
        flashes_.begin(), flashes_.end(), e.event_ms,
        [](int64_t t, const FlashRef& f) { return t < f.event_ms; });
    flashes_.insert(at, std::move(f));
  }
  if (!e.of.empty() && !(e.markers & marker::flash)) {
    // A story that follows a flash: the flash's story has come in this script.
    walk(kUriTable, uri_hash(e.of), [&](const IndexRecord& f) { return *f.uri == e.of; },
         [&](uint32_t s) {
           if (slots_[s].markers & marker::flash) slots_[s].followed |= uint8_t(1u << e.script);
         });
  }

  const auto later = [](const HeapItem& a, const HeapItem& b) { return a.event_ms > b.event_ms; };
  heap_.push_back({e.event_ms, slot, r.generation});
  std::push_heap(heap_.begin(), heap_.end(), later);
  if (r.hot != IndexRecord::kNotHot && options_.hot_window_ms > 0) {
    hot_heap_.push_back({e.event_ms, slot, r.generation});
    std::push_heap(hot_heap_.begin(), hot_heap_.end(), later);
  }
  // Four entries per bucket on average before the tables double: the
  // bucket heads (4 bytes x 65 tables) cost 65-130 bytes per entry instead
  // of 130-260 at two. An entry of another key in the bucket is passed over
  // on its link's key tag; it does count towards the newest max_band_chain
  // steps of a band walk (on the stress sets of 12,000 stories, one verdict
  // in 32,000 moved either way; benchmarks/README.md).
  // The hot tables hold hot entries only (most of them, with a hot window,
  // are cold): their heads are sized by those. ~15 MB less at a million
  // items; on the load's first 300,000 items 19 late copies were called new
  // that the tables sized by every entry found (one entry per hot bucket
  // instead of four: 17, and 2 the other way, so it is the buckets' layout
  // more than their load), none on the stress sets.
  if (live_ > 4 * cold_heads_.buckets) grow_tables(cold_heads_);
  if (hot_count() > 4 * hot_heads_.buckets) grow_tables(hot_heads_);
  link(slot);
  // Two old buckets per insert: the move ends halfway to the next doubling.
  if (cold_heads_.old_buckets != 0) migrate(cold_heads_, 2);
  if (hot_heads_.old_buckets != 0) migrate(hot_heads_, 2);
  advance_watermark(e.event_ms);
  cool();
  if (auto_evicted) enforce_limits(*auto_evicted);
  return slot;
}

void DedupIndex::remove_slot(uint32_t slot) {
  IndexRecord& r = slots_[slot];
  if (!r.live) return;
  unlink(slot);
  string_bytes_ -= std::min(string_bytes_, r.version.heap_bytes());
  for (auto* shared : {&r.uri, &r.story, &r.of}) {
    if (*shared && shared->use_count() == 1) {
      string_bytes_ -= std::min(string_bytes_, shared->heap_bytes());
    }
    shared->reset();
  }
  r.version.clear();
  r.live = false;
  ++r.generation;  // makes its heap item stale
  --live_;
  free_.push_back(slot);
}

void DedupIndex::evict_before(int64_t cutoff_ms, std::vector<std::string>& keys) {
  const auto later = [](const HeapItem& a, const HeapItem& b) { return a.event_ms > b.event_ms; };
  while (!heap_.empty()) {
    const HeapItem top = heap_.front();
    const IndexRecord& r = slots_[top.slot];
    const bool stale = !r.live || r.generation != top.generation;
    if (!stale && top.event_ms >= cutoff_ms) break;
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
    if (stale) continue;
    keys.push_back(index_key(*r.uri, *r.version));
    remove_slot(top.slot);
  }
}

void DedupIndex::evict_oldest(std::vector<std::string>& keys) {
  const auto later = [](const HeapItem& a, const HeapItem& b) { return a.event_ms > b.event_ms; };
  while (!heap_.empty()) {
    const HeapItem top = heap_.front();
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
    const IndexRecord& r = slots_[top.slot];
    if (!r.live || r.generation != top.generation) continue;
    keys.push_back(index_key(*r.uri, *r.version));
    remove_slot(top.slot);
    return;
  }
}

void DedupIndex::enforce_limits(std::vector<std::string>& keys) {
  if (newest_event_ms_ != INT64_MIN) evict_before(newest_event_ms_ - options_.window_ms, keys);
  while (options_.max_entries > 0 && live_ > options_.max_entries) evict_oldest(keys);
}

// ---------------------------------------------------------------- Session

DedupIndex::Session::Session(DedupIndex& index) : index_(index), lock_(index.mu_) {}

DedupIndex::Session::~Session() {
  lock_.unlock();
  if (index_.on_change_) {
    for (const auto& e : inserted_) index_.on_change_(e);
  }
  if (index_.on_evict_ && !evicted_.empty()) index_.on_evict_(evicted_);
}

IndexEntry DedupIndex::Session::entry(const IndexRecord& record) const {
  return index_.entry_of(record);
}

const IndexRecord* DedupIndex::Session::find(std::string_view uri,
                                             std::string_view version) const {
  return index_.find_locked(uri, version);
}

std::vector<const IndexRecord*> DedupIndex::Session::find_uri(std::string_view uri) const {
  std::vector<const IndexRecord*> out;
  index_.walk(kUriTable, uri_hash(uri), [&](const IndexRecord& r) { return *r.uri == uri; },
              [&](uint32_t s) { out.push_back(&index_.slots_[s]); });
  return out;
}

int64_t DedupIndex::Session::newest_event_ms() const { return index_.newest_event_ms_; }

std::vector<const IndexRecord*> DedupIndex::Session::find_headline(uint64_t hash) const {
  std::vector<const IndexRecord*> out;
  if (hash == 0) return out;
  index_.walk(kHeadlineTable, hash, [&](const IndexRecord& r) { return r.headline_hash == hash; },
              [&](uint32_t s) { out.push_back(&index_.slots_[s]); });
  return out;
}

void DedupIndex::Session::find_slug(uint32_t hash, std::vector<const IndexRecord*>& out) const {
  if (hash == 0) return;
  index_.walk(
      kSlugTable, paragraph_table_key(hash), index_.options_.max_slug_chain,
      [&](const IndexRecord& r) { return r.slug_hash == hash; },
      [&](uint32_t s) { out.push_back(&index_.slots_[s]); });
}

void DedupIndex::Session::find_named(NameId family, uint16_t name,
                                     std::vector<const IndexRecord*>& out) const {
  if (family == kNoName || name == 0 || name >= kPlaceBase) return;
  index_.walk(kSlugTable, paragraph_table_key(named_slug(family, name)),
              index_.options_.max_slug_chain,
              [&](const IndexRecord& r) {
                return named_in_slug_table(r) && first_name(r) == name &&
                       r.source_family == family;
              },
              [&](uint32_t s) { out.push_back(&index_.slots_[s]); });
}

std::vector<const IndexRecord*> DedupIndex::Session::candidates(const Fingerprint& fp) const {
  auto& tally = index_.tally_;
  tally.clear();
  auto visit = [&](uint32_t s) -> uint16_t& {
    uint16_t& hits = tally.visit(s);
    // Read by the ranking below when there are more than max_candidates.
    if (hits == 1) __builtin_prefetch(&index_.slots_[s].event_ms);
    return hits;
  };
  // Same content: ranked first, whatever the other buckets say.
  constexpr uint16_t kSameContent = 1000;
  if (fp.content_hash != 0) {
    index_.walk(kContentTable, fp.content_hash,
                [&](const IndexRecord& r) { return r.content_hash == fp.content_hash; },
                [&](uint32_t s) { visit(s) = kSameContent; });
  }
  // Only entries with a sketch of that part are linked into its band tables
  // (table_key), so a band match is its key alone (key_of), which reads the
  // one cache line of the entry that holds the band.
  auto& walks = index_.band_walks_;
  walks.clear();
  if (fp.sketch.body_shingles > 0) {
    for (size_t b = 0; b < kBodyBands; ++b) {
      walks.push_back({body_table(b), body_band_key(fp.sketch, b)});
    }
  }
  if (fp.sketch.lead_shingles > 0) {
    for (size_t b = 0; b < kLeadBands; ++b) {
      walks.push_back({kFirstLeadBand + b, lead_band_key(fp.sketch, b)});
    }
  }
  if (fp.sketch.opening_shingles > 0) {
    for (size_t b = 0; b < kOpeningBands; ++b) {
      walks.push_back({kFirstOpeningBand + b, opening_band_key(fp.sketch, b)});
    }
  }
  if (fp.agency_opening_shingles > 0) {
    for (size_t b = 0; b < kOpeningBands; ++b) {
      walks.push_back({kFirstOpeningBand + b, opening_band_key(fp.agency_opening, b)});
    }
  }
  // A paragraph may sit in any of the kParagraphKeys slots of another entry.
  for (const uint32_t paragraph : fp.sketch.paragraphs) {
    if (paragraph == 0) continue;
    for (size_t t = 0; t < kParagraphKeys; ++t) {
      walks.push_back({kFirstParagraph + t, paragraph_table_key(paragraph)});
    }
  }
  index_.walk_bands(walks, visit);
  const std::vector<uint32_t>& found = tally.slots();
  const size_t keep = index_.options_.max_candidates;
  std::vector<const IndexRecord*> out;
  if (keep > 0 && found.size() > keep) {
    // Ranked on a copy of what the order compares, read once per candidate
    // instead of once per comparison (two cache misses each).
    using Ranked = RankedCandidate;
    auto& ranked = index_.ranked_;
    ranked.clear();
    for (size_t i = 0; i < found.size(); ++i) {
      ranked.push_back({tally.hits(i), index_.slots_[found[i]].event_ms, found[i]});
    }
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                      ranked.end(), [](const Ranked& a, const Ranked& b) {
                        if (a.hits != b.hits) return a.hits > b.hits;
                        return a.event_ms > b.event_ms;
                      });
    out.reserve(keep);
    for (size_t i = 0; i < keep; ++i) out.push_back(&index_.slots_[ranked[i].slot]);
  } else {
    out.reserve(found.size());
    for (const uint32_t s : found) out.push_back(&index_.slots_[s]);
  }
  return out;
}

std::span<const FlashRef> DedupIndex::Session::flashes(int64_t from_ms, int64_t to_ms) const {
  auto& list = index_.flashes_;
  const auto before = [](const FlashRef& f, int64_t t) { return f.event_ms < t; };
  const auto after = [](int64_t t, const FlashRef& f) { return t < f.event_ms; };
  // Forget flashes older than any item still remembered: the front of the
  // list. (One scan per item over every flash of the window, touching each
  // entry, was a quarter of the time at a million items.)
  if (index_.newest_event_ms_ != INT64_MIN) {
    const int64_t horizon = index_.newest_event_ms_ - index_.options_.window_ms;
    list.erase(list.begin(), std::lower_bound(list.begin(), list.end(), horizon, before));
  }
  const auto lo = std::lower_bound(list.begin(), list.end(), from_ms, before);
  const auto hi = std::upper_bound(lo, list.end(), to_ms, after);
  return {lo, hi};
}

const IndexRecord* DedupIndex::Session::record(const FlashRef& flash) const {
  const IndexRecord& r = index_.slots_[flash.slot];
  return r.live && r.generation == flash.generation ? &r : nullptr;
}

NameId DedupIndex::Session::interned(std::string_view name) const {
  const auto it = index_.name_ids_.find(name);
  return it == index_.name_ids_.end() ? kNoName : it->second;
}

bool DedupIndex::Session::same_origin(const IndexRecord& r, const Origin& o) const {
  return r.topic != kNoName && name(r.topic) == o.topic && r.partition == o.partition &&
         r.offset == o.offset;
}

bool DedupIndex::Session::insert(const IndexEntry& entry) {
  if (index_.find_locked(entry.uri, entry.version)) return false;
  index_.insert_locked(entry, &evicted_);
  inserted_.push_back(entry);
  return true;
}

}  // namespace wiredesk
