// Parsing: JSON (duplicate keys refused) and YAML converted to the same JSON document.
#include <charconv>
#include <cmath>
#include <limits>
#include <regex>
#include <set>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "scenarios/check.h"
#include "scenarios/validate.h"

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

// The duplicate-key check as a SAX pass of its own: nlohmann's parser with a callback spends
// time linear in the parent's size at every object end (quadratic in a list of 10^5 roles).
class DuplicateKeys final : public nlohmann::json_sax<Json> {
 public:
  explicit DuplicateKeys(Checker& check) : check_(check) {}

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { frames_.push_back({}); return true; }
  bool start_array(std::size_t) override { frames_.push_back({true, 0, {}, {}}); return true; }
  bool end_object() override { return end(); }
  bool end_array() override { return end(); }
  bool key(string_t& key) override {
    JsonFrame& top = frames_.back();
    top.key = key;
    if (!top.keys.insert(top.key).second)
      check_.fail(frames_path(frames_, frames_.size()), "the key \"" + top.key + "\" twice",
                  "each key at most once");
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;  // reported by the DOM parse, which ran first
  }

 private:
  bool value() {
    after_value(frames_);
    return true;
  }
  bool end() {
    if (!frames_.empty()) frames_.pop_back();
    after_value(frames_);
    return true;
  }

  Checker& check_;
  std::vector<JsonFrame> frames_;
};

std::optional<Json> parse_json(std::string_view text, Checker& check) {
  Json doc;
  try {
    doc = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& error) {  // parse_error, or out_of_range for 1e400
    std::string what = error.what();
    const auto start = what.find("] ");
    if (start != std::string::npos) what = what.substr(start + 2);
    check.fail("", what, "valid JSON");
    return std::nullopt;
  }
  DuplicateKeys duplicates(check);
  Json::sax_parse(text.begin(), text.end(), &duplicates);
  return doc;
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

// Values left before the document is refused (kDocumentValuesMax): YAML aliases expand.
struct ValueBudget {
  std::size_t left = kDocumentValuesMax;
  bool exhausted = false;
};

Json convert(const YAML::Node& node, const std::string& path, Checker& check, ValueBudget& budget);

Json convert_map(const YAML::Node& node, const std::string& path, Checker& check,
                 ValueBudget& budget) {
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
    out[key] = convert(it->second, key_path, check, budget);
    if (budget.exhausted) break;
  }
  return out;
}

Json convert(const YAML::Node& node, const std::string& path, Checker& check, ValueBudget& budget) {
  if (budget.exhausted) return nullptr;
  if (budget.left == 0) {
    budget.exhausted = true;
    check.fail(path, "more than " + std::to_string(kDocumentValuesMax) +
                         " values (each *alias counts as a full copy of its anchor)",
               "at most " + std::to_string(kDocumentValuesMax) +
                   " values in a scenario document (limit kDocumentValuesMax, "
                   "scenarios/validate.h: fewer faults, roles or fleets; no alias chains)");
    return nullptr;
  }
  --budget.left;
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
      for (const YAML::Node& element : node) {
        out.push_back(convert(element, index_path(path, i++), check, budget));
        if (budget.exhausted) break;
      }
      return out;
    }
    case YAML::NodeType::Map: return convert_map(node, path, check, budget);
  }
  return nullptr;
}

// Counts the values a YAML text stands for once its aliases are expanded, from the parser's
// events alone (an anchor's size is known when its node ends; an alias adds it), so a few lines
// of alias chains are refused in one pass instead of being expanded first. Keys count too.
// It also watches where documents start: yaml-cpp 0.7 (Debian's) never consumes a token that
// cannot begin a node (a leading ',', jbeder/yaml-cpp#1040) and reports an empty document at
// the same place forever; a document starting where the last one did is that loop.
class ExpandedSize final : public YAML::EventHandler {
 public:
  std::uint64_t total() const { return total_; }
  std::size_t documents() const { return documents_; }
  const std::optional<YAML::Mark>& stuck_at() const { return stuck_at_; }
  const YAML::Mark& last_start() const { return last_start_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_ > 0 && mark.pos == last_start_.pos) stuck_at_ = mark;
    last_start_ = mark;
    ++documents_;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { leaf(anchor); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    add(anchor < sizes_.size() ? sizes_[anchor] : 1);
  }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    leaf(anchor);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_.push_back({anchor, 1});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_.push_back({anchor, 1});
  }
  void OnMapEnd() override { close(); }

 private:
  static constexpr std::uint64_t kSaturated = std::uint64_t{1} << 62;
  struct Open {
    YAML::anchor_t anchor;
    std::uint64_t size;
  };
  void remember(YAML::anchor_t anchor, std::uint64_t size) {
    if (anchor == YAML::NullAnchor) return;
    if (sizes_.size() <= anchor) sizes_.resize(anchor + 1, 1);
    sizes_[anchor] = size;
  }
  void add(std::uint64_t n) {
    std::uint64_t& to = open_.empty() ? total_ : open_.back().size;
    to = std::min(kSaturated, to + n);
  }
  void leaf(YAML::anchor_t anchor) {
    remember(anchor, 1);
    add(1);
  }
  void close() {
    const Open done = open_.back();
    open_.pop_back();
    remember(done.anchor, done.size);
    add(done.size);
  }

  std::vector<Open> open_;
  std::vector<std::uint64_t> sizes_;  // by anchor id (ids are small and dense)
  std::uint64_t total_ = 0;
  std::size_t documents_ = 0;
  YAML::Mark last_start_;
  std::optional<YAML::Mark> stuck_at_;
};

// The character at a parser mark, for an error message ("','"), or "end of file".
std::string token_at(std::string_view text, const YAML::Mark& mark) {
  if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text.size()) return "the end of the text";
  const unsigned char c = static_cast<unsigned char>(text[static_cast<std::size_t>(mark.pos)]);
  if (c < 0x20 || c >= 0x7f) return "a byte 0x" + std::string(1, "0123456789abcdef"[c >> 4]) +
                                     std::string(1, "0123456789abcdef"[c & 15]);
  return "'" + std::string(1, static_cast<char>(c)) + "'";
}

std::optional<Json> parse_yaml(std::string_view text, Checker& check) {
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    ExpandedSize size;
    // Each pass consumes at least one token unless stuck, so this ends within the text's length.
    while (!size.stuck_at() && size.documents() <= 1 && parser.HandleNextDocument(size)) {}
    if (size.stuck_at()) {
      check.fail("", "a YAML error at " + at_mark(*size.stuck_at()) + ": " +
                         token_at(text, *size.stuck_at()) + " where a value must begin",
                 "valid YAML");
      return std::nullopt;
    }
    if (size.documents() > 1) {
      check.fail("", "a second YAML document starting at " + at_mark(size.last_start()) +
                         " (after a '---' line)",
                 "one document per scenario file (split the file, or remove the '---')");
      return std::nullopt;
    }
    if (size.total() > kDocumentValuesMax) {
      check.fail("", "about " + std::to_string(size.total()) +
                         " values once its aliases are expanded (each *alias is a full copy of its anchor)",
                 "at most " + std::to_string(kDocumentValuesMax) +
                     " values in a scenario document (limit kDocumentValuesMax, "
                     "scenarios/validate.h: fewer faults, roles or fleets; no alias chains)");
      return std::nullopt;
    }
  } catch (const YAML::Exception&) {
    // Reported with its position by YAML::Load below.
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    check.fail("", "a YAML error at " + at_mark(error.mark) + ": " + error.msg, "valid YAML");
    return std::nullopt;
  }
  const std::size_t before = check.error_count();
  ValueBudget budget;
  Json out = convert(root, "", check, budget);
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
  if (text.size() > kDocumentBytesMax) {
    check.fail("", std::to_string(text.size()) + " bytes",
               "a scenario of at most " + std::to_string(kDocumentBytesMax) +
                   " bytes (limit kDocumentBytesMax, scenarios/validate.h)");
  } else if (format == "json") {
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
