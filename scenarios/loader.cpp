// Loading a scenario: parse, apply --set, validate every section, and fill the Scenario.
#include "scenarios/loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/overrides.h"
#include "scenarios/validate.h"

namespace scenarios {

using namespace detail;

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names{
      "auth_failure_rate", "no_token_rate",        "unauthorized_rate",     "forbidden_rate",
      "calls",             "failed_calls",         "issuance_success_rate", "sts_requests",
      "sts_peak_rps",      "endpoint_requests",    "endpoint_throttled",    "fetch_latency_p95_s",
      "token_age_p95_s",   "refresh_failures",     "static_stability_uses", "secret_fallback_uses",
      "cost_total"};
  return names;
}

std::string LoadError::message() const {
  return file + ": " + path + ": found " + found + ", expected " + expected;
}

std::string join_load_errors(const std::vector<LoadError>& errors) {
  std::string text;
  for (const LoadError& e : errors) text += (text.empty() ? "" : "\n") + e.message();
  return text;
}

namespace {

void validate(Context& c, Scenario& out) {
  Checker& k = c.check;
  if (!k.object(c.doc, "")) return;
  k.keys(c.doc, "", {"name", "description", "seed", "duration", "bucket", "sts", "metadata",
                     "iam", "identities", "services", "roles", "fleets", "faults", "cost",
                     "expect", "exact_calls", "explore"});
  check_top(c);
  Checker::set(out.description, k.string(c.doc, "", "description"));
  check_sts(c);
  check_metadata(c);
  check_iam(c);
  check_identities(c);
  check_services(c);
  check_roles(c);
  check_fleets(c);
  check_report_cells(c);
  check_cost(c);
  check_faults(c, out.faults);
  check_expect(c, out.faults, out.expectations);
  check_explore(c, out.explore);
  check_footprint(c, out.faults);
}

}  // namespace

LoadResult load_scenario_text(std::string_view text, std::string_view format,
                              const std::string& file_label, const std::vector<Override>& overrides) {
  LoadResult result;
  std::optional<Json> doc = parse_document(text, format, file_label, result.errors);
  if (!doc) return result;
  Checker check(file_label);
  apply_overrides(*doc, overrides, check);
  if (check.error_count() != 0) {
    result.errors = check.take();
    return result;
  }
  Scenario scenario;
  scenario.file = file_label;
  Context context{check, *doc, scenario.world, {}, {}, {}, {}, false};
  validate(context, scenario);
  result.errors = check.take();
  if (!result.errors.empty()) return result;
  scenario.source = std::move(*doc);
  result.scenario = std::move(scenario);
  return result;
}

LoadResult load_scenario_file(const std::string& file, const std::vector<Override>& overrides) {
  const std::string_view format = format_of(file);
  if (format.empty()) {
    return {std::nullopt,
            {LoadError{file, "(root)", "a file name without .json, .yaml or .yml",
                       "a .json, .yaml or .yml file"}}};
  }
  std::error_code ec;
  const std::uintmax_t bytes = std::filesystem::file_size(file, ec);
  if (!ec && bytes > kDocumentBytesMax)  // refused before it is read into memory
    return {std::nullopt,
            {LoadError{file, "(root)", std::to_string(bytes) + " bytes",
                       "a scenario of at most " + std::to_string(kDocumentBytesMax) +
                           " bytes (limit kDocumentBytesMax, scenarios/validate.h)"}}};
  std::ifstream in(file, std::ios::binary);
  if (!in) return {std::nullopt, {LoadError{file, "(root)", "no readable file", "a scenario file"}}};
  std::ostringstream text;
  text << in.rdbuf();
  return load_scenario_text(text.str(), format, file, overrides);
}

}  // namespace scenarios
