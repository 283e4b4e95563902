// Validator sections for fleets and their clients.
#include "models/metrics.h"
#include "models/presets.h"
#include "scenarios/validate.h"

namespace scenarios::detail {
namespace {

void check_calls(Context& c, const Json& f, const std::string& path, models::FleetConfig& out) {
  const Json* calls = c.check.array(f, path, "calls", 1, kCallsPerFleetMax, true, kCallsLimit);
  if (calls == nullptr) return;
  for (std::size_t i = 0; i < calls->size(); ++i) {
    const Json& e = (*calls)[i];
    const std::string p = index_path(child_path(path, "calls"), i);
    models::CallConfig& call = out.calls.emplace_back();
    if (!c.check.object(e, p)) continue;
    c.check.keys(e, p, {"service", "rate_per_s"});
    Checker::set(call.service, reference(c, e, p, "service", c.services, "service", true));
    Checker::set(call.rate_per_s, c.check.number(e, p, "rate_per_s", {0, 1'000'000}));
  }
}

void check_daily_profile(Context& c, const Json& f, const std::string& path,
                         models::FleetConfig& out) {
  const Json* profile = c.check.array(f, path, "daily_profile", 24, 24);
  if (profile == nullptr) return;
  for (std::size_t i = 0; i < profile->size(); ++i) {
    const Json& v = (*profile)[i];
    if (v.is_number() && NumberRange{0, 1'000}.contains(v.get<double>())) {
      out.daily_profile.push_back(v.get<double>());
    } else {
      c.check.fail(index_path(child_path(path, "daily_profile"), i), describe(v),
                   NumberRange{0, 1'000}.text());
    }
  }
}

void check_fleet(Context& c, const Json& f, const std::string& p, std::uint32_t index,
                 models::FleetConfig& out) {
  Checker& k = c.check;
  k.keys(f, p, {"name", "nodes", "instances_per_node", "zone", "identity", "calls",
                "daily_profile", "client", "warm_start", "instance_lifetime_mean", "clock_skew"});
  Checker::set(out.name, declare_name(c, f, p, c.fleets, index));
  if (auto v = k.integer(f, p, "nodes", 1, kNodesMax, false, kNodesLimit)) out.nodes = static_cast<std::uint32_t>(*v);
  if (auto v = k.integer(f, p, "instances_per_node", 1, kInstancesPerNodeMax, false, kInstancesPerNodeLimit))
    out.instances_per_node = static_cast<std::uint32_t>(*v);
  const std::uint64_t instances = std::uint64_t{out.nodes} * out.instances_per_node;
  if (instances > kInstancesMax) {
    k.fail(p, "nodes × instances_per_node = " + std::to_string(instances),
           "at most " + std::to_string(kInstancesMax) + " instances per fleet (" +
               std::string(kInstancesLimit) + ")");
  }
  if (auto zone = k.string(f, p, "zone")) {
    if (zone->empty()) k.fail(child_path(p, "zone"), "\"\"", "a zone name");
    out.zone = *zone;
  }
  Checker::set(out.identity, reference(c, f, p, "identity", c.identities, "identity", true));
  check_calls(c, f, p, out);
  check_daily_profile(c, f, p, out);
  const std::string client_text = "an object with a \"preset\" (" + one_of(models::preset_names()) + ")";
  if (const Json* client = k.get(f, p, "client", true, client_text)) {
    if (k.object(*client, child_path(p, "client"))) check_client(k, *client, child_path(p, "client"), out.client);
  }
  Checker::set(out.warm_start, k.boolean(f, p, "warm_start"));
  Checker::set(out.instance_lifetime_mean, k.duration(f, p, "instance_lifetime_mean", {0, kRunMax}));
  Checker::set(out.clock_skew, k.duration(f, p, "clock_skew", {0, 0, true}));
}

}  // namespace

void check_fleets(Context& c) {
  const std::size_t before = c.check.error_count();
  const Json* list = c.check.array(c.doc, "", "fleets", 1, kFleetsMax, true, kFleetsLimit);
  if (list == nullptr) return;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& f = (*list)[i];
    const std::string p = index_path("fleets", i);
    models::FleetConfig& out = c.world.fleets.emplace_back();
    if (!c.check.object(f, p)) continue;
    check_fleet(c, f, p, static_cast<std::uint32_t>(i), out);
    total += std::uint64_t{out.nodes} * out.instances_per_node;
  }
  if (total > kInstancesMax) {
    c.check.fail("fleets", std::to_string(total) + " instances in all fleets",
                 "at most " + std::to_string(kInstancesMax) + " instances in all fleets together (" +
                     std::string(kInstancesLimit) + ")");
  }
  c.fleets_ok = c.check.error_count() == before;
}

namespace {

// The per-service 401/403 series: services × buckets cells of 24 B.
void check_service_cells(Context& c, std::uint64_t buckets) {
  const std::uint64_t cells = buckets * c.world.services.size();
  if (cells <= models::Metrics::kServiceCellsMax) return;
  c.check.fail("services",
               std::to_string(c.world.services.size()) + " services × " + std::to_string(buckets) +
                   " buckets = " + std::to_string(cells) + " service cells",
               "at most " + std::to_string(models::Metrics::kServiceCellsMax) +
                   " (services × ceil(duration / bucket), models::Metrics::kServiceCellsMax): "
                   "use a larger bucket, a shorter duration or fewer services");
}

}  // namespace

void check_report_cells(Context& c) {
  const Json* fleets = c.doc.is_object() && c.doc.contains("fleets") ? &c.doc["fleets"] : nullptr;
  if (!c.duration || fleets == nullptr || !fleets->is_array()) return;
  const auto bucket = static_cast<std::uint64_t>(c.world.bucket);
  const std::uint64_t buckets = (static_cast<std::uint64_t>(*c.duration) + bucket - 1) / bucket;
  check_service_cells(c, buckets);
  const std::uint64_t cells = buckets * fleets->size();
  if (cells <= models::Metrics::kCellsMax) return;
  c.check.fail("bucket",
               sim::format_duration(c.world.bucket) + ": " + std::to_string(buckets) +
                   " buckets × " + std::to_string(fleets->size()) + " fleets = " +
                   std::to_string(cells) + " report cells",
               "at most " + std::to_string(models::Metrics::kCellsMax) +
                   " report cells (fleets × ceil(duration / bucket), models::Metrics::kCellsMax): "
                   "use a larger bucket, a shorter duration or fewer fleets");
}

}  // namespace scenarios::detail
