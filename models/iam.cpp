#include "models/iam.h"

#include "models/target_service.h"

namespace models {
namespace {
constexpr std::size_t kChangesMax = 100'000;
}

Iam::Iam(sim::Simulator& simulator, sim::Rng rng, const WorldConfig& config,
         std::vector<TargetService>& services)
    : simulator_(simulator),
      rng_(rng),
      delay_s_(config.iam.propagation_delay_s),
      services_(services),
      identities_(config.identities.size()),
      granted_generation_(config.identities.size() * config.services.size(), 0) {
  for (const RoleConfig& role : config.roles) {
    SIM_ASSERT(role.identity < identities_.size() && role.service < services.size());
    granted_generation_[role.identity * services_.size() + role.service] = 1;
  }
  // Targets start knowing the initial state.
  for (IdentityIndex i = 0; i < identities_.size(); ++i)
    for (ServiceIndex s = 0; s < services_.size(); ++s)
      services_[s].seed(i, granted_generation_[i * services_.size() + s]);
}

bool Iam::granted(IdentityIndex identity, std::uint32_t generation, ServiceIndex service) const {
  SIM_ASSERT(identity < identities_.size());
  if (service >= services_.size()) return false;  // a token for an audience nobody serves
  return identities_[identity].exists &&
         granted_generation_[identity * services_.size() + service] == generation;
}

std::size_t Iam::revoke(IdentityIndex identity, ServiceIndex service) {
  granted_generation_[identity * services_.size() + service] = 0;
  return record(RoleChange{RoleChange::Kind::revoke, simulator_.now(), identity, service}, false);
}

std::size_t Iam::grant(IdentityIndex identity, ServiceIndex service) {
  granted_generation_[identity * services_.size() + service] = identities_[identity].generation;
  return record(RoleChange{RoleChange::Kind::grant, simulator_.now(), identity, service}, false);
}

std::size_t Iam::delete_identity(IdentityIndex identity) {
  identities_[identity].exists = false;
  return record(RoleChange{RoleChange::Kind::identity_delete, simulator_.now(), identity, 0},
                true);
}

std::size_t Iam::recreate_identity(IdentityIndex identity, bool reassign_roles) {
  Identity& id = identities_[identity];
  const std::uint32_t old_generation = id.generation;
  id.generation += 1;
  id.exists = true;
  for (ServiceIndex s = 0; s < services_.size(); ++s) {
    std::uint32_t& g = granted_generation_[identity * services_.size() + s];
    g = (reassign_roles && g == old_generation) ? id.generation : 0;
  }
  return record(RoleChange{RoleChange::Kind::identity_recreate, simulator_.now(), identity, 0},
                true);
}

std::size_t Iam::record(RoleChange change, bool all_services) {
  SIM_ASSERT_MSG(changes_.size() < kChangesMax, "too many IAM changes");
  change.version = version_next_++;
  changes_.push_back(change);
  const std::size_t index = changes_.size() - 1;
  arrivals_left_.push_back(0);
  if (all_services) {
    for (ServiceIndex s = 0; s < services_.size(); ++s) propagate(index, s);
  } else {
    propagate(index, change.service);
  }
  return index;
}

void Iam::propagate(std::size_t change, ServiceIndex service) {
  // The arrival carries the state as of this change: a later change must not leak early.
  const IdentityIndex i = changes_[change].identity;
  arrivals_.push_back(Arrival{change, service, identities_[i].exists, identities_[i].generation,
                              granted_generation_[i * services_.size() + service]});
  ++arrivals_left_[change];
  const double delay_s = delay_s_.sample(rng_);
  simulator_.schedule_after(sim::from_seconds(delay_s < 0 ? 0 : delay_s), *this,
                            arrivals_.size() - 1);
}

void Iam::on_event(std::uint64_t tag) {
  const Arrival arrival = arrivals_[tag];
  RoleChange& change = changes_[arrival.change];
  services_[arrival.service].apply(change.identity, change.version, arrival.exists,
                                   arrival.generation, arrival.granted_generation);
  if (--arrivals_left_[arrival.change] == 0) change.propagated_at = simulator_.now();
}

}  // namespace models
