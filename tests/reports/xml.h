#pragma once
// A strict little XML parser for the tests: elements, attributes, text, the five predefined
// entities and numeric references, comments, a prolog and a doctype. Throws on anything not
// well-formed (unbalanced tags, unquoted or duplicate attributes, stray '<' or '&').
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
