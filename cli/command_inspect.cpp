// idsim validate / explain / schema / presets: look at scenarios without running them.
#include <algorithm>
#include <cstdio>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/scenario_input.h"
#include "models/endpoint_flavors.h"
#include "models/presets.h"
#include "scenarios/schema.h"

namespace cli {

namespace po = boost::program_options;

namespace {

bool files_and_sets(const std::string& command, const Args& args, std::vector<std::string>& files,
                    std::vector<std::string>& sets) {
  po::options_description description(command + " options");
  description.add_options()("set", po::value(&sets)->composing(), "override PATH=VALUE")(
      "files", po::value(&files), "scenario files");
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map values;
  if (!parse_args(command, args, description, positional, values)) return false;
  if (files.empty()) {
    std::fprintf(stderr, "idsim %s: no file given (usage: idsim %s FILE…)\n", command.c_str(),
                 command.c_str());
    return false;
  }
  return true;
}

std::string refresh_words(const models::ClientPolicy& p) {
  std::string out = p.refresh.mode == models::RefreshMode::proactive ? "proactive" : "lazy";
  if (p.refresh.fraction > 0) out += " at " + std::to_string(static_cast<int>(p.refresh.fraction * 100)) + "% of the lifetime";
  if (p.refresh.lead > 0) out += ", " + sim::format_duration(p.refresh.lead) + " before expiry";
  if (p.refresh.jitter_max > p.refresh.jitter_min)
    out += ", jitter " + std::string(p.refresh.jitter_min < 0 ? "-" : "") +
           sim::format_duration(p.refresh.jitter_min < 0 ? -p.refresh.jitter_min : p.refresh.jitter_min) +
           ".." + sim::format_duration(p.refresh.jitter_max);
  out += ", " + std::to_string(p.retry.attempts_max) + " attempt" + (p.retry.attempts_max == 1 ? "" : "s");
  if (p.static_stability.enabled) out += ", static stability";
  // Only the non-default source is named: it decides what a clock_skew fault does.
  if (p.expiry_from == models::ExpirySource::expires_in) out += ", expiry from expires_in";
  return out;
}

std::string fault_words(const scenarios::Scenario& s, const faults::FaultSpec& f) {
  std::string where;
  if (f.selector.fleet) where += " fleet " + s.world.fleets[*f.selector.fleet].name;
  if (f.selector.zone) where += " zone " + *f.selector.zone;
  if (f.selector.nodes)
    where += " nodes " + std::to_string(f.selector.nodes->first) + ".." + std::to_string(f.selector.nodes->second);
  if (f.selector.fraction) where += " (" + std::to_string(static_cast<int>(*f.selector.fraction * 100)) + "% of nodes)";
  std::string out = "at " + sim::format_duration(f.at) + ": " + f.label + where;
  if (f.duration > 0) out += ", reverts at " + sim::format_duration(f.at + f.duration);
  if (f.recreate_after >= 0) out += ", recreated at " + sim::format_duration(f.at + f.recreate_after);
  return out;
}

void explain(const scenarios::Scenario& s) {
  const models::WorldConfig& w = s.world;
  std::printf("%s — %s\n", w.name.c_str(), s.description.c_str());
  std::printf("  %s simulated, seed %llu, reported in %s buckets\n", sim::format_duration(w.duration).c_str(),
              static_cast<unsigned long long>(w.seed), sim::format_duration(w.bucket).c_str());
  std::printf("  STS: %u servers, queue %u, %s, tokens live %s\n", w.sts.servers, w.sts.queue_max,
              w.sts.rate_limit_per_s > 0 ? ("rate limit " + std::to_string(static_cast<int>(w.sts.rate_limit_per_s)) + "/s").c_str() : "no rate limit",
              sim::format_duration(w.sts.token_ttl).c_str());
  const char* cache = !w.endpoint.cache          ? ""
                      : w.endpoint.coalesce_misses ? ", with their own token cache, one STS request per missed key"
                                                   : ", with their own token cache";
  std::printf("  metadata endpoints: %s%s\n", w.endpoint.flavor.c_str(), cache);
  for (const models::FleetConfig& f : w.fleets)
    std::printf("  fleet %s: %u nodes × %u instances in %s, identity %s, client %s (%s)\n",
                f.name.c_str(), f.nodes, f.instances_per_node, f.zone.c_str(),
                w.identities[f.identity].name.c_str(), f.client.preset.c_str(), refresh_words(f.client).c_str());
  for (const models::RoleConfig& r : w.roles)
    std::printf("  role: %s may call %s as %s\n", w.identities[r.identity].name.c_str(),
                w.services[r.service].name.c_str(), r.role.c_str());
  std::vector<const faults::FaultSpec*> timeline;
  for (const auto& f : s.faults) timeline.push_back(&f);
  std::stable_sort(timeline.begin(), timeline.end(), [](auto* a, auto* b) { return a->at < b->at; });
  if (!timeline.empty()) std::printf("  fault timeline:\n");
  for (const auto* f : timeline) std::printf("    %s\n", fault_words(s, *f).c_str());
  for (const auto& e : s.expectations) std::printf("  expect: %s\n", e.label.c_str());
}

}  // namespace

int command_validate(const Args& args) {
  std::vector<std::string> files, sets;
  if (!files_and_sets("validate", args, files, sets)) return kExitBadInput;
  int code = kExitOk;
  for (const std::string& file : files) {
    if (load_or_report(file, sets)) std::printf("%s: valid\n", file.c_str());
    else code = kExitBadInput;
  }
  return code;
}

int command_explain(const Args& args) {
  std::vector<std::string> files, sets;
  if (!files_and_sets("explain", args, files, sets)) return kExitBadInput;
  int code = kExitOk;
  for (const std::string& file : files) {
    if (auto s = load_or_report(file, sets)) explain(*s);
    else code = kExitBadInput;
  }
  return code;
}

int command_schema(const Args&) {
  std::printf("%s\n", scenarios::scenario_json_schema().dump(2).c_str());
  return kExitOk;
}

int command_presets(const Args&) {
  std::printf("client presets:\n");
  for (const std::string& name : models::preset_names())
    std::printf("  %-28s %s\n", name.c_str(), refresh_words(*models::find_preset(name)).c_str());
  std::printf("endpoint flavors:\n");
  for (const std::string& name : models::endpoint_flavor_names()) std::printf("  %s\n", name.c_str());
  return kExitOk;
}

}  // namespace cli
