// The one place where configuration becomes pipeline parts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/reloader.hpp"
#include "config/config.hpp"
#include "processors/core/story_view.hpp"
#include "processors/dedup/dedup.hpp"
#include "processors/core/pipeline.hpp"

namespace wiredesk {

PipelineOptions pipeline_options(const Config& config);

// The middle stages in order: dedup, tag, alert. The tag and alert stages
// come from the files named by `taxonomy` and `alerts` (TagFilesError when
// one is broken); the second form takes them ready-made (from the reloader).
std::vector<std::shared_ptr<Stage>> make_stages(const Config& config);

// The same stages, each by name, for the service to set up further (the
// index table, state writes, metrics) without digging them out of a list.
struct Stages {
  std::shared_ptr<Dedup> dedup;
  std::shared_ptr<Tagger> tagger;
  std::shared_ptr<Alerter> alerter;
  std::shared_ptr<StoryView> story_view;  // null: output.stories is off
  std::vector<std::shared_ptr<Stage>> list() const {
    std::vector<std::shared_ptr<Stage>> stages{dedup, tagger, alerter};
    if (story_view) stages.push_back(story_view);
    return stages;
  }
};
Stages make_stages(const Config& config, const TagStages& tag);

// The taxonomy and alert-rule files of a configuration (paths resolved).
TagFiles tag_files(const Config& config);

// How the clients reach the brokers, for the log: "PLAINTEXT", or e.g.
// "SASL_SSL, SCRAM-SHA-512 as wiredesk". Never a secret.
std::string connection_summary(const Config& config);

// What the operator should know before connecting: SCRAM with a librdkafka
// older than 2.6.1 (Debian 12 has 2.0.2) is refused by Kafka 4.x brokers.
std::vector<std::string> connection_warnings(const Config& config);

// Memory a remembered item takes, dedup index and story view together, at
// most: 838 MB of RSS for 1,000,000 items (`wiredesk process`,
// benchmarks/README.md, "Memory per remembered item"), but ~965 bytes at
// 272,000 (`wiredesk run`, tables just doubled), rounded up.
// scripts/check-helm sizes the chart's defaults by the same figures.
inline constexpr uint64_t kBytesPerRememberedItem = 1000;
// What `wiredesk run` takes besides: client queues, the input order buffer,
// the compiled taxonomy (~196 MB in a 300,000-item backlog, with 272,000
// items remembered: 459 MB of max RSS).
inline constexpr uint64_t kServiceBaseBytes = uint64_t{200} << 20;

// The memory limit of the cgroup wiredesk runs in (a container's
// resources.limits.memory): cgroup v2's memory.max under `root`, else v1's
// memory/memory.limit_in_bytes; none when unlimited, absent or unreadable.
std::optional<uint64_t> container_memory_limit(
    const std::filesystem::path& root = "/sys/fs/cgroup");

// What the operator should know about memory: a dedup.max_entries whose
// index would not fit under `limit`, so that the container is killed for
// memory before the cap evicts anything. None without a limit.
std::vector<std::string> memory_warnings(const Config& config, std::optional<uint64_t> limit);

}  // namespace wiredesk
