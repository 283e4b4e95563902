#pragma once
// Every output file is written whole or not at all: to a temporary name in the same
// directory, flushed, then renamed over the final name (rename is atomic on POSIX).
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace reports {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Removes the temporary files ".NAME.tmp-XXXXXX" that a process killed outright (SIGKILL, a
// power cut) left in `dir` mid-write; other files are untouched. A missing dir is fine.
// Returns how many were removed. Never run it on a directory another process is writing to.
std::size_t remove_stale_temporaries(const std::filesystem::path& dir);
bool is_temporary_name(const std::string& file_name);

}  // namespace reports
