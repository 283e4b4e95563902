#pragma once
// Seeded randomness (MODEL.md §8): one seed, per-entity streams derived from
// (seed, stable name), so adding an entity never changes another entity's draws.
#include <cstdint>
#include <string_view>

#include "sim/assert.h"

namespace sim {

// splitmix64's finalizer: a bijective 64-bit mix (Steele, Lea, Flood 2014).
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a over the name's bytes: stable across compilers, unlike std::hash.
constexpr std::uint64_t hash_name(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// xoshiro256** (Blackman, Vigna 2018): fast, 256-bit state, passes BigCrush.
class Rng {
 public:
  // The stream named `name` under `key` (a seed, or a parent stream's key).
  Rng(std::uint64_t key, std::string_view name) : Rng(mix64(key ^ mix64(hash_name(name)))) {}

  // A child stream: depends only on this stream's identity and the name, not on draws taken.
  Rng child(std::string_view name) const { return Rng(key_, name); }
  std::uint64_t key() const { return key_; }

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // Uniform in (0, 1]: safe to take the log of.
  double uniform01_open_low() { return 1.0 - uniform01(); }

  double uniform(double low, double high) {
    SIM_ASSERT(low <= high);
    return low + (high - low) * uniform01();
  }

  // Uniform integer in [0, n) without modulo bias (Lemire 2019).
  std::uint64_t below(std::uint64_t n) {
    SIM_ASSERT(n > 0);
    __extension__ using u128 = unsigned __int128;
    u128 m = static_cast<u128>(next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<u128>(next_u64()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

 private:
  explicit Rng(std::uint64_t key) : key_(key) {
    std::uint64_t x = key;
    for (auto& word : s_) {
      x += 0x9e3779b97f4a7c15ULL;
      word = mix64(x);
    }
  }
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t key_;
  std::uint64_t s_[4];
};

// The root of a run's randomness.
class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t seed) : seed_(seed) {}
  std::uint64_t seed() const { return seed_; }
  Rng stream(std::string_view name) const { return Rng(seed_, name); }

 private:
  std::uint64_t seed_;
};

}  // namespace sim
