#pragma once
// The reference token-refresh model of issue 7, so idsim's kernel can be compared with other
// engines: N clients call as Poisson processes; a call finds its token in the refresh window
// (less than 10 % of the TTL left) and, with no request outstanding, sends a token request to
// one STS (FIFO, 8 servers, exponential service); the completion renews the token. It runs on
// two engines doing the same model with the same draws: the kernel (sim::Simulator) and a bare
// std::priority_queue loop, the baseline. docs/bench.md has the derivation and the figures.
#include <cstdint>
#include <string_view>

#include "sim/time.h"

namespace bench {

enum class Engine { kernel, priority_queue };

// "kernel" or "pq": the names the bench and idsim_refmodel print and accept.
std::string_view engine_name(Engine engine);

// The constants are the defaults; the tests name the ones they rely on.
struct RefModelOptions {
  std::uint32_t clients = 10'000;
  sim::Ticks horizon = sim::hours(6);
  std::uint64_t seed = 1;
  double calls_per_s = 1.0;  // per client
  sim::Ticks token_ttl = sim::seconds(3600);
  // Refresh when less than ttl / refresh_window_divisor is left: 10 % of the TTL.
  std::int64_t refresh_window_divisor = 10;
  std::uint32_t sts_servers = 8;
  double sts_service_mean_s = 0.005;
};

// Limits the model asserts (the bare loop packs the client index into 23 bits).
inline constexpr std::uint32_t kClientsMax = (std::uint32_t{1} << 23) - 1;
inline constexpr std::uint32_t kStsServersMax = 1024;
inline constexpr sim::Ticks kHorizonMax = sim::hours(24 * 365);

struct RefModelCounts {
  std::uint64_t calls = 0;                // call events taken off the queue
  std::uint64_t token_requests = 0;       // requests sent to the STS
  std::uint64_t token_responses = 0;      // completion events: tokens renewed
  std::uint64_t events = 0;               // callbacks taken off the queue: calls + responses
  std::uint32_t requests_in_flight = 0;   // sent and not completed at the horizon
  friend bool operator==(const RefModelCounts&, const RefModelCounts&) = default;
};

// Runs the model from t = 0 to the horizon (events at exactly the horizon included).
RefModelCounts run_refmodel(const RefModelOptions& options, Engine engine);

// Expected counts over [0, horizon] from the model's stationary start (docs/bench.md):
// calls = N·H·r; token requests = N·H / (0.9·TTL + 1/r + service mean), up to a relative
// error below 1e-5 (STS queueing and requests in flight at t = 0 are left out).
double expected_calls(const RefModelOptions& options);
double expected_token_requests(const RefModelOptions& options);

}  // namespace bench
