#include "models/sts.h"

#include <cmath>

#include "models/world.h"

namespace models {

Sts::Sts(World& world, const StsConfig& config, sim::Rng rng)
    : world_(world), config_(config), rng_(rng) {
  SIM_ASSERT(config_.servers >= 1);
  limiter_.configure(config_.rate_limit_per_s, config_.rate_burst);
  servers_ = config_.autoscale.enabled ? config_.autoscale.servers_min : config_.servers;
}

void Sts::start() {
  world_.metrics().sts(0).servers_max = servers_;
  if (config_.autoscale.enabled)
    world_.simulator().schedule_after(config_.autoscale.evaluation_interval, *this,
                                      tag(kEvaluate, 0));
}

sim::Ticks Sts::sample_ms(const sim::Distribution& d) {
  const double ms = d.sample(rng_);
  return ms <= 0 ? 0 : sim::from_seconds(ms / 1000.0);
}

sim::Ticks Sts::token_ttl_for(std::uint32_t identity) const {
  if (identity < identity_ttl_override_.size() && identity_ttl_override_[identity] > 0)
    return identity_ttl_override_[identity];
  if (ttl_override_ > 0) return ttl_override_;
  const auto& identities = world_.config().identities;
  if (identity < identities.size() && identities[identity].token_ttl)
    return *identities[identity].token_ttl;
  return config_.token_ttl;
}

Token Sts::issue_before_start(IdentityIndex identity, PrincipalIndex principal,
                              ServiceIndex audience) {
  const sim::Ticks now = world_.simulator().now();
  const std::uint32_t generation = world_.iam().generation(principal);
  return Token{serial_next_++, identity, principal, generation, audience, issuer_,
               world_.iam().granted(principal, generation, audience), now,
               now + token_ttl_for(identity)};
}

void Sts::set_identity_ttl_override(IdentityIndex identity, sim::Ticks ttl) {
  SIM_ASSERT(identity < world_.config().identities.size() && ttl >= 0);
  if (identity_ttl_override_.size() <= identity) identity_ttl_override_.resize(identity + 1, 0);
  identity_ttl_override_[identity] = ttl;
}

void Sts::set_error_fraction(double fraction) {
  SIM_ASSERT(fraction >= 0 && fraction <= 1);
  error_fraction_ = fraction;
}

void Sts::send(std::uint32_t record) {
  const sim::Ticks delay = sample_ms(config_.network_latency_ms) + extra_latency_;
  world_.simulator().schedule_after(delay, *this, tag(kArrive, record));
}

void Sts::on_event(std::uint64_t t) {
  const auto kind = static_cast<Kind>(t >> 32);
  const auto value = static_cast<std::uint32_t>(t & 0xffff'ffffu);
  switch (kind) {
    case kArrive: arrive(value); break;
    case kDone: complete(value); break;
    case kEvaluate: evaluate_autoscale(); break;
    case kServerReady:
      account_servers();
      --servers_pending_;
      ++servers_;
      while (busy_ < servers_ && !queue_.empty()) start_next_queued();
      break;
  }
}

void Sts::arrive(std::uint32_t record) {
  StsBucket& bucket = world_.metrics().sts(world_.simulator().now());
  ++bucket.requests;
  FetchRecord& r = world_.pool()[record];
  if (error_fraction_ > 0 && (error_fraction_ >= 1 || rng_.uniform01() < error_fraction_)) {
    ++bucket.failed;
    r.status = FetchStatus::server_error;
    return reply(record);
  }
  if (!limiter_.try_take(world_.simulator().now())) {
    ++bucket.throttled;
    r.status = FetchStatus::throttled;
    return reply(record);
  }
  if (!world_.iam().exists(r.principal)) {
    ++bucket.rejected;
    r.status = FetchStatus::bad_request;
    return reply(record);
  }
  if (busy_ < servers_) return start_service(record, world_.simulator().now());
  if (queue_.size() >= config_.queue_max) {
    ++bucket.failed;
    r.status = FetchStatus::server_error;
    return reply(record);
  }
  queue_.push_back(record);
  queued_at_.push_back(world_.simulator().now());
}

void Sts::start_next_queued() {
  const std::uint32_t next = queue_.front();
  const sim::Ticks arrived = queued_at_.front();
  queue_.pop_front();
  queued_at_.pop_front();
  start_service(next, arrived);
}

void Sts::start_service(std::uint32_t record, sim::Ticks arrived) {
  SIM_ASSERT(busy_ < servers_);
  ++busy_;
  ++served_;
  wait_total_ += world_.simulator().now() - arrived;
  const sim::Ticks service = sample_ms(config_.service_time_ms);
  world_.metrics().sts(world_.simulator().now()).busy_seconds += sim::to_seconds(service);
  busy_seconds_window_ += sim::to_seconds(service);
  world_.simulator().schedule_after(service, *this, tag(kDone, record));
}

void Sts::complete(std::uint32_t record) {
  SIM_ASSERT(busy_ > 0);
  --busy_;
  const sim::Ticks now = world_.simulator().now();
  FetchRecord& r = world_.pool()[record];
  // An identity deleted while the request waited is refused at issuance too.
  if (!world_.iam().exists(r.principal)) {
    ++world_.metrics().sts(now).rejected;
    r.status = FetchStatus::bad_request;
  } else {
    ++world_.metrics().sts(now).issued;
    const std::uint32_t generation = world_.iam().generation(r.principal);
    r.status = FetchStatus::ok;
    r.token = Token{serial_next_++, r.identity, r.principal, generation, r.audience, issuer_,
                    world_.iam().granted(r.principal, generation, r.audience), now,
                    now + token_ttl_for(r.identity)};
  }
  reply(record);
  // Servers beyond the current target (after a scale-down) retire when they finish.
  if (busy_ < servers_ && !queue_.empty()) start_next_queued();
}

void Sts::reply(std::uint32_t record) {
  const sim::Ticks delay = sample_ms(config_.network_latency_ms) + extra_latency_;
  world_.endpoint(world_.pool()[record].node).relay_sts_reply(record, delay);
}

void Sts::account_servers() {
  // Provisioned server time, split exactly across the buckets it spans.
  Metrics& metrics = world_.metrics();
  sim::Ticks from = servers_since_;
  const sim::Ticks to = world_.simulator().now();
  while (from < to) {
    const sim::Ticks bucket_end =
        (static_cast<sim::Ticks>(metrics.bucket_of(from)) + 1) * metrics.bucket_width();
    const sim::Ticks until = bucket_end < to ? bucket_end : to;
    StsBucket& b = metrics.sts(from);
    b.server_seconds += sim::to_seconds(until - from) * servers_;
    if (b.servers_max < servers_) b.servers_max = servers_;
    if (until == from) break;  // the last bucket absorbs time past the horizon
    from = until;
  }
  servers_since_ = to;
}

void Sts::evaluate_autoscale() {
  const AutoscaleConfig& a = config_.autoscale;
  const double window_s = sim::to_seconds(a.evaluation_interval);
  const double utilization = busy_seconds_window_ / (window_s * servers_);
  busy_seconds_window_ = 0;
  const auto wanted = static_cast<std::uint32_t>(
      std::ceil(utilization * servers_ / a.target_utilization));
  const std::uint32_t target =
      wanted < a.servers_min ? a.servers_min : (wanted > a.servers_max ? a.servers_max : wanted);
  if (target > servers_ + servers_pending_) {
    for (std::uint32_t i = servers_ + servers_pending_; i < target; ++i) {
      ++servers_pending_;
      world_.simulator().schedule_after(a.scale_up_delay, *this, tag(kServerReady, 0));
    }
  } else if (target < servers_ && servers_pending_ == 0) {
    account_servers();
    servers_ = target;  // busy servers above the target finish their request, then retire
  }
  world_.simulator().schedule_after(a.evaluation_interval, *this, tag(kEvaluate, 0));
}

void Sts::finish(sim::Ticks horizon) {
  SIM_ASSERT(world_.simulator().now() == horizon);
  account_servers();
}

}  // namespace models
