#include "processors/alerts.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace wiredesk {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string_view ltrim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

bool has_topic(const ItemContext& ctx, std::string_view id) {
  return std::any_of(ctx.topics.begin(), ctx.topics.end(),
                     [&](const TopicMatch& t) { return t.id == id; });
}

std::string_view primary_language(std::string_view tag) { return tag.substr(0, tag.find('-')); }

template <typename T>
bool contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::optional<Verdict> verdict_from_string(std::string_view name) {
  for (Verdict v : {Verdict::fresh, Verdict::update, Verdict::duplicate}) {
    if (to_string(v) == name) return v;
  }
  return std::nullopt;
}

std::optional<PubStatus> pubstatus_from_string(std::string_view name) {
  for (PubStatus s : {PubStatus::usable, PubStatus::withheld, PubStatus::canceled}) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

bool matches(const AlertCondition& c, const ItemContext& ctx) {
  const WireItem& item = ctx.item;
  if (c.urgency_max && item.urgency > *c.urgency_max) return false;
  if (!c.verdicts.empty() && !contains(c.verdicts, ctx.verdict)) return false;
  if (!c.pubstatus.empty() && !contains(c.pubstatus, item.pubstatus)) return false;
  if (!c.topics_any.empty() &&
      std::none_of(c.topics_any.begin(), c.topics_any.end(),
                   [&](const std::string& id) { return has_topic(ctx, id); })) {
    return false;
  }
  if (!std::all_of(c.topics_all.begin(), c.topics_all.end(),
                   [&](const std::string& id) { return has_topic(ctx, id); })) {
    return false;
  }
  if (!c.headline_prefixes.empty()) {
    const std::string_view headline = ltrim(item.headline());
    if (std::none_of(c.headline_prefixes.begin(), c.headline_prefixes.end(),
                     [&](const std::string& p) { return istarts_with(headline, p); })) {
      return false;
    }
  }
  if (!c.sources.empty() &&
      std::none_of(c.sources.begin(), c.sources.end(),
                   [&](const std::string& s) { return iequals(s, item.source); })) {
    return false;
  }
  if (!c.languages.empty()) {
    const std::string_view lang = primary_language(item.language);
    if (std::none_of(c.languages.begin(), c.languages.end(),
                     [&](const std::string& l) { return iequals(l, lang); })) {
      return false;
    }
  }
  return true;
}

bool matches(const AlertRule& rule, const ItemContext& ctx) {
  if (!matches(rule.when, ctx)) return false;
  return rule.any.empty() || std::any_of(rule.any.begin(), rule.any.end(),
                                         [&](const AlertCondition& c) { return matches(c, ctx); });
}

namespace {

void check_condition(const std::string& rule_id, const AlertCondition& c,
                     const std::vector<std::string>* topic_ids, std::vector<AlertIssue>& out) {
  if (c.urgency_max && (*c.urgency_max < 1 || *c.urgency_max > 9)) {
    out.push_back({rule_id, "urgency_max must be between 1 and 9"});
  }
  if (!topic_ids) return;
  for (const auto* list : {&c.topics_any, &c.topics_all}) {
    for (const auto& id : *list) {
      if (!contains(*topic_ids, id)) out.push_back({rule_id, "unknown topic '" + id + "'"});
    }
  }
}

}  // namespace

std::vector<AlertIssue> validate_alert_rules(const AlertRules& rules,
                                             const std::vector<std::string>* topic_ids) {
  std::vector<AlertIssue> out;
  std::set<std::string> seen;
  for (const auto& r : rules.rules) {
    if (r.id.empty()) out.push_back({r.id, "id must not be empty"});
    if (r.id == kKillNoticeRule || r.id == kHoldNoticeRule) {
      out.push_back({r.id, "reserved id: kill and hold notices always alert under it"});
    }
    if (!seen.insert(r.id).second) out.push_back({r.id, "duplicate id"});
    check_condition(r.id, r.when, topic_ids, out);
    for (const auto& c : r.any) check_condition(r.id, c, topic_ids, out);
  }
  return out;
}

Alerter::Alerter(std::shared_ptr<const AlertRules> rules) : rules_(std::move(rules)) {}

void Alerter::process(ItemContext& ctx) {
  ctx.alerts.clear();
  if (ctx.item.pubstatus == PubStatus::canceled) ctx.alerts.emplace_back(kKillNoticeRule);
  if (ctx.item.pubstatus == PubStatus::withheld) ctx.alerts.emplace_back(kHoldNoticeRule);
  const auto rules = rules_.load(std::memory_order_acquire);
  if (!rules) return;
  for (const auto& rule : rules->rules) {
    if (matches(rule, ctx) && !contains(ctx.alerts, rule.id)) ctx.alerts.push_back(rule.id);
  }
}

void Alerter::swap(std::shared_ptr<const AlertRules> rules) {
  rules_.store(std::move(rules), std::memory_order_release);
}

std::shared_ptr<const AlertRules> Alerter::snapshot() const {
  return rules_.load(std::memory_order_acquire);
}

}  // namespace wiredesk
