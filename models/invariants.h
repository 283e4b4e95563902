#pragma once
// The model invariants checked after every event under --paranoid (docs/reliability.md): the
// end-of-run audit's conservation laws (models/audit.cpp) held at every instant, plus what only
// holds in flight. Read-only: a checked run dispatches exactly the events an unchecked one does.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/observer.h"
#include "sim/time.h"

namespace models {

class World;

// The first broken invariant: after which event, at what time, and what broke.
struct Violation {
  sim::Ticks at = 0;
  std::uint64_t event = 0;  // the kernel's insertion sequence of the event just dispatched
  std::string what;
};

class InvariantChecker final : public sim::AfterEvent {
 public:
  explicit InvariantChecker(World& world);

  // Checks everything; on the first violation records it and stops the simulator.
  void after_event(const sim::DispatchInfo& info) override;
  const std::optional<Violation>& violation() const { return violation_; }
  std::uint64_t events_checked() const { return events_checked_; }

  // The checks on the world as it is now: the first broken invariant, or "" when all hold.
  // Call it at most once per event: it moves the checker's clock and bucket totals forward.
  std::string check(const sim::DispatchInfo& info);

 private:
  // STS counters of the buckets before the open one (bucket_of(now)); the STS counts into
  // the bucket of now, so the whole-run totals are these plus the open bucket.
  struct StsTotals {
    std::uint64_t requests = 0, answered = 0;
  };
  std::string check_clock(const sim::DispatchInfo& info);
  std::string check_calls() const;
  std::string check_sts();
  std::string check_queues() const;
  std::string check_tokens() const;
  StsTotals sts_totals();

  World& world_;
  sim::Ticks last_at_ = 0;
  std::uint64_t last_event_ = 0;
  std::size_t open_bucket_ = 0;
  StsTotals closed_;
  std::uint64_t events_checked_ = 0;
  std::optional<Violation> violation_;
};

}  // namespace models
