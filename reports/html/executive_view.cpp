#include "reports/format.h"
#include "reports/headline.h"
#include "reports/html/views.h"

namespace reports::html {

namespace {

std::string card(const std::string& label, const std::string& value, const std::string& cls = "") {
  return "<div class=\"card " + cls + "\"><div class=\"card-value\">" + xml_escape(value) +
         "</div><div class=\"card-label\">" + xml_escape(label) + "</div></div>";
}

}  // namespace

std::string executive_view(const RunReport& r) {
  const Headline h = headline(r);
  std::string verdict = h.passed ? "PASS" : "FAIL";
  std::string out = "<section id=\"executive\"><h2>Executive view</h2><div class=\"cards\">";
  out += card(integer(h.expectations - h.expectations_failed) + " of " + integer(h.expectations) +
                  " expectations met" + (r.audit.empty() ? "" : "; invariant audit FAILED"),
              verdict, h.passed ? "pass" : "fail");
  out += card("failure minutes (buckets with more than 0.1 % of calls failing auth)",
              fixed(h.failure_minutes, 0) + " min");
  out += card("auth-failure rate over the run", percent(h.auth_failure_rate));
  out += card("token issuance success rate", percent(h.issuance_success_rate));
  out += card("peak STS load", fixed(h.sts_peak_rps, 2) + " req/s");
  out += card("cost (scenario's price unit)", fixed(h.cost_total, 2));
  out += card("identities", integer(h.identities));
  out += card("resources per identity (blast radius)", fixed(h.resources_per_identity, 2));
  return out + "</div></section>";
}

}  // namespace reports::html
