#include "config/taxonomy_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>

#include "config/defaults.hpp"
#include "config/yaml_key.hpp"

namespace wiredesk {

std::string RulesFileError::to_string() const {
  std::string s = file;
  if (!scope.empty()) s += ": " + scope + " " + id;
  return s + ": " + message;
}

namespace {

std::string at_line(const YAML::Node& node) {
  const auto mark = node.Mark();
  if (mark.line < 0) return "";
  return " (line " + std::to_string(mark.line + 1) + ")";
}

// Collects errors for one file, each tagged with the topic or rule it is in.
class Reader {
 public:
  Reader(std::string file, std::string scope, std::vector<RulesFileError>& errors)
      : file_(std::move(file)), scope_(std::move(scope)), errors_(errors) {}

  void in(std::string id) { id_ = std::move(id); }
  void file_wide() { id_.clear(); }

  void error(const std::string& message) {
    errors_.push_back({file_, id_.empty() ? "" : scope_, id_, message});
  }

  void unknown_keys(const YAML::Node& map, const std::string& where,
                    const std::set<std::string>& known,
                    const std::function<bool(const std::string&)>& also = {}) {
    for (const auto& kv : map) {
      const std::string key = key_name(kv.first);
      if (known.count(key) || (also && also(key))) continue;
      error(where + "unknown field '" + key + "'" + at_line(kv.first));
    }
  }

  bool map(const YAML::Node& node, const std::string& what) {
    if (node.IsMap()) return true;
    error(what + " must be a mapping" + at_line(node));
    return false;
  }

  bool string(const YAML::Node& node, const std::string& what, std::string& out) {
    if (!node) return false;
    if (!node.IsScalar()) {
      error(what + " must be a single value" + at_line(node));
      return false;
    }
    out = node.Scalar();
    return true;
  }

  bool number(const YAML::Node& node, const std::string& what, double& out) {
    if (!node) return false;
    try {
      out = node.as<double>();
      return true;
    } catch (const YAML::Exception&) {
      error(what + " must be a number" + at_line(node));
      return false;
    }
  }

  bool integer(const YAML::Node& node, const std::string& what, long long& out) {
    if (!node) return false;
    try {
      out = node.as<long long>();
      return true;
    } catch (const YAML::Exception&) {
      error(what + " must be a whole number" + at_line(node));
      return false;
    }
  }

  // A scalar or a list of scalars. A list may hold another list, named by
  // a YAML alias ([*health_terms, hospital*]): its strings are taken in its
  // place, so one list of terms serves as a rule's and as a sense rule's
  // context.
  bool strings(const YAML::Node& node, const std::string& what, std::vector<std::string>& out) {
    if (!node) return false;
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
      return true;
    }
    if (!node.IsSequence()) {
      error(what + " must be a list" + at_line(node));
      return false;
    }
    for (const auto& item : node) {
      if (item.IsScalar()) {
        out.push_back(item.Scalar());
        continue;
      }
      if (!item.IsSequence()) {
        error(what + " must hold plain strings" + at_line(item));
        continue;
      }
      for (const auto& inner : item) {
        if (!inner.IsScalar()) {
          error(what + " must hold plain strings or lists of them" + at_line(inner));
          continue;
        }
        out.push_back(inner.Scalar());
      }
    }
    return true;
  }

 private:
  std::string file_;
  std::string scope_;
  std::string id_;
  std::vector<RulesFileError>& errors_;
};

// ---------------------------------------------------------------------------
// Taxonomy

void read_field_weights(Reader& r, const YAML::Node& node, const std::string& where,
                        FieldWeights& out) {
  if (!r.map(node, where)) return;
  r.unknown_keys(node, where + ": ", {"slugline", "headline", "lead", "body"});
  r.number(node["slugline"], where + ".slugline", out.slugline);
  r.number(node["headline"], where + ".headline", out.headline);
  r.number(node["lead"], where + ".lead", out.lead);
  r.number(node["body"], where + ".body", out.body);
}

// Days since 1970-01-01 of a date written YYYY-MM-DD.
std::optional<int32_t> day_number(const std::string& date) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  char tail = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

void read_group(Reader& r, const YAML::Node& node, const std::string& where, bool weighted,
                RuleGroup& g) {
  g.where = where;
  if (!r.map(node, where)) return;
  std::set<std::string> known = {"case", "regex", "only_in"};
  if (weighted) {
    known.insert("weight");
    known.insert("support");
    known.insert("context");
    known.insert("veto_terms");
    known.insert("until");
  } else {
    known.insert("whole_item");
    known.insert("to_closing_quote");
    known.insert("to_name_end");
    known.insert("from_name_start");
  }
  r.unknown_keys(node, where + ": ", known, [](const std::string& k) { return is_known_language(k); });
  if (weighted) r.number(node["weight"], where + ".weight", g.weight);
  std::string mode;
  if (r.string(node["case"], where + ".case", mode)) {
    if (mode == "auto") g.case_mode = CaseMode::automatic;
    else if (mode == "sensitive") g.case_mode = CaseMode::sensitive;
    else if (mode == "insensitive") g.case_mode = CaseMode::insensitive;
    else r.error(where + ".case must be auto, sensitive or insensitive, not '" + mode + "'");
  }
  r.strings(node["regex"], where + ".regex", g.regexes);
  if (weighted && node["support"]) {
    try {
      g.support = node["support"].as<bool>();
    } catch (const YAML::Exception&) {
      r.error(where + ".support must be true or false");
    }
  }
  for (auto [key, flag] : {std::pair<const char*, bool*>{"whole_item", &g.whole_item},
                           std::pair<const char*, bool*>{"to_closing_quote", &g.to_closing_quote},
                           std::pair<const char*, bool*>{"to_name_end", &g.to_name_end},
                           std::pair<const char*, bool*>{"from_name_start", &g.from_name_start}}) {
    if (weighted || !node[key]) continue;
    try {
      *flag = node[key].as<bool>();
    } catch (const YAML::Exception&) {
      r.error(where + "." + key + " must be true or false");
    }
  }
  if (weighted && node["veto_terms"]) {
    long long value = 0;
    if (r.integer(node["veto_terms"], where + ".veto_terms", value)) {
      if (value < 1 || value > 255) r.error(where + ".veto_terms must be 1 … 255");
      else g.veto_terms = static_cast<uint32_t>(value);
    }
  }
  if (weighted && node["until"]) {
    std::string date;
    if (r.string(node["until"], where + ".until", date)) {
      if (const auto day = day_number(date))
        g.until_day = *day;
      else
        r.error(where + ".until must be a date, YYYY-MM-DD, not '" + date + "'");
    }
  }
  if (weighted && node["context"]) {
    const YAML::Node context = node["context"];
    if (r.map(context, where + ".context")) {
      r.unknown_keys(context, where + ".context: ", {},
                     [](const std::string& k) { return is_known_language(k); });
      for (const auto& kv : context) {
        const std::string key = key_name(kv.first);
        if (!is_known_language(key)) continue;
        TermList list{key, {}};
        r.strings(kv.second, where + ".context." + key, list.terms);
        g.context.push_back(std::move(list));
      }
    }
  }
  std::vector<std::string> fields;
  r.strings(node["only_in"], where + ".only_in", fields);
  for (const auto& f : fields) {
    if (auto field = field_from_string(f)) g.fields.push_back(*field);
    else r.error(where + ".only_in: unknown field '" + f + "' (slugline, headline, lead, body)");
  }
  for (const auto& kv : node) {
    const std::string key = key_name(kv.first);
    if (!is_known_language(key)) continue;
    TermList list{key, {}};
    r.strings(kv.second, where + "." + key, list.terms);
    g.terms.push_back(std::move(list));
  }
}

// `exclude` is one group or a list of them; `rules` and `penalties` lists.
void read_groups(Reader& r, const YAML::Node& node, const std::string& name, bool weighted,
                 bool single_allowed, std::vector<RuleGroup>& out) {
  if (!node) return;
  if (single_allowed && node.IsMap()) {
    out.emplace_back();
    read_group(r, node, name, weighted, out.back());
    return;
  }
  if (!node.IsSequence()) {
    r.error(name + " must be a list" + at_line(node));
    return;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    out.emplace_back();
    read_group(r, node[i], name + "[" + std::to_string(i) + "]", weighted, out.back());
  }
}

void read_topic(Reader& r, const YAML::Node& node, size_t index, TopicDef& t) {
  r.in("#" + std::to_string(index + 1));
  if (!r.map(node, "topic")) return;
  if (r.string(node["id"], "id", t.id) && !t.id.empty()) r.in(t.id);
  else r.error("missing required field 'id'" + at_line(node));
  r.unknown_keys(node, "", {"id", "name", "kind", "iptc", "parent", "threshold", "fields",
                            "rules", "exclude", "penalties", "description"});
  if (!r.string(node["name"], "name", t.name)) r.error("missing required field 'name'");
  std::string kind;
  if (!r.string(node["kind"], "kind", kind)) {
    r.error("missing required field 'kind'");
  } else if (auto k = topic_kind_from_string(kind)) {
    t.kind = *k;
  } else {
    r.error("kind must be subject, place, person or organisation, not '" + kind + "'");
  }
  r.string(node["iptc"], "iptc", t.iptc);
  r.string(node["parent"], "parent", t.parent);
  double threshold = 0;
  if (r.number(node["threshold"], "threshold", threshold)) t.threshold = threshold;
  if (node["fields"]) {
    FieldWeights w;
    read_field_weights(r, node["fields"], "fields", w);
    t.fields = w;
  }
  read_groups(r, node["rules"], "rules", true, false, t.rules);
  read_groups(r, node["exclude"], "exclude", false, true, t.exclude);
  read_groups(r, node["penalties"], "penalties", true, false, t.penalties);
}

void read_defaults(Reader& r, const YAML::Node& node, TaxonomyDefaults& d) {
  if (!r.map(node, "defaults")) return;
  r.unknown_keys(node, "defaults: ",
                 {"threshold", "fields", "lead_bytes", "repeat_cap", "naming_weight",
                  "side_topic_share", "place_weight", "place_share", "place_paragraphs",
                  "one_mention_needs_naming"});
  r.number(node["naming_weight"], "defaults.naming_weight", d.naming_weight);
  if (node["one_mention_needs_naming"]) {
    try {
      d.one_mention_needs_naming = node["one_mention_needs_naming"].as<bool>();
    } catch (const YAML::Exception&) {
      r.error("defaults.one_mention_needs_naming must be true or false");
    }
  }
  r.number(node["side_topic_share"], "defaults.side_topic_share", d.side_topic_share);
  r.number(node["place_weight"], "defaults.place_weight", d.place_weight);
  r.number(node["place_share"], "defaults.place_share", d.place_share);
  r.number(node["threshold"], "defaults.threshold", d.threshold);
  if (node["fields"]) read_field_weights(r, node["fields"], "defaults.fields", d.fields);
  long long value = 0;
  if (r.integer(node["lead_bytes"], "defaults.lead_bytes", value)) {
    if (value < 0 || value > 1'000'000) r.error("defaults.lead_bytes must be 0 … 1000000");
    else d.lead_bytes = static_cast<uint32_t>(value);
  }
  if (r.integer(node["repeat_cap"], "defaults.repeat_cap", value)) {
    if (value < 1 || value > 100) r.error("defaults.repeat_cap must be 1 … 100");
    else d.repeat_cap = static_cast<int>(value);
  }
  if (r.integer(node["place_paragraphs"], "defaults.place_paragraphs", value)) {
    if (value < 0 || value > 100) r.error("defaults.place_paragraphs must be 0 … 100");
    else d.place_paragraphs = static_cast<int>(value);
  }
}

bool load_yaml(const std::string& text, const std::string& file, YAML::Node& root,
               std::vector<RulesFileError>& errors) {
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    errors.push_back({file, "", "", std::string("invalid YAML: ") + e.what()});
    return false;
  }
  if (!root.IsMap()) {
    errors.push_back({file, "", "", "expected a mapping at the top level"});
    return false;
  }
  return true;
}

}  // namespace

bool parse_taxonomy_model(const std::string& yaml, const std::string& file, Taxonomy& out,
                          std::vector<RulesFileError>& errors) {
  const size_t before = errors.size();
  YAML::Node root;
  if (!load_yaml(yaml, file, root, errors)) return false;
  Reader r(file, "topic", errors);
  r.unknown_keys(root, "", {"version", "defaults", "topics"});
  long long version = 1;
  if (r.integer(root["version"], "version", version) && version != 1) {
    r.error("unsupported version " + std::to_string(version) + " (this build reads 1)");
  }
  if (root["defaults"]) read_defaults(r, root["defaults"], out.defaults);
  const YAML::Node topics = root["topics"];
  if (!topics || !topics.IsSequence()) {
    r.error("'topics' must be a list");
    return false;
  }
  for (size_t i = 0; i < topics.size(); ++i) {
    out.topics.emplace_back();
    read_topic(r, topics[i], i, out.topics.back());
    r.file_wide();
  }
  return errors.size() == before;
}

TaxonomyLoad parse_taxonomy(const std::string& yaml, const std::string& file) {
  TaxonomyLoad load;
  Taxonomy model;
  if (!parse_taxonomy_model(yaml, file, model, load.errors)) return load;
  CompileResult compiled = compile_taxonomy(model);
  for (const auto& issue : compiled.issues) {
    load.errors.push_back({file, issue.topic_id.empty() ? "" : "topic", issue.topic_id,
                           issue.message});
  }
  for (const auto& e : compiled.pattern_errors) {
    std::string message = "pattern rejected by Hyperscan";
    if (!e.where.empty()) message += " in " + e.where;
    message += ": '" + e.pattern + "': " + e.message;
    load.errors.push_back({file, e.topic_id.empty() ? "" : "topic", e.topic_id, message});
  }
  if (load.errors.empty()) load.taxonomy = std::move(compiled.taxonomy);
  return load;
}

TaxonomyLoad load_taxonomy(const std::string& path) {
  std::string text;
  if (!read_text_file(path, text)) {
    TaxonomyLoad load;
    load.errors.push_back({path, "", "", "cannot read the file"});
    return load;
  }
  return parse_taxonomy(text, path);
}

// ---------------------------------------------------------------------------
// Alert rules

namespace {

const std::set<std::string> kConditionKeys = {
    "urgency_max", "topics_any", "topics_all", "topics_min_share", "headline_prefixes",
    "sources",     "languages",  "verdicts",   "pubstatus",        "scale_any",
    "unless_terms"};

void read_scale_bar(Reader& r, const YAML::Node& node, const std::string& where,
                    std::optional<ScaleBar>& out) {
  if (!node) return;
  const std::string name = where + "scale_any";
  if (!r.map(node, name)) return;
  r.unknown_keys(node, name + ": ",
                 {"dead", "hurt", "missing", "evacuated", "dead_and_hurt", "magnitude", "terms",
                  "unless_terms"});
  ScaleBar bar;
  const auto count = [&](const char* key, int& value) {
    long long n = 0;
    if (r.integer(node[key], name + "." + key, n)) value = static_cast<int>(n);
  };
  count("dead", bar.dead);
  count("hurt", bar.hurt);
  count("missing", bar.missing);
  count("evacuated", bar.evacuated);
  count("dead_and_hurt", bar.dead_and_hurt);
  r.number(node["magnitude"], name + ".magnitude", bar.magnitude);
  r.strings(node["terms"], name + ".terms", bar.terms);
  r.strings(node["unless_terms"], name + ".unless_terms", bar.unless_terms);
  out = std::move(bar);
}

void read_condition(Reader& r, const YAML::Node& node, const std::string& where,
                    AlertCondition& c) {
  long long urgency = 0;
  if (r.integer(node["urgency_max"], where + "urgency_max", urgency)) {
    c.urgency_max = static_cast<int>(urgency);
  }
  r.strings(node["topics_any"], where + "topics_any", c.topics_any);
  r.strings(node["topics_all"], where + "topics_all", c.topics_all);
  r.number(node["topics_min_share"], where + "topics_min_share", c.topics_min_share);
  r.strings(node["headline_prefixes"], where + "headline_prefixes", c.headline_prefixes);
  r.strings(node["sources"], where + "sources", c.sources);
  r.strings(node["languages"], where + "languages", c.languages);
  read_scale_bar(r, node["scale_any"], where, c.scale_any);
  r.strings(node["unless_terms"], where + "unless_terms", c.unless_terms);
  std::vector<std::string> names;
  r.strings(node["verdicts"], where + "verdicts", names);
  for (const auto& n : names) {
    if (auto v = verdict_from_string(n)) c.verdicts.push_back(*v);
    else r.error(where + "verdicts: unknown verdict '" + n + "' (new, update, duplicate)");
  }
  names.clear();
  r.strings(node["pubstatus"], where + "pubstatus", names);
  for (const auto& n : names) {
    if (auto s = pubstatus_from_string(n)) c.pubstatus.push_back(*s);
    else r.error(where + "pubstatus: unknown status '" + n + "' (usable, withheld, canceled)");
  }
}

void read_rule(Reader& r, const YAML::Node& node, size_t index, AlertRule& rule) {
  r.in("#" + std::to_string(index + 1));
  if (!r.map(node, "rule")) return;
  if (r.string(node["id"], "id", rule.id) && !rule.id.empty()) r.in(rule.id);
  else r.error("missing required field 'id'" + at_line(node));
  std::set<std::string> known = kConditionKeys;
  known.insert({"id", "description", "any", "embargoed"});
  r.unknown_keys(node, "", known);
  r.string(node["description"], "description", rule.description);
  std::string embargoed = "exclude";
  r.string(node["embargoed"], "embargoed", embargoed);
  if (embargoed == "include") {
    rule.embargoed_include = true;
  } else if (embargoed != "exclude") {
    r.error("embargoed: expected include or exclude, got '" + embargoed + "'");
  }
  read_condition(r, node, "", rule.when);
  const YAML::Node any = node["any"];
  if (!any) return;
  if (!any.IsSequence() || any.size() == 0) {
    r.error("'any' must be a non-empty list of conditions" + at_line(any));
    return;
  }
  for (size_t i = 0; i < any.size(); ++i) {
    const std::string name = "any[" + std::to_string(i) + "]";
    if (!r.map(any[i], name)) continue;
    r.unknown_keys(any[i], name + ": ", kConditionKeys);
    const std::string where = name + ".";
    rule.any.emplace_back();
    read_condition(r, any[i], where, rule.any.back());
  }
}

}  // namespace

AlertRulesLoad parse_alert_rules(const std::string& yaml, const std::string& file,
                                 const CompiledTaxonomy* taxonomy) {
  AlertRulesLoad load;
  YAML::Node root;
  if (!load_yaml(yaml, file, root, load.errors)) return load;
  Reader r(file, "rule", load.errors);
  r.unknown_keys(root, "", {"version", "rules"});
  long long version = 1;
  if (r.integer(root["version"], "version", version) && version != 1) {
    r.error("unsupported version " + std::to_string(version) + " (this build reads 1)");
  }
  const YAML::Node list = root["rules"];
  if (!list || !list.IsSequence()) {
    r.error("'rules' must be a list");
    return load;
  }
  auto rules = std::make_shared<AlertRules>();
  for (size_t i = 0; i < list.size(); ++i) {
    rules->rules.emplace_back();
    read_rule(r, list[i], i, rules->rules.back());
    r.file_wide();
  }
  std::vector<std::string> topic_ids;
  if (taxonomy) {
    for (const auto& t : taxonomy->topics()) topic_ids.push_back(t.id);
  }
  for (const auto& issue : validate_alert_rules(*rules, taxonomy ? &topic_ids : nullptr)) {
    load.errors.push_back({file, "rule", issue.rule_id, issue.message});
  }
  if (load.errors.empty()) load.rules = std::move(rules);
  return load;
}

AlertRulesLoad load_alert_rules(const std::string& path, const CompiledTaxonomy* taxonomy) {
  std::string text;
  if (!read_text_file(path, text)) {
    AlertRulesLoad load;
    load.errors.push_back({path, "", "", "cannot read the file"});
    return load;
  }
  return parse_alert_rules(text, path, taxonomy);
}

}  // namespace wiredesk
