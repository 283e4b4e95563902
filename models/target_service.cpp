#include "models/target_service.h"

namespace models {

TargetService::TargetService(sim::Simulator& simulator, Metrics& metrics, ServiceIndex index,
                             const ServiceConfig& config, std::size_t identities,
                             std::size_t principals)
    : simulator_(simulator),
      metrics_(metrics),
      index_(index),
      config_(config),
      view_(principals),
      cached_(principals),
      last_ok_at_(identities, -1) {
  metrics_.add_service(index_);
}

void TargetService::start() {
  if (config_.authz_cache_ttl > 0) simulator_.schedule_after(config_.authz_cache_ttl, *this);
}

// The authz cache refreshes everything it holds at once; only the principals with news change.
void TargetService::on_event(std::uint64_t) {
  simulator_.schedule_after(config_.authz_cache_ttl, *this);
  for (const PrincipalIndex p : stale_) {
    view_[p].stale = false;
    cached_[p] = view_[p];
  }
  if (stale_.size() > kStaleNotifiedOneByOneMax) {
    notify();
  } else {
    for (const PrincipalIndex p : stale_) notify(p);
  }
  stale_.clear();
}

Outcome TargetService::decide(const Token& token, std::uint64_t calls) {
  const Outcome outcome = judge(token);
  count_decided(outcome, calls, simulator_.now());
  return outcome;
}

void TargetService::count_decided(Outcome outcome, std::uint64_t calls, sim::Ticks at) {
  SIM_ASSERT(at <= simulator_.now() && outcome != Outcome::no_token);
  ServiceBucket& bucket = metrics_.service(index_, at);
  bucket.calls += calls;
  if (outcome == Outcome::unauthorized) bucket.unauthorized += calls;
  if (outcome == Outcome::forbidden) bucket.forbidden += calls;
}

Outcome TargetService::judge(const Token& token) const {
  SIM_ASSERT(token.present());
  const sim::Ticks now = simulator_.now();
  if (token.audience != index_ || token.issuer != trusted_issuer_) return Outcome::unauthorized;
  if (now > token.exp + config_.skew_tolerance) return Outcome::unauthorized;
  if (token.iat > now + config_.skew_tolerance) return Outcome::unauthorized;
  const View& known = view_[token.principal];
  if (config_.check_identity_exists && (!known.exists || known.generation != token.generation))
    return Outcome::unauthorized;
  if (config_.roles_in_token) return token.role_granted ? Outcome::ok : Outcome::forbidden;
  const View& decided = config_.authz_cache_ttl > 0 ? cached_[token.principal] : known;
  return decided.granted_generation == token.generation ? Outcome::ok : Outcome::forbidden;
}

void TargetService::apply(PrincipalIndex principal, std::uint64_t version, bool exists,
                          std::uint32_t generation, std::uint32_t granted_generation) {
  SIM_ASSERT(principal < view_.size());
  View& v = view_[principal];
  if (version <= v.version) return;  // an older change overtaken by a newer one
  const bool was_stale = v.stale;
  v = View{version, generation, granted_generation, exists, true};
  if (!was_stale) stale_.push_back(principal);
  SIM_ASSERT(stale_.size() <= view_.size());
  notify(principal);  // existence and generation are judged from the view at once
}

}  // namespace models
