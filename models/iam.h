#pragma once
// The IAM control plane: identities (with generations) and role assignments. Every change
// reaches each target service after its own sampled propagation delay.
#include <cstdint>
#include <vector>

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
  std::uint64_t version = 0;
  sim::Ticks propagated_at = -1;     // the last service's view reflected it (-1: not yet)
};

class Iam final : public sim::EventHandler {
 public:
  Iam(sim::Simulator& simulator, sim::Rng rng, const WorldConfig& config,
      std::vector<TargetService>& services);

  bool exists(IdentityIndex identity) const { return identities_[identity].exists; }
  std::uint32_t generation(IdentityIndex identity) const {
    return identities_[identity].generation;
  }
  // The control plane's truth now: does this generation of the identity hold a role there?
  bool granted(IdentityIndex identity, std::uint32_t generation, ServiceIndex service) const;
  std::size_t identity_count() const { return identities_.size(); }

  // Hooks the faults turn. Each returns the change's index in changes().
  std::size_t revoke(IdentityIndex identity, ServiceIndex service);
  std::size_t grant(IdentityIndex identity, ServiceIndex service);
  std::size_t delete_identity(IdentityIndex identity);
  // A new object: generation + 1. With reassign_roles, the old generation's grants are
  // copied to the new one; without, it holds none.
  std::size_t recreate_identity(IdentityIndex identity, bool reassign_roles);

  const std::vector<RoleChange>& changes() const { return changes_; }
  void on_event(std::uint64_t tag) override;

 private:
  struct Identity {
    std::uint32_t generation = 1;
    bool exists = true;
  };
  struct Arrival {
    std::size_t change;
    ServiceIndex service;
    bool exists;
    std::uint32_t generation;
    std::uint32_t granted_generation;
  };

  std::size_t record(RoleChange change, bool all_services);
  void propagate(std::size_t change, ServiceIndex service);

  sim::Simulator& simulator_;
  sim::Rng rng_;
  sim::Distribution delay_s_;
  std::vector<TargetService>& services_;
  std::vector<Identity> identities_;
  // granted_generation_[identity * services + service]: the generation holding the role (0: none)
  std::vector<std::uint32_t> granted_generation_;
  std::vector<RoleChange> changes_;
  std::vector<Arrival> arrivals_;  // tag = index; bounded by kChangesMax × services
  std::vector<std::uint32_t> arrivals_left_;  // per change: services still to reach
  std::uint64_t version_next_ = 1;
};

}  // namespace models
