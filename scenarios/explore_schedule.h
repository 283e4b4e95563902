#pragma once
// A drawn fault schedule in the forms people and files see it (docs/explore.md): as the
// scenario format's `faults` entries, as the scenario document of one explored run, as its
// shape (what deduplicates failures) and as a one-line story.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "faults/fault_spec.h"
#include "models/world_config.h"

namespace scenarios {

using Schedule = std::vector<faults::FaultSpec>;

// A fault as docs/scenario-format.md writes it; the loader reads it back to the same spec.
nlohmann::ordered_json fault_to_json(const faults::FaultSpec& fault, const models::WorldConfig& world);

// What becomes of the scenario's own `faults` in an explored run.
enum class ScenarioFaults : std::uint8_t {
  replaced,  // the run's faults are the drawn schedule alone
  kept,      // the scenario's entries, verbatim, then the drawn schedule
};

// One explored run as a normal scenario: `base` (the scenario's document) with its name, seed
// and faults set and its `explore` section dropped. Kept entries are copied as written (labels
// included), so fault k of the scenario is fault k of the run.
nlohmann::ordered_json run_document(const nlohmann::ordered_json& base, const std::string& name,
                                    std::uint64_t seed, const Schedule& schedule,
                                    const models::WorldConfig& world, ScenarioFaults own);

// "<name>-explore-<seed>", the scenario name cut so that the whole fits the format's 64.
std::string run_name(const std::string& scenario_name, std::uint64_t seed);

// Kinds and where they act, not when or how strongly: "imds_block@web + sts_outage".
std::string schedule_shape(const Schedule& schedule, const models::WorldConfig& world);

// "STS outage of 12m while IMDS blocked on nodes 0-2 of web (3 of 6) for 5m"; "no fault".
std::string schedule_story(const Schedule& schedule, const models::WorldConfig& world);

}  // namespace scenarios
