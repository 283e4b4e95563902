// libFuzzer target over the scenario loader, validator and a capped run (make fuzz).
#include <cstddef>
#include <cstdint>

#include "fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::scenario_input({data, size});
  return 0;
}
