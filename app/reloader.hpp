// Hot reload of the taxonomy and alert-rule files (design §5, issue 4).
//
// On Kubernetes the files come from a ConfigMap volume: the kubelet writes a
// new timestamped directory and swaps the `..data` symlink, so the resolved
// path of taxonomy.yaml changes while the path wiredesk was given does not.
// The reloader therefore polls the resolved path plus inode, size and mtime
// (two realpath + stat calls every couple of seconds), and also reloads on
// SIGHUP. A new set is compiled off to the side and swapped into the Tagger
// and Alerter between items (each item reads one snapshot); a broken file
// keeps the previous set running.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/taxonomy_loader.hpp"
#include "processors/tag/alerts.hpp"
#include "processors/core/probe.hpp"
#include "processors/tag/tagger.hpp"

namespace wiredesk {

// The rule files; an empty path means none: no taxonomy tags nothing, no
// alert-rule file leaves only the kill and hold notices that always alert.
struct TagFiles {
  std::string taxonomy;
  std::string alerts;
};

// A taxonomy and the alert rules checked against it, loaded together.
struct TagSet {
  std::shared_ptr<const CompiledTaxonomy> taxonomy;  // null when there is no taxonomy file
  std::shared_ptr<const AlertRules> rules;           // null when there is no alert-rule file
  std::vector<RulesFileError> errors;                // every problem, "FILE: topic ID: message"
  bool ok() const { return errors.empty(); }
};

// Reads, validates and compiles both files. Never throws.
TagSet load_tag_set(const TagFiles& files);

// A broken rule file at start-up: fatal, with every error.
class TagFilesError : public std::runtime_error {
 public:
  explicit TagFilesError(std::vector<RulesFileError> errors);
  const std::vector<RulesFileError>& errors() const { return errors_; }

 private:
  std::vector<RulesFileError> errors_;
};

// The tag and alert stages, shared by the pipeline and the reloader.
struct TagStages {
  std::shared_ptr<Tagger> tagger;
  std::shared_ptr<Alerter> alerter;
};

// Loads the files and builds the stages; throws TagFilesError.
TagStages make_tag_stages(const TagFiles& files);

// What a file looked like when it was last read: a change of any of these
// (a ConfigMap symlink swap changes the resolved path) means "read it again".
struct FileStamp {
  std::string real_path;  // empty when the file cannot be resolved
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t size = -1;
  int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
FileStamp stamp_file(const std::string& path);

class ConfigReloader {
 public:
  static constexpr std::chrono::milliseconds kDefaultInterval{2000};

  // Loads the files (throws TagFilesError when one is broken) and builds the
  // stages it will keep up to date. `interval`: how often poll() looks at the
  // files; 0 looks on every call.
  ConfigReloader(TagFiles files, Probe& probe,
                 std::chrono::milliseconds interval = kDefaultInterval);
  ConfigReloader(const ConfigReloader&) = delete;
  ConfigReloader& operator=(const ConfigReloader&) = delete;

  const TagStages& stages() const { return stages_; }

  // Cheap; call it between items. Reloads when SIGHUP was received or, at
  // most once per interval, when a file changed. True when a new set was
  // swapped in.
  bool poll();

  // Reloads now, whatever the files look like. True when swapped in.
  bool reload();

 private:
  std::array<FileStamp, 2> stamps() const;

  TagFiles files_;
  Probe& probe_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point next_check_;
  std::array<FileStamp, 2> stamps_;
  TagStages stages_;
};

// SIGHUP asks the reloader for a reload on its next poll().
void install_reload_signal_handler();
// What the signal handler does (async-signal-safe); also for tests.
void request_reload();

}  // namespace wiredesk
