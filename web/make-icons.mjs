#!/usr/bin/env node
// Renders the PWA's PNG icons from icon.svg with Debian's Chromium (through
// tests/e2e's playwright-core): icons/icon-{192,512}.png (the rounded icon,
// "any") and icons/maskable-{192,512}.png (full-bleed background, the mark
// inside the 80 % safe zone, "maskable"). The PNGs are committed; run this
// again only when icon.svg changes.
//
// Usage: node make-icons.mjs   (from web/; needs tests/e2e's npm ci)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const svg = readFileSync(path.join(here, 'icon.svg'), 'utf8');
const mark = /<path[\s\S]*?\/>/.exec(svg)[0];
const background = /<rect[^>]*fill="([^"]+)"/.exec(svg)[1];
const maskable =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${background}"/>` +
  `<g transform="translate(9.6 9.6) scale(0.7)">${mark}</g></svg>`;

const browser = await chromium.launch({
  executablePath: process.env.UNKNOT_E2E_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    for (const [name, source] of [['icon', svg], ['maskable', maskable]]) {
      const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${sized}`);
      await page.screenshot({ path: path.join(here, 'icons', `${name}-${size}.png`), omitBackground: true });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
