// The baseline: the reference model on a bare std::priority_queue loop, the way one would
// write it without a kernel. Entries are 16 bytes, (time, sequence | client | kind), ordered
// by (time, sequence) like the kernel's, so ties break the same way and both engines take
// the same draws: their counts are equal, not merely close. No handler, no virtual call, no
// cancel check, one assert (the sequence limit): what the kernel adds is what the ratio measures.
#include <queue>
#include <vector>

#include "bench/refmodel_core.h"

namespace bench {
namespace {

constexpr int kClientBits = 23;
static_assert(kClientsMax < (std::uint32_t{1} << kClientBits));
constexpr std::uint64_t kSequenceMax = (std::uint64_t{1} << (64 - kClientBits - 1)) - 1;

enum Kind : std::uint64_t { kCall = 0, kResponse = 1 };

struct Entry {
  sim::Ticks at;
  std::uint64_t key;  // sequence << 24 | client << 1 | kind: the sequence decides ties
  // std::priority_queue keeps the largest on top: "less" here means later.
  friend bool operator<(const Entry& a, const Entry& b) {
    return a.at > b.at || (a.at == b.at && a.key > b.key);
  }
};
static_assert(sizeof(Entry) == 16);

class PriorityQueueRun {
 public:
  explicit PriorityQueueRun(const RefModelOptions& options) : model_(options) {
    std::vector<Entry> storage;
    storage.reserve(std::size_t{options.clients} + options.sts_servers);
    queue_ = std::priority_queue<Entry>(std::less<Entry>(), std::move(storage));
  }

  RefModelCounts run(sim::Ticks horizon) {
    model_.start(*this);
    std::uint64_t events = 0;
    while (!queue_.empty() && queue_.top().at <= horizon) {
      const Entry entry = queue_.top();
      queue_.pop();
      ++events;
      const auto client = static_cast<std::uint32_t>(entry.key >> 1) & kClientsMax;
      if ((entry.key & 1) == kCall)
        model_.on_call(entry.at, client, *this);
      else
        model_.on_response(entry.at, client, *this);
    }
    RefModelCounts counts = model_.counts();
    counts.events = events;
    return counts;
  }

  // The Schedule the model calls.
  void call_at(sim::Ticks at, std::uint32_t client) { push(at, client, kCall); }
  void response_at(sim::Ticks at, std::uint32_t client) { push(at, client, kResponse); }

 private:
  void push(sim::Ticks at, std::uint32_t client, Kind kind) {
    SIM_ASSERT_MSG(sequence_next_ <= kSequenceMax, "more than 2^40 events in one run");
    const std::uint64_t key = sequence_next_++ << (kClientBits + 1) |
                              std::uint64_t{client} << 1 | kind;
    queue_.push(Entry{at, key});
  }

  RefModel model_;
  std::priority_queue<Entry> queue_;
  std::uint64_t sequence_next_ = 1;
};

}  // namespace

RefModelCounts run_refmodel_on_priority_queue(const RefModelOptions& options) {
  PriorityQueueRun run(options);
  return run.run(options.horizon);
}

}  // namespace bench
