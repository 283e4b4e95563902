#include "scenarios/explore_shrink.h"

#include <cmath>

#include "scenarios/explore_bounds.h"
#include "scenarios/explore_draw.h"
#include "sim/assert.h"

namespace scenarios {

bool Verdict::failed() const { return first_broken() != kAudit || !audit.empty(); }

std::size_t Verdict::first_broken() const {
  for (std::size_t i = 0; i < passed.size(); ++i)
    if (!passed[i]) return i;
  return kAudit;
}

bool Verdict::breaks(std::size_t check) const {
  if (check == kAudit) return !audit.empty();
  return check < passed.size() && !passed[check];
}

namespace {

using faults::FaultKind;
using faults::FaultSpec;

class Shrinker {
 public:
  Shrinker(const Schedule& failing, const Verdict& verdict, const models::WorldConfig& world,
           const ShrinkOptions& options, const Evaluate& evaluate)
      : world_(world), options_(options), evaluate_(evaluate), best_(failing), verdict_(verdict) {}

  Shrunk run() {
    bool changed = true;
    while (changed && !exhausted_) {
      changed = remove_faults();
      for (std::size_t i = 0; i < best_.size() && !exhausted_; ++i) {
        changed = shorten(i) || changed;
        changed = narrow(i) || changed;
      }
    }
    return Shrunk{best_, verdict_, steps_, !exhausted_};
  }

 private:
  // Runs `candidate`; keeps it when it still breaks the check.
  bool attempt(const Schedule& candidate) {
    if (steps_ >= options_.steps_max) {
      exhausted_ = true;
      return false;
    }
    ++steps_;
    Verdict v = evaluate_(candidate);
    if (!v.breaks(options_.check)) return false;
    best_ = candidate;
    verdict_ = std::move(v);
    return true;
  }

  // The smallest k in [1, high) whose candidate still fails, knowing `high` fails and taking
  // k = 0 as passing: a bisection, so about log2(high) runs. Returns whether it moved.
  template <typename Make>
  bool bisect_down(std::int64_t high, const Make& make) {
    std::int64_t low = 0;
    bool moved = false;
    while (high - low > 1 && !exhausted_) {
      const std::int64_t mid = low + (high - low) / 2;
      if (attempt(make(mid))) {
        high = mid;
        moved = true;
      } else {
        low = mid;
      }
    }
    return moved;
  }

  bool remove_faults() {
    bool changed = false;
    for (std::size_t i = best_.size(); i-- > 0 && !exhausted_;) {
      Schedule candidate = best_;
      candidate.erase(candidate.begin() + static_cast<std::ptrdiff_t>(i));
      changed = attempt(candidate) || changed;
    }
    return changed;
  }

  // Durations (and identity_delete's recreate_after) in whole grains.
  bool shorten(std::size_t i) {
    const Schedule base = best_;
    const FaultSpec& f = base[i];
    const sim::Ticks grain = options_.grain;
    if (kind_params(f.kind).lasts && f.duration > grain) {
      return bisect_down((f.duration + grain - 1) / grain, [&](std::int64_t k) {
        Schedule c = base;
        c[i].duration = k * grain;
        return c;
      });
    }
    if (f.kind == FaultKind::identity_delete && f.recreate_after > 0) {
      return bisect_down((f.recreate_after + grain - 1) / grain, [&](std::int64_t k) {
        Schedule c = base;
        c[i].recreate_after = k * grain;
        return c;
      });
    }
    return false;
  }

  bool narrow(std::size_t i) {
    bool changed = false;
    if (kind_params(best_[i].kind).selects_nodes || best_[i].kind == FaultKind::audience_mismatch)
      changed = narrow_place(i);
    if (kind_params(best_[i].kind).selects_nodes) changed = narrow_nodes(i) || changed;
    if (kind_params(best_[i].kind).fraction) changed = lower_fraction(i) || changed;
    return changed;
  }

  // All nodes → one zone → one fleet: the first narrower place that still fails.
  bool narrow_place(std::size_t i) {
    const faults::Selector s = best_[i].selector;
    if (s.fleet) return false;
    std::vector<faults::Selector> options;
    if (!s.zone && best_[i].kind != FaultKind::audience_mismatch) {
      const std::vector<std::string> zones = world_zones(world_);
      for (const std::string& z : zones)
        if (zones.size() > 1) options.push_back(faults::Selector{std::nullopt, z, std::nullopt, std::nullopt});
    }
    for (std::uint32_t f = 0; f < world_.fleets.size(); ++f)
      if (!s.zone || world_.fleets[f].zone == *s.zone)
        options.push_back(faults::Selector{f, std::nullopt, std::nullopt, std::nullopt});
    for (const faults::Selector& narrower : options) {
      Schedule c = best_;
      c[i].selector = narrower;
      if (attempt(c)) return true;
      if (exhausted_) return false;
    }
    return false;
  }

  // Within one fleet: the shortest prefix of the node range that still fails, else the
  // shortest suffix.
  bool narrow_nodes(std::size_t i) {
    const faults::Selector s = best_[i].selector;
    if (!s.fleet || s.zone || s.fraction) return false;
    const std::uint32_t first = s.nodes ? s.nodes->first : 0;
    const std::uint32_t last = s.nodes ? s.nodes->second : world_.fleets[*s.fleet].nodes - 1;
    const Schedule base = best_;
    auto with_nodes = [&](std::uint32_t a, std::uint32_t b) {
      Schedule c = base;
      c[i].selector.nodes = std::pair{a, b};
      return c;
    };
    const std::int64_t count = last - first + 1;
    if (bisect_down(count, [&](std::int64_t k) { return with_nodes(first, first + static_cast<std::uint32_t>(k) - 1); }))
      return true;
    return bisect_down(count, [&](std::int64_t k) { return with_nodes(last - static_cast<std::uint32_t>(k) + 1, last); });
  }

  // sts_outage's failed share, restart's share of instances: in hundredths.
  bool lower_fraction(std::size_t i) {
    const Schedule base = best_;
    const auto hundredths = static_cast<std::int64_t>(std::llround(base[i].fraction * 100));
    if (hundredths <= 1) return false;
    return bisect_down(hundredths, [&](std::int64_t k) {
      Schedule c = base;
      c[i].fraction = static_cast<double>(k) / 100;
      return c;
    });
  }

  const models::WorldConfig& world_;
  const ShrinkOptions& options_;
  const Evaluate& evaluate_;
  Schedule best_;
  Verdict verdict_;
  std::size_t steps_ = 0;
  bool exhausted_ = false;
};

}  // namespace

Shrunk shrink(const Schedule& failing, const Verdict& verdict, const models::WorldConfig& world,
              const ShrinkOptions& options, const Evaluate& evaluate) {
  SIM_ASSERT(verdict.breaks(options.check));
  SIM_ASSERT(options.steps_max <= kShrinkStepsMax && options.grain > 0);
  return Shrinker(failing, verdict, world, options, evaluate).run();
}

}  // namespace scenarios
