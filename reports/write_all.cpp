#include "reports/write_all.h"

#include <filesystem>

#include "reports/atomic_file.h"
#include "reports/html/report_html.h"
#include "reports/junit.h"
#include "reports/openmetrics.h"
#include "reports/summary_md.h"
#include "reports/timeseries_csv.h"
#include "reports/timeseries_services_csv.h"

namespace reports {

std::vector<std::string> write_run_reports(const RunReport& report, const std::string& out_dir) {
  const std::filesystem::path dir(out_dir);
  const std::pair<const char*, std::string> files[] = {
      {"report.json", report_json(report).dump(2) + "\n"},
      {"timeseries.csv", timeseries_csv(report)},
      {"timeseries_services.csv", timeseries_services_csv(report)},
      {"report.html", report_html(report)},
      {"junit.xml", junit_xml({junit_suite(report)})},
      {"summary.md", summary_md(report)},
      {"metrics.prom", openmetrics(report)},
  };
  std::vector<std::string> paths;
  for (const auto& [name, content] : files) {
    write_file_atomically(dir / name, content);
    paths.push_back((dir / name).string());
  }
  return paths;
}

}  // namespace reports
