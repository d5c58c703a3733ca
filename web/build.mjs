#!/usr/bin/env node
// Builds the web app into one folder the server can serve as it is:
//   index.html            the page, pointing at the hashed bundles
//   main-HASH.{js,css}    the page's bundle (src/main.ts)
//   worker-HASH.js        the Web Worker that runs the core (src/worker.ts)
//   wasm/unknot_core-HASH.{js,wasm}  the embind module from the wasm build
//   sw.js                 the service worker with its precache list
//   manifest.webmanifest, icon.svg, icons/*.png (the PWA's icons)
// plus a .gz sibling of every compressible file (the server sends it to
// clients that accept gzip).
//
// Usage: node build.mjs [--wasm-dir DIR] [--out DIR]
//   --wasm-dir  folder with unknot_core.js + unknot_core.wasm
//               (default: $UNKNOT_WASM_DIR, else ../build/wasm/wasm)
//   --out       output folder, emptied first (default: dist)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants as zlib } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
// Browsers the bundles target: module workers and ES2022 are required.
const kTargets = ['chrome100', 'firefox115', 'safari16'];
const kCompressible = /\.(html|js|css|wasm|svg|webmanifest|json|map)$/;

function parseArgs(argv) {
  const args = {
    wasmDir: process.env.UNKNOT_WASM_DIR || path.join(here, '..', 'build', 'wasm', 'wasm'),
    out: path.join(here, 'dist'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) fail(`${flag} needs a value`);
    if (flag === '--wasm-dir') args.wasmDir = path.resolve(value);
    else if (flag === '--out') args.out = path.resolve(value);
    else fail(`unknown option ${flag} (usage: node build.mjs [--wasm-dir DIR] [--out DIR])`);
  }
  return args;
}

function fail(message) {
  console.error(`web build: ${message}`);
  process.exit(1);
}

function shortHash(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 12);
}

// Copies the embind module under content-hashed names; returns their paths
// relative to the output folder.
function copyWasm(wasmDir, out) {
  const js = path.join(wasmDir, 'unknot_core.js');
  const wasm = path.join(wasmDir, 'unknot_core.wasm');
  for (const file of [js, wasm]) {
    try {
      statSync(file);
    } catch {
      fail(`no ${file}: build the wasm module first (scripts/build, or cmake --build build/wasm --target unknot_core_wasm)`);
    }
  }
  const hash = shortHash(readFileSync(js), readFileSync(wasm));
  const names = { js: `wasm/unknot_core-${hash}.js`, wasm: `wasm/unknot_core-${hash}.wasm` };
  mkdirSync(path.join(out, 'wasm'), { recursive: true });
  copyFileSync(js, path.join(out, names.js));
  copyFileSync(wasm, path.join(out, names.wasm));
  return names;
}

// Bundles one entry point; returns the output paths (relative to `out`).
async function bundle(entry, out, options) {
  const result = await build({
    entryPoints: [path.join(here, 'src', entry)],
    outdir: out,
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    target: kTargets,
    metafile: true,
    logLevel: 'warning',
    ...options,
  });
  return Object.keys(result.metafile.outputs)
    .filter((file) => !file.endsWith('.map'))
    .map((file) => path.relative(out, path.resolve(file)));
}

// Starts the core's worker from the page's head, before the CSS and the
// page bundle load: the worker's own start (thread, bundle, glue, wasm)
// is the longest part of opening the app. client.ts takes it over (and
// builds the same URL when this did not run).
function workerStartScript(worker) {
  const url = JSON.stringify(worker);
  return (
    '<script>(function(){try{var w=new Worker(new URL(' +
    url +
    '+location.search,document.baseURI),{type:"module",name:"unknot-core"});' +
    'w.onerror=function(e){w.failed=e.message||"the worker did not start"};window.unknotWorker=w}catch(e){}})()</script>'
  );
}

function writeIndex(out, assets, worker) {
  const marker = /<!-- unknot:assets[^>]*-->/;
  const template = readFileSync(path.join(here, 'index.html'), 'utf8');
  if (!marker.test(template)) fail('index.html lost its <!-- unknot:assets --> marker');
  const tags = [
    workerStartScript(worker),
    ...assets.filter((a) => a.endsWith('.css')).map((a) => `<link rel="stylesheet" href="${a}">`),
    ...assets.filter((a) => a.endsWith('.js')).map((a) => `<script type="module" src="${a}"></script>`),
  ];
  writeFileSync(path.join(out, 'index.html'), template.replace(marker, tags.join('\n  ')));
}

function listFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(path.join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
  );
}

function writeGzipSiblings(out) {
  const rows = [];
  for (const file of listFiles(out)) {
    if (!kCompressible.test(file)) continue;
    const bytes = readFileSync(path.join(out, file));
    const gz = gzipSync(bytes, { level: zlib.Z_BEST_COMPRESSION });
    writeFileSync(path.join(out, `${file}.gz`), gz);
    rows.push([file, bytes.length, gz.length]);
  }
  return rows;
}

async function main() {
  const { wasmDir, out } = parseArgs(process.argv.slice(2));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const core = copyWasm(wasmDir, out);
  const [worker] = await bundle('worker.ts', out, {
    entryNames: '[name]-[hash]',
    define: { UNKNOT_CORE_JS: JSON.stringify(core.js), UNKNOT_CORE_WASM: JSON.stringify(core.wasm) },
  });
  const pageAssets = await bundle('main.ts', out, {
    entryNames: '[name]-[hash]',
    define: { UNKNOT_WORKER_URL: JSON.stringify(worker) },
  });
  writeIndex(out, pageAssets, worker);
  const icons = readdirSync(path.join(here, 'icons')).map((name) => `icons/${name}`);
  mkdirSync(path.join(out, 'icons'), { recursive: true });
  for (const file of ['manifest.webmanifest', 'icon.svg', ...icons]) copyFileSync(path.join(here, file), path.join(out, file));

  const shell = ['index.html', 'manifest.webmanifest', 'icon.svg', ...icons, ...pageAssets, worker, core.js, core.wasm];
  const buildHash = shortHash(...shell.flatMap((file) => [file, readFileSync(path.join(out, file))]));
  await bundle('sw.ts', out, {
    entryNames: '[name]',
    define: { UNKNOT_BUILD: JSON.stringify(buildHash), UNKNOT_PRECACHE: JSON.stringify(['./', ...shell]) },
  });

  const rows = writeGzipSiblings(out);
  console.log(`web build ${buildHash} -> ${out}`);
  for (const [file, raw, gz] of rows.filter(([f]) => !f.endsWith('.map'))) {
    console.log(`  ${file.padEnd(44)} ${String(raw).padStart(8)} B  ${String(gz).padStart(7)} B gzip`);
  }
}

await main();
