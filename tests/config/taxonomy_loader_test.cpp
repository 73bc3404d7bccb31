// The taxonomy and alert-rule loader: every problem is reported with its file
// and topic (or rule) id, as `wiredesk check-config` prints it.
#include "config/taxonomy_loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "processors/tag_support.hpp"

namespace wiredesk {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> messages(const std::vector<RulesFileError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.to_string());
  return out;
}

std::vector<std::string> taxonomy_errors(const std::string& topics_yaml) {
  const TaxonomyLoad load = parse_taxonomy("version: 1\ntopics:\n" + topics_yaml, "tax.yaml");
  EXPECT_FALSE(load.ok());
  return messages(load.errors);
}

const char* kGood = R"(
  - id: politics
    name: politics
    kind: subject
    rules: [{en: [parliament]}]
)";

TEST(TaxonomyLoaderTest, TheShippedFilesLoad) {
  const TaxonomyLoad tax = load_taxonomy(test::source_path("config/taxonomy.yaml"));
  EXPECT_THAT(messages(tax.errors), IsEmpty());
  ASSERT_TRUE(tax.ok());
  EXPECT_GE(tax.taxonomy->topics().size(), 28u);
  const AlertRulesLoad rules =
      load_alert_rules(test::source_path("config/alerts.yaml"), tax.taxonomy.get());
  EXPECT_THAT(messages(rules.errors), IsEmpty());
  ASSERT_TRUE(rules.ok());
  EXPECT_GE(rules.rules->rules.size(), 4u);
}

TEST(TaxonomyLoaderTest, DuplicateId) {
  EXPECT_THAT(taxonomy_errors(std::string(kGood) + kGood),
              Contains("tax.yaml: topic politics: duplicate id"));
}

TEST(TaxonomyLoaderTest, UnknownParent) {
  EXPECT_THAT(taxonomy_errors(R"(
  - id: election
    name: election
    kind: subject
    parent: politic
    rules: [{en: [ballot]}]
)"),
              Contains("tax.yaml: topic election: unknown parent 'politic'"));
}

TEST(TaxonomyLoaderTest, ParentCycle) {
  const auto errors = taxonomy_errors(R"(
  - id: a
    name: a
    kind: subject
    parent: b
    rules: [{en: [x]}]
  - id: b
    name: b
    kind: subject
    parent: a
    rules: [{en: [y]}]
  - id: c
    name: c
    kind: subject
    parent: c
    rules: [{en: [z]}]
)");
  EXPECT_THAT(errors, Contains(AllOf(HasSubstr("tax.yaml: topic a: "), HasSubstr("cycle"))));
  EXPECT_THAT(errors, Contains(AllOf(HasSubstr("tax.yaml: topic b: "), HasSubstr("cycle"))));
  EXPECT_THAT(errors, Contains(AllOf(HasSubstr("tax.yaml: topic c: "), HasSubstr("cycle"))));
}

TEST(TaxonomyLoaderTest, PatternsHyperscanRejectsEachReported) {
  const auto errors = taxonomy_errors(R"(
  - id: weapons
    name: weapons
    kind: subject
    rules:
      - regex: ['missile(']
  - id: crime
    name: crime
    kind: subject
    rules:
      - regex: ['(?<=police)arrest']
      - en: [arrest]
)");
  EXPECT_THAT(errors, Contains(AllOf(HasSubstr("tax.yaml: topic weapons: pattern rejected by "
                                               "Hyperscan in rules[0].regex: 'missile('"))));
  EXPECT_THAT(errors, Contains(AllOf(HasSubstr("tax.yaml: topic crime: pattern rejected"),
                                     HasSubstr("(?<=police)arrest"))));
}

TEST(TaxonomyLoaderTest, UnknownFieldsAnywhere) {
  const auto errors = taxonomy_errors(R"(
  - id: sport
    name: sport
    kind: subject
    colour: green
    rules:
      - weight: 2
        en: [baseball]
        fr: [football]
        klingon: [qab]
    exclude:
      en: [x]
      wieght: 1
)");
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic sport: unknown field 'colour'")));
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic sport: rules[0]: unknown field 'klingon'")));
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic sport: exclude: unknown field 'wieght'")));
  const TaxonomyLoad top = parse_taxonomy("version: 1\ntopcs: []\ntopics: []\n", "tax.yaml");
  EXPECT_THAT(messages(top.errors), Contains(HasSubstr("tax.yaml: unknown field 'topcs'")));
}

TEST(TaxonomyLoaderTest, ParseErrorsNamedWithTheirTopic) {
  const auto errors = taxonomy_errors(R"(
  - id: weather
    name: weather
    kind: climate
    rules:
      - en: [rain]
        only_in: [footer]
  - name: no id
    kind: subject
    rules: [{en: [y]}]
)");
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic weather: kind must be subject, place, "
                                         "person or organisation, not 'climate'")));
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic weather: rules[0].only_in: unknown "
                                         "field 'footer'")));
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic #2: missing required field 'id'")));
}

// whole_item and to_closing_quote belong to exclusions: a rule's hits are
// evidence, not a mask.
TEST(TaxonomyLoaderTest, WholeItemAndToClosingQuoteAreExclusionsFlags) {
  auto person = [](const std::string& rule_extra, const std::string& flag) {
    return "  - id: person\n    name: person\n    kind: person\n    rules:\n"
           "      - weight: 3\n        ko: [김정은]\n" +
           rule_extra + "    exclude:\n      - whole_item: " + flag +
           "\n        regex: ['김정은 ?씨']\n";
  };
  const auto errors = taxonomy_errors(
      person("        whole_item: true\n        to_closing_quote: true\n", "yes please"));
  EXPECT_THAT(errors, Contains(HasSubstr("topic person: rules[0]: unknown field 'whole_item'")));
  EXPECT_THAT(errors,
              Contains(HasSubstr("topic person: rules[0]: unknown field 'to_closing_quote'")));
  EXPECT_THAT(taxonomy_errors(person("        to_name_end: true\n", "true")),
              Contains(HasSubstr("topic person: rules[0]: unknown field 'to_name_end'")));
  EXPECT_THAT(errors, Contains(HasSubstr("exclude[0].whole_item must be true or false")));
  const TaxonomyLoad good = parse_taxonomy("version: 1\ntopics:\n" + person("", "true"), "tax.yaml");
  EXPECT_THAT(messages(good.errors), IsEmpty());
  EXPECT_TRUE(good.ok());
}

TEST(TaxonomyLoaderTest, ValidationErrorsNamedWithTheirTopic) {
  const auto errors = taxonomy_errors(R"(
  - id: Bad_Id
    name: x
    kind: subject
    rules: [{en: [x]}]
  - id: weather
    name: weather
    kind: subject
    iptc: 17000000
    threshold: 0
    rules:
      - weight: -1
        en: ['*']
)");
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic Bad_Id: id must be a slug")));
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic weather: iptc must look like medtop:")));
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic weather: threshold must be greater")));
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic weather: rules[0]: weight must be")));
  EXPECT_THAT(errors, Contains(HasSubstr("tax.yaml: topic weather: rules[0].en: empty term")));
}

// A list may hold another list by alias, so one list of a topic's terms is
// also a sense rule's context (health's words borrowed for a figure).
TEST(TaxonomyLoaderTest, AListMayHoldAnotherListByAlias) {
  const TaxonomyLoad load = parse_taxonomy(R"(version: 1
topics:
  - id: health
    name: health
    kind: subject
    rules:
      - weight: 0.5
        en: &health_terms [patients, clinic*]
      - weight: 3
        en: [vaccine]
        context:
          en: [*health_terms, nurses]
)",
                                           "tax.yaml");
  ASSERT_THAT(messages(load.errors), IsEmpty());
  ASSERT_TRUE(load.ok());
  const auto tags = [&](const std::string& headline) {
    return test::tag_ids(*load.taxonomy, test::make_item(headline, ""));
  };
  EXPECT_THAT(tags("Vaccine shots begin at clinics"), Contains("health"));  // from the alias
  EXPECT_THAT(tags("Vaccine shots for nurses"), Contains("health"));        // its own term
  EXPECT_THAT(tags("A vaccine against inflation"), IsEmpty());
  EXPECT_THAT(taxonomy_errors("  - id: health\n    name: health\n    kind: subject\n"
                              "    rules: [{en: [[{a: b}]]}]\n"),
              Contains(HasSubstr("must hold plain strings or lists of them")));
}

TEST(TaxonomyLoaderTest, PlaceWeightIsAShareOfOne) {
  const auto load = [](const std::string& value) {
    return parse_taxonomy("version: 1\ndefaults:\n  place_weight: " + value + "\ntopics:\n" + kGood,
                          "tax.yaml");
  };
  EXPECT_TRUE(load("0.7").ok());
  EXPECT_THAT(messages(load("1.5").errors),
              Contains(HasSubstr("defaults.place_weight must be 0 … 1")));
  EXPECT_THAT(messages(load("-0.1").errors),
              Contains(HasSubstr("defaults.place_weight must be 0 … 1")));
  EXPECT_FALSE(load("much").ok());
}

TEST(TaxonomyLoaderTest, VetoTermsArePenaltiesOnly) {
  const auto topic = [](const std::string& group) {
    return "  - id: weapons\n    name: weapons\n    kind: subject\n    rules:\n" + group;
  };
  EXPECT_THAT(taxonomy_errors(topic("      - veto_terms: 2\n        en: [missile]\n")),
              Contains(HasSubstr("rules[0]: veto_terms is for penalties only")));
  EXPECT_THAT(taxonomy_errors(topic("      - en: [missile]\n") +
                              "    penalties:\n      - veto_terms: 0\n        en: [protagonist]\n"),
              Contains(HasSubstr("penalties[0].veto_terms must be 1 … 255")));
}

// `until` closes a rule group after a day: read as a date, rejected
// otherwise, and only where weights are.
TEST(TaxonomyLoaderTest, UntilIsADateOfRules) {
  const auto topic = [](const std::string& group) {
    return "  - id: leader\n    name: leader\n    kind: person\n    rules:\n" + group;
  };
  const std::string yaml =
      "version: 1\ntopics:\n" + topic("      - until: 2030-06-03\n        en: [the president]\n");
  EXPECT_TRUE(parse_taxonomy(yaml, "tax.yaml").ok());
  Taxonomy model;
  std::vector<RulesFileError> errors;
  ASSERT_TRUE(parse_taxonomy_model(yaml, "tax.yaml", model, errors));
  ASSERT_EQ(model.topics.size(), 1u);
  EXPECT_EQ(model.topics[0].rules[0].until_day, 22068);  // days from 1970-01-01
  EXPECT_THAT(taxonomy_errors(topic("      - until: 2030-02-30\n        en: [x]\n")),
              Contains(HasSubstr("rules[0].until must be a date, YYYY-MM-DD, not '2030-02-30'")));
  EXPECT_THAT(taxonomy_errors(topic("      - until: June 2030\n        en: [x]\n")),
              Contains(HasSubstr("until must be a date")));
  EXPECT_THAT(taxonomy_errors(topic("      - en: [x]\n") +
                              "    exclude:\n      - until: 2030-06-03\n        en: [y]\n"),
              Contains(HasSubstr("until")));
}

TEST(TaxonomyLoaderTest, InvalidYamlAndMissingFile) {
  EXPECT_THAT(messages(parse_taxonomy("topics: [", "tax.yaml").errors),
              Contains(HasSubstr("tax.yaml: invalid YAML")));
  EXPECT_THAT(messages(load_taxonomy("/nonexistent/taxonomy.yaml").errors),
              Contains("/nonexistent/taxonomy.yaml: cannot read the file"));
}

TEST(AlertRulesLoaderTest, ErrorsNamedWithFileAndRule) {
  const TaxonomyLoad tax = parse_taxonomy(std::string("version: 1\ntopics:\n") + kGood, "t.yaml");
  ASSERT_TRUE(tax.ok());
  const AlertRulesLoad load = parse_alert_rules(R"(
version: 1
rules:
  - id: urgent
    urgency_max: 2
    verdicts: [new, fresh]
    colour: red
  - id: urgent
    topics_any: [politics, sports]
  - id: hold-notice
    pubstatus: [withheld]
  - id: any-empty
    any: []
)",
                                                "alerts.yaml", tax.taxonomy.get());
  EXPECT_FALSE(load.ok());
  const auto errors = messages(load.errors);
  EXPECT_THAT(errors, Contains(HasSubstr("alerts.yaml: rule urgent: verdicts: unknown verdict "
                                         "'fresh'")));
  EXPECT_THAT(errors, Contains(HasSubstr("alerts.yaml: rule urgent: unknown field 'colour'")));
  EXPECT_THAT(errors, Contains("alerts.yaml: rule urgent: duplicate id"));
  EXPECT_THAT(errors, Contains("alerts.yaml: rule urgent: unknown topic 'sports'"));
  EXPECT_THAT(errors, Contains(HasSubstr("alerts.yaml: rule hold-notice: reserved id")));
  EXPECT_THAT(errors, Contains(HasSubstr("alerts.yaml: rule any-empty: 'any' must be a non-empty")));
}

TEST(AlertRulesLoaderTest, AConditionsUnlessTermsAreRead) {
  const AlertRulesLoad ok = parse_alert_rules(
      "rules:\n  - id: nk\n    topics_all: [north-korea]\n"
      "    unless_terms: [memorial service, 추모식]\n"
      "    any:\n      - {urgency_max: 2, unless_terms: [drill]}\n",
      "alerts.yaml", nullptr);
  ASSERT_TRUE(ok.ok()) << messages(ok.errors).front();
  const AlertRule& rule = ok.rules->rules[0];
  EXPECT_EQ(rule.when.unless_terms, (std::vector<std::string>{"memorial service", "추모식"}));
  ASSERT_EQ(rule.any.size(), 1u);
  EXPECT_EQ(rule.any[0].unless_terms, std::vector<std::string>{"drill"});
}

TEST(AlertRulesLoaderTest, ScaleAnyReadsItsBarsAndRejectsOthers) {
  const AlertRulesLoad ok = parse_alert_rules(
      "rules:\n  - id: big\n    scale_any:\n      dead: 2\n      dead_and_hurt: 6\n"
      "      magnitude: 4.5\n      terms: [큰불]\n      unless_terms: [주기, anniversary]\n",
      "alerts.yaml", nullptr);
  ASSERT_TRUE(ok.ok()) << messages(ok.errors).front();
  const auto& bar = ok.rules->rules[0].when.scale_any;
  ASSERT_TRUE(bar.has_value());
  EXPECT_EQ(bar->dead, 2);
  EXPECT_EQ(bar->dead_and_hurt, 6);
  EXPECT_DOUBLE_EQ(bar->magnitude, 4.5);
  EXPECT_EQ(bar->terms, std::vector<std::string>{"큰불"});
  EXPECT_EQ(bar->unless_terms, (std::vector<std::string>{"주기", "anniversary"}));
  EXPECT_EQ(bar->hurt, 0);  // not asked

  const AlertRulesLoad bad = parse_alert_rules(
      "rules:\n  - id: r\n    scale_any:\n      deaths: 2\n  - id: s\n    scale_any: {}\n"
      "  - id: t\n    scale_any:\n      hurt: -1\n",
      "alerts.yaml", nullptr);
  EXPECT_THAT(messages(bad.errors), Contains(HasSubstr("rule r: scale_any: unknown field 'deaths'")));
  EXPECT_THAT(messages(bad.errors), Contains(HasSubstr("rule s: scale_any: set at least one bar")));
  EXPECT_THAT(messages(bad.errors), Contains(HasSubstr("rule t: scale_any: counts and magnitude")));
}

TEST(AlertRulesLoaderTest, EmbargoedIsIncludeOrExclude) {
  const AlertRulesLoad ok = parse_alert_rules(
      "rules:\n  - id: early\n    urgency_max: 1\n    embargoed: include\n"
      "  - id: later\n    urgency_max: 2\n    embargoed: exclude\n  - id: plain\n",
      "alerts.yaml", nullptr);
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok.rules->rules.size(), 3u);
  EXPECT_TRUE(ok.rules->rules[0].embargoed_include);
  EXPECT_FALSE(ok.rules->rules[1].embargoed_include);
  EXPECT_FALSE(ok.rules->rules[2].embargoed_include);  // the default: held with the item

  const AlertRulesLoad bad =
      parse_alert_rules("rules:\n  - id: r\n    embargoed: sometimes\n", "alerts.yaml", nullptr);
  EXPECT_THAT(messages(bad.errors),
              Contains(HasSubstr("rule r: embargoed: expected include or exclude, got 'sometimes'")));
}

// YAML allows a list or a mapping as a key; the loaders report it as an
// unknown field instead of throwing (a fuzz finding: fuzz/corpus/rules/list-as-key).
TEST(AlertRulesLoaderTest, AListOrMappingAsAKeyIsAnUnknownField) {
  const TaxonomyLoad tax = parse_taxonomy(std::string("version: 1\ntopics:\n") + kGood, "t.yaml");
  ASSERT_TRUE(tax.ok());
  const AlertRulesLoad load = parse_alert_rules(
      "rules:\n  - id: r\n    topics_any: [politics]\n  - {}\n  - [0, 2]: x\n    {a: 1}: y\n",
      "alerts.yaml", tax.taxonomy.get());
  EXPECT_FALSE(load.ok());
  const auto errors = messages(load.errors);
  EXPECT_THAT(errors, Contains(HasSubstr("unknown field '<a list used as a key>'")));
  EXPECT_THAT(errors, Contains(HasSubstr("unknown field '<a mapping used as a key>'")));

  const auto tax_errors = taxonomy_errors(
      "  - id: sport\n    name: sport\n    kind: subject\n    rules:\n"
      "      - en: [football]\n        [1]: x\n    context:\n      [2]: y\n");
  EXPECT_THAT(tax_errors, Contains(HasSubstr("unknown field '<a list used as a key>'")));
}

}  // namespace
}  // namespace wiredesk
