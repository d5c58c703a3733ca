// The contract between the web build and unknot-server, over plain HTTP:
// the right types, gzip from the .gz siblings, and caching that lets the
// service worker update (sw.js and index.html always revalidated).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TestServer } from './lib/server.mjs';

const server = new TestServer();

before(async () => {
  await server.start();
});

after(async () => {
  await server.stop();
});

// The asset names the build wrote into sw.js's precache list.
function precacheList() {
  const sw = readFileSync(path.join(server.webDir, 'sw.js'), 'utf8');
  const list = /\["\.\/"(,"[^"]+")*\]/.exec(sw);
  assert.ok(list, 'sw.js carries its precache list');
  return JSON.parse(list[0]);
}

test('the server answers /healthz', async () => {
  const res = await fetch(`${server.url}healthz`);
  assert.equal(res.status, 200);
});

test('every precached file is served, with its type, gzipped (PNGs are compressed already)', async () => {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
    '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json', '.png': 'image/png' };
  for (const file of precacheList()) {
    const res = await fetch(new URL(file, server.url), { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200, file);
    const ext = file === './' ? '.html' : path.extname(file);
    assert.ok(res.headers.get('content-type').startsWith(types[ext]), `${file}: ${res.headers.get('content-type')}`);
    if (ext !== '.png') assert.equal(res.headers.get('content-encoding'), 'gzip', file);
    await res.arrayBuffer();
  }
});

test('sw.js and index.html are revalidated on every load', async () => {
  for (const file of ['sw.js', '']) {
    const res = await fetch(new URL(file, server.url));
    assert.equal(res.headers.get('cache-control'), 'no-cache', file || 'index');
    await res.arrayBuffer();
  }
});

test('installable: the manifest lists PNG icons at 192 and 512 px, "any" and "maskable"', async () => {
  const manifest = await (await fetch(new URL('manifest.webmanifest', server.url))).json();
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.start_url && manifest.name);
  for (const purpose of ['any', 'maskable']) {
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.purpose === purpose && i.sizes === `${size}x${size}`);
      assert.ok(icon, `${purpose} ${size}`);
      const res = await fetch(new URL(icon.src, server.url));
      assert.equal(res.headers.get('content-type'), 'image/png');
      const png = Buffer.from(await res.arrayBuffer());
      // The PNG's IHDR: width and height at bytes 16 and 20.
      assert.equal(png.toString('latin1', 1, 4), 'PNG');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size, size], icon.src);
    }
  }
});
