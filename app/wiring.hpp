// The one place where configuration becomes pipeline parts.
#pragma once

#include <memory>
#include <vector>

#include "config/config.hpp"
#include "processors/pipeline.hpp"

namespace wiredesk {

PipelineOptions pipeline_options(const Config& config);

// The middle stages in order: dedup, tag, alert.
std::vector<std::shared_ptr<Stage>> make_stages(const Config& config);

}  // namespace wiredesk
