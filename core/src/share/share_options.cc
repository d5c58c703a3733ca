// Share scopes and periods: parsing and their JSON (unknot/share.h).
#include <nlohmann/json.hpp>

#include "unknot/share.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

// Canonical order, which ShareScopeNames and the view follow.
struct ScopeField {
  const char* name;
  bool ShareScopes::*flag;
};
constexpr ScopeField kScopes[] = {
    {"entries", &ShareScopes::entries},
    {"notes", &ShareScopes::notes},
    {"routines", &ShareScopes::routines},
    {"adherence", &ShareScopes::adherence},
    {"triage", &ShareScopes::triage},
    {"insights", &ShareScopes::insights},
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

Status InvalidPeriod(const std::string& why) {
  return Status::Invalid("invalid-period", why);
}

}  // namespace

Status ParseShareScopes(std::string_view text, ShareScopes* scopes) {
  ShareScopes out;
  while (true) {
    const auto comma = text.find(',');
    const std::string_view item = Trim(text.substr(0, comma));
    bool found = false;
    for (const ScopeField& f : kScopes) {
      if (item != f.name) continue;
      if (out.*f.flag) {
        return Status::Invalid("invalid-scope",
                               "scope " + std::string(item) + " is repeated");
      }
      out.*f.flag = found = true;
    }
    if (!found) {
      return Status::Invalid(
          "invalid-scope",
          "unknown scope \"" + std::string(item) +
              "\" (entries, notes, routines, adherence, triage, insights)");
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  *scopes = out;
  return Status::OK();
}

std::vector<std::string> ShareScopeNames(const ShareScopes& scopes) {
  std::vector<std::string> names;
  for (const ScopeField& f : kScopes) {
    if (scopes.*f.flag) names.push_back(f.name);
  }
  return names;
}

std::optional<int64_t> SharePeriod::FirstDay(int64_t today) const {
  if (since_day) return since_day;
  if (last_days) return today - (*last_days - 1);
  return std::nullopt;
}

Status ParseLastDays(std::string_view text, int* days) {
  if (!text.empty() && text.back() == 'd') text.remove_suffix(1);
  if (text.empty() || text.size() > 5)
    return InvalidPeriod("--last takes a number of days, e.g. 90d");
  int n = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return InvalidPeriod("--last takes a number of days, e.g. 90d");
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > kMaxShareLastDays)
    return InvalidPeriod("--last is 1 to 3660 days");
  *days = n;
  return Status::OK();
}

std::string SharePeriodToJson(const SharePeriod& period) {
  nlohmann::json out = nlohmann::json::object();
  if (period.since_day) out["since"] = FormatDate(*period.since_day);
  if (period.last_days) out["last_days"] = *period.last_days;
  return out.dump();
}

Status SharePeriodFromJson(std::string_view json, SharePeriod* period) {
  const auto doc = nlohmann::json::parse(json, nullptr, false);
  if (!doc.is_object() || doc.size() > 1)
    return InvalidPeriod("a period is {\"since\"}, {\"last_days\"} or {}");
  SharePeriod out;
  if (auto it = doc.find("since"); it != doc.end()) {
    int64_t day = 0;
    if (!it->is_string() || !ParseLocalDate(it->get<std::string>(), &day).ok())
      return InvalidPeriod("\"since\" is a date YYYY-MM-DD");
    out.since_day = day;
  } else if (auto it = doc.find("last_days"); it != doc.end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 ||
        it->get<int64_t>() > kMaxShareLastDays)
      return InvalidPeriod("\"last_days\" is 1 to 3660");
    out.last_days = it->get<int>();
  } else if (!doc.empty()) {
    return InvalidPeriod("a period is {\"since\"}, {\"last_days\"} or {}");
  }
  *period = out;
  return Status::OK();
}

}  // namespace unknot
