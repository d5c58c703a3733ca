// A SQLite VFS over the Origin Private File System's synchronous access
// handles (FileSystemSyncAccessHandle), for the browser's dedicated worker.
//
// SQLite's page cache writes the pages a transaction changed, at their
// offsets, and the VFS hands each write to the file's access handle; xSync
// is handle.flush(). So a save costs the pages it touched plus a few
// flushes, whatever the size of the journal — unlike IDBFS, which copies
// whole files into IndexedDB on every sync.
//
// The files themselves live on the JS side (opfs_files.js, `Module.opfs`):
// createSyncAccessHandle() is asynchronous, so the host opens every file the
// journal will need (the database and its rollback journal) before SQLite
// opens the database, and this VFS only reads, writes and flushes them.
// Files the table does not know by name are refused; nameless temporary
// files (sorts, statement journals) go to the VFS that was the default
// before (Emscripten's in-memory file system).
//
// No shared memory (xShm*), so SQLite cannot use WAL here: the core's
// "PRAGMA journal_mode = WAL" leaves the default rollback journal in place.
// docs/storage.md ("The browser: OPFS") says why a save is durable.
#ifndef UNKNOT_WASM_OPFS_VFS_H_
#define UNKNOT_WASM_OPFS_VFS_H_

namespace unknot::wasm {

// The VFS's name ("unknot-opfs").
extern const char kOpfsVfsName[];

// Registers the VFS and makes it SQLite's default, so every database opened
// afterwards (by path) goes through the file table. Idempotent. Returns a
// SQLite result code (SQLITE_OK = 0).
int RegisterOpfsVfs();

}  // namespace unknot::wasm

#endif  // UNKNOT_WASM_OPFS_VFS_H_
