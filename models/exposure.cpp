#include "models/exposure.h"

#include "models/world.h"

namespace models {

std::vector<RevocationExposure> revocation_exposures(World& world) {
  std::vector<RevocationExposure> out;
  const auto& changes = world.iam().changes();
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const RoleChange& c = changes[i];
    if (c.kind != RoleChange::Kind::revoke) continue;
    // A later grant for the same pair ends the exposure question: count only up to it.
    const sim::Ticks last_ok = world.service(c.service).last_ok_at(c.identity);
    sim::Ticks regranted_at = -1;
    for (std::size_t j = i + 1; j < changes.size(); ++j)
      if (changes[j].kind == RoleChange::Kind::grant && changes[j].identity == c.identity &&
          changes[j].service == c.service) {
        regranted_at = changes[j].at;
        break;
      }
    RevocationExposure e{i, c.at, c.propagated_at, -1};
    if (last_ok > c.at && (regranted_at < 0 || last_ok < regranted_at)) e.last_allowed_at = last_ok;
    out.push_back(e);
  }
  return out;
}

}  // namespace models
