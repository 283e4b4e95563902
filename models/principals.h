#pragma once
// Who a token is for. A `user` identity is one principal shared by every fleet that uses it; a
// `system` identity is one principal per client — per instance, or per node when the client
// cache is node-scoped (the node agent's identity) — created and deleted with it (MODEL.md §2).
// IAM, the STS, endpoint caches and targets key their state by principal; reports, TTLs and
// faults name identities.
#include <cstdint>
#include <vector>

#include "models/token.h"
#include "models/world_config.h"

namespace models {

// Clients a fleet builds: one per instance slot, or one per node with a node-scoped cache.
std::uint32_t fleet_client_slots(const FleetConfig& fleet);
// Of those, the ones running at t = 0.
std::uint32_t fleet_clients_at_start(const FleetConfig& fleet);

class Principals {
 public:
  // Principals beyond this are refused by the scenario validator (10^7 instances' worth).
  static constexpr std::size_t kPrincipalsMax = std::size_t{1} << 24;

  explicit Principals(const WorldConfig& config);
  // The count the constructor would build, computed without building (for the validator).
  static std::uint64_t count_for(const WorldConfig& config);

  std::size_t count() const { return identity_of_.size(); }
  IdentityIndex identity_of(PrincipalIndex principal) const { return identity_of_[principal]; }
  // Identity `i` owns principals [first_of(i), first_of(i) + count_of(i)).
  PrincipalIndex first_of(IdentityIndex identity) const { return first_[identity]; }
  std::uint32_t count_of(IdentityIndex identity) const { return count_[identity]; }
  // The principal of client `c` (0-based within the fleet).
  PrincipalIndex of_client(std::uint32_t fleet, std::uint32_t c) const;
  // True when each client of the fleet has a principal of its own (a system identity).
  bool per_client(std::uint32_t fleet) const { return per_client_[fleet]; }
  // Whether the principal's client runs at t = 0 (always true for user identities).
  bool alive_at_start(PrincipalIndex principal) const { return alive_at_start_[principal]; }

 private:
  std::vector<PrincipalIndex> first_;       // per identity
  std::vector<std::uint32_t> count_;        // per identity
  std::vector<PrincipalIndex> fleet_first_;  // per fleet: its first client's principal
  std::vector<bool> per_client_;            // per fleet
  std::vector<IdentityIndex> identity_of_;  // per principal
  std::vector<bool> alive_at_start_;        // per principal
};

}  // namespace models
