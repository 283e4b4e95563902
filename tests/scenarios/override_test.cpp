#include <gtest/gtest.h>

#include "scenario_test_util.h"

namespace {

using namespace scenario_test;
using scenarios::Override;

std::vector<Override> sets(std::initializer_list<const char*> texts) {
  std::vector<Override> out;
  for (const char* text : texts) {
    std::string error;
    auto o = scenarios::parse_override(text, error);
    EXPECT_TRUE(o.has_value()) << error;
    if (o) out.push_back(*o);
  }
  return out;
}

std::string full_json() { return read_file(test_dir() + "/valid/full.json"); }

TEST(Override, ParsesPathAndValue) {
  std::string error;
  const auto o = scenarios::parse_override("fleets[web].client.refresh.fraction=0.5", error);
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->path, "fleets[web].client.refresh.fraction");
  EXPECT_EQ(o->value, "0.5");
  EXPECT_EQ(scenarios::parse_override("a=b=c", error)->value, "b=c");
  EXPECT_FALSE(scenarios::parse_override("no-equals", error));
  EXPECT_NE(error.find("PATH=VALUE"), std::string::npos);
  EXPECT_FALSE(scenarios::parse_override("a..b=1", error));
  EXPECT_FALSE(scenarios::parse_override("a[=1", error));
  EXPECT_FALSE(scenarios::parse_override("=1", error));
  EXPECT_FALSE(scenarios::parse_override("a.=1", error));
}

TEST(Override, ByNameAndByIndex) {
  const auto r = load_json(full_json(), sets({"fleets[web].client.refresh.fraction=0.25",
                                              "faults[0].duration=5m", "fleets[1].nodes=7",
                                              "sts.token_ttl=\"2h\"", "seed=7"}));
  ASSERT_TRUE(r.scenario) << messages(r);
  EXPECT_DOUBLE_EQ(r.scenario->world.fleets[0].client.refresh.fraction, 0.25);
  EXPECT_EQ(r.scenario->faults[0].duration, sim::minutes(5));
  EXPECT_EQ(r.scenario->world.fleets[1].nodes, 7u);
  EXPECT_EQ(r.scenario->world.sts.token_ttl, sim::hours(2));
  EXPECT_EQ(r.scenario->world.seed, 7u);
  // The source echoes the document after the overrides.
  EXPECT_EQ(r.scenario->source["faults"][0]["duration"], "5m");
  EXPECT_EQ(r.scenario->source["fleets"][0]["client"]["refresh"]["fraction"], 0.25);
}

TEST(Override, ValuesParseAsJsonElseString) {
  const auto r = load_json(full_json(), sets({"fleets[batch].daily_profile=[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]",
                                              "fleets[web].warm_start=false",
                                              "description=a plain string"}));
  ASSERT_TRUE(r.scenario) << messages(r);
  EXPECT_EQ(r.scenario->world.fleets[1].daily_profile.size(), 24u);
  EXPECT_FALSE(r.scenario->world.fleets[0].warm_start);
  EXPECT_EQ(r.scenario->description, "a plain string");
}

TEST(Override, AKeyAbsentFromTheFileMayBeAdded) {
  const auto r = load_json(full_json(), sets({"sts.rate_limit_per_s=5", "metadata.concurrency_max=9"}));
  ASSERT_TRUE(r.scenario) << messages(r);
  EXPECT_DOUBLE_EQ(r.scenario->world.sts.rate_limit_per_s, 5);
  EXPECT_EQ(r.scenario->world.endpoint.concurrency_max, 9u);
  // …but an unknown key is then refused by validation.
  const auto bad = load_json(full_json(), sets({"sts.rate_limt_per_s=5"}));
  ASSERT_EQ(bad.errors.size(), 1u) << messages(bad);
  EXPECT_EQ(bad.errors[0].path, "sts.rate_limt_per_s");
  EXPECT_EQ(bad.errors[0].found, "an unknown key");
}

TEST(Override, UnknownPathsAreErrors) {
  const auto name = load_json(full_json(), sets({"fleets[api].nodes=3"}));
  ASSERT_EQ(name.errors.size(), 1u) << messages(name);
  EXPECT_EQ(name.errors[0].path, "fleets[api]");
  EXPECT_NE(name.errors[0].expected.find("web, batch"), std::string::npos);
  const auto index = load_json(full_json(), sets({"faults[9].duration=5m"}));
  ASSERT_EQ(index.errors.size(), 1u) << messages(index);
  EXPECT_EQ(index.errors[0].path, "faults[9]");
  const auto middle = load_json(full_json(), sets({"nothing.here=1"}));
  ASSERT_EQ(middle.errors.size(), 1u);
  EXPECT_EQ(middle.errors[0].path, "nothing");
  const auto through_scalar = load_json(full_json(), sets({"seed.x=1"}));
  ASSERT_EQ(through_scalar.errors.size(), 1u);
  EXPECT_EQ(through_scalar.errors[0].path, "seed.x");
}

TEST(Override, AppliesToYamlToo) {
  const auto r = scenarios::load_scenario_file(test_dir() + "/valid/full.yaml",
                                               sets({"fleets[web].client.refresh.fraction=0.5"}));
  ASSERT_TRUE(r.scenario) << messages(r);
  EXPECT_DOUBLE_EQ(r.scenario->world.fleets[0].client.refresh.fraction, 0.5);
}

TEST(Override, BadValueIsAValidationError) {
  const auto r = load_json(full_json(), sets({"fleets[web].client.refresh.fraction=1.5"}));
  ASSERT_EQ(r.errors.size(), 1u) << messages(r);
  EXPECT_EQ(r.errors[0].message(),
            "test.json: fleets[0].client.refresh.fraction: found 1.5, expected a number in [0, 1)");
}

}  // namespace
