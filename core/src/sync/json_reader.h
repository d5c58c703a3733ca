// JsonReader: a strict JSON (RFC 8259) pull reader over a string view, for
// the sync codec's hot path (codec.cc). Pulls and pages carry up to 10,000
// changes; reading them straight into CellChanges, without a DOM, is about
// three times faster than building nlohmann's DOM first, in wasm most of all
// (-Oz: every string append is a call).
//
// Use: Validate() the whole text first (syntax, UTF-8, depth); then pull
// values in order. After a successful Validate the pull calls cannot fail
// on syntax, only answer what type comes next.
#ifndef UNKNOT_SYNC_JSON_READER_H_
#define UNKNOT_SYNC_JSON_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace unknot {
namespace sync_json {

enum class Kind { kObject, kArray, kString, kNumber, kTrue, kFalse, kNull };

class JsonReader {
 public:
  // A UTF-8 byte order mark at the start is skipped (as nlohmann/json does).
  explicit JsonReader(std::string_view text) : s_(text), pos_(SkipBom(text)) {}

  // True when the text is one JSON value (whitespace around it allowed),
  // strings are valid UTF-8 with valid escapes, and arrays and objects nest
  // at most `max_depth` deep.
  // *too_deep (when given) says whether it failed on nesting deeper than
  // `max_depth`.
  static bool Validate(std::string_view text, int max_depth,
                       bool* too_deep = nullptr);

  // The kind of the next value. REQUIRES: a value comes next.
  Kind Next();

  // Objects: BeginObject, then NextKey until it returns false (each key
  // followed by exactly one value read or skipped).
  void BeginObject();
  bool NextKey(std::string* key);
  // Arrays: BeginArray, then NextElement until false.
  void BeginArray();
  bool NextElement();

  // REQUIRES: Next() == kString.
  void ReadString(std::string* out);
  // Reads a number; true when it is an integer within int64 (no fraction
  // or exponent), else false (the number is consumed either way).
  bool ReadInt64(int64_t* out);
  // Reads true or false. REQUIRES: Next() is kTrue or kFalse.
  bool ReadBool();
  void SkipValue();

  // Bytes not read yet (to size what is read from them).
  size_t remaining() const { return s_.size() - pos_; }

 private:
  static size_t SkipBom(std::string_view text);
  void SkipSpace();

  std::string_view s_;
  size_t pos_;
  bool first_ = false;  // at the first key or element of a container
};

}  // namespace sync_json
}  // namespace unknot

#endif  // UNKNOT_SYNC_JSON_READER_H_
