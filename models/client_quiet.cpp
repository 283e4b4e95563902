// The aggregated half of Client (models/quiet_calls.h): deciding when an entry is quiet, and
// the entry's own stream of exact calls while it is active.
#include "models/client.h"
#include "models/world.h"

namespace models {

namespace {
constexpr std::uint32_t kStreamCall = 0;
constexpr std::uint32_t kStreamQuietEnd = 1;
}  // namespace

// A call now would be served with the cached token and change nothing (mirrors call_exact).
bool Client::inert(const Entry& e) const {
  if (policy_.cache == CacheScope::none || !usable(e)) return false;
  const sim::Ticks local = local_now();
  if (local < e.refresh_at) return true;              // before the refresh window
  if (e.fetching) return !policy_.refresh.blocking;   // in it, a fetch runs; blocking calls wait
  return local < e.no_refresh_before;                 // in it, backing off: no fetch starts
}

// What every call of the entry would get now, if calls change nothing: a cached token judged
// by the target (unless a 401 makes the client drop it), or no token while backing off.
std::optional<Outcome> Client::quiet_outcome(const Entry& e) const {
  if (instances_ == 0 || policy_.cache == CacheScope::none) return std::nullopt;
  if (inert(e)) {
    const Outcome outcome = world_.service(e.audience).judge(e.token);
    if (outcome == Outcome::unauthorized && policy_.invalidate_on_401) return std::nullopt;
    return outcome;
  }
  const sim::Ticks local = local_now();
  if (usable(e) || e.fetching || local >= e.no_refresh_before || policy_.secret_fallback)
    return std::nullopt;
  if (policy_.static_stability.enabled && e.token.present() && local < e.extended_until)
    return std::nullopt;  // served with the kept token: counted per call
  return Outcome::no_token;
}

// The first true time at which the quiet outcome could change without an event of this
// client: the refresh window opening, the backoff ending, the token turning unusable for the
// client, or too old for the target.
sim::Ticks Client::quiet_until(const Entry& e) const {
  const sim::Ticks skew = world_.node(placement_.node).clock_skew;
  if (e.quiet_outcome == Outcome::no_token) return e.no_refresh_before - skew;
  const sim::Ticks local = local_now();
  sim::Ticks until_local = e.exp_local - policy_.refresh.expiry_buffer;
  // A proactive client's refresh event at the window's opening judges the entry again itself.
  const bool refresh_event_then = policy_.refresh.mode == RefreshMode::proactive &&
                                  e.refresh_event.at == e.refresh_at - skew;
  if (local < e.refresh_at) {
    if (e.refresh_at < until_local && !refresh_event_then) until_local = e.refresh_at;
  } else if (!e.fetching && e.no_refresh_before < until_local) {
    until_local = e.no_refresh_before;
  }
  const sim::Ticks until = until_local - skew;
  // The target refuses the token from exp + tolerance on (true time): a change if still ahead.
  const sim::Ticks rejected = e.token.exp + world_.service(e.audience).config().skew_tolerance + 1;
  return rejected > world_.simulator().now() && rejected < until ? rejected : until;
}

void Client::update_quiet(std::uint32_t entry) {
  if (!world_.fleet(placement_.fleet).aggregated()) return;
  Entry& e = entries_[entry];
  sim::Simulator& simulator = world_.simulator();
  const sim::Ticks now = simulator.now();
  const std::optional<Outcome> outcome = quiet_outcome(e);
  if (!outcome) {
    leave_quiet(entry);
    if (instances_ > 0 && !e.call_event) start_stream(entry);
    return;
  }
  if (e.quiet && e.quiet_outcome != *outcome) leave_quiet(entry);
  if (!e.quiet) {
    simulator.cancel(e.call_event);
    e.call_event = sim::EventId{};
    world_.fleet(placement_.fleet).quiet().enter(entry, static_cast<std::uint32_t>(*outcome),
                                                 instances_, now);
    e.quiet = true;
    e.quiet_outcome = *outcome;
    e.quiet_since = now;
  }
  const sim::Ticks until = quiet_until(e);
  SIM_ASSERT_MSG(until > now, "a quiet spell must last");
  if (e.quiet_check_at >= 0 && e.quiet_check_at <= until) return;  // a check comes in time
  e.quiet_check_at = until;
  if (until == e.quiet_check_latest) return;  // a stale check already waits there: rely on it
  if (until > e.quiet_check_latest) e.quiet_check_latest = until;
  simulator.schedule_at(until, *this, tag(kStream, entry, kStreamQuietEnd));
}

void Client::leave_quiet(std::uint32_t entry) {
  Entry& e = entries_[entry];
  if (!e.quiet) return;
  world_.fleet(placement_.fleet).quiet().leave(entry, static_cast<std::uint32_t>(e.quiet_outcome),
                                               instances_, world_.simulator().now());
  e.quiet = false;
  e.quiet_check_at = -1;  // the pending check, if any, is stale now
}

// Exact calls of an active entry: a Poisson stream at the entry's rate times the instances
// served, thinned by the daily profile. Memoryless, so it may start at any moment.
void Client::start_stream(std::uint32_t entry) {
  Entry& e = entries_[entry];
  SIM_ASSERT(!e.quiet && !e.call_event);
  const Fleet& fleet = world_.fleet(placement_.fleet);
  const double rate_per_s = fleet.entry_rate_per_s(entry) * instances_ * fleet.profile().peak();
  if (rate_per_s <= 0) return;
  const sim::Ticks gap = sim::from_seconds(sim::sample_exponential(rng_, 1.0 / rate_per_s));
  e.call_event = world_.simulator().schedule_after(gap, *this, tag(kStream, entry, kStreamCall));
}

void Client::on_stream_call(std::uint32_t entry) {
  Entry& e = entries_[entry];
  e.call_event = sim::EventId{};
  Fleet& fleet = world_.fleet(placement_.fleet);
  const DailyProfile& profile = fleet.profile();
  const bool happens =
      profile.flat() || rng_.uniform01() * profile.peak() < profile.at(world_.simulator().now());
  if (happens) {
    fleet.count_calls_started(1);
    call(entry);  // ends with update_quiet, which may make the entry quiet
  }
  if (!e.quiet && instances_ > 0 && !e.call_event) start_stream(entry);
}

void Client::set_instances(std::uint32_t instances) {
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    leave_quiet(i);
    world_.simulator().cancel(entries_[i].call_event);
    entries_[i].call_event = sim::EventId{};
  }
  instances_ = instances;
  for (std::uint32_t i = 0; i < entries_.size(); ++i) update_quiet(i);
}

void Client::recheck_all() {
  for (std::uint32_t i = 0; i < entries_.size(); ++i) update_quiet(i);
}

sim::Ticks Client::quiet_token_age(std::uint32_t entry, sim::Ticks from, sim::Ticks to,
                                   sim::Rng& rng) const {
  const Entry& e = entries_[entry];
  SIM_ASSERT(e.quiet && e.token.present());
  sim::Ticks low = from > e.quiet_since ? from : e.quiet_since;
  if (e.token.iat > low) low = e.token.iat;  // renewed in the span: judge the current token
  if (low >= to) return to - 1 - e.token.iat > 0 ? to - 1 - e.token.iat : 0;
  const sim::Ticks at = low + static_cast<sim::Ticks>(rng.below(static_cast<std::uint64_t>(to - low)));
  return at - e.token.iat > 0 ? at - e.token.iat : 0;
}

}  // namespace models
