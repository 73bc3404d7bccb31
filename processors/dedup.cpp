#include "processors/dedup.hpp"

namespace wiredesk {

namespace {
bool same_origin(const Origin& a, const Origin& b) {
  return a.topic == b.topic && a.partition == b.partition && a.offset == b.offset;
}
}  // namespace

void ExactDedup::process(ItemContext& ctx) {
  std::lock_guard lock(mu_);
  auto [it, inserted] = by_uri_.try_emplace(ctx.item.uri);
  Seen& seen = it->second;
  if (inserted) {
    seen.story = ctx.item.uri;
    seen.versions.emplace(ctx.item.version, Seen::Version{ctx.origin, Verdict::fresh});
    ctx.verdict = Verdict::fresh;
    ctx.story = ctx.item.uri;
    return;
  }
  ctx.story = seen.story;
  ctx.of = ctx.item.uri;
  auto [vit, new_version] =
      seen.versions.try_emplace(ctx.item.version, Seen::Version{ctx.origin, Verdict::update});
  if (!new_version && same_origin(vit->second.origin, ctx.origin)) {
    // A replay of the very record that created the entry: same item, same verdict.
    ctx.verdict = vit->second.verdict;
    if (ctx.verdict == Verdict::fresh) ctx.of.clear();
    return;
  }
  ctx.verdict = new_version ? Verdict::update : Verdict::duplicate;
  ctx.similarity = 1.0;
}

size_t ExactDedup::size() const {
  std::lock_guard lock(mu_);
  return by_uri_.size();
}

}  // namespace wiredesk
