#pragma once
// The grid of a parameter sweep (docs/sweep.md): axes of --set values, their combinations in
// a fixed order, the seeds of each point, and the deterministic shards of the grid.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/loader.h"

namespace scenarios {

// One swept parameter: a --set path and the values it takes, in the order given.
struct SweepAxis {
  std::string path;
  std::vector<std::string> values;
};

// "path=v1,v2,…": values split at commas outside brackets, braces and quotes, so
// "faults[0].selector.nodes=[0,9],[10,19]" gives two values. nullopt + error when malformed.
std::optional<SweepAxis> parse_set_axis(std::string_view text, std::string& error);

// "path=start:stop:step", stop included: numbers ("0.3:0.7:0.1") or durations, the start and
// stop of which may be negative ("-10m:0s:5m"). Values are start + i·step (never accumulated).
std::optional<SweepAxis> parse_range_axis(std::string_view text, std::string& error);

// The combinations of the axes: point p's coordinates are p in mixed radix, the last axis
// varying fastest (the order of the rows of sweep.csv).
class SweepGrid {
 public:
  SweepGrid() = default;
  explicit SweepGrid(std::vector<SweepAxis> axes);

  const std::vector<SweepAxis>& axes() const { return axes_; }
  std::size_t size() const { return size_; }
  std::vector<std::size_t> coordinates(std::size_t point) const;
  std::vector<Override> overrides(std::size_t point) const;
  std::string label(std::size_t point) const;  // "sts.token_ttl=2h fleets[web]…=0.5"

 private:
  std::vector<SweepAxis> axes_;
  std::size_t size_ = 1;
};

// Seed i (0-based) of every point: mix64(scenario_seed ^ mix64(i + 1)). The same K seeds at
// every point (common random numbers), so points differ only by their parameters.
std::uint64_t sweep_seed(std::uint64_t scenario_seed, std::size_t i);

// --shard I/N: point p belongs to shard p mod N (round robin, so every shard gets a share of
// each region of the grid). I is 0-based, as Kubernetes and Slurm array indices are.
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
  bool holds(std::size_t point) const { return point % count == index; }
};
std::optional<Shard> parse_shard(std::string_view text, std::string& error);

// The command that reruns one seed of one point alone:
// idsim run FILE --set 'PATH=VALUE' … --seed N (arguments quoted for a POSIX shell).
std::string rerun_command(const std::string& file, const std::vector<Override>& overrides,
                          std::uint64_t seed);
std::string shell_quote(std::string_view word);

}  // namespace scenarios
