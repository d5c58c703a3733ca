// Emergency and crisis numbers by country (RED_FLAGS.md, "Numbers by
// country"), as data.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "unknot/triage.h"

namespace unknot {
namespace {

struct CountryRow {
  std::string_view country;
  EmergencyNumbers numbers;
};

constexpr std::array<CountryRow, 6> kCountries = {{
    {"US", {"911", "988 (call or text)"}},
    {"CA", {"911", "988"}},
    {"GB", {"999 (or 112)", "Samaritans 116 123"}},
    {"IE", {"112 / 999", "Samaritans 116 123"}},
    {"AU", {"000", "Lifeline 13 11 14"}},
    {"NZ", {"111", "1737"}},
}};

// EU member states other than IE (which has its own row).
constexpr std::array<std::string_view, 26> kEuCountries = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
    "FR", "DE", "GR", "HU", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"};

constexpr EmergencyNumbers kEuDefault = {"112", "116 123 where it exists"};
constexpr EmergencyNumbers kOther = {"112", "your local crisis line"};

}  // namespace

EmergencyNumbers LookupEmergencyNumbers(std::string_view country) {
  std::string code(country);
  for (char& c : code)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const CountryRow& row : kCountries) {
    if (row.country == code) return row.numbers;
  }
  if (std::find(kEuCountries.begin(), kEuCountries.end(), code) !=
      kEuCountries.end()) {
    return kEuDefault;
  }
  return kOther;
}

}  // namespace unknot
