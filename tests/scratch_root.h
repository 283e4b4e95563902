#pragma once
// A test binary's scratch directory: one per process under the system temp directory (so
// parallel ctest runs never share one), removed with everything in it when the binary ends.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace idsim_test {

class ScratchRoot {
 public:
  explicit ScratchRoot(const std::string& prefix)
      : path_(std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()))) {
    ::testing::AddGlobalTestEnvironment(new Cleanup(path_));  // gtest owns it
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  class Cleanup final : public ::testing::Environment {
   public:
    explicit Cleanup(std::filesystem::path path) : path_(std::move(path)) {}
    void TearDown() override { std::filesystem::remove_all(path_); }

   private:
    std::filesystem::path path_;
  };
  std::filesystem::path path_;
};

}  // namespace idsim_test
