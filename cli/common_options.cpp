#include "cli/common_options.h"

#include <spdlog/spdlog.h>

#include <cstdio>

namespace cli {

namespace po = boost::program_options;

void add_common_options(po::options_description& description, CommonOptions& options,
                        const std::string& out_default) {
  description.add_options()
      ("seed", po::value<std::uint64_t>()->notifier([&](std::uint64_t s) { options.seed = s; }),
       "seed for all randomness (default: the scenario's)")
      ("out", po::value<std::string>(&options.out_dir)->default_value(out_default),
       "directory the report files are written to")
      ("exact-calls", po::bool_switch(&options.exact_calls),
       "simulate every call as an event (slower; the default counts calls that change "
       "nothing in aggregate)")
      ("verbose,v", po::bool_switch(&options.verbose), "log debug details")
      ("quiet,q", po::bool_switch(&options.quiet), "print errors only");
}

void add_paranoid_option(po::options_description& description, bool& paranoid) {
  description.add_options()("paranoid", po::bool_switch(&paranoid),
                            "check the model invariants after every event; stop at the first "
                            "broken one (slower)");
}

bool parse_args(const std::string& command, const Args& args,
                const po::options_description& description,
                const po::positional_options_description& positional, po::variables_map& values) {
  try {
    po::store(po::command_line_parser(args).options(description).positional(positional).run(),
              values);
    po::notify(values);
  } catch (const po::error& e) {
    std::fprintf(stderr, "idsim %s: %s (try 'idsim help')\n", command.c_str(), e.what());
    return false;
  }
  return true;
}

void apply_log_level(const CommonOptions& options) {
  if (options.quiet) spdlog::set_level(spdlog::level::err);
  else if (options.verbose) spdlog::set_level(spdlog::level::debug);
  else spdlog::set_level(spdlog::level::info);
}

}  // namespace cli
