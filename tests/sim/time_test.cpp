#include "sim/time.h"

#include <gtest/gtest.h>

#include "sim/random.h"

namespace sim {
namespace {

TEST(Duration, ParsesEachUnitAsUsersWriteIt) {
  EXPECT_EQ(parse_duration("250ms"), milliseconds(250));
  EXPECT_EQ(parse_duration("30s"), seconds(30));
  EXPECT_EQ(parse_duration("5m"), minutes(5));
  EXPECT_EQ(parse_duration("1h"), hours(1));
  EXPECT_EQ(parse_duration("2d"), hours(48));
  EXPECT_EQ(parse_duration("90us"), 90);
  EXPECT_EQ(parse_duration("0"), 0);
}

TEST(Duration, ParsesDecimalsAndCompoundsExactly) {
  EXPECT_EQ(parse_duration("1.5h"), minutes(90));
  EXPECT_EQ(parse_duration("0.25s"), milliseconds(250));
  EXPECT_EQ(parse_duration("1h30m"), minutes(90));
  EXPECT_EQ(parse_duration("1m0.5s"), milliseconds(60'500));
}

TEST(Duration, RefusesBadTextWithAClearError) {
  for (const char* bad : {"", "5", "-5s", "5x", "h", "1.s", "5 m", "1e3s", "0.0000001s",
                          "99999999999999999d", "1.2.3s", "s5"}) {
    EXPECT_THROW(parse_duration(bad), DurationError) << bad;
  }
  try {
    parse_duration("5x");
    FAIL();
  } catch (const DurationError& e) {
    EXPECT_NE(std::string(e.what()).find("'5x'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("expected"), std::string::npos);
  }
}

TEST(Duration, PrintsTheShortestExactForm) {
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(milliseconds(250)), "250ms");
  EXPECT_EQ(format_duration(minutes(90)), "1h30m");
  EXPECT_EQ(format_duration(hours(48)), "2d");
  EXPECT_EQ(format_duration(seconds(61) + 7), "1m1s7us");
}

TEST(Duration, PrintThenParseRoundTripsEveryValue) {
  Rng rng(7, "durations");
  for (int i = 0; i < 100'000; ++i) {
    // Mix magnitudes so every unit appears: 1 us up to 100 years.
    const Ticks t = static_cast<Ticks>(rng.below(static_cast<std::uint64_t>(kTicksMax) >>
                                                 rng.below(50)));
    ASSERT_EQ(parse_duration(format_duration(t)), t) << format_duration(t);
  }
  EXPECT_EQ(parse_duration(format_duration(kTicksMax)), kTicksMax);
}

}  // namespace
}  // namespace sim
