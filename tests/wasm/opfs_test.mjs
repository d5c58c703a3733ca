// The OPFS VFS (wasm/opfs_vfs.cc + wasm/opfs_files.js) under node, with
// in-memory fake FileSystemSyncAccessHandles: the file table's naming and
// its all-or-nothing attach, that a save writes the pages it changed (not
// the file), that a crash at any point of a save leaves the journal either
// before or after that save, and the copy of an older (WAL) journal.
// The real handles run in Chromium: tests/e2e/storage.test.mjs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const modulePath = process.env.UNKNOT_WASM_JS;
let createUnknotCore;
// Each module instance adds its own process listeners under node.
process.setMaxListeners(50);
let wasmBinary;

before(async () => {
  assert.ok(modulePath, 'set UNKNOT_WASM_JS to the built unknot_core.js');
  globalThis.require = createRequire(import.meta.url);
  globalThis.__dirname = path.dirname(modulePath);
  ({ default: createUnknotCore } = await import(pathToFileURL(modulePath)));
  wasmBinary = readFileSync(modulePath.replace(/\.js$/, '.wasm'));
});

// A file: its bytes now, and what a crash would leave (the bytes at its
// last flush). `log` (shared by a folder) records every call in order.
class FakeFile {
  constructor(log, name, bytes = new Uint8Array(0)) {
    this.log = log;
    this.name = name;
    this.bytes = bytes.slice();
    this.durable = bytes.slice();
    this.locked = false;
    this.snapshots = true;
  }
}

// The synchronous FileSystemSyncAccessHandle API, over a FakeFile.
class FakeHandle {
  constructor(file) {
    this.file = file;
    this.closed = false;
  }
  check() {
    if (this.closed) throw new Error('InvalidStateError: closed');
  }
  read(view, { at }) {
    this.check();
    const bytes = this.file.bytes;
    const n = Math.max(0, Math.min(view.length, bytes.length - at));
    view.set(bytes.subarray(at, at + n));
    return n;
  }
  write(view, { at }) {
    this.check();
    const file = this.file;
    if (at + view.length > file.bytes.length) {
      const grown = new Uint8Array(at + view.length);
      grown.set(file.bytes);
      file.bytes = grown;
    }
    file.bytes.set(view, at);
    if (file.snapshots) file.log.push({ file: file.name, op: 'write', at, data: view.slice() });
    return view.length;
  }
  truncate(size) {
    this.check();
    const file = this.file;
    const next = new Uint8Array(size);
    next.set(file.bytes.subarray(0, Math.min(size, file.bytes.length)));
    file.bytes = next;
    file.log.push({ file: file.name, op: 'truncate', size });
  }
  getSize() {
    this.check();
    return this.file.bytes.length;
  }
  flush() {
    this.check();
    // Copying megabytes per flush would dominate the big test: it opts out.
    if (this.file.snapshots) this.file.durable = this.file.bytes.slice();
    this.file.log.push({ file: this.file.name, op: 'flush' });
  }
  close() {
    this.closed = true;
    this.file.locked = false;
  }
}

// The slice of FileSystemDirectoryHandle the table uses. `failOn` names a
// file whose access handle cannot be created (as when another tab holds it).
class FakeFolder {
  constructor(files = {}, { failOn, snapshots = true } = {}) {
    this.log = [];
    this.snapshots = snapshots;
    this.files = new Map();
    this.failOn = failOn;
    for (const [name, bytes] of Object.entries(files)) this.files.set(name, new FakeFile(this.log, name, bytes));
  }
  async getFileHandle(name, { create } = {}) {
    if (!this.files.has(name)) {
      if (!create) throw new Error(`NotFoundError: ${name}`);
      this.files.set(name, new FakeFile(this.log, name));
      this.files.get(name).snapshots = this.snapshots;
    }
    const file = this.files.get(name);
    return {
      createSyncAccessHandle: async () => {
        if (name === this.failOn || file.locked) throw new Error(`NoModificationAllowedError: ${name}`);
        file.locked = true;
        return new FakeHandle(file);
      },
    };
  }
  // What survives a crash now: every file as of its last flush.
  crashed() {
    return Object.fromEntries([...this.files].map(([name, file]) => [name, file.durable]));
  }
}

async function newCore() {
  return createUnknotCore({ wasmBinary, printErr: () => {} });
}

function call(journal, method, ...args) {
  const value = JSON.parse(journal[method](...args));
  assert.equal(value.error, undefined, `${method}: ${JSON.stringify(value.error)}`);
  return value;
}

function entry(i) {
  return JSON.stringify({
    at: `2026-11-24T09:${String(i % 60).padStart(2, '0')}:00+01:00`,
    flare: i % 2 === 0,
    sites: [{ site: 'upper_trapezius', side: 'left', intensity: i % 11 }],
    note: `entry ${i}`,
  });
}

// A core whose SQLite goes through the table, with `folder` attached.
async function opfsCore(folder) {
  const core = await newCore();
  const dbPath = await core.opfs.attach(folder, 'journal.db');
  assert.equal(core.useOpfsVfs(), 0);
  return { core, dbPath };
}

function count(journal) {
  return call(journal, 'list', '').length;
}

test('attach opens NAME and NAME-journal and names them /opfs/…', async () => {
  const folder = new FakeFolder();
  const core = await newCore();
  assert.equal(await core.opfs.attach(folder, 'journal.db'), '/opfs/journal.db');
  assert.deepEqual([...folder.files.keys()].sort(), ['journal.db', 'journal.db-journal']);
  await assert.rejects(core.opfs.attach(folder, 'journal.db'), /attached already/);
  await assert.rejects(core.opfs.attach(folder, '../x.db'), /not a plain file name/);
  assert.equal(core.opfs.hasDatabase('/opfs/journal.db'), false);
  core.opfs.detach();
  assert.ok([...folder.files.values()].every((f) => !f.locked), 'detach closes every handle');
});

test('attach is all or nothing: a handle it cannot get closes the others', async () => {
  const folder = new FakeFolder({}, { failOn: 'journal.db-journal' });
  const core = await newCore();
  await assert.rejects(core.opfs.attach(folder, 'journal.db'), /NoModificationAllowedError/);
  assert.equal(folder.files.get('journal.db').locked, false);
  folder.failOn = undefined;
  assert.equal(await core.opfs.attach(folder, 'journal.db'), '/opfs/journal.db');
});

test('a journal on the table survives closing and reopening', async () => {
  const folder = new FakeFolder();
  const { core, dbPath } = await opfsCore(folder);
  let journal = new core.Journal();
  call(journal, 'open', dbPath);
  for (let i = 0; i < 5; i++) call(journal, 'log', entry(i));
  journal.delete();
  core.opfs.detach();
  assert.ok(folder.files.get('journal.db').durable.length > 0);
  assert.equal(folder.files.get('journal.db-journal').bytes.length, 0, 'the rollback journal is emptied');

  // A fresh module (a reload) sees only what was flushed.
  const again = await opfsCore(new FakeFolder(folder.crashed()));
  assert.equal(again.core.opfs.hasDatabase(again.dbPath), true);
  journal = new again.core.Journal();
  call(journal, 'open', again.dbPath);
  assert.equal(count(journal), 5);
  journal.delete();
});

test('a save writes the pages it changed, not the whole file', async () => {
  const folder = new FakeFolder({}, { snapshots: false });
  const { core, dbPath } = await opfsCore(folder);
  const journal = new core.Journal();
  call(journal, 'open', dbPath);
  const perSave = (n) => {
    const before = core.opfs.stats.bytesWritten;
    const flushes = core.opfs.stats.flushes;
    call(journal, 'log', entry(n));
    return { bytes: core.opfs.stats.bytesWritten - before, flushes: core.opfs.stats.flushes - flushes };
  };
  for (let i = 0; i < 200; i++) call(journal, 'log', entry(i));
  const small = perSave(200);
  for (let i = 201; i < 3000; i++) call(journal, 'log', entry(i));
  const size = folder.files.get('journal.db').bytes.length;
  const large = perSave(3000);
  console.log(
    `# opfs: file ${size} B; one save writes ${small.bytes} B at 200 entries, ${large.bytes} B at 3000 ` +
      `(${large.flushes} flushes)`,
  );
  assert.ok(size > 1_000_000, `a journal of 3000 entries is over a megabyte (${size} B)`);
  assert.ok(large.bytes < size / 8, `a save writes ${large.bytes} B of a ${size} B file`);
  assert.ok(large.bytes < 4 * Math.max(small.bytes, 65536), 'the cost of a save does not grow with the file');
  assert.ok(large.flushes >= 2, 'the journal and the database are flushed');
  journal.delete();
});

// Replays the calls of one save up to each point and "crashes" there (each
// file as of its last flush): the journal must open with the save either
// wholly absent or wholly there, and once the save returned, there.
test('a crash at any point of a save leaves the journal before or after it', async () => {
  const folder = new FakeFolder();
  const { core, dbPath } = await opfsCore(folder);
  const journal = new core.Journal();
  call(journal, 'open', dbPath);
  for (let i = 0; i < 40; i++) call(journal, 'log', entry(i));
  const start = folder.crashed();
  folder.log.length = 0;
  call(journal, 'log', entry(40));
  const ops = folder.log.slice();
  journal.delete();
  assert.ok(ops.some((o) => o.op === 'flush'));

  const checker = await newCore();
  assert.equal(checker.useOpfsVfs(), 0);
  const seen = new Set();
  for (let k = 0; k <= ops.length; k++) {
    const now = Object.fromEntries(Object.entries(start).map(([n, b]) => [n, b.slice()]));
    const durable = Object.fromEntries(Object.entries(start).map(([n, b]) => [n, b.slice()]));
    for (const o of ops.slice(0, k)) {
      let bytes = now[o.file];
      if (o.op === 'write') {
        if (o.at + o.data.length > bytes.length) {
          const grown = new Uint8Array(o.at + o.data.length);
          grown.set(bytes);
          bytes = grown;
        }
        bytes.set(o.data, o.at);
      } else if (o.op === 'truncate') {
        const next = new Uint8Array(o.size);
        next.set(bytes.subarray(0, Math.min(o.size, bytes.length)));
        bytes = next;
      } else {
        durable[o.file] = bytes.slice();
      }
      now[o.file] = bytes;
    }
    const crashed = new FakeFolder(durable);
    const dbPathAfter = await checker.opfs.attach(crashed, 'journal.db');
    const j = new checker.Journal();
    try {
      call(j, 'open', dbPathAfter);
      const n = count(j);
      assert.ok(n === 40 || n === 41, `crash after call ${k} of ${ops.length}: ${n} entries`);
      seen.add(n);
    } finally {
      j.delete();
      checker.opfs.detach();
    }
  }
  assert.deepEqual([...seen].sort(), [40, 41], 'some crash points lose the save, the last keeps it');
});

test('adopt copies an older WAL journal in, as a rollback-journal database', async () => {
  // The older build: the core on Emscripten's own file system, in WAL mode.
  const old = await newCore();
  old.FS.mkdir('/journal');
  let journal = new old.Journal();
  call(journal, 'open', '/journal/journal.db');
  for (let i = 0; i < 7; i++) call(journal, 'log', entry(i));
  journal.delete(); // closes: the WAL is checkpointed into journal.db
  const bytes = old.FS.readFile('/journal/journal.db');
  assert.equal(bytes[18], 2, 'the older journal is in WAL mode');

  const folder = new FakeFolder({ 'journal.db-journal': new Uint8Array([1, 2, 3]) });
  const core = await newCore();
  const dbPath = await core.opfs.attach(folder, 'journal.db');
  core.opfs.adopt(dbPath, bytes);
  assert.equal(core.opfs.hasDatabase(dbPath), true);
  assert.equal(folder.files.get('journal.db-journal').durable.length, 0, 'a stale journal is emptied');
  const copied = folder.files.get('journal.db').durable;
  assert.deepEqual([copied[18], copied[19]], [1, 1]);
  assert.equal(core.useOpfsVfs(), 0);
  journal = new core.Journal();
  call(journal, 'open', dbPath);
  assert.equal(count(journal), 7);
  call(journal, 'log', entry(7));
  assert.equal(count(journal), 8);
  journal.delete();
});

test('a copy cut short before its first bytes is not a database', async () => {
  const old = await newCore();
  old.FS.mkdir('/journal');
  const journal = new old.Journal();
  call(journal, 'open', '/journal/journal.db');
  journal.delete();
  const bytes = old.FS.readFile('/journal/journal.db');

  const folder = new FakeFolder();
  const core = await newCore();
  const dbPath = await core.opfs.attach(folder, 'journal.db');
  core.opfs.adopt(dbPath, bytes);
  // A crash between the two flushes of adopt(): the rest, without the magic.
  const firstFlush = folder.log.findIndex((o) => o.file === 'journal.db' && o.op === 'flush');
  const cut = new Uint8Array(bytes.length);
  for (const o of folder.log.slice(0, firstFlush)) if (o.op === 'write') cut.set(o.data, o.at);
  core.opfs.detach();
  const again = await newCore();
  const path2 = await again.opfs.attach(new FakeFolder({ 'journal.db': cut }), 'journal.db');
  assert.equal(again.opfs.hasDatabase(path2), false);
});
