#pragma once
// The on-call view's "who" lists, shared by report.json and report.html: the target services
// returning most 401/403 and the nodes whose metadata endpoint failed most.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/metrics.h"
#include "scenarios/run.h"

namespace reports {

struct ServiceRejections {
  std::uint32_t service = 0;
  models::ServiceBucket totals;  // over the run
  std::uint64_t rejected() const { return totals.unauthorized + totals.forbidden; }
};
// Services with any 401 or 403, most first (ties: scenario order); at most `limit`.
std::vector<ServiceRejections> top_rejecting_services(const scenarios::Run& run, std::size_t limit);

struct NodeErrors {
  std::uint32_t node = 0;           // world-wide node index
  std::uint32_t fleet = 0;
  std::uint32_t node_in_fleet = 0;  // as selectors count it ("nodes": [first, last])
  std::string zone;
  models::NodeEndpointErrors errors;
};
// Nodes whose endpoint had any error, most errors first (ties: node order); at most `limit`.
std::vector<NodeErrors> top_error_nodes(const scenarios::Run& run, std::size_t limit);
std::size_t nodes_with_errors(const scenarios::Run& run);

}  // namespace reports
