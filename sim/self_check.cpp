#include "sim/self_check.h"

#include <string>
#include <vector>

#include "sim/distribution.h"
#include "sim/random.h"
#include "sim/simulator.h"
#include "sim/trace_digest.h"

namespace sim {
namespace {

// One actor: wakes at exponential intervals, sometimes arms a second timer, sometimes
// cancels its pending second timer, and emits a record with a normal draw.
class Actor final : public EventHandler {
 public:
  Actor(Simulator& simulator, Rng rng, std::uint32_t index, Ticks grid)
      : simulator_(simulator), rng_(rng), index_(index), grid_(grid) {}

  void start() { wake_ = schedule_on_grid(0, kTagWake); }

  void on_event(std::uint64_t tag) override {
    simulator_.emit(TraceRecord{simulator_.now(), static_cast<std::uint32_t>(tag), index_,
                                static_cast<std::int64_t>(1000 * sample_standard_normal(rng_))});
    if (tag != kTagWake) return;
    wake_ = schedule_on_grid(from_seconds(sample_exponential(rng_, 2.0)), kTagWake);
    const std::uint64_t choice = rng_.below(4);
    if (choice == 0) {
      simulator_.cancel(side_);
      side_ = schedule_on_grid(from_seconds(rng_.uniform(0.0, 3.0)), kTagSide);
    } else if (choice == 1) {
      simulator_.cancel(side_);
    }
  }

 private:
  static constexpr std::uint64_t kTagWake = 1;
  static constexpr std::uint64_t kTagSide = 2;

  EventId schedule_on_grid(Ticks delay, std::uint64_t tag) {
    const Ticks at = (simulator_.now() + delay) / grid_ * grid_;
    return simulator_.schedule_at(at < simulator_.now() ? simulator_.now() : at, *this, tag);
  }

  Simulator& simulator_;
  Rng rng_;
  std::uint32_t index_;
  Ticks grid_;
  EventId wake_;
  EventId side_;
};

}  // namespace

SelfCheckResult run_self_check(const SelfCheckOptions& options) {
  SIM_ASSERT(options.actors > 0 && options.grid > 0 && options.horizon >= 0);
  Simulator simulator;
  TraceDigest digest;
  simulator.set_observer(&digest);
  const RandomStreams streams(options.seed);
  std::vector<Actor> actors;
  actors.reserve(options.actors);
  for (std::uint32_t i = 0; i < options.actors; ++i)
    actors.emplace_back(simulator, streams.stream("actor/" + std::to_string(i)), i, options.grid);
  for (Actor& actor : actors) actor.start();
  simulator.run_until(options.horizon);
  return SelfCheckResult{simulator.stats().events_dispatched, simulator.stats().events_cancelled,
                         digest.records(), digest.digest()};
}

}  // namespace sim
