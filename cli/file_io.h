// Whole-file reads and atomic writes for export/import.
#ifndef UNKNOT_CLI_FILE_IO_H_
#define UNKNOT_CLI_FILE_IO_H_

#include <istream>
#include <string>

#include "unknot/status.h"

namespace unknot::cli {

// Reads all of `path`. Error codes: "file-not-found", "io-error".
Status ReadWholeFile(const std::string& path, std::string* data);

// Reads `in` to its end. Error code: "io-error".
Status ReadWholeStream(std::istream& in, std::string* data);

// Writes `data` to a temporary file (mode 0600) next to `path`, syncs it and
// renames it over `path`: readers see the old file or the new one, never a
// part. On failure `path` is untouched and the temporary file removed.
// Error code: "io-error".
Status WriteFileAtomically(const std::string& path, const std::string& data);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_FILE_IO_H_
