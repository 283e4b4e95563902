#pragma once
// One token request in flight (client → endpoint → STS → back): a fixed slab of records
// with a free list, so the request path allocates nothing after warm-up.
#include <cstdint>
#include <vector>

#include "models/fetch_status.h"
#include "models/token.h"
#include "sim/assert.h"

namespace models {

class Client;

// "No record": ends a list of records chained by index (never a valid id, see kRecordsMax).
inline constexpr std::uint32_t kNoRecord = 0xffff'ffffu;

struct FetchRecord {
  Client* client = nullptr;
  std::uint32_t entry = 0;    // the client's cache entry (audience slot)
  std::uint32_t attempt = 0;  // the client's attempt serial this answers
  std::uint32_t node = 0;
  std::uint32_t fleet = 0;
  IdentityIndex identity = 0;
  PrincipalIndex principal = 0;
  ServiceIndex audience = 0;
  // Coalesced at the endpoint (coalesce_misses): waiting for another record's STS reply, in
  // that key's list of waiters, which is chained through next_waiter (no allocation).
  std::uint32_t next_waiter = kNoRecord;
  bool holds_endpoint_slot = false;  // counts against the endpoint's concurrency limit
  bool waiting = false;
  FetchStatus status = FetchStatus::ok;
  Token token;
};

class FetchPool {
 public:
  // Requests in flight in one world at once.
  static constexpr std::size_t kRecordsMax = std::size_t{1} << 24;
  static_assert(kRecordsMax < kNoRecord);

  explicit FetchPool(std::size_t records_max) : records_max_(records_max) {
    SIM_ASSERT(records_max_ <= kRecordsMax);
  }

  std::uint32_t allocate() {
    if (!free_.empty()) {
      const std::uint32_t id = free_.back();
      free_.pop_back();
      records_[id] = FetchRecord{};
      return id;
    }
    SIM_ASSERT_MSG(records_.size() < records_max_, "too many token requests in flight");
    records_.emplace_back();
    return static_cast<std::uint32_t>(records_.size() - 1);
  }
  void release(std::uint32_t id) {
    SIM_ASSERT(id < records_.size());
    free_.push_back(id);
  }
  FetchRecord& operator[](std::uint32_t id) {
    SIM_ASSERT(id < records_.size());
    return records_[id];
  }
  std::size_t in_flight() const { return records_.size() - free_.size(); }

 private:
  std::size_t records_max_;
  std::vector<FetchRecord> records_;
  std::vector<std::uint32_t> free_;
};

}  // namespace models
