#pragma once
// Options every running subcommand shares, and their parsing with clear usage errors.
#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/commands.h"

namespace cli {

struct CommonOptions {
  std::optional<std::uint64_t> seed;
  std::string out_dir;
  bool exact_calls = false;  // --exact-calls: becomes the override exact_calls=true
  bool verbose = false;
  bool quiet = false;
};

// Adds --seed, --out, --verbose, --quiet to `description`, bound to `options`.
void add_common_options(boost::program_options::options_description& description,
                        CommonOptions& options, const std::string& out_default);

// Adds --paranoid (run, check, sweep): the model invariants after every event.
void add_paranoid_option(boost::program_options::options_description& description, bool& paranoid);

// Parses args; on a usage error prints it (naming the command) and returns false.
bool parse_args(const std::string& command, const Args& args,
                const boost::program_options::options_description& description,
                const boost::program_options::positional_options_description& positional,
                boost::program_options::variables_map& values);

// Sets spdlog's level from --verbose/--quiet.
void apply_log_level(const CommonOptions& options);

}  // namespace cli
