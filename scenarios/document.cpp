// Parsing: JSON (duplicate keys refused) and YAML converted to the same JSON document.
#include <charconv>
#include <cmath>
#include <limits>
#include <regex>
#include <set>

#include <yaml-cpp/yaml.h>

#include "scenarios/check.h"

namespace scenarios {

using namespace detail;

namespace {

// ---- JSON ----

// Tracks where the parser is, to name the path of a duplicate key.
struct JsonFrame {
  bool is_array = false;
  std::size_t index = 0;  // arrays: the element being read
  std::string key;        // objects: the last key read
  std::set<std::string> keys;
};

std::string frames_path(const std::vector<JsonFrame>& frames, std::size_t count) {
  std::string path;
  for (std::size_t i = 0; i < count; ++i) {
    const JsonFrame& f = frames[i];
    path = f.is_array ? index_path(path, f.index) : child_path(path, f.key);
  }
  return path;
}

void after_value(std::vector<JsonFrame>& frames) {
  if (!frames.empty() && frames.back().is_array) ++frames.back().index;
}

std::optional<Json> parse_json(std::string_view text, Checker& check) {
  std::vector<JsonFrame> frames;
  auto callback = [&](int, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start: frames.push_back({}); break;
      case Json::parse_event_t::array_start: frames.push_back({true, 0, {}, {}}); break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!frames.empty()) frames.pop_back();
        after_value(frames);
        break;
      case Json::parse_event_t::key: {
        JsonFrame& top = frames.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second) {
          check.fail(frames_path(frames, frames.size()), "the key \"" + top.key + "\" twice",
                     "each key at most once");
        }
        break;
      }
      case Json::parse_event_t::value: after_value(frames); break;
    }
    return true;
  };
  try {
    return Json::parse(text.begin(), text.end(), callback);
  } catch (const Json::exception& error) {  // parse_error, or out_of_range for 1e400
    std::string what = error.what();
    const auto start = what.find("] ");
    if (start != std::string::npos) what = what.substr(start + 2);
    check.fail("", what, "valid JSON");
    return std::nullopt;
  }
}

// ---- YAML ----

std::string at_mark(const YAML::Mark& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

std::optional<Json> integer_scalar(const std::string& s) {
  static const std::regex decimal("[-+]?[0-9]+");
  static const std::regex octal("0o[0-7]+");
  static const std::regex hex("0x[0-9a-fA-F]+");
  int base = 10;
  std::string_view digits = s;
  if (std::regex_match(s, octal)) {
    base = 8;
    digits.remove_prefix(2);
  } else if (std::regex_match(s, hex)) {
    base = 16;
    digits.remove_prefix(2);
  } else if (!std::regex_match(s, decimal)) {
    return std::nullopt;
  }
  const bool negative = !digits.empty() && digits.front() == '-';
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
  std::uint64_t magnitude = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (ec == std::errc() && end == digits.data() + digits.size()) {
    if (!negative) return Json(magnitude);  // like nlohmann's JSON parser: unsigned
    if (magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return Json(-static_cast<std::int64_t>(magnitude));
  }
  // Too large for an integer: a float, as JSON does; beyond double range (a 400-digit literal,
  // or hex/octal past 2^64) it is ±inf, like float_scalar's, which the validator refuses.
  double value = HUGE_VAL;
  if (base == 10) {
    const auto [last, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error == std::errc::result_out_of_range) value = HUGE_VAL;
  }
  return Json(negative ? -value : value);
}

std::optional<Json> float_scalar(const std::string& s) {
  static const std::regex number("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  static const std::regex inf("[-+]?\\.(inf|Inf|INF)");
  static const std::regex nan("\\.(nan|NaN|NAN)");
  if (std::regex_match(s, inf))
    return Json(s.front() == '-' ? -std::numeric_limits<double>::infinity()
                                 : std::numeric_limits<double>::infinity());
  if (std::regex_match(s, nan)) return Json(std::numeric_limits<double>::quiet_NaN());
  if (!std::regex_match(s, number)) return std::nullopt;
  double value = 0;
  const char* first = s.data() + (s.front() == '+' ? 1 : 0);
  const auto [end, ec] = std::from_chars(first, s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) return Json(s.front() == '-' ? -HUGE_VAL : HUGE_VAL);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return Json(value);
}

// YAML 1.2 core schema for plain scalars.
Json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (auto i = integer_scalar(s)) return *i;
  if (auto f = float_scalar(s)) return *f;
  return s;
}

Json convert(const YAML::Node& node, const std::string& path, Checker& check);

Json convert_map(const YAML::Node& node, const std::string& path, Checker& check) {
  Json out = Json::object();
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      check.fail(path, "a non-scalar key at " + at_mark(it->first.Mark()), "string keys");
      continue;
    }
    const std::string key = it->first.Scalar();
    if (!is_utf8(key)) {
      check.fail(path, "a key that is not UTF-8 at " + at_mark(it->first.Mark()), "UTF-8 text");
      continue;
    }
    const std::string key_path = child_path(path, key);
    if (out.contains(key)) {
      check.fail(key_path, "the key \"" + key + "\" again at " + at_mark(it->first.Mark()),
                 "each key at most once");
      continue;
    }
    out[key] = convert(it->second, key_path, check);
  }
  return out;
}

Json convert(const YAML::Node& node, const std::string& path, Checker& check) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: return nullptr;
    case YAML::NodeType::Scalar: {
      // JSON text is UTF-8 by definition (nlohmann refuses anything else); YAML text is not
      // checked by yaml-cpp, and a byte such as Latin-1 'é' would only fail when a report
      // prints the document.
      if (!is_utf8(node.Scalar())) {
        check.fail(path, "a string that is not UTF-8 at " + at_mark(node.Mark()), "UTF-8 text");
        return nullptr;
      }
      const std::string& tag = node.Tag();
      const bool plain = tag == "?" || (tag.rfind("tag:yaml.org,2002:", 0) == 0 &&
                                        tag != "tag:yaml.org,2002:str");
      return plain ? plain_scalar(node.Scalar()) : Json(node.Scalar());
    }
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      std::size_t i = 0;
      for (const YAML::Node& element : node) out.push_back(convert(element, index_path(path, i++), check));
      return out;
    }
    case YAML::NodeType::Map: return convert_map(node, path, check);
  }
  return nullptr;
}

std::optional<Json> parse_yaml(std::string_view text, Checker& check) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    check.fail("", "a YAML error at " + at_mark(error.mark) + ": " + error.msg, "valid YAML");
    return std::nullopt;
  }
  const std::size_t before = check.error_count();
  Json out = convert(root, "", check);
  if (check.error_count() != before) return std::nullopt;
  return out;
}

}  // namespace

std::string_view format_of(std::string_view file) {
  auto ends_with = [&](std::string_view suffix) {
    return file.size() >= suffix.size() && file.substr(file.size() - suffix.size()) == suffix;
  };
  if (ends_with(".json")) return "json";
  if (ends_with(".yaml") || ends_with(".yml")) return "yaml";
  return "";
}

std::optional<nlohmann::ordered_json> parse_document(std::string_view text,
                                                     std::string_view format,
                                                     const std::string& file_label,
                                                     std::vector<LoadError>& errors) {
  Checker check(file_label);
  std::optional<Json> doc;
  if (format == "json") {
    doc = parse_json(text, check);
  } else if (format == "yaml") {
    doc = parse_yaml(text, check);
  } else {
    check.fail("", "the format \"" + std::string(format) + "\"", "json or yaml (.json, .yaml, .yml)");
  }
  std::vector<LoadError> found = check.take();
  errors.insert(errors.end(), found.begin(), found.end());
  if (!found.empty()) return std::nullopt;
  return doc;
}

}  // namespace scenarios
