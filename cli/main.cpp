// idsim: a deterministic simulator and chaos harness for cloud managed identity.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>
#include <map>
#include <string>

#include "cli/commands.h"
#include "cli/exit_codes.h"

int main(int argc, char** argv) {
  spdlog::set_pattern("%^%l%$: %v");
  const cli::Args args(argv + (argc > 1 ? 2 : 1), argv + argc);
  const std::string name = argc > 1 ? argv[1] : "help";
  using Command = int (*)(const cli::Args&);
  const std::map<std::string, Command> commands{
      {"run", cli::command_run},         {"validate", cli::command_validate},
      {"check", cli::command_check},     {"diff", cli::command_diff},
      {"sweep", cli::command_sweep},     {"merge", cli::command_merge},
      {"explore", cli::command_explore},
      {"explain", cli::command_explain}, {"schema", cli::command_schema},
      {"presets", cli::command_presets},
      {"selfcheck", cli::command_selfcheck}, {"version", cli::command_version},
      {"--version", cli::command_version},   {"help", cli::command_help},
      {"--help", cli::command_help},         {"-h", cli::command_help},
  };
  const auto it = commands.find(name);
  if (it == commands.end()) {
    std::fprintf(stderr, "idsim: unknown command '%s' (try 'idsim help')\n", name.c_str());
    return cli::kExitBadInput;
  }
  try {
    return it->second(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "idsim: internal error: %s\n", e.what());
    return cli::kExitInternal;
  }
}
