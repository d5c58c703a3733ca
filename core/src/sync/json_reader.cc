#include "sync/json_reader.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace unknot {
namespace sync_json {

namespace {

constexpr int kMaxTrackedDepth = 64;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 4 hex digits at s[at..]; -1 when they are not.
int Hex4(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return -1;
  int v = 0;
  for (size_t i = 0; i < 4; ++i) {
    int d = HexValue(s[at + i]);
    if (d < 0) return -1;
    v = v << 4 | d;
  }
  return v;
}

// Length of the well-formed UTF-8 sequence at s[at] (a non-ASCII lead
// byte), or 0 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
size_t Utf8Length(std::string_view s, size_t at) {
  auto byte = [&](size_t i) {
    return at + i < s.size() ? static_cast<unsigned char>(s[at + i]) : 0u;
  };
  const unsigned c = byte(0);
  auto cont = [&](size_t i, unsigned lo = 0x80, unsigned hi = 0xbf) {
    const unsigned b = byte(i);
    return b >= lo && b <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c == 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef)
    return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c == 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// The string starting at s[*pos] == '"': moves *pos past its closing
// quote. False when it is not a valid JSON string.
// The scanning loops read bytes through p = s.data(): in the
// size-optimised wasm build string_view's operator[] stays a call.
bool ScanString(std::string_view s, size_t* pos) {
  const char* const p = s.data();
  size_t i = *pos + 1;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == '"') {
      *pos = i + 1;
      return true;
    }
    if (c < 0x20) return false;
    if (c == '\\') {
      if (i + 1 >= s.size()) return false;
      const char e = p[i + 1];
      if (e == 'u') {
        const int u = Hex4(s, i + 2);
        if (u < 0) return false;
        i += 6;
        if (u >= 0xdc00 && u <= 0xdfff) return false;  // a lone low half
        if (u >= 0xd800 && u <= 0xdbff) {
          // A high surrogate must be followed by a low one.
          if (i + 1 >= s.size() || p[i] != '\\' || p[i + 1] != 'u')
            return false;
          const int low = Hex4(s, i + 2);
          if (low < 0xdc00 || low > 0xdfff) return false;
          i += 6;
        }
        continue;
      }
      if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' &&
          e != 'n' && e != 'r' && e != 't') {
        return false;
      }
      i += 2;
      continue;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    const size_t n = Utf8Length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return false;
}

// A number at s[*pos] (RFC 8259 grammar): moves *pos past it.
bool ScanNumber(std::string_view s, size_t* pos) {
  const char* const p = s.data();
  const size_t n = s.size();
  size_t i = *pos;
  if (i < n && p[i] == '-') ++i;
  if (i >= n || !IsDigit(p[i])) return false;
  if (p[i] == '0') {
    ++i;
  } else {
    while (i < n && IsDigit(p[i])) ++i;
  }
  if (i < n && p[i] == '.') {
    ++i;
    if (i >= n || !IsDigit(p[i])) return false;
    while (i < n && IsDigit(p[i])) ++i;
  }
  if (i < n && (p[i] == 'e' || p[i] == 'E')) {
    ++i;
    if (i < n && (p[i] == '+' || p[i] == '-')) ++i;
    if (i >= n || !IsDigit(p[i])) return false;
    while (i < n && IsDigit(p[i])) ++i;
  }
  *pos = i;
  return true;
}

// Whether the number token `t` is a finite double: nlohmann/json (which the
// codec used before) refuses numbers beyond the double range, so this does
// too. Integers of up to 18 digits always are.
bool FiniteNumber(std::string_view t) {
  if (t.size() <= 19) {
    bool plain = true;
    for (char c : t) plain = plain && (IsDigit(c) || c == '-');
    if (plain) return true;
  }
  const std::string copy(t);
  return std::isfinite(std::strtod(copy.c_str(), nullptr));
}

bool ScanLiteral(std::string_view s, size_t* pos, std::string_view word) {
  if (s.substr(*pos, word.size()) != word) return false;
  *pos += word.size();
  return true;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

}  // namespace

size_t JsonReader::SkipBom(std::string_view s) {
  return s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

bool JsonReader::Validate(std::string_view s, int max_depth, bool* too_deep) {
  const char* const p = s.data();
  // Iterative: a state and a stack of open containers ('{' or '[').
  if (too_deep != nullptr) *too_deep = false;
  if (max_depth > kMaxTrackedDepth) max_depth = kMaxTrackedDepth;
  char stack[kMaxTrackedDepth];
  int depth = 0;
  size_t i = SkipBom(s);
  enum { kValue, kKey, kAfterValue } state = kValue;
  auto skip = [&] {
    while (i < s.size() && IsSpace(p[i])) ++i;
  };
  for (;;) {
    skip();
    if (state == kValue) {
      if (i >= s.size()) return false;
      const char c = p[i];
      if (c == '{' || c == '[') {
        if (depth >= max_depth) {
          if (too_deep != nullptr) *too_deep = true;
          return false;
        }
        stack[depth++] = c;
        ++i;
        skip();
        const char close = c == '{' ? '}' : ']';
        if (i < s.size() && p[i] == close) {
          ++i;
          --depth;
          state = kAfterValue;
        } else {
          state = c == '{' ? kKey : kValue;
        }
        continue;
      }
      const size_t start = i;
      bool ok = c == '"'   ? ScanString(s, &i)
                : c == 't' ? ScanLiteral(s, &i, "true")
                : c == 'f' ? ScanLiteral(s, &i, "false")
                : c == 'n' ? ScanLiteral(s, &i, "null")
                           : ScanNumber(s, &i) &&
                                 FiniteNumber(s.substr(start, i - start));
      if (!ok) return false;
      state = kAfterValue;
    } else if (state == kKey) {
      if (i >= s.size() || p[i] != '"' || !ScanString(s, &i)) return false;
      skip();
      if (i >= s.size() || p[i] != ':') return false;
      ++i;
      state = kValue;
    } else {
      if (depth == 0) return i == s.size();
      if (i >= s.size()) return false;
      const char top = stack[depth - 1];
      if (p[i] == ',') {
        ++i;
        state = top == '{' ? kKey : kValue;
      } else if (p[i] == (top == '{' ? '}' : ']')) {
        ++i;
        --depth;
      } else {
        return false;
      }
    }
  }
}

void JsonReader::SkipSpace() {
  const char* const p = s_.data();
  const size_t n = s_.size();
  while (pos_ < n && IsSpace(p[pos_])) ++pos_;
}

Kind JsonReader::Next() {
  const char* const p = s_.data();
  SkipSpace();
  switch (pos_ < s_.size() ? p[pos_] : '\0') {
    case '{':
      return Kind::kObject;
    case '[':
      return Kind::kArray;
    case '"':
      return Kind::kString;
    case 't':
      return Kind::kTrue;
    case 'f':
      return Kind::kFalse;
    case 'n':
      return Kind::kNull;
    default:
      return Kind::kNumber;
  }
}

void JsonReader::BeginObject() {
  SkipSpace();
  ++pos_;  // '{'
  first_ = true;
}

bool JsonReader::NextKey(std::string* key) {
  const char* const p = s_.data();
  SkipSpace();
  const char c = p[pos_];
  if (c == '}') {
    ++pos_;
    first_ = false;
    return false;
  }
  if (!first_) {
    ++pos_;  // ','
    SkipSpace();
  }
  first_ = false;
  ReadString(key);
  SkipSpace();
  ++pos_;  // ':'
  return true;
}

void JsonReader::BeginArray() {
  SkipSpace();
  ++pos_;  // '['
  first_ = true;
}

bool JsonReader::NextElement() {
  const char* const p = s_.data();
  SkipSpace();
  if (p[pos_] == ']') {
    ++pos_;
    first_ = false;
    return false;
  }
  if (!first_) ++pos_;  // ','
  first_ = false;
  return true;
}

void JsonReader::ReadString(std::string* out) {
  const char* const p = s_.data();
  SkipSpace();
  out->clear();
  size_t i = pos_ + 1;
  // Runs without escapes are appended whole.
  size_t run = i;
  for (;;) {
    const char c = p[i];
    if (c == '"') break;
    if (c != '\\') {
      ++i;
      continue;
    }
    out->append(s_.data() + run, i - run);
    const char e = p[i + 1];
    if (e == 'u') {
      uint32_t cp = static_cast<uint32_t>(Hex4(s_, i + 2));
      i += 6;
      if (cp >= 0xd800 && cp <= 0xdbff) {
        const uint32_t low = static_cast<uint32_t>(Hex4(s_, i + 2));
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i += 6;
      }
      AppendUtf8(cp, out);
    } else {
      const char plain = e == 'b'   ? '\b'
                         : e == 'f' ? '\f'
                         : e == 'n' ? '\n'
                         : e == 'r' ? '\r'
                         : e == 't' ? '\t'
                                    : e;  // '"', '\\', '/'
      out->push_back(plain);
      i += 2;
    }
    run = i;
  }
  out->append(s_.data() + run, i - run);
  pos_ = i + 1;
}

bool JsonReader::ReadInt64(int64_t* out) {
  SkipSpace();
  const size_t start = pos_;
  ScanNumber(s_, &pos_);
  std::string_view text = s_.substr(start, pos_ - start);
  const bool negative = text[0] == '-';
  if (negative) text.remove_prefix(1);
  uint64_t value = 0;
  constexpr uint64_t kLimit =
      static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  for (char c : text) {
    if (!IsDigit(c)) return false;  // a fraction or an exponent
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (kLimit + (negative ? 1 : 0) - digit) / 10) return false;
    value = value * 10 + digit;
  }
  *out =
      negative ? static_cast<int64_t>(0 - value) : static_cast<int64_t>(value);
  return true;
}

bool JsonReader::ReadBool() {
  const char* const p = s_.data();
  SkipSpace();
  const bool value = p[pos_] == 't';
  pos_ += value ? 4 : 5;
  return value;
}

void JsonReader::SkipValue() {
  const char* const p = s_.data();
  SkipSpace();
  const char c = p[pos_];
  if (c == '"') {
    ScanString(s_, &pos_);
  } else if (c == '{' || c == '[') {
    // Validated: count brackets, stepping over strings whole.
    int depth = 0;
    do {
      const char d = p[pos_];
      if (d == '"') {
        ScanString(s_, &pos_);
        continue;
      }
      if (d == '{' || d == '[') ++depth;
      if (d == '}' || d == ']') --depth;
      ++pos_;
    } while (depth > 0);
  } else if (c == 't' || c == 'n') {
    pos_ += 4;
  } else if (c == 'f') {
    pos_ += 5;
  } else {
    ScanNumber(s_, &pos_);
  }
  first_ = false;
}

}  // namespace sync_json
}  // namespace unknot
