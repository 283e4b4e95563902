// report.html: one self-contained page that parses as XML, with well-formed inline SVG charts
// carrying the expected series, the fault bands and role-change markers.
#include <gtest/gtest.h>

#include <set>

#include "reports/html/report_html.h"
#include "report_fixture.h"
#include "xml.h"

namespace {

using reports_test::XmlNode;

const XmlNode& chart(const XmlNode& root, const std::string& id) {
  for (const XmlNode* svg : root.all("svg"))
    if (*svg->attribute("id") == id) return *svg;
  throw std::runtime_error("no chart " + id);
}

std::set<std::string> series_of(const XmlNode& svg) {
  std::set<std::string> names;
  svg.visit([&](const XmlNode& n) {
    if (const std::string* s = n.attribute("data-series")) names.insert(*s);
  });
  return names;
}

TEST(Html, IsSelfContainedAndWellFormed) {
  const std::string html = reports::report_html(reports_test::small_report());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  const auto root = reports_test::parse_xml(html);
  EXPECT_EQ(root->name, "html");
  for (const char* view : {"executive", "oncall", "debug", "faults", "expectations"}) {
    bool found = false;
    root->visit([&](const XmlNode& n) { found = found || (n.attribute("id") && *n.attribute("id") == view); });
    EXPECT_TRUE(found) << view;
  }
}

TEST(Html, ChartsHaveTheirSeriesAxesAndLegends) {
  const auto root = reports_test::parse_xml(reports::report_html(reports_test::small_report()));
  EXPECT_EQ(root->all("svg").size(), 5u);
  EXPECT_EQ(series_of(chart(*root, "chart-auth-failures")),
            (std::set<std::string>{"no token", "401 unauthorized", "403 forbidden"}));
  EXPECT_EQ(series_of(chart(*root, "chart-fetch-latency")), (std::set<std::string>{"p50", "p95", "p99"}));
  EXPECT_EQ(series_of(chart(*root, "chart-cost")),
            (std::set<std::string>{"issuance", "capacity", "endpoint", "failure"}));
  EXPECT_EQ(series_of(chart(*root, "chart-request-rates")).size(), 4u);
  for (const XmlNode* svg : root->all("svg")) {
    std::size_t legends = 0, axis_titles = 0;
    svg->visit([&](const XmlNode& n) {
      const std::string* cls = n.attribute("class");
      legends += cls && *cls == "legend";
      axis_titles += cls && *cls == "axis-title";
    });
    EXPECT_EQ(legends, 1u) << *svg->attribute("id");
    EXPECT_EQ(axis_titles, 2u) << *svg->attribute("id");
  }
}

TEST(Html, FaultWindowsAreShadedAndLabelledAndRoleChangesMarked) {
  const auto root = reports_test::parse_xml(reports::report_html(reports_test::small_report()));
  std::vector<std::string> bands, markers;
  chart(*root, "chart-auth-failures").visit([&](const XmlNode& n) {
    if (const std::string* f = n.attribute("data-fault")) bands.push_back(*f);
    if (const std::string* m = n.attribute("data-marker")) markers.push_back(*m);
  });
  EXPECT_EQ(bands, (std::vector<std::string>{"IMDS blocked zone-a", "vault role revoked",
                                             "vault role restored"}));
  ASSERT_EQ(markers.size(), 2u);
  EXPECT_EQ(markers[0].rfind("role revoked: batch-id on vault", 0), 0u) << markers[0];
}

}  // namespace
