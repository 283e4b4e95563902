#pragma once
// idsim diff: two report.json files side by side — the SLIs, cost and per-fault figures with
// their change — and, as HTML, both runs' curves on shared axes.
#include <nlohmann/json.hpp>
#include <string>

namespace reports {

std::string diff_text(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);
std::string diff_html(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);

}  // namespace reports
