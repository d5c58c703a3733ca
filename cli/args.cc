#include "args.h"

#include <utility>

namespace unknot::cli {
namespace {

const std::vector<std::string> kNoValues;

bool IsOptionToken(std::string_view token) {
  return token.size() > 1 && token[0] == '-';
}

// Splits "--name=value" / "--name" / "-o" into a name and an inline value.
// Short names are returned as a single character.
void SplitOption(std::string_view token, std::string* name,
                 std::optional<std::string>* inline_value) {
  std::string_view body = token.substr(token.rfind("--", 0) == 0 ? 2 : 1);
  size_t eq = body.find('=');
  if (eq != std::string_view::npos) {
    *inline_value = std::string(body.substr(eq + 1));
    body = body.substr(0, eq);
  }
  *name = std::string(body);
}

const OptionSpec* FindSpec(const std::vector<OptionSpec>& options,
                           std::string_view name, bool is_short) {
  for (const OptionSpec& spec : options) {
    if (is_short ? (name.size() == 1 && spec.short_name == name[0])
                 : spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

// The value of an option that takes one: inline ("--at=...") or the next
// token, whatever it looks like ("--note -sore-" is a note).
Status TakeValue(const std::vector<std::string>& argv, size_t* i,
                 std::string_view shown,
                 std::optional<std::string> inline_value, std::string* value) {
  if (inline_value) {
    *value = std::move(*inline_value);
    return Status::OK();
  }
  if (*i + 1 >= argv.size()) {
    return UsageError(std::string(shown) + " needs a value");
  }
  *value = argv[++*i];
  return Status::OK();
}

}  // namespace

Status UsageError(std::string message) {
  return Status::Invalid("usage", std::move(message));
}

const std::vector<std::string>& ParsedArgs::Values(
    std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? kNoValues : it->second;
}

std::optional<std::string> ParsedArgs::Value(std::string_view name) const {
  const std::vector<std::string>& values = Values(name);
  if (values.empty()) return std::nullopt;
  return values.back();
}

bool ParsedArgs::Has(std::string_view name) const {
  return values_.find(name) != values_.end();
}

std::string ArgParser::FindCommand(const std::vector<std::string>& argv) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& token = argv[i];
    if (token == "--") return i + 1 < argv.size() ? argv[i + 1] : "";
    if (token == "--db") {
      ++i;
      continue;
    }
    if (!IsOptionToken(token)) return token;
  }
  return "";
}

Status ArgParser::Parse(const std::vector<std::string>& argv,
                        const std::vector<OptionSpec>& options,
                        ParsedArgs* out) {
  bool options_ended = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& token = argv[i];
    if (!options_ended && token == "--") {
      options_ended = true;
      continue;
    }
    if (options_ended || !IsOptionToken(token)) {
      out->positionals.push_back(token);
      continue;
    }
    std::string name;
    std::optional<std::string> inline_value;
    SplitOption(token, &name, &inline_value);
    bool is_short = token.rfind("--", 0) != 0;
    std::string shown = is_short ? "-" + name : "--" + name;

    if (!is_short && name == "db") {
      if (out->db) return UsageError("--db given more than once");
      std::string value;
      UNKNOT_RETURN_IF_ERROR(TakeValue(argv, &i, shown, inline_value, &value));
      out->db = std::move(value);
      continue;
    }
    if ((!is_short && (name == "help" || name == "version")) ||
        (is_short && name == "h")) {
      if (inline_value) return UsageError(shown + " takes no value");
      (name == "version" ? out->version : out->help) = true;
      continue;
    }
    const OptionSpec* spec = FindSpec(options, name, is_short);
    if (spec == nullptr) return UsageError("unknown option " + shown);
    std::string key(spec->name);
    std::string value;
    if (spec->takes_value) {
      UNKNOT_RETURN_IF_ERROR(TakeValue(argv, &i, shown, inline_value, &value));
    } else if (inline_value) {
      return UsageError(shown + " takes no value");
    }
    if (!spec->repeatable && out->Has(key)) {
      return UsageError("--" + key + " given more than once");
    }
    out->values_[key].push_back(std::move(value));
  }
  return Status::OK();
}

}  // namespace unknot::cli
