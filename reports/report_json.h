#pragma once
// report.json: the whole result of a run (docs/report-json.md documents every field).
#include <nlohmann/json.hpp>
#include <vector>

#include "scenarios/expectations.h"
#include "scenarios/fault_impact.h"
#include "scenarios/run.h"

namespace reports {

inline constexpr int kReportSchemaVersion = 1;

// Everything the writers share, computed once after the run.
struct RunReport {
  scenarios::Run& run;
  std::vector<scenarios::FaultImpact> faults;
  std::vector<scenarios::ExpectationResult> expectations;
  std::vector<std::string> audit;
};

RunReport analyse(scenarios::Run& run);
nlohmann::ordered_json report_json(const RunReport& report);

}  // namespace reports
