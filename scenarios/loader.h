#pragma once
// Loads a scenario file (JSON or YAML; docs/scenario-format.md): parse, apply --set overrides,
// validate everything (every error is collected, not only the first) and resolve names to
// indices.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/scenario.h"

namespace scenarios {

// One problem: "FILE: PATH: found FOUND, expected EXPECTED". PATH is a JSON path such as
// "fleets[1].client.retry.attempts_max", or "(root)" for the document as a whole.
struct LoadError {
  std::string file;
  std::string path;
  std::string found;
  std::string expected;
  std::string message() const;
};

struct LoadResult {
  std::optional<Scenario> scenario;  // set exactly when errors is empty
  std::vector<LoadError> errors;
};

// Every error's message(), one per line (no final newline): the text of the exception a
// command throws when a scenario it derived (a sweep point, an explored schedule) does not load.
std::string join_load_errors(const std::vector<LoadError>& errors);

// One --set: PATH=VALUE.
struct Override {
  std::string path;
  std::string value;
};

// Splits "path=value" and checks the path's syntax; on failure returns nullopt and sets error.
std::optional<Override> parse_override(std::string_view text, std::string& error);

// Reads FILE (format from its extension: .json, .yaml, .yml) and loads it.
LoadResult load_scenario_file(const std::string& file, const std::vector<Override>& overrides = {});

// Loads text in `format` ("json" or "yaml"); file_label is what error messages name.
LoadResult load_scenario_text(std::string_view text, std::string_view format,
                              const std::string& file_label,
                              const std::vector<Override>& overrides = {});

// Only the parse step: JSON as is (duplicate keys refused), YAML converted to the same JSON
// document (YAML 1.2 core schema for plain scalars; quoted scalars stay strings).
// Returns nullopt and appends to errors when the text does not parse.
std::optional<nlohmann::ordered_json> parse_document(std::string_view text,
                                                     std::string_view format,
                                                     const std::string& file_label,
                                                     std::vector<LoadError>& errors);

// The metrics an expectation may name (docs/scenario-format.md "Expectations").
const std::vector<std::string>& metric_names();

// "json" for .json, "yaml" for .yaml/.yml, "" otherwise.
std::string_view format_of(std::string_view file);

}  // namespace scenarios
