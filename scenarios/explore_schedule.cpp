#include "scenarios/explore_schedule.h"

#include <algorithm>
#include <cstdio>

#include "scenarios/explore_bounds.h"
#include "sim/assert.h"

namespace scenarios {

namespace {

using faults::FaultKind;
using faults::FaultSpec;
using Json = nlohmann::ordered_json;

std::string signed_duration(sim::Ticks t) {
  return t < 0 ? "-" + sim::format_duration(-t) : sim::format_duration(t);
}

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

std::string percent(double fraction) { return number(fraction * 100) + " %"; }

Json selector_json(const faults::Selector& s, const models::WorldConfig& w) {
  Json out = Json::object();
  if (s.fleet) out["fleet"] = w.fleets[*s.fleet].name;
  if (s.zone) out["zone"] = *s.zone;
  if (s.nodes) out["nodes"] = {s.nodes->first, s.nodes->second};
  if (s.fraction) out["fraction"] = *s.fraction;
  return out;
}

// Where a node selector acts, for people: "all nodes", "zone-a", "fleet web",
// "nodes 0-2 of web (3 of 6)".
std::string where(const faults::Selector& s, const models::WorldConfig& w) {
  if (s.fleet && s.nodes) {
    const auto [first, last] = *s.nodes;
    const std::string range = first == last ? "node " + std::to_string(first)
                                            : "nodes " + std::to_string(first) + "-" + std::to_string(last);
    return range + " of " + w.fleets[*s.fleet].name + " (" + std::to_string(last - first + 1) + " of " +
           std::to_string(w.fleets[*s.fleet].nodes) + ")";
  }
  if (s.fleet) return "fleet " + w.fleets[*s.fleet].name;
  if (s.zone) return *s.zone;
  return "all nodes";
}

// Where a fault acts, for its shape: the fleet, zone, identity or service, not the nodes.
std::string place(const FaultSpec& f, const models::WorldConfig& w) {
  if (f.identity && f.service)
    return w.identities[*f.identity].name + "/" + w.services[*f.service].name;
  if (f.identity) return w.identities[*f.identity].name;
  if (f.service) return w.services[*f.service].name;
  if (f.selector.fleet) return w.fleets[*f.selector.fleet].name;
  if (f.selector.zone) return *f.selector.zone;
  const bool anywhere = kind_params(f.kind).selects_nodes || f.kind == FaultKind::audience_mismatch ||
                        f.kind == FaultKind::issuer_mismatch || f.kind == FaultKind::ttl_change;
  return anywhere ? "all" : "";
}

std::string fault_story(const FaultSpec& f, const models::WorldConfig& w) {
  const std::string lasting = " for " + sim::format_duration(f.duration);
  const std::string at = where(f.selector, w);
  switch (f.kind) {
    case FaultKind::imds_block: return "IMDS blocked on " + at + lasting;
    case FaultKind::imds_throttle: return "IMDS throttled to " + number(f.rate_per_s) + "/s on " + at + lasting;
    case FaultKind::imds_latency: return "IMDS +" + sim::format_duration(f.latency) + " latency on " + at + lasting;
    case FaultKind::sts_outage:
      return "STS outage of " + sim::format_duration(f.duration) +
             (f.fraction < 1 ? " (" + percent(f.fraction) + " of requests)" : "");
    case FaultKind::sts_latency: return "STS +" + sim::format_duration(f.latency) + " latency" + lasting;
    case FaultKind::sts_throttle: return "STS throttled to " + number(f.rate_per_s) + "/s" + lasting;
    case FaultKind::network_partition: return at + " cut off from the STS" + lasting;
    case FaultKind::identity_delete:
      return "identity " + place(f, w) + " deleted" +
             (f.recreate_after >= 0 ? ", recreated " + sim::format_duration(f.recreate_after) + " later" +
                                          (f.reassign_roles ? " with its roles" : " without its roles")
                                    : "");
    case FaultKind::role_revoke: return "role " + place(f, w) + " revoked" + lasting;
    case FaultKind::role_grant: return "role " + place(f, w) + " granted" + lasting;
    case FaultKind::ttl_change:
      return "token TTL set to " + sim::format_duration(f.ttl) +
             (f.identity ? " for " + place(f, w) : std::string()) + lasting;
    case FaultKind::clock_skew: return "clocks of " + at + " jump " + signed_duration(f.offset) + lasting;
    case FaultKind::restart:
      return percent(f.fraction) + " of " + place(f, w) + " restarting within " + sim::format_duration(f.spread);
    case FaultKind::scale: return place(f, w) + " scaled to " + std::to_string(f.instances) + " instances" + lasting;
    case FaultKind::audience_mismatch: return "wrong audience asked by " + place(f, w) + lasting;
    case FaultKind::issuer_mismatch: return "issuer no longer trusted by " + place(f, w) + lasting;
  }
  return std::string(faults::to_string(f.kind));
}

sim::Ticks fault_end(const FaultSpec& f) {
  if (f.kind == FaultKind::restart) return f.at + f.spread;
  if (f.kind == FaultKind::identity_delete) return f.at + std::max<sim::Ticks>(f.recreate_after, 0);
  return f.at + f.duration;
}

void add_params(const FaultSpec& f, const models::WorldConfig& w, Json& out) {
  switch (f.kind) {
    case FaultKind::imds_throttle:
    case FaultKind::sts_throttle: out["rate_per_s"] = f.rate_per_s; break;
    case FaultKind::imds_latency:
    case FaultKind::sts_latency: out["latency"] = sim::format_duration(f.latency); break;
    case FaultKind::sts_outage: out["fraction"] = f.fraction; break;
    case FaultKind::identity_delete:
      out["identity"] = w.identities[*f.identity].name;
      if (f.recreate_after >= 0) out["recreate_after"] = sim::format_duration(f.recreate_after);
      out["reassign_roles"] = f.reassign_roles;
      break;
    case FaultKind::role_revoke:
    case FaultKind::role_grant:
      out["identity"] = w.identities[*f.identity].name;
      out["service"] = w.services[*f.service].name;
      break;
    case FaultKind::ttl_change:
      out["ttl"] = sim::format_duration(f.ttl);
      if (f.identity) out["identity"] = w.identities[*f.identity].name;
      break;
    case FaultKind::clock_skew: out["offset"] = signed_duration(f.offset); break;
    case FaultKind::restart:
      out["fleet"] = w.fleets[*f.selector.fleet].name;
      out["fraction"] = f.fraction;
      out["spread"] = sim::format_duration(f.spread);
      break;
    case FaultKind::scale:
      out["fleet"] = w.fleets[*f.selector.fleet].name;
      out["instances"] = f.instances;
      break;
    case FaultKind::issuer_mismatch:
      if (f.service) out["service"] = w.services[*f.service].name;
      break;
    default: break;
  }
}

}  // namespace

Json fault_to_json(const FaultSpec& f, const models::WorldConfig& w) {
  Json out = {{"kind", std::string(faults::to_string(f.kind))}, {"at", sim::format_duration(f.at)}};
  const KindParams k = kind_params(f.kind);
  if (k.lasts && f.duration > 0) out["duration"] = sim::format_duration(f.duration);
  if (k.selects_nodes || f.kind == FaultKind::audience_mismatch) {
    Json selector = selector_json(f.selector, w);
    if (!selector.empty()) out["selector"] = std::move(selector);
  }
  add_params(f, w, out);
  return out;
}

std::string run_name(const std::string& scenario_name, std::uint64_t seed) {
  const std::string suffix = "-explore-" + std::to_string(seed);
  constexpr std::size_t kNameMax = 64;  // docs/scenario-format.md
  return scenario_name.substr(0, kNameMax - suffix.size()) + suffix;
}

Json run_document(const Json& base, const std::string& name, std::uint64_t seed,
                  const Schedule& schedule, const models::WorldConfig& world, ScenarioFaults own) {
  Json doc = base;
  doc.erase("explore");
  doc["name"] = name;
  doc["seed"] = seed;
  Json list = Json::array();
  if (own == ScenarioFaults::kept && base.contains("faults")) list = base["faults"];
  SIM_ASSERT(list.is_array());
  for (const FaultSpec& f : schedule) list.push_back(fault_to_json(f, world));
  doc["faults"] = std::move(list);
  return doc;
}

std::string schedule_shape(const Schedule& schedule, const models::WorldConfig& world) {
  std::vector<std::string> parts;
  for (const FaultSpec& f : schedule) {
    const std::string at = place(f, world);
    parts.push_back(std::string(faults::to_string(f.kind)) + (at.empty() ? "" : "@" + at));
  }
  if (parts.empty()) return "(no fault)";
  std::sort(parts.begin(), parts.end());
  std::string shape;
  for (const std::string& p : parts) shape += (shape.empty() ? "" : " + ") + p;
  return shape;
}

std::string schedule_story(const Schedule& schedule, const models::WorldConfig& world) {
  if (schedule.empty()) return "no fault at all";
  std::vector<const FaultSpec*> order;
  for (const FaultSpec& f : schedule) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const FaultSpec* a, const FaultSpec* b) { return a->at < b->at; });
  std::string story;
  sim::Ticks latest_end = -1;
  for (const FaultSpec* f : order) {
    if (!story.empty()) story += f->at < latest_end ? " while " : ", then ";
    story += fault_story(*f, world);
    latest_end = std::max(latest_end, fault_end(*f));
  }
  return story;
}

}  // namespace scenarios
