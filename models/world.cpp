#include "models/world.h"

#include <algorithm>

#include "models/trace_kinds.h"

namespace models {

World::World(const WorldConfig& config)
    : config_(config),
      principals_(config_),
      metrics_(config.fleets.size(), config.duration, config.bucket),
      pool_(FetchPool::kRecordsMax) {
  const sim::RandomStreams streams(config_.seed);
  for (std::size_t s = 0; s < config_.services.size(); ++s)
    services_.emplace_back(simulator_, metrics_, static_cast<ServiceIndex>(s), config_.services[s],
                           config_.identities.size(), principals_.count());
  iam_ = std::make_unique<Iam>(simulator_, streams.stream("iam"), config_, principals_, services_);
  sts_ = std::make_unique<Sts>(*this, config_.sts, streams.stream("sts"));
  std::uint32_t client_index = 0;
  for (std::uint32_t f = 0; f < config_.fleets.size(); ++f) {
    const FleetConfig& fc = config_.fleets[f];
    const sim::Rng fleet_rng = streams.stream("fleet/" + fc.name);
    auto zone = std::find(zones_.begin(), zones_.end(), fc.zone);
    if (zone == zones_.end()) zone = zones_.insert(zones_.end(), fc.zone);
    const auto first_node = static_cast<std::uint32_t>(nodes_.size());
    const std::uint32_t nodes = fc.nodes_capacity > fc.nodes ? fc.nodes_capacity : fc.nodes;
    for (std::uint32_t n = 0; n < nodes; ++n) {
      nodes_.push_back(Node{f, static_cast<std::uint32_t>(zone - zones_.begin()), fc.clock_skew});
      endpoints_.push_back(std::make_unique<MetadataEndpoint>(
          *this, config_.endpoint, first_node + n,
          fleet_rng.child("endpoint/" + std::to_string(n))));
    }
    fleets_.push_back(std::make_unique<Fleet>(*this, f, fc, first_node, client_index,
                                              fleet_rng.child("calls")));
    const Fleet& fleet = *fleets_.back();
    for (std::uint32_t c = 0; c < fleet.client_count(); ++c) {
      const std::uint32_t node =
          first_node + (fc.client.cache == CacheScope::node ? c : c / fc.instances_per_node);
      clients_.push_back(std::make_unique<Client>(
          *this, fleets_.back()->config().client,
          Client::Placement{f, node, fc.identity, principals_.of_client(f, c)},
          fleet.audiences(), fleet_rng.child("client/" + std::to_string(c))));
    }
    client_index += fleet.client_count();
  }
}

void World::count_calls_at(std::uint32_t fleet, Outcome outcome, std::uint64_t calls,
                           sim::Ticks at) {
  SIM_ASSERT(at <= simulator_.now());
  if (calls == 0) return;
  simulator_.emit(sim::TraceRecord{at, kTraceCallOutcome,
                                   (std::uint64_t{fleet} << 8) | static_cast<std::uint8_t>(outcome),
                                   static_cast<std::int64_t>(calls)});
  metrics_.fleet(fleet, at).calls[static_cast<std::size_t>(outcome)] += calls;
  ledger_.calls_resolved += calls;
}

void World::shift_clock_skew(std::uint32_t node, sim::Ticks offset) {
  nodes_[node].clock_skew += offset;
  const Fleet& fleet = *fleets_[nodes_[node].fleet];
  if (!fleet.aggregated()) return;
  const auto [first, last] = fleet.clients_of_node(node);
  for (std::uint32_t c = first; c < last; ++c) clients_[c]->recheck_all();
}

void World::on_decisions_changed(ServiceIndex service, PrincipalIndex principal) {
  // A system identity's object belongs to one client: judge only that one again.
  if (principal != kEveryPrincipal) {
    const IdentityIndex identity = principals_.identity_of(principal);
    if (!config_.identities[identity].user_assigned) {
      for (std::uint32_t f = 0; f < fleets_.size(); ++f) {
        if (config_.fleets[f].identity != identity) continue;
        const PrincipalIndex first = principals_.of_client(f, 0);
        if (principal < first || principal >= first + fleets_[f]->client_count()) continue;
        return fleets_[f]->recheck_client(service, principal - first);
      }
      return;
    }
  }
  for (auto& fleet : fleets_) fleet->recheck_service(service);
}

void World::instance_started(std::uint32_t client) {
  const Client::Placement& at = clients_[client]->placement();
  if (principals_.per_client(at.fleet)) iam_->create_instance_object(at.principal);
}

void World::instance_stopped(std::uint32_t client) {
  const Client::Placement& at = clients_[client]->placement();
  if (principals_.per_client(at.fleet)) iam_->delete_instance_object(at.principal);
}

void World::run() {
  sim::set_failure_context("scenario '" + config_.name + "' --seed " +
                           std::to_string(config_.seed));
  sts_->start();
  for (TargetService& s : services_) s.start();
  for (TargetService& s : services_) s.set_listener(this);
  for (auto& fleet : fleets_) fleet->start();
  if (!simulator_.run_until(config_.duration)) return;  // stopped early: nothing to close
  for (auto& fleet : fleets_) fleet->finish(config_.duration);
  sts_->finish(config_.duration);
  ledger_.calls_waiting_at_end = 0;
  for (const auto& c : clients_) ledger_.calls_waiting_at_end += c->calls_waiting();
  ledger_.sts_requests_in_flight_at_end = pool_.in_flight();
}

}  // namespace models
