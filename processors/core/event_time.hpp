// The event times wiredesk can meet: those of RFC 3339 timestamps (years
// 0000-9999, a day to spare for their offsets) and of the wall clock. State
// read back from a topic with a time outside them is corrupt: taken in, its
// time would overflow the window arithmetic (a fuzzed index entry near
// INT64_MIN did).
#pragma once

#include <cstdint>

namespace wiredesk {

inline constexpr int64_t kEarliestEventMs = -62167219200000 - 86400000;  // 0000-01-01, less a day
inline constexpr int64_t kLatestEventMs = 253402300800000 + 86400000;    // 10000-01-01, and a day

constexpr bool plausible_event_ms(int64_t ms) {
  return ms >= kEarliestEventMs && ms <= kLatestEventMs;
}

}  // namespace wiredesk
