// The end-of-run invariant audit (MODEL.md §3): every call has exactly one outcome, every STS
// request is accounted for, no token was accepted after exp + tolerance.
#include "models/world.h"

namespace models {

std::vector<std::string> World::audit() const {
  std::vector<std::string> broken;
  const Ledger& l = ledger_;
  const FleetBucket total = metrics_.all_fleets_total();
  // Calls lost in a restart were resolved then (as no_token): they are in calls_resolved.
  if (l.calls_started != l.calls_resolved + l.calls_waiting_at_end)
    broken.push_back("calls: " + std::to_string(l.calls_started) + " started != " +
                     std::to_string(l.calls_resolved) + " resolved + " +
                     std::to_string(l.calls_waiting_at_end) + " waiting at the end");
  if (total.calls_total() != l.calls_resolved)
    broken.push_back("calls: metrics count " + std::to_string(total.calls_total()) +
                     " outcomes, the ledger " + std::to_string(l.calls_resolved));
  const StsBucket sts = metrics_.sts_total();
  if (sts.requests < sts.issued + sts.failed + sts.throttled + sts.rejected)
    broken.push_back("sts: " + std::to_string(sts.requests) + " requests < issued + failed + "
                     "throttled + rejected");
  if (l.tokens_accepted_expired != 0)
    broken.push_back("tokens: " + std::to_string(l.tokens_accepted_expired) +
                     " calls accepted a token after exp + tolerance");
  return broken;
}

}  // namespace models
