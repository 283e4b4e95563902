// idsim diff A/report.json B/report.json: two runs side by side; --html draws both.
#include <cstdio>
#include <fstream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "reports/atomic_file.h"
#include "reports/report_diff.h"

namespace cli {

namespace po = boost::program_options;

namespace {

bool read_report(const std::string& path, nlohmann::ordered_json& out) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "idsim diff: %s: cannot read\n", path.c_str());
    return false;
  }
  out = nlohmann::ordered_json::parse(in, nullptr, false);
  if (out.is_discarded() || !out.is_object() || !out.contains("schema_version")) {
    std::fprintf(stderr, "idsim diff: %s: not an idsim report.json\n", path.c_str());
    return false;
  }
  return true;
}

}  // namespace

int command_diff(const Args& args) {
  std::vector<std::string> inputs;
  std::string html;
  po::options_description description("diff options");
  description.add_options()("html", po::value(&html), "also write both runs' curves to this file")(
      "input", po::value(&inputs)->composing(), "two report.json files");
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map values;
  if (!parse_args("diff", args, description, positional, values)) return kExitBadInput;
  if (inputs.size() != 2) {
    std::fprintf(stderr, "idsim diff: expected two report.json files (usage: idsim diff A B)\n");
    return kExitBadInput;
  }
  nlohmann::ordered_json a, b;
  if (!read_report(inputs[0], a) || !read_report(inputs[1], b)) return kExitBadInput;
  std::fputs(reports::diff_text(a, b).c_str(), stdout);
  if (html.empty()) return kExitOk;
  try {
    reports::write_file_atomically(html, reports::diff_html(a, b));
  } catch (const reports::OutputError& e) {
    std::fprintf(stderr, "idsim diff: %s\n", e.what());
    return kExitBadInput;
  }
  std::printf("html: %s\n", html.c_str());
  return kExitOk;
}

}  // namespace cli
