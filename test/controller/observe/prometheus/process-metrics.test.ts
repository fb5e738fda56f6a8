import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerProcessMetrics, Registry } from '../../../../controller/observe/prometheus/index.js';
import { repoRoot } from '../../../support/tools.js';
import { parseExposition, samplesOf, valueOf } from '../exposition.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('controller/observe/prometheus: the Node process metrics', () => {
  const registry = new Registry();
  registerProcessMetrics(registry);

  it('has the families, help texts and types prom-client\'s default metrics had (golden/process-families.txt)', async () => {
    const text = await registry.metrics();
    const declared = text.split('\n').filter((l) => l.startsWith('# '));
    const golden = readFileSync(join(repoRoot, 'test/controller/observe/prometheus/golden/process-families.txt'), 'utf8').trim().split('\n');
    expect(declared).to.deep.equal(golden);
  });

  it('reads plausible values: CPU since start, memory, fds, heap spaces, version', async () => {
    const e = parseExposition(await registry.metrics());
    const user = valueOf(e, 'process_cpu_user_seconds_total')!;
    const system = valueOf(e, 'process_cpu_system_seconds_total')!;
    expect(user).to.be.greaterThan(0);
    expect(valueOf(e, 'process_cpu_seconds_total')).to.be.closeTo(user + system, 1e-9);
    expect(valueOf(e, 'process_start_time_seconds')).to.be.closeTo(Date.now() / 1000 - process.uptime(), 2);
    expect(valueOf(e, 'nodejs_heap_size_used_bytes')).to.be.greaterThan(0);
    if (process.platform === 'linux') {
      expect(valueOf(e, 'process_resident_memory_bytes')).to.be.within(10 * 2 ** 20, 4 * 2 ** 30);
      expect(valueOf(e, 'process_open_fds')).to.be.greaterThan(2);
      expect(valueOf(e, 'process_max_fds')).to.be.greaterThan(valueOf(e, 'process_open_fds')!);
    }
    expect(samplesOf(e, 'nodejs_heap_space_size_used_bytes').map((s) => s.labels.space)).to.include.members(['new', 'old', 'code']);
    const [major] = process.version.slice(1).split('.');
    expect(samplesOf(e, 'nodejs_version_info')).to.deep.equal([{ name: 'nodejs_version_info', labels: { version: process.version, major: major!, minor: process.version.split('.')[1]!, patch: process.version.split('.')[2]! }, value: 1 }]);
  });

  it('counts garbage collections by kind and counts active resources by type', async () => {
    const timer = setInterval(() => undefined, 1000);
    try {
      const junk: object[] = [];
      for (let i = 0; i < 300_000; i++) junk.push({ i, s: `x${i}` });
      junk.length = 0;
      await sleep(50); // GC entries are delivered asynchronously
      const e = parseExposition(await registry.metrics());
      const collections = samplesOf(e, 'nodejs_gc_duration_seconds_count');
      expect(collections.reduce((n, s) => n + s.value, 0)).to.be.greaterThan(0);
      for (const s of collections) expect(['major', 'minor', 'incremental', 'weakcb']).to.include(s.labels.kind);
      if (typeof process.getActiveResourcesInfo === 'function') expect(valueOf(e, 'nodejs_active_resources', { type: 'Timeout' })).to.be.greaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });

  it('reports the event loop lag measured at the previous scrape', async () => {
    await registry.metrics();
    await sleep(20);
    const e = parseExposition(await registry.metrics());
    expect(valueOf(e, 'nodejs_eventloop_lag_seconds')).to.be.greaterThan(0).and.lessThan(5);
    expect(valueOf(e, 'nodejs_eventloop_lag_p99_seconds')).to.be.at.least(0);
  });
});
