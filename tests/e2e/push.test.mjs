// Reminders with Unknot closed (Web Push, docs/push.md), end to end with a
// push service of our own: the real unknot-server sends to a TLS server on
// loopback that plays the browser's push service (Chromium's own, Google's,
// is out of reach here). The page's PushManager is replaced by one that
// hands out that service's endpoint and keys this test holds, so the test
// can read what the server sent exactly as a browser would: it checks the
// VAPID signature, decrypts the message, then delivers it to the app's
// service worker (DevTools' ServiceWorker.deliverPushMessage) and finds the
// notification it shows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { TestServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { eventually, openApp, openScreen } from './lib/app.mjs';

const server = new TestServer();
let pushService;
let pushUrl = '';
const received = [];
let browser;
let context;
let page;

// The browser's side of the subscription: its key pair and auth secret.
const ua = crypto.createECDH('prime256v1');
ua.generateKeys();
const uaPublic = ua.getPublicKey();
const auth = crypto.randomBytes(16);

// RFC 8291 §3.4 and RFC 8188: what a browser does with a push message.
function decrypt(body) {
  const salt = body.subarray(0, 16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);
  const sealed = body.subarray(21 + idlen);
  const secret = ua.computeSecret(asPublic);
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = Buffer.from(crypto.hkdfSync('sha256', secret, auth, info, 32));
  const key = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = crypto.createDecipheriv('aes-128-gcm', key, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const padded = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  assert.equal(padded[padded.length - 1], 2, 'one record, ended by its delimiter');
  return padded.subarray(0, padded.length - 1).toString('utf8');
}

// RFC 8292: "vapid t=<JWT>, k=<key>", an ES256 JWT signed by that key.
function verifyVapid(header, expectedKey) {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  assert.ok(match, `Authorization: ${header}`);
  const [, jwt, key] = match;
  assert.equal(key, expectedKey, 'signed with the key the page subscribed with');
  const [h, c, s] = jwt.split('.');
  const publicKey = crypto.createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: Buffer.from(key, 'base64url').subarray(1, 33).toString('base64url'), y: Buffer.from(key, 'base64url').subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const ok = crypto.verify('sha256', Buffer.from(`${h}.${c}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  assert.ok(ok, 'the JWT signature verifies');
  assert.deepEqual(JSON.parse(Buffer.from(h, 'base64url').toString()), { typ: 'JWT', alg: 'ES256' });
  return JSON.parse(Buffer.from(c, 'base64url').toString());
}

// Replaces the page's PushManager: subscribe hands out the test's push
// service and keys (kept across reloads, like a real subscription).
function fakePushManager(sub) {
  const make = () => ({
    endpoint: sub.endpoint,
    expirationTime: null,
    toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: { p256dh: sub.p256dh, auth: sub.auth } }),
    unsubscribe: async () => {
      localStorage.removeItem('test-push-subscribed');
      return true;
    },
  });
  PushManager.prototype.subscribe = async function (options) {
    const key = new Uint8Array(options.applicationServerKey);
    localStorage.setItem('test-push-key', btoa(String.fromCharCode(...key)));
    localStorage.setItem('test-push-subscribed', '1');
    return make();
  };
  PushManager.prototype.getSubscription = async function () {
    return localStorage.getItem('test-push-subscribed') ? make() : null;
  };
}

before(async () => {
  // A certificate for 127.0.0.1, trusted by the server through --push-ca.
  const key = path.join(server.tmp, 'push-key.pem');
  const cert = path.join(server.tmp, 'push-cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1',
    '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  pushService = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(201).end();
    });
  });
  await new Promise((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  pushUrl = `https://127.0.0.1:${pushService.address().port}`;
  server.extraArgs = ['--push-hosts', '127.0.0.1', '--push-ca', cert, '--push-interval', '1'];
  await server.start();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.grantPermissions(['notifications'], { origin: server.url.replace(/\/$/, '') });
  await context.addInitScript(fakePushManager, {
    endpoint: `${pushUrl}/push/device-1`,
    p256dh: uaPublic.toString('base64url'),
    auth: auth.toString('base64url'),
  });
  page = await context.newPage();
  await openApp(page, server.url);
});

after(async () => {
  await browser?.close();
  await server.stop();
  await new Promise((resolve) => pushService?.close(resolve) ?? resolve());
});

test('signed out, reminders with Unknot closed are offered but need an account', async () => {
  await openScreen(page, 'Today');
  const box = page.getByRole('checkbox', { name: 'Remind me when Unknot is closed' });
  await box.waitFor();
  assert.equal(await box.isDisabled(), true);
  assert.match(await page.locator('.push-state').innerText(), /Sign in/);
});

test('a due routine reaches the push service, encrypted and signed, and the service worker shows it', async () => {
  // Not at the stroke of midnight: the schedule must be due today.
  const seconds = await page.evaluate(() => (Date.now() / 1000) % 86400);
  if (seconds > 86400 - 90) await new Promise((resolve) => setTimeout(resolve, (86400 - seconds + 5) * 1000));

  await openScreen(page, 'Settings');
  const account = page.getByRole('region', { name: 'Account and sync' });
  await account.getByRole('textbox', { name: 'Email' }).first().fill('ann-push@example.org');
  await account.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await account.getByRole('button', { name: 'Create account' }).click();
  await account.getByRole('checkbox', { name: 'I have saved these codes' }).check();
  await account.getByRole('button', { name: 'Done' }).click();

  // Deep breathing, every day at this minute (UTC, the browser's zone).
  await openScreen(page, 'Today');
  const now = new Date(await page.evaluate(() => Date.now())).toISOString().slice(11, 16);
  await page.getByRole('combobox', { name: 'Routine' }).selectOption({ label: 'Deep breathing' });
  await page.getByRole('combobox', { name: 'Days' }).selectOption({ label: 'Every day' });
  await page.getByLabel('At', { exact: true }).fill(now);
  await page.getByRole('button', { name: 'Add schedule' }).click();
  await page.getByRole('list', { name: 'Schedules' }).getByText(`Deep breathing, daily at ${now}`).waitFor();
  await eventually(async () => assert.match(await page.locator('#sync-state').innerText(), /^Synced/), 30_000);

  const box = page.getByRole('checkbox', { name: 'Remind me when Unknot is closed' });
  await eventually(async () => assert.equal(await box.isDisabled(), false));
  await box.check();
  await page.getByText('Reminders come even when Unknot is closed').waitFor();

  // The server's next round sends it (every second here).
  await eventually(() => assert.equal(received.length, 1), 30_000);
  const message = received[0];
  assert.equal(message.method, 'POST');
  assert.equal(message.url, '/push/device-1');
  assert.equal(message.headers['content-encoding'], 'aes128gcm');
  assert.equal(message.headers.ttl, '1800');
  const pageKey = Buffer.from(await page.evaluate(() => localStorage.getItem('test-push-key')), 'base64').toString('base64url');
  const claims = verifyVapid(message.headers.authorization, pageKey);
  assert.equal(claims.aud, pushUrl);
  assert.match(claims.sub, /^mailto:/);
  assert.ok(claims.exp > Date.now() / 1000 && claims.exp <= Date.now() / 1000 + 24 * 3600);
  const payload = JSON.parse(decrypt(message.body));
  assert.equal(payload.title, 'Unknot');
  assert.equal(payload.body, `Time for Deep breathing (${now})`);
  assert.equal(payload.routine_id, 'deep_breathing');
  assert.match(payload.tag, /^unknot-s[0-9a-f]{16}$/);

  // Once only, however many rounds pass.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  assert.equal(received.length, 1);

  // The push service hands it to the browser: the service worker (once
  // installed and active) shows it.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === server.url && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: server.url.replace(/\/$/, ''),
    registrationId: await registrationId,
    data: decrypt(message.body),
  });
  await eventually(async () => {
    const shown = await page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })),
    );
    assert.deepEqual(shown, [{ title: 'Unknot', body: payload.body, tag: payload.tag }]);
  });
});

test('turned off, the server forgets the browser', async () => {
  const box = page.getByRole('checkbox', { name: 'Remind me when Unknot is closed' });
  await box.uncheck();
  // The browser's subscription ends once the server forgot it.
  await eventually(async () => assert.equal(await page.evaluate(() => localStorage.getItem('test-push-subscribed')), null));
  await eventually(async () => assert.equal(await box.isDisabled(), false));
  const log = readFileSync(server.logFile, 'utf8');
  assert.match(log, /"method":"POST","target":"\/api\/push\/unsubscribe","status":200/);
  await page.reload();
  await openScreen(page, 'Today');
  await eventually(async () => assert.equal(await box.isDisabled(), false));
  assert.equal(await box.isChecked(), false);
});
