#include "processors/core/encode.hpp"

#include <array>

#include "processors/decode/json_writer.hpp"

namespace wiredesk {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::fresh: return "new";
    case Verdict::update: return "update";
    case Verdict::duplicate: return "duplicate";
  }
  return "new";
}

namespace {

// Members the encoder writes itself; an input member of the same name is
// replaced, not repeated.
bool written_by_encoder(std::string_view key) {
  static constexpr std::array<std::string_view, 15> kKeys = {
      "uri",       "version",   "firstcreated", "versioncreated", "embargoed",
      "pubstatus", "urgency",   "language",     "slugline",       "headlines",
      "bodies",    "subjects",  "places",       "people",         "organisations"};
  for (auto k : kKeys) {
    if (k == key) return true;
  }
  return key == "wiredesk";
}

std::string_view array_member_for_kind(std::string_view kind) {
  if (kind == "place") return "places";
  if (kind == "person") return "people";
  if (kind == "organisation") return "organisations";
  return "subjects";
}

void write_text_parts(std::string& out, const std::vector<TextPart>& parts) {
  out.push_back('[');
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out.push_back(',');
    const TextPart& p = parts[i];
    out.push_back('{');
    bool first = true;
    json::append_key(out, "role", first);
    json::append_string(out, p.role.empty() ? "main" : p.role);
    if (!p.contenttype.empty()) {
      json::append_key(out, "contenttype", first);
      json::append_string(out, p.contenttype);
    }
    json::append_key(out, "value", first);
    json::append_string(out, p.value);
    for (const auto& m : p.extra) {
      json::append_key(out, m.key, first);
      out += m.json;
    }
    out.push_back('}');
  }
  out.push_back(']');
}

// Writes `existing` (a JSON array or empty) with the machine-assigned topics
// of one kind appended.
void write_topic_array(std::string& out, std::string_view existing, std::string_view member,
                       const std::vector<TopicMatch>& topics) {
  std::string added;
  for (const auto& t : topics) {
    if (array_member_for_kind(t.kind) != member) continue;
    if (!added.empty()) added.push_back(',');
    added.push_back('{');
    bool first = true;
    json::append_key(added, "uri", first);
    json::append_string(added, t.uri);
    json::append_key(added, "name", first);
    json::append_string(added, t.name);
    json::append_key(added, "rel", first);
    json::append_string(added, "about");
    json::append_key(added, "creator", first);
    json::append_string(added, "machine");
    json::append_key(added, "relevance", first);
    json::append_int(added, t.relevance);
    added.push_back('}');
  }
  if (existing.size() < 2) {
    out.push_back('[');
    out += added;
    out.push_back(']');
    return;
  }
  out.append(existing.substr(0, existing.size() - 1));
  if (!added.empty()) {
    if (existing.size() > 2) out.push_back(',');
    out += added;
  }
  out.push_back(']');
}

void write_string_list(std::string& out, const std::vector<std::string>& values) {
  out.push_back('[');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out.push_back(',');
    json::append_string(out, values[i]);
  }
  out.push_back(']');
}

void write_topic_ids(std::string& out, const std::vector<TopicMatch>& topics) {
  out.push_back('[');
  for (size_t i = 0; i < topics.size(); ++i) {
    if (i) out.push_back(',');
    json::append_string(out, topics[i].id);
  }
  out.push_back(']');
}

}  // namespace

std::string Encoder::enriched_value(const ItemContext& ctx) const {
  const WireItem& item = ctx.item;
  std::string out;
  out.reserve(item.plain_body.size() * 2 + 1024);
  out.push_back('{');
  bool first = true;
  auto string_member = [&](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    json::append_key(out, key, first);
    json::append_string(out, value);
  };
  string_member("uri", item.uri);
  string_member("version", item.version);
  string_member("firstcreated", item.firstcreated);
  string_member("versioncreated", item.versioncreated);
  string_member("embargoed", item.embargoed);
  string_member("pubstatus", to_string(item.pubstatus));
  json::append_key(out, "urgency", first);
  json::append_int(out, item.urgency);
  string_member("language", item.language);
  string_member("slugline", item.slugline);
  if (!item.headlines.empty()) {
    json::append_key(out, "headlines", first);
    write_text_parts(out, item.headlines);
  }
  if (!item.bodies.empty()) {
    json::append_key(out, "bodies", first);
    write_text_parts(out, item.bodies);
  }

  // The lists wiredesk appends its topics to must be arrays: any other
  // value the input gave them is kept under x-input-<name>, and the list
  // starts empty.
  std::string_view existing_places, existing_people, existing_orgs;
  for (const auto& m : item.passthrough) {
    std::string_view* list = m.key == "places"          ? &existing_places
                             : m.key == "people"        ? &existing_people
                             : m.key == "organisations" ? &existing_orgs
                                                        : nullptr;
    if (list) {
      if (!m.json.empty() && m.json.front() == '[') {
        *list = m.json;
      } else if (m.json != "null") {
        json::append_key(out, "x-input-" + m.key, first);
        out += m.json;
      }
    }
    if (written_by_encoder(m.key)) continue;
    json::append_key(out, m.key, first);
    out += m.json;
  }

  json::append_key(out, "subjects", first);
  write_topic_array(out, item.subjects_json, "subjects", ctx.topics);
  const std::pair<std::string_view, std::string_view> kinds[] = {
      {"places", existing_places}, {"people", existing_people}, {"organisations", existing_orgs}};
  for (const auto& [member, existing] : kinds) {
    bool has_topic = false;
    for (const auto& t : ctx.topics) has_topic |= array_member_for_kind(t.kind) == member;
    if (!has_topic && existing.empty()) continue;
    json::append_key(out, member, first);
    write_topic_array(out, existing, member, ctx.topics);
  }

  json::append_key(out, "wiredesk", first);
  out.push_back('{');
  bool wfirst = true;
  json::append_key(out, "verdict", wfirst);
  json::append_string(out, to_string(ctx.verdict));
  json::append_key(out, "story", wfirst);
  json::append_string(out, ctx.story.empty() ? item.uri : ctx.story);
  if (!ctx.of.empty()) {
    json::append_key(out, "of", wfirst);
    json::append_string(out, ctx.of);
  }
  if (ctx.similarity) {
    json::append_key(out, "similarity", wfirst);
    json::append_double(out, static_cast<double>(static_cast<int>(*ctx.similarity * 1000 + 0.5)) / 1000);
  }
  if (ctx.correction) {
    json::append_key(out, "correction", wfirst);
    out += "true";
  }
  if (ctx.late) {
    json::append_key(out, "late", wfirst);
    out += "true";
  }
  json::append_key(out, "topics", wfirst);
  write_topic_ids(out, ctx.topics);
  // The rules of the alert record this item produced: none when it produced
  // none (its story had already alerted on them, or it is a duplicate).
  json::append_key(out, "alerts", wfirst);
  write_string_list(out, ctx.alert ? ctx.alerts : std::vector<std::string>{});
  if (ctx.alert) {
    json::append_key(out, "alert_id", wfirst);
    json::append_string(out, ctx.alert->alert_id);
  }
  json::append_key(out, "origin", wfirst);
  out.push_back('{');
  bool ofirst = true;
  json::append_key(out, "topic", ofirst);
  json::append_string(out, ctx.origin.topic);
  json::append_key(out, "partition", ofirst);
  json::append_int(out, ctx.origin.partition);
  json::append_key(out, "offset", ofirst);
  json::append_int(out, ctx.origin.offset);
  out.push_back('}');
  json::append_key(out, "received", wfirst);
  json::append_string(out, json::format_time_ms(ctx.received_ms));
  json::append_key(out, "processed", wfirst);
  json::append_string(out, json::format_time_ms(ctx.processed_ms));
  out += "}}";
  return out;
}

std::string Encoder::alert_value(const ItemContext& ctx) const {
  if (!ctx.alert) return {};
  const WireItem& item = ctx.item;
  std::string out = "{";
  bool first = true;
  json::append_key(out, "alert_id", first);
  json::append_string(out, ctx.alert->alert_id);
  json::append_key(out, "rules", first);
  write_string_list(out, ctx.alerts);
  json::append_key(out, "uri", first);
  json::append_string(out, item.uri);
  json::append_key(out, "story", first);
  json::append_string(out, ctx.story.empty() ? item.uri : ctx.story);
  json::append_key(out, "verdict", first);
  json::append_string(out, to_string(ctx.verdict));
  json::append_key(out, "headline", first);
  json::append_string(out, item.headline());
  json::append_key(out, "urgency", first);
  json::append_int(out, item.urgency);
  json::append_key(out, "pubstatus", first);
  json::append_string(out, to_string(item.pubstatus));
  json::append_key(out, "source", first);
  json::append_string(out, item.source);
  json::append_key(out, "topics", first);
  write_topic_ids(out, ctx.topics);
  json::append_key(out, "versioncreated", first);
  if (item.versioncreated.empty()) {
    out += "null";
  } else {
    json::append_string(out, item.versioncreated);
  }
  json::append_key(out, "processed", first);
  json::append_string(out, json::format_time_ms(ctx.processed_ms));
  if (!item.embargoed.empty()) {  // the desk sees what it may not run yet
    json::append_key(out, "embargoed", first);
    json::append_string(out, item.embargoed);
  }
  if (!ctx.alert->followup_of.empty()) {
    json::append_key(out, "followup_of", first);
    json::append_string(out, ctx.alert->followup_of);
    json::append_key(out, "reason", first);
    json::append_string(out, ctx.alert->reason);
  }
  out.push_back('}');
  return out;
}

std::vector<Header> Encoder::headers(const ItemContext& ctx) const {
  return {
      {std::string(header::verdict), std::string(to_string(ctx.verdict))},
      {std::string(header::story), ctx.story.empty() ? ctx.item.uri : ctx.story},
      {std::string(header::origin), ctx.origin.to_string()},
  };
}

void Encoder::encode(const ItemContext& ctx, std::vector<OutputRecord>& out) const {
  const std::string& story = ctx.story.empty() ? ctx.item.uri : ctx.story;
  const bool duplicate = ctx.verdict == Verdict::duplicate;
  if (!duplicate || topics_.duplicates_enabled) {
    out.push_back(OutputRecord{duplicate ? topics_.duplicates : topics_.items, story, headers(ctx),
                               enriched_value(ctx), ValueKind::json});
  }
  if (ctx.alert) {
    out.push_back(
        OutputRecord{topics_.alerts, story, headers(ctx), alert_value(ctx), ValueKind::json});
  }
  if (!topics_.stories.empty() && !ctx.story_view.empty()) {
    out.push_back(OutputRecord{topics_.stories,
                               story,
                               {{std::string(header::origin), ctx.origin.to_string()}},
                               ctx.story_view,
                               ValueKind::json});
  }
}

void Encoder::encode_state(std::vector<StateWrite>& writes, std::vector<OutputRecord>& out) const {
  if (topics_.state.empty()) return;
  for (auto& w : writes) {
    std::vector<Header> headers;
    if (!topics_.writer.empty()) headers.push_back({std::string(header::writer), topics_.writer});
    out.push_back(OutputRecord{topics_.state, std::move(w.key), std::move(headers),
                               std::move(w.value),
                               w.tombstone ? ValueKind::tombstone : ValueKind::bytes});
  }
  writes.clear();
}

OutputRecord Encoder::dead_letter(const InputRecord& input, const DecodeError& error) const {
  OutputRecord r;
  r.topic = topics_.dlq;
  r.key = input.key;
  r.kind = ValueKind::bytes;
  r.value.assign(input.value);
  r.headers = {
      {std::string(header::error), std::string(to_string(error.reason))},
      {std::string(header::error_detail), error.detail},
      {std::string(header::origin), input.origin.to_string()},
  };
  return r;
}

}  // namespace wiredesk
