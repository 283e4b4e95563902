#include "models/principals.h"

#include "sim/assert.h"

namespace models {

std::uint32_t fleet_client_slots(const FleetConfig& fleet) {
  const std::uint32_t nodes = fleet.nodes_capacity > fleet.nodes ? fleet.nodes_capacity : fleet.nodes;
  const std::uint64_t slots = fleet.client.cache == CacheScope::node
                                  ? nodes
                                  : std::uint64_t{nodes} * fleet.instances_per_node;
  SIM_ASSERT_MSG(slots <= 0xffff'ffffu, "a fleet's clients beyond 32 bits");
  return static_cast<std::uint32_t>(slots);
}

std::uint32_t fleet_clients_at_start(const FleetConfig& fleet) {
  return fleet.client.cache == CacheScope::node ? fleet.nodes
                                                : fleet.nodes * fleet.instances_per_node;
}

std::uint64_t Principals::count_for(const WorldConfig& config) {
  std::uint64_t count = 0;
  for (const IdentityConfig& identity : config.identities) count += identity.user_assigned ? 1 : 0;
  for (const FleetConfig& fleet : config.fleets)
    if (fleet.identity < config.identities.size() && !config.identities[fleet.identity].user_assigned)
      count += fleet_client_slots(fleet);
  return count;
}

Principals::Principals(const WorldConfig& config)
    : first_(config.identities.size(), 0),
      count_(config.identities.size(), 0),
      fleet_first_(config.fleets.size(), 0),
      per_client_(config.fleets.size(), false) {
  // Per identity, in order: one principal for a user identity; for a system identity, a block
  // per fleet using it, in fleet order.
  for (IdentityIndex i = 0; i < config.identities.size(); ++i) {
    first_[i] = static_cast<PrincipalIndex>(identity_of_.size());
    if (config.identities[i].user_assigned) {
      identity_of_.push_back(i);
      alive_at_start_.push_back(true);
    }
    for (std::uint32_t f = 0; f < config.fleets.size(); ++f) {
      const FleetConfig& fleet = config.fleets[f];
      if (fleet.identity != i) continue;
      if (config.identities[i].user_assigned) {
        fleet_first_[f] = first_[i];
        continue;
      }
      per_client_[f] = true;
      fleet_first_[f] = static_cast<PrincipalIndex>(identity_of_.size());
      const std::uint32_t slots = fleet_client_slots(fleet);
      const std::uint32_t alive = fleet_clients_at_start(fleet);
      for (std::uint32_t c = 0; c < slots; ++c) {
        identity_of_.push_back(i);
        alive_at_start_.push_back(c < alive);
      }
      SIM_ASSERT_MSG(identity_of_.size() <= kPrincipalsMax, "principals over the limit");
    }
    count_[i] = static_cast<std::uint32_t>(identity_of_.size() - first_[i]);
  }
}

PrincipalIndex Principals::of_client(std::uint32_t fleet, std::uint32_t c) const {
  SIM_ASSERT(fleet < fleet_first_.size());
  return per_client_[fleet] ? fleet_first_[fleet] + c : fleet_first_[fleet];
}

}  // namespace models
