// Plain-text tables for human output: columns padded to their widest cell.
#ifndef UNKNOT_CLI_TABLE_H_
#define UNKNOT_CLI_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

namespace unknot::cli {

using TableRow = std::vector<std::string>;

// Prints `rows` (the first is usually a header) with two spaces between
// columns and no trailing spaces. Widths count bytes; labels are ASCII.
void PrintTable(std::ostream& out, const std::vector<TableRow>& rows);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_TABLE_H_
