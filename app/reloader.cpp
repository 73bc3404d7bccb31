#include "app/reloader.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <utility>

#include <sys/stat.h>

#include <spdlog/spdlog.h>

namespace wiredesk {

namespace {

std::atomic<bool> g_reload_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void on_reload_signal(int) { g_reload_requested.store(true); }

std::string join(const std::vector<RulesFileError>& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "\n";
    out += e.to_string();
  }
  return out;
}

}  // namespace

TagSet load_tag_set(const TagFiles& files) {
  TagSet set;
  if (!files.taxonomy.empty()) {
    TaxonomyLoad load = load_taxonomy(files.taxonomy);
    set.taxonomy = std::move(load.taxonomy);
    set.errors = std::move(load.errors);
  }
  if (!files.alerts.empty()) {
    // Rule topics are checked against the taxonomy when it loaded.
    AlertRulesLoad load = load_alert_rules(files.alerts, set.taxonomy.get());
    set.rules = std::move(load.rules);
    set.errors.insert(set.errors.end(), load.errors.begin(), load.errors.end());
  }
  if (!set.ok()) {
    set.taxonomy.reset();
    set.rules.reset();
  }
  return set;
}

TagFilesError::TagFilesError(std::vector<RulesFileError> errors)
    : std::runtime_error(join(errors)), errors_(std::move(errors)) {}

TagStages make_tag_stages(const TagFiles& files) {
  TagSet set = load_tag_set(files);
  if (!set.ok()) throw TagFilesError(std::move(set.errors));
  return {std::make_shared<Tagger>(std::move(set.taxonomy)),
          std::make_shared<Alerter>(std::move(set.rules))};
}

FileStamp stamp_file(const std::string& path) {
  FileStamp s;
  if (path.empty()) return s;
  // realpath follows every symlink, ConfigMap's `..data` included.
  char* real = ::realpath(path.c_str(), nullptr);
  if (!real) return s;
  s.real_path = real;
  std::free(real);
  struct stat st {};
  if (::stat(s.real_path.c_str(), &st) != 0) return s;
  s.device = static_cast<uint64_t>(st.st_dev);
  s.inode = static_cast<uint64_t>(st.st_ino);
  s.size = static_cast<int64_t>(st.st_size);
  s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  return s;
}

ConfigReloader::ConfigReloader(TagFiles files, Probe& probe, std::chrono::milliseconds interval)
    : files_(std::move(files)),
      probe_(probe),
      interval_(interval),
      next_check_(std::chrono::steady_clock::now() + interval),
      // Stamped before reading: a change while loading is seen on the next poll.
      stamps_(stamps()),
      stages_(make_tag_stages(files_)) {}

std::array<FileStamp, 2> ConfigReloader::stamps() const {
  return {stamp_file(files_.taxonomy), stamp_file(files_.alerts)};
}

bool ConfigReloader::poll() {
  const bool signalled = g_reload_requested.exchange(false);
  const auto now = std::chrono::steady_clock::now();
  if (!signalled && now < next_check_) return false;
  next_check_ = now + interval_;
  if (signalled) {
    spdlog::info("SIGHUP: reloading the taxonomy and alert rules");
    return reload();
  }
  if (files_.taxonomy.empty() && files_.alerts.empty()) return false;
  if (stamps() == stamps_) return false;
  spdlog::info("taxonomy or alert-rule file changed: reloading");
  return reload();
}

bool ConfigReloader::reload() {
  // Stamped first: the set is read after, so a later change is not missed;
  // a broken file is not read again until it changes.
  stamps_ = stamps();
  TagSet set = load_tag_set(files_);
  if (!set.ok()) {
    for (const auto& e : set.errors) spdlog::error("reload rejected: {}", e.to_string());
    spdlog::warn("keeping the previous taxonomy and alert rules");
    probe_.config_reload_failed();
    return false;
  }
  const size_t topics = set.taxonomy ? set.taxonomy->topics().size() : 0;
  const size_t rules = set.rules ? set.rules->rules.size() : 0;
  stages_.tagger->swap(std::move(set.taxonomy));
  stages_.alerter->swap(std::move(set.rules));
  probe_.config_reloaded();
  spdlog::info("reloaded: {} topics from {}, {} alert rules from {}", topics,
               files_.taxonomy.empty() ? "(none)" : files_.taxonomy, rules,
               files_.alerts.empty() ? "(none)" : files_.alerts);
  return true;
}

void install_reload_signal_handler() {
  struct sigaction sa {};
  sa.sa_handler = on_reload_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGHUP, &sa, nullptr);
}

void request_reload() { g_reload_requested.store(true); }

}  // namespace wiredesk
