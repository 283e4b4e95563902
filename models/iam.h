#pragma once
// The IAM control plane: identities (with generations) and role assignments. Every change
// reaches each target service after its own sampled propagation delay. Faults name identities;
// the state is kept per principal (models/principals.h), so a change to a system identity is
// one change per instance's object, each propagating on its own.
#include <cstdint>
#include <vector>

#include "models/principals.h"
#include "models/token.h"
#include "models/world_config.h"
#include "sim/distribution.h"
#include "sim/simulator.h"

namespace models {

class TargetService;

// One change as the control plane made it, and when it took effect where.
struct RoleChange {
  enum class Kind : std::uint8_t { revoke, grant, identity_delete, identity_recreate };
  Kind kind = Kind::revoke;
  sim::Ticks at = 0;
  IdentityIndex identity = 0;
  ServiceIndex service = 0;          // for revoke/grant
  sim::Ticks propagated_at = -1;     // the last service's view reflected it (-1: not yet)
};

class Iam final : public sim::EventHandler {
 public:
  // Propagations in flight at once: a change to a system identity sends one per instance and
  // service (the validator bounds what faults can send; instance churn adds a few).
  static constexpr std::size_t kArrivalsMax = std::size_t{1} << 23;

  Iam(sim::Simulator& simulator, sim::Rng rng, const WorldConfig& config,
      const Principals& principals, std::vector<TargetService>& services);

  bool exists(PrincipalIndex principal) const { return principals_[principal].exists; }
  std::uint32_t generation(PrincipalIndex principal) const {
    return principals_[principal].generation;
  }
  // The control plane's truth now: does this generation of the principal hold a role there?
  bool granted(PrincipalIndex principal, std::uint32_t generation, ServiceIndex service) const;
  std::size_t principal_count() const { return principals_.size(); }

  // Hooks the faults turn, on every principal of the identity. Each returns the change's index
  // in changes().
  std::size_t revoke(IdentityIndex identity, ServiceIndex service);
  std::size_t grant(IdentityIndex identity, ServiceIndex service);
  std::size_t delete_identity(IdentityIndex identity);
  // A new object: generation + 1. With reassign_roles, the old generation's grants are
  // copied to the new one; without, it holds none.
  std::size_t recreate_identity(IdentityIndex identity, bool reassign_roles);

  // A system identity's lifecycle: a new instance gets a new object (generation + 1) holding
  // the identity's role assignments, which the targets learn after the propagation delay; a
  // stopped instance's object is deleted (nobody presents its tokens any more, so that is not
  // propagated). Not in changes(): instance churn is not a control-plane change a user made.
  void create_instance_object(PrincipalIndex principal);
  void delete_instance_object(PrincipalIndex principal);

  const std::vector<RoleChange>& changes() const { return changes_; }
  std::size_t arrivals_in_flight() const { return arrivals_.size() - arrivals_free_.size(); }
  void on_event(std::uint64_t tag) override;

 private:
  static constexpr std::uint32_t kNoChange = 0xffff'ffffu;
  struct Principal {
    std::uint32_t generation = 1;
    bool exists = true;
  };
  // The state one principal had when a change was made: a later change must not leak early.
  struct Arrival {
    std::uint64_t version;
    std::uint32_t change;  // kNoChange: instance churn
    PrincipalIndex principal;
    ServiceIndex service;
    std::uint32_t generation;
    std::uint32_t granted_generation;
    bool exists;
  };

  // services_count_, not services_.size(): TargetService is incomplete here (clang refuses).
  std::uint32_t& granted_generation(PrincipalIndex p, ServiceIndex s) {
    return granted_generation_[std::size_t{p} * services_count_ + s];
  }
  std::size_t record(RoleChange change);
  void settle_if_nothing_sent(std::size_t change);
  void propagate(std::uint32_t change, PrincipalIndex principal, ServiceIndex service,
                 std::uint64_t version);

  sim::Simulator& simulator_;
  sim::Rng rng_;
  sim::Distribution delay_s_;
  const Principals& principals_of_;
  std::vector<TargetService>& services_;
  std::size_t services_count_;
  std::vector<Principal> principals_;
  // granted_generation_[principal * services + service]: the generation holding the role (0: none)
  std::vector<std::uint32_t> granted_generation_;
  // assigned_[identity * services + service]: the identity holds the role (new instances get it)
  std::vector<bool> assigned_;
  std::vector<RoleChange> changes_;
  std::vector<Arrival> arrivals_;  // tag = slot; freed slots are reused
  std::vector<std::uint32_t> arrivals_free_;
  std::vector<std::uint64_t> arrivals_left_;  // per change: propagations still to arrive
  std::uint64_t version_next_ = 1;
};

}  // namespace models
