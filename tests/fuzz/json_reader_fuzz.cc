// Differential fuzzing of the sync codec's JsonReader against nlohmann/json
// (the parser it replaced on that path): the same verdict on every input,
// valid JSON or not, and, for valid input, the same values read: kinds,
// strings (escapes, surrogates, UTF-8), which numbers are 64-bit integers
// and their values, objects with duplicate keys (the last one counts).
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sync/json_reader.h"

namespace {

using nlohmann::json;
using unknot::sync_json::JsonReader;
using unknot::sync_json::Kind;

constexpr int kDepth = 16;

void Fail() { __builtin_trap(); }

// The value `r` is at must equal `j`.
void Compare(JsonReader* r, const json& j) {
  switch (r->Next()) {
    case Kind::kObject: {
      if (!j.is_object()) Fail();
      // The last of duplicate keys counts: count them on a copy first.
      JsonReader ahead = *r;
      std::map<std::string, int> seen;
      std::string key;
      ahead.BeginObject();
      while (ahead.NextKey(&key)) {
        ++seen[key];
        ahead.SkipValue();
      }
      if (seen.size() != j.size()) Fail();
      r->BeginObject();
      while (r->NextKey(&key)) {
        auto it = j.find(key);
        if (it == j.end()) Fail();
        if (--seen[key] == 0) {
          Compare(r, *it);
        } else {
          r->SkipValue();
        }
      }
      return;
    }
    case Kind::kArray: {
      if (!j.is_array()) Fail();
      size_t i = 0;
      r->BeginArray();
      while (r->NextElement()) {
        if (i >= j.size()) Fail();
        Compare(r, j[i++]);
      }
      if (i != j.size()) Fail();
      return;
    }
    case Kind::kString: {
      std::string s;
      r->ReadString(&s);
      if (!j.is_string() || j.get_ref<const std::string&>() != s) Fail();
      return;
    }
    case Kind::kNumber: {
      if (!j.is_number()) Fail();
      const bool int64 =
          j.is_number_integer() &&
          (!j.is_number_unsigned() ||
           j.get<uint64_t>() <=
               static_cast<uint64_t>(std::numeric_limits<int64_t>::max()));
      int64_t v = 0;
      const bool ours = r->ReadInt64(&v);
      if (ours != int64 || (ours && v != j.get<int64_t>())) Fail();
      return;
    }
    case Kind::kTrue:
    case Kind::kFalse:
      if (!j.is_boolean() || r->ReadBool() != j.get<bool>()) Fail();
      return;
    case Kind::kNull:
      if (!j.is_null()) Fail();
      r->SkipValue();
      return;
  }
}

// Nesting depth outside strings (nlohmann has no limit of its own).
int Depth(std::string_view s) {
  int depth = 0, most = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      most = std::max(most, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return most;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (Depth(text) > kDepth) return 0;
  // nlohmann/json takes a NUL byte after a value as the end of its input
  // ("[1]\0junk" parses); JsonReader refuses a NUL anywhere, as
  // RFC 8259 does. Not compared.
  if (text.find('\0') != std::string_view::npos) return 0;
  const bool ours = JsonReader::Validate(text, kDepth);
  const json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (ours == doc.is_discarded()) Fail();
  if (!ours) return 0;
  JsonReader r(text);
  Compare(&r, doc);
  return 0;
}
