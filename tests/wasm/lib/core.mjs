// Loads the built wasm module under node for the tests in tests/wasm (the
// path comes in through UNKNOT_WASM_JS, set by tests/wasm/CMakeLists.txt).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The module's factory and its bytes, for tests that make several
// instances (a fresh instance is a fresh in-memory file system).
export async function loadCoreFactory() {
  const modulePath = process.env.UNKNOT_WASM_JS;
  assert.ok(modulePath, 'set UNKNOT_WASM_JS to the built unknot_core.js');
  // Emscripten 3.1.6's ES6 output still uses require() and __dirname under
  // node; an ES module has neither, so provide them.
  globalThis.require = createRequire(import.meta.url);
  globalThis.__dirname = path.dirname(modulePath);
  const { default: createUnknotCore } = await import(pathToFileURL(modulePath));
  // Handing over the bytes keeps the loader from fetch()ing a file path.
  const wasmBinary = readFileSync(modulePath.replace(/\.js$/, '.wasm'));
  return { createUnknotCore, wasmBinary };
}

// One instance of the module.
export async function loadCore(options = {}) {
  const { createUnknotCore, wasmBinary } = await loadCoreFactory();
  return createUnknotCore({ wasmBinary, ...options });
}

// Runs fn(journal) on a new in-memory journal of `core`, then frees it.
export function withJournal(core, fn) {
  const journal = new core.Journal();
  try {
    assert.deepEqual(call(journal, 'open', ':memory:'), { ok: true });
    return fn(journal);
  } finally {
    journal.delete();
  }
}

// Calls a Journal method and parses its JSON result.
export function call(journal, method, ...args) {
  const text = journal[method](...args);
  assert.equal(typeof text, 'string', `${method} returns a string`);
  return JSON.parse(text);
}

// A module of the web app (e.g. 'src/worker_sync.ts'), bundled with the web
// app's own esbuild and imported, so the tests run the code the app ships.
export async function importWebModule(relativePath) {
  const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');
  let esbuild;
  try {
    esbuild = createRequire(path.join(webDir, 'package.json'))('esbuild');
  } catch {
    assert.fail('web/node_modules has no esbuild: run scripts/setup (or npm ci in web/)');
  }
  const out = await esbuild.build({
    entryPoints: [path.join(webDir, relativePath)],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'unknot-web-module-'));
  try {
    const file = path.join(tmp, `${path.basename(relativePath, '.ts')}.mjs`);
    writeFileSync(file, out.outputFiles[0].text);
    return await import(pathToFileURL(file));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
