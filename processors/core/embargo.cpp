#include "processors/core/embargo.hpp"

#include <simdjson.h>

#include <utility>

#include "processors/decode/json_writer.hpp"

namespace wiredesk {

std::string HeldItem::to_json() const {
  std::string out = "{";
  bool first = true;
  json::append_key(out, "key", first);
  json::append_string(out, key);
  json::append_key(out, "uri", first);
  json::append_string(out, uri);
  json::append_key(out, "release_ms", first);
  json::append_int(out, release_ms);
  json::append_key(out, "origin", first);
  json::append_string(out, origin.to_string());
  json::append_key(out, "records", first);
  json::append_array(out, records, [](std::string& o, const OutputRecord& r) {
    bool rfirst = true;
    o.push_back('{');
    json::append_key(o, "topic", rfirst);
    json::append_string(o, r.topic);
    if (r.key) {
      json::append_key(o, "key", rfirst);
      json::append_string(o, *r.key);
    }
    json::append_key(o, "headers", rfirst);
    json::append_array(o, r.headers, [](std::string& oh, const auto& h) {
      oh.push_back('[');
      json::append_string(oh, h.key);
      oh.push_back(',');
      json::append_string(oh, h.value);
      oh.push_back(']');
    });
    // Held records are items and alerts: JSON text, kept as a string.
    json::append_key(o, "value", rfirst);
    json::append_string(o, r.value);
    o.push_back('}');
  });
  out.push_back('}');
  return out;
}

std::optional<HeldItem> HeldItem::from_json(std::string_view text) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(text);
  HeldItem h;
  std::string origin;
  try {
    simdjson::ondemand::document doc = parser.iterate(padded);
    for (auto field : doc.get_object()) {
      const std::string_view name = field.unescaped_key();
      auto v = field.value();
      if (name == "key") {
        h.key = std::string(std::string_view(v.get_string()));
      } else if (name == "uri") {
        h.uri = std::string(std::string_view(v.get_string()));
      } else if (name == "release_ms") {
        h.release_ms = v.get_int64();
      } else if (name == "origin") {
        origin = std::string(std::string_view(v.get_string()));
      } else if (name == "records") {
        for (auto rec : v.get_array()) {
          OutputRecord r;
          for (auto rf : rec.get_object()) {
            const std::string_view rn = rf.unescaped_key();
            auto rv = rf.value();
            if (rn == "topic") {
              r.topic = std::string(std::string_view(rv.get_string()));
            } else if (rn == "key") {
              r.key = std::string(std::string_view(rv.get_string()));
            } else if (rn == "value") {
              r.value = std::string(std::string_view(rv.get_string()));
            } else if (rn == "headers") {
              for (auto pair : rv.get_array()) {
                std::vector<std::string> kv;
                for (auto part : pair.get_array()) kv.emplace_back(std::string_view(part.get_string()));
                if (kv.size() != 2) return std::nullopt;
                r.headers.push_back({kv[0], kv[1]});
              }
            }
          }
          if (r.topic.empty()) return std::nullopt;
          h.records.push_back(std::move(r));
        }
      }
    }
  } catch (const simdjson::simdjson_error&) {
    return std::nullopt;
  }
  // "topic/partition/offset"
  const size_t b = origin.rfind('/');
  const size_t a = b == std::string::npos ? std::string::npos : origin.rfind('/', b - 1);
  if (h.key.empty() || h.uri.empty() || a == std::string::npos || a == 0) return std::nullopt;
  try {
    h.origin = {origin.substr(0, a), std::stoi(origin.substr(a + 1, b - a - 1)),
                std::stoll(origin.substr(b + 1))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return h;
}

bool EmbargoStore::hold(HeldItem item) {
  if (by_key_.count(item.key)) return false;
  by_key_.emplace(item.key, item.release_ms);
  auto slot = std::make_pair(item.release_ms, item.key);
  by_release_.emplace(std::move(slot), std::move(item));
  return true;
}

std::vector<HeldItem> EmbargoStore::due(int64_t now_ms) {
  std::vector<HeldItem> out;
  while (!by_release_.empty() && by_release_.begin()->first.first <= now_ms) {
    auto node = by_release_.extract(by_release_.begin());
    by_key_.erase(node.key().second);
    out.push_back(std::move(node.mapped()));
  }
  return out;
}

std::vector<std::string> EmbargoStore::drop_uri(std::string_view uri) {
  return drop_if([&](const HeldItem& h) { return h.uri == uri; });
}

namespace {

bool version_before(std::string_view a, std::string_view b) {
  auto number = [](std::string_view v, uint64_t& out) {
    if (v.empty() || v.size() > 18) return false;
    out = 0;
    for (char c : v) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + static_cast<uint64_t>(c - '0');
    }
    return true;
  };
  uint64_t x = 0, y = 0;
  if (number(a, x) && number(b, y)) return x < y;
  return a < b;
}

}  // namespace

std::vector<std::string> EmbargoStore::drop_older(std::string_view uri, std::string_view version) {
  return drop_if([&](const HeldItem& h) {
    // key: uri|version
    return h.uri == uri && h.key.size() > uri.size() &&
           version_before(std::string_view(h.key).substr(uri.size() + 1), version);
  });
}

void EmbargoStore::erase(std::string_view key) {
  auto it = by_key_.find(std::string(key));
  if (it == by_key_.end()) return;
  by_release_.erase({it->second, it->first});
  by_key_.erase(it);
}

std::optional<int64_t> EmbargoStore::next_release() const {
  if (by_release_.empty()) return std::nullopt;
  return by_release_.begin()->first.first;
}

void EmbargoInbox::hold(HeldItem item) {
  std::string key = item.key;
  std::lock_guard lock(mutex_);
  updates_.push_back({std::move(key), std::move(item)});
  pending_.store(true, std::memory_order_release);
}

void EmbargoInbox::end(std::string key) {
  std::lock_guard lock(mutex_);
  updates_.push_back({std::move(key), std::nullopt});
  pending_.store(true, std::memory_order_release);
}

std::vector<EmbargoInbox::Update> EmbargoInbox::take() {
  // The engine asks twice per step; almost always there is nothing, and
  // then it takes no lock.
  if (!pending_.load(std::memory_order_acquire)) return {};
  std::lock_guard lock(mutex_);
  pending_.store(false, std::memory_order_relaxed);
  return std::exchange(updates_, {});
}

}  // namespace wiredesk
