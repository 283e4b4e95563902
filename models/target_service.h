#pragma once
// A target service validates every call's token and authorizes it. It learns of IAM changes
// when they propagate to it, and decides roles from an authz cache refreshed every
// authz_cache_ttl — or, with roles_in_token, from the token's own role snapshot.
#include <cstdint>
#include <vector>

#include "models/metrics.h"
#include "models/token.h"
#include "models/world_config.h"
#include "sim/simulator.h"

namespace models {

// Told when a service's verdict on tokens may have changed (IAM news applied, authz cache
// refreshed with news, trusted issuer changed), so aggregated calls are judged again: for one
// principal's tokens, or for every token (kEveryPrincipal).
class DecisionListener {
 public:
  static constexpr PrincipalIndex kEveryPrincipal = 0xffff'ffffu;
  virtual void on_decisions_changed(ServiceIndex service, PrincipalIndex principal) = 0;

 protected:
  ~DecisionListener() = default;
};

class TargetService final : public sim::EventHandler {
 public:
  // Registers the service's row in `metrics` (its 401/403 per bucket).
  TargetService(sim::Simulator& simulator, Metrics& metrics, ServiceIndex index,
                const ServiceConfig& config, std::size_t identities, std::size_t principals);

  // The outcome of `calls` calls presenting `token` now (ok, 401 or 403), counted in the
  // service's row: this is where a 401 or a 403 happens.
  Outcome decide(const Token& token, std::uint64_t calls);
  // The same verdict without counting (aggregated calls ask it before any call is made).
  Outcome judge(const Token& token) const;
  // Counts `calls` calls decided `outcome` at `at` ≤ now (aggregated calls: their bucket's end).
  void count_decided(Outcome outcome, std::uint64_t calls, sim::Ticks at);
  // The latest accepted call per identity (aggregated calls report theirs out of order).
  void record_ok(IdentityIndex identity, sim::Ticks at) {
    if (at > last_ok_at_[identity]) last_ok_at_[identity] = at;
  }
  void set_listener(DecisionListener* listener) { listener_ = listener; }
  sim::Ticks last_ok_at(IdentityIndex identity) const { return last_ok_at_[identity]; }

  // The initial state, known before the run starts.
  void seed(PrincipalIndex principal, bool exists, std::uint32_t granted_generation) {
    view_[principal].exists = exists;
    view_[principal].granted_generation = granted_generation;
    cached_[principal] = view_[principal];
  }
  // IAM propagation arriving here (ignored if an newer change already arrived).
  void apply(PrincipalIndex principal, std::uint64_t version, bool exists,
             std::uint32_t generation, std::uint32_t granted_generation);

  void set_trusted_issuer(std::uint32_t issuer) {
    trusted_issuer_ = issuer;
    notify();
  }
  std::uint32_t trusted_issuer() const { return trusted_issuer_; }
  const ServiceConfig& config() const { return config_; }
  void start();
  void on_event(std::uint64_t tag) override;  // authz cache refresh

 private:

  struct View {
    std::uint64_t version = 0;
    std::uint32_t generation = 1;
    std::uint32_t granted_generation = 0;
    bool exists = true;
    bool stale = false;  // view_ only: news the authz cache has not taken yet
  };
  // An authz refresh with more news than this re-judges every token, not principal by principal.
  static constexpr std::size_t kStaleNotifiedOneByOneMax = 64;

  void notify(PrincipalIndex principal = DecisionListener::kEveryPrincipal) {
    if (listener_ != nullptr) listener_->on_decisions_changed(index_, principal);
  }

  sim::Simulator& simulator_;
  Metrics& metrics_;
  DecisionListener* listener_ = nullptr;
  ServiceIndex index_;
  ServiceConfig config_;
  std::uint32_t trusted_issuer_ = 0;
  std::vector<View> view_;    // per principal: what IAM has told this service so far
  std::vector<View> cached_;  // per principal: what its authz cache decides from (every TTL)
  std::vector<PrincipalIndex> stale_;  // principals whose view_ is newer than cached_
  std::vector<sim::Ticks> last_ok_at_;  // per identity
};

}  // namespace models
