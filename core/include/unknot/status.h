// Status: the result of every fallible call in the core. Errors are values:
// nothing in the core's public API throws. Each error carries a stable
// kebab-case code (scripts and the UI branch on it, see docs/errors.md) and a
// human message (for people; may change wording freely).
#ifndef UNKNOT_STATUS_H_
#define UNKNOT_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace unknot {

class Status {
 public:
  // What kind of failure this is; hosts map kinds to exit codes / HTTP status.
  enum class Kind {
    kOk,
    kInvalid,      // the input was refused (validation); nothing changed
    kNotFound,     // the thing named does not exist
    kIOError,      // storage or network failed
    kCorruption,   // stored data is not what this version can read
    kUnsupported,  // e.g. an export format version from the future
  };

  Status() = default;  // OK

  static Status OK() { return Status(); }
  static Status Invalid(std::string code, std::string message) {
    return Status(Kind::kInvalid, std::move(code), std::move(message));
  }
  static Status NotFound(std::string code, std::string message) {
    return Status(Kind::kNotFound, std::move(code), std::move(message));
  }
  static Status IOError(std::string code, std::string message) {
    return Status(Kind::kIOError, std::move(code), std::move(message));
  }
  static Status Corruption(std::string code, std::string message) {
    return Status(Kind::kCorruption, std::move(code), std::move(message));
  }
  static Status Unsupported(std::string code, std::string message) {
    return Status(Kind::kUnsupported, std::move(code), std::move(message));
  }

  bool ok() const { return kind_ == Kind::kOk; }
  Kind kind() const { return kind_; }
  bool IsInvalid() const { return kind_ == Kind::kInvalid; }
  bool IsNotFound() const { return kind_ == Kind::kNotFound; }
  bool IsIOError() const { return kind_ == Kind::kIOError; }

  // Stable kebab-case code, e.g. "intensity-out-of-range". Empty when ok().
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }

  // "ok" or "<code>: <message>".
  std::string ToString() const {
    return ok() ? std::string("ok") : code_ + ": " + message_;
  }

 private:
  Status(Kind kind, std::string code, std::string message)
      : kind_(kind), code_(std::move(code)), message_(std::move(message)) {}

  Kind kind_ = Kind::kOk;
  std::string code_;
  std::string message_;
};

// Returns early from the enclosing function when `expr` is not ok.
#define UNKNOT_RETURN_IF_ERROR(expr)         \
  do {                                       \
    ::unknot::Status _unknot_st = (expr);    \
    if (!_unknot_st.ok()) return _unknot_st; \
  } while (0)

}  // namespace unknot

#endif  // UNKNOT_STATUS_H_
