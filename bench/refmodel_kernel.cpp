// The reference model on idsim's kernel: two handlers (calls, STS responses) over the default
// sim::Simulator; the tag carries the client index. Every event goes through the kernel's
// public path: schedule_at, run_until, its asserts and its cancel check.
#include "bench/refmodel_core.h"
#include "sim/simulator.h"

namespace bench {
namespace {

class KernelRun {
 public:
  explicit KernelRun(const RefModelOptions& options)
      : model_(options),
        simulator_(sim::SimulatorOptions{
            .pending_events_max = std::size_t{options.clients} + options.sts_servers + 1}),
        calls_(*this),
        responses_(*this) {}

  RefModelCounts run(sim::Ticks horizon) {
    model_.start(*this);
    simulator_.run_until(horizon);
    RefModelCounts counts = model_.counts();
    counts.events = simulator_.stats().events_dispatched;
    return counts;
  }

  // The Schedule the model calls.
  void call_at(sim::Ticks at, std::uint32_t client) { simulator_.schedule_at(at, calls_, client); }
  void response_at(sim::Ticks at, std::uint32_t client) {
    simulator_.schedule_at(at, responses_, client);
  }

 private:
  class Calls final : public sim::EventHandler {
   public:
    explicit Calls(KernelRun& run) : run_(run) {}
    void on_event(std::uint64_t tag) override {
      run_.model_.on_call(run_.simulator_.now(), static_cast<std::uint32_t>(tag), run_);
    }

   private:
    KernelRun& run_;
  };

  class Responses final : public sim::EventHandler {
   public:
    explicit Responses(KernelRun& run) : run_(run) {}
    void on_event(std::uint64_t tag) override {
      run_.model_.on_response(run_.simulator_.now(), static_cast<std::uint32_t>(tag), run_);
    }

   private:
    KernelRun& run_;
  };

  RefModel model_;
  sim::Simulator simulator_;
  Calls calls_;
  Responses responses_;
};

}  // namespace

RefModelCounts run_refmodel_on_kernel(const RefModelOptions& options) {
  KernelRun run(options);
  return run.run(options.horizon);
}

}  // namespace bench
