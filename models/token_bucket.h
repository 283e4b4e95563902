#pragma once
// A token-bucket rate limiter in simulated time.
#include "sim/assert.h"
#include "sim/time.h"

namespace models {

class TokenBucket {
 public:
  // rate_per_s 0 = unlimited. burst 0 = one second's worth.
  void configure(double rate_per_s, double burst) {
    SIM_ASSERT(rate_per_s >= 0 && burst >= 0);
    rate_per_s_ = rate_per_s;
    configured_rate_ = rate_per_s;
    configured_burst_ = burst > 0 ? burst : (rate_per_s > 1 ? rate_per_s : 1);
    burst_ = configured_burst_;
    level_ = burst_;
  }
  // Changes the rate (a throttle fault). The burst is one second of the new rate, never more
  // than the configured burst: a throttle to 1/s does not let a saved-up burst through, and
  // throttling an unlimited service gives it the usual one-second bucket.
  void set_rate(double rate_per_s) {
    SIM_ASSERT(rate_per_s >= 0);
    rate_per_s_ = rate_per_s;
    const double one_second = rate_per_s > 1 ? rate_per_s : 1;
    burst_ = configured_rate_ > 0 && configured_burst_ < one_second ? configured_burst_ : one_second;
    if (rate_per_s == configured_rate_) burst_ = configured_burst_;
    if (level_ > burst_) level_ = burst_;
  }
  double rate() const { return rate_per_s_; }

  bool try_take(sim::Ticks now) {
    if (rate_per_s_ <= 0) return true;
    if (now > last_) {
      level_ += sim::to_seconds(now - last_) * rate_per_s_;
      if (level_ > burst_) level_ = burst_;
      last_ = now;
    }
    if (level_ < 1.0) return false;
    level_ -= 1.0;
    return true;
  }

 private:
  double rate_per_s_ = 0;
  double configured_rate_ = 0;
  double configured_burst_ = 1;
  double burst_ = 1;
  double level_ = 1;
  sim::Ticks last_ = 0;
};

}  // namespace models
