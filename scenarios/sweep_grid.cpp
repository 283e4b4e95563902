#include "scenarios/sweep_grid.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "sim/random.h"
#include "sim/time.h"

namespace scenarios {

namespace {

constexpr std::size_t kValuesMax = 100000;

std::vector<std::string> split_values(std::string_view text) {
  std::vector<std::string> values;
  std::string current;
  int depth = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '[' || c == '{')) ++depth;
    if (!quoted && (c == ']' || c == '}')) --depth;
    if (c == ',' && depth == 0 && !quoted) {
      values.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  values.push_back(current);
  return values;
}

// Splits "path=rest" with the loader's own path check.
std::optional<std::pair<std::string, std::string>> split_assignment(std::string_view text,
                                                                    std::string& error) {
  const std::optional<Override> o = parse_override(text, error);
  if (!o) return std::nullopt;
  return std::make_pair(o->path, o->value);
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<sim::Ticks> parse_signed_duration(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  try {
    const sim::Ticks t = sim::parse_duration(negative ? text.substr(1) : text);
    return negative ? -t : t;
  } catch (const sim::DurationError&) {
    return std::nullopt;
  }
}

std::string format_signed_duration(sim::Ticks t) {
  return t < 0 ? "-" + sim::format_duration(-t) : sim::format_duration(t);
}

std::string format_number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.12g", value == 0 ? 0.0 : value);
  return buffer;
}

bool range_numbers(double start, double stop, double step, std::vector<std::string>& out) {
  if (!(step > 0) || stop < start) return false;
  const double steps = std::floor((stop - start) / step + 1e-9);
  if (steps >= static_cast<double>(kValuesMax)) return false;
  for (std::size_t i = 0; i <= static_cast<std::size_t>(steps); ++i)
    out.push_back(format_number(start + static_cast<double>(i) * step));
  return true;
}

bool range_durations(sim::Ticks start, sim::Ticks stop, sim::Ticks step,
                     std::vector<std::string>& out) {
  if (step <= 0 || stop < start || (stop - start) / step >= sim::Ticks{kValuesMax}) return false;
  for (sim::Ticks t = start; t <= stop; t += step) out.push_back(format_signed_duration(t));
  return true;
}

}  // namespace

std::optional<SweepAxis> parse_set_axis(std::string_view text, std::string& error) {
  const auto assignment = split_assignment(text, error);
  if (!assignment) return std::nullopt;
  SweepAxis axis{assignment->first, split_values(assignment->second)};
  for (const std::string& v : axis.values) {
    if (v.empty()) {
      error = "empty value in '" + std::string(text) + "' (expected PATH=V1,V2,…)";
      return std::nullopt;
    }
  }
  return axis;
}

std::optional<SweepAxis> parse_range_axis(std::string_view text, std::string& error) {
  const auto assignment = split_assignment(text, error);
  if (!assignment) return std::nullopt;
  const std::string& spec = assignment->second;
  const std::size_t a = spec.find(':');
  const std::size_t b = a == std::string::npos ? a : spec.find(':', a + 1);
  error = "'" + std::string(text) + "': expected PATH=START:STOP:STEP with STEP > 0 and "
          "START <= STOP, numbers or durations, at most 100000 values";
  if (b == std::string::npos) return std::nullopt;
  const std::string_view s(spec);
  const std::string_view start = s.substr(0, a), stop = s.substr(a + 1, b - a - 1),
                         step = s.substr(b + 1);
  SweepAxis axis{assignment->first, {}};
  const auto n0 = parse_number(start), n1 = parse_number(stop), n2 = parse_number(step);
  if (n0 && n1 && n2) return range_numbers(*n0, *n1, *n2, axis.values) ? std::optional(axis)
                                                                         : std::nullopt;
  const auto d0 = parse_signed_duration(start), d1 = parse_signed_duration(stop),
             d2 = parse_signed_duration(step);
  if (d0 && d1 && d2 && range_durations(*d0, *d1, *d2, axis.values)) return axis;
  return std::nullopt;
}

SweepGrid::SweepGrid(std::vector<SweepAxis> axes) : axes_(std::move(axes)) {
  for (const SweepAxis& axis : axes_) size_ *= axis.values.size();
}

std::vector<std::size_t> SweepGrid::coordinates(std::size_t point) const {
  std::vector<std::size_t> c(axes_.size(), 0);
  for (std::size_t k = axes_.size(); k-- > 0;) {
    c[k] = point % axes_[k].values.size();
    point /= axes_[k].values.size();
  }
  return c;
}

std::vector<Override> SweepGrid::overrides(std::size_t point) const {
  const std::vector<std::size_t> c = coordinates(point);
  std::vector<Override> out;
  for (std::size_t k = 0; k < axes_.size(); ++k)
    out.push_back(Override{axes_[k].path, axes_[k].values[c[k]]});
  return out;
}

std::string SweepGrid::label(std::size_t point) const {
  std::string out;
  for (const Override& o : overrides(point)) out += (out.empty() ? "" : " ") + o.path + "=" + o.value;
  return out;
}

std::uint64_t sweep_seed(std::uint64_t scenario_seed, std::size_t i) {
  return sim::mix64(scenario_seed ^ sim::mix64(static_cast<std::uint64_t>(i) + 1));
}

std::optional<Shard> parse_shard(std::string_view text, std::string& error) {
  const std::size_t slash = text.find('/');
  Shard shard;
  error = "--shard '" + std::string(text) + "': expected I/N with 0 <= I < N (I is 0-based)";
  if (slash == std::string_view::npos) return std::nullopt;
  const char* a = text.data();
  const char* m = a + slash;
  const char* e = a + text.size();
  const auto r1 = std::from_chars(a, m, shard.index);
  const auto r2 = std::from_chars(m + 1, e, shard.count);
  if (r1.ec != std::errc() || r1.ptr != m || r2.ec != std::errc() || r2.ptr != e) return std::nullopt;
  if (shard.count == 0 || shard.index >= shard.count) return std::nullopt;
  return shard;
}

std::string shell_quote(std::string_view word) {
  bool plain = !word.empty();
  for (const char c : word) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      std::string_view("_-./:=,+@%").find(c) != std::string_view::npos;
    plain = plain && safe;
  }
  if (plain) return std::string(word);
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string rerun_command(const std::string& file, const std::vector<Override>& overrides,
                          std::uint64_t seed) {
  std::string out = "idsim run " + shell_quote(file);
  for (const Override& o : overrides) out += " --set " + shell_quote(o.path + "=" + o.value);
  return out + " --seed " + std::to_string(seed);
}

}  // namespace scenarios
