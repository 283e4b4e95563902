// Kernel overhead: the hold model (pop one event, schedule one at now + exponential delay)
// with N pending, run (a) through the kernel with a handler and (b) on a bare
// std::priority_queue loop doing the same work. The ratio of their items/s is the overhead.
// The kernel runs once per queue behind the seam: RadixHeap (the default, sim::Simulator),
// QuaternaryHeap (the previous default) and BinaryHeap (std::priority_queue of entries).
#include <benchmark/benchmark.h>

#include <atomic>
#include <queue>
#include <type_traits>
#include <vector>

#include "sim/distribution.h"
#include "sim/simulator.h"

static_assert(std::is_same_v<sim::Simulator, sim::BasicSimulator<sim::RadixHeap>>,
              "BM_KernelHold<sim::RadixHeap> is the default kernel's row");

namespace {

constexpr std::int64_t kOpsPerIteration = 1'000'000;

// Delays drawn once, so both loops pay the same (zero) cost for randomness.
std::vector<sim::Ticks> make_delays() {
  sim::Rng rng(1, "hold");
  std::vector<sim::Ticks> delays(1 << 16);
  for (auto& d : delays) d = 1 + sim::from_seconds(sim::sample_exponential(rng, 1.0));
  return delays;
}
const std::vector<sim::Ticks> kDelays = make_delays();

template <class Queue>
class HoldModel final : public sim::EventHandler {
 public:
  HoldModel(sim::BasicSimulator<Queue>& simulator) : simulator_(simulator) {}
  void on_event(std::uint64_t) override {
    simulator_.schedule_after(kDelays[next_++ & (kDelays.size() - 1)], *this);
  }

 private:
  sim::BasicSimulator<Queue>& simulator_;
  std::size_t next_ = 0;
};

// kWatched: with a stop flag attached and never raised, as `idsim run` and `sweep` run (the
// interruption path); without, the kernel's bare cost (docs/reliability.md).
template <class Queue, bool kWatched = false>
void BM_KernelHold(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  sim::BasicSimulator<Queue> simulator(sim::SimulatorOptions{.pending_events_max = pending + 1});
  const std::atomic<bool> never_raised{false};
  if (kWatched) simulator.set_stop_flag(&never_raised);
  HoldModel<Queue> model(simulator);
  for (std::size_t i = 0; i < pending; ++i)
    simulator.schedule_at(kDelays[i & (kDelays.size() - 1)], model);
  std::uint64_t done = 0;
  for (auto _ : state) {
    const std::uint64_t target = done + kOpsPerIteration;
    // run_until with an advancing horizon until exactly kOpsPerIteration events have run.
    while (simulator.stats().events_dispatched < target)
      simulator.run_until(simulator.now() + sim::seconds(1));
    done = simulator.stats().events_dispatched;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(done));
  state.counters["pending"] = static_cast<double>(pending);
}

// The baseline: the same hold model written directly on std::priority_queue.
void BM_BarePriorityQueueHold(benchmark::State& state) {
  struct Entry {
    sim::Ticks at;
    std::uint64_t sequence;
    bool operator<(const Entry& o) const {
      return at > o.at || (at == o.at && sequence > o.sequence);
    }
  };
  const auto pending = static_cast<std::size_t>(state.range(0));
  std::priority_queue<Entry> queue;
  std::uint64_t sequence = 0;
  for (std::size_t i = 0; i < pending; ++i)
    queue.push(Entry{kDelays[i & (kDelays.size() - 1)], sequence++});
  std::size_t next = 0;
  std::uint64_t done = 0;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < kOpsPerIteration; ++i) {
      const Entry e = queue.top();
      queue.pop();
      queue.push(Entry{e.at + kDelays[next++ & (kDelays.size() - 1)], sequence++});
    }
    done += kOpsPerIteration;
  }
  benchmark::DoNotOptimize(queue.top());
  state.SetItemsProcessed(static_cast<std::int64_t>(done));
  state.counters["pending"] = static_cast<double>(pending);
}

BENCHMARK(BM_BarePriorityQueueHold)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_KernelHold<sim::RadixHeap>)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_KernelHold<sim::RadixHeap, true>)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_KernelHold<sim::QuaternaryHeap>)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_KernelHold<sim::BinaryHeap>)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
