#include "reports/openmetrics.h"

#include <functional>
#include <vector>

#include "reports/format.h"
#include "reports/series.h"

namespace reports {

namespace {

using Value = std::function<double(std::size_t bucket)>;

struct Series {
  std::string labels;  // 'fleet="web",outcome="ok"'
  Value value;         // per bucket (counters: this bucket's increment)
};

std::string label_value(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

class Writer {
 public:
  explicit Writer(const RunReport& r)
      : run_(r.run), metrics_(r.run.world().metrics()),
        width_s_(sim::to_seconds(metrics_.bucket_width())) {}

  std::string fleet_label(std::uint32_t f) const {
    return "fleet=\"" + label_value(run_.scenario().world.fleets[f].name) + "\"";
  }
  std::string stamp(std::size_t b) const {
    return fixed(kOpenMetricsEpoch + width_s_ * static_cast<double>(b + 1), 3);
  }
  void header(std::string_view name, std::string_view type, std::string_view unit,
              std::string_view help) {
    out_ += "# TYPE " + std::string(name) + " " + std::string(type) + "\n";
    if (!unit.empty()) out_ += "# UNIT " + std::string(name) + " " + std::string(unit) + "\n";
    out_ += "# HELP " + std::string(name) + " " + std::string(help) + "\n";
  }
  void sample(std::string_view name, const std::string& labels, double v, std::size_t b) {
    out_ += std::string(name) + (labels.empty() ? "" : "{" + labels + "}") + " " + general(v) +
            " " + stamp(b) + "\n";
  }
  void counter(std::string_view name, std::string_view help, const std::vector<Series>& series) {
    header(name, "counter", "", help);
    for (const Series& s : series) {
      double total = 0;
      for (std::size_t b = 0; b < metrics_.bucket_count(); ++b)
        sample(std::string(name) + "_total", s.labels, total += s.value(b), b);
    }
  }
  void gauge(std::string_view name, std::string_view unit, std::string_view help,
             const std::vector<Series>& series) {
    header(name, "gauge", unit, help);
    for (const Series& s : series)
      for (std::size_t b = 0; b < metrics_.bucket_count(); ++b) sample(name, s.labels, s.value(b), b);
  }
  void summary(std::string_view name, std::string_view help,
               const models::LogHistogram& (*pick)(const models::FleetBucket&));
  std::vector<Series> per_fleet(std::uint64_t (*pick)(const models::FleetBucket&),
                                const std::string& extra = "") const {
    std::vector<Series> series;
    for (std::uint32_t f = 0; f < metrics_.fleet_count(); ++f)
      series.push_back({fleet_label(f) + extra, [this, f, pick](std::size_t b) {
                          return static_cast<double>(pick(metrics_.fleet_at(f, b)));
                        }});
    return series;
  }
  Series sts(const std::string& labels, std::uint64_t models::StsBucket::*field) const {
    return {labels, [this, field](std::size_t b) {
              return static_cast<double>(metrics_.sts_at(b).*field);
            }};
  }

  const scenarios::Run& run_;
  const models::Metrics& metrics_;
  double width_s_;
  std::string out_;
};

void Writer::summary(std::string_view name, std::string_view help,
                     const models::LogHistogram& (*pick)(const models::FleetBucket&)) {
  header(name, "summary", "seconds", help);
  const std::string n(name);
  for (std::uint32_t f = 0; f < metrics_.fleet_count(); ++f) {
    double count = 0, sum = 0;
    for (std::size_t b = 0; b < metrics_.bucket_count(); ++b) {
      const models::LogHistogram& h = pick(metrics_.fleet_at(f, b));
      const std::pair<const char*, double> quantiles[] = {{"0.5", 0.5}, {"0.95", 0.95}, {"0.99", 0.99}};
      for (const auto& [text, q] : quantiles)
        if (h.count() > 0)
          sample(n, fleet_label(f) + ",quantile=\"" + text + "\"", quantile_seconds(h, q), b);
      count += static_cast<double>(h.count());
      sum += h.mean_ticks() / static_cast<double>(sim::kTicksPerSecond) * static_cast<double>(h.count());
      sample(n + "_sum", fleet_label(f), sum, b);
      sample(n + "_count", fleet_label(f), count, b);
    }
  }
}

using B = models::FleetBucket;

void call_families(Writer& w) {
  std::vector<Series> calls;
  const char* outcomes[] = {"ok", "no_token", "unauthorized", "forbidden"};
  for (std::size_t o = 0; o < 4; ++o)
    for (std::uint32_t f = 0; f < w.metrics_.fleet_count(); ++f)
      calls.push_back({w.fleet_label(f) + ",outcome=\"" + outcomes[o] + "\"",
                       [&w, f, o](std::size_t b) {
                         return static_cast<double>(w.metrics_.fleet_at(f, b).calls[o]);
                       }});
  w.counter("idsim_calls", "Calls to target services by outcome.", calls);
  std::vector<Series> ratio;
  for (std::uint32_t f = 0; f < w.metrics_.fleet_count(); ++f)
    ratio.push_back({w.fleet_label(f), [&w, f](std::size_t b) {
                       const B& x = w.metrics_.fleet_at(f, b);
                       return scenarios::rate(x.auth_failures(), x.calls_total());
                     }});
  w.gauge("idsim_auth_failure_ratio", "ratio", "Share of the bucket's calls that failed auth.", ratio);
}

// Per target service: its own family, so idsim_calls_total keeps its label set and a
// dashboard's sum over it still counts each call once.
void service_families(Writer& w) {
  using S = models::ServiceBucket;
  const std::pair<const char*, std::uint64_t (*)(const S&)> outcomes[] = {
      {"ok", [](const S& s) { return service_ok_calls(s); }},
      {"unauthorized", [](const S& s) { return s.unauthorized; }},
      {"forbidden", [](const S& s) { return s.forbidden; }}};
  std::vector<Series> calls;
  for (const auto& [outcome, pick] : outcomes)
    for (std::size_t s = 0; s < w.metrics_.service_count(); ++s)
      calls.push_back({"service=\"" + label_value(w.run_.scenario().world.services[s].name) +
                           "\",outcome=\"" + outcome + "\"",
                       [&w, s, pick = pick](std::size_t b) {
                         return static_cast<double>(pick(w.metrics_.service_at(s, b)));
                       }});
  w.counter("idsim_service_calls", "Calls decided by each target service (they carried a token), by verdict.",
            calls);
}

void token_families(Writer& w) {
  std::vector<Series> requests = w.per_fleet([](const B& b) { return b.endpoint_requests; },
                                             ",layer=\"endpoint\"");
  requests.push_back(w.sts("layer=\"sts\"", &models::StsBucket::requests));
  w.counter("idsim_token_requests", "Token requests at the metadata endpoints and the STS.", requests);
  std::vector<Series> throttled = w.per_fleet([](const B& b) { return b.endpoint_throttled; },
                                              ",layer=\"endpoint\"");
  throttled.push_back(w.sts("layer=\"sts\"", &models::StsBucket::throttled));
  w.counter("idsim_token_requests_throttled", "Token requests answered 429.", throttled);
  w.counter("idsim_endpoint_errors", "Endpoint replies other than ok.",
            w.per_fleet([](const B& b) { return b.endpoint_errors; }));
  w.counter("idsim_endpoint_unanswered", "Requests dropped by a blocked endpoint.",
            w.per_fleet([](const B& b) { return b.endpoint_unanswered; }));
  w.counter("idsim_endpoint_cache_hits", "Requests answered from the endpoint's cache.",
            w.per_fleet([](const B& b) { return b.endpoint_cache_hits; }));
  w.counter("idsim_token_fetches", "Token fetch operations started by clients.",
            w.per_fleet([](const B& b) { return b.fetches_started; }));
  w.counter("idsim_token_refresh_failures", "Fetches that gave up after their last attempt.",
            w.per_fleet([](const B& b) { return b.refresh_failures; }));
  w.counter("idsim_static_stability_uses", "Calls served with an expired token kept on purpose.",
            w.per_fleet([](const B& b) { return b.static_stability_uses; }));
  w.counter("idsim_secret_fallback_uses", "Calls served with the static secret.",
            w.per_fleet([](const B& b) { return b.secret_fallback_uses; }));
  w.summary("idsim_token_fetch_latency_seconds", "Fetch start to token in cache.",
            [](const B& b) -> const models::LogHistogram& { return b.fetch_latency; });
  w.summary("idsim_token_age_seconds", "Age of the token at each call that used one.",
            [](const B& b) -> const models::LogHistogram& { return b.token_age; });
}

void sts_families(Writer& w) {
  using S = models::StsBucket;
  w.counter("idsim_sts_responses", "STS answers by result.",
            {w.sts("result=\"issued\"", &S::issued), w.sts("result=\"failed\"", &S::failed),
             w.sts("result=\"throttled\"", &S::throttled),
             w.sts("result=\"rejected\"", &S::rejected)});
  w.gauge("idsim_sts_servers", "", "Most STS servers provisioned in the bucket.",
          {{"", [&w](std::size_t b) { return static_cast<double>(w.metrics_.sts_at(b).servers_max); }}});
  std::vector<Series> cost;
  const char* parts[] = {"issuance", "capacity", "endpoint", "failure"};
  for (std::size_t p = 0; p < 4; ++p)
    cost.push_back({std::string("part=\"") + parts[p] + "\"", [&w, p](std::size_t b) {
                      const scenarios::Cost c = bucket_cost(w.run_, b);
                      const double v[] = {c.issuance, c.capacity, c.endpoint, c.failure};
                      return v[p];
                    }});
  w.counter("idsim_cost", "Cost by part, in the scenario's price unit.", cost);
}

}  // namespace

std::string openmetrics(const RunReport& r) {
  Writer w(r);
  call_families(w);
  service_families(w);
  token_families(w);
  sts_families(w);
  return w.out_ + "# EOF\n";
}

}  // namespace reports
