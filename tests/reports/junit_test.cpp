// junit.xml: well-formed, one test case per expectation, failures naming value and bound.
#include <gtest/gtest.h>

#include "reports/junit.h"
#include "report_fixture.h"
#include "xml.h"

namespace {

TEST(Junit, ParsesBackWithOneCasePerExpectation) {
  const auto& report = reports_test::small_report();
  const auto root = reports_test::parse_xml(reports::junit_xml({reports::junit_suite(report)}));
  EXPECT_EQ(root->name, "testsuites");
  const auto cases = root->all("testcase");
  ASSERT_EQ(cases.size(), report.expectations.size());
  std::size_t failed = 0;
  for (const auto& e : report.expectations) failed += e.passed ? 0 : 1;
  EXPECT_EQ(root->all("failure").size(), failed);
  EXPECT_EQ(*root->attribute("failures"), std::to_string(failed));
}

TEST(Junit, FailureNamesMetricValueAndBound) {
  const auto& report = reports_test::small_report();
  const auto root = reports_test::parse_xml(reports::junit_xml({reports::junit_suite(report)}));
  for (const reports_test::XmlNode* f : root->all("failure")) {
    const std::string& message = *f->attribute("message");
    EXPECT_NE(message.find(" = "), std::string::npos) << message;
    EXPECT_NE(message.find("bound "), std::string::npos) << message;
    EXPECT_NE(f->text.find("measured: "), std::string::npos);
  }
  EXPECT_NE(root->all("failure").at(0)->attribute("message")->find("no_token_rate"), std::string::npos);
}

TEST(Junit, LoadErrorIsAnError) {
  const auto root = reports_test::parse_xml(
      reports::junit_xml({reports::junit_load_error("a<b>.json", "bad & broken")}));
  EXPECT_EQ(root->all("error").size(), 1u);
  EXPECT_EQ(root->all("error")[0]->text, "bad & broken");
}

// XML 1.0 cannot carry most C0 controls at all; a message that quotes one (an ESC from a
// scenario's JSON "\u001b") still gives a document an XML reader accepts.
TEST(Junit, ControlCharactersInAMessageAreWrittenAsVisibleText) {
  const auto root = reports_test::parse_xml(reports::junit_xml(
      {reports::junit_load_error("a.json", "name: found \"a\x01\x1b[31m\"\tand\nmore")}));
  EXPECT_EQ(root->all("error").at(0)->text, "name: found \"a\\x01\\x1b[31m\"\tand\nmore");
}

// junit.xml escapes markup and controls, but copies text as it is: messages must already be
// UTF-8, which the scenario loader guarantees (scenarios::detail::to_valid_utf8).
TEST(Junit, TextThatIsNotUtf8WouldNotBeXml) {
  const std::string xml = reports::junit_xml({reports::junit_load_error("a.json", "caf\xe9")});
  EXPECT_THROW(reports_test::parse_xml(xml), std::runtime_error);
}

}  // namespace
