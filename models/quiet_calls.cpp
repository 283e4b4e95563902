#include "models/quiet_calls.h"

#include "sim/assert.h"
#include "sim/distribution.h"

namespace models {

QuietCalls::QuietCalls(std::vector<double> rate_per_instance_per_s, std::uint32_t outcomes,
                       const DailyProfile& profile)
    : rate_per_instance_per_s_(std::move(rate_per_instance_per_s)),
      outcomes_(outcomes),
      profile_(profile),
      slots_(rate_per_instance_per_s_.size() * outcomes) {
  SIM_ASSERT(outcomes > 0 && outcomes <= 16);
}

std::size_t QuietCalls::slot_index(std::uint32_t entry, std::uint32_t outcome) const {
  SIM_ASSERT(entry < rate_per_instance_per_s_.size() && outcome < outcomes_);
  return std::size_t{entry} * outcomes_ + outcome;
}

void QuietCalls::integrate(Slot& slot, sim::Ticks now) const {
  SIM_ASSERT(now >= slot.since);
  if (slot.instances > 0 && now > slot.since)
    slot.instance_s += static_cast<double>(slot.instances) * profile_.integral_s(slot.since, now);
  slot.since = now;
}

void QuietCalls::enter(std::uint32_t entry, std::uint32_t outcome, std::uint32_t instances,
                       sim::Ticks now) {
  Slot& slot = slots_[slot_index(entry, outcome)];
  integrate(slot, now);
  slot.instances += instances;
}

void QuietCalls::leave(std::uint32_t entry, std::uint32_t outcome, std::uint32_t instances,
                       sim::Ticks now) {
  Slot& slot = slots_[slot_index(entry, outcome)];
  SIM_ASSERT_MSG(slot.instances >= instances, "more instances leave quiet than entered");
  integrate(slot, now);
  slot.instances -= instances;
}

double QuietCalls::rate_per_s(std::uint32_t entry, std::uint32_t outcome, sim::Ticks now) const {
  return static_cast<double>(slots_[slot_index(entry, outcome)].instances) *
         rate_per_instance_per_s_[entry] * profile_.at(now);
}

std::uint64_t QuietCalls::take(std::uint32_t entry, std::uint32_t outcome, sim::Ticks until,
                               sim::Rng& rng) {
  Slot& slot = slots_[slot_index(entry, outcome)];
  integrate(slot, until);
  const double mean = slot.instance_s * rate_per_instance_per_s_[entry];
  slot.instance_s = 0;
  SIM_ASSERT(mean >= 0);
  return mean > 0 ? sim::sample_poisson(rng, mean) : 0;
}

}  // namespace models
