// The journal's SQLite schema and its numbered migrations.
//
// Migrations are additive only (new tables, new columns, new indexes): a
// database made by any earlier version opens and migrates, and a change
// received for a column this version does not know is kept in `cells` and
// moved into its table by the migration that adds the column. Version 6
// moved every cell's stamp into its row (row_stamps.h), rewriting the file's
// cells once; its data is unchanged.
#ifndef UNKNOT_STORAGE_SCHEMA_H_
#define UNKNOT_STORAGE_SCHEMA_H_

#include <string>
#include <utility>
#include <vector>

#include "storage/sqlite_db.h"
#include "unknot/status.h"

namespace unknot {
namespace storage {

struct Migration {
  int version;  // the schema version after this migration
  const char* sql;
  // (table, column) pairs this migration makes known: their cells are
  // written into the table after the SQL runs (from v6 on, moved there).
  std::vector<std::pair<std::string, std::string>> replay;
};

// All migrations, in order; the last one's version is the current schema.
const std::vector<Migration>& Migrations();
int CurrentSchemaVersion();

// Brings the database to `target` (default: current) in one transaction.
// Error codes: "newer-schema" (made by a newer Unknot), "not-a-journal",
// "io-error".
Status Migrate(SqliteDb* db, int target = -1);

// The version recorded in the file (PRAGMA user_version).
Status ReadSchemaVersion(SqliteDb* db, int* version);

}  // namespace storage
}  // namespace unknot

#endif  // UNKNOT_STORAGE_SCHEMA_H_
