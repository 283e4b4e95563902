// report.html in a real browser: headless Chromium opens it, renders it without console
// errors and takes a 1280×800 screenshot. Skipped (never passed) where Chromium is missing.
#include <gtest/gtest.h>

#include <filesystem>

#include "reports/write_all.h"
#include "report_fixture.h"

namespace {

namespace fs = std::filesystem;
constexpr const char* kChromium = "/usr/bin/chromium";

std::uint32_t big_endian(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

TEST(Browser, ChromiumRendersTheReportWithoutConsoleErrors) {
  if (!fs::exists(kChromium)) GTEST_SKIP() << "no " << kChromium << " (apt-get install chromium)";
  const fs::path dir = reports_test::fresh_dir("browser");
  reports::write_run_reports(reports_test::small_report(), dir.string());
  const fs::path shot = dir / "screenshot.png", log = dir / "chromium.log", profile = dir / "profile";
  const std::string command =
      std::string("timeout 90 ") + kChromium +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --hide-scrollbars --enable-logging=stderr --v=0 --user-data-dir=" + profile.string() +
      " --window-size=1280,800 --screenshot=" + shot.string() + " file://" +
      (dir / "report.html").string() + " >" + log.string() + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << reports_test::slurp(log);
  const std::string output = reports_test::slurp(log);
  EXPECT_EQ(output.find("CONSOLE"), std::string::npos) << output;
  EXPECT_EQ(output.find("Failed to load resource"), std::string::npos) << output;
  const std::string png = reports_test::slurp(shot);
  ASSERT_GT(png.size(), 20'000u) << "screenshot missing or blank";
  ASSERT_EQ(png.substr(1, 3), "PNG");
  EXPECT_EQ(big_endian(png, 16), 1280u);
  EXPECT_EQ(big_endian(png, 20), 800u);
  std::printf("screenshot: %s\n", shot.string().c_str());  // kept for a look
  fs::remove_all(profile);  // Chromium's 2 MB profile is not: one per run piled up in /tmp
}

}  // namespace
