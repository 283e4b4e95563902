// The on-call view's "who": 401/403 counted at the target service that returned them, and
// metadata-endpoint errors counted at the node whose endpoint failed — in the metrics, in
// report.json and in the HTML. The small run revokes batch-id's role on vault (80–95 m) and
// blocks IMDS on zone-a, where only the web fleet's four nodes live (30–70 m).
#include <gtest/gtest.h>

#include "reports/html/report_html.h"
#include "reports/top_lists.h"
#include "report_fixture.h"
#include "xml.h"

namespace {

const scenarios::Run& small_run() { return reports_test::small_report().run; }

TEST(OncallLists, EveryRejectionIsCountedOnceAtTheServiceThatReturnedIt) {
  const models::Metrics& m = small_run().world().metrics();
  ASSERT_EQ(m.service_count(), 2u);
  for (std::size_t b = 0; b < m.bucket_count(); ++b) {
    std::uint64_t fleets_401 = 0, fleets_403 = 0, services_401 = 0, services_403 = 0;
    for (std::size_t f = 0; f < m.fleet_count(); ++f) {
      fleets_401 += m.fleet_at(f, b).calls[2];
      fleets_403 += m.fleet_at(f, b).calls[3];
    }
    for (std::size_t s = 0; s < m.service_count(); ++s) {
      services_401 += m.service_at(s, b).unauthorized;
      services_403 += m.service_at(s, b).forbidden;
    }
    ASSERT_EQ(services_401, fleets_401) << "bucket " << b;
    ASSERT_EQ(services_403, fleets_403) << "bucket " << b;
  }
}

TEST(OncallLists, TheRevokedRolesForbiddenCallsLandOnVaultAlone) {
  const models::Metrics& m = small_run().world().metrics();
  const models::ServiceBucket storage = m.service_total(0), vault = m.service_total(1);
  EXPECT_EQ(storage.forbidden, 0u);
  EXPECT_GT(vault.forbidden, 0u);
  EXPECT_EQ(vault.forbidden, m.fleet_total(1).calls[3]);  // batch calls only vault
  EXPECT_GT(storage.calls, vault.calls);                   // web calls storage at 1/s, vault at 0.2/s

  const auto top = reports::top_rejecting_services(small_run(), 10);
  ASSERT_EQ(top.size(), 1u);  // storage returned none: not listed
  EXPECT_EQ(top[0].service, 1u);
  const nlohmann::ordered_json j = reports::report_json(reports_test::small_report());
  EXPECT_EQ(j.at("services").at("vault").at("403"), vault.forbidden);
  EXPECT_EQ(j.at("services").at("storage").at("403"), 0u);
  EXPECT_EQ(j.at("series").at(45).at("services").at("vault").at("403"), m.service_at(1, 45).forbidden);
}

TEST(OncallLists, EndpointErrorsArePinnedToTheBlockedNodes) {
  const models::World& world = small_run().world();
  const models::Metrics& m = world.metrics();
  ASSERT_EQ(m.node_count(), 6u);  // web 4 nodes, batch 2
  std::uint64_t unanswered = 0, throttled = 0;
  for (std::uint32_t n = 0; n < m.node_count(); ++n) {
    const models::NodeEndpointErrors& e = m.node_at(n);
    unanswered += e.unanswered;
    throttled += e.throttled;
    if (world.node(n).fleet == 1) {
      EXPECT_EQ(e.total(), 0u) << "batch node " << n;  // zone-b
    }
    if (e.unanswered == 0) continue;
    EXPECT_GE(e.first_at, sim::minutes(30)) << n;  // inside the block
    EXPECT_LE(e.last_at, sim::minutes(70)) << n;
  }
  const models::FleetBucket all = m.all_fleets_total();
  EXPECT_GT(unanswered, 0u);
  EXPECT_EQ(unanswered, all.endpoint_unanswered);
  EXPECT_EQ(throttled, all.endpoint_throttled);

  const auto top = reports::top_error_nodes(small_run(), 3);
  ASSERT_FALSE(top.empty());
  EXPECT_LE(top.size(), 3u);
  for (std::size_t i = 0; i < top.size(); ++i) {
    EXPECT_EQ(top[i].fleet, 0u);
    EXPECT_EQ(top[i].zone, "zone-a");
    if (i > 0) {
      EXPECT_GE(top[i - 1].errors.total(), top[i].errors.total());
    }
  }
  const nlohmann::ordered_json j = reports::report_json(reports_test::small_report());
  const auto& nodes = j.at("nodes_with_endpoint_errors");
  EXPECT_EQ(nodes.at("nodes"), 6u);
  EXPECT_EQ(nodes.at("count"), reports::nodes_with_errors(small_run()));
  EXPECT_EQ(nodes.at("top").at(0).at("fleet"), "web");
  EXPECT_EQ(nodes.at("top").at(0).at("unanswered"), top[0].errors.unanswered);
}

TEST(OncallLists, HtmlOncallViewListsTheServicesAndNodes) {
  const auto root = reports_test::parse_xml(reports::report_html(reports_test::small_report()));
  auto rows_of = [&](const std::string& id) {
    std::vector<std::string> first_cells;
    root->visit([&](const reports_test::XmlNode& n) {
      if (!n.attribute("id") || *n.attribute("id") != id) return;
      for (const reports_test::XmlNode* tr : n.all("tr"))
        if (!tr->all("td").empty()) first_cells.push_back(tr->all("td")[0]->text);
    });
    return first_cells;
  };
  EXPECT_EQ(rows_of("rejecting-services"), std::vector<std::string>{"vault"});
  const auto nodes = rows_of("error-nodes");
  ASSERT_FALSE(nodes.empty());
  EXPECT_EQ(nodes[0].rfind("web #", 0), 0u) << nodes[0];
}

}  // namespace
