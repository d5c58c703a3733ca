// Turns the entry options of `log` and `edit` (--site, --at, --quality, ...)
// into the core's JournalEntry / EntryPatch. Syntax only: whether a site id
// exists or an intensity is in range is the core's call (ValidateEntry).
#ifndef UNKNOT_CLI_ENTRY_OPTIONS_H_
#define UNKNOT_CLI_ENTRY_OPTIONS_H_

#include <string_view>
#include <vector>

#include "args.h"
#include "unknot/env.h"
#include "unknot/journal_entry.h"
#include "unknot/status.h"

namespace unknot::cli {

// The options shared by `log` and `edit`.
std::vector<OptionSpec> EntryOptionSpecs();
// `edit`'s extras: --baseline and the --clear-* flags.
std::vector<OptionSpec> EditOnlyOptionSpecs();

// Parses "ID[@left|right|both]:INTENSITY"; side defaults to both.
// Error code: "usage" (malformed, unknown side, intensity not an integer).
Status ParseSiteSpec(std::string_view text, SitePain* site);

// A new entry from the options; without --at it is stamped `env`'s now.
// Error codes: "usage", "invalid-time".
Status EntryFromArgs(const ParsedArgs& args, Env* env, JournalEntry* entry);

// A patch with one field per option given. Error codes: "usage" (including
// an edit that changes nothing, or contradictory options), "invalid-time".
Status PatchFromArgs(const ParsedArgs& args, Env* env, EntryPatch* patch);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_ENTRY_OPTIONS_H_
