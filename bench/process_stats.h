#pragma once
// What a bench reads about its own process: wall time and peak resident memory. Bench code
// only: models never read the wall clock (MODEL.md §8).
#include <chrono>

namespace bench {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double elapsed_s() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// CPU time the process has used so far, user + system (getrusage): unlike wall time, it
// does not count the time other processes held the core, so it is the steadier figure on a
// loaded machine.
double cpu_s();

// The process's peak resident set so far (getrusage ru_maxrss), in MiB. It never goes down:
// in a binary that runs several cases it is the peak of all of them so far.
double peak_rss_mib();

}  // namespace bench
