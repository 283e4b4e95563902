#pragma once
// Helpers shared by the scenario loader tests.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scenarios/loader.h"

namespace scenario_test {

inline std::string source_dir() { return IDSIM_SOURCE_DIR; }
inline std::string test_dir() { return source_dir() + "/tests/scenarios"; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every error message, one per line.
inline std::string messages(const scenarios::LoadResult& result) {
  std::string out;
  for (const scenarios::LoadError& e : result.errors) out += e.message() + "\n";
  return out;
}

inline scenarios::LoadResult load_json(const std::string& text,
                                       const std::vector<scenarios::Override>& overrides = {}) {
  return scenarios::load_scenario_text(text, "json", "test.json", overrides);
}

inline scenarios::LoadResult load_yaml(const std::string& text,
                                       const std::vector<scenarios::Override>& overrides = {}) {
  return scenarios::load_scenario_text(text, "yaml", "test.yaml", overrides);
}

// A minimal valid scenario with the given extra top-level members (JSON text, no braces).
inline std::string minimal(const std::string& extra = "", const std::string& client = R"({"preset": "msal-dotnet"})") {
  std::string text = R"({"name": "t", "duration": "1h",
    "identities": [{"name": "app"}], "services": [{"name": "storage"}],
    "fleets": [{"name": "web", "nodes": 10, "identity": "app",
                "calls": [{"service": "storage"}], "client": )" + client + "}]";
  if (!extra.empty()) text += ", " + extra;
  return text + "}";
}

}  // namespace scenario_test
