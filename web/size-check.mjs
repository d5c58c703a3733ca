#!/usr/bin/env node
// Fails when the built app is too heavy to download on a phone: the wasm
// core over kMaxWasmGzip, or all JavaScript together (page, worker, service
// worker, embind glue) over kMaxJsGzip, both measured gzipped (level 9, as
// build.mjs writes the .gz siblings). Prints the figures either way.
//
// Usage: node size-check.mjs [DIR]   (default: dist)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, constants as zlib } from 'node:zlib';

const kKB = 1000;
const kMaxWasmGzip = 400 * kKB;
const kMaxJsGzip = 150 * kKB;

const dir = path.resolve(process.argv[2] ?? 'dist');

function files(root, prefix = '') {
  return readdirSync(root, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(root, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
  );
}

function gzipSize(file) {
  return gzipSync(readFileSync(path.join(dir, file)), { level: zlib.Z_BEST_COMPRESSION }).length;
}

function total(extension) {
  const list = files(dir).filter((f) => f.endsWith(extension));
  return { list, bytes: list.reduce((sum, f) => sum + gzipSize(f), 0) };
}

const wasm = total('.wasm');
const js = total('.js');
if (wasm.list.length === 0 || js.list.length === 0) {
  console.error(`size check: no .wasm or .js in ${dir} (build the web app first)`);
  process.exit(1);
}
let ok = true;
for (const [name, { list, bytes }, max] of [['wasm', wasm, kMaxWasmGzip], ['js', js, kMaxJsGzip]]) {
  const verdict = bytes <= max ? 'ok' : 'TOO BIG';
  ok &&= bytes <= max;
  console.log(
    `size check: ${name} ${(bytes / kKB).toFixed(1)} KB gzip (limit ${max / kKB} KB) ${verdict}` +
      `  [${list.length} file(s)]`,
  );
}
process.exit(ok ? 0 : 1);
