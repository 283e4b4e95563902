#include "reports/format.h"

#include <cmath>
#include <cstdio>

namespace reports {

namespace {

// The program never calls setlocale, so printf's decimal point is always '.'.
std::string print(const char* format, int decimals, double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, decimals, value);
  return buffer;
}

}  // namespace

std::string fixed(double value, int decimals) {
  std::string text = print("%.*f", decimals, value);
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return text;
}

std::string general(double value) { return print("%.*g", 15, value); }

std::string integer(std::uint64_t value) { return std::to_string(value); }

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 cannot carry the C0 controls but tab and newlines, not even as &#1;: a
        // message quoting one (a JSON "\u0001" in a name) shows it as the text \x01.
        if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          constexpr std::string_view kHex = "0123456789abcdef";
          out += "\\x";
          out += kHex[byte >> 4];
          out += kHex[byte & 15];
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace reports
