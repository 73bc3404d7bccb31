#include "processors/tag/alerts.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "processors/tag/alert_ledger.hpp"
#include "processors/tag/scale.hpp"
#include "processors/core/markers.hpp"

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

// A headline mark written in capitals is the wire's ("BULLETIN", "URGENT:"):
// it matches only in capitals ("Bulletin boards of campaign posters …" is a
// headline's first word). Any other prefix matches in any case.
bool starts_with_mark(std::string_view headline, std::string_view prefix) {
  const bool capitals =
      std::any_of(prefix.begin(), prefix.end(),
                  [](char c) { return std::isupper(static_cast<unsigned char>(c)); }) &&
      std::none_of(prefix.begin(), prefix.end(),
                   [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  return capitals ? headline.starts_with(prefix) : istarts_with(headline, prefix);
}

bool icontains(std::string_view text, std::string_view needle) {
  if (needle.empty() || needle.size() > text.size()) return false;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (iequals(text.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

std::string_view ltrim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

// A subject counts with min_share of the main topic's evidence; a place or
// a person says where or who, and counts whenever it is assigned.
bool has_topic(const ItemContext& ctx, std::string_view id, double min_share) {
  return std::any_of(ctx.topics.begin(), ctx.topics.end(), [&](const TopicMatch& t) {
    return t.id == id && (t.share >= min_share || t.kind != "subject");
  });
}

std::string_view primary_language(std::string_view tag) { return tag.substr(0, tag.find('-')); }

template <typename T>
bool contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// One of `terms` in the headline or the body's first paragraph.
bool says_any(const std::vector<std::string>& terms, const WireItem& item) {
  if (terms.empty()) return false;
  const std::string_view headline = item.headline();
  const std::string_view lead = opening(item.body_text());
  const std::string_view first = lead.substr(0, lead.find('\n'));
  return std::any_of(terms.begin(), terms.end(), [&](const std::string& term) {
    return icontains(headline, term) || icontains(first, term);
  });
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
                   [&](const std::string& id) { return has_topic(ctx, id, c.topics_min_share); })) {
    return false;
  }
  if (!std::all_of(c.topics_all.begin(), c.topics_all.end(),
                   [&](const std::string& id) { return has_topic(ctx, id, c.topics_min_share); })) {
    return false;
  }
  if (!c.headline_prefixes.empty()) {
    const std::string_view headline = ltrim(item.headline());
    if (std::none_of(c.headline_prefixes.begin(), c.headline_prefixes.end(),
                     [&](const std::string& p) { return starts_with_mark(headline, p); })) {
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
  // Last: these read the text.
  if (says_any(c.unless_terms, item)) return false;
  return !c.scale_any || reaches(*c.scale_any, item);
}

bool reaches(const ScaleBar& bar, const WireItem& item) {
  if (says_any(bar.unless_terms, item)) return false;
  const std::string_view headline = item.headline();
  const std::string_view lead = opening(item.body_text());
  const ItemScale s = read_scale(headline, lead);
  const auto at_least = [](double have, double bar) { return bar > 0 && have >= bar; };
  if (at_least(s.dead, bar.dead) || at_least(s.hurt, bar.hurt) ||
      at_least(s.missing, bar.missing) || at_least(s.evacuated, bar.evacuated) ||
      at_least(s.magnitude, bar.magnitude) ||
      (s.dead > 0 && at_least(s.dead + s.hurt, bar.dead_and_hurt))) {
    return true;
  }
  return std::any_of(bar.terms.begin(), bar.terms.end(), [&](const std::string& term) {
    return icontains(headline, term) || icontains(lead, term);
  });
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
  if (!(c.topics_min_share >= 0 && c.topics_min_share <= 1)) {
    out.push_back({rule_id, "topics_min_share must be between 0 and 1"});
  }
  if (const auto& b = c.scale_any) {
    if (b->dead < 0 || b->hurt < 0 || b->missing < 0 || b->evacuated < 0 ||
        b->dead_and_hurt < 0 || !(b->magnitude >= 0)) {
      out.push_back({rule_id, "scale_any: counts and magnitude must not be negative"});
    }
    if (b->dead == 0 && b->hurt == 0 && b->missing == 0 && b->evacuated == 0 &&
        b->dead_and_hurt == 0 && b->magnitude == 0 && b->terms.empty()) {
      out.push_back({rule_id, "scale_any: set at least one bar or term"});
    }
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

std::optional<AlertMode> alert_mode_from_string(std::string_view name) {
  if (name == "thread") return AlertMode::thread;
  if (name == "every") return AlertMode::every;
  return std::nullopt;
}

std::string_view to_string(AlertMode mode) {
  return mode == AlertMode::thread ? "thread" : "every";
}

namespace {

std::string hex_id(std::string_view prefix, std::string_view text) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(text.data(), text.size())));
  return std::string(prefix) + buf;
}

bool same_origin(const Origin& a, const Origin& b) {
  return a.topic == b.topic && a.partition == b.partition && a.offset == b.offset;
}

// Whether a usable item brings back what a kill or a hold set aside: a
// later version of an item the story already had. A new item of a story
// one of whose items was killed is no release (a day-3 follow-up after a
// day-2 item's kill).
bool comes_back(const StoryAlerts& story, const ItemContext& ctx) {
  if (ctx.of == ctx.item.uri) return true;
  return std::any_of(story.events.begin(), story.events.end(),
                     [&](const AlertEvent& e) { return e.uri == ctx.item.uri; });
}

// Why a later item of an alerted story raises the stakes, most serious
// first; empty when it does not.
std::string_view raised_stakes(const StoryAlerts& story, const ItemContext& ctx) {
  const PubStatus status = ctx.item.pubstatus;
  if (status == PubStatus::canceled && story.status != PubStatus::canceled) return "kill";
  if (status == PubStatus::withheld && story.status != PubStatus::withheld) return "hold";
  if (status == PubStatus::usable && story.status != PubStatus::usable &&
      comes_back(story, ctx)) {
    return "release";
  }
  if (ctx.markers & marker::correction) return "correction";
  const bool new_rule = std::any_of(ctx.alerts.begin(), ctx.alerts.end(), [&](const auto& r) {
    return !contains(story.rules, r);
  });
  if (new_rule) return "rule";
  if (!ctx.alerts.empty() && ctx.item.urgency < story.urgency) return "urgency";
  return {};
}

}  // namespace

std::string first_alert_id(std::string_view story) { return hex_id("a-", story); }

std::string followup_alert_id(std::string_view story, std::string_view uri,
                              std::string_view version) {
  std::string text;
  text.reserve(story.size() + uri.size() + version.size() + 2);
  text.append(story).push_back('\n');
  text.append(uri).push_back('\n');
  text.append(version);
  return hex_id("f-", text);
}

Alerter::Alerter(std::shared_ptr<const AlertRules> rules)
    : rules_(std::move(rules)), ledger_(std::make_shared<AlertLedger>()) {}

void Alerter::set_ledger(std::shared_ptr<AlertLedger> ledger) { ledger_ = std::move(ledger); }

void Alerter::write_state() {
  if (!ledger_) return;
  writes_ = std::make_shared<StateWriteBuffer>();
  ledger_->set_on_change([writes = writes_](const StoryAlerts& state) {
    writes->add({alert_state_key(state.story), serialize(state), false});
  });
  ledger_->set_on_evict([writes = writes_](const std::vector<std::string>& keys) {
    for (const auto& key : keys) writes->add({key, {}, true});
  });
}

StageStatus Alerter::process(ItemContext& ctx) {
  ctx.alerts.clear();
  ctx.alert.reset();
  ctx.alert_suppressed = false;
  ctx.alert_during_embargo = false;
  if (ctx.item.pubstatus == PubStatus::canceled) ctx.alerts.emplace_back(kKillNoticeRule);
  if (ctx.item.pubstatus == PubStatus::withheld) ctx.alerts.emplace_back(kHoldNoticeRule);
  if (const auto rules = rules_.load(std::memory_order_acquire)) {
    for (const auto& rule : rules->rules) {
      if (matches(rule, ctx) && !contains(ctx.alerts, rule.id)) {
        ctx.alerts.push_back(rule.id);
        ctx.alert_during_embargo |= rule.embargoed_include;
      }
    }
  }
  // A copy or a resend never pings the desk.
  if (ctx.verdict == Verdict::duplicate) {
    if (writes_) writes_->take(ctx.state_writes);
    return StageStatus::next();
  }
  if (mode_ == AlertMode::every) {
    if (!ctx.alerts.empty()) {
      const std::string& story = ctx.story.empty() ? ctx.item.uri : ctx.story;
      ctx.alert = AlertNotice{followup_alert_id(story, ctx.item.uri, ctx.item.version), {}, {}};
    }
    if (writes_) writes_->take(ctx.state_writes);
    return StageStatus::next();
  }
  gate_by_story(ctx);
  if (writes_) writes_->take(ctx.state_writes);
  return StageStatus::next();
}

void Alerter::gate_by_story(ItemContext& ctx) {
  const std::string story = ctx.story.empty() ? ctx.item.uri : ctx.story;
  int64_t event_ms = event_time_ms(ctx.item);
  if (event_ms == 0) event_ms = ctx.received_ms;
  ledger_->update(story, [&](const StoryAlerts* current) -> std::optional<StoryAlerts> {
    if (current) {
      for (const AlertEvent& e : current->events) {
        if (!same_origin(e.origin, ctx.origin) || e.uri != ctx.item.uri ||
            e.version != ctx.item.version) {
          continue;
        }
        // A replay of the record that produced this alert: the same record again.
        ctx.alerts = e.rules;
        ctx.alert = AlertNotice{e.alert_id, e.reason.empty() ? std::string() : current->alert_id,
                                e.reason};
        return std::nullopt;
      }
    }
    if (!current) {
      if (ctx.alerts.empty()) return std::nullopt;
      StoryAlerts first;
      first.alert_id = first_alert_id(story);
      first.rules = ctx.alerts;
      first.urgency = std::clamp(ctx.item.urgency, 1, 9);
      first.status = ctx.item.pubstatus;
      first.seq = 1;
      first.event_ms = event_ms;
      first.events.push_back(
          {ctx.origin, ctx.item.uri, ctx.item.version, first.alert_id, {}, ctx.alerts});
      ctx.alert = AlertNotice{first.alert_id, {}, {}};
      return first;
    }
    const std::string_view reason = raised_stakes(*current, ctx);
    if (reason.empty()) {
      ctx.alert_suppressed = !ctx.alerts.empty();
      return std::nullopt;
    }
    StoryAlerts next = *current;
    for (const auto& r : ctx.alerts) {
      if (!contains(next.rules, r)) next.rules.push_back(r);
    }
    next.urgency = std::min(next.urgency, std::clamp(ctx.item.urgency, 1, 9));
    next.status = ctx.item.pubstatus;
    ++next.seq;
    next.event_ms = std::max(next.event_ms, event_ms);
    const std::string id = followup_alert_id(story, ctx.item.uri, ctx.item.version);
    next.events.push_back(
        {ctx.origin, ctx.item.uri, ctx.item.version, id, std::string(reason), ctx.alerts});
    ctx.alert = AlertNotice{id, current->alert_id, std::string(reason)};
    return next;
  });
}

void Alerter::swap(std::shared_ptr<const AlertRules> rules) {
  rules_.store(std::move(rules), std::memory_order_release);
}

std::shared_ptr<const AlertRules> Alerter::snapshot() const {
  return rules_.load(std::memory_order_acquire);
}

}  // namespace wiredesk
