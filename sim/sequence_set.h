#pragma once
// A set of non-zero 64-bit sequence numbers: open addressing, linear probing, backward-shift
// deletion (no tombstones). The kernel keeps cancelled events here; it is usually empty,
// so the dispatch loop pays one size check.
#include <cstdint>
#include <vector>

#include "sim/assert.h"
#include "sim/random.h"

namespace sim {

class SequenceSet {
 public:
  explicit SequenceSet(std::size_t size_max) : size_max_(size_max) {}

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  bool contains(std::uint64_t value) const {
    if (size_ == 0) return false;
    for (std::size_t i = home(value);; i = (i + 1) & mask_) {
      if (cells_[i] == value) return true;
      if (cells_[i] == 0) return false;
    }
  }

  // Returns false if already present.
  bool insert(std::uint64_t value) {
    SIM_ASSERT(value != 0);
    if ((size_ + 1) * 2 > cells_.size()) grow();
    for (std::size_t i = home(value);; i = (i + 1) & mask_) {
      if (cells_[i] == value) return false;
      if (cells_[i] == 0) {
        cells_[i] = value;
        ++size_;
        SIM_ASSERT_MSG(size_ <= size_max_, "cancelled-event set over its limit");
        return true;
      }
    }
  }

  // Returns false if absent.
  bool erase(std::uint64_t value) {
    if (size_ == 0) return false;
    std::size_t i = home(value);
    while (cells_[i] != value) {
      if (cells_[i] == 0) return false;
      i = (i + 1) & mask_;
    }
    // Backward shift: pull later members of the probe run into the hole.
    for (std::size_t j = (i + 1) & mask_; cells_[j] != 0; j = (j + 1) & mask_) {
      const std::size_t h = home(cells_[j]);
      const bool movable = (j > i) ? (h <= i || h > j) : (h <= i && h > j);
      if (movable) {
        cells_[i] = cells_[j];
        i = j;
      }
    }
    cells_[i] = 0;
    --size_;
    return true;
  }

 private:
  std::size_t home(std::uint64_t value) const { return mix64(value) & mask_; }

  void grow() {
    std::vector<std::uint64_t> old;
    old.swap(cells_);
    cells_.assign(old.empty() ? 64 : old.size() * 2, 0);
    mask_ = cells_.size() - 1;
    size_ = 0;
    for (std::uint64_t v : old)
      if (v != 0) insert(v);
  }

  std::size_t size_max_;
  std::vector<std::uint64_t> cells_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace sim
