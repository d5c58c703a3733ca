#include "opfs_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>

// The file table (opfs_files.js). Ids are the table's; offsets and sizes
// travel as doubles (exact below 2^53), so no 64-bit integer crosses into
// JS (no BigInt needed). Negative results are errors.
extern "C" {
int unknot_opfs_open(const char* path);
void unknot_opfs_close(int id);
int unknot_opfs_read(int id, void* buffer, int size, double offset);
int unknot_opfs_write(int id, const void* buffer, int size, double offset);
int unknot_opfs_truncate(int id, double size);
int unknot_opfs_flush(int id);
double unknot_opfs_size(int id);
// 1 when the table has `path` and it is not empty, 0 when not.
int unknot_opfs_exists(const char* path);
// Empties the file (truncate to 0, flush): 0, or 1 when `path` is not a
// file of the table, -1 on an error.
int unknot_opfs_delete(const char* path);
}

namespace unknot::wasm {
namespace {

struct OpfsFile {
  sqlite3_file base;
  int id;
};

sqlite3_vfs g_vfs;
sqlite3_vfs* g_fallback = nullptr;  // the default VFS before ours

int OpfsId(sqlite3_file* file) { return reinterpret_cast<OpfsFile*>(file)->id; }

int Close(sqlite3_file* file) {
  unknot_opfs_close(OpfsId(file));
  return SQLITE_OK;
}

int Read(sqlite3_file* file, void* buffer, int size, sqlite3_int64 offset) {
  int got =
      unknot_opfs_read(OpfsId(file), buffer, size, static_cast<double>(offset));
  if (got < 0) return SQLITE_IOERR_READ;
  if (got < size) {
    // SQLite requires the rest zeroed on a short read.
    std::memset(static_cast<char*>(buffer) + got, 0, size - got);
    return SQLITE_IOERR_SHORT_READ;
  }
  return SQLITE_OK;
}

int Write(sqlite3_file* file, const void* buffer, int size,
          sqlite3_int64 offset) {
  return unknot_opfs_write(OpfsId(file), buffer, size,
                           static_cast<double>(offset)) < 0
             ? SQLITE_IOERR_WRITE
             : SQLITE_OK;
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  return unknot_opfs_truncate(OpfsId(file), static_cast<double>(size)) < 0
             ? SQLITE_IOERR_TRUNCATE
             : SQLITE_OK;
}

// handle.flush(): the durability point SQLite orders its writes around.
int Sync(sqlite3_file* file, int /*flags*/) {
  return unknot_opfs_flush(OpfsId(file)) < 0 ? SQLITE_IOERR_FSYNC : SQLITE_OK;
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  double bytes = unknot_opfs_size(OpfsId(file));
  if (bytes < 0) return SQLITE_IOERR_FSTAT;
  *size = static_cast<sqlite3_int64>(bytes);
  return SQLITE_OK;
}

// One connection per origin: the worker holds the Web Lock
// "unknot-journal", and an access handle is exclusive to its file anyway.
// So SQLite's file locks have nothing to exclude.
int Lock(sqlite3_file*, int) { return SQLITE_OK; }
int Unlock(sqlite3_file*, int) { return SQLITE_OK; }
int CheckReservedLock(sqlite3_file*, int* reserved) {
  *reserved = 0;
  return SQLITE_OK;
}

int FileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int SectorSize(sqlite3_file*) { return 4096; }
int DeviceCharacteristics(sqlite3_file*) { return 0; }

const sqlite3_io_methods kIoMethods = {
    1,  // iVersion: no xShm*, no xFetch
    Close,       Read,       Write,
    Truncate,    Sync,       FileSize,
    Lock,        Unlock,     CheckReservedLock,
    FileControl, SectorSize, DeviceCharacteristics,
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags,
         int* out_flags) {
  if (name == nullptr) {
    // A temporary file: SQLite deletes it on close, no need to be durable.
    return g_fallback->xOpen(g_fallback, name, file, flags, out_flags);
  }
  int id = unknot_opfs_open(name);
  if (id < 0) {
    file->pMethods = nullptr;
    return SQLITE_CANTOPEN;
  }
  auto* opfs = reinterpret_cast<OpfsFile*>(file);
  opfs->base.pMethods = &kIoMethods;
  opfs->id = id;
  if (out_flags != nullptr) *out_flags = flags;
  return SQLITE_OK;
}

int Delete(sqlite3_vfs*, const char* name, int /*sync_dir*/) {
  int rc = unknot_opfs_delete(name);
  if (rc == 0) return SQLITE_OK;
  return rc > 0 ? SQLITE_IOERR_DELETE_NOENT : SQLITE_IOERR_DELETE;
}

// An empty file counts as absent: deleting a rollback journal empties it
// (the table keeps its handle open), and SQLite treats an empty journal as
// no journal anyway.
int Access(sqlite3_vfs*, const char* name, int /*flags*/, int* result) {
  *result = unknot_opfs_exists(name) > 0 ? 1 : 0;
  return SQLITE_OK;
}

// Paths are the table's own names: absolute, used as they are.
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  int length = static_cast<int>(std::strlen(name));
  if (name[0] != '/' || length + 1 > size) return SQLITE_CANTOPEN;
  std::memcpy(out, name, length + 1);
  return SQLITE_OK;
}

}  // namespace

const char kOpfsVfsName[] = "unknot-opfs";

int RegisterOpfsVfs() {
  if (g_fallback != nullptr) return sqlite3_vfs_register(&g_vfs, 1);
  int rc = sqlite3_initialize();
  if (rc != SQLITE_OK) return rc;
  g_fallback = sqlite3_vfs_find(nullptr);
  if (g_fallback == nullptr) return SQLITE_ERROR;
  // Randomness, time, sleep and the rest come from the fallback.
  g_vfs = *g_fallback;
  g_vfs.pNext = nullptr;
  g_vfs.zName = kOpfsVfsName;
  g_vfs.szOsFile =
      std::max(static_cast<int>(sizeof(OpfsFile)), g_fallback->szOsFile);
  g_vfs.xOpen = Open;
  g_vfs.xDelete = Delete;
  g_vfs.xAccess = Access;
  g_vfs.xFullPathname = FullPathname;
  return sqlite3_vfs_register(&g_vfs, 1);
}

}  // namespace unknot::wasm
