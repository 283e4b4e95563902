#include "reports/html/report_html.h"

#include "reports/format.h"
#include "reports/html/views.h"

namespace reports {

namespace {

constexpr const char* kStyle = R"(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1b1f23; margin: 0 auto; padding: 16px 24px; max-width: 1560px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #d0d7de;
     padding-bottom: 4px; margin-top: 28px; } h3 { font-size: 15px; margin: 16px 0 6px; }
.meta { color: #57606a; margin: 0 0 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; }

.card-value { font-size: 22px; font-weight: 600; } .card-label { color: #57606a; font-size: 12px; }
.card.pass { background: #dafbe1; border-color: #4ac26b; } .card.fail { background: #ffebe9;
        border-color: #ff8182; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 12px; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 24px; }
svg.chart { width: 100%; max-width: 900px; height: auto; display: block; margin: 8px 0;
            font-family: inherit; }
.chart-title { font-size: 14px; font-weight: 600; fill: #1b1f23; }
.axis { font-size: 11px; fill: #57606a; } .axis-title { font-size: 12px; fill: #1b1f23; }
.legend-text { font-size: 12px; fill: #1b1f23; }
.grid line, line.grid { stroke: #eaeef2; stroke-width: 1; }
.axis-line { stroke: #57606a; stroke-width: 1; }
.series-line { fill: none; stroke-width: 1.6; } .series-area { stroke: none; opacity: 0.9; }
.fault-band rect { fill: #f4c7c3; opacity: 0.55; } .band-label { font-size: 10px; fill: #8c1d18; }
.marker-line { stroke: #6f42c1; stroke-width: 1; stroke-dasharray: 3 3; }
.marker-head { fill: #6f42c1; }
table { border-collapse: collapse; margin: 6px 0; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.fail td, p.fail { color: #a40e26; } tr.pass td:first-child { color: #1a7f37; }
.note { color: #57606a; font-size: 12px; }
@media print { body { max-width: none; padding: 0; font-size: 11px; }
  section { break-inside: avoid-page; } svg.chart { break-inside: avoid; max-width: 100%; }
  .grid { grid-template-columns: 1fr 1fr; } }
)";


std::string title_block(const RunReport& r) {
  const scenarios::Scenario& s = r.run.scenario();
  return "<header><h1>idsim report: " + xml_escape(s.world.name) + "</h1><p class=\"meta\">" +
         xml_escape(s.description) + "</p><p class=\"meta\">file " + xml_escape(s.file) +
         " · seed " + integer(s.world.seed) + " · " + sim::format_duration(s.world.duration) +
         " simulated in " + sim::format_duration(s.world.bucket) + " buckets · report schema " +
         integer(static_cast<std::uint64_t>(kReportSchemaVersion)) + "</p></header>";
}

}  // namespace

std::string html::page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>"
         "<meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\"/><title>" + xml_escape(title) + "</title><style>" + kStyle +
         "</style></head><body>" + body + "</body></html>\n";
}

std::string report_html(const RunReport& r) {
  return html::page("idsim: " + r.run.scenario().world.name,
                    title_block(r) + html::executive_view(r) + html::oncall_view(r) +
                        html::debug_view(r) + html::fault_table(r) + html::expectations_table(r));
}

}  // namespace reports
