// Types for the embind module built from wasm/ (unknot_core.js). Only what
// the worker uses; every Journal method takes and returns JSON text
// (wasm/journal_api.h).

export interface Journal {
  open(path: string): string;
  close(): string;
  log(entryJson: string): string;
  edit(id: string, patchJson: string): string;
  remove(id: string): string;
  restore(id: string): string;
  list(filterJson: string): string;
  deviceId(): string;
  vocabulary(): string;
  addCustomTrigger(label: string): string;
  exportJson(): string;
  exportCsv(): string;
  importJson(text: string): string;
  /** {server,email,role,token,push_cursor,pull_cursor,last_sync_ms,pending,pending_records,device_id}; pending is null when signed out */
  syncState(): string;
  setSyncAccount(server: string, email: string, role: string, token: string): string;
  clearSyncToken(): string;
  /** The core's sync round (wasm/journal_api.h): {request} | {done, report} | {error}. */
  syncBegin(optionsJson: string): string;
  /** body: the response's bytes (UTF-8), or its text; bytes skip a decode and re-encode of up to 1 MiB. */
  syncHandle(httpStatus: number, body: string | Uint8Array): string;
  syncAbort(): string;
  routines(): string;
  saveRoutine(routineJson: string): string;
  deleteRoutine(id: string): string;
  logSession(sessionJson: string): string;
  sessions(filterJson: string): string;
  addSchedule(scheduleJson: string): string;
  removeSchedule(id: string): string;
  schedules(): string;
  today(nowJson: string): string;
  adherence(nowJson: string): string;
  gate(requestJson: string): string;
  /** {"routine_id","longer_holds"?,"upper_end"?} -> the phases of its dose. */
  phases(requestJson: string): string;
  /** docs/insights.md's JSON of {"since"?, "at"?}. */
  insights(optionsJson: string): string;
  /** Red-flag check (wasm/journal_api.h): evaluated, stored unless dry_run. */
  triage(requestJson: string): string;
  triageHistory(): string;
  triagePause(): string;
  /** A therapist's suggestions (wasm/journal_api.h). */
  suggestions(): string;
  answerSuggestion(id: string, accept: boolean): string;
  /** Frees the C++ object (embind). */
  delete(): void;
}

/** The slice of Emscripten's FS the worker needs. */
export interface EmscriptenFs {
  mkdir(path: string): void;
  mount(type: unknown, opts: object, mountpoint: string): void;
  syncfs(populate: boolean, callback: (err: unknown) => void): void;
  readdir(path: string): string[];
  unmount(mountpoint: string): void;
  analyzePath(path: string): { exists: boolean };
  stat(path: string): { size: number };
  readFile(path: string): Uint8Array;
  unlink(path: string): void;
}

/** The OPFS file table of the core's OPFS VFS (wasm/opfs_files.js). */
export interface OpfsFiles {
  /** Opens NAME and NAME-journal in `folder`; returns the journal's path. */
  attach(folder: FileSystemDirectoryHandle, name: string): Promise<string>;
  /** Closes every handle. */
  detach(): void;
  /** Whether the attached file holds a (complete) SQLite database. */
  hasDatabase(path: string): boolean;
  /** Makes the attached file a copy of a cleanly closed database file. */
  adopt(path: string, bytes: Uint8Array): void;
  stats: { reads: number; writes: number; bytesWritten: number; truncates: number; flushes: number };
}

export interface UnknotCore {
  Journal: new () => Journal;
  vocabulary(): string;
  emergencyNumbers(country: string): string;
  triageQuestions(): string;
  /** Makes the OPFS VFS SQLite's default; a SQLite code, 0 = ok. */
  useOpfsVfs(): number;
  opfs: OpfsFiles;
  FS: EmscriptenFs;
  IDBFS: unknown;
}

export interface CoreOptions {
  locateFile?: (path: string, prefix: string) => string;
  /** Emscripten's hook: instantiate the module with `imports`, then call `receive`; return {} (async). */
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => object;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

export type CreateUnknotCore = (options?: CoreOptions) => Promise<UnknotCore>;
