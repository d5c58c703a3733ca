// Where the worker keeps the journal, and when a change counts as saved.
//
// OPFS (the default): the journal is the file `unknot/journal.db` in the
// Origin Private File System, read and written page by page through
// FileSystemSyncAccessHandles by the core's OPFS VFS (wasm/opfs_vfs.h,
// wasm/opfs_files.js). SQLite flushes the handles before a commit returns,
// so a change is durable when the core answers: `persist()` has nothing
// left to do. A save costs the pages it changed, not the file.
//
// IDBFS (the fallback, where a dedicated worker has no sync access handles:
// Safari < 16.4, Firefox < 111; or when the worker URL says ?storage=idbfs,
// which the e2e suite uses): Emscripten's IDBFS at /journal, as before OPFS;
// `persist()` runs FS.syncfs(false), which copies every changed file whole
// into IndexedDB.
//
// Migration: when OPFS is usable but holds no journal and IDBFS holds one
// (an older build ran here), the IDBFS journal is opened once with the core
// (which folds its WAL in on close), copied into OPFS, and then removed from
// IndexedDB so it cannot come back. docs/storage.md has the details.
import type { UnknotCore } from './unknot_core';

export type StorageKind = 'opfs' | 'idbfs';

export interface JournalStorage {
  kind: StorageKind;
  /** The path to open the journal at. */
  path: string;
  /** Makes every change so far durable: null, or why it failed. */
  persist(): Promise<string | null>;
}

const kOpfsFolder = 'unknot';
const kOpfsName = 'journal.db';
const kAttachAttempts = 30;
const kAttachRetryMs = 100;
const kIdbfsDir = '/journal';
const kIdbfsPath = `${kIdbfsDir}/journal.db`;

function syncfs(core: UnknotCore, populate: boolean): Promise<string | null> {
  return new Promise((resolve) => {
    core.FS.syncfs(populate, (err) => resolve(err ? String(err) : null));
  });
}

function exists(core: UnknotCore, path: string): boolean {
  return core.FS.analyzePath(path).exists;
}

/** Whether this worker can use OPFS sync access handles at all. */
export function opfsAvailable(): boolean {
  return (
    typeof self.navigator?.storage?.getDirectory === 'function' &&
    typeof FileSystemFileHandle !== 'undefined' &&
    'createSyncAccessHandle' in FileSystemFileHandle.prototype
  );
}

/** The storage the worker URL asks for (?storage=idbfs forces the fallback). */
export function requestedStorage(): StorageKind {
  return new URL(self.location.href).searchParams.get('storage') === 'idbfs' ? 'idbfs' : 'opfs';
}

/**
 * Opens the journal's storage: OPFS when asked for and available (migrating
 * an IDBFS journal into it once), IDBFS otherwise. Throws only when no
 * storage can be opened (the message says why).
 */
export async function openStorage(core: UnknotCore, wanted: StorageKind): Promise<JournalStorage> {
  if (wanted === 'opfs' && opfsAvailable()) {
    const opfs = await openOpfs(core);
    if (opfs) return opfs;
  }
  return openIdbfs(core);
}

async function mountIdbfs(core: UnknotCore): Promise<void> {
  core.FS.mkdir(kIdbfsDir);
  core.FS.mount(core.IDBFS, {}, kIdbfsDir);
  const error = await syncfs(core, true);
  if (error) throw new Error(`Your saved journal could not be read: ${error}`);
}

async function openIdbfs(core: UnknotCore): Promise<JournalStorage> {
  await mountIdbfs(core);
  return { kind: 'idbfs', path: kIdbfsPath, persist: () => syncfs(core, false) };
}

// Null when this browser's OPFS cannot hold the journal (no OPFS in this
// context, e.g. private browsing; or asynchronous access handles): the
// caller falls back to IDBFS. Any other failure throws instead: falling back
// then would show an empty journal in place of the one in OPFS.
async function openOpfs(core: UnknotCore): Promise<JournalStorage | null> {
  let folder: FileSystemDirectoryHandle;
  try {
    const root = await self.navigator.storage.getDirectory();
    folder = await root.getDirectoryHandle(kOpfsFolder, { create: true });
  } catch (err) {
    console.warn('OPFS is not usable here, keeping the journal in IndexedDB:', err);
    return null;
  }
  let path: string;
  try {
    path = await attach(core, folder);
  } catch (err) {
    if (err instanceof Error && err.name === 'NotSupportedError') {
      console.warn('OPFS is not usable here, keeping the journal in IndexedDB:', err);
      return null;
    }
    throw new Error(`Your journal could not be opened: ${String(err)}`);
  }
  if (!core.opfs.hasDatabase(path)) await migrateFromIdbfs(core, path);
  const rc = core.useOpfsVfs();
  if (rc !== 0) {
    core.opfs.detach();
    throw new Error(`The journal's file system did not start (SQLite code ${rc})`);
  }
  return { kind: 'opfs', path, persist: () => Promise.resolve(null) };
}

// An access handle is exclusive: a worker of a tab that just closed (and
// released the journal lock) may hold the files for a moment longer.
async function attach(core: UnknotCore, folder: FileSystemDirectoryHandle): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await core.opfs.attach(folder, kOpfsName);
    } catch (err) {
      const busy = err instanceof Error && err.name === 'NoModificationAllowedError';
      if (!busy || attempt >= kAttachAttempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, kAttachRetryMs));
    }
  }
}

// Copies an older build's IDBFS journal into OPFS (a no-op without one).
// Runs before the OPFS VFS becomes SQLite's default, so the core opens the
// IDBFS file with Emscripten's own VFS.
async function migrateFromIdbfs(core: UnknotCore, opfsPath: string): Promise<void> {
  // No IndexedDB here: no older journal either. (An IndexedDB that fails to
  // read throws below: starting on an empty OPFS journal would hide the old
  // one for good, since the move only happens while OPFS has none.)
  if (typeof indexedDB === 'undefined') return;
  // Where the browser can list its databases, a profile that never had the
  // IDBFS journal skips mounting it (which would create an empty one).
  if (typeof indexedDB.databases === 'function') {
    const names = (await indexedDB.databases()).map((db) => db.name);
    if (!names.includes(kIdbfsDir)) return;
  }
  await mountIdbfs(core);
  try {
    if (!exists(core, kIdbfsPath)) return;
    // Open and close with the core: an unclean end (a closed tab) can leave
    // committed pages in the WAL; closing the last connection checkpoints
    // them into journal.db and removes the WAL.
    const journal = new core.Journal();
    try {
      const opened = JSON.parse(journal.open(kIdbfsPath)) as { error?: { message: string } };
      if (opened.error) throw new Error(`Your saved journal could not be read: ${opened.error.message}`);
      journal.close();
    } finally {
      journal.delete();
    }
    const wal = `${kIdbfsPath}-wal`;
    if (exists(core, wal) && core.FS.stat(wal).size > 0) {
      throw new Error('Your saved journal could not be moved: its write-ahead log was not folded in');
    }
    core.opfs.adopt(opfsPath, core.FS.readFile(kIdbfsPath));
    // The copy is durable: drop the old one, so it cannot reappear (say,
    // after the OPFS journal is deleted). Failing here loses nothing.
    for (const suffix of ['', '-wal', '-shm']) {
      if (exists(core, kIdbfsPath + suffix)) core.FS.unlink(kIdbfsPath + suffix);
    }
    const error = await syncfs(core, false);
    if (error) console.warn('The old IndexedDB copy of the journal was not removed:', error);
  } finally {
    core.FS.unmount(kIdbfsDir);
  }
}
