// summary.md: verdict, the headline figures, faults and expectations as Markdown tables.
#include <gtest/gtest.h>

#include "reports/summary_md.h"
#include "report_fixture.h"

namespace {

TEST(SummaryMd, HasVerdictFiguresFaultsAndExpectations) {
  const std::string md = reports::summary_md(reports_test::small_report());
  EXPECT_EQ(md.rfind("### ❌ reports-small failed", 0), 0u) << md;
  for (const char* text : {"| auth-failure rate |", "| issuance success rate |", "| peak STS load |",
                           "| IMDS blocked zone-a |", "no_token_rate", "| cost |"})
    EXPECT_NE(md.find(text), std::string::npos) << text;
  EXPECT_LT(md.size(), 4000u);  // short enough for a PR comment
}

}  // namespace
