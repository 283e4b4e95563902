#include "scenarios/check.h"

#include <cmath>

#include "sim/assert.h"

namespace scenarios::detail {

std::string child_path(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return std::string(path) + "." + std::string(key);
}

std::string index_path(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

namespace {

// The length of the well-formed UTF-8 sequence starting at text[i], or 0 when the byte there
// does not start one (RFC 3629: the range of the second byte rules out overlong forms,
// surrogates and code points above U+10FFFF).
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
  else return 0;
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  if (text.size() - i < length) return 0;
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if (second < low || second > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  return length;
}

}  // namespace

bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string to_valid_utf8(std::string_view text) {
  if (is_utf8(text)) return std::string(text);
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = sequence_length(text, i);
    if (length != 0) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i++]);
    out += "\\x";
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  SIM_ASSERT(is_utf8(out));
  return out;
}

std::string describe(const Json& value) {
  constexpr std::size_t kShort = 40;
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (s.size() > kShort) {
        // Cut at a character boundary: half a character is not UTF-8, and the message ends
        // up in junit.xml and report.json.
        std::size_t cut = kShort;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        return "\"" + s.substr(0, cut) + "…\"";
      }
      return "\"" + s + "\"";
    }
    case Json::value_t::number_float: {
      const double d = value.get<double>();
      if (std::isnan(d)) return "nan";
      if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
      return value.dump();
    }
    case Json::value_t::object:
    case Json::value_t::array: {
      std::string text = value.dump();
      if (text.size() <= kShort) return text;
      if (value.is_object()) return "an object";
      return "an array of " + std::to_string(value.size()) + " entries";
    }
    default: return value.dump();
  }
}

namespace {
std::string number_text(double v) {
  Json j = v;
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return j.dump();
}
}  // namespace

bool NumberRange::contains(double v) const {
  if (!std::isfinite(v)) return false;
  if (low_open ? v <= low : v < low) return false;
  if (high_open ? v >= high : v > high) return false;
  return true;
}

std::string NumberRange::text() const {
  const bool has_low = std::isfinite(low);
  const bool has_high = std::isfinite(high);
  if (has_low && has_high) {
    return "a number in " + std::string(low_open ? "(" : "[") + number_text(low) + ", " +
           number_text(high) + (high_open ? ")" : "]");
  }
  if (has_low) return std::string("a number ") + (low_open ? "> " : ">= ") + number_text(low);
  if (has_high) return std::string("a number ") + (high_open ? "< " : "<= ") + number_text(high);
  return "a number";
}

std::string DurationRange::text() const {
  if (negative_ok) return "a duration such as \"5m\" or \"-5m\"";
  if (low == 0 && high == sim::kTicksMax) return "a duration such as \"5m\"";
  const std::string low_text = low == 0 ? "0s" : sim::format_duration(low);
  if (high == sim::kTicksMax) return "a duration of at least " + low_text;
  return "a duration in " + low_text + ".." + sim::format_duration(high);
}

std::string DurationRange::text_with_limit() const {
  return limit.empty() ? text() : text() + " (" + std::string(limit) + ")";
}

void Checker::fail(std::string_view path, std::string found, std::string expected) {
  // Messages quote the user's bytes (a key, a value, a parser's "last read"); they are
  // printed, and copied into junit.xml, which must stay UTF-8.
  errors_.push_back(LoadError{file_, path.empty() ? "(root)" : to_valid_utf8(path),
                              to_valid_utf8(found), to_valid_utf8(expected)});
}

bool Checker::object(const Json& value, std::string_view path) {
  if (value.is_object()) return true;
  fail(path, describe(value), "an object");
  return false;
}

void Checker::keys(const Json& obj, std::string_view path,
                   const std::vector<std::string_view>& allowed) {
  if (!obj.is_object()) return;
  for (const auto& [key, value] : obj.items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || name == key;
    if (known) continue;
    std::string expected = "one of the keys ";
    bool first = true;
    for (std::string_view name : allowed) {
      expected += (first ? "" : ", ") + std::string(name);
      first = false;
    }
    fail(child_path(path, key), "an unknown key", expected);
  }
}

const Json* Checker::get(const Json& obj, std::string_view path, std::string_view key,
                         bool required, std::string_view what) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  if (it != obj.end()) return &*it;
  if (required) {
    fail(child_path(path, key), "nothing",
         (what.empty() ? std::string("a value") : std::string(what)) + " (required)");
  }
  return nullptr;
}

std::optional<std::int64_t> Checker::integer(const Json& obj, std::string_view path,
                                             std::string_view key, std::int64_t low,
                                             std::int64_t high, bool required,
                                             std::string_view limit) {
  std::string expected =
      high == std::numeric_limits<std::int64_t>::max()
          ? "an integer >= " + std::to_string(low)
          : "an integer in " + std::to_string(low) + ".." + std::to_string(high);
  if (!limit.empty()) expected += " (" + std::string(limit) + ")";
  const Json* value = get(obj, path, key, required, expected);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned()) {
    const auto u = value->get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(high)) {
      const auto i = static_cast<std::int64_t>(u);
      if (i >= low) return i;
    }
  } else if (value->is_number_integer()) {
    const auto i = value->get<std::int64_t>();
    if (i >= low && i <= high) return i;
  }
  fail(child_path(path, key), describe(*value), expected);
  return std::nullopt;
}

std::optional<double> Checker::number(const Json& obj, std::string_view path, std::string_view key,
                                      NumberRange range, bool required) {
  const Json* value = get(obj, path, key, required, range.text());
  if (value == nullptr) return std::nullopt;
  if (value->is_number() && range.contains(value->get<double>())) return value->get<double>();
  fail(child_path(path, key), describe(*value), range.text());
  return std::nullopt;
}

std::optional<bool> Checker::boolean(const Json& obj, std::string_view path, std::string_view key) {
  const Json* value = get(obj, path, key);
  if (value == nullptr) return std::nullopt;
  if (value->is_boolean()) return value->get<bool>();
  fail(child_path(path, key), describe(*value), "true or false");
  return std::nullopt;
}

std::optional<std::string> Checker::string(const Json& obj, std::string_view path,
                                           std::string_view key, bool required) {
  const Json* value = get(obj, path, key, required, "a string");
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  fail(child_path(path, key), describe(*value), "a string");
  return std::nullopt;
}

std::optional<sim::Ticks> Checker::duration(const Json& obj, std::string_view path,
                                            std::string_view key, DurationRange range,
                                            bool required) {
  const Json* value = get(obj, path, key, required, range.text());
  if (value == nullptr) return std::nullopt;
  return duration_value(*value, child_path(path, key), range);
}

namespace {
// "'5x' is not a duration: unknown unit (expected e.g. …)" → "unknown unit".
std::string duration_reason(const std::string& what) {
  const std::string marker = "is not a duration: ";
  const auto start = what.find(marker);
  if (start == std::string::npos) return what;
  const auto from = start + marker.size();
  const auto end = what.find(" (expected", from);
  return what.substr(from, end == std::string::npos ? std::string::npos : end - from);
}
}  // namespace

std::optional<sim::Ticks> Checker::duration_value(const Json& value, std::string_view path,
                                                  DurationRange range) {
  if (!value.is_string()) {
    const std::string hint = value.is_number() ? " as a string (a bare number is ambiguous)" : "";
    fail(path, describe(value), range.text() + hint);
    return std::nullopt;
  }
  std::string_view text = value.get_ref<const std::string&>();
  const bool negative = range.negative_ok && !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  sim::Ticks ticks = 0;
  try {
    ticks = sim::parse_duration(text);
  } catch (const sim::DurationError& error) {
    fail(path, describe(value) + " (" + duration_reason(error.what()) + ")", range.text_with_limit());
    return std::nullopt;
  }
  if (negative) ticks = -ticks;
  if (!range.negative_ok && (ticks < range.low || ticks > range.high)) {
    fail(path, describe(value), range.text_with_limit());
    return std::nullopt;
  }
  return ticks;
}

std::optional<sim::Distribution> Checker::distribution(const Json& obj, std::string_view path,
                                                       std::string_view key) {
  const Json* value = get(obj, path, key);
  if (value == nullptr) return std::nullopt;
  return distribution_value(*value, child_path(path, key));
}

namespace {
constexpr std::string_view kDistributionText =
    "a number >= 0 or an object with one of the keys constant, uniform, exponential, normal, "
    "lognormal, empirical";
}  // namespace

std::optional<sim::Distribution> Checker::distribution_value(const Json& value,
                                                             std::string_view path) {
  if (value.is_number()) {
    if (kNonNegative.contains(value.get<double>()))
      return sim::Distribution::constant(value.get<double>());
    fail(path, describe(value), "a number >= 0");
    return std::nullopt;
  }
  if (!value.is_object() || value.size() != 1) {
    fail(path, describe(value), std::string(kDistributionText));
    return std::nullopt;
  }
  const auto it = value.begin();
  return distribution_params(it.key(), it.value(), child_path(path, it.key()));
}

std::optional<sim::Distribution> Checker::distribution_params(std::string_view kind, const Json& p,
                                                              std::string_view path) {
  const std::size_t before = errors_.size();
  if (kind == "constant") {
    if (p.is_number() && kNonNegative.contains(p.get<double>()))
      return sim::Distribution::constant(p.get<double>());
    fail(path, describe(p), "a number >= 0");
  } else if (kind == "uniform") {
    if (p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number() &&
        kNonNegative.contains(p[0].get<double>()) && kNonNegative.contains(p[1].get<double>()) &&
        p[0].get<double>() <= p[1].get<double>())
      return sim::Distribution::uniform(p[0].get<double>(), p[1].get<double>());
    fail(path, describe(p), "[low, high] with 0 <= low <= high");
  } else if (kind == "exponential") {
    keys(p, path, {"mean"});
    const auto mean = number(p, path, "mean", kNonNegative, true);
    if (object(p, path) && mean && errors_.size() == before)
      return sim::Distribution::exponential(*mean);
  } else if (kind == "normal") {
    keys(p, path, {"mean", "stddev"});
    const auto mean = number(p, path, "mean", kNonNegative, true);
    const auto stddev = number(p, path, "stddev", kNonNegative, true);
    if (object(p, path) && mean && stddev && errors_.size() == before)
      return sim::Distribution::normal(*mean, *stddev);
  } else if (kind == "lognormal") {
    keys(p, path, {"p50", "p99"});
    const auto p50 = number(p, path, "p50", {0, NumberRange{}.high, true}, true);
    const auto p99 = number(p, path, "p99", {0, NumberRange{}.high, true}, true);
    if (p50 && p99 && *p99 < *p50) fail(child_path(path, "p99"), describe(p["p99"]), "p99 >= p50");
    if (object(p, path) && p50 && p99 && errors_.size() == before)
      return sim::Distribution::lognormal_p50_p99(*p50, *p99);
  } else if (kind == "empirical") {
    return empirical(p, path);
  } else {
    fail(path, "an unknown distribution", std::string(kDistributionText));
  }
  return std::nullopt;
}

std::optional<sim::Distribution> Checker::empirical(const Json& p, std::string_view path) {
  constexpr std::size_t kPointsMax = 10'000;
  if (!p.is_array() || p.empty() || p.size() > kPointsMax) {
    fail(path, describe(p), "an array of 1..10000 [value, cumulative] pairs");
    return std::nullopt;
  }
  std::vector<sim::Distribution::EmpiricalPoint> points;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const Json& e = p[i];
    const bool pair = e.is_array() && e.size() == 2 && e[0].is_number() && e[1].is_number() &&
                      kNonNegative.contains(e[0].get<double>()) &&
                      NumberRange{0, 1}.contains(e[1].get<double>());
    if (!pair) {
      fail(index_path(path, i), describe(e), "[value >= 0, cumulative in [0, 1]]");
      return std::nullopt;
    }
    const sim::Distribution::EmpiricalPoint point{e[0].get<double>(), e[1].get<double>()};
    if (!points.empty() && (point.value < points.back().value ||
                            point.cumulative < points.back().cumulative)) {
      fail(index_path(path, i), describe(e), "values and cumulatives non-decreasing");
      return std::nullopt;
    }
    points.push_back(point);
  }
  if (points.back().cumulative != 1.0) {
    fail(index_path(path, p.size() - 1), describe(p.back()), "a last cumulative of 1");
    return std::nullopt;
  }
  return sim::Distribution::empirical(std::move(points));
}

const Json* Checker::array(const Json& obj, std::string_view path, std::string_view key,
                           std::size_t min_size, std::size_t max_size, bool required,
                           std::string_view limit) {
  std::string expected = "an array";
  if (min_size > 0 && max_size != SIZE_MAX) {
    expected += min_size == max_size ? " of exactly " + std::to_string(min_size) + " entries"
                                     : " of " + std::to_string(min_size) + ".." +
                                           std::to_string(max_size) + " entries";
  } else if (min_size > 0) {
    expected += " of at least " + std::to_string(min_size) + " entries";
  } else if (max_size != SIZE_MAX) {
    expected += " of at most " + std::to_string(max_size) + " entries";
  }
  const Json* value = get(obj, path, key, required, expected);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    fail(child_path(path, key), describe(*value), expected);
    return nullptr;
  }
  if (value->size() < min_size || value->size() > max_size) {
    if (value->size() > max_size && !limit.empty()) expected += " (" + std::string(limit) + ")";
    fail(child_path(path, key),
         value->empty() ? "an empty array" : "an array of " + std::to_string(value->size()) + " entries",
         expected);
    return nullptr;
  }
  return value;
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
  return text;
}

std::string one_of(const std::vector<std::string>& names) { return "one of " + join(names); }

bool valid_name(std::string_view name) {
  constexpr std::size_t kNameMax = 64;
  if (name.empty() || name.size() > kNameMax) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                    c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace scenarios::detail
