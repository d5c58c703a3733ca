// Benchmark: the durable save of one entry in a 10-year journal on OPFS
// (the default storage). Issue 3's target: durable in < 100 ms. The IDBFS
// fallback's figures: save_bench_idbfs.test.mjs. Recorded in
// docs/benchmarks.md.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './lib/server.mjs';
import { benchmarkSaves } from './lib/save_bench.mjs';

const server = new TestServer();
before(() => server.start());
after(() => server.stop());

test('OPFS: a save in a 10-year journal is durable in under 100 ms (median)', async () => {
  const { median } = await benchmarkSaves(server, 'opfs');
  assert.ok(median < 100, `median durable save ${median.toFixed(1)} ms`);
});
