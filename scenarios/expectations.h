#pragma once
// Expectations turned into pass/fail: each names its measured value and its bound.
#include <string>
#include <vector>

#include "scenarios/run.h"

namespace scenarios {

struct ExpectationResult {
  std::string label;
  std::string metric;
  double value = 0;
  std::string bound;  // "<= 0.001", ">= 0.99", "<= 0.001 and >= 0"
  bool passed = false;
  sim::Ticks from = 0;  // the window measured
  sim::Ticks to = 0;
};

std::vector<ExpectationResult> evaluate_expectations(const Run& run);
bool all_passed(const std::vector<ExpectationResult>& results);

}  // namespace scenarios
