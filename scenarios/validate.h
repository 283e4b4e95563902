#pragma once
// Internal to the scenarios library: the validator, one function per section of the format.
// Each reads its part of the document, reports every problem and fills its part of the
// Scenario; names are resolved to indices through the maps in Context.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "faults/fault_spec.h"
#include "models/world_config.h"
#include "scenarios/check.h"
#include "scenarios/scenario.h"

namespace scenarios::detail {

inline constexpr std::int64_t kNodesMax = 1'000'000;            // per fleet
inline constexpr std::int64_t kInstancesPerNodeMax = 1'000'000;
inline constexpr std::uint64_t kInstancesMax = 10'000'000;      // per fleet and in total
inline constexpr std::size_t kFaultsMax = 10'000;
inline constexpr sim::Ticks kRunMax = 30 * sim::kTicksPerDay;

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

}  // namespace scenarios::detail
