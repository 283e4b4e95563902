// Parsers target: sim::parse_duration (and its inverse format_duration) and the --set parser
// scenarios::parse_override, with the parsed override applied to a small valid scenario.
#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

#include "fuzz_entry.h"
#include "scenarios/loader.h"
#include "sim/assert.h"

namespace fuzz {
namespace {

// Small but with every kind of step a --set path can take: keys, [index], [name], nested
// objects, arrays of objects and arrays of scalars.
constexpr std::string_view kScenario = R"({
  "name": "fuzz-overrides", "duration": "1h", "bucket": "1m",
  "sts": {"servers": 2, "token_ttl": "1h", "autoscale": {"enabled": false}},
  "identities": [{"name": "app"}, {"name": "batch"}],
  "services": [{"name": "storage"}, {"name": "db"}],
  "roles": [{"identity": "app", "service": "storage"}],
  "fleets": [{"name": "web", "nodes": 4, "identity": "app",
              "calls": [{"service": "storage", "rate_per_s": 1}],
              "client": {"preset": "msal-dotnet", "refresh": {"jitter_max": "30s"}}},
             {"name": "jobs", "nodes": 2, "identity": "batch",
              "calls": [{"service": "db"}], "client": {"preset": "msal-go"}}],
  "faults": [{"kind": "sts_outage", "at": "10m", "duration": "5m"},
             {"kind": "imds_block", "at": "20m", "selector": {"fleet": "web", "nodes": [0, 1]}}],
  "expect": [{"metric": "auth_failure_rate", "max": 0.5, "window": {"during": 0}}]
})";

void check_duration_text(std::string_view text) {
  sim::Ticks t = 0;
  try {
    t = sim::parse_duration(text);
  } catch (const sim::DurationError& e) {
    SIM_ASSERT_MSG(std::strlen(e.what()) > 0, "a duration error without a reason");
    return;
  }
  SIM_ASSERT_MSG(t >= 0 && t <= sim::kTicksMax, "an accepted duration out of 0..100 years");
  SIM_ASSERT_MSG(sim::parse_duration(sim::format_duration(t)) == t,
                 "format_duration(parse_duration(text)) reads back differently");
}

// sim/time.h promises parse_duration(format_duration(t)) == t for every 0 <= t <= kTicksMax.
void check_duration_round_trip(std::span<const std::uint8_t> data) {
  std::uint64_t bits = 0;
  if (!data.empty()) std::memcpy(&bits, data.data(), std::min(data.size(), sizeof bits));  // empty: null
  const sim::Ticks t = static_cast<sim::Ticks>(bits % (static_cast<std::uint64_t>(sim::kTicksMax) + 1));
  SIM_ASSERT_MSG(sim::parse_duration(sim::format_duration(t)) == t,
                 "parse_duration(format_duration(t)) != t");
}

void check_override(std::string_view text) {
  std::string error = "(not set)";
  const std::optional<scenarios::Override> parsed = scenarios::parse_override(text, error);
  SIM_ASSERT_MSG(parsed.has_value() == error.empty(), "parse_override: error text disagrees");
  if (!parsed) return;
  SIM_ASSERT_MSG(parsed->path + "=" + parsed->value == text, "parse_override lost characters");
  constexpr std::string_view kLabel = "fuzz-overrides.json";
  const scenarios::LoadResult result =
      scenarios::load_scenario_text(kScenario, "json", std::string(kLabel), {*parsed});
  check_load_contract(result, kLabel);
  // report.json echoes the document after the overrides; it must print.
  if (result.scenario) SIM_ASSERT(!result.scenario->source.dump().empty());
}

}  // namespace

void parsers_input(std::span<const std::uint8_t> data) {
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  check_duration_text(text);
  check_duration_round_trip(data);
  check_override(text);
}

}  // namespace fuzz
