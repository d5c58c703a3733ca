// Debian's Chromium driven by playwright-core (no browser download): the
// flags from shared/TOOLCHAIN.md keep it quiet and offline.
import { chromium } from 'playwright-core';

export const kChromium = process.env.UNKNOT_E2E_CHROMIUM || '/usr/bin/chromium';
const kArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const kOptions = { executablePath: kChromium, headless: true, args: kArgs };

export function launchBrowser() {
  return chromium.launch(kOptions);
}

// A browser with its profile in `userDataDir`: IndexedDB and the service
// worker survive closing it (a new context from launchBrowser() starts
// empty).
export function launchWithProfile(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, { ...kOptions, ...options });
}
