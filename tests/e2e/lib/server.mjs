// Starts and stops the real unknot-server for a test file. The server is
// told to pick a free port (--port 0) and prints "listening on URL" as its
// first stdout line; a restart can ask for the same port again, so the
// browser sees the same origin (and the same IndexedDB).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const kStartTimeoutMs = 15_000;
const kStopTimeoutMs = 5_000;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through tests/e2e/run`);
  return value;
}

export class TestServer {
  constructor() {
    this.exe = required('UNKNOT_E2E_SERVER');
    this.webDir = required('UNKNOT_E2E_WEB_DIR');
    this.tmp = mkdtempSync(path.join(os.tmpdir(), 'unknot-e2e-'));
    this.dataDir = path.join(this.tmp, 'data');
    this.logFile = path.join(this.tmp, 'server.log');
    this.child = null;
    this.port = 0;
    this.url = '';
    // More flags for unknot-server (e.g. the push test's --push-hosts).
    this.extraArgs = [];
  }

  // Starts the server (on `port`, or a free one) and waits for its URL.
  async start(port = 0) {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--data-dir', this.dataDir, '--web-dir', this.webDir, ...this.extraArgs];
    const child = spawn(this.exe, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    child.stderr.pipe(log);
    const lines = createInterface({ input: child.stdout });
    const first = await Promise.race([
      once(lines, 'line').then(([line]) => line),
      once(child, 'exit').then(([code]) => {
        throw new Error(`unknot-server exited (${code}) before listening; see ${this.logFile}`);
      }),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('unknot-server did not print its URL in time')), kStartTimeoutMs).unref(),
      ),
    ]);
    const match = /^listening on (http:\/\/[^\s]+:(\d+)\/)$/.exec(first);
    if (!match) throw new Error(`unexpected first line from unknot-server: ${first}`);
    lines.on('line', (line) => log.write(`${line}\n`));
    this.child = child;
    this.url = match[1];
    this.port = Number(match[2]);
    return this.url;
  }

  // Stops the server (SIGTERM, then SIGKILL); a no-op when it is not running.
  async stop() {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), kStopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
