// `make bench`: the whole benchmark suite in one run — render, start-up and idle RSS with 10 CRDs,
// webhook /validate and /convert against a bare HTTPS handler, `ork resolve` of 50 imports against
// plain undici and `ork verify` of a ≈ 5 MB bundle (bench/resolve.ts), RSS and writes in steady state at
// 10,000 CRs (bench/steady.ts; quick: 200 CRs, 60 s), then reconcile at each N (each a
// child process with --json) — with the machine's load before and after every step and the bare
// Node process's RSS as the memory floor. Writes bench/results/<date>.json, then the charts and
// the generated sections of docs/benchmarks.md (bench/report/generate.ts).
// BENCH_QUICK=1: small N (50, 100 CRs; 1 round, no warm-up; steady 200 CRs, 60 s) so the whole run takes minutes.
// Usage: node dist/bench/run-all.js [--out FILE]
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateReport } from './report/generate.js';
import type { BenchResults, MachineLoad } from './report/results.js';

const run = promisify(execFile);
const QUICK = process.env.BENCH_QUICK === '1';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const RENDER_CRS = QUICK ? 2_000 : 10_000;
const RECONCILE_NS = QUICK ? [50, 100] : [100, 1_000, 5_000, 10_000];

const load = (): MachineLoad => {
  const [one, five, fifteen] = loadavg() as [number, number, number];
  return { at: new Date().toISOString(), loadavg: [one, five, fifteen] };
};

/** A child `node` run with its peak RSS (MiB) from /usr/bin/time. */
async function timedNode(argv: string[], work: string): Promise<{ stdout: string; peakRssMiB: number }> {
  const out = join(work, 'time.txt');
  const { stdout } = await run('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, ...argv], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, timeout: 4 * 3600_000 });
  return { stdout, peakRssMiB: Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) / 1024 };
}


async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'orkestra-bench-all-'));
  const argOut = process.argv.indexOf('--out');
  const date = new Date().toISOString().slice(0, 10);
  const outFile = argOut >= 0 ? process.argv[argOut + 1]! : join(repoRoot, 'bench/results', `${date}${QUICK ? '-quick' : ''}.json`);
  const results: BenchResults = {
    date: new Date().toISOString(),
    quick: QUICK,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` },
    loads: [],
    nodeFloorRssMiB: NaN,
    render: undefined,
    reconcile: [],
  };
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const before = load();
    process.stderr.write(`[bench] ${name} (load ${before.loadavg.map((l) => l.toFixed(2)).join(' ')})\n`);
    const value = await fn();
    results.loads.push({ step: name, before, after: load() });
    return value;
  };
  try {
    results.nodeFloorRssMiB = (await step('node -e 0', () => timedNode(['-e', '0'], work))).peakRssMiB;
    const renderJson = join(work, 'render.json');
    await step(`render ${RENDER_CRS}`, () => timedNode([script('./render.js'), '--crs', String(RENDER_CRS), '--rounds', QUICK ? '1' : '3', '--json', renderJson], work));
    results.render = JSON.parse(readFileSync(renderJson, 'utf8'));
    const startupJson = join(work, 'startup.json');
    process.stderr.write((await step('startup', () => timedNode([script('./startup.js'), '--rounds', '5', '--json', startupJson, '--chart-flags'], work))).stdout);
    results.startup = JSON.parse(readFileSync(startupJson, 'utf8'));
    const webhookJson = join(work, 'webhook.json');
    process.stderr.write((await step('webhook', () => timedNode([script('./webhook.js'), '--json', webhookJson, ...(QUICK ? ['--quick'] : [])], work))).stdout);
    results.webhook = JSON.parse(readFileSync(webhookJson, 'utf8'));
    const resolveJson = join(work, 'resolve.json');
    process.stderr.write((await step('resolve', () => timedNode([script('./resolve.js'), '--json', resolveJson, '--rounds', QUICK ? '1' : '5'], work))).stdout);
    results.resolve = JSON.parse(readFileSync(resolveJson, 'utf8'));
    const steadyJson = join(work, 'steady.json');
    const steadyArgs = QUICK ? ['--quick'] : ['--crs', '10000', '--window', '600', '--resync', '60s'];
    process.stderr.write((await step('steady', () => timedNode([script('./steady.js'), '--json', steadyJson, ...steadyArgs], work))).stdout);
    results.steady = [JSON.parse(readFileSync(steadyJson, 'utf8'))];
    for (const n of RECONCILE_NS) {
      const file = join(work, `reconcile-${n}.json`);
      const argv = [script('./reconcile.js'), '--crs', String(n), '--json', file, ...(QUICK ? ['--quick'] : n >= 5_000 ? ['--rounds', '1'] : [])];
      const { stdout } = await step(`reconcile ${n}`, () => timedNode(argv, work));
      process.stderr.write(stdout);
      results.reconcile.push(JSON.parse(readFileSync(file, 'utf8')));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  mkdirSync(join(outFile, '..'), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`[bench] wrote ${outFile}\n`);
  generateReport(results, { repoRoot, resultsFile: outFile });
}

await main();
