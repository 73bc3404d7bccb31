// Loads the taxonomy and alert-rule files (config/README.md describes their
// schema) into the tag library's plain structs, validates them and compiles
// the taxonomy. Every problem is returned with its file and topic or rule id.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "processors/tag/alerts.hpp"
#include "processors/tag/taxonomy.hpp"

namespace wiredesk {

struct RulesFileError {
  std::string file;
  std::string scope;  // "topic", "rule", or empty for file-wide problems
  std::string id;     // topic or rule id (or its position when it has none)
  std::string message;
  std::string to_string() const;  // "FILE: topic ID: message"
};

struct TaxonomyLoad {
  std::shared_ptr<const CompiledTaxonomy> taxonomy;  // null when there are errors
  std::vector<RulesFileError> errors;
  bool ok() const { return taxonomy != nullptr; }
};

// Reads, parses, validates and compiles a taxonomy file. Never throws.
TaxonomyLoad load_taxonomy(const std::string& path);
// The same on YAML text; `file` names it in errors.
TaxonomyLoad parse_taxonomy(const std::string& yaml, const std::string& file);
// Only the parse step (no validation, no compile), for tools and tests.
bool parse_taxonomy_model(const std::string& yaml, const std::string& file, Taxonomy& out,
                          std::vector<RulesFileError>& errors);

struct AlertRulesLoad {
  std::shared_ptr<const AlertRules> rules;  // null when there are errors
  std::vector<RulesFileError> errors;
  bool ok() const { return rules != nullptr; }
};

// `taxonomy`, when given, is what rule topics are checked against.
AlertRulesLoad load_alert_rules(const std::string& path, const CompiledTaxonomy* taxonomy);
AlertRulesLoad parse_alert_rules(const std::string& yaml, const std::string& file,
                                 const CompiledTaxonomy* taxonomy);

}  // namespace wiredesk
