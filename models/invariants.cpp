#include "models/invariants.h"

#include "models/world.h"

namespace models {

namespace {

std::string str(std::uint64_t n) { return std::to_string(n); }

std::uint64_t answered(const StsBucket& b) { return b.issued + b.failed + b.throttled + b.rejected; }

}  // namespace

InvariantChecker::InvariantChecker(World& world) : world_(world) {}

void InvariantChecker::after_event(const sim::DispatchInfo& info) {
  if (violation_) return;
  std::string broken = check(info);
  if (broken.empty()) return;
  violation_ = Violation{info.at, info.sequence, std::move(broken)};
  world_.simulator().stop();
}

std::string InvariantChecker::check(const sim::DispatchInfo& info) {
  ++events_checked_;
  std::string broken = check_clock(info);
  if (broken.empty()) broken = check_calls();
  if (broken.empty()) broken = check_sts();
  if (broken.empty()) broken = check_queues();
  if (broken.empty()) broken = check_tokens();
  return broken;
}

// Simulated time only moves forward, stays within the run, and is the kernel's own clock.
std::string InvariantChecker::check_clock(const sim::DispatchInfo& info) {
  const sim::Ticks now = world_.simulator().now();
  std::string broken;
  if (info.at < last_at_)
    broken = "clock: an event at " + sim::format_duration(info.at) + " after one at " +
             sim::format_duration(last_at_);
  else if (info.at != now)
    broken = "clock: the event is at " + sim::format_duration(info.at) + " but now() is " +
             sim::format_duration(now);
  else if (now > world_.config().duration)
    broken = "clock: " + sim::format_duration(now) + " is past the horizon";
  else if (info.at == last_at_ && info.sequence <= last_event_)
    broken = "clock: at " + sim::format_duration(info.at) + " event sequence " + str(info.sequence) +
             " ran after " + str(last_event_) + " (same-time events run in insertion order)";
  last_at_ = info.at;
  last_event_ = info.sequence;
  return broken;
}

// Every call started has exactly one outcome or is waiting on a fetch, now.
std::string InvariantChecker::check_calls() const {
  const Ledger& l = world_.ledger();
  std::uint64_t started_by_fleets = 0;
  for (std::uint32_t f = 0; f < world_.fleet_count(); ++f) started_by_fleets += world_.fleet(f).calls_started();
  if (started_by_fleets != l.calls_started)
    return "calls: the fleets started " + str(started_by_fleets) + ", the ledger says " + str(l.calls_started);
  std::uint64_t waiting = 0;
  for (std::uint32_t c = 0; c < world_.client_count(); ++c) waiting += world_.client(c).calls_waiting();
  if (l.calls_started != l.calls_resolved + waiting)
    return "calls: " + str(l.calls_started) + " started != " + str(l.calls_resolved) +
           " resolved + " + str(waiting) + " waiting";
  return "";
}

InvariantChecker::StsTotals InvariantChecker::sts_totals() {
  const Metrics& m = world_.metrics();
  const std::size_t open = m.bucket_of(world_.simulator().now());
  for (; open_bucket_ < open; ++open_bucket_) {
    closed_.requests += m.sts_at(open_bucket_).requests;
    closed_.answered += answered(m.sts_at(open_bucket_));
  }
  return StsTotals{closed_.requests + m.sts_at(open).requests,
                   closed_.answered + answered(m.sts_at(open))};
}

// Every request that reached the STS was answered, or is queued, or is being served.
std::string InvariantChecker::check_sts() {
  const StsTotals t = sts_totals();
  const Sts& sts = world_.sts();
  const std::uint64_t inside = sts.queue_length() + sts.busy();
  if (t.requests != t.answered + inside)
    return "sts: " + str(t.requests) + " requests != " + str(t.answered) + " answered + " +
           str(sts.queue_length()) + " queued + " + str(sts.busy()) + " in service";
  return "";
}

// Every queue and counter within its bounds (an unsigned count gone "negative" wraps far
// beyond them).
std::string InvariantChecker::check_queues() const {
  const WorldConfig& config = world_.config();
  const Sts& sts = world_.sts();
  if (sts.queue_length() > config.sts.queue_max)
    return "queues: the STS queue holds " + str(sts.queue_length()) + " > queue_max " + str(config.sts.queue_max);
  const std::uint32_t servers_max =
      config.sts.autoscale.enabled ? config.sts.autoscale.servers_max : config.sts.servers;
  if (sts.busy() > servers_max || sts.servers() > servers_max)
    return "queues: the STS has " + str(sts.busy()) + " busy of " + str(sts.servers()) +
           " servers, more than the " + str(servers_max) + " it may have";
  const std::size_t in_flight = world_.pool().in_flight();
  if (sts.queue_length() + sts.busy() > in_flight)
    return "queues: " + str(sts.queue_length() + sts.busy()) + " requests inside the STS but only " +
           str(in_flight) + " token requests in flight";
  std::uint64_t endpoint_slots = 0;
  for (std::uint32_t n = 0; n < world_.node_count(); ++n) {
    const std::uint32_t held = world_.endpoint(n).in_flight();
    if (config.endpoint.concurrency_max > 0 && held > config.endpoint.concurrency_max)
      return "queues: node " + str(n) + "'s endpoint holds " + str(held) + " requests > concurrency_max " +
             str(config.endpoint.concurrency_max);
    endpoint_slots += held;
  }
  if (endpoint_slots > in_flight)
    return "queues: endpoints hold " + str(endpoint_slots) + " requests but only " + str(in_flight) +
           " token requests are in flight";
  for (std::uint32_t f = 0; f < world_.fleet_count(); ++f)
    if (world_.fleet(f).instances() > world_.fleet(f).instances_capacity())
      return "queues: fleet " + world_.fleet(f).config().name + " runs " + str(world_.fleet(f).instances()) +
             " instances > its capacity " + str(world_.fleet(f).instances_capacity());
  return "";
}

// No target accepted a token past exp + its skew tolerance, and only a fleet whose client keeps
// expired tokens on purpose (static stability) used one.
std::string InvariantChecker::check_tokens() const {
  const Ledger& l = world_.ledger();
  if (l.tokens_accepted_expired != 0)
    return "tokens: " + str(l.tokens_accepted_expired) + " calls accepted a token after exp + tolerance";
  const sim::Ticks now = world_.simulator().now();
  for (std::uint32_t f = 0; f < world_.fleet_count(); ++f) {
    const Fleet& fleet = world_.fleet(f);
    if (fleet.config().client.static_stability.enabled) continue;
    const std::uint64_t uses =
        world_.metrics().fleet_at(f, world_.metrics().bucket_of(now)).static_stability_uses;
    if (uses != 0)
      return "tokens: fleet " + fleet.config().name + " served " + str(uses) +
             " calls with an expired token without static stability";
  }
  return "";
}

}  // namespace models
