#pragma once
// Simulated time: an integer count of microsecond ticks (MODEL.md §8 — never a double).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sim {

using Ticks = std::int64_t;

inline constexpr Ticks kTicksPerMicrosecond = 1;
inline constexpr Ticks kTicksPerMillisecond = 1'000;
inline constexpr Ticks kTicksPerSecond = 1'000'000;
inline constexpr Ticks kTicksPerMinute = 60 * kTicksPerSecond;
inline constexpr Ticks kTicksPerHour = 60 * kTicksPerMinute;
inline constexpr Ticks kTicksPerDay = 24 * kTicksPerHour;
// Longest duration idsim accepts anywhere: 100 years, far below int64 overflow,
// so sums of a few durations cannot overflow either.
inline constexpr Ticks kTicksMax = 100LL * 365 * kTicksPerDay;

constexpr Ticks seconds(std::int64_t s) { return s * kTicksPerSecond; }
constexpr Ticks milliseconds(std::int64_t ms) { return ms * kTicksPerMillisecond; }
constexpr Ticks minutes(std::int64_t m) { return m * kTicksPerMinute; }
constexpr Ticks hours(std::int64_t h) { return h * kTicksPerHour; }
constexpr double to_seconds(Ticks t) { return static_cast<double>(t) / kTicksPerSecond; }

// Rounds to the nearest tick (halves away from zero), deterministically.
Ticks from_seconds(double s);

// Thrown for text that is not a duration; what() says what was expected.
class DurationError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Parses durations as users write them: "250ms", "30s", "5m", "1h", "2d", "1.5h",
// "1h30m", "90us", "0". Units: us, ms, s, m, h, d. Negative values are refused;
// a value finer than one microsecond is refused rather than rounded.
Ticks parse_duration(std::string_view text);

// Prints the shortest exact form, largest units first: 5400 s -> "1h30m", 250 ms -> "250ms".
// parse_duration(format_duration(t)) == t for every 0 <= t <= kTicksMax.
std::string format_duration(Ticks t);

}  // namespace sim
