#pragma once
// Locale-independent number formatting and escaping shared by every writer: the same run
// always gives the same bytes.
#include <cstdint>
#include <string>
#include <string_view>

namespace reports {

std::string fixed(double value, int decimals);  // "%.*f"; "NaN"/"+Inf"/"-Inf" when not finite
std::string general(double value);              // "%.15g": exact for counts below 10^15, short for rates
std::string integer(std::uint64_t value);
std::string xml_escape(std::string_view text);  // & < > " ' and C0 controls as \xNN (XML, HTML, SVG text)
std::string csv_field(std::string_view text);   // quoted when it holds , " or a newline

}  // namespace reports
