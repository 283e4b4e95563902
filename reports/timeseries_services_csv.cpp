#include "reports/timeseries_services_csv.h"

#include "reports/format.h"
#include "reports/series.h"

namespace reports {

namespace {

std::string header() {
  std::string line = "bucket_start_seconds,bucket_end_seconds,service";
  for (const ServiceColumn& c : service_columns()) line += "," + std::string(c.name);
  return line + "\n";
}

}  // namespace

std::string timeseries_services_csv(const RunReport& r) {
  const models::Metrics& m = r.run.world().metrics();
  const auto& services = r.run.scenario().world.services;
  SIM_ASSERT(m.service_count() == services.size());
  const double width_s = sim::to_seconds(m.bucket_width());
  std::vector<std::string> names;  // quoted once, not once per bucket
  for (const auto& s : services) names.push_back(csv_field(s.name));
  std::string out = header();
  for (std::size_t b = 0; b < m.bucket_count(); ++b) {
    const std::string when = general(width_s * static_cast<double>(b)) + "," +
                             general(width_s * static_cast<double>(b + 1)) + ",";
    for (std::size_t s = 0; s < m.service_count(); ++s) {
      out += when + names[s];
      for (const ServiceColumn& c : service_columns()) out += "," + general(c.value(m.service_at(s, b)));
      out += "\n";
    }
  }
  return out;
}

}  // namespace reports
