#include "processors/pipeline.hpp"

#include <chrono>

namespace wiredesk {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Pipeline::Pipeline(PipelineOptions options, std::vector<std::shared_ptr<Stage>> stages,
                   Probe& probe, Clock clock)
    : options_(std::move(options)),
      decoder_(options_.decode),
      encoder_(options_.topics),
      stages_(std::move(stages)),
      probe_(probe),
      clock_(clock ? std::move(clock) : Clock(now_ms)) {}

Pipeline::Summary Pipeline::process(const InputRecord& input, std::vector<OutputRecord>& out) {
  std::string_view default_source;
  if (auto it = options_.source_by_topic.find(input.origin.topic);
      it != options_.source_by_topic.end()) {
    default_source = it->second;
  }
  DecodeResult decoded = decoder_.decode(input.value, default_source);
  if (!decoded.ok()) {
    probe_.dead_lettered(decoded.error().reason);
    out.push_back(encoder_.dead_letter(input, decoded.error()));
    return {};
  }
  ItemContext ctx;
  ctx.item = std::move(decoded.item());
  ctx.origin = input.origin;
  ctx.received_ms = input.received_ms ? input.received_ms : clock_();
  ctx.story = ctx.item.uri;
  // A stage that fails on an item (a bug, a Hyperscan scan error) must not
  // end the process nor lose the item: it goes to the dead-letter topic.
  for (auto& stage : stages_) {
    try {
      stage->process(ctx);
    } catch (const std::exception& e) {
      const DecodeError error{Reason::internal_error,
                              std::string(stage->name()) + ": " + e.what()};
      probe_.dead_lettered(error.reason);
      out.push_back(encoder_.dead_letter(input, error));
      return {};
    } catch (...) {
      const DecodeError error{Reason::internal_error, std::string(stage->name()) + ": unknown"};
      probe_.dead_lettered(error.reason);
      out.push_back(encoder_.dead_letter(input, error));
      return {};
    }
  }
  ctx.processed_ms = clock_();
  probe_.verdict(ctx.verdict);
  for (const auto& t : ctx.topics) probe_.topic_assigned(t.id);
  if (ctx.alert) probe_.alert_record(ctx.alerts, ctx.alert->reason);
  if (ctx.alert_suppressed) probe_.alert_suppressed(ctx.alerts);
  encoder_.encode(ctx, out);
  return {true, event_time_ms(ctx.item)};
}

}  // namespace wiredesk
