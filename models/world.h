#pragma once
// The composition root: builds every model from a WorldConfig, runs it to the horizon and
// audits the result. Faults and reports reach the models through this object's accessors.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/client.h"
#include "models/fetch_pool.h"
#include "models/fleet.h"
#include "models/iam.h"
#include "models/metadata_endpoint.h"
#include "models/metrics.h"
#include "models/principals.h"
#include "models/sts.h"
#include "models/target_service.h"
#include "models/world_config.h"
#include "sim/simulator.h"

namespace models {

struct Node {
  std::uint32_t fleet = 0;
  std::uint32_t zone = 0;
  sim::Ticks clock_skew = 0;  // local clock = true time + skew
};

// Counters the invariant audit checks at the end of the run.
struct Ledger {
  std::uint64_t calls_started = 0;
  std::uint64_t calls_resolved = 0;
  std::uint64_t calls_waiting_at_end = 0;
  std::uint64_t calls_lost_in_restart = 0;  // included in calls_resolved (as no_token)
  std::uint64_t tokens_accepted_expired = 0;  // must stay 0: a target accepted a token past exp
  std::uint64_t sts_requests_in_flight_at_end = 0;
};

class World final : public DecisionListener {
 public:
  explicit World(const WorldConfig& config);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Runs to the horizon (or until the simulator is stopped: then the run is incomplete and
  // not closed); an empty audit() means every invariant held.
  void run();
  std::vector<std::string> audit() const;

  const WorldConfig& config() const { return config_; }
  sim::Simulator& simulator() { return simulator_; }
  Metrics& metrics() { return metrics_; }
  const Metrics& metrics() const { return metrics_; }
  FetchPool& pool() { return pool_; }
  Sts& sts() { return *sts_; }
  Iam& iam() { return *iam_; }
  const Iam& iam() const { return *iam_; }
  MetadataEndpoint& endpoint(std::uint32_t node) { return *endpoints_[node]; }
  TargetService& service(std::uint32_t index) { return services_[index]; }
  Node& node(std::uint32_t index) { return nodes_[index]; }
  const Node& node(std::uint32_t index) const { return nodes_[index]; }
  std::size_t node_count() const { return nodes_.size(); }
  Fleet& fleet(std::uint32_t index) { return *fleets_[index]; }
  const Fleet& fleet(std::uint32_t index) const { return *fleets_[index]; }
  std::size_t fleet_count() const { return fleets_.size(); }
  Client& client(std::uint32_t index) { return *clients_[index]; }
  std::size_t client_count() const { return clients_.size(); }
  const std::vector<std::string>& zones() const { return zones_; }
  Ledger& ledger() { return ledger_; }
  const Ledger& ledger() const { return ledger_; }

  // Counts `calls` calls of a fleet with one outcome now (the one place outcomes are counted).
  void count_calls(std::uint32_t fleet, Outcome outcome, std::uint64_t calls) {
    count_calls_at(fleet, outcome, calls, simulator_.now());
  }
  // The same for calls made at `at` (≤ now): aggregated calls are counted at their bucket's end.
  void count_calls_at(std::uint32_t fleet, Outcome outcome, std::uint64_t calls, sim::Ticks at);
  // A fault moves a node's clock; aggregated clients there judge their tokens again.
  void shift_clock_skew(std::uint32_t node, sim::Ticks offset);
  void on_decisions_changed(ServiceIndex service, PrincipalIndex principal) override;
  const Principals& principals() const { return principals_; }
  // A client (world index) starts as a new instance, or stops: a system identity's object is
  // created or deleted with it (models/principals.h).
  void instance_started(std::uint32_t client);
  void instance_stopped(std::uint32_t client);

 private:
  WorldConfig config_;
  Principals principals_;
  sim::Simulator simulator_;
  Metrics metrics_;
  FetchPool pool_;
  Ledger ledger_;
  std::vector<std::string> zones_;
  std::vector<Node> nodes_;
  std::vector<TargetService> services_;
  std::unique_ptr<Iam> iam_;
  std::unique_ptr<Sts> sts_;
  std::vector<std::unique_ptr<MetadataEndpoint>> endpoints_;
  std::vector<std::unique_ptr<Fleet>> fleets_;
  std::vector<std::unique_ptr<Client>> clients_;
};

}  // namespace models
