// EventOrder (consumers/event_order.hpp): records of several partitions
// handed out in timestamp order, waiting only for partitions that have not
// reached their end, and never longer than the wait.
#include "consumers/event_order.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace wiredesk {
namespace {

using namespace std::chrono_literals;
using Order = EventOrder<int>;
using Clock = Order::Clock;

const PartitionKey kA{"in", 0};
const PartitionKey kB{"in", 1};
const PartitionKey kC{"in", 2};

std::vector<int> drain(Order& order, Clock::time_point now) {
  std::vector<int> out;
  while (auto r = order.pop(now)) out.push_back(r->item);
  return out;
}

TEST(EventOrder, HandsOutTheOldestTimestampFirstAcrossPartitions) {
  const auto t0 = Clock::now();
  Order order(1s, 100);
  order.add(kA, t0);
  order.add(kB, t0);
  order.push(kA, 10, 10);
  order.push(kA, 40, 40);
  order.push(kB, 20, 20);
  order.push(kB, 30, 30);
  order.caught_up(kA);
  order.caught_up(kB);
  EXPECT_EQ(drain(order, t0), (std::vector<int>{10, 20, 30, 40}));
}

TEST(EventOrder, KeepsEachPartitionsOwnOrderAndBreaksTiesByArrival) {
  const auto t0 = Clock::now();
  Order order(1s, 100);
  order.add(kA, t0);
  order.add(kB, t0);
  // A's second record is older than its first: it still goes after it.
  order.push(kA, 50, 1);
  order.push(kA, 5, 2);
  order.push(kB, 50, 3);
  order.push(kB, 60, 4);
  order.caught_up(kA);
  order.caught_up(kB);
  EXPECT_EQ(drain(order, t0), (std::vector<int>{1, 2, 3, 4}));
}

TEST(EventOrder, WaitsForAPartitionThatHasNotReachedItsEndAtMostTheWait) {
  const auto t0 = Clock::now();
  Order order(200ms, 100);
  order.add(kA, t0);
  order.add(kB, t0);
  order.push(kA, 10, 10);
  order.caught_up(kA);
  // B has nothing and is not at its end: its records may be older.
  EXPECT_FALSE(order.pop(t0 + 100ms));
  ASSERT_TRUE(order.wait_until());
  EXPECT_EQ(*order.wait_until(), t0 + 200ms);
  // B's older record arrives in time and goes first.
  order.push(kB, 5, 5);
  order.caught_up(kB);
  EXPECT_EQ(drain(order, t0 + 150ms), (std::vector<int>{5, 10}));

  // Without B, the wait runs out and A's record goes anyway.
  order.push(kA, 20, 20);
  order.caught_up(kA);
  order.push(kB, 30, 30);  // B not at its end once this is gone
  EXPECT_EQ(order.pop(t0 + 150ms)->item, 20);
  EXPECT_EQ(order.pop(t0 + 150ms)->item, 30);
  order.push(kA, 40, 40);
  EXPECT_FALSE(order.pop(t0 + 200ms)) << "B emptied at 150 ms: waited for until 350 ms";
  EXPECT_EQ(order.pop(t0 + 350ms)->item, 40);
}

TEST(EventOrder, HeldOrCaughtUpPartitionsHoldNoOneBack) {
  const auto t0 = Clock::now();
  Order order(10s, 100);
  order.add(kA, t0);
  order.add(kB, t0);
  order.add(kC, t0);
  order.push(kA, 10, 10);
  EXPECT_FALSE(order.pop(t0));
  order.caught_up(kB);
  EXPECT_FALSE(order.pop(t0));
  order.hold(kC, true, t0);
  EXPECT_EQ(order.pop(t0)->item, 10);

  // A held partition hands out nothing, even its oldest record.
  order.push(kC, 1, 1);
  order.push(kA, 20, 20);
  order.caught_up(kA);
  EXPECT_EQ(order.pop(t0)->item, 20);
  EXPECT_FALSE(order.pop(t0));
  EXPECT_FALSE(order.wait_until()) << "nothing that may go is buffered";
  order.hold(kC, false, t0);
  EXPECT_EQ(order.pop(t0)->item, 1);
}

TEST(EventOrder, SaysWhenAPartitionsBufferIsFullAndWhenItIsHalfEmpty) {
  const auto t0 = Clock::now();
  Order order(1s, 4);
  order.add(kA, t0);
  EXPECT_FALSE(order.push(kA, 1, 1));
  EXPECT_FALSE(order.push(kA, 2, 2));
  EXPECT_FALSE(order.push(kA, 3, 3));
  EXPECT_TRUE(order.push(kA, 4, 4));
  EXPECT_FALSE(order.push(kA, 5, 5)) << "said once until half empty";
  EXPECT_EQ(order.buffered(kA), 5u);
  EXPECT_FALSE(order.pop(t0)->below_half);
  EXPECT_FALSE(order.pop(t0)->below_half);
  EXPECT_TRUE(order.pop(t0)->below_half);
  EXPECT_FALSE(order.pop(t0)->below_half);

  // Counted in bytes when the caller gives them.
  Order bytes(1s, 1000);
  bytes.add(kA, t0);
  EXPECT_FALSE(bytes.push(kA, 1, 1, 600));
  EXPECT_TRUE(bytes.push(kA, 2, 2, 600));
  EXPECT_EQ(bytes.buffered_bytes(), 1200u);
  EXPECT_FALSE(bytes.pop(t0)->below_half) << "600 bytes left";
  EXPECT_TRUE(bytes.pop(t0)->below_half);
  EXPECT_EQ(bytes.buffered_bytes(), 0u);
}

// The capacity is the order's in all: the assigned partitions share it
// evenly, so a consumer given more partitions buffers no more.
TEST(EventOrder, ThePartitionsShareTheCapacity) {
  const auto t0 = Clock::now();
  Order order(1s, 12);
  order.add(kA, t0);
  order.add(kB, t0);  // 6 each
  for (int i = 1; i < 6; ++i) EXPECT_FALSE(order.push(kA, i, i));
  EXPECT_TRUE(order.push(kA, 6, 6));
  order.add(kC, t0);  // 4 each
  for (int i = 1; i < 4; ++i) EXPECT_FALSE(order.push(kB, 10 + i, 10 + i));
  EXPECT_TRUE(order.push(kB, 14, 14)) << "full at its smaller share";
  order.remove(kC);   // 6 each again
  // A's first pops leave 5, 4, 3 records: half of 6 is 3.
  EXPECT_FALSE(order.pop(t0)->below_half);
  EXPECT_FALSE(order.pop(t0)->below_half);
  EXPECT_TRUE(order.pop(t0)->below_half);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(order.pop(t0)->partition, kA);
  // B holds 4 of its 6: half is 3, said at the first pop.
  order.caught_up(kA);
  EXPECT_TRUE(order.pop(t0)->below_half);
}

TEST(EventOrder, RevokedPartitionsDropTheirRecordsAndARewindDropsAll) {
  const auto t0 = Clock::now();
  Order order(100ms, 100);
  order.add(kA, t0);
  order.add(kB, t0);
  order.push(kA, 1, 1);
  order.push(kB, 2, 2);
  order.remove(kA);
  EXPECT_EQ(order.buffered(), 1u);
  EXPECT_FALSE(order.push(kA, 3, 3)) << "a record of a partition no longer assigned";
  EXPECT_EQ(order.buffered(kA), 0u);
  order.caught_up(kB);
  order.clear(t0 + 1s);
  EXPECT_EQ(order.buffered(), 0u);
  order.add(kA, t0 + 1s);
  order.push(kA, 4, 4);
  // After a rewind B reads again: not at its end, waited for.
  EXPECT_FALSE(order.pop(t0 + 1s));
  EXPECT_EQ(order.pop(t0 + 1s + 100ms)->item, 4);
}

// The property the order is for: partitions whose timestamps rise, arriving
// in any interleaving and in bursts, come out in one rising sequence with
// each partition's records in their order, as long as no wait runs out.
TEST(EventOrder, AnyInterleavingOfRisingPartitionsComesOutInTimestampOrder) {
  std::mt19937 rng(17);
  for (int round = 0; round < 200; ++round) {
    const int partitions = 1 + static_cast<int>(rng() % 5);
    std::vector<std::vector<int64_t>> stamps(partitions);
    for (auto& s : stamps) {
      int64_t t = static_cast<int64_t>(rng() % 50);
      const size_t n = rng() % 40;
      for (size_t i = 0; i < n; ++i) s.push_back(t += static_cast<int64_t>(rng() % 30));
    }
    const auto t0 = Clock::now();
    Order order(1h, 8 + rng() % 8);
    std::vector<PartitionKey> keys;
    for (int p = 0; p < partitions; ++p) {
      keys.push_back({"t", p});
      order.add(keys.back(), t0);
    }
    std::vector<size_t> next(partitions, 0);
    std::vector<int64_t> out;
    std::map<int, int64_t> last_of;
    size_t left = 0;
    for (const auto& s : stamps) left += s.size();
    for (int p = 0; p < partitions; ++p) {
      if (stamps[p].empty()) order.caught_up(keys[p]);
    }
    while (left > 0 || order.buffered() > 0) {
      // A burst of arrivals from one partition, then as many pops as may go.
      const int p = static_cast<int>(rng() % partitions);
      const size_t burst = 1 + rng() % 6;
      for (size_t i = 0; i < burst && next[p] < stamps[p].size(); ++i, --left) {
        const int64_t t = stamps[p][next[p]++];
        order.push(keys[p], t, p * 1000 + static_cast<int>(next[p]));
        if (next[p] == stamps[p].size()) order.caught_up(keys[p]);
      }
      while (auto r = order.pop(t0)) {
        const int from = r->item / 1000;
        const int64_t t = stamps[from][r->item % 1000 - 1];
        if (last_of.count(from)) {
          ASSERT_LT(last_of[from], r->item);
        }
        last_of[from] = r->item;
        out.push_back(t);
      }
    }
    ASSERT_EQ(out.size(), [&] {
      size_t n = 0;
      for (const auto& s : stamps) n += s.size();
      return n;
    }());
    EXPECT_TRUE(std::is_sorted(out.begin(), out.end())) << "round " << round;
  }
}

}  // namespace
}  // namespace wiredesk
