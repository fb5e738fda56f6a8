// From a results file to the report: the charts carry the run's load and the floor, and the
// tables hold the medians and ratios of the phases.
import { expect } from 'chai';
import { charts, tables } from '../../../bench/report/generate.js';
import type { BenchResults, ReconcilePhase } from '../../../bench/report/results.js';

const phase = (name: string, perSecond: number, cpu: number, extra: Partial<ReconcilePhase> = {}): ReconcilePhase => ({
  phase: name, round: 1, wallSeconds: 100 / perSecond, perSecond, load1: 2, cpu: { bench: cpu }, latencyMs: { p50: 300, p99: 900 }, ...extra,
});

const results: BenchResults = {
  date: '2026-12-04T06:00:00.000Z',
  quick: true,
  machine: { cpus: 2, cpuModel: 'test cpu', node: 'v20.0.0', platform: 'linux x64' },
  loads: [
    { step: 'reconcile 100', before: { at: '', loadavg: [1.5, 1, 1] }, after: { at: '', loadavg: [3.25, 2, 1] } },
  ],
  nodeFloorRssMiB: 40,
  render: undefined,
  webhook: {
    rate: 200, concurrency: 16, seconds: 10, rounds: 3, goalP99OverFloorMs: 5,
    summary: [{
      path: 'validate', p99OverFloorMs: 1.25,
      webhook: { p50Ms: 0.7, p99Ms: 2.5, sendLateP99Ms: 0.4, perSecond: 2600, errors: 0 },
      floor: { p50Ms: 0.6, p99Ms: 1.25, sendLateP99Ms: 0.3, perSecond: 8600, errors: 0 },
    }],
  },
  resolve: {
    imports: 50, concurrency: 8, rounds: 3, cli: 'bundled',
    nodeStart: { wallMs: 40, rssMb: 38, roundsMs: [40, 41, 39] },
    floor: { wallMs: 400, rssMb: 100, roundsMs: [400, 390, 410] },
    resolve: { wallMs: 700, rssMb: 130, roundsMs: [700, 720, 690] },
    ratio: 1.75, inProcessResolveMs: 500, perKindMs: { file: { count: 20, medianMs: 3 } },
    verify: { bundleMiB: 4.8, sha256: { wallMs: 13, rssMb: 6, roundsMs: [13, 13, 14] }, ork: { wallMs: 120, rssMb: 86, roundsMs: [120, 119, 121] }, inProcessMs: 37.25 },
  },
  reconcile: [{
    n: 100, workers: 8, rounds: 1,
    results: [phase('A', 200, 1), phase('A+event', 160, 1.25), phase('B', 100, 2, { controller: { peakRssMiB: 90, cpuSecondsTotal: 1, requestsPerCr: {} } })],
  }],
};

describe('bench/report/generate', () => {
  it('draws every figure with the load and the floor of the run', () => {
    const svgs = charts(results);
    expect(Object.keys(svgs).sort()).to.deep.equal(['reconcile-cpu.svg', 'reconcile-latency.svg', 'reconcile-rss.svg', 'reconcile-throughput.svg']);
    for (const svg of Object.values(svgs)) expect(svg).to.include('2026-12-04 (BENCH_QUICK), 2 CPUs, Node v20.0.0, 1-min load 1.5–3.3 during the run');
    expect(svgs['reconcile-rss.svg']).to.include('data-name="floor: bare Node process"');
    expect(svgs['reconcile-throughput.svg']!.match(/<g class="series"/g)).to.have.length(3);
  });

  it('tabulates medians and ratios against the floors', () => {
    const t = tables(results, 'bench/results/x.json');
    expect(t.reconcile).to.include('| 100 | ork controller | 100 | 20.0 | 300 | 900 | 90 | 2.0 |');
    expect(t.reconcile).to.include('| 100 | 0.50 | 0.50 | 0.63 | 0.63 |');
    expect(t.run).to.include('**40 MiB**');
    expect(t.webhook).to.include('| /validate | webhook | 0.70 | 2.50 | 0.4 | 2600 | 0 | +1.25 ms (goal ≤ 5) |');
    expect(t.webhook).to.include('| /validate | floor: bare HTTPS handler | 0.60 | 1.25 | 0.3 | 8600 | 0 |  |');
    expect(t.resolve).to.include('| `ork resolve` of 50 imports (fetch, verify, validate, merge, sign, write) | 700 ms | 700, 720, 690 | 130 MB | **1.75×** (goal ≤ 2.0×) |');
    expect(t.resolve).to.include('| floor: plain undici, the same 50 fetches, nothing checked | 400 ms | 400, 390, 410 | 100 MB | 1.00× |');
    expect(t.resolve).to.include('in process: 37.3 ms');
    expect(t.resolve).to.include('`ork` = the bundled CLI');
  });

  it('says a step did not run rather than leave an empty table', () => {
    const t = tables({ ...results, resolve: undefined, webhook: undefined }, 'bench/results/x.json');
    expect(t.resolve).to.equal('(resolve not run)');
    expect(t.webhook).to.equal('(webhook not run)');
  });
});
