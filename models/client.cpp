#include "models/client.h"

#include "models/world.h"

namespace models {

namespace {
constexpr std::uint32_t kSerialMask = (1u << 26) - 1;
// A proactive client whose refresh failed and whose policy sets no failure backoff tries
// again after this long (idsim choice, docs/models.md).
constexpr sim::Ticks kProactiveRetryGap = sim::seconds(10);
}  // namespace

Client::Client(World& world, const ClientPolicy& policy, Placement placement,
               const std::vector<ServiceIndex>& audiences, sim::Rng rng)
    : world_(world), policy_(policy), placement_(placement), rng_(rng) {
  SIM_ASSERT(audiences.size() < 256);
  SIM_ASSERT(!audiences.empty());
  if (audiences.size() <= inline_entries_.size()) {
    entries_ = std::span<Entry>(inline_entries_.data(), audiences.size());
  } else {
    heap_entries_.resize(audiences.size());
    entries_ = heap_entries_;
  }
  for (std::size_t i = 0; i < audiences.size(); ++i) entries_[i].audience = audiences[i];
}

sim::Ticks Client::local_now() const {
  return world_.simulator().now() + world_.node(placement_.node).clock_skew;
}

bool Client::usable(const Entry& e) const {
  return e.token.present() && local_now() < e.exp_local - policy_.refresh.expiry_buffer;
}

bool Client::in_refresh_window(const Entry& e) const {
  return usable(e) && local_now() >= e.refresh_at;
}

sim::Ticks Client::draw(sim::Ticks low, sim::Ticks high) {
  SIM_ASSERT(low <= high);
  if (low == high) return low;
  return low + static_cast<sim::Ticks>(rng_.below(static_cast<std::uint64_t>(high - low)));
}

std::uint32_t Client::calls_waiting() const {
  std::uint32_t n = 0;
  for (const Entry& e : entries_) n += e.waiting_calls;
  return n;
}

// ---- calls -------------------------------------------------------------------------------

void Client::call(std::uint32_t entry) {
  call_exact(entry);
  update_quiet(entry);
}

void Client::call_exact(std::uint32_t entry) {
  SIM_ASSERT(entry < entries_.size());
  Entry& e = entries_[entry];
  const sim::Ticks local = local_now();
  if (policy_.cache == CacheScope::none) {  // the anti-pattern: every call fetches
    ++e.waiting_calls;
    if (!e.fetching) start_fetch(entry);
    else send_extra_request(entry);
    return;
  }
  if (usable(e)) {
    const bool window = in_refresh_window(e);
    if (window && !e.fetching && local >= e.no_refresh_before) start_fetch(entry);
    if (window && e.fetching && policy_.refresh.blocking) {
      ++e.waiting_calls;
      if (!policy_.single_flight) send_extra_request(entry);
      return;
    }
    return serve_with_token(e, 1);
  }
  if (policy_.static_stability.enabled && e.token.present() && local < e.extended_until) {
    if (!e.fetching && local >= e.no_refresh_before) start_fetch(entry);
    world_.metrics().fleet(placement_.fleet, world_.simulator().now()).static_stability_uses += 1;
    return serve_with_token(e, 1);
  }
  if (!e.fetching && local < e.no_refresh_before) return count_use(e, Outcome::no_token, 1);
  if (!e.fetching) start_fetch(entry);
  else if (!policy_.single_flight) send_extra_request(entry);
  ++e.waiting_calls;
}

void Client::serve_with_token(Entry& e, std::uint64_t calls) {
  const sim::Ticks now = world_.simulator().now();
  TargetService& target = world_.service(e.audience);
  const Outcome outcome = target.decide(e.token, calls);
  if (outcome == Outcome::ok) {
    target.record_ok(e.token.identity, now);
    // Both sides of the invariant: the target must never accept a token past exp + tolerance.
    if (now > e.token.exp + target.config().skew_tolerance)
      world_.ledger().tokens_accepted_expired += calls;
  }
  world_.metrics().fleet(placement_.fleet, now).token_age.add(
      now - e.token.iat < 0 ? 0 : now - e.token.iat, calls);
  world_.count_calls(placement_.fleet, outcome, calls);
  if (outcome == Outcome::unauthorized && policy_.invalidate_on_401) {
    world_.simulator().cancel(e.refresh_event);
    e.token = Token{};
    e.extended_until = -1;
  }
}

// Counts calls that could not use a token: the static secret saves them when allowed.
void Client::count_use(Entry&, Outcome outcome, std::uint64_t calls) {
  if (outcome == Outcome::no_token && policy_.secret_fallback) {
    world_.metrics().fleet(placement_.fleet, world_.simulator().now()).secret_fallback_uses +=
        calls;
    return world_.count_calls(placement_.fleet, Outcome::ok, calls);
  }
  world_.count_calls(placement_.fleet, outcome, calls);
}

void Client::resolve_waiting(Entry& e, bool fetched) {
  const std::uint32_t calls = e.waiting_calls;
  e.waiting_calls = 0;
  if (calls == 0) return;
  if (fetched || usable(e)) return serve_with_token(e, calls);
  if (policy_.static_stability.enabled && e.token.present() && local_now() < e.extended_until) {
    world_.metrics().fleet(placement_.fleet, world_.simulator().now()).static_stability_uses +=
        calls;
    return serve_with_token(e, calls);
  }
  count_use(e, Outcome::no_token, calls);
}

// ---- fetches -----------------------------------------------------------------------------

void Client::start_fetch(std::uint32_t entry) {
  Entry& e = entries_[entry];
  SIM_ASSERT(!e.fetching);
  e.fetching = true;
  e.attempt = 0;
  e.first_failure = FetchStatus::ok;
  e.previous_delay = policy_.retry.backoff_base;
  e.fetch_started = world_.simulator().now();
  ++world_.metrics().fleet(placement_.fleet, e.fetch_started).fetches_started;
  send_attempt(entry);
  update_quiet(entry);
}

void Client::send_attempt(std::uint32_t entry) {
  Entry& e = entries_[entry];
  ++e.attempt;
  e.attempt_serial = (e.attempt_serial + 1) & kSerialMask;
  if (e.attempt_serial == 0) e.attempt_serial = 1;  // 0 marks load-only requests
  // Protocols with several requests per token (AWS IMDSv2) send the others as load only.
  for (std::uint32_t i = 1; i < policy_.requests_per_fetch; ++i) send_extra_request(entry);
  const std::uint32_t id = world_.pool().allocate();
  FetchRecord& r = world_.pool()[id];
  r.client = this;
  r.entry = entry;
  r.attempt = e.attempt_serial;
  r.node = placement_.node;
  r.fleet = placement_.fleet;
  r.identity = placement_.identity;
  r.principal = placement_.principal;
  r.audience = world_.fleet(placement_.fleet).requested_audience(e.audience);
  if (policy_.attempt_timeout > 0)
    e.timeout_event = world_.simulator().schedule_after(policy_.attempt_timeout, *this,
                                                        tag(kTimeout, entry, e.attempt_serial));
  world_.endpoint(placement_.node).receive(id);
}

void Client::send_extra_request(std::uint32_t entry) {
  const std::uint32_t id = world_.pool().allocate();
  FetchRecord& r = world_.pool()[id];
  r.client = this;
  r.entry = entry;
  r.attempt = 0;  // load only: its reply is ignored
  r.node = placement_.node;
  r.fleet = placement_.fleet;
  r.identity = placement_.identity;
  r.principal = placement_.principal;
  r.audience = world_.fleet(placement_.fleet).requested_audience(entries_[entry].audience);
  world_.endpoint(placement_.node).receive(id);
}

void Client::on_fetch_reply(std::uint32_t record) {
  const FetchRecord& r = world_.pool()[record];
  Entry& e = entries_[r.entry];
  if (r.attempt == 0 || !e.fetching || r.attempt != e.attempt_serial) return;  // stale or load
  world_.simulator().cancel(e.timeout_event);
  if (r.status == FetchStatus::ok) return fetch_succeeded(r.entry, r.token);
  attempt_failed(r.entry, r.status);
}

void Client::on_event(std::uint64_t t) {
  const auto kind = static_cast<Kind>(t >> 34);
  const auto entry = static_cast<std::uint32_t>((t >> 26) & 0xff);
  const auto serial = static_cast<std::uint32_t>(t & kSerialMask);
  Entry& e = entries_[entry];
  switch (kind) {
    case kTimeout:
      if (!e.fetching || serial != e.attempt_serial) return;
      ++world_.metrics().fleet(placement_.fleet, world_.simulator().now()).attempt_timeouts;
      return attempt_failed(entry, FetchStatus::timeout);
    case kRetry:
      if (!e.fetching || serial != e.attempt_serial) return;
      return send_attempt(entry);
    case kStream:
      if (serial == 0) return on_stream_call(entry);
      if (world_.simulator().now() == e.quiet_check_latest) e.quiet_check_latest = -1;
      if (world_.simulator().now() != e.quiet_check_at) return;  // stale check
      e.quiet_check_at = -1;
      return update_quiet(entry);
    case kRefresh:
      if (e.fetching) return;
      if (local_now() < e.no_refresh_before) {
        e.refresh_event = world_.simulator().schedule_after(e.no_refresh_before - local_now(),
                                                            *this, tag(kRefresh, entry, 0));
        return;
      }
      return start_fetch(entry);
  }
}

void Client::attempt_failed(std::uint32_t entry, FetchStatus status) {
  Entry& e = entries_[entry];
  if (e.attempt == 1) e.first_failure = status;
  const RetryPolicy& retry = policy_.retry;
  const bool gone_rule = e.first_failure == FetchStatus::gone && retry.gone_attempts_max > 0;
  const std::uint32_t attempts_max = gone_rule ? retry.gone_attempts_max : retry.attempts_max;
  if ((retry.retry_on & status_bit(status)) != 0 && e.attempt < attempts_max) {
    world_.simulator().schedule_after(retry_delay(e, status), *this,
                                      tag(kRetry, entry, e.attempt_serial));
    return;
  }
  fetch_failed(entry);
}

sim::Ticks Client::retry_delay(Entry& e, FetchStatus status) {
  const RetryPolicy& retry = policy_.retry;
  const std::uint32_t n = e.attempt - 1;  // 0 for the first retry
  if (status == FetchStatus::gone && e.first_failure == FetchStatus::gone &&
      retry.gone_attempts_max > 0)
    return retry.gone_delay;
  if (!retry.schedule.empty()) return retry.schedule[n < retry.schedule.size() ? n : retry.schedule.size() - 1];
  const sim::Ticks exponential = n >= 40 ? retry.backoff_cap : retry.backoff_base << n;
  const sim::Ticks d =
      retry.backoff_cap > 0 && exponential > retry.backoff_cap ? retry.backoff_cap : exponential;
  switch (retry.jitter) {
    case JitterKind::none: return d;
    case JitterKind::full: return draw(0, d);
    case JitterKind::equal: return d / 2 + draw(0, d - d / 2);
    case JitterKind::decorrelated: {
      const sim::Ticks high = 3 * e.previous_delay;
      sim::Ticks next = draw(retry.backoff_base, high > retry.backoff_base ? high : retry.backoff_base);
      if (retry.backoff_cap > 0 && next > retry.backoff_cap) next = retry.backoff_cap;
      e.previous_delay = next;
      return next;
    }
  }
  return d;
}

void Client::fetch_succeeded(std::uint32_t entry, const Token& token) {
  Entry& e = entries_[entry];
  e.fetching = false;
  const sim::Ticks now = world_.simulator().now();
  FleetBucket& bucket = world_.metrics().fleet(placement_.fleet, now);
  ++bucket.fetches_ok;
  bucket.fetch_latency.add(now - e.fetch_started);
  if (policy_.cache == CacheScope::none) {  // serve the waiting calls, keep nothing
    const Token kept = e.token;
    e.token = token;
    resolve_waiting(e, true);
    e.token = kept;
    return;
  }
  hold(e, token);
  e.extended_until = -1;
  e.no_refresh_before = 0;
  schedule_refresh(entry, local_now());
  resolve_waiting(e, true);
  update_quiet(entry);
}

void Client::fetch_failed(std::uint32_t entry) {
  Entry& e = entries_[entry];
  e.fetching = false;
  ++world_.metrics().fleet(placement_.fleet, world_.simulator().now()).refresh_failures;
  const RefreshPolicy& refresh = policy_.refresh;
  e.no_refresh_before = local_now() + draw(refresh.failure_backoff_min, refresh.failure_backoff_max);
  const StaticStability& stability = policy_.static_stability;
  if (stability.enabled && e.token.present()) {
    e.extended_until = local_now() + draw(stability.extension_min, stability.extension_max);
    // The extension is the token's expiry as the client now sees it, so the refresh lead
    // applies to it too: no new fetch before extended_until − lead. aws-sdk-js-v3 extends to
    // now + U[300, 600) s with a 300 s lead, so it retries U[0, 300) s later (ref §9.2,
    // docs/presets.md "refresh cap"); without this, every call of an outage started a fetch.
    // When lead ≥ the extension (aws-sdk-go-v2) the failure backoff above still decides.
    if (refresh.lead > 0 && e.extended_until - refresh.lead > e.no_refresh_before)
      e.no_refresh_before = e.extended_until - refresh.lead;
  }
  resolve_waiting(e, false);
  if (refresh.mode == RefreshMode::proactive && policy_.cache != CacheScope::none) {
    const sim::Ticks wait = e.no_refresh_before > local_now() ? e.no_refresh_before - local_now()
                                                               : kProactiveRetryGap;
    world_.simulator().cancel(e.refresh_event);
    e.refresh_event = world_.simulator().schedule_after(wait, *this, tag(kRefresh, entry, 0));
  }
  update_quiet(entry);
}

// ---- refresh points ------------------------------------------------------------------------

void Client::hold(Entry& e, const Token& token) {
  e.token = token;
  // expires_in = exp − now where the reply is made; the client adds it to its own clock, so
  // the skew at receipt cancels out (transit milliseconds are not modelled).
  const sim::Ticks skew = world_.node(placement_.node).clock_skew;
  e.exp_local = policy_.expiry_from == ExpirySource::expires_in ? token.exp + skew : token.exp;
}

// Real SDKs compute the refresh point from `expires_in` at receipt (MSAL: refresh_in =
// expires_in / 2), so the lifetime is what remains when the token arrives. A token served
// again from an endpoint cache therefore gets a later point, not one already past.
sim::Ticks Client::refresh_point(sim::Ticks exp_local, sim::Ticks received) {
  const RefreshPolicy& refresh = policy_.refresh;
  // expires_in is whole seconds, computed where the reply is made: the milliseconds spent in
  // transit do not shorten it (a fresh 2-hour token still says 7200).
  const sim::Ticks remaining = exp_local - received;
  const sim::Ticks lifetime = (remaining + sim::kTicksPerSecond - 1) / sim::kTicksPerSecond * sim::kTicksPerSecond;
  sim::Ticks point = exp_local - refresh.expiry_buffer;  // without a rule: when unusable
  if (refresh.fraction > 0 && lifetime > refresh.fraction_lifetime_min) {
    const sim::Ticks at_fraction =
        received + static_cast<sim::Ticks>(refresh.fraction * static_cast<double>(lifetime));
    if (at_fraction < point) point = at_fraction;
  }
  if (refresh.lead > 0 && exp_local - refresh.lead < point) point = exp_local - refresh.lead;
  return point + draw(refresh.jitter_min, refresh.jitter_max);
}

void Client::schedule_refresh(std::uint32_t entry, sim::Ticks received) {
  Entry& e = entries_[entry];
  e.refresh_at = refresh_point(e.exp_local, received);
  if (policy_.refresh.mode != RefreshMode::proactive) return;
  world_.simulator().cancel(e.refresh_event);
  const sim::Ticks wait = e.refresh_at - local_now();
  e.refresh_event =
      world_.simulator().schedule_after(wait > 0 ? wait : 0, *this, tag(kRefresh, entry, 0));
}

void Client::warm_start() {
  if (policy_.cache == CacheScope::none) return;
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    Entry& e = entries_[i];
    // A token received now (t = 0), then moved back by a random age within its refresh
    // interval (both on the client's clock).
    SIM_ASSERT(world_.simulator().now() == 0);
    hold(e, world_.sts().issue_before_start(placement_.identity, placement_.principal,
                                            e.audience));
    const sim::Ticks received = local_now();
    const sim::Ticks interval = refresh_point(e.exp_local, received) - received;
    const sim::Ticks age = interval > 0 ? draw(0, interval) : 0;
    e.token.iat -= age;
    e.token.exp -= age;
    e.exp_local -= age;
    schedule_refresh(i, received - age);
    update_quiet(i);
  }
}

void Client::restart() {
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    leave_quiet(i);
    Entry& e = entries_[i];
    // The process dies: calls waiting on a fetch fail, timers and in-flight replies go stale.
    world_.ledger().calls_lost_in_restart += e.waiting_calls;
    world_.count_calls(placement_.fleet, Outcome::no_token, e.waiting_calls);
    world_.simulator().cancel(e.timeout_event);
    world_.simulator().cancel(e.refresh_event);
    const std::uint32_t serial = e.attempt_serial;
    const ServiceIndex audience = e.audience;
    const sim::EventId call_event = e.call_event;  // the instance's calls go on
    const sim::Ticks check_latest = e.quiet_check_latest;
    e = Entry{};
    e.audience = audience;
    e.attempt_serial = serial;  // replies to the dead process's attempts stay stale
    e.call_event = call_event;
    e.quiet_check_latest = check_latest;
    update_quiet(i);
  }
}

}  // namespace models
