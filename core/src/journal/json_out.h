// JsonOut: a small, fast writer of pretty-printed JSON (2-space indent) for
// the journal's large outputs — list and export of a 10-year journal must
// take well under 100 ms, and building a DOM first costs ten times that.
#ifndef UNKNOT_JOURNAL_JSON_OUT_H_
#define UNKNOT_JOURNAL_JSON_OUT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace unknot {
namespace journal {

class JsonOut {
 public:
  explicit JsonOut(std::string* out, int depth = 0)
      : out_(out), depth_(depth) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // Object members: Key() then exactly one value (or Begin*).
  void Key(std::string_view key);

  void String(std::string_view s);
  void Int(int64_t v);
  void Bool(bool v);
  void Null();

  // Appends `s` as a JSON string literal; invalid UTF-8 becomes U+FFFD.
  static void AppendQuoted(std::string_view s, std::string* out);

 private:
  void Open(char c);
  void Close(char c);
  void BeforeValue();
  void Newline();

  std::string* out_;
  int depth_;
  bool first_ = true;  // no member/element yet at this level
  bool after_key_ = false;
};

}  // namespace journal
}  // namespace unknot

#endif  // UNKNOT_JOURNAL_JSON_OUT_H_
