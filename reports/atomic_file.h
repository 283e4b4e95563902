#pragma once
// Every output file is written whole or not at all: to a temporary name in the same
// directory, flushed, then renamed over the final name (rename is atomic on POSIX).
#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace reports {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace reports
