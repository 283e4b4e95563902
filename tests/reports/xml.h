#pragma once
// A strict little XML parser for the tests: elements, attributes, text, the five predefined
// entities and numeric references, comments, a prolog and a doctype. Throws on anything not
// well-formed (unbalanced tags, unquoted or duplicate attributes, stray '<' or '&', bytes that
// are not UTF-8, characters XML 1.0 does not allow such as the C0 controls but tab and newlines).
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace reports_test {

struct XmlNode {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::unique_ptr<XmlNode>> children;
  std::string text;  // all character data directly inside

  const std::string* attribute(const std::string& key) const {
    for (const auto& [k, v] : attributes)
      if (k == key) return &v;
    return nullptr;
  }
  template <typename F>
  void visit(F&& f) const {
    f(*this);
    for (const auto& c : children) c->visit(f);
  }
  std::vector<const XmlNode*> all(const std::string& tag) const {
    std::vector<const XmlNode*> out;
    visit([&](const XmlNode& n) { if (n.name == tag) out.push_back(&n); });
    return out;
  }
};

class XmlParser {
 public:
  explicit XmlParser(std::string text) : s_(std::move(text)) {}

  std::unique_ptr<XmlNode> parse() {
    check_characters();
    skip_misc(true);
    auto root = element();
    skip_misc(false);
    if (pos_ != s_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("XML error at byte " + std::to_string(pos_) + ": " + why);
  }
  // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF], in
  // UTF-8 (shortest form) as the prolog declares.
  void check_characters() {
    for (pos_ = 0; pos_ < s_.size();) {
      const auto lead = static_cast<unsigned char>(s_[pos_]);
      const std::size_t length = lead < 0x80    ? 1
                                 : lead >= 0xF8 ? 0
                                 : lead >= 0xF0 ? 4
                                 : lead >= 0xE0 ? 3
                                 : lead >= 0xC0 ? 2
                                                : 0;
      if (length == 0 || pos_ + length > s_.size()) fail("a byte that is not UTF-8");
      std::uint32_t c = length == 1 ? lead : lead & (0x7F >> length);
      for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(s_[pos_ + k]);
        if ((next & 0xC0) != 0x80) fail("a byte that is not UTF-8");
        c = (c << 6) | (next & 0x3F);
      }
      const std::uint32_t shortest = length == 1 ? 0 : length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
      if (c < shortest) fail("an overlong UTF-8 sequence");
      const bool allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
                           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      if (!allowed) fail("the character U+" + std::to_string(c) + " (decimal), not allowed in XML");
      pos_ += length;
    }
    pos_ = 0;
  }
  bool starts(const char* p) const { return s_.compare(pos_, std::char_traits<char>::length(p), p) == 0; }
  void skip_space() { while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_; }
  void skip_until(const char* end) {
    const std::size_t at = s_.find(end, pos_);
    if (at == std::string::npos) fail(std::string("missing ") + end);
    pos_ = at + std::char_traits<char>::length(end);
  }
  void skip_misc(bool prolog) {
    for (;;) {
      skip_space();
      if (starts("<!--")) skip_until("-->");
      else if (prolog && starts("<?")) skip_until("?>");
      else if (prolog && starts("<!DOCTYPE")) skip_until(">");
      else return;
    }
  }
  std::string name() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                s_[pos_] == '-' || s_[pos_] == '_' || s_[pos_] == ':' || s_[pos_] == '.'))
      ++pos_;
    if (pos_ == start) fail("expected a name");
    return s_.substr(start, pos_ - start);
  }
  std::string reference() {
    const std::size_t end = s_.find(';', pos_);
    if (end == std::string::npos || end - pos_ > 10) fail("bad entity");
    const std::string ref = s_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    if (ref == "amp") return "&";
    if (ref == "lt") return "<";
    if (ref == "gt") return ">";
    if (ref == "quot") return "\"";
    if (ref == "apos") return "'";
    if (!ref.empty() && ref[0] == '#') return "?";
    fail("unknown entity &" + ref + ";");
  }
  std::string attribute_value() {
    if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) fail("unquoted attribute");
    const char quote = s_[pos_++];
    std::string value;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      if (s_[pos_] == '<') fail("'<' in an attribute");
      if (s_[pos_] == '&') value += reference();
      else value += s_[pos_++];
    }
    if (pos_ >= s_.size()) fail("unterminated attribute");
    ++pos_;
    return value;
  }
  std::unique_ptr<XmlNode> element() {
    if (!starts("<")) fail("expected an element");
    ++pos_;
    auto node = std::make_unique<XmlNode>();
    node->name = name();
    for (;;) {
      skip_space();
      if (starts("/>")) { pos_ += 2; return node; }
      if (starts(">")) { ++pos_; break; }
      std::string key = name();
      skip_space();
      if (!starts("=")) fail("expected '='");
      ++pos_;
      skip_space();
      if (node->attribute(key)) fail("duplicate attribute " + key);
      node->attributes.emplace_back(key, attribute_value());
    }
    content(*node);
    return node;
  }
  void content(XmlNode& node) {
    for (;;) {
      if (pos_ >= s_.size()) fail("unclosed <" + node.name + ">");
      if (starts("</")) {
        pos_ += 2;
        if (name() != node.name) fail("mismatched </...> for <" + node.name + ">");
        skip_space();
        if (!starts(">")) fail("expected '>'");
        ++pos_;
        return;
      }
      if (starts("<!--")) skip_until("-->");
      else if (starts("<")) node.children.push_back(element());
      else if (s_[pos_] == '&') node.text += reference();
      else node.text += s_[pos_++];
    }
  }

  std::string s_;
  std::size_t pos_ = 0;
};

inline std::unique_ptr<XmlNode> parse_xml(const std::string& text) { return XmlParser(text).parse(); }

}  // namespace reports_test
