#pragma once
// summary.md: a short Markdown summary for a pull-request comment or a CI step summary.
#include <string>

#include "reports/report_json.h"

namespace reports {

std::string summary_md(const RunReport& report);

}  // namespace reports
