// Small text helpers shared by the parsers and validators of the core.
#ifndef UNKNOT_UTIL_TEXT_UTIL_H_
#define UNKNOT_UTIL_TEXT_UTIL_H_

#include <string>
#include <string_view>

namespace unknot {

// How much of an offending value an error message quotes. Input is untrusted
// and may be megabytes long; a message only needs enough to recognise it.
constexpr size_t kMaxQuotedBytes = 64;

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// `text` without leading and trailing ASCII whitespace.
std::string_view TrimAsciiWhitespace(std::string_view text);

// `text` trimmed of ASCII whitespace, with ASCII letters in lower case: how
// free text the user types twice ("Ibuprofen", " ibuprofen") is recognised
// as one thing (medication rows, custom trigger ids).
std::string FoldedText(std::string_view text);

// `text` in double quotes for an error message, cut to kMaxQuotedBytes (at a
// UTF-8 boundary, marked "...") when longer.
std::string QuoteForMessage(std::string_view text);

}  // namespace unknot

#endif  // UNKNOT_UTIL_TEXT_UTIL_H_
