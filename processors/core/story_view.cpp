#include "processors/core/story_view.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstring>

#include <simdjson.h>

#include "processors/core/binary.hpp"
#include "processors/decode/json_writer.hpp"

namespace wiredesk {

namespace {

constexpr std::string_view kKeyPrefix = "\\story:";
constexpr uint32_t kSweepEvery = 256;

PubStatus status_from(std::string_view s) {
  if (s == "canceled") return PubStatus::canceled;
  if (s == "withheld") return PubStatus::withheld;
  return PubStatus::usable;
}

}  // namespace

std::string story_view_key(std::string_view story) {
  std::string key(kKeyPrefix);
  key.append(story);
  return key;
}

std::optional<std::string> story_of_story_view_key(std::string_view key) {
  if (!key.starts_with(kKeyPrefix)) return std::nullopt;
  return std::string(key.substr(kKeyPrefix.size()));
}

std::string StoryState::to_json() const {
  std::string out = "{";
  bool first = true;
  json::append_key(out, "story", first);
  json::append_string(out, story);
  json::append_key(out, "headline", first);
  json::append_string(out, headline);
  json::append_key(out, "status", first);
  json::append_string(out, to_string(status));
  json::append_key(out, "topics", first);
  json::append_array(out, topics, json::append_string);
  json::append_key(out, "first_update", first);
  json::append_string(out, json::format_time_ms(first_ms));
  json::append_key(out, "last_update", first);
  json::append_string(out, json::format_time_ms(last_ms));
  json::append_key(out, "versions", first);
  json::append_int(out, versions);
  // The uris of the story's items, each once, oldest first.
  json::append_key(out, "uris", first);
  out.push_back('[');
  std::vector<std::string_view> seen;
  for (const auto& [uri, version] : items) {
    if (std::find(seen.begin(), seen.end(), uri) != seen.end()) continue;
    if (!seen.empty()) out.push_back(',');
    seen.push_back(uri);
    json::append_string(out, uri);
  }
  out.push_back(']');
  json::append_key(out, "items", first);
  json::append_array(out, items, [](std::string& o, const auto& item) {
    o += "{\"uri\":";
    json::append_string(o, item.first);
    o += ",\"version\":";
    json::append_string(o, item.second);
    o.push_back('}');
  });
  out.push_back('}');
  return out;
}

std::optional<StoryState> StoryState::from_json(std::string_view text) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(text);
  StoryState s;
  try {
    simdjson::ondemand::document doc = parser.iterate(padded);
    simdjson::ondemand::object o = doc.get_object();
    for (auto field : o) {
      const std::string_view key = field.unescaped_key();
      auto v = field.value();
      if (key == "story") {
        s.story = std::string(std::string_view(v.get_string()));
      } else if (key == "headline") {
        s.headline = std::string(std::string_view(v.get_string()));
      } else if (key == "status") {
        s.status = status_from(v.get_string());
      } else if (key == "topics") {
        for (auto t : v.get_array()) s.topics.emplace_back(std::string_view(t.get_string()));
      } else if (key == "first_update" || key == "last_update") {
        int64_t ms = 0;
        if (!parse_rfc3339_ms(std::string_view(v.get_string()), ms)) return std::nullopt;
        (key == "first_update" ? s.first_ms : s.last_ms) = ms;
      } else if (key == "versions") {
        const int64_t n = v.get_int64();
        if (n < 0 || n > UINT32_MAX) return std::nullopt;
        s.versions = static_cast<uint32_t>(n);
      } else if (key == "items") {
        for (auto item : v.get_array()) {
          simdjson::ondemand::object io = item.get_object();
          std::string uri(std::string_view(io["uri"].get_string()));
          std::string version(std::string_view(io["version"].get_string()));
          s.items.emplace_back(std::move(uri), std::move(version));
        }
      }
    }
  } catch (const simdjson::simdjson_error&) {
    return std::nullopt;
  }
  // Times a wire item can have (1970 to 2200): anything else is not a state
  // wiredesk wrote.
  constexpr int64_t kLatest = 7258118400000;  // 2200-01-01
  if (s.story.empty() || s.first_ms < 0 || s.last_ms < 0 || s.first_ms > kLatest ||
      s.last_ms > kLatest || s.items.size() > kMaxItems) {
    return std::nullopt;
  }
  return s;
}

void StoryView::pack(const StoryState& state) {
  binary::Writer w(std::move(packing_));
  w.str(state.headline);
  w.varint(state.topics.size());
  for (const auto& t : state.topics) {
    auto [at, added] = topic_numbers_.try_emplace(t, static_cast<uint32_t>(topic_names_.size()));
    if (added) topic_names_.push_back(t);
    w.varint(at->second);
  }
  w.varint(state.items.size());
  for (const auto& [uri, version] : state.items) {
    const bool is_story = uri == state.story;
    w.u8(is_story ? 1 : 0);
    if (!is_story) w.str(uri);
    w.str(version);
  }
  packing_ = w.take();
}

StoryView::Stored::Stored(std::string_view story, const StoryState& state,
                          std::string_view packed) {
  Head head;
  head.first_ms = state.first_ms;
  head.last_ms = state.last_ms;
  head.versions = state.versions;
  head.story_size = static_cast<uint32_t>(story.size());
  head.packed_size = static_cast<uint32_t>(packed.size());
  head.status = state.status;
  bytes_ = std::make_unique_for_overwrite<char[]>(sizeof(Head) + story.size() + packed.size());
  std::memcpy(bytes_.get(), &head, sizeof(Head));
  std::memcpy(bytes_.get() + sizeof(Head), story.data(), story.size());
  std::memcpy(bytes_.get() + sizeof(Head) + story.size(), packed.data(), packed.size());
}

StoryView::Head StoryView::Stored::head() const {
  Head head;
  std::memcpy(&head, bytes_.get(), sizeof(Head));
  return head;
}

std::string_view StoryView::Stored::story() const {
  uint32_t size = 0;
  std::memcpy(&size, bytes_.get() + offsetof(Head, story_size), sizeof(size));
  return {bytes_.get() + sizeof(Head), size};
}

std::string_view StoryView::Stored::packed() const {
  const Head h = head();
  return {bytes_.get() + sizeof(Head) + h.story_size, h.packed_size};
}

size_t StoryView::Table::hash(std::string_view story) {
  return std::hash<std::string_view>{}(story);
}

size_t StoryView::Table::slot_of(std::string_view story) const {
  const size_t mask = slots_.size() - 1;
  size_t i = home(story);
  while (!slots_[i].empty() && slots_[i].story() != story) i = (i + 1) & mask;
  return i;
}

StoryView::Stored* StoryView::Table::find(std::string_view story) {
  if (size_ == 0) return nullptr;
  Stored& s = slots_[slot_of(story)];
  return s.empty() ? nullptr : &s;
}

const StoryView::Stored* StoryView::Table::find(std::string_view story) const {
  return const_cast<Table*>(this)->find(story);
}

void StoryView::Table::add(Stored stored) {
  if ((size_ + 1) * 4 > slots_.size() * 3) grow();
  const std::string_view story = stored.story();
  slots_[slot_of(story)] = std::move(stored);
  ++size_;
}

void StoryView::Table::erase(std::string_view story) {
  if (size_ == 0) return;
  const size_t i = slot_of(story);
  if (!slots_[i].empty()) erase_at(i);
}

// Backward shift: each entry after the hole, up to the next free slot, moves
// into the hole unless its home lies after the hole (cyclically), where a
// lookup from its home would no longer pass the hole to reach it.
void StoryView::Table::erase_at(size_t hole) {
  const size_t mask = slots_.size() - 1;
  for (size_t j = (hole + 1) & mask; !slots_[j].empty(); j = (j + 1) & mask) {
    const size_t h = home(slots_[j].story());
    const bool stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
    if (stays) continue;
    slots_[hole] = std::move(slots_[j]);
    hole = j;
  }
  slots_[hole] = Stored();
  --size_;
}

void StoryView::Table::grow() {
  std::vector<Stored> old = std::move(slots_);
  slots_ = std::vector<Stored>(old.empty() ? 16 : old.size() * 2);
  for (Stored& s : old) {
    if (!s.empty()) slots_[slot_of(s.story())] = std::move(s);
  }
}

void StoryView::unpack(const Stored& in, StoryState& out) const {
  const Head h = in.head();
  out.story.assign(in.story());
  out.first_ms = h.first_ms;
  out.last_ms = h.last_ms;
  out.versions = h.versions;
  out.status = h.status;
  // pack() wrote it: it reads back whole.
  binary::Reader r(in.packed());
  uint64_t n = 0;
  bool ok = r.str(out.headline) && r.varint(n);
  out.topics.resize(ok ? n : 0);
  for (auto& t : out.topics) {
    uint64_t number = 0;
    ok = ok && r.varint(number) && number < topic_names_.size();
    if (ok) t = topic_names_[number];
  }
  ok = ok && r.varint(n);
  out.items.resize(ok ? n : 0);
  for (auto& [uri, version] : out.items) {
    uint8_t is_story = 0;
    ok = ok && r.u8(is_story);
    if (ok && is_story) {
      uri = out.story;
    } else {
      ok = ok && r.str(uri);
    }
    ok = ok && r.str(version);
  }
  assert(ok && r.done());
}

StageStatus StoryView::process(ItemContext& ctx) {
  // A copy is not a version of the story: it changes nothing a desk sees.
  if (ctx.verdict == Verdict::duplicate) return StageStatus::next();
  const WireItem& item = ctx.item;
  const std::string& story = ctx.story.empty() ? item.uri : ctx.story;
  const int64_t parsed = event_time_ms(item);  // parses a timestamp: once per item
  const int64_t event = parsed > 0 ? parsed : ctx.received_ms;
  std::lock_guard lock(mu_);
  Stored* const stored = stories_.find(story);
  StoryState& s = scratch_;
  if (stored) {
    unpack(*stored, s);
  } else {
    s.story.clear();
    s.headline.clear();
    s.topics.clear();
    s.items.clear();
    s.versions = 0;
    s.first_ms = 0;
    s.last_ms = 0;
    s.status = PubStatus::usable;
  }
  const bool known = std::any_of(s.items.begin(), s.items.end(), [&](const auto& i) {
    return i.first == item.uri && i.second == item.version;
  });
  if (s.story.empty()) {
    s.story = story;
    s.first_ms = event;
  }
  // The latest item speaks for the story; a record processed again (after a
  // crash) is not counted twice, and an older item does not take over.
  if (!known) {
    ++s.versions;
    s.items.emplace_back(item.uri, item.version);
    if (s.items.size() > StoryState::kMaxItems) s.items.erase(s.items.begin() + 1);
  }
  if (event >= s.last_ms) {
    s.last_ms = event;
    s.headline = std::string(item.headline());
    s.status = item.pubstatus;
    s.topics.clear();
    for (const auto& t : ctx.topics) s.topics.push_back(t.id);
  }
  s.first_ms = std::min(s.first_ms, event);
  ctx.story_view = s.to_json();
  store(stored, s);
  if (write_state_) ctx.state_writes.push_back({story_view_key(story), ctx.story_view, false});

  newest_ms_ = std::max(newest_ms_, event);
  // A sweep looks at every story: run it once per half as many updates as
  // there are stories, so that its cost per item stays constant.
  if (++updates_since_sweep_ >= std::max<size_t>(kSweepEvery, stories_.size() / 2)) {
    updates_since_sweep_ = 0;
    stories_.erase_if([&](const Stored& st) {
      if (st.head().last_ms >= newest_ms_ - window_ms_) return false;
      if (write_state_) ctx.state_writes.push_back({story_view_key(st.story()), {}, true});
      return true;
    });
  }
  return StageStatus::next();
}

void StoryView::apply_remote(StoryState state) {
  std::lock_guard lock(mu_);
  Stored* const at = stories_.find(state.story);
  if (at && at->head().versions > state.versions) return;
  newest_ms_ = std::max(newest_ms_, state.last_ms);
  store(at, state);
}

void StoryView::store(Stored* at, const StoryState& state) {
  pack(state);
  if (at) {
    *at = Stored(state.story, state, packing_);
  } else {
    stories_.add(Stored(state.story, state, packing_));
  }
}

void StoryView::erase(std::string_view story) {
  std::lock_guard lock(mu_);
  stories_.erase(story);
}

std::optional<StoryState> StoryView::get(std::string_view story) const {
  std::lock_guard lock(mu_);
  const Stored* at = stories_.find(story);
  if (!at) return std::nullopt;
  StoryState s;
  unpack(*at, s);
  return s;
}

size_t StoryView::size() const {
  std::lock_guard lock(mu_);
  return stories_.size();
}

}  // namespace wiredesk
