#pragma once
// report.html: one self-contained page (no network, no script) with the executive, on-call
// and debug views, the per-fault table and the expectations. Polyglot markup: it also parses
// as XML, and every chart is inline SVG.
#include <string>

#include "reports/report_json.h"

namespace reports {

std::string report_html(const RunReport& report);

}  // namespace reports
