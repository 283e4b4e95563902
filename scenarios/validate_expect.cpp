// Validator section for expectations: metric, bounds, window and fleet.
#include <algorithm>

#include "scenarios/validate.h"

namespace scenarios::detail {

namespace {

std::string fault_index_text(std::size_t faults) {
  if (faults == 0) return "a fault index, but the scenario has no faults";
  return "a fault index in 0.." + std::to_string(faults - 1);
}

// A fault's end, or nullopt when it lasts to the end of the run.
std::optional<sim::Ticks> fault_end(const faults::FaultSpec& f) {
  const bool one_shot = f.kind == faults::FaultKind::identity_delete || f.kind == faults::FaultKind::restart;
  if (one_shot) return f.at + f.spread;
  if (f.duration == 0) return std::nullopt;
  return f.at + f.duration;
}

void check_fault_window(Context& c, const Json& w, const std::string& p, std::string_view key,
                        const std::vector<faults::FaultSpec>& faults, Expectation& out) {
  const Json* k = c.check.get(w, p, key, true, fault_index_text(faults.size()));
  if (k == nullptr) return;
  if (!k->is_number_unsigned() || k->get<std::uint64_t>() >= faults.size()) {
    c.check.fail(child_path(p, key), describe(*k), fault_index_text(faults.size()));
    return;
  }
  out.fault = k->get<std::uint32_t>();
  out.window = key == "during" ? Expectation::Window::during_fault : Expectation::Window::after_fault;
  if (key == "after" && !fault_end(faults[out.fault])) {
    c.check.fail(child_path(p, key), describe(w["after"]),
                 "a fault that ends before the run does (faults[" + std::to_string(out.fault) +
                     "] has no duration: the window after it would be empty)");
  }
}

void check_range_window(Context& c, const Json& w, const std::string& p, Expectation& out) {
  const auto from = c.check.duration(w, p, "from", {0, kRunMax}, true);
  const auto to = c.check.duration(w, p, "to", {1, kRunMax}, true);
  if (!from || !to) return;
  out.window = Expectation::Window::range;
  out.from = *from;
  out.to = *to;
  if (*from >= *to) c.check.fail(p, describe(w), "from < to");
  if (c.duration && *to > *c.duration) {
    c.check.fail(child_path(p, "to"), describe(w["to"]),
                 "a time within the run (duration " + sim::format_duration(*c.duration) + ")");
  }
}

void check_window(Context& c, const Json& e, const std::string& path,
                  const std::vector<faults::FaultSpec>& faults, Expectation& out) {
  constexpr std::string_view kWindows =
      "\"run\", {\"during\": k}, {\"after\": k} or {\"from\": d, \"to\": d}";
  const Json* w = c.check.get(e, path, "window");
  const std::string p = child_path(path, "window");
  if (w == nullptr || (w->is_string() && *w == "run")) return;
  if (!w->is_object() || w->empty()) {
    c.check.fail(p, describe(*w), std::string(kWindows));
    return;
  }
  if (w->contains("during") || w->contains("after")) {
    const std::string_view key = w->contains("during") ? "during" : "after";
    c.check.keys(*w, p, {key});
    check_fault_window(c, *w, p, key, faults, out);
    return;
  }
  c.check.keys(*w, p, {"from", "to"});
  check_range_window(c, *w, p, out);
}

std::string window_text(const Expectation& e) {
  switch (e.window) {
    case Expectation::Window::run: return "run";
    case Expectation::Window::during_fault: return "during faults[" + std::to_string(e.fault) + "]";
    case Expectation::Window::after_fault: return "after faults[" + std::to_string(e.fault) + "]";
    case Expectation::Window::range:
      return "from " + sim::format_duration(e.from) + " to " + sim::format_duration(e.to);
  }
  return "";
}

// {"slo": 0.999, "period": "30d", "sli": "call_success"}: period and sli have defaults.
void check_objective(Context& c, const Json& e, const std::string& p, BurnRateExpectation& out) {
  const Json* b = c.check.get(e, p, "burn_rate");
  const std::string path = child_path(p, "burn_rate");
  if (!c.check.object(*b, path)) return;
  c.check.keys(*b, path, {"slo", "period", "sli"});
  Checker::set(out.objective.slo, c.check.number(*b, path, "slo", {0, 1, true, true}, true));
  Checker::set(out.objective.period,
               c.check.duration(*b, path, "period", {kPeriodMin, kPeriodMax}, false));
  Checker::set(out.sli, c.check.choice<Sli>(*b, path, "sli",
                                            {{"call_success", Sli::call_success},
                                             {"issuance_success", Sli::issuance_success}}));
}

// Exactly one of "page_within": DURATION (a page must fire that soon) and "no_page": true.
void check_page(Context& c, const Json& e, const std::string& p, BurnRateExpectation& out) {
  const bool within = e.contains("page_within");
  if (within == e.contains("no_page")) {
    c.check.fail(p, within ? "both page_within and no_page" : "neither page_within nor no_page",
                 "exactly one of page_within (a duration) and no_page (true)");
    return;
  }
  if (within) {
    out.page_within = c.check.duration(e, p, "page_within", {sim::seconds(1), kRunMax}, true);
    return;
  }
  const std::optional<bool> no_page = c.check.boolean(e, p, "no_page");
  if (no_page && !*no_page)
    c.check.fail(child_path(p, "no_page"), "false",
                 "true (to expect a page, give page_within instead)");
}

void check_burn_rate(Context& c, const Json& e, const std::string& p, std::size_t index,
                     const std::vector<faults::FaultSpec>& faults, Expectation& out) {
  c.check.keys(e, p, {"burn_rate", "page_within", "no_page", "window", "fleet", "label"});
  BurnRateExpectation& rule = out.burn_rate.emplace();
  check_objective(c, e, p, rule);
  check_page(c, e, p, rule);
  check_window(c, e, p, faults, out);
  out.fleet = reference(c, e, p, "fleet", c.fleets, "fleet", false);
  if (out.fleet && rule.sli == Sli::issuance_success)
    c.check.fail(child_path(p, "fleet"), describe(e["fleet"]),
                 "no fleet with sli issuance_success (the STS serves every fleet)");
  out.metric = "time_to_page_s";
  if (rule.page_within) out.max = sim::to_seconds(*rule.page_within);
  out.label = "expect[" + std::to_string(index) + "] burn_rate slo ";
  if (e["burn_rate"].is_object() && e["burn_rate"].contains("slo")) out.label += e["burn_rate"]["slo"].dump();
  out.label += " over " + sim::format_duration(rule.objective.period) + " " + to_string(rule.sli);
  out.label += rule.page_within ? " pages within " + sim::format_duration(*rule.page_within) : " no page";
  out.label += " " + window_text(out);
  if (out.fleet) out.label += " fleet " + e["fleet"].get<std::string>();
  Checker::set(out.label, c.check.string(e, p, "label"));
}

void check_one(Context& c, const Json& e, const std::string& p, std::size_t index,
               const std::vector<faults::FaultSpec>& faults, Expectation& out) {
  if (e.contains("burn_rate")) return check_burn_rate(c, e, p, index, faults, out);
  c.check.keys(e, p, {"metric", "max", "min", "window", "fleet", "label"});
  Checker::set(out.metric, c.check.string(e, p, "metric", true));
  const auto& metrics = metric_names();
  if (e.contains("metric") && e["metric"].is_string() &&
      std::find(metrics.begin(), metrics.end(), out.metric) == metrics.end()) {
    c.check.fail(child_path(p, "metric"), describe(e["metric"]), one_of(metrics));
  }
  out.max = c.check.number(e, p, "max", {});
  out.min = c.check.number(e, p, "min", {});
  if (!e.contains("max") && !e.contains("min")) c.check.fail(p, "neither max nor min", "max and/or min");
  if (out.max && out.min && *out.min > *out.max) c.check.fail(p, "min > max", "min <= max");
  check_window(c, e, p, faults, out);
  out.fleet = reference(c, e, p, "fleet", c.fleets, "fleet", false);
  out.label = "expect[";
  out.label += std::to_string(index);
  out.label += "] ";
  out.label += out.metric;
  if (out.max) out.label += " <= " + e["max"].dump();
  if (out.min) out.label += " >= " + e["min"].dump();
  out.label += " " + window_text(out);
  if (out.fleet) out.label += " fleet " + e["fleet"].get<std::string>();
  Checker::set(out.label, c.check.string(e, p, "label"));
}

}  // namespace

void check_expect(Context& c, const std::vector<faults::FaultSpec>& faults,
                  std::vector<Expectation>& out) {
  const Json* list = c.check.array(c.doc, "", "expect", 0, kExpectationsMax, false, kExpectationsLimit);
  if (list == nullptr) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& e = (*list)[i];
    const std::string p = index_path("expect", i);
    Expectation& expectation = out.emplace_back();
    if (c.check.object(e, p)) check_one(c, e, p, i, faults, expectation);
  }
}

}  // namespace scenarios::detail
