#include "models/iam.h"

#include "models/target_service.h"

namespace models {
namespace {
constexpr std::size_t kChangesMax = 100'000;
}

Iam::Iam(sim::Simulator& simulator, sim::Rng rng, const WorldConfig& config,
         const Principals& principals, std::vector<TargetService>& services)
    : simulator_(simulator),
      rng_(rng),
      delay_s_(config.iam.propagation_delay_s),
      principals_of_(principals),
      services_(services),
      services_count_(services.size()),
      principals_(principals.count()),
      granted_generation_(principals.count() * services.size(), 0),
      assigned_(config.identities.size() * services.size(), false) {
  for (const RoleConfig& role : config.roles) {
    SIM_ASSERT(role.identity < config.identities.size() && role.service < services.size());
    assigned_[role.identity * services_.size() + role.service] = true;
    const PrincipalIndex first = principals.first_of(role.identity);
    for (PrincipalIndex p = first; p < first + principals.count_of(role.identity); ++p)
      granted_generation(p, role.service) = 1;
  }
  for (PrincipalIndex p = 0; p < principals_.size(); ++p)
    principals_[p].exists = principals.alive_at_start(p);
  // Targets start knowing the initial state.
  for (ServiceIndex s = 0; s < services_.size(); ++s)
    for (PrincipalIndex p = 0; p < principals_.size(); ++p)
      services_[s].seed(p, principals_[p].exists, granted_generation(p, s));
}

bool Iam::granted(PrincipalIndex principal, std::uint32_t generation, ServiceIndex service) const {
  SIM_ASSERT(principal < principals_.size());
  if (service >= services_.size()) return false;  // a token for an audience nobody serves
  return principals_[principal].exists &&
         granted_generation_[std::size_t{principal} * services_.size() + service] == generation;
}

std::size_t Iam::revoke(IdentityIndex identity, ServiceIndex service) {
  assigned_[identity * services_.size() + service] = false;
  const std::size_t change =
      record(RoleChange{RoleChange::Kind::revoke, simulator_.now(), identity, service});
  const PrincipalIndex first = principals_of_.first_of(identity);
  for (PrincipalIndex p = first; p < first + principals_of_.count_of(identity); ++p) {
    granted_generation(p, service) = 0;
    propagate(static_cast<std::uint32_t>(change), p, service, version_next_++);
  }
  settle_if_nothing_sent(change);
  return change;
}

std::size_t Iam::grant(IdentityIndex identity, ServiceIndex service) {
  assigned_[identity * services_.size() + service] = true;
  const std::size_t change =
      record(RoleChange{RoleChange::Kind::grant, simulator_.now(), identity, service});
  const PrincipalIndex first = principals_of_.first_of(identity);
  for (PrincipalIndex p = first; p < first + principals_of_.count_of(identity); ++p) {
    granted_generation(p, service) = principals_[p].generation;
    propagate(static_cast<std::uint32_t>(change), p, service, version_next_++);
  }
  settle_if_nothing_sent(change);
  return change;
}

std::size_t Iam::delete_identity(IdentityIndex identity) {
  const std::size_t change =
      record(RoleChange{RoleChange::Kind::identity_delete, simulator_.now(), identity, 0});
  const PrincipalIndex first = principals_of_.first_of(identity);
  for (PrincipalIndex p = first; p < first + principals_of_.count_of(identity); ++p) {
    principals_[p].exists = false;
    const std::uint64_t version = version_next_++;
    for (ServiceIndex s = 0; s < services_.size(); ++s)
      propagate(static_cast<std::uint32_t>(change), p, s, version);
  }
  settle_if_nothing_sent(change);
  return change;
}

std::size_t Iam::recreate_identity(IdentityIndex identity, bool reassign_roles) {
  const std::size_t change =
      record(RoleChange{RoleChange::Kind::identity_recreate, simulator_.now(), identity, 0});
  if (!reassign_roles)
    for (ServiceIndex s = 0; s < services_.size(); ++s)
      assigned_[identity * services_.size() + s] = false;
  const PrincipalIndex first = principals_of_.first_of(identity);
  for (PrincipalIndex p = first; p < first + principals_of_.count_of(identity); ++p) {
    Principal& object = principals_[p];
    const std::uint32_t old_generation = object.generation;
    object.generation += 1;
    object.exists = true;
    const std::uint64_t version = version_next_++;
    for (ServiceIndex s = 0; s < services_.size(); ++s) {
      std::uint32_t& g = granted_generation(p, s);
      g = (reassign_roles && g == old_generation) ? object.generation : 0;
      propagate(static_cast<std::uint32_t>(change), p, s, version);
    }
  }
  settle_if_nothing_sent(change);
  return change;
}

void Iam::create_instance_object(PrincipalIndex principal) {
  SIM_ASSERT(principal < principals_.size());
  const IdentityIndex identity = principals_of_.identity_of(principal);
  Principal& object = principals_[principal];
  object.generation += 1;
  object.exists = true;
  const std::uint64_t version = version_next_++;
  for (ServiceIndex s = 0; s < services_.size(); ++s) {
    granted_generation(principal, s) =
        assigned_[identity * services_.size() + s] ? object.generation : 0;
    propagate(kNoChange, principal, s, version);
  }
}

void Iam::delete_instance_object(PrincipalIndex principal) {
  SIM_ASSERT(principal < principals_.size());
  principals_[principal].exists = false;
}

// A change to a system identity no fleet uses reaches nobody: it has propagated at once.
void Iam::settle_if_nothing_sent(std::size_t change) {
  if (arrivals_left_[change] == 0) changes_[change].propagated_at = simulator_.now();
}

std::size_t Iam::record(RoleChange change) {
  SIM_ASSERT_MSG(changes_.size() < kChangesMax, "too many IAM changes");
  changes_.push_back(change);
  arrivals_left_.push_back(0);
  return changes_.size() - 1;
}

void Iam::propagate(std::uint32_t change, PrincipalIndex principal, ServiceIndex service,
                    std::uint64_t version) {
  const Arrival arrival{version,
                        change,
                        principal,
                        service,
                        principals_[principal].generation,
                        granted_generation(principal, service),
                        principals_[principal].exists};
  std::uint32_t slot = 0;
  if (!arrivals_free_.empty()) {
    slot = arrivals_free_.back();
    arrivals_free_.pop_back();
    arrivals_[slot] = arrival;
  } else {
    SIM_ASSERT_MSG(arrivals_.size() < kArrivalsMax, "too many IAM propagations in flight");
    slot = static_cast<std::uint32_t>(arrivals_.size());
    arrivals_.push_back(arrival);
  }
  if (change != kNoChange) ++arrivals_left_[change];
  const double delay_s = delay_s_.sample(rng_);
  simulator_.schedule_after(sim::from_seconds(delay_s < 0 ? 0 : delay_s), *this, slot);
}

void Iam::on_event(std::uint64_t tag) {
  SIM_ASSERT(tag < arrivals_.size());
  const Arrival arrival = arrivals_[tag];
  arrivals_free_.push_back(static_cast<std::uint32_t>(tag));
  services_[arrival.service].apply(arrival.principal, arrival.version, arrival.exists,
                                   arrival.generation, arrival.granted_generation);
  if (arrival.change == kNoChange) return;
  SIM_ASSERT(arrivals_left_[arrival.change] > 0);
  if (--arrivals_left_[arrival.change] == 0)
    changes_[arrival.change].propagated_at = simulator_.now();
}

}  // namespace models
