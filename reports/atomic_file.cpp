#include "reports/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace reports {

namespace {
constexpr std::string_view kTemporaryMark = ".tmp-";  // then mkstemp's six characters
}

bool is_temporary_name(const std::string& name) {
  const std::size_t mark = name.size() >= 1 + kTemporaryMark.size() + 6
                               ? name.size() - kTemporaryMark.size() - 6
                               : std::string::npos;
  return name.starts_with('.') && mark != std::string::npos &&
         name.compare(mark, kTemporaryMark.size(), kTemporaryMark) == 0;
}

std::size_t remove_stale_temporaries(const std::filesystem::path& dir) {
  std::error_code ec;
  std::size_t removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec) || !is_temporary_name(entry.path().filename().string())) continue;
    if (std::filesystem::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create directory " + dir.string() + ": " + ec.message());
  std::string temp =
      (dir / ("." + path.filename().string() + std::string(kTemporaryMark) + "XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw OutputError("cannot write in " + dir.string() + ": " + std::strerror(errno));
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      throw OutputError("cannot write " + path.string() + ": " + why);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    throw OutputError("cannot flush " + path.string() + ": " + std::strerror(errno));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    throw OutputError("cannot rename into " + path.string() + ": " + why);
  }
}

}  // namespace reports
