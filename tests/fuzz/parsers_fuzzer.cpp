// libFuzzer target over the duration parser and the --set path parser (make fuzz).
#include <cstddef>
#include <cstdint>

#include "fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::parsers_input({data, size});
  return 0;
}
