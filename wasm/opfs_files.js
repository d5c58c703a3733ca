// The JS half of the OPFS VFS (opfs_vfs.cc): a table of files, each an open
// FileSystemSyncAccessHandle, that SQLite reads and writes through.
//
// An Emscripten JS library (--js-library): the unknot_opfs_* functions are
// what the C side imports; `Module.opfs` (UnknotOpfs) is the host's side.
// createSyncAccessHandle() is asynchronous while SQLite's I/O is not, so the
// host attaches the files first (`await core.opfs.attach(dir, 'journal.db')`
// opens the database and its rollback journal) and only then opens the
// journal at the path attach() returns; handles stay open until detach().
//
// File naming: a database `NAME` in the OPFS folder `dir` is the SQLite path
// `/opfs/NAME`; its rollback journal is `NAME-journal` (`/opfs/NAME-journal`).
// SQLite "deletes" a journal by emptying it (truncate to 0 + flush; the
// handle stays open), and an empty file counts as absent.
//
// Handles only need read, write, truncate, getSize, flush and close with the
// synchronous signatures (Chromium >= 108, Firefox >= 111, Safari >= 16.4),
// so tests/wasm drives this table with in-memory fake handles under node.
// Written as plain functions: Emscripten 3.1.6 copies this object into the
// glue by each function's source text.
mergeInto(LibraryManager.library, {
  $UnknotOpfs__postset: "Module['opfs'] = UnknotOpfs;",
  $UnknotOpfs: {
    kFolder: '/opfs/',
    // SQLite path -> { id, name, handle }
    byPath: {},
    // id -> the same entry (ids index this list)
    byId: [],
    // Counters for tests and benchmarks: calls into the handles.
    stats: { reads: 0, writes: 0, bytesWritten: 0, truncates: 0, flushes: 0 },
    // The last handle error, as text (the C side only sees an I/O code).
    lastError: '',

    pathOf: function (name) {
      if (typeof name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(name)) {
        throw new Error('opfs: not a plain file name: ' + name);
      }
      return UnknotOpfs.kFolder + name;
    },

    // Opens the database `name` and its rollback journal in the OPFS folder
    // `dir` (a FileSystemDirectoryHandle, or anything with its
    // getFileHandle(name, {create}) -> { createSyncAccessHandle() }).
    // Returns the SQLite path of the database. All or nothing: on failure
    // every handle it opened is closed again.
    attach: async function (dir, name) {
      var names = [name, name + '-journal'];
      var opened = [];
      try {
        for (var i = 0; i < names.length; i++) {
          var path = UnknotOpfs.pathOf(names[i]);
          if (UnknotOpfs.byPath[path]) throw new Error('opfs: ' + names[i] + ' is attached already');
          var file = await dir.getFileHandle(names[i], { create: true });
          var handle = await file.createSyncAccessHandle();
          opened.push({ name: names[i], path: path, handle: handle });
          // Early Chromium (102-107) had asynchronous getSize/flush/...:
          // SQLite cannot wait for a promise, so such a browser falls back.
          if (typeof handle.getSize() !== 'number') {
            var unsupported = new Error('opfs: this browser has asynchronous access handles');
            unsupported.name = 'NotSupportedError';
            throw unsupported;
          }
        }
      } catch (e) {
        for (var j = 0; j < opened.length; j++) {
          try { opened[j].handle.close(); } catch (ignored) {}
        }
        throw e;
      }
      for (var k = 0; k < opened.length; k++) {
        var entry = opened[k];
        entry.id = UnknotOpfs.byId.length;
        UnknotOpfs.byId.push(entry);
        UnknotOpfs.byPath[entry.path] = entry;
      }
      return UnknotOpfs.pathOf(name);
    },

    // Closes every handle (close the journal first).
    detach: function () {
      for (var path in UnknotOpfs.byPath) {
        var entry = UnknotOpfs.byPath[path];
        try { entry.handle.close(); } catch (ignored) {}
        entry.handle = null;
      }
      UnknotOpfs.byPath = {};
    },

    entry: function (path) {
      var entry = UnknotOpfs.byPath[path];
      if (!entry) throw new Error('opfs: not attached: ' + path);
      return entry;
    },

    // True when the attached database file holds a SQLite database (its
    // first 16 bytes are the SQLite magic), so a copy cut short by a crash
    // (see adopt) does not count as a journal.
    hasDatabase: function (path) {
      var handle = UnknotOpfs.entry(path).handle;
      if (handle.getSize() < 100) return false;
      var head = new Uint8Array(16);
      handle.read(head, { at: 0 });
      var magic = 'SQLite format 3\0';
      for (var i = 0; i < 16; i++) if (head[i] !== magic.charCodeAt(i)) return false;
      return true;
    },

    // Makes the attached database a copy of `bytes` (a whole database file
    // from elsewhere, e.g. the IDBFS journal of an older build; it must have
    // been closed cleanly, so that no WAL or journal holds part of it).
    // Bytes 18 and 19 (2 = WAL) become 1 (rollback journal): this VFS has no
    // shared memory for WAL. The first 16 bytes (the magic) are written and
    // flushed last, so until the copy is complete hasDatabase() is false.
    adopt: function (path, bytes) {
      var db = UnknotOpfs.entry(path).handle;
      var journal = UnknotOpfs.entry(path + '-journal').handle;
      if (bytes.length < 100) throw new Error('opfs: not a database (' + bytes.length + ' bytes)');
      var copy = new Uint8Array(bytes);
      if (copy[18] === 2) copy[18] = 1;
      if (copy[19] === 2) copy[19] = 1;
      // A stale journal would be "hot" and roll the copy back.
      journal.truncate(0);
      journal.flush();
      db.truncate(0);
      db.write(copy.subarray(16), { at: 16 });
      db.flush();
      db.write(copy.subarray(0, 16), { at: 0 });
      db.flush();
    },

    fail: function (what, e) {
      UnknotOpfs.lastError = what + ': ' + e;
      err('opfs: ' + UnknotOpfs.lastError);
      return -1;
    },
  },

  unknot_opfs_open__deps: ['$UnknotOpfs'],
  unknot_opfs_open: function (pathPtr) {
    var entry = UnknotOpfs.byPath[UTF8ToString(pathPtr)];
    return entry && entry.handle ? entry.id : -1;
  },

  unknot_opfs_close__deps: ['$UnknotOpfs'],
  // The handle stays open: SQLite reopens the journal for each transaction.
  unknot_opfs_close: function (id) {},

  unknot_opfs_read__deps: ['$UnknotOpfs'],
  unknot_opfs_read: function (id, ptr, size, offset) {
    try {
      UnknotOpfs.stats.reads++;
      return UnknotOpfs.byId[id].handle.read(HEAPU8.subarray(ptr, ptr + size), { at: offset });
    } catch (e) {
      return UnknotOpfs.fail('read', e);
    }
  },

  unknot_opfs_write__deps: ['$UnknotOpfs'],
  unknot_opfs_write: function (id, ptr, size, offset) {
    try {
      var written = UnknotOpfs.byId[id].handle.write(HEAPU8.subarray(ptr, ptr + size), { at: offset });
      UnknotOpfs.stats.writes++;
      UnknotOpfs.stats.bytesWritten += written;
      return written === size ? 0 : UnknotOpfs.fail('write', 'short write (' + written + ' of ' + size + ')');
    } catch (e) {
      return UnknotOpfs.fail('write', e);
    }
  },

  unknot_opfs_truncate__deps: ['$UnknotOpfs'],
  unknot_opfs_truncate: function (id, size) {
    try {
      UnknotOpfs.stats.truncates++;
      UnknotOpfs.byId[id].handle.truncate(size);
      return 0;
    } catch (e) {
      return UnknotOpfs.fail('truncate', e);
    }
  },

  unknot_opfs_flush__deps: ['$UnknotOpfs'],
  unknot_opfs_flush: function (id) {
    try {
      UnknotOpfs.stats.flushes++;
      UnknotOpfs.byId[id].handle.flush();
      return 0;
    } catch (e) {
      return UnknotOpfs.fail('flush', e);
    }
  },

  unknot_opfs_size__deps: ['$UnknotOpfs'],
  unknot_opfs_size: function (id) {
    try {
      return UnknotOpfs.byId[id].handle.getSize();
    } catch (e) {
      return UnknotOpfs.fail('size', e);
    }
  },

  unknot_opfs_exists__deps: ['$UnknotOpfs'],
  unknot_opfs_exists: function (pathPtr) {
    var entry = UnknotOpfs.byPath[UTF8ToString(pathPtr)];
    try {
      return entry && entry.handle && entry.handle.getSize() > 0 ? 1 : 0;
    } catch (e) {
      return UnknotOpfs.fail('size', e);
    }
  },

  unknot_opfs_delete__deps: ['$UnknotOpfs'],
  unknot_opfs_delete: function (pathPtr) {
    var entry = UnknotOpfs.byPath[UTF8ToString(pathPtr)];
    if (!entry || !entry.handle) return 1;
    try {
      UnknotOpfs.stats.truncates++;
      UnknotOpfs.stats.flushes++;
      entry.handle.truncate(0);
      entry.handle.flush();
      return 0;
    } catch (e) {
      return UnknotOpfs.fail('delete', e);
    }
  },
});
