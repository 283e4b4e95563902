#pragma once
// report.json: the whole result of a run (docs/report-json.md documents every field).
#include <nlohmann/json.hpp>
#include <vector>

#include "scenarios/expectations.h"
#include "scenarios/fault_impact.h"
#include "scenarios/run.h"

namespace reports {

inline constexpr int kReportSchemaVersion = 1;
// report.json lists this many nodes with endpoint errors, most errors first.
inline constexpr std::size_t kTopErrorNodes = 100;

// Everything the writers share, computed once after the run.
struct RunReport {
  scenarios::Run& run;
  std::vector<scenarios::FaultImpact> faults;
  std::vector<scenarios::ExpectationResult> expectations;
  std::vector<std::string> audit;
};

RunReport analyse(scenarios::Run& run);
nlohmann::ordered_json report_json(const RunReport& report);
// An expectation's measured value as the writers show it: the number, or for a burn-rate
// expectation "paged after 44m (1h/5m burn 14.4)" / "never paged".
std::string measured_text(const scenarios::ExpectationResult& e);

}  // namespace reports
