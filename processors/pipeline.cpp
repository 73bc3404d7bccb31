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
  Prepared prepared = prepare(decoder_, input);
  return finish(prepared, out);
}

namespace {

// A stage that fails on an item (a bug, a Hyperscan scan error) must not end
// the process nor lose the item: it becomes a dead letter.
template <class Fn>
bool guarded(const Stage& stage, DecodeError& error, Fn&& fn) {
  try {
    fn();
    return true;
  } catch (const std::exception& e) {
    error = {Reason::internal_error, std::string(stage.name()) + ": " + e.what()};
  } catch (...) {
    error = {Reason::internal_error, std::string(stage.name()) + ": unknown"};
  }
  return false;
}

}  // namespace

Pipeline::Prepared Pipeline::prepare(Decoder& decoder, const InputRecord& input) const {
  Prepared p;
  p.input = input;
  std::string_view default_source;
  if (auto it = options_.source_by_topic.find(input.origin.topic);
      it != options_.source_by_topic.end()) {
    default_source = it->second;
  }
  DecodeResult decoded = decoder.decode(input.value, default_source);
  if (!decoded.ok()) {
    p.error = decoded.error();
    return p;
  }
  ItemContext& ctx = p.ctx.emplace();
  ctx.item = std::move(decoded.item());
  ctx.origin = input.origin;
  ctx.received_ms = input.received_ms ? input.received_ms : clock_();
  ctx.story = ctx.item.uri;
  for (const auto& stage : stages_) {
    if (!guarded(*stage, p.error, [&] { stage->prepare(ctx); })) {
      p.ctx.reset();
      return p;
    }
  }
  return p;
}

Pipeline::Summary Pipeline::finish(Prepared& p, std::vector<OutputRecord>& out) {
  if (p.ctx) {
    ItemContext& ctx = *p.ctx;
    for (auto& stage : stages_) {
      if (!guarded(*stage, p.error, [&] { stage->process(ctx); })) {
        p.ctx.reset();
        break;
      }
    }
  }
  if (!p.ctx) {
    probe_.dead_lettered(p.error.reason);
    out.push_back(encoder_.dead_letter(p.input, p.error));
    return {};
  }
  ItemContext& ctx = *p.ctx;
  ctx.processed_ms = clock_();
  probe_.verdict(ctx.verdict);
  for (const auto& t : ctx.topics) probe_.topic_assigned(t.id);
  if (ctx.alert) probe_.alert_record(ctx.alerts, ctx.alert->reason);
  if (ctx.alert_suppressed) probe_.alert_suppressed(ctx.alerts);
  encoder_.encode(ctx, out);
  return {true, event_time_ms(ctx.item)};
}

}  // namespace wiredesk
