#pragma once
// The `idsim` subcommands. Each takes the arguments after its name and returns an exit code.
#include <string>
#include <vector>

namespace cli {

using Args = std::vector<std::string>;

int command_run(const Args& args);
int command_check(const Args& args);  // cli/command_check.cpp
int command_diff(const Args& args);   // cli/command_diff.cpp
int command_sweep(const Args& args);  // cli/command_sweep.cpp
int command_merge(const Args& args);  // cli/command_merge.cpp
int command_explore(const Args& args);  // cli/command_explore.cpp
int command_validate(const Args& args);
int command_explain(const Args& args);
int command_schema(const Args& args);
int command_presets(const Args& args);
int command_selfcheck(const Args& args);
int command_version(const Args& args);
int command_help(const Args& args);

}  // namespace cli
