#include "app/logging.hpp"

#include <gtest/gtest.h>

namespace wiredesk {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(LogRateLimit, LetsABurstThroughPerPeriodAndCountsWhatItHeldBack) {
  LogRateLimit limit(3, seconds(10));
  const auto t0 = LogRateLimit::Clock::time_point{} + seconds(100);
  uint64_t held_back = 99;
  int allowed = 0;
  for (int i = 0; i < 100'000; ++i) {
    if (limit.allow(t0 + milliseconds(i / 100), held_back)) {
      ++allowed;
      EXPECT_EQ(held_back, 0u);
    }
  }
  EXPECT_EQ(allowed, 3);  // all within the first 1 s

  // The next period lets lines through again, and the first says how many
  // were left out.
  ASSERT_TRUE(limit.allow(t0 + seconds(10), held_back));
  EXPECT_EQ(held_back, 100'000u - 3);
  ASSERT_TRUE(limit.allow(t0 + seconds(11), held_back));
  EXPECT_EQ(held_back, 0u);
}

TEST(LogRateLimit, AQuietServiceLogsEveryLine) {
  LogRateLimit limit(2, seconds(1));
  auto t = LogRateLimit::Clock::time_point{} + seconds(5);
  uint64_t held_back = 0;
  for (int i = 0; i < 50; ++i, t += milliseconds(600)) {
    EXPECT_TRUE(limit.allow(t, held_back)) << i;
    EXPECT_EQ(held_back, 0u);
  }
}

}  // namespace
}  // namespace wiredesk
