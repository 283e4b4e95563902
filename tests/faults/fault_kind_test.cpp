#include <gtest/gtest.h>

#include "faults/fault_spec.h"

namespace {

TEST(FaultKinds, EveryKindNameRoundTrips) {
  for (int i = 0; i < faults::kFaultKindCount; ++i) {
    const auto kind = static_cast<faults::FaultKind>(i);
    EXPECT_EQ(faults::parse_fault_kind(faults::to_string(kind)), kind);
  }
  EXPECT_FALSE(faults::parse_fault_kind("sts-outage").has_value());
}

}  // namespace
