#include "reports/timeseries_csv.h"

#include "reports/format.h"
#include "reports/series.h"

namespace reports {

namespace {

constexpr const char* kCostColumns[] = {"cost_issuance_currency", "cost_capacity_currency",
                                        "cost_endpoint_currency", "cost_failure_currency",
                                        "cost_total_currency"};

std::string header() {
  std::string line = "bucket_start_seconds,bucket_end_seconds,fleet";
  for (const FleetColumn& c : fleet_columns()) line += "," + std::string(c.name);
  for (const StsColumn& c : sts_columns()) line += "," + std::string(c.name);
  for (const char* c : kCostColumns) line += std::string(",") + c;
  return line + "\n";
}

std::string fleet_cells(const models::FleetBucket& b) {
  std::string cells;
  for (const FleetColumn& c : fleet_columns()) cells += "," + general(c.value(b));
  return cells;
}

std::string shared_cells(const RunReport& r, std::size_t bucket, double width_s) {
  std::string cells;
  const models::StsBucket& s = r.run.world().metrics().sts_at(bucket);
  for (const StsColumn& c : sts_columns()) cells += "," + general(c.value(s, width_s));
  const scenarios::Cost cost = bucket_cost(r.run, bucket);
  for (const double v : {cost.issuance, cost.capacity, cost.endpoint, cost.failure, cost.total()})
    cells += "," + general(v);
  return cells;
}

std::string empty_shared_cells() {
  return std::string(sts_columns().size() + std::size(kCostColumns), ',');
}

}  // namespace

std::string timeseries_csv(const RunReport& r) {
  const models::Metrics& m = r.run.world().metrics();
  const double width_s = sim::to_seconds(m.bucket_width());
  std::string out = header();
  for (std::size_t b = 0; b < m.bucket_count(); ++b) {
    const std::string when = general(width_s * static_cast<double>(b)) + "," +
                             general(width_s * static_cast<double>(b + 1)) + ",";
    const scenarios::Totals all = scenarios::totals(r.run, {b, b + 1}, std::nullopt);
    out += when + "(all)" + fleet_cells(all.fleet) + shared_cells(r, b, width_s) + "\n";
    for (std::uint32_t f = 0; f < m.fleet_count(); ++f)
      out += when + csv_field(r.run.scenario().world.fleets[f].name) +
             fleet_cells(m.fleet_at(f, b)) + empty_shared_cells() + "\n";
  }
  return out;
}

}  // namespace reports
