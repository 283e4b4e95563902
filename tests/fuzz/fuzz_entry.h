#pragma once
// The code both fuzz targets run on one input, shared with the regression test (a normal g++
// build) so a saved crash replays through exactly the path that found it (docs/fuzzing.md).
//
// What counts as a bug: anything that aborts or escapes. Bad input must come back as
// LoadResult errors or sim::DurationError; a SIM_ASSERT failure, a sanitizer report or any
// other exception is a bug in idsim. The entries also assert the loader's contract and a few
// properties (duration round trip, audit clean) with SIM_ASSERT, so a broken promise aborts too.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "scenarios/loader.h"
#include "sim/time.h"

namespace fuzz {

// A fuzzed scenario is capped before it runs, so one input costs milliseconds: every call is
// an event (docs/models.md "Fleets and calls"), and every instance refreshes its token over
// and over. The caps go in as --set overrides and the scenario is validated again, so the run
// only sees scenarios the validator accepted; one that no longer validates (e.g. a fault after
// the capped horizon) is refused like any bad input. Sizes shrink before time does, because
// fault times and expectation windows refer to the horizon.
struct RunCaps {
  sim::Ticks duration_max = sim::kTicksPerDay;  // the scenario library runs up to a day
  std::uint64_t instances_max = 1'000;          // over all fleets, scale faults included
  double instance_hours_max = 1'000;            // 1000 instances for an hour, 41 for a day
  double calls_max = 20'000;                    // expected calls of the whole run
  // Report cells (fleets × buckets): rendering the reports costs per cell, so the bucket
  // grows (in whole seconds) until the cells fit.
  std::uint64_t cells_max = 100;
  // Function fleets: instance_lifetime_mean is raised to duration / this (a 1 µs mean would
  // start 10^12 instances in an hour).
  std::uint64_t lifetimes_per_instance_max = 50;
};

enum class ScenarioOutcome : std::uint8_t {
  refused,             // the loader reported errors (the normal answer to bad input)
  refused_after_caps,  // valid, but no longer valid (or not cappable) under RunCaps
  ran,                 // loaded, ran to the horizon, analysed, audit clean
};

// Scenario target input: byte 0 picks the format (odd: YAML, e.g. 'y'; even: JSON, e.g. 'j'),
// the rest is the file's text. Loads, validates, caps, runs, analyses and renders report.json.
ScenarioOutcome scenario_input(std::span<const std::uint8_t> data, const RunCaps& caps = {});

// The loader's contract (scenarios/loader.h), asserted on every result an entry gets: a
// scenario exactly when there are no errors; every error names `file`, a path, what was found
// and what was expected; and every message is UTF-8 (`idsim check` copies messages into
// junit.xml, and an XML reader refuses bytes that are not).
void check_load_contract(const scenarios::LoadResult& result, std::string_view file);

// Parsers target input: the whole text is given to sim::parse_duration and to
// scenarios::parse_override; an accepted override is then applied to a small valid scenario.
void parsers_input(std::span<const std::uint8_t> data);

}  // namespace fuzz
