#pragma once
// The observer hook: the kernel reports each dispatched event, and models emit records
// through the kernel, without the kernel knowing what a record means.
#include <cstdint>

#include "sim/time.h"

namespace sim {

struct DispatchInfo {
  Ticks at;
  std::uint64_t sequence;  // insertion order, unique per run
  std::uint64_t tag;       // the handler's own tag
};

// A model-defined fact at a time: `kind` and `subject` mean whatever the model says.
struct TraceRecord {
  Ticks at;
  std::uint32_t kind;
  std::uint64_t subject;
  std::int64_t value;
};

class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_dispatch(const DispatchInfo&) {}
  virtual void on_record(const TraceRecord&) {}
};

// Runs after every dispatched event, once its handler has returned (e.g. an invariant checker
// under --paranoid). It may call Simulator::stop(). Separate from the Observer so that a trace
// digest and a checker can watch one run; unset, it costs one predictable branch per event.
class AfterEvent {
 public:
  virtual ~AfterEvent() = default;
  virtual void after_event(const DispatchInfo& info) = 0;
};

}  // namespace sim
