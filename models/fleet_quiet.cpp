// The aggregated half of Fleet (models/quiet_calls.h): per bucket, the quiet calls are drawn
// per entry and outcome, counted, and their token ages estimated from sampled quiet clients.
#include "models/fleet.h"
#include "models/world.h"

namespace models {

namespace {
// Token ages of a bucket's quiet calls are estimated from this many sampled calls
// (docs/models.md "Aggregated calls").
constexpr std::uint64_t kAgeSamplesMax = 16;
constexpr int kQuietPickTriesMax = 64;
}  // namespace

void Fleet::finish(sim::Ticks end) {
  if (aggregated_ && end > flushed_until_) flush_quiet(flushed_until_, end);
}

void Fleet::flush_quiet(sim::Ticks from, sim::Ticks to) {
  SIM_ASSERT(aggregated_ && from <= to);
  flushed_until_ = to;
  if (to == from) return;
  for (std::uint32_t entry = 0; entry < audiences_.size(); ++entry)
    for (int outcome = 0; outcome < kOutcomeCount; ++outcome)
      flush_quiet_slot(entry, static_cast<Outcome>(outcome), from, to);
}

void Fleet::flush_quiet_slot(std::uint32_t entry, Outcome outcome, sim::Ticks from, sim::Ticks to) {
  const sim::Ticks last = to - 1;  // the bucket [from, to) belongs to
  const auto slot = static_cast<std::uint32_t>(outcome);
  const std::uint64_t calls = quiet_.take(entry, slot, to, quiet_rng_);
  if (calls == 0) return;
  if (outcome == Outcome::ok) record_last_quiet_ok(entry, to, from);
  count_calls_started(calls);
  world_.count_calls_at(index_, outcome, calls, last);
  if (outcome == Outcome::no_token) return;  // never reached a service
  world_.service(audiences_[entry]).count_decided(outcome, calls, last);
  record_quiet_token_ages(entry, outcome, calls, from, to);
}

// The quiet calls so far were accepted; the last of them came an exponential gap before `now`.
void Fleet::record_last_quiet_ok(std::uint32_t entry, sim::Ticks now, sim::Ticks floor) {
  const auto ok = static_cast<std::uint32_t>(Outcome::ok);
  const double rate_per_s = quiet_.rate_per_s(entry, ok, now > 0 ? now - 1 : 0);
  if (rate_per_s <= 0) return;
  const sim::Ticks gap = sim::from_seconds(sim::sample_exponential(quiet_rng_, 1.0 / rate_per_s));
  const sim::Ticks at = now - 1 - gap;
  world_.service(audiences_[entry]).record_ok(config_.identity, at > floor ? at : floor);
}

void Fleet::record_quiet_token_ages(std::uint32_t entry, Outcome outcome, std::uint64_t calls,
                                    sim::Ticks from, sim::Ticks to) {
  const std::uint64_t samples = calls < kAgeSamplesMax ? calls : kAgeSamplesMax;
  LogHistogram& ages = world_.metrics().fleet(index_, to - 1).token_age;
  for (std::uint64_t i = 0; i < samples; ++i) {
    Client* client = pick_quiet_client(entry, outcome);
    if (client == nullptr) return;  // none left quiet at the bucket end: ages unknown
    const std::uint64_t count = calls / samples + (i < calls % samples ? 1 : 0);
    ages.add(client->quiet_token_age(entry, from, to, quiet_rng_), count);
  }
}

// A quiet client chosen with probability proportional to the instances it serves: rejection
// sampling first, then (when few are quiet) a scan from a random start.
Client* Fleet::pick_quiet_client(std::uint32_t entry, Outcome outcome) {
  const std::uint32_t clients = active_clients();
  if (clients == 0 || quiet_.instances(entry, static_cast<std::uint32_t>(outcome)) == 0)
    return nullptr;
  const std::uint32_t per_client =
      config_.client.cache == CacheScope::node ? config_.instances_per_node : 1;
  for (int i = 0; i < kQuietPickTriesMax; ++i) {
    const auto c = static_cast<std::uint32_t>(quiet_rng_.below(clients));
    Client& client = world_.client(first_client_ + c);
    if (!client.quiet_as(entry, outcome)) continue;
    if (per_client == 1 || quiet_rng_.below(per_client) < client_instances(c)) return &client;
  }
  const auto start = static_cast<std::uint32_t>(quiet_rng_.below(clients));
  for (std::uint32_t i = 0; i < clients; ++i) {
    Client& client = world_.client(first_client_ + (start + i) % clients);
    if (client.quiet_as(entry, outcome)) return &client;
  }
  return nullptr;
}

void Fleet::recheck_service(ServiceIndex service) {
  if (!aggregated_) return;
  const sim::Ticks now = world_.simulator().now();
  for (std::uint32_t entry = 0; entry < audiences_.size(); ++entry) {
    if (audiences_[entry] != service) continue;
    record_last_quiet_ok(entry, now, flushed_until_);
    for (std::uint32_t c = 0; c < active_clients(); ++c) world_.client(first_client_ + c).recheck(entry);
  }
}

void Fleet::recheck_client(ServiceIndex service, std::uint32_t c) {
  SIM_ASSERT(c < client_count());
  if (!aggregated_ || c >= active_clients()) return;
  const sim::Ticks now = world_.simulator().now();
  for (std::uint32_t entry = 0; entry < audiences_.size(); ++entry) {
    if (audiences_[entry] != service) continue;
    record_last_quiet_ok(entry, now, flushed_until_);
    world_.client(first_client_ + c).recheck(entry);
  }
}

}  // namespace models
