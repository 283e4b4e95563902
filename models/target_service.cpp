#include "models/target_service.h"

namespace models {

TargetService::TargetService(sim::Simulator& simulator, Metrics& metrics, ServiceIndex index,
                             const ServiceConfig& config, std::size_t identities)
    : simulator_(simulator),
      metrics_(metrics),
      index_(index),
      config_(config),
      view_(identities),
      cached_(identities),
      last_ok_at_(identities, -1) {
  metrics_.add_service(index_);
}

void TargetService::start() {
  if (config_.authz_cache_ttl > 0) simulator_.schedule_after(config_.authz_cache_ttl, *this);
}

void TargetService::on_event(std::uint64_t) {
  cached_ = view_;  // the authz cache refreshes everything it holds at once
  simulator_.schedule_after(config_.authz_cache_ttl, *this);
  if (cache_stale_) notify();
  cache_stale_ = false;
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
  const View& known = view_[token.identity];
  if (config_.check_identity_exists && (!known.exists || known.generation != token.generation))
    return Outcome::unauthorized;
  if (config_.roles_in_token) return token.role_granted ? Outcome::ok : Outcome::forbidden;
  const View& decided = config_.authz_cache_ttl > 0 ? cached_[token.identity] : known;
  return decided.granted_generation == token.generation ? Outcome::ok : Outcome::forbidden;
}

void TargetService::apply(IdentityIndex identity, std::uint64_t version, bool exists,
                          std::uint32_t generation, std::uint32_t granted_generation) {
  View& v = view_[identity];
  if (version <= v.version) return;  // an older change overtaken by a newer one
  v = View{version, exists, generation, granted_generation};
  cache_stale_ = true;
  notify();  // existence and generation are judged from the view at once
}

bool TargetService::reflects(IdentityIndex identity, std::uint64_t version) const {
  const View& decided = config_.authz_cache_ttl > 0 ? cached_[identity] : view_[identity];
  return decided.version >= version;
}

}  // namespace models
