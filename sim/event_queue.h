#pragma once
// The event queue seam: any type with this interface can run the kernel
// (see QuaternaryHeap and BinaryHeap; bench/ compares them).
//
//   bool empty() const; std::size_t size() const;
//   void push(QueueEntry); const QueueEntry& top() const; void pop();
//   void reserve(std::size_t);
//
// Entries are ordered by (at, sequence): the insertion sequence decides ties, so two
// events at the same tick run in the order they were scheduled. The handler and its tag
// ride in the entry itself, so dispatch touches no other memory.
#include <cstdint>
#include <queue>
#include <vector>

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
// Measured against BinaryHeap in bench/kernel_bench.cpp (docs/kernel.md has the figures).
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
