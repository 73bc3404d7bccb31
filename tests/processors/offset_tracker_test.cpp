#include "processors/core/offset_tracker.hpp"

#include <gtest/gtest.h>

namespace wiredesk {
namespace {

const PartitionKey kP0{"in", 0};
const PartitionKey kP1{"in", 1};

TEST(OffsetTracker, CommitsOnlyPastFullyAcknowledgedOffsets) {
  OffsetTracker t;
  EXPECT_FALSE(t.committable(kP0));
  t.started(kP0, 10, 2);
  t.started(kP0, 11, 1);
  t.started(kP0, 12, 0);  // no output: finished at once
  EXPECT_EQ(t.in_flight(), 2u);
  EXPECT_EQ(*t.committable(kP0), 10);
  t.acked(kP0, 11);
  EXPECT_EQ(*t.committable(kP0), 10) << "11 is done but 10 is not";
  t.acked(kP0, 10);
  EXPECT_EQ(*t.committable(kP0), 10) << "10 has a second output";
  t.acked(kP0, 10);
  EXPECT_EQ(*t.committable(kP0), 13);
  EXPECT_EQ(t.in_flight(), 0u);
}

TEST(OffsetTracker, ReportsOnlyMovedCommitPoints) {
  OffsetTracker t;
  t.started(kP0, 0, 1);
  t.started(kP1, 5, 0);
  auto points = t.committable();
  ASSERT_EQ(points.size(), 2u);
  t.mark_committed(points);
  EXPECT_TRUE(t.committable().empty());
  t.acked(kP0, 0);
  points = t.committable();
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].partition, kP0);
  EXPECT_EQ(points[0].offset, 1);
}

TEST(OffsetTracker, ForgetDropsAPartitionsWaitingRecords) {
  OffsetTracker t;
  t.started(kP0, 0, 3);
  t.started(kP1, 0, 1);
  t.forget(kP0);
  EXPECT_EQ(t.in_flight(), 1u);
  EXPECT_FALSE(t.committable(kP0));
  t.acked(kP0, 0);  // a late acknowledgement for a revoked partition is ignored
  EXPECT_EQ(t.in_flight(), 1u);
}

}  // namespace
}  // namespace wiredesk
