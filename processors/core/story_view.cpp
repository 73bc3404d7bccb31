#include "processors/core/story_view.hpp"

#include <algorithm>
#include <cassert>

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

void StoryView::pack(const StoryState& state, Stored& out) {
  out.first_ms = state.first_ms;
  out.last_ms = state.last_ms;
  out.versions = state.versions;
  out.status = state.status;
  binary::Writer w;
  w.str(state.headline);
  w.varint(state.topics.size());
  for (const auto& t : state.topics) w.str(t);
  w.varint(state.items.size());
  for (const auto& [uri, version] : state.items) {
    w.str(uri);
    w.str(version);
  }
  out.packed = w.take();
  out.packed.shrink_to_fit();  // at its size, without the writer's spare capacity
}

void StoryView::unpack(std::string_view story, const Stored& in, StoryState& out) {
  out.story.assign(story);
  out.first_ms = in.first_ms;
  out.last_ms = in.last_ms;
  out.versions = in.versions;
  out.status = in.status;
  if (in.packed.empty()) {  // a story not stored yet (pack() never writes nothing)
    out.headline.clear();
    out.topics.clear();
    out.items.clear();
    return;
  }
  // pack() wrote it: it reads back whole.
  binary::Reader r(in.packed);
  uint64_t n = 0;
  bool ok = r.str(out.headline) && r.varint(n);
  out.topics.resize(ok ? n : 0);
  for (auto& t : out.topics) ok = ok && r.str(t);
  ok = ok && r.varint(n);
  out.items.resize(ok ? n : 0);
  for (auto& [uri, version] : out.items) ok = ok && r.str(uri) && r.str(version);
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
  auto [stored, inserted] = stories_.try_emplace(story);
  StoryState& s = scratch_;
  unpack(inserted ? std::string_view() : std::string_view(story), stored->second, s);
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
  pack(s, stored->second);
  if (write_state_) ctx.state_writes.push_back({story_view_key(story), ctx.story_view, false});

  newest_ms_ = std::max(newest_ms_, event);
  // A sweep looks at every story: run it once per half as many updates as
  // there are stories, so that its cost per item stays constant.
  if (++updates_since_sweep_ >= std::max<size_t>(kSweepEvery, stories_.size() / 2)) {
    updates_since_sweep_ = 0;
    for (auto it = stories_.begin(); it != stories_.end();) {
      if (it->second.last_ms < newest_ms_ - window_ms_) {
        if (write_state_) ctx.state_writes.push_back({story_view_key(it->first), {}, true});
        it = stories_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return StageStatus::next();
}

void StoryView::apply_remote(StoryState state) {
  std::lock_guard lock(mu_);
  auto [it, inserted] = stories_.try_emplace(state.story);
  if (!inserted && it->second.versions > state.versions) return;
  newest_ms_ = std::max(newest_ms_, state.last_ms);
  pack(state, it->second);
}

void StoryView::erase(std::string_view story) {
  std::lock_guard lock(mu_);
  if (auto it = stories_.find(std::string(story)); it != stories_.end()) stories_.erase(it);
}

std::optional<StoryState> StoryView::get(std::string_view story) const {
  std::lock_guard lock(mu_);
  auto it = stories_.find(std::string(story));
  if (it == stories_.end()) return std::nullopt;
  StoryState s;
  unpack(it->first, it->second, s);
  return s;
}

size_t StoryView::size() const {
  std::lock_guard lock(mu_);
  return stories_.size();
}

}  // namespace wiredesk
