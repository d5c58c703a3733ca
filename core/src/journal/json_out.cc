#include "journal/json_out.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "util/text_util.h"

namespace unknot {
namespace journal {

void JsonOut::Newline() {
  out_->push_back('\n');
  out_->append(static_cast<size_t>(depth_) * 2, ' ');
}

void JsonOut::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_->push_back(',');
  first_ = false;
  if (depth_ > 0) Newline();
}

void JsonOut::Open(char c) {
  BeforeValue();
  out_->push_back(c);
  ++depth_;
  first_ = true;
}

void JsonOut::Close(char c) {
  --depth_;
  if (!first_) Newline();  // "[]" and "{}" stay on one line
  out_->push_back(c);
  first_ = false;
}

void JsonOut::Key(std::string_view key) {
  BeforeValue();
  AppendQuoted(key, out_);
  out_->append(": ");
  after_key_ = true;
}

void JsonOut::String(std::string_view s) {
  BeforeValue();
  AppendQuoted(s, out_);
}

void JsonOut::Int(int64_t v) {
  BeforeValue();
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof(buf), v).ptr;
  out_->append(buf, static_cast<size_t>(end - buf));
}

void JsonOut::Bool(bool v) {
  BeforeValue();
  out_->append(v ? "true" : "false");
}

void JsonOut::Null() {
  BeforeValue();
  out_->append("null");
}

namespace {

// True for a byte that needs more than copying: an escape, or a check of
// the UTF-8 it belongs to.
inline bool Special(unsigned char u) {
  return u < 0x20 || u == '"' || u == '\\' || u >= 0x80;
}

}  // namespace

void JsonOut::AppendQuoted(std::string_view s, std::string* out) {
  // Fast path, nearly every string (ids, stamps, keys, vocabulary ids):
  // printable ASCII, copied as is.
  size_t first = 0;
  while (first < s.size() && !Special(static_cast<unsigned char>(s[first]))) {
    ++first;
  }
  if (first == s.size()) {
    out->push_back('"');
    out->append(s);
    out->push_back('"');
    return;
  }
  if (!IsValidUtf8(s)) {
    // Rare (a malformed change from elsewhere): let nlohmann replace the
    // bad bytes.
    out->append(
        nlohmann::json(std::string(s))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  // Runs of bytes that need no escape are appended at once.
  size_t run = 0;
  for (size_t i = first; i < s.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (u) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[u >> 4]);
        out->push_back(kHex[u & 0xF]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

}  // namespace journal
}  // namespace unknot
