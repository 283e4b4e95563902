#include "models/fleet.h"

#include "models/world.h"

namespace models {

namespace {
std::vector<double> entry_rates(const FleetConfig& config) {
  std::vector<double> rates;
  for (const CallConfig& call : config.calls) rates.push_back(call.rate_per_s);
  return rates;
}
// Token ages of a bucket's quiet calls are estimated from this many sampled calls
// (docs/models.md "Aggregated calls").
constexpr std::uint64_t kAgeSamplesMax = 16;
constexpr int kQuietPickTriesMax = 64;
}  // namespace

Fleet::Fleet(World& world, std::uint32_t index, const FleetConfig& config,
             std::uint32_t first_node, std::uint32_t first_client, sim::Rng rng)
    : world_(world),
      index_(index),
      config_(config),
      first_node_(first_node),
      first_client_(first_client),
      rng_(rng),
      quiet_rng_(rng.child("quiet")),
      aggregated_(!world.config().exact_calls),
      profile_(config.daily_profile),
      quiet_(entry_rates(config), kOutcomeCount, profile_) {
  double cumulative = 0;
  for (const CallConfig& call : config_.calls) {
    audiences_.push_back(call.service);
    cumulative += call.rate_per_s;
    cumulative_rate_.push_back(cumulative);
  }
  rate_per_instance_ = cumulative;
  active_instances_ = config_.nodes * config_.instances_per_node;
}

std::uint32_t Fleet::client_count() const {
  return config_.client.cache == CacheScope::node ? nodes_capacity() : instances_capacity();
}

std::uint32_t Fleet::active_clients() const {
  if (config_.client.cache != CacheScope::node) return active_instances_;
  return (active_instances_ + config_.instances_per_node - 1) / config_.instances_per_node;
}

std::uint32_t Fleet::client_instances(std::uint32_t c) const {
  if (config_.client.cache != CacheScope::node) return c < active_instances_ ? 1 : 0;
  const std::uint64_t first = std::uint64_t{c} * config_.instances_per_node;
  if (first >= active_instances_) return 0;
  const std::uint64_t left = active_instances_ - first;
  return static_cast<std::uint32_t>(left < config_.instances_per_node ? left
                                                                      : config_.instances_per_node);
}

std::pair<std::uint32_t, std::uint32_t> Fleet::clients_of_node(std::uint32_t node) const {
  SIM_ASSERT(node >= first_node_ && node < first_node_ + nodes_capacity());
  const std::uint32_t n = node - first_node_;
  if (config_.client.cache == CacheScope::node) return {first_client_ + n, first_client_ + n + 1};
  const std::uint32_t first = first_client_ + n * config_.instances_per_node;
  return {first, first + config_.instances_per_node};
}

void Fleet::count_calls_started(std::uint64_t calls) {
  calls_started_ += calls;
  world_.ledger().calls_started += calls;
}

void Fleet::set_instances(std::uint32_t instances) {
  SIM_ASSERT_MSG(instances <= instances_capacity(), "scale beyond the fleet's node capacity");
  const std::uint32_t before = active_clients();
  active_instances_ = instances;
  // Clients that stop running die now; ones that start run cold (they were reset when they
  // stopped, or never ran).
  for (std::uint32_t c = active_clients(); c < before; ++c) {
    world_.client(first_client_ + c).restart();
    world_.instance_stopped(first_client_ + c);
  }
  for (std::uint32_t c = before; c < active_clients(); ++c) world_.instance_started(first_client_ + c);
  if (aggregated_) {
    const std::uint32_t most = before > active_clients() ? before : active_clients();
    for (std::uint32_t c = 0; c < most; ++c)
      world_.client(first_client_ + c).set_instances(client_instances(c));
    return;
  }
  world_.simulator().cancel(next_call_);
  schedule_next_call();  // the call rate follows the instance count
}

std::uint32_t Fleet::client_of_instance(std::uint32_t instance) const {
  SIM_ASSERT(instance < instances_capacity());
  return first_client_ + (config_.client.cache == CacheScope::node
                              ? instance / config_.instances_per_node
                              : instance);
}

void Fleet::start() {
  if (config_.warm_start)
    for (std::uint32_t c = 0; c < active_clients(); ++c) world_.client(first_client_ + c).warm_start();
  if (config_.instance_lifetime_mean > 0 && config_.client.cache != CacheScope::node)
    for (std::uint32_t c = 0; c < client_count(); ++c)
      world_.simulator().schedule_after(
          sim::from_seconds(sim::sample_exponential(
              rng_, sim::to_seconds(config_.instance_lifetime_mean))),
          *this, (std::uint64_t{kLifetimeEnd} << 32) | c);
  if (!aggregated_) return schedule_next_call();
  for (std::uint32_t c = 0; c < active_clients(); ++c)
    world_.client(first_client_ + c).set_instances(client_instances(c));
  world_.simulator().schedule_after(world_.metrics().bucket_width(), *this,
                                    std::uint64_t{kFlush} << 32);
}

void Fleet::schedule_next_call() {
  const double rate_max = rate_per_instance_ * instances() * profile_.peak();
  if (rate_max <= 0) return;
  const sim::Ticks gap = sim::from_seconds(sim::sample_exponential(rng_, 1.0 / rate_max));
  next_call_ = world_.simulator().schedule_after(gap, *this, std::uint64_t{kCall} << 32);
}

void Fleet::on_event(std::uint64_t tag) {
  const auto kind = static_cast<Kind>(tag >> 32);
  const auto value = static_cast<std::uint32_t>(tag & 0xffff'ffffu);
  if (kind == kLifetimeEnd) {  // a function instance ends; a new one starts cold
    if (value < active_clients()) {
      world_.client(first_client_ + value).restart();
      world_.instance_stopped(first_client_ + value);
      world_.instance_started(first_client_ + value);
    }
    world_.simulator().schedule_after(
        sim::from_seconds(sim::sample_exponential(
            rng_, sim::to_seconds(config_.instance_lifetime_mean))),
        *this, tag);
    return;
  }
  if (kind == kRestart) return world_.client(first_client_ + value).restart();
  if (kind == kFlush) {
    const sim::Ticks now = world_.simulator().now();
    flush_quiet(flushed_until_, now);
    world_.simulator().schedule_after(world_.metrics().bucket_width(), *this, tag);
    return;
  }
  // Thinning: the stream runs at the profile's peak rate; each call happens with
  // probability profile(t) / peak, which gives the time-varying Poisson process exactly.
  schedule_next_call();
  if (!profile_.flat() && rng_.uniform01() * profile_.peak() >= profile_.at(world_.simulator().now()))
    return;
  const std::uint32_t instance = static_cast<std::uint32_t>(rng_.below(instances()));
  std::uint32_t entry = 0;
  if (cumulative_rate_.size() > 1) {
    const double pick = rng_.uniform01() * rate_per_instance_;
    while (entry + 1 < cumulative_rate_.size() && pick >= cumulative_rate_[entry]) ++entry;
  }
  count_calls_started(1);
  world_.client(client_of_instance(instance)).call(entry);
}

void Fleet::restart(double fraction, sim::Ticks spread) {
  SIM_ASSERT(fraction >= 0 && fraction <= 1);
  const std::uint32_t clients = active_clients();
  if (restart_order_.size() != clients) {
    restart_order_.resize(clients);
    for (std::uint32_t i = 0; i < clients; ++i) restart_order_[i] = i;
  }
  // A seeded partial Fisher-Yates shuffle picks which clients restart.
  const auto count = static_cast<std::uint32_t>(fraction * clients + 0.5);
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto j = i + static_cast<std::uint32_t>(rng_.below(clients - i));
    std::swap(restart_order_[i], restart_order_[j]);
    const sim::Ticks at = spread > 0 ? static_cast<sim::Ticks>(rng_.below(static_cast<std::uint64_t>(spread))) : 0;
    world_.simulator().schedule_after(at, *this,
                                      (std::uint64_t{kRestart} << 32) | restart_order_[i]);
  }
}

}  // namespace models
