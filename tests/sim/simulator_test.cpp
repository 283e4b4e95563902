#include "sim/simulator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <utility>
#include <vector>

#include "sim/random.h"

namespace sim {
namespace {

// Records (time, tag) of every event it receives.
struct Recorder final : EventHandler {
  explicit Recorder(Simulator& s) : simulator(s) {}
  void on_event(std::uint64_t tag) override { seen.emplace_back(simulator.now(), tag); }
  Simulator& simulator;
  std::vector<std::pair<Ticks, std::uint64_t>> seen;
};

using Seen = std::vector<std::pair<Ticks, std::uint64_t>>;

TEST(Simulator, RunsEventsInTimeOrder) {
  Simulator simulator;
  Recorder recorder(simulator);
  simulator.schedule_at(30, recorder, 3);
  simulator.schedule_at(10, recorder, 1);
  simulator.schedule_at(20, recorder, 2);
  simulator.run_until(100);
  EXPECT_EQ(recorder.seen, (Seen{{10, 1}, {20, 2}, {30, 3}}));
}

TEST(Simulator, BreaksTiesByInsertionOrder) {
  Simulator simulator;
  Recorder recorder(simulator);
  // Many events on one tick, interleaved with other times: insertion order must survive the heap.
  for (std::uint64_t tag = 0; tag < 1000; ++tag) {
    simulator.schedule_at(5, recorder, tag);
    simulator.schedule_at(static_cast<Ticks>(tag % 7), recorder, 10'000 + tag);
  }
  simulator.run_until(100);
  std::uint64_t expected_next = 0;
  for (const auto& [at, tag] : recorder.seen) {
    if (at != 5 || tag >= 10'000) continue;
    EXPECT_EQ(tag, expected_next++);
  }
  EXPECT_EQ(expected_next, 1000u);
}

TEST(Simulator, ScheduleAfterCountsFromNow) {
  Simulator simulator;
  Recorder recorder(simulator);
  simulator.run_until(1000);
  simulator.schedule_after(seconds(2), recorder, 1);
  simulator.run_until(hours(1));
  EXPECT_EQ(recorder.seen, (Seen{{1000 + seconds(2), 1}}));
}

TEST(Simulator, CancelledEventNeverRuns) {
  Simulator simulator;
  Recorder recorder(simulator);
  simulator.schedule_at(10, recorder, 1);
  const EventId doomed = simulator.schedule_at(20, recorder, 2);
  simulator.schedule_at(30, recorder, 3);
  EXPECT_TRUE(simulator.cancel(doomed));
  EXPECT_EQ(simulator.pending(), 2u);
  simulator.run_until(100);
  EXPECT_EQ(recorder.seen, (Seen{{10, 1}, {30, 3}}));
  EXPECT_EQ(simulator.stats().events_dispatched, 2u);
  EXPECT_EQ(simulator.stats().events_cancelled, 1u);
}

TEST(Simulator, CancelAfterRunOrTwiceIsARefusedNoOp) {
  Simulator simulator;
  Recorder recorder(simulator);
  const EventId ran = simulator.schedule_at(10, recorder, 1);
  simulator.run_until(10);
  EXPECT_FALSE(simulator.cancel(ran));
  // The slot is reused by a new event: the old id must not cancel the new one.
  const EventId reused = simulator.schedule_at(20, recorder, 2);
  EXPECT_FALSE(simulator.cancel(ran));
  EXPECT_TRUE(simulator.cancel(reused));
  EXPECT_FALSE(simulator.cancel(reused));
  EXPECT_FALSE(simulator.cancel(EventId{}));
  simulator.run_until(100);
  EXPECT_EQ(recorder.seen, (Seen{{10, 1}}));
}

TEST(Simulator, CancelAtTheCurrentTickKnowsWhatAlreadyRan) {
  Simulator simulator;
  // Two events on one tick: the first cancels the second (pending) and itself (already run).
  struct Canceller final : EventHandler {
    explicit Canceller(Simulator& s) : simulator(s) {}
    void on_event(std::uint64_t tag) override {
      ran.push_back(tag);
      if (tag == 1) {
        cancelled_self = simulator.cancel(self);
        cancelled_other = simulator.cancel(other);
      }
    }
    Simulator& simulator;
    EventId self, other;
    bool cancelled_self = true, cancelled_other = false;
    std::vector<std::uint64_t> ran;
  } canceller(simulator);
  canceller.self = simulator.schedule_at(7, canceller, 1);
  canceller.other = simulator.schedule_at(7, canceller, 2);
  simulator.run_until(10);
  EXPECT_FALSE(canceller.cancelled_self);
  EXPECT_TRUE(canceller.cancelled_other);
  EXPECT_EQ(canceller.ran, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(simulator.pending(), 0u);
}

TEST(Simulator, ManyCancelsLeaveOnlyTheSurvivors) {
  Simulator simulator;
  Recorder recorder(simulator);
  std::vector<EventId> ids;
  for (std::uint64_t tag = 0; tag < 10'000; ++tag)
    ids.push_back(simulator.schedule_at(static_cast<Ticks>(tag % 97), recorder, tag));
  for (std::size_t i = 0; i < ids.size(); i += 3) EXPECT_TRUE(simulator.cancel(ids[i]));
  EXPECT_EQ(simulator.pending(), 10'000u - 3334u);
  simulator.run_until(100);
  EXPECT_EQ(recorder.seen.size(), 10'000u - 3334u);
  for (const auto& [at, tag] : recorder.seen) EXPECT_NE(tag % 3, 0u);
}

TEST(Simulator, RunUntilStopsAtTheHorizonAndLeavesLaterEvents) {
  Simulator simulator;
  Recorder recorder(simulator);
  simulator.schedule_at(10, recorder, 1);
  simulator.schedule_at(11, recorder, 2);
  EXPECT_TRUE(simulator.run_until(10));
  EXPECT_EQ(simulator.now(), 10);
  EXPECT_EQ(recorder.seen.size(), 1u);
  EXPECT_EQ(simulator.pending(), 1u);
  simulator.run_until(50);
  EXPECT_EQ(simulator.now(), 50);
  EXPECT_EQ(recorder.seen.size(), 2u);
}

TEST(Simulator, StopEndsTheRunAfterTheCurrentEvent) {
  Simulator simulator;
  struct Stopper final : EventHandler {
    explicit Stopper(Simulator& s) : simulator(s) {}
    void on_event(std::uint64_t) override { ++count, simulator.stop(); }
    Simulator& simulator;
    int count = 0;
  } stopper(simulator);
  simulator.schedule_at(1, stopper);
  simulator.schedule_at(2, stopper);
  EXPECT_FALSE(simulator.run_until(10));
  EXPECT_EQ(stopper.count, 1);
  EXPECT_EQ(simulator.now(), 1);
}

// A signal handler (or another thread) cannot call stop() safely; it raises a flag instead,
// and the kernel looks at it before every event. Lowering the flag lets the run continue.
TEST(Simulator, RaisedStopFlagEndsTheRunBeforeTheNextEvent) {
  Simulator simulator;
  std::atomic<bool> flag{false};
  simulator.set_stop_flag(&flag);
  struct Raiser final : EventHandler {
    explicit Raiser(std::atomic<bool>& f) : flag(f) {}
    void on_event(std::uint64_t) override { ++count, flag.store(true); }
    std::atomic<bool>& flag;
    int count = 0;
  } raiser(flag);
  simulator.schedule_at(1, raiser);
  simulator.schedule_at(2, raiser);
  EXPECT_FALSE(simulator.run_until(10));
  EXPECT_EQ(raiser.count, 1);
  EXPECT_EQ(simulator.now(), 1);
  EXPECT_FALSE(simulator.run_until(10)) << "a raised flag stops the run before it starts";
  EXPECT_EQ(raiser.count, 1);
  flag.store(false);
  EXPECT_FALSE(simulator.run_until(10)) << "raised again by the last event: the horizon is not reached";
  EXPECT_EQ(raiser.count, 2);
  EXPECT_EQ(simulator.now(), 2);
  flag.store(false);
  EXPECT_TRUE(simulator.run_until(10));
  EXPECT_EQ(simulator.now(), 10);
}

// The after-event hook sees every dispatched event once its handler has returned (cancelled
// ones never), and may stop the run there.
TEST(Simulator, AfterEventHookSeesEachDispatchAfterItsHandlerAndMayStop) {
  Simulator simulator;
  Recorder recorder(simulator);
  struct Hook final : AfterEvent {
    Hook(Simulator& s, Recorder& r) : simulator(s), recorder(r) {}
    void after_event(const DispatchInfo& info) override {
      seen_before.push_back(recorder.seen.size());
      tags.push_back(info.tag);
      if (info.tag == 3) simulator.stop();
    }
    Simulator& simulator;
    Recorder& recorder;
    std::vector<std::size_t> seen_before;
    std::vector<std::uint64_t> tags;
  } hook(simulator, recorder);
  simulator.set_after_event(&hook);
  simulator.schedule_at(1, recorder, 1);
  const EventId cancelled = simulator.schedule_at(2, recorder, 2);
  simulator.schedule_at(3, recorder, 3);
  simulator.schedule_at(4, recorder, 4);
  simulator.cancel(cancelled);
  EXPECT_FALSE(simulator.run_until(10));
  EXPECT_EQ(hook.tags, (std::vector<std::uint64_t>{1, 3}));
  EXPECT_EQ(hook.seen_before, (std::vector<std::size_t>{1, 2})) << "the handler ran first";
  EXPECT_EQ(simulator.now(), 3);
  simulator.set_after_event(nullptr);
  EXPECT_TRUE(simulator.run_until(10));
  EXPECT_EQ(recorder.seen.size(), 3u);
}

TEST(Simulator, ObserverSeesEveryDispatchAndRecord) {
  Simulator simulator;
  struct Counting final : Observer {
    void on_dispatch(const DispatchInfo& info) override { dispatched.push_back(info.tag); }
    void on_record(const TraceRecord& record) override { values.push_back(record.value); }
    std::vector<std::uint64_t> dispatched;
    std::vector<std::int64_t> values;
  } observer;
  simulator.set_observer(&observer);
  struct Emitter final : EventHandler {
    explicit Emitter(Simulator& s) : simulator(s) {}
    void on_event(std::uint64_t tag) override {
      simulator.emit({simulator.now(), 1, 0, static_cast<std::int64_t>(tag * 10)});
    }
    Simulator& simulator;
  } emitter(simulator);
  simulator.schedule_at(1, emitter, 4);
  simulator.schedule_at(2, emitter, 5);
  simulator.run_until(10);
  EXPECT_EQ(observer.dispatched, (std::vector<std::uint64_t>{4, 5}));
  EXPECT_EQ(observer.values, (std::vector<std::int64_t>{40, 50}));
}

// A churning workload on any queue: handlers reschedule themselves (often on the current
// tick), schedule extra events and cancel some pending ones. Returns (time, tag) of each
// dispatch and the cancel results, which must not depend on the queue behind the seam.
template <class Queue>
std::pair<Seen, std::vector<bool>> churn(std::uint64_t seed) {
  BasicSimulator<Queue> simulator;
  struct Churner final : EventHandler {
    Churner(BasicSimulator<Queue>& s, std::uint64_t seed) : simulator(s), rng(seed, "churn") {}
    void on_event(std::uint64_t tag) override {
      seen.emplace_back(simulator.now(), tag);
      const auto r = rng.below(100);
      ids.push_back(simulator.schedule_after(static_cast<Ticks>(rng.below(4) * rng.below(1000)),
                                             *this, tag));
      if (r < 30) ids.push_back(simulator.schedule_after(0, *this, 1'000'000 + seen.size()));
      if (r < 40 && !ids.empty()) cancels.push_back(simulator.cancel(ids[rng.below(ids.size())]));
    }
    BasicSimulator<Queue>& simulator;
    Rng rng;
    Seen seen;
    std::vector<EventId> ids;
    std::vector<bool> cancels;
  } churner(simulator, seed);
  for (std::uint64_t tag = 0; tag < 500; ++tag)
    churner.ids.push_back(simulator.schedule_at(static_cast<Ticks>(tag % 13), churner, tag));
  for (Ticks end = 0; churner.seen.size() < 50'000; end += 700) simulator.run_until(end);
  return {churner.seen, churner.cancels};
}

TEST(Simulator, EveryQueueBehindTheSeamDispatchesTheSameRun) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const auto radix = churn<RadixHeap>(seed);
    const auto quaternary = churn<QuaternaryHeap>(seed);
    const auto binary = churn<BinaryHeap>(seed);
    EXPECT_GT(std::count(radix.second.begin(), radix.second.end(), true), 1000);
    EXPECT_GT(std::count(radix.second.begin(), radix.second.end(), false), 1000);
    EXPECT_TRUE(radix == binary);
    EXPECT_TRUE(quaternary == binary);
  }
}

TEST(SimulatorDeathTest, RefusesMoreEventsThanItsCapacity) {
  Simulator simulator(SimulatorOptions{.pending_events_max = 3});
  Recorder recorder(simulator);
  for (int i = 0; i < 3; ++i) simulator.schedule_at(1, recorder);
  EXPECT_DEATH(simulator.schedule_at(1, recorder), "pending event limit");
}

TEST(SimulatorDeathTest, RefusesAnEventInThePast) {
  Simulator simulator;
  Recorder recorder(simulator);
  simulator.run_until(100);
  EXPECT_DEATH(simulator.schedule_at(99, recorder), "past");
}

}  // namespace
}  // namespace sim
