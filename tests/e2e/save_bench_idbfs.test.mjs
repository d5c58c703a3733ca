// Benchmark: the durable save of one entry in a 10-year journal on the
// IDBFS fallback (?storage=idbfs: every save copies whole files into
// IndexedDB), the baseline OPFS is measured against. Prints its figures;
// no target (docs/benchmarks.md).
import { after, before, test } from 'node:test';
import { TestServer } from './lib/server.mjs';
import { benchmarkSaves } from './lib/save_bench.mjs';

const server = new TestServer();
before(() => server.start());
after(() => server.stop());

test('IDBFS fallback: durable saves in a 10-year journal, measured', async () => {
  await benchmarkSaves(server, 'idbfs');
});
