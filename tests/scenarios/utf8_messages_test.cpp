// Load error messages are UTF-8 whatever bytes the file holds: they are printed, and `idsim
// check` copies them into junit.xml, which an XML reader refuses when they are not. A byte that
// is not UTF-8 is written as the ASCII text \xNN, so the message still says which byte it was.
#include <gtest/gtest.h>

#include "scenario_test_util.h"
#include "scenarios/check.h"

namespace {

using namespace scenario_test;
using scenarios::detail::is_utf8;
using scenarios::detail::to_valid_utf8;

std::string repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

// The one error at `path`, or a failed test.
const scenarios::LoadError& error_at(const scenarios::LoadResult& result, const std::string& path) {
  for (const scenarios::LoadError& e : result.errors)
    if (e.path == path) return e;
  ADD_FAILURE() << "no error at " << path << " in:\n" << messages(result);
  static const scenarios::LoadError none;
  return none;
}

TEST(Utf8, WellFormedSequencesOfOneToFourBytesAreUtf8) {
  EXPECT_TRUE(is_utf8(""));
  EXPECT_TRUE(is_utf8("plain ascii"));
  EXPECT_TRUE(is_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));  // é € 😀
  EXPECT_TRUE(is_utf8("\xf4\x8f\xbf\xbf"));                            // U+10FFFF, the last
}

TEST(Utf8, StrayTruncatedOverlongSurrogateAndTooLargeSequencesAreNot) {
  EXPECT_FALSE(is_utf8("\xff"));              // never in UTF-8
  EXPECT_FALSE(is_utf8("\xa9"));              // a continuation byte alone
  EXPECT_FALSE(is_utf8("caf\xc3"));           // the first half of é
  EXPECT_FALSE(is_utf8("\xc0\xaf"));          // '/' written in two bytes
  EXPECT_FALSE(is_utf8("\xe0\x80\xaf"));      // '/' written in three bytes
  EXPECT_FALSE(is_utf8("\xed\xa0\x80"));      // a UTF-16 surrogate, U+D800
  EXPECT_FALSE(is_utf8("\xf4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_utf8("latin-1 caf\xe9"));   // é in Latin-1
}

TEST(Utf8, ValidTextIsKeptByteForByte) {
  const std::string text = "name: caf\xc3\xa9 \xe2\x82\xac\n\ttab";
  EXPECT_EQ(to_valid_utf8(text), text);
}

TEST(Utf8, EachByteThatIsNotUtf8BecomesBackslashXAndTwoHexDigits) {
  EXPECT_EQ(to_valid_utf8("\xff"), "\\xff");
  EXPECT_EQ(to_valid_utf8("caf\xe9!"), "caf\\xe9!");
  // Half a character is replaced; the whole one next to it is kept.
  EXPECT_EQ(to_valid_utf8("\xc3\xc3\xa9"), "\\xc3\xc3\xa9");
  EXPECT_EQ(to_valid_utf8("\xed\xa0\x80"), "\\xed\\xa0\\x80");
  EXPECT_TRUE(is_utf8(to_valid_utf8("\x80\xbf\xc0\xc1\xf5\xfe\xff")));
}

// describe() quotes at most 40 bytes of a string: 'a' and 40 × é (C3 A9) is 81 bytes, and
// byte 40 falls inside the 20th é. The cut keeps 19 whole ones.
TEST(Utf8Messages, ALongStringIsCutBeforeACharacterItWouldSplit) {
  const scenarios::LoadResult result =
      load_json(R"({"name": "a)" + repeat("\xc3\xa9", 40) + R"(", "duration": "1h"})");
  const scenarios::LoadError& name = error_at(result, "name");
  EXPECT_EQ(name.found, "\"a" + repeat("\xc3\xa9", 19) + "\xe2\x80\xa6\"");  // …
  EXPECT_TRUE(is_utf8(name.message()));
}

// nlohmann's parse errors quote the bytes last read, as they are.
TEST(Utf8Messages, AJsonParseErrorQuotesAByteThatIsNotUtf8AsHex) {
  const scenarios::LoadResult result = load_json("{\"name\": \"\xff\"}");
  ASSERT_EQ(result.errors.size(), 1u) << messages(result);
  const std::string message = result.errors[0].message();
  EXPECT_NE(message.find("last read: '\"\\xff'"), std::string::npos) << message;
  EXPECT_TRUE(is_utf8(message));
}

// yaml-cpp's message for an unknown escape in a double-quoted scalar ends with the byte.
TEST(Utf8Messages, AYamlParseErrorQuotesAByteThatIsNotUtf8AsHex) {
  const scenarios::LoadResult result = load_yaml("name: \"\\\xff\"\n");
  ASSERT_EQ(result.errors.size(), 1u) << messages(result);
  const std::string message = result.errors[0].message();
  EXPECT_NE(message.find("unknown escape character: \\xff"), std::string::npos) << message;
  EXPECT_TRUE(is_utf8(message));
}

// --set text reaches the loader unchecked; the error names the path it was given.
TEST(Utf8Messages, ASetPathThatIsNotUtf8IsNamedInHex) {
  const scenarios::LoadResult result = load_json(minimal(), {{"fleets[w\xe9" "b].nodes", "3"}});
  ASSERT_EQ(result.errors.size(), 1u) << messages(result);
  EXPECT_EQ(result.errors[0].path, "fleets[w\\xe9b].nodes");
  EXPECT_TRUE(is_utf8(result.errors[0].message()));
}

}  // namespace
