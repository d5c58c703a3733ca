// Every cell a journal file stores, as changes: for tests that replay a
// journal into another store.
#ifndef UNKNOT_TESTS_CORE_STORAGE_CELLS_TEST_UTIL_H_
#define UNKNOT_TESTS_CORE_STORAGE_CELLS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/cell_store.h"

namespace unknot {
namespace storage {

inline std::vector<CellChange> AllCells(SqliteDb* db) {
  std::vector<CellChange> out;
  CellStore store(db);
  EXPECT_TRUE(store.Init().ok());
  Status s =
      store.ScanCells(-1, kCellStamps | kCellValues, [&](const StoredCell& c) {
        out.push_back({std::string(c.hlc), std::string(c.table),
                       std::string(c.row), std::string(c.column), *c.value});
      });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

}  // namespace storage
}  // namespace unknot

#endif  // UNKNOT_TESTS_CORE_STORAGE_CELLS_TEST_UTIL_H_
