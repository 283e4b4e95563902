#pragma once
// The event queue seam: any type with this interface can run the kernel
// (RadixHeap is the default; QuaternaryHeap and BinaryHeap stay for comparison, bench/
// compares them).
//
//   bool empty() const; std::size_t size() const;
//   void push(QueueEntry); const QueueEntry& top() const; void pop();
//   void reserve(std::size_t);
//
// The kernel only ever pushes entries after the last one popped (no event in the past,
// sequences grow); RadixHeap relies on that and asserts it, the heaps do not need it.
//
// Entries are ordered by (at, sequence): the insertion sequence decides ties, so two
// events at the same tick run in the order they were scheduled. The handler and its tag
// ride in the entry itself, so dispatch touches no other memory.
#include <cstdint>
#include <queue>
#include <vector>

#include "sim/assert.h"
#include "sim/time.h"

namespace sim {

class EventHandler {
 public:
  virtual void on_event(std::uint64_t tag) = 0;

 protected:
  ~EventHandler() = default;
};

// 24 bytes: (at, sequence, tag) packed into two words, then the handler. The packing keeps
// the order exact — at (52 bits, covers kTicksMax) is most significant, then the unique
// sequence (40 bits), then the tag (36 bits), which therefore never decides an order.
inline constexpr int kSequenceBits = 40;
inline constexpr int kTagBits = 36;
inline constexpr std::uint64_t kSequenceMax = (std::uint64_t{1} << kSequenceBits) - 1;
inline constexpr std::uint64_t kTagMax = (std::uint64_t{1} << kTagBits) - 1;
static_assert(kTicksMax < (Ticks{1} << (128 - kSequenceBits - kTagBits)));

struct QueueEntry {
  std::uint64_t high;  // at << 12 | sequence >> 28
  std::uint64_t low;   // sequence << 36 | tag
  EventHandler* handler;

  static QueueEntry make(Ticks at, std::uint64_t sequence, std::uint64_t tag,
                         EventHandler* handler) {
    const auto word = (u128(static_cast<std::uint64_t>(at)) << (kSequenceBits + kTagBits)) |
                      (u128(sequence) << kTagBits) | tag;
    return QueueEntry{static_cast<std::uint64_t>(word >> 64), static_cast<std::uint64_t>(word),
                      handler};
  }
  Ticks at() const { return static_cast<Ticks>(word() >> (kSequenceBits + kTagBits)); }
  std::uint64_t sequence() const {
    return static_cast<std::uint64_t>(word() >> kTagBits) & kSequenceMax;
  }
  std::uint64_t tag() const { return low & kTagMax; }

  friend bool operator<(const QueueEntry& a, const QueueEntry& b) { return a.word() < b.word(); }

 private:
  __extension__ using u128 = unsigned __int128;
  u128 word() const { return (u128(high) << 64) | low; }
};
static_assert(sizeof(QueueEntry) == 24);

// A 4-ary min-heap: half the depth of a binary heap, so fewer dependent loads per pop.
// The default before RadixHeap; measured against it and BinaryHeap in bench/kernel_bench.cpp
// (docs/kernel.md has the figures).
class QuaternaryHeap {
 public:
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  void reserve(std::size_t n) { items_.reserve(n); }
  const QueueEntry& top() const { return items_.front(); }

  void push(QueueEntry entry) {
    std::size_t i = items_.size();
    items_.push_back(entry);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!(entry < items_[parent])) break;
      items_[i] = items_[parent];
      i = parent;
    }
    items_[i] = entry;
  }

  void pop() {
    const QueueEntry last = items_.back();
    items_.pop_back();
    const std::size_t n = items_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      if (first + 3 < n) {  // a full family: a fixed tournament, no loop
        const std::size_t a = items_[first + 1] < items_[first] ? first + 1 : first;
        const std::size_t b = items_[first + 3] < items_[first + 2] ? first + 3 : first + 2;
        best = items_[b] < items_[a] ? b : a;
      } else {
        for (std::size_t c = first + 1; c < n; ++c)
          if (items_[c] < items_[best]) best = c;
      }
      if (!(items_[best] < last)) break;
      items_[i] = items_[best];
      i = best;
    }
    items_[i] = last;
  }

 private:
  std::vector<QueueEntry> items_;
};

// A radix heap (Ahuja, Mehlhorn, Orlin, Tarjan 1990) over the 128-bit entry word. It relies on
// the kernel's monotonicity: every push is after the last entry popped, because events are
// never scheduled before `now` and sequences only grow (asserted). Bucket b holds the entries
// whose highest bit differing from the last popped word is bit b, so every entry of a lower
// bucket is smaller than every entry of a higher one. A pop takes the minimum of the lowest
// bucket and moves the rest of that bucket to strictly lower buckets (relative to the popped
// word): an entry moves at most 128 times in its life, in practice a handful, always as
// sequential appends of whole 24-byte entries, so no pop chases pointers through a big array.
// The order is exact: the same (at, sequence) order as a heap, only cheaper to maintain.
class RadixHeap {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void reserve(std::size_t) {}

  const QueueEntry& top() const {
    if (!top_known_) find_top();
    return buckets_[top_bucket_][top_index_];
  }

  void push(const QueueEntry& entry) {
    SIM_ASSERT_MSG(!(entry < last_), "radix heap: push before the last entry popped");
    const int b = bucket_of(entry);
    std::vector<QueueEntry>& bucket = buckets_[b];
    bucket.push_back(entry);
    occupied_[b >> 6] |= std::uint64_t{1} << (b & 63);
    ++size_;
    if (top_known_ && entry < buckets_[top_bucket_][top_index_]) {
      top_bucket_ = b;
      top_index_ = bucket.size() - 1;
    }
  }

  void pop() {
    if (!top_known_) find_top();
    const int from = top_bucket_;
    const std::size_t taken = top_index_;
    std::vector<QueueEntry>& bucket = buckets_[from];
    last_ = bucket[taken];
    bucket[taken] = bucket.back();
    bucket.pop_back();
    --size_;
    top_known_ = false;
    if (from == 0) {  // only entries equal to the popped one live here: nothing to move
      if (bucket.empty()) occupied_[0] &= ~std::uint64_t{1};
      return;
    }
    occupied_[from >> 6] &= ~(std::uint64_t{1} << (from & 63));
    // Every other entry of the popped bucket shares the popped word's bits above `from`,
    // so relative to it each one lands in a lower bucket. The next top() finds the minimum
    // in the lowest of them, usually a bucket of one.
    std::uint64_t occupied = 0;  // the buckets filled here, collected in registers
    std::uint64_t occupied_high = 0;
    for (const QueueEntry& entry : bucket) {
      const int b = bucket_of(entry);
      buckets_[b].push_back(entry);
      if (b < 64)
        occupied |= std::uint64_t{1} << b;
      else
        occupied_high |= std::uint64_t{1} << (b - 64);
    }
    bucket.clear();
    // A bucket that once held a large share of the queue gives its storage back, so the
    // buckets together stay within a small multiple of the pending entries.
    if (bucket.capacity() > 4096 && bucket.capacity() > size_ / 4)
      std::vector<QueueEntry>().swap(bucket);
    // Word by word, only where needed: one 16-byte read-modify-write right after the 8-byte
    // store above would stall on store forwarding (it showed in the profile).
    if (occupied != 0) occupied_[0] |= occupied;
    if (occupied_high != 0) occupied_[1] |= occupied_high;
  }

 private:
  // The highest bit in which the entry differs from the last popped word (0 if equal).
  int bucket_of(const QueueEntry& entry) const {
    const std::uint64_t high = entry.high ^ last_.high;
    if (high != 0) return 127 - __builtin_clzll(high);
    return 63 - __builtin_clzll((entry.low ^ last_.low) | 1);
  }

  // The minimum is in the lowest occupied bucket: scan it once (the next pop moves it anyway).
  void find_top() const {
    SIM_ASSERT_MSG(size_ > 0, "top of an empty queue");
    const int b = occupied_[0] != 0 ? __builtin_ctzll(occupied_[0])
                                    : 64 + __builtin_ctzll(occupied_[1]);
    const std::vector<QueueEntry>& bucket = buckets_[b];
    std::size_t best = 0;
    for (std::size_t i = 1; i < bucket.size(); ++i)
      if (bucket[i] < bucket[best]) best = i;
    top_bucket_ = b;
    top_index_ = best;
    top_known_ = true;
  }

  std::vector<QueueEntry> buckets_[128];
  std::uint64_t occupied_[2] = {0, 0};
  std::size_t size_ = 0;
  QueueEntry last_{0, 0, nullptr};  // the last entry popped; every push is after it
  mutable bool top_known_ = false;
  mutable int top_bucket_ = 0;
  mutable std::size_t top_index_ = 0;
};

// std::priority_queue behind the same interface: the baseline the bench compares against.
class BinaryHeap {
 public:
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t) {}
  const QueueEntry& top() const { return heap_.top(); }
  void push(QueueEntry entry) { heap_.push(entry); }
  void pop() { heap_.pop(); }

 private:
  struct Later {
    bool operator()(const QueueEntry& a, const QueueEntry& b) const { return b < a; }
  };
  std::priority_queue<QueueEntry, std::vector<QueueEntry>, Later> heap_;
};

}  // namespace sim
