#include "reports/format.h"
#include "reports/html/views.h"
#include "scenarios/measures.h"

namespace reports::html {

Chart time_chart(const RunReport& r, std::string id, std::string title, std::string y_label) {
  const models::Metrics& m = r.run.world().metrics();
  Chart c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.y_label = std::move(y_label);
  const double width = sim::to_seconds(m.bucket_width());
  for (std::size_t b = 0; b < m.bucket_count(); ++b) c.x.push_back(width * static_cast<double>(b));
  c.x_end = width * static_cast<double>(m.bucket_count());
  for (const scenarios::FaultImpact& f : r.faults)
    c.bands.push_back({sim::to_seconds(f.start), sim::to_seconds(f.end), f.label});
  return c;
}

models::FleetBucket all_fleets_at(const RunReport& r, std::size_t bucket) {
  return scenarios::totals(r.run, {bucket, bucket + 1}, std::nullopt).fleet;
}

std::string percent(double fraction) { return fixed(100.0 * fraction, 3) + " %"; }

std::string cell(const std::string& text) { return "<td>" + xml_escape(text) + "</td>"; }

std::string ncell(const std::string& text) { return "<td class=\"num\">" + xml_escape(text) + "</td>"; }

}  // namespace reports::html
