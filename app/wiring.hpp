// The one place where configuration becomes pipeline parts.
#pragma once

#include <memory>
#include <vector>

#include "app/reloader.hpp"
#include "config/config.hpp"
#include "processors/pipeline.hpp"

namespace wiredesk {

PipelineOptions pipeline_options(const Config& config);

// The middle stages in order: dedup, tag, alert. The tag and alert stages
// come from the files named by `taxonomy` and `alerts` (TagFilesError when
// one is broken); the second form takes them ready-made (from the reloader).
std::vector<std::shared_ptr<Stage>> make_stages(const Config& config);
std::vector<std::shared_ptr<Stage>> make_stages(const Config& config, const TagStages& tag);

// The taxonomy and alert-rule files of a configuration (paths resolved).
TagFiles tag_files(const Config& config);

}  // namespace wiredesk
