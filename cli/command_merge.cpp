// idsim merge DIR… [--out OUT]: combines the partial results of a sharded sweep into the
// sweep.csv, sweep.json and sweep.html a single-machine sweep writes, byte for byte.
#include <cstdio>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "reports/atomic_file.h"
#include "scenarios/sweep_run.h"

namespace cli {

namespace po = boost::program_options;

int command_merge(const Args& args) {
  std::vector<std::string> dirs;
  std::string out;
  bool quiet = false;
  po::options_description d("merge options");
  d.add_options()("out", po::value(&out), "directory for sweep.csv/json/html")(
      "quiet,q", po::bool_switch(&quiet), "print errors only")(
      "dir", po::value(&dirs)->composing(), "partial result directories");
  po::positional_options_description positional;
  positional.add("dir", -1);
  po::variables_map values;
  if (!parse_args("merge", args, d, positional, values)) return kExitBadInput;
  if (dirs.empty()) {
    std::fprintf(stderr, "idsim merge: no directory given (usage: idsim merge DIR… --out OUT)\n");
    return kExitBadInput;
  }
  try {
    std::vector<scenarios::Partial> partials;
    for (const std::string& dir : dirs) partials.push_back(scenarios::read_partial(dir));
    const scenarios::SweepTable table = scenarios::merge_partials(partials);
    if (out.empty()) out = "out/" + table.manifest.name + "-sweep";
    scenarios::write_sweep_outputs(table, out, reports::write_file_atomically);
    if (!quiet)
      std::printf("merged %zu partial results (%zu points) -> %s/sweep.csv, sweep.json, sweep.html\n%s",
                  partials.size(), table.points.size(), out.c_str(),
                  scenarios::render_recommendation(table).c_str());
    return scenarios::recommended(table.summaries).empty() ? kExitExpectationsFailed : kExitOk;
  } catch (const scenarios::SweepError& e) {
    std::fprintf(stderr, "idsim merge: %s\n", e.what());
  } catch (const reports::OutputError& e) {
    std::fprintf(stderr, "idsim merge: %s\n", e.what());
  }
  return kExitBadInput;
}

}  // namespace cli
