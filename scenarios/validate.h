#pragma once
// Internal to the scenarios library: the validator, one function per section of the format.
// Each reads its part of the document, reports every problem and fills its part of the
// Scenario; names are resolved to indices through the maps in Context.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faults/fault_spec.h"
#include "models/world_config.h"
#include "scenarios/check.h"
#include "scenarios/scenario.h"

namespace scenarios::detail {

// idsim's limits on a scenario (docs/reliability.md "Limits" lists every one with its reason).
// Each message of a value beyond one names it and how to stay under it (the k…Limit texts).
inline constexpr std::int64_t kNodesMax = 1'000'000;            // per fleet
inline constexpr std::int64_t kInstancesPerNodeMax = 1'000'000;
inline constexpr std::uint64_t kInstancesMax = 10'000'000;      // per fleet and in total
inline constexpr std::size_t kFaultsMax = 10'000;
inline constexpr sim::Ticks kRunMax = 30 * sim::kTicksPerDay;
inline constexpr std::size_t kFleetsMax = 100'000;
inline constexpr std::size_t kCallsPerFleetMax = 1'000;
inline constexpr std::size_t kIdentitiesMax = 100'000;
inline constexpr std::size_t kServicesMax = 100'000;
inline constexpr std::size_t kRolesMax = 1'000'000;
inline constexpr std::size_t kExpectationsMax = 10'000;
// The document itself: its text, and its values once YAML aliases are expanded (each *alias is
// a full copy, so a few lines can stand for 10^9 faults).
inline constexpr std::size_t kDocumentBytesMax = std::size_t{64} << 20;
inline constexpr std::size_t kDocumentValuesMax = std::size_t{1} << 23;
// What the world would hold, estimated up front (validate_footprint.cpp).
inline constexpr std::uint64_t kAuthzCellsMax = std::uint64_t{1} << 24;   // services × identities
inline constexpr std::uint64_t kMemoryBytesMax = std::uint64_t{8} << 30;  // 8 GiB
inline constexpr double kCallEventsMax = 1e10;  // exact mode: one event per call

inline constexpr std::string_view kRunLimit =
    "limit kRunMax, scenarios/validate.h: simulate the days that matter, or split a longer period "
    "into runs with their own seeds";
inline constexpr std::string_view kBucketLimit =
    "limits: at least 1s (a report row per fleet and bucket) and at most kRunMax, "
    "scenarios/validate.h: use a coarser bucket";
inline constexpr std::string_view kNodesLimit =
    "limit kNodesMax, scenarios/validate.h: simulate a slice of the fleet and scale the STS and "
    "its rate limits with it";
inline constexpr std::string_view kInstancesPerNodeLimit =
    "limit kInstancesPerNodeMax, scenarios/validate.h: use more nodes";
inline constexpr std::string_view kInstancesLimit =
    "limit kInstancesMax, scenarios/validate.h: simulate a slice of the estate and scale the STS "
    "and its rate limits with it";
inline constexpr std::string_view kFaultsLimit =
    "limit kFaultsMax, scenarios/validate.h: split the fault script into several scenarios";
inline constexpr std::string_view kFleetsLimit =
    "limit kFleetsMax, scenarios/validate.h: merge fleets that share identity, zone and client";
inline constexpr std::string_view kCallsLimit =
    "limit kCallsPerFleetMax, scenarios/validate.h: each call entry is a token cache entry per "
    "client; group targets that share an audience";
inline constexpr std::string_view kIdentitiesLimit =
    "limit kIdentitiesMax, scenarios/validate.h: simulate the identities the fleets use";
inline constexpr std::string_view kServicesLimit =
    "limit kServicesMax, scenarios/validate.h: simulate the services the fleets call";
inline constexpr std::string_view kRolesLimit =
    "limit kRolesMax, scenarios/validate.h: keep the assignments of the simulated identities";
inline constexpr std::string_view kExpectationsLimit =
    "limit kExpectationsMax, scenarios/validate.h: split them over several scenarios";

struct Context {
  Checker& check;
  const Json& doc;
  models::WorldConfig& world;
  std::optional<sim::Ticks> duration;  // the run's, when valid
  std::map<std::string, std::uint32_t> identities;  // name → index
  std::map<std::string, std::uint32_t> services;
  std::map<std::string, std::uint32_t> fleets;
  bool fleets_ok = false;  // every fleet validated without error (selectors can be resolved)
};

// A section object (nullptr when absent; reported when not an object).
const Json* section(Context& c, const Json& obj, const std::string& path, std::string_view key);
// A reference to a declared name; reports unknown names.
std::optional<std::uint32_t> reference(Context& c, const Json& obj, const std::string& path,
                                       std::string_view key,
                                       const std::map<std::string, std::uint32_t>& names,
                                       std::string_view what, bool required);
// Reads "name", checks its form and uniqueness and records it in `names`.
std::optional<std::string> declare_name(Context& c, const Json& obj, const std::string& path,
                                        std::map<std::string, std::uint32_t>& names,
                                        std::uint32_t index);

void check_top(Context& c);  // name, description, seed, duration, bucket
void check_sts(Context& c);
void check_metadata(Context& c);
void check_iam(Context& c);
void check_identities(Context& c);
void check_services(Context& c);
void check_roles(Context& c);
void check_cost(Context& c);
void check_fleets(Context& c);
void check_client(Checker& check, const Json& client, const std::string& path,
                  models::ClientPolicy& out);
void check_report_cells(Context& c);
void check_faults(Context& c, std::vector<faults::FaultSpec>& out);
void check_expect(Context& c, const std::vector<faults::FaultSpec>& faults,
                  std::vector<Expectation>& out);
void check_explore(Context& c, std::optional<ExploreBounds>& out);  // validate_explore.cpp
// What the world would hold and how long it would run, estimated from a valid scenario:
// refused when over kAuthzCellsMax, the kernel's pending events, kMemoryBytesMax or
// kCallEventsMax.
void check_footprint(Context& c, const std::vector<faults::FaultSpec>& faults);

}  // namespace scenarios::detail
