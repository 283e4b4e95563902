#pragma once
// Internal to the scenarios library: the error collector and the typed field readers the
// validator sections share. Every reader reports what it found and what was expected, and
// leaves its output untouched when the value is absent or wrong.
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/loader.h"
#include "sim/distribution.h"
#include "sim/time.h"

namespace scenarios::detail {

using Json = nlohmann::ordered_json;

// "a.b" / "b" for the root; "(root)" names the document itself in messages.
std::string child_path(std::string_view path, std::string_view key);
std::string index_path(std::string_view path, std::size_t index);
// True when text is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF). Every string of a loaded document must be: reports print the document as JSON.
bool is_utf8(std::string_view text);
// text with each byte that is not part of well-formed UTF-8 written as the ASCII \xNN
// (lowercase hex), so a message can quote any bytes and still name the one that was wrong.
// Every LoadError's path, found and expected go through it (Checker::fail).
std::string to_valid_utf8(std::string_view text);
// What a value looks like in a message: "\"abc\"", "42", "an object", "an array of 3".
// Long strings are cut at a character boundary.
std::string describe(const Json& value);

struct NumberRange {
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  bool low_open = false;
  bool high_open = false;
  bool contains(double v) const;
  std::string text() const;  // "a number >= 0", "a number in [0, 1)"
};
inline constexpr NumberRange kNonNegative{0, std::numeric_limits<double>::infinity()};

struct DurationRange {
  sim::Ticks low = 0;
  sim::Ticks high = sim::kTicksMax;
  bool negative_ok = false;  // a leading '-' is allowed (offsets, jitter)
  std::string_view limit = {};  // when the range is one of idsim's limits: where it is, how to stay under
  std::string text() const;  // "a duration in 1m..7d"
  std::string text_with_limit() const;  // then " (limit)": for a value given but not allowed
};

// An enum spelled in the file: its names and the values they map to.
template <typename T>
using Names = std::initializer_list<std::pair<std::string_view, T>>;

class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  void fail(std::string_view path, std::string found, std::string expected);
  std::size_t error_count() const { return errors_.size(); }
  std::vector<LoadError> take() { return std::move(errors_); }

  // True when value is an object; else reports it.
  bool object(const Json& value, std::string_view path);
  // Reports every key not in `allowed`.
  void keys(const Json& obj, std::string_view path, std::initializer_list<std::string_view> allowed) {
    keys(obj, path, std::vector<std::string_view>(allowed));
  }
  void keys(const Json& obj, std::string_view path, const std::vector<std::string_view>& allowed);
  // The key's value, or nullptr when absent (reporting it when required).
  const Json* get(const Json& obj, std::string_view path, std::string_view key,
                  bool required = false, std::string_view what = "");

  // Typed readers; each returns nullopt when absent or wrong (and reports the latter).
  // `limit`: when `high` is one of idsim's limits, where it is and how to stay under it
  // (appended to the message of a value out of range).
  std::optional<std::int64_t> integer(const Json& obj, std::string_view path, std::string_view key,
                                      std::int64_t low, std::int64_t high, bool required = false,
                                      std::string_view limit = {});
  std::optional<double> number(const Json& obj, std::string_view path, std::string_view key,
                               NumberRange range, bool required = false);
  std::optional<bool> boolean(const Json& obj, std::string_view path, std::string_view key);
  std::optional<std::string> string(const Json& obj, std::string_view path, std::string_view key,
                                    bool required = false);
  std::optional<sim::Ticks> duration(const Json& obj, std::string_view path, std::string_view key,
                                     DurationRange range, bool required = false);
  std::optional<sim::Distribution> distribution(const Json& obj, std::string_view path,
                                                std::string_view key);
  // An array (absent → nullptr; wrong type or more than max_size entries → reported, nullptr).
  const Json* array(const Json& obj, std::string_view path, std::string_view key,
                    std::size_t min_size = 0, std::size_t max_size = SIZE_MAX, bool required = false,
                    std::string_view limit = {});

  // Value-level readers used by the ones above and for array elements.
  std::optional<sim::Ticks> duration_value(const Json& value, std::string_view path,
                                           DurationRange range);
  std::optional<sim::Distribution> distribution_value(const Json& value, std::string_view path);

  template <typename T>
  std::optional<T> choice(const Json& obj, std::string_view path, std::string_view key,
                          Names<T> names, bool required = false) {
    const Json* value = get(obj, path, key, required, names_text(names));
    if (value == nullptr) return std::nullopt;
    if (value->is_string()) {
      for (const auto& [name, result] : names)
        if (name == value->get_ref<const std::string&>()) return result;
    }
    fail(child_path(path, key), describe(*value), names_text(names));
    return std::nullopt;
  }

  // Setters: assign when present and valid.
  template <typename T>
  static void set(T& out, const std::optional<T>& value) {
    if (value) out = *value;
  }

 private:
  template <typename T>
  static std::string names_text(Names<T> names) {
    std::string text = "one of ";
    bool first = true;
    for (const auto& entry : names) {
      text += (first ? "" : ", ") + std::string(entry.first);
      first = false;
    }
    return text;
  }
  std::optional<sim::Distribution> distribution_params(std::string_view kind, const Json& p,
                                                       std::string_view path);
  std::optional<sim::Distribution> empirical(const Json& p, std::string_view path);

  std::string file_;
  std::vector<LoadError> errors_;
};

// "a, b, c".
std::string join(const std::vector<std::string>& names);
// "one of a, b, c" for a list of names.
std::string one_of(const std::vector<std::string>& names);
// A name as the format allows it: [a-z0-9_.-]+, at most 64 characters.
bool valid_name(std::string_view name);

}  // namespace scenarios::detail
