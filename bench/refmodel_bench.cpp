// The reference token-refresh model (issue 7) for N = 10^4 and 10^5 clients over 6 h, on the
// kernel and on the bare std::priority_queue loop, one iteration each (a run is the unit:
// 2·10^8 and 2·10^9 events). Cases run pq then kernel for each N, and the kernel row reports
// vs_pq: its events/s over the pq row's of the same N in this process (absent when a filter
// left the pq row out). peak_rss_mib is the process's peak so far (ru_maxrss never goes
// down); idsim_refmodel measures one run per process.
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "bench/process_stats.h"
#include "bench/refmodel.h"

namespace {

using bench::Engine;

// events/s of the pq row, by client count: what the kernel row is compared with.
std::map<std::uint32_t, double>& pq_events_per_s() {
  static std::map<std::uint32_t, double> rates;
  return rates;
}

void BM_RefModel(benchmark::State& state, Engine engine, std::uint32_t clients) {
  const bench::RefModelOptions options{.clients = clients, .horizon = sim::hours(6)};
  bench::RefModelCounts counts;
  double wall_s = 0;
  for (auto _ : state) {
    const bench::Stopwatch stopwatch;
    counts = bench::run_refmodel(options, engine);
    wall_s = stopwatch.elapsed_s();
  }
  const double events_per_s = static_cast<double>(counts.events) / wall_s;
  state.counters["calls"] = static_cast<double>(counts.calls);
  state.counters["token_requests"] = static_cast<double>(counts.token_requests);
  state.counters["events"] = static_cast<double>(counts.events);
  state.counters["events_per_s"] = events_per_s;
  state.counters["wall_s"] = wall_s;
  state.counters["peak_rss_mib"] = bench::peak_rss_mib();
  if (engine == Engine::priority_queue) {
    pq_events_per_s()[clients] = events_per_s;
  } else if (const auto pq = pq_events_per_s().find(clients); pq != pq_events_per_s().end()) {
    state.counters["vs_pq"] = events_per_s / pq->second;
  }
}

// Registered by hand so that the order is pq, kernel for each N in turn.
const bool kRegistered = [] {
  for (const std::uint32_t clients : {10'000u, 100'000u}) {
    for (const Engine engine : {Engine::priority_queue, Engine::kernel}) {
      const std::string name = "BM_RefModel/" + std::string(bench::engine_name(engine)) +
                               "/clients:" + std::to_string(clients);
      benchmark::RegisterBenchmark(name.c_str(), BM_RefModel, engine, clients)
          ->Iterations(1)
          ->Unit(benchmark::kSecond);
    }
  }
  return true;
}();

}  // namespace
