// --set PATH=VALUE: a dotted path with [index] or [name] steps, applied before validation.
#include "scenarios/overrides.h"

namespace scenarios::detail {
namespace {

struct Step {
  enum class Kind { key, index, name } kind;
  std::string text;
  std::size_t index = 0;
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Splits "fleets[web].client.refresh.fraction" into steps; "" error on success.
std::string split_path(std::string_view path, std::vector<Step>& steps) {
  std::size_t pos = 0;
  if (path.empty()) return "an empty path";
  while (pos < path.size()) {
    const std::size_t key_end = path.find_first_of(".[]", pos);
    const std::string_view key = path.substr(pos, key_end == std::string_view::npos ? path.npos : key_end - pos);
    if (key.empty()) return "an empty key at character " + std::to_string(pos + 1);
    steps.push_back({Step::Kind::key, std::string(key)});
    pos += key.size();
    while (pos < path.size() && path[pos] == '[') {
      const std::size_t close = path.find(']', pos);
      if (close == std::string_view::npos) return "a '[' without ']'";
      const std::string_view inside = path.substr(pos + 1, close - pos - 1);
      if (inside.empty()) return "empty brackets";
      if (all_digits(inside) && inside.size() <= 9) {
        steps.push_back({Step::Kind::index, std::string(inside), std::stoul(std::string(inside))});
      } else {
        steps.push_back({Step::Kind::name, std::string(inside)});
      }
      pos = close + 1;
    }
    if (pos == path.size()) break;
    if (path[pos] != '.') return "an unexpected '" + std::string(1, path[pos]) + "'";
    if (++pos == path.size()) return "a path ending with '.'";
  }
  return "";
}

std::string step_path(const std::string& prefix, const Step& step) {
  if (step.kind == Step::Kind::key) return child_path(prefix, step.text);
  return prefix + "[" + step.text + "]";
}

constexpr std::string_view kExpectedPath =
    "a path that exists (--set replaces a value, or adds a key to an existing object)";

// Finds the array element a [index] or [name] step names, or reports why not.
Json* element(Json& node, const Step& step, const std::string& path, const Override& o,
              Checker& check) {
  const std::string context = " (--set " + o.path + ")";
  if (!node.is_array()) {
    check.fail(path, describe(node) + context, "an array to index");
    return nullptr;
  }
  if (step.kind == Step::Kind::index) {
    if (step.index < node.size()) return &node[step.index];
    check.fail(path, "an array of " + std::to_string(node.size()) + " entries" + context,
               "an index in 0.." + std::to_string(node.size()) + " (exclusive)");
    return nullptr;
  }
  std::string names;
  for (Json& e : node) {
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string()) continue;
    if (e["name"] == step.text) return &e;
    names += (names.empty() ? "" : ", ") + e["name"].get<std::string>();
  }
  check.fail(path, "no entry named \"" + step.text + "\"" + context,
             names.empty() ? std::string(kExpectedPath) : "one of the names " + names);
  return nullptr;
}

void apply_one(Json& doc, const Override& o, Checker& check) {
  if (!is_utf8(o.path) || !is_utf8(o.value)) {  // a value that is no JSON is kept as a string
    check.fail(o.path, "text that is not UTF-8 (--set)", "PATH=VALUE in UTF-8 text");
    return;
  }
  std::vector<Step> steps;
  if (std::string error = split_path(o.path, steps); !error.empty()) {
    check.fail(o.path, error + " (--set " + o.path + ")", "PATH=VALUE with a dotted path");
    return;
  }
  Json* node = &doc;
  std::string path;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    path = step_path(path, step);
    if (step.kind != Step::Kind::key) {
      node = element(*node, step, path, o, check);
      if (node == nullptr) return;
      continue;
    }
    const bool last = i + 1 == steps.size();
    if (!node->is_object() || (!last && !node->contains(step.text))) {
      check.fail(path, (node->is_object() ? "nothing" : describe(*node)) + " (--set " + o.path + ")",
                 std::string(kExpectedPath));
      return;
    }
    node = &(*node)[step.text];
  }
  Json value = Json::parse(o.value, nullptr, false);
  *node = value.is_discarded() ? Json(o.value) : std::move(value);
}

}  // namespace

void apply_overrides(Json& doc, const std::vector<Override>& overrides, Checker& check) {
  for (const Override& o : overrides) apply_one(doc, o, check);
}

}  // namespace scenarios::detail

namespace scenarios {

std::optional<Override> parse_override(std::string_view text, std::string& error) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    error = "--set " + std::string(text) + ": expected PATH=VALUE";
    return std::nullopt;
  }
  Override o{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
  std::vector<detail::Step> steps;
  if (std::string why = detail::split_path(o.path, steps); !why.empty()) {
    error = "--set " + std::string(text) + ": found " + why +
            ", expected a dotted path such as fleets[web].client.refresh.fraction";
    return std::nullopt;
  }
  error.clear();
  return o;
}

}  // namespace scenarios
