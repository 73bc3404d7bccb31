// Alert stage (design §4, §5): names the alert rules an item matches. It
// runs after dedup and tag, so the verdict and topics are known. Kill
// (canceled) and hold (withheld) notices always alert, whatever the rules.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "processors/core/stage.hpp"

namespace wiredesk {

inline constexpr std::string_view kKillNoticeRule = "kill-notice";
inline constexpr std::string_view kHoldNoticeRule = "hold-notice";

// A size an item must report in its headline or first paragraph (ItemScale):
// reached when any bar that is set (non-zero, or a term) is. "Major"
// disasters, not one man through the ice.
struct ScaleBar {
  int dead = 0;
  int hurt = 0;
  int missing = 0;
  int evacuated = 0;
  int dead_and_hurt = 0;  // dead and hurt together, when at least one died
  double magnitude = 0;   // an earthquake's
  std::vector<std::string> terms;  // words that state a size (큰불, "대응 2단계"); ASCII case ignored
  // Words in the headline or first paragraph that say the size is not of an
  // event happening now: an anniversary, a memorial, a court's ruling on a
  // past disaster (20주기 추모식, "upholds prison term over 2025 fire that
  // killed six"), a drill (80만명 대피훈련). Then no size counts.
  std::vector<std::string> unless_terms;
};

// Conditions on an item; every one that is set must hold. Lists match when
// any element does (topics_all: when every element does).
struct AlertCondition {
  std::optional<int> urgency_max;               // urgency at or above: value ≤ this (1 is highest)
  std::vector<std::string> topics_any;          // assigned topic ids
  std::vector<std::string> topics_all;
  // The topics above count only with at least this share of the item's main
  // topic's evidence (TopicMatch::share): a budget that tops up the disaster
  // reserve is not a disaster story. 0: any assigned topic.
  double topics_min_share = 0;
  std::vector<std::string> headline_prefixes;   // e.g. "(URGENT)", "[속보]"; ASCII case ignored
  std::vector<std::string> sources;             // item source, ASCII case ignored
  std::vector<std::string> languages;           // primary language subtag: en, ko
  std::vector<Verdict> verdicts;
  std::vector<PubStatus> pubstatus;
  std::optional<ScaleBar> scale_any;
  // Words in the headline or first paragraph that say the item is not news
  // of the rule's kind now (a memorial of an old attack): then the condition
  // does not hold. ASCII case ignored.
  std::vector<std::string> unless_terms;
};

bool reaches(const ScaleBar& bar, const WireItem& item);

struct AlertRule {
  std::string id;
  std::string description;
  AlertCondition when;              // all of these …
  std::vector<AlertCondition> any;  // … and, when not empty, at least one of these
  // embargoed: include — an item held under embargo alerts at once (the desk
  // is told what is coming, the item itself still waits); exclude (default):
  // its alert is held with it and released at the embargo.
  bool embargoed_include = false;
};

struct AlertRules {
  std::vector<AlertRule> rules;
};

bool matches(const AlertCondition& condition, const ItemContext& ctx);
bool matches(const AlertRule& rule, const ItemContext& ctx);

struct AlertIssue {
  std::string rule_id;
  std::string message;
};
// Duplicate or reserved ids, bad urgency, and, when `topic_ids` is given,
// topics that the taxonomy does not have.
std::vector<AlertIssue> validate_alert_rules(const AlertRules& rules,
                                             const std::vector<std::string>* topic_ids);

std::optional<Verdict> verdict_from_string(std::string_view name);
std::optional<PubStatus> pubstatus_from_string(std::string_view name);

// alerts.per_story: `thread` pings a desk once per story and follows up
// only when a later item raises the stakes; `every` gives one record per
// item that matches one or more rules.
enum class AlertMode { thread, every };
std::optional<AlertMode> alert_mode_from_string(std::string_view name);
std::string_view to_string(AlertMode mode);

// Stable ids: the first alert of a story is named by the story alone, so two
// replicas that race to alert it name it alike; a follow-up by its item.
std::string first_alert_id(std::string_view story);
std::string followup_alert_id(std::string_view story, std::string_view uri,
                              std::string_view version);

class AlertLedger;

class Alerter final : public Stage {
 public:
  // Null rules: only kill and hold notices alert. Without a ledger, thread
  // mode keeps its own (in memory: file mode, tests).
  explicit Alerter(std::shared_ptr<const AlertRules> rules = nullptr);

  // Set before use.
  void set_mode(AlertMode mode) { mode_ = mode; }
  void set_ledger(std::shared_ptr<AlertLedger> ledger);
  AlertMode mode() const { return mode_; }
  std::shared_ptr<AlertLedger> ledger() const { return ledger_; }
  // Makes every change of a story's alert state (and every story the ledger
  // forgets) a state write of the item being processed. Set after
  // set_ledger() and before use.
  void write_state();

  std::string_view name() const override { return "alert"; }
  StageStatus process(ItemContext& ctx) override;

  void swap(std::shared_ptr<const AlertRules> rules);
  std::shared_ptr<const AlertRules> snapshot() const;

 private:
  void gate_by_story(ItemContext& ctx);

  std::atomic<std::shared_ptr<const AlertRules>> rules_;
  AlertMode mode_ = AlertMode::thread;
  std::shared_ptr<AlertLedger> ledger_;
  std::shared_ptr<StateWriteBuffer> writes_;  // set by write_state()
};

}  // namespace wiredesk
