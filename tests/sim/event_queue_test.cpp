#include "sim/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/random.h"

namespace sim {
namespace {

template <class Queue>
std::vector<QueueEntry> drain_random_workload(std::uint64_t seed) {
  Rng rng(seed, "queue");
  Queue queue;
  std::vector<QueueEntry> out;
  std::uint64_t key = 1;
  // Interleave pushes and pops, with few distinct times so that keys decide many ties.
  for (int i = 0; i < 50'000; ++i) {
    if (queue.empty() || rng.below(3) != 0) {
      const Ticks at = static_cast<Ticks>(rng.below(50)) + (out.empty() ? 0 : out.back().at());
      queue.push(QueueEntry::make(at, key++, rng.below(kTagMax), nullptr));
    } else {
      out.push_back(queue.top());
      queue.pop();
    }
  }
  while (!queue.empty()) {
    out.push_back(queue.top());
    queue.pop();
  }
  return out;
}

TEST(EventQueue, QuaternaryHeapPopsInTimeThenKeyOrder) {
  const auto out = drain_random_workload<QuaternaryHeap>(3);
  // Each pop must be the minimum of what was pending: a fully drained tail must be sorted.
  EXPECT_TRUE(std::is_sorted(out.end() - 1000, out.end()));
}

TEST(EventQueue, RadixHeapPopsInTimeThenKeyOrder) {
  const auto out = drain_random_workload<RadixHeap>(3);
  // Pushes are never before the last pop, so the whole output must be sorted.
  EXPECT_TRUE(std::is_sorted(out.begin(), out.end()));
}

TEST(EventQueue, RadixHeapKeepsTagAndHandler) {
  RadixHeap queue;
  struct Null final : EventHandler {
    void on_event(std::uint64_t) override {}
  } a, b;
  queue.push(QueueEntry::make(7, 2, kTagMax, &b));
  queue.push(QueueEntry::make(7, 1, 5, &a));
  EXPECT_EQ(queue.top().tag(), 5u);
  EXPECT_EQ(queue.top().handler, &a);
  queue.pop();
  EXPECT_EQ(queue.top().tag(), kTagMax);
  EXPECT_EQ(queue.top().handler, &b);
  queue.pop();
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, RadixHeapPushBelowTheTopItHasFoundBecomesTheTop) {
  // top() finds the minimum and remembers it; a later, smaller push (still after the last
  // pop) must take its place, then the remembered one must follow.
  RadixHeap queue;
  queue.push(QueueEntry::make(1, 1, 0, nullptr));
  queue.push(QueueEntry::make(1'000'000, 2, 0, nullptr));
  queue.push(QueueEntry::make(1'000'001, 3, 0, nullptr));
  queue.pop();  // last popped: (1, 1)
  EXPECT_EQ(queue.top().sequence(), 2u);
  queue.push(QueueEntry::make(500, 4, 0, nullptr));
  queue.push(QueueEntry::make(1, 5, 0, nullptr));  // same tick as the last pop, later sequence
  std::vector<std::uint64_t> order;
  while (!queue.empty()) {
    order.push_back(queue.top().sequence());
    queue.pop();
  }
  EXPECT_EQ(order, (std::vector<std::uint64_t>{5, 4, 2, 3}));
}

TEST(EventQueueDeathTest, RadixHeapRefusesAPushBeforeTheLastPop) {
  RadixHeap queue;
  queue.push(QueueEntry::make(10, 1, 0, nullptr));
  queue.push(QueueEntry::make(20, 2, 0, nullptr));
  queue.pop();
  EXPECT_DEATH(queue.push(QueueEntry::make(9, 3, 0, nullptr)), "push before the last entry popped");
}

TEST(EventQueue, EntryPackingKeepsEveryField) {
  const QueueEntry e = QueueEntry::make(kTicksMax, kSequenceMax, kTagMax, nullptr);
  EXPECT_EQ(e.at(), kTicksMax);
  EXPECT_EQ(e.sequence(), kSequenceMax);
  EXPECT_EQ(e.tag(), kTagMax);
  // The tag never decides the order: a later sequence with a smaller tag still sorts after.
  EXPECT_LT(QueueEntry::make(5, 1, kTagMax, nullptr), QueueEntry::make(5, 2, 0, nullptr));
  EXPECT_LT(QueueEntry::make(5, kSequenceMax, kTagMax, nullptr), QueueEntry::make(6, 1, 0, nullptr));
}

TEST(EventQueue, BothQueuesBehindTheSeamAgreeEntryForEntry) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto quaternary = drain_random_workload<QuaternaryHeap>(seed);
    const auto binary = drain_random_workload<BinaryHeap>(seed);
    const auto radix = drain_random_workload<RadixHeap>(seed);
    ASSERT_EQ(quaternary.size(), binary.size());
    ASSERT_EQ(radix.size(), binary.size());
    for (std::size_t i = 0; i < binary.size(); ++i) {
      ASSERT_EQ(quaternary[i].at(), binary[i].at()) << i;
      ASSERT_EQ(quaternary[i].sequence(), binary[i].sequence()) << i;
      ASSERT_EQ(radix[i].at(), binary[i].at()) << i;
      ASSERT_EQ(radix[i].sequence(), binary[i].sequence()) << i;
      ASSERT_EQ(radix[i].tag(), binary[i].tag()) << i;
    }
  }
}

}  // namespace
}  // namespace sim
