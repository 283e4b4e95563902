#include "faults/injector.h"

#include <algorithm>

namespace faults {

using models::World;

void reserve_capacity(models::WorldConfig& world, const std::vector<FaultSpec>& faults) {
  for (const FaultSpec& f : faults) {
    if (f.kind != FaultKind::scale || !f.selector.fleet) continue;
    models::FleetConfig& fleet = world.fleets[*f.selector.fleet];
    const std::uint32_t nodes =
        (f.instances + fleet.instances_per_node - 1) / fleet.instances_per_node;
    fleet.nodes_capacity = std::max({fleet.nodes_capacity, fleet.nodes, nodes});
  }
}

std::vector<std::uint32_t> resolve_selector(const World& world, const Selector& selector,
                                            sim::Rng& rng) {
  const World& w = world;
  std::vector<std::uint32_t> nodes;
  for (std::uint32_t f = 0; f < w.fleet_count(); ++f) {
    if (selector.fleet && *selector.fleet != f) continue;
    const models::Fleet& fleet = w.fleet(f);
    for (std::uint32_t i = 0; i < fleet.nodes_capacity(); ++i) {
      const std::uint32_t node = fleet.first_node() + i;
      if (selector.zone && w.zones()[w.node(node).zone] != *selector.zone) continue;
      // Without a fleet, node ranges count over all nodes in fleet order.
      const std::uint32_t position = selector.fleet ? i : node;
      if (selector.nodes && (position < selector.nodes->first || position > selector.nodes->second))
        continue;
      nodes.push_back(node);
    }
  }
  if (selector.fraction && !nodes.empty()) {
    // A seeded partial shuffle keeps `fraction` of them (at least one), then restores order.
    const auto keep = std::max<std::size_t>(
        1, static_cast<std::size_t>(*selector.fraction * static_cast<double>(nodes.size()) + 0.5));
    for (std::size_t i = 0; i < keep; ++i)
      std::swap(nodes[i], nodes[i + rng.below(nodes.size() - i)]);
    nodes.resize(keep);
    std::sort(nodes.begin(), nodes.end());
  }
  return nodes;
}

FaultInjector::FaultInjector(World& world, std::vector<FaultSpec> faults, sim::Rng rng)
    : world_(world),
      faults_(std::move(faults)),
      windows_(faults_.size()),
      nodes_(faults_.size()),
      active_(faults_.size(), false),
      scale_before_(faults_.size(), 0) {
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    sim::Rng fault_rng = rng.child("fault/" + std::to_string(i));
    nodes_[i] = resolve_selector(world_, faults_[i].selector, fault_rng);
  }
}

void FaultInjector::arm() {
  const sim::Ticks horizon = world_.config().duration;
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const FaultSpec& f = faults_[i];
    SIM_ASSERT(f.at >= 0 && f.duration >= 0);
    FaultWindow& w = windows_[i];
    w.start = f.at;
    w.end = f.duration > 0 ? std::min(horizon, f.at + f.duration) : horizon;
    if (f.kind == FaultKind::restart) w.end = std::min(horizon, f.at + f.spread);
    if (f.kind == FaultKind::identity_delete && f.recreate_after >= 0)
      w.end = std::min(horizon, f.at + f.recreate_after);
    w.nodes = static_cast<std::uint32_t>(nodes_[i].size());
    if (f.at >= horizon) continue;
    world_.simulator().schedule_at(f.at, *this, i * 4 + kStart);
    const bool one_shot = f.kind == FaultKind::restart || f.kind == FaultKind::identity_delete;
    if (!one_shot && f.duration > 0 && f.at + f.duration < horizon)
      world_.simulator().schedule_at(f.at + f.duration, *this, i * 4 + kEnd);
    if (f.kind == FaultKind::identity_delete && f.recreate_after >= 0 &&
        f.at + f.recreate_after < horizon)
      world_.simulator().schedule_at(f.at + f.recreate_after, *this, i * 4 + kRecreate);
  }
}

void FaultInjector::on_event(std::uint64_t tag) {
  const std::size_t index = tag / 4;
  const FaultSpec& f = faults_[index];
  switch (static_cast<Phase>(tag % 4)) {
    case kStart: return start(index);
    case kEnd: return end(index);
    case kRecreate: world_.iam().recreate_identity(*f.identity, f.reassign_roles); return;
  }
}

bool FaultInjector::covers(std::size_t fault, std::uint32_t node) const {
  return std::binary_search(nodes_[fault].begin(), nodes_[fault].end(), node);
}

std::vector<std::uint32_t> FaultInjector::fleets_of(std::size_t fault) const {
  std::vector<std::uint32_t> fleets;
  for (std::uint32_t node : nodes_[fault]) {
    const std::uint32_t fleet = world_.node(node).fleet;
    if (fleets.empty() || fleets.back() != fleet) fleets.push_back(fleet);
  }
  return fleets;
}

void FaultInjector::start(std::size_t i) {
  const FaultSpec& f = faults_[i];
  active_[i] = true;
  switch (f.kind) {
    case FaultKind::imds_block:
      for (std::uint32_t n : nodes_[i]) world_.endpoint(n).block();
      return;
    case FaultKind::network_partition:
      for (std::uint32_t n : nodes_[i]) world_.endpoint(n).partition();
      return;
    case FaultKind::imds_throttle:
    case FaultKind::imds_latency:
      for (std::uint32_t n : nodes_[i]) refresh_endpoint(n);
      return;
    case FaultKind::sts_outage:
    case FaultKind::sts_latency:
    case FaultKind::sts_throttle: return refresh_sts();
    case FaultKind::identity_delete: world_.iam().delete_identity(*f.identity); return;
    case FaultKind::role_revoke: world_.iam().revoke(*f.identity, *f.service); return;
    case FaultKind::role_grant: world_.iam().grant(*f.identity, *f.service); return;
    case FaultKind::ttl_change:
      if (f.identity) return world_.sts().set_identity_ttl_override(*f.identity, f.ttl);
      ttl_stack_.push_back(f.ttl);
      return world_.sts().set_ttl_override(f.ttl);
    case FaultKind::clock_skew:
      for (std::uint32_t n : nodes_[i]) world_.shift_clock_skew(n, f.offset);
      return;
    case FaultKind::restart: world_.fleet(*f.selector.fleet).restart(f.fraction, f.spread); return;
    case FaultKind::scale: {
      models::Fleet& fleet = world_.fleet(*f.selector.fleet);
      scale_before_[i] = fleet.instances();
      return fleet.set_instances(f.instances);
    }
    case FaultKind::audience_mismatch:
      for (std::uint32_t fleet : fleets_of(i)) world_.fleet(fleet).begin_audience_mismatch();
      return;
    case FaultKind::issuer_mismatch:
      for (std::uint32_t s = 0; s < world_.config().services.size(); ++s)
        if (!f.service || *f.service == s)
          world_.service(s).set_trusted_issuer(world_.service(s).trusted_issuer() + 1);
      return;
  }
}

void FaultInjector::end(std::size_t i) {
  const FaultSpec& f = faults_[i];
  active_[i] = false;
  switch (f.kind) {
    case FaultKind::imds_block:
      for (std::uint32_t n : nodes_[i]) world_.endpoint(n).unblock();
      return;
    case FaultKind::network_partition:
      for (std::uint32_t n : nodes_[i]) world_.endpoint(n).heal();
      return;
    case FaultKind::imds_throttle:
    case FaultKind::imds_latency:
      for (std::uint32_t n : nodes_[i]) refresh_endpoint(n);
      return;
    case FaultKind::sts_outage:
    case FaultKind::sts_latency:
    case FaultKind::sts_throttle: return refresh_sts();
    case FaultKind::role_revoke: world_.iam().grant(*f.identity, *f.service); return;
    case FaultKind::role_grant: world_.iam().revoke(*f.identity, *f.service); return;
    case FaultKind::ttl_change:
      if (f.identity) return world_.sts().set_identity_ttl_override(*f.identity, 0);
      ttl_stack_.erase(std::find(ttl_stack_.begin(), ttl_stack_.end(), f.ttl));
      return world_.sts().set_ttl_override(ttl_stack_.empty() ? 0 : ttl_stack_.back());
    case FaultKind::clock_skew:
      for (std::uint32_t n : nodes_[i]) world_.shift_clock_skew(n, -f.offset);
      return;
    case FaultKind::scale: return world_.fleet(*f.selector.fleet).set_instances(scale_before_[i]);
    case FaultKind::audience_mismatch:
      for (std::uint32_t fleet : fleets_of(i)) world_.fleet(fleet).end_audience_mismatch();
      return;
    case FaultKind::issuer_mismatch:
      for (std::uint32_t s = 0; s < world_.config().services.size(); ++s)
        if (!f.service || *f.service == s)
          world_.service(s).set_trusted_issuer(world_.service(s).trusted_issuer() - 1);
      return;
    case FaultKind::identity_delete:
    case FaultKind::restart: return;  // one-shot
  }
}

void FaultInjector::refresh_sts() {
  double healthy = 1.0;
  sim::Ticks latency = 0;
  double rate = world_.sts().configured_rate_limit();
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    if (!active_[i]) continue;
    const FaultSpec& f = faults_[i];
    if (f.kind == FaultKind::sts_outage) healthy *= 1.0 - f.fraction;
    if (f.kind == FaultKind::sts_latency) latency += f.latency;
    if (f.kind == FaultKind::sts_throttle && (rate <= 0 || f.rate_per_s < rate)) rate = f.rate_per_s;
  }
  world_.sts().set_error_fraction(1.0 - healthy);
  world_.sts().set_extra_latency(latency);
  world_.sts().set_rate_limit(rate);
}

void FaultInjector::refresh_endpoint(std::uint32_t node) {
  models::MetadataEndpoint& endpoint = world_.endpoint(node);
  sim::Ticks latency = 0;
  double rate = endpoint.configured_rate_limit();
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    if (!active_[i] || !covers(i, node)) continue;
    const FaultSpec& f = faults_[i];
    if (f.kind == FaultKind::imds_latency) latency += f.latency;
    if (f.kind == FaultKind::imds_throttle && (rate <= 0 || f.rate_per_s < rate)) rate = f.rate_per_s;
  }
  endpoint.set_extra_latency(latency);
  endpoint.set_rate_limit(rate);
}

}  // namespace faults
