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
    ASSERT_EQ(quaternary.size(), binary.size());
    for (std::size_t i = 0; i < binary.size(); ++i) {
      ASSERT_EQ(quaternary[i].at(), binary[i].at()) << i;
      ASSERT_EQ(quaternary[i].sequence(), binary[i].sequence()) << i;
    }
  }
}

}  // namespace
}  // namespace sim
