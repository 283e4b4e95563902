#include "sim/time.h"

#include <array>
#include <cmath>

namespace sim {
namespace {

struct Unit {
  std::string_view suffix;
  Ticks ticks;
};
// Largest first: format_duration walks this order; "ms" must be tried before "m" when parsing.
constexpr std::array<Unit, 6> kUnits{{{"d", kTicksPerDay},
                                      {"h", kTicksPerHour},
                                      {"m", kTicksPerMinute},
                                      {"s", kTicksPerSecond},
                                      {"ms", kTicksPerMillisecond},
                                      {"us", kTicksPerMicrosecond}}};

[[noreturn]] void fail(std::string_view text, std::string_view why) {
  throw DurationError("'" + std::string(text) + "' is not a duration: " + std::string(why) +
                      " (expected e.g. 250ms, 30s, 5m, 1h30m, 2d)");
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads one unit suffix at text[pos]; returns its tick count and advances pos.
Ticks read_unit(std::string_view text, std::size_t& pos) {
  const std::string_view rest = text.substr(pos);
  for (std::string_view suffix : {"ms", "us", "d", "h", "m", "s"}) {
    if (rest.substr(0, suffix.size()) == suffix) {
      pos += suffix.size();
      for (const Unit& u : kUnits)
        if (u.suffix == suffix) return u.ticks;
    }
  }
  fail(text, rest.empty() ? "a number needs a unit" : "unknown unit");
}

}  // namespace

Ticks from_seconds(double s) { return static_cast<Ticks>(std::llround(s * kTicksPerSecond)); }

Ticks parse_duration(std::string_view text) {
  if (text.empty()) fail(text, "empty");
  if (text == "0") return 0;
  if (text.front() == '-') fail(text, "negative durations are not allowed");
  std::size_t pos = 0;
  Ticks total = 0;
  while (pos < text.size()) {
    // Integer and fraction digits are read exactly (no floating point) so that the
    // same text gives the same ticks on every machine.
    constexpr int kDigitsMax = 15;
    Ticks whole = 0;
    int whole_digits = 0;
    while (pos < text.size() && is_digit(text[pos])) {
      if (++whole_digits > kDigitsMax) fail(text, "too many digits");
      whole = whole * 10 + (text[pos++] - '0');
    }
    Ticks frac = 0;
    Ticks frac_scale = 1;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      while (pos < text.size() && is_digit(text[pos])) {
        if (frac_scale >= 1'000'000) fail(text, "more than 6 decimals");
        frac = frac * 10 + (text[pos++] - '0');
        frac_scale *= 10;
      }
      if (frac_scale == 1) fail(text, "a decimal point needs digits after it");
    }
    if (whole_digits == 0 && frac_scale == 1) fail(text, "expected a number");
    const Ticks unit = read_unit(text, pos);
    if (whole > kTicksMax / unit) fail(text, "longer than 100 years");
    if ((frac * unit) % frac_scale != 0) fail(text, "finer than one microsecond");
    total += whole * unit + (frac * unit) / frac_scale;
    if (total > kTicksMax) fail(text, "longer than 100 years");
  }
  return total;
}

std::string format_duration(Ticks t) {
  if (t == 0) return "0s";
  std::string out;
  if (t < 0) {
    out = "-";
    t = -t;
  }
  for (const Unit& u : kUnits) {
    if (t >= u.ticks) {
      out += std::to_string(t / u.ticks);
      out += u.suffix;
      t %= u.ticks;
    }
  }
  return out;
}

}  // namespace sim
