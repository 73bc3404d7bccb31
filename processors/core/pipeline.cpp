#include "processors/core/pipeline.hpp"

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
      clock_(clock ? std::move(clock) : Clock(now_ms)),
      timed_(probe_.times_stages()) {
  if (timed_) {
    std::vector<std::string> names{"decode"};
    for (const auto& stage : stages_) names.emplace_back(stage->name());
    names.emplace_back("encode");
    probe_.stage_names(names);
  }
}

Pipeline::Summary Pipeline::process(const InputRecord& input, std::vector<OutputRecord>& out) {
  Prepared prepared = prepare(decoder_, input);
  return finish(prepared, out);
}

namespace {

// A stage that fails on an item (says so, or throws: a bug, a Hyperscan scan
// error) must not end the process nor lose the item: it becomes a dead
// letter, its detail prefixed with the stage's name.
template <class Fn>
bool guarded(const Stage& stage, DecodeError& error, Fn&& fn) {
  try {
    StageStatus status = fn();
    if (status.ok) return true;
    error = {status.reason, std::string(stage.name()) + ": " + status.detail};
  } catch (const std::exception& e) {
    error = {Reason::internal_error, std::string(stage.name()) + ": " + e.what()};
  } catch (...) {
    error = {Reason::internal_error, std::string(stage.name()) + ": unknown"};
  }
  return false;
}

using Steady = std::chrono::steady_clock;

}  // namespace

// Runs fn, reporting its time as stage `index`'s `step` when stages are timed.
template <class Fn>
auto Pipeline::timed(size_t index, Probe::Step step, Fn&& fn) const {
  if (!timed_) return fn();
  const auto start = Steady::now();
  auto result = fn();
  probe_.stage_seconds(index, step,
                       std::chrono::duration<double>(Steady::now() - start).count());
  return result;
}

Pipeline::Prepared Pipeline::prepare(Decoder& decoder, const InputRecord& input) const {
  Prepared p;
  p.input = input;
  std::string_view default_source;
  if (auto it = options_.source_by_topic.find(input.origin.topic);
      it != options_.source_by_topic.end()) {
    default_source = it->second;
  }
  DecodeResult decoded =
      timed(0, Probe::Step::prepare, [&] { return decoder.decode(input.value, default_source); });
  if (!decoded.ok()) {
    p.error = decoded.error();
    return p;
  }
  ItemContext& ctx = p.ctx.emplace();
  ctx.item = std::move(decoded.item());
  ctx.origin = input.origin;
  ctx.received_ms = input.received_ms ? input.received_ms : clock_();
  ctx.story = ctx.item.uri;
  for (size_t i = 0; i < stages_.size(); ++i) {
    const Stage& stage = *stages_[i];
    const bool ok = timed(i + 1, Probe::Step::prepare,
                          [&] { return guarded(stage, p.error, [&] { return stage.prepare(ctx); }); });
    if (!ok) {
      p.ctx.reset();
      return p;
    }
  }
  return p;
}

Pipeline::Summary Pipeline::finish(Prepared& p, std::vector<OutputRecord>& out) {
  std::vector<StateWrite> state;
  if (p.ctx) {
    ItemContext& ctx = *p.ctx;
    for (size_t i = 0; i < stages_.size(); ++i) {
      Stage& stage = *stages_[i];
      const bool ok = timed(i + 1, Probe::Step::process,
                            [&] { return guarded(stage, p.error, [&] { return stage.process(ctx); }); });
      if (!ok) {
        // What the stages before it changed is written all the same: the
        // index holds it, so the index topic must too.
        state = std::move(ctx.state_writes);
        p.ctx.reset();
        break;
      }
    }
  }
  if (!p.ctx) {
    probe_.dead_lettered(p.error.reason);
    out.push_back(encoder_.dead_letter(p.input, p.error));
    encoder_.encode_state(state, out);
    return {};
  }
  ItemContext& ctx = *p.ctx;
  ctx.processed_ms = clock_();
  probe_.verdict(ctx.verdict);
  for (const auto& t : ctx.topics) probe_.topic_assigned(t.id);
  if (ctx.alert) probe_.alert_record(ctx.alerts, ctx.alert->reason);
  if (ctx.alert_suppressed) probe_.alert_suppressed(ctx.alerts);
  const size_t first = out.size();
  timed(stages_.size() + 1, Probe::Step::process, [&] {
    encoder_.encode(ctx, out);
    return true;
  });
  Summary summary{true, event_time_ms(ctx.item)};
  if (ctx.item.pubstatus == PubStatus::canceled) {
    summary.killed_uri = ctx.of.empty() ? ctx.item.uri : ctx.of;
  }
  if (ctx.verdict != Verdict::duplicate && options_.embargo_clock) {
    summary.uri = ctx.item.uri;
    summary.version = ctx.item.version;
  }
  if (options_.embargo_clock) {
    options_.embargo_clock->saw_event(summary.event_ms);
    int64_t embargo = 0;
    // A duplicate is not held: its original decides (design §3).
    if (ctx.verdict != Verdict::duplicate && !ctx.item.embargoed.empty() &&
        parse_rfc3339_ms(ctx.item.embargoed, embargo) && embargo > embargo_now()) {
      HeldItem h;
      h.uri = ctx.item.uri;
      h.key = ctx.item.uri + "|" + ctx.item.version;
      h.release_ms = embargo;
      h.origin = ctx.origin;
      // The item's records wait; its alert too, unless a rule says
      // `embargoed: include`.
      size_t kept = first;
      for (size_t i = first; i < out.size(); ++i) {
        if (ctx.alert_during_embargo && out[i].topic == options_.topics.alerts) {
          out[kept++] = std::move(out[i]);
        } else {
          h.records.push_back(std::move(out[i]));
        }
      }
      out.resize(kept);
      if (!options_.topics.embargo.empty()) {
        out.push_back(OutputRecord{options_.topics.embargo, h.key,
                                   {{std::string(header::origin), ctx.origin.to_string()}},
                                   h.to_json(), ValueKind::json});
      }
      summary.held = std::move(h);
    }
  }
  encoder_.encode_state(ctx.state_writes, out);
  return summary;
}

int64_t Pipeline::embargo_now() const {
  return options_.embargo_clock ? options_.embargo_clock->now(clock_()) : clock_();
}

}  // namespace wiredesk
