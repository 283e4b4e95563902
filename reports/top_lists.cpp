#include "reports/top_lists.h"

#include <algorithm>

namespace reports {

std::vector<ServiceRejections> top_rejecting_services(const scenarios::Run& run, std::size_t limit) {
  const models::Metrics& m = run.world().metrics();
  std::vector<ServiceRejections> out;
  for (std::uint32_t s = 0; s < m.service_count(); ++s) {
    const ServiceRejections row{s, m.service_total(s)};
    if (row.rejected() > 0) out.push_back(row);
  }
  std::stable_sort(out.begin(), out.end(), [](const ServiceRejections& a, const ServiceRejections& b) {
    return a.rejected() > b.rejected();
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<NodeErrors> top_error_nodes(const scenarios::Run& run, std::size_t limit) {
  const models::World& world = run.world();
  const models::Metrics& m = world.metrics();
  std::vector<std::uint32_t> nodes;  // may be 10^6: sort only the first `limit`
  for (std::uint32_t n = 0; n < m.node_count(); ++n)
    if (m.node_at(n).total() > 0) nodes.push_back(n);
  const std::size_t shown = std::min(limit, nodes.size());
  std::partial_sort(nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(shown), nodes.end(),
                    [&](std::uint32_t a, std::uint32_t b) {
                      const std::uint64_t x = m.node_at(a).total(), y = m.node_at(b).total();
                      return x != y ? x > y : a < b;
                    });
  std::vector<NodeErrors> out;
  for (std::size_t i = 0; i < shown; ++i) {
    const std::uint32_t n = nodes[i];
    const models::Node& node = world.node(n);
    out.push_back({n, node.fleet, n - world.fleet(node.fleet).first_node(), world.zones()[node.zone],
                   m.node_at(n)});
  }
  return out;
}

std::size_t nodes_with_errors(const scenarios::Run& run) {
  const models::Metrics& m = run.world().metrics();
  std::size_t count = 0;
  for (std::uint32_t n = 0; n < m.node_count(); ++n) count += m.node_at(n).total() > 0 ? 1 : 0;
  return count;
}

}  // namespace reports
