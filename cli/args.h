// A small command-line parser for `unknot`: a subcommand (possibly with a
// sub-subcommand such as `trigger add`), positionals, options given as
// `--opt value` or `--opt=value`, repeatable options, flags, and the global
// `--db PATH`, accepted anywhere on the line.
//
// The parser knows syntax only; which options a command takes comes from the
// command table (commands/commands.h), and what the values mean is decided by
// the core.
#ifndef UNKNOT_CLI_ARGS_H_
#define UNKNOT_CLI_ARGS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/status.h"

namespace unknot::cli {

struct OptionSpec {
  std::string_view name;  // long name without dashes: "site"
  char short_name;        // e.g. 'o' for -o; '\0' for none
  bool takes_value;       // false: a flag
  bool repeatable;        // true: every occurrence is kept, in order
};

// The result of parsing one command line.
class ParsedArgs {
 public:
  // Every value given for `name`, in order (empty when absent).
  const std::vector<std::string>& Values(std::string_view name) const;
  // The value of a non-repeatable option; nullopt when absent.
  std::optional<std::string> Value(std::string_view name) const;
  bool Has(std::string_view name) const;

  std::vector<std::string> positionals;
  std::optional<std::string> db;  // the global --db
  bool help = false;              // --help / -h anywhere
  bool version = false;           // --version

 private:
  friend class ArgParser;
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

// Splits argv into the command word (the first positional) and the rest.
// Call FindCommand first, then Parse with that command's options.
class ArgParser {
 public:
  // The first token that is not an option nor the value of --db; "" when
  // there is none. Never fails: errors are reported by Parse.
  static std::string FindCommand(const std::vector<std::string>& argv);

  // Parses `argv` (without the program name) against `options`; the command
  // word itself is kept as positionals[0].
  // Error code: "usage" (unknown option, missing value, value given to a
  // flag, non-repeatable option repeated).
  static Status Parse(const std::vector<std::string>& argv,
                      const std::vector<OptionSpec>& options, ParsedArgs* out);
};

// Status::Invalid("usage", message).
Status UsageError(std::string message);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_ARGS_H_
