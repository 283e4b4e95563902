#pragma once
// The kernel: a clock and an event queue. schedule, now, cancel, run_until — nothing else.
// It knows nothing of identity; models are plain classes that implement EventHandler.
#include <atomic>
#include <cstdint>
#include <vector>

#include "sim/assert.h"
#include "sim/event_queue.h"
#include "sim/observer.h"
#include "sim/sequence_set.h"
#include "sim/time.h"

namespace sim {

// Identifies one scheduled event; stays valid (and cancel stays safe) after it has run.
struct EventId {
  Ticks at = 0;
  std::uint64_t sequence = 0;  // 0 is "no event"
  explicit operator bool() const { return sequence != 0; }
  friend bool operator==(EventId, EventId) = default;
};

// Before it runs an event, the kernel starts loading the first bytes of the next event's
// handler, so a handler that keeps its hot state there finds it in cache (models::Client
// does). A hint only: prefetching never faults and changes no result.
inline constexpr std::size_t kHandlerPrefetchBytes = 384;

struct SimulatorOptions {
  // 2^25 entries of 24 bytes (about 1.5 GB with the radix heap's spare capacity at the limit);
  // scenarios are refused up front when their estimate exceeds it (docs/reliability.md).
  std::size_t pending_events_max = std::size_t{1} << 25;
};

struct RunStats {
  std::uint64_t events_dispatched = 0;
  std::uint64_t events_cancelled = 0;
  std::uint64_t queue_size_max = 0;  // the most entries the queue held (cancelled ones too)
};

template <class Queue>
class BasicSimulator {
 public:
  explicit BasicSimulator(SimulatorOptions options = {})
      : options_(options), cancelled_(options.pending_events_max) {
    SIM_ASSERT(options_.pending_events_max > 0);
  }
  BasicSimulator(const BasicSimulator&) = delete;
  BasicSimulator& operator=(const BasicSimulator&) = delete;

  Ticks now() const { return now_; }
  std::size_t pending() const { return queue_.size() - cancelled_.size(); }
  const RunStats& stats() const { return stats_; }
  void set_observer(Observer* observer) { observer_ = observer; }
  void set_after_event(AfterEvent* hook) {
    after_event_ = hook;
    watched_ = stop_flag_ != nullptr || after_event_ != nullptr;
  }
  // A flag raised from outside the simulation (a signal handler, another thread): run_until
  // returns false before the next event once it is set. It must outlive the runs; nullptr: none.
  void set_stop_flag(const std::atomic<bool>* flag) {
    stop_flag_ = flag;
    watched_ = stop_flag_ != nullptr || after_event_ != nullptr;
  }

  EventId schedule_at(Ticks at, EventHandler& handler, std::uint64_t tag = 0) {
    SIM_ASSERT_MSG(at >= now_, "an event cannot be scheduled in the past");
    SIM_ASSERT_MSG(at <= kTicksMax, "event time beyond the 100-year horizon");
    SIM_ASSERT_MSG(queue_.size() < options_.pending_events_max,
                   "pending event limit reached (SimulatorOptions.pending_events_max)");
    SIM_ASSERT_MSG(tag <= kTagMax, "event tag wider than 36 bits");
    SIM_ASSERT_MSG(sequence_next_ <= kSequenceMax, "more than 2^40 events scheduled in one run");
    const std::uint64_t sequence = sequence_next_++;
    queue_.push(QueueEntry::make(at, sequence, tag, &handler));
    if (queue_.size() > stats_.queue_size_max) stats_.queue_size_max = queue_.size();
    return EventId{at, sequence};
  }

  EventId schedule_after(Ticks delay, EventHandler& handler, std::uint64_t tag = 0) {
    SIM_ASSERT_MSG(delay >= 0, "negative delay");
    SIM_ASSERT_MSG(delay <= kTicksMax - now_, "event time beyond the 100-year horizon");
    return schedule_at(now_ + delay, handler, tag);
  }

  // O(1): remembers the sequence; the entry is dropped when it reaches the top.
  // Returns false when the event has already run or was cancelled before.
  bool cancel(EventId id) {
    if (!id || id.sequence >= sequence_next_) return false;
    // Entries leave the queue in increasing (at, sequence) order, so anything not after
    // the last one taken has already left.
    if (!(last_taken_ < QueueEntry::make(id.at, id.sequence, 0, nullptr))) return false;
    if (!cancelled_.insert(id.sequence)) return false;
    ++stats_.events_cancelled;
    return true;
  }

  // Runs every event with time <= end, in (time, insertion) order; the clock ends at `end`.
  // Returns false if stop() was called, or the stop flag raised, during the run (even in its
  // last event): the clock then stays at the last event run.
  bool run_until(Ticks end) {
    SIM_ASSERT(end >= now_);
    stop_requested_ = stop_flag_raised();
    if (stop_requested_) return false;
    while (!queue_.empty() && queue_.top().at() <= end) {
      if (!step()) continue;  // a cancelled entry: nothing ran
      // One branch per event for both stop() and the watchers (after-event hook, stop flag).
      if (stop_requested_ | watched_) [[unlikely]] {
        if (after_dispatch()) return false;
      }
    }
    now_ = end;
    return true;
  }

  // The observer hook for models: the kernel passes the record on without reading it.
  void emit(const TraceRecord& record) {
    if (observer_ != nullptr) observer_->on_record(record);
  }

  // Lets a handler end run_until after the current event (a signal handler raises the stop
  // flag instead).
  void stop() { stop_requested_ = true; }

 private:
  static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler may set the stop flag");
  bool stop_flag_raised() const {
    return stop_flag_ != nullptr && stop_flag_->load(std::memory_order_relaxed);
  }

  // Takes the next entry and runs its handler; false when it had been cancelled.
  bool step() {
    const QueueEntry entry = queue_.top();
    queue_.pop();
    SIM_ASSERT_MSG(last_taken_ < entry, "queue order broken");
    last_taken_ = entry;
    if (!cancelled_.empty() && cancelled_.erase(entry.sequence())) return false;
    SIM_ASSERT_MSG(entry.at() >= now_, "clock would run backwards");
    now_ = entry.at();
    ++stats_.events_dispatched;
    if (observer_ != nullptr)
      observer_->on_dispatch(DispatchInfo{now_, entry.sequence(), entry.tag()});
    // At 10^6 instances most handlers are cold: start loading the next one while this one
    // runs. Finding the top now is work the next step would do anyway (pushes keep it), and
    // a prefetch changes no result.
    if (!queue_.empty()) {
      const char* next = reinterpret_cast<const char*>(queue_.top().handler);
      for (std::size_t at = 0; at < kHandlerPrefetchBytes; at += 64) __builtin_prefetch(next + at);
    }
    entry.handler->on_event(entry.tag());
    return true;
  }

  // After an event, when stop() was called or something watches: true ends the run.
  bool after_dispatch() {
    if (after_event_ != nullptr)
      after_event_->after_event(DispatchInfo{now_, last_taken_.sequence(), last_taken_.tag()});
    if (stop_flag_raised()) stop_requested_ = true;
    return stop_requested_;
  }

  SimulatorOptions options_;
  Queue queue_;
  SequenceSet cancelled_;
  QueueEntry last_taken_{0, 0, nullptr};  // before every real entry (sequences start at 1)
  std::uint64_t sequence_next_ = 1;
  Ticks now_ = 0;
  bool stop_requested_ = false;
  bool watched_ = false;  // a stop flag or an after-event hook is set
  const std::atomic<bool>* stop_flag_ = nullptr;
  Observer* observer_ = nullptr;
  AfterEvent* after_event_ = nullptr;
  RunStats stats_;
};

using Simulator = BasicSimulator<RadixHeap>;

}  // namespace sim
