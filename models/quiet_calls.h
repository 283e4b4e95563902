#pragma once
// The aggregated call mode (MODEL.md §9, docs/models.md "Aggregated calls"). A client entry is
// *quiet* while every call it makes would have the same outcome and change nothing (a valid
// token accepted or refused; no token while backing off): such calls are not simulated one by
// one. A fleet keeps, per call entry and outcome, the number of quiet instances and the
// integral of that number times the daily profile; at each bucket end the calls of the bucket
// are drawn as one Poisson count per entry and outcome with that mean.
// The superposition of independent Poisson streams is Poisson, and the quiet/active switch
// happens at stopping times, so the counts have exactly the law of per-call simulation.
#include <cstdint>
#include <vector>

#include "models/daily_profile.h"
#include "sim/random.h"
#include "sim/time.h"

namespace models {

class QuietCalls {
 public:
  // `rate_per_instance_per_s` per entry; each entry's quiet instances split in `outcomes`.
  QuietCalls(std::vector<double> rate_per_instance_per_s, std::uint32_t outcomes,
             const DailyProfile& profile);

  void enter(std::uint32_t entry, std::uint32_t outcome, std::uint32_t instances, sim::Ticks now);
  void leave(std::uint32_t entry, std::uint32_t outcome, std::uint32_t instances, sim::Ticks now);
  std::uint64_t instances(std::uint32_t entry, std::uint32_t outcome) const {
    return slots_[slot_index(entry, outcome)].instances;
  }
  // Calls per second the quiet instances of (entry, outcome) make now.
  double rate_per_s(std::uint32_t entry, std::uint32_t outcome, sim::Ticks now) const;
  // Draws the quiet calls of (entry, outcome) since the last take, up to `until`; starts over.
  std::uint64_t take(std::uint32_t entry, std::uint32_t outcome, sim::Ticks until, sim::Rng& rng);

 private:
  struct Slot {
    std::uint64_t instances = 0;
    double instance_s = 0;  // ∫ instances · profile dt since the last take, in seconds
    sim::Ticks since = 0;   // instance_s is integrated up to here
  };
  void integrate(Slot& slot, sim::Ticks now) const;
  std::size_t slot_index(std::uint32_t entry, std::uint32_t outcome) const;

  std::vector<double> rate_per_instance_per_s_;
  std::uint32_t outcomes_;
  const DailyProfile& profile_;
  std::vector<Slot> slots_;
};

}  // namespace models
