#pragma once
// An observer that folds every dispatched event and record into one 64-bit digest:
// two runs with equal digests took the same events in the same order at the same times.
#include <cstdint>

#include "sim/observer.h"
#include "sim/random.h"

namespace sim {

class TraceDigest final : public Observer {
 public:
  void on_dispatch(const DispatchInfo& info) override {
    fold(static_cast<std::uint64_t>(info.at));
    fold(info.sequence);
    fold(info.tag);
    ++dispatches_;
  }
  void on_record(const TraceRecord& record) override {
    fold(static_cast<std::uint64_t>(record.at));
    fold(record.kind);
    fold(record.subject);
    fold(static_cast<std::uint64_t>(record.value));
    ++records_;
  }
  std::uint64_t digest() const { return state_; }
  std::uint64_t dispatches() const { return dispatches_; }
  std::uint64_t records() const { return records_; }

 private:
  void fold(std::uint64_t word) { state_ = mix64(state_ ^ word); }

  std::uint64_t state_ = 0x6964'7369'6d00'0001ULL;
  std::uint64_t dispatches_ = 0;
  std::uint64_t records_ = 0;
};

}  // namespace sim
