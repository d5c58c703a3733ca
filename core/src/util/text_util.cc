#include "util/text_util.h"

#include <cstdint>

namespace unknot {

namespace {

bool IsContinuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// Length of the sequence `lead` starts, or 0 when it cannot start one.
size_t SequenceLength(uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;  // continuation byte, overlong lead (C0, C1) or beyond U+10FFFF
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const uint8_t lead = p[i];
    if (lead < 0x80) {  // ASCII: most text, and every id
      ++i;
      continue;
    }
    const size_t len = SequenceLength(lead);
    if (len == 0 || len > n - i) return false;
    for (size_t k = 1; k < len; ++k) {
      if (!IsContinuation(p[i + k])) return false;
    }
    if (len >= 3) {
      // The second byte's range rules out overlong forms (E0, F0), UTF-16
      // surrogates (ED) and code points above U+10FFFF (F4).
      const uint8_t second = p[i + 1];
      if (lead == 0xE0 && second < 0xA0) return false;
      if (lead == 0xED && second > 0x9F) return false;
      if (lead == 0xF0 && second < 0x90) return false;
      if (lead == 0xF4 && second > 0x8F) return false;
    }
    i += len;
  }
  return true;
}

std::string_view TrimAsciiWhitespace(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsAsciiSpace(text[begin])) ++begin;
  while (end > begin && IsAsciiSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

std::string QuoteForMessage(std::string_view text) {
  std::string out = "\"";
  if (text.size() <= kMaxQuotedBytes) {
    out.append(text);
  } else {
    size_t cut = kMaxQuotedBytes;
    // Do not split a multi-byte character.
    while (cut > 0 && IsContinuation(static_cast<uint8_t>(text[cut]))) --cut;
    out.append(text.substr(0, cut));
    out.append("...");
  }
  out.push_back('"');
  return out;
}

std::string FoldedText(std::string_view text) {
  std::string out(TrimAsciiWhitespace(text));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace unknot
