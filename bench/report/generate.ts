// From one results JSON to the report: SVG charts in docs/benchmarks/ and the generated tables in
// docs/benchmarks.md (between bench:* markers). Every chart's note names the run's date, the CPU
// count and the load average during the steps it draws.
// Usage: node dist/bench/report/generate.js bench/results/<date>.json
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, replaceSection } from './markers.js';
import type { BenchResults, ReconcilePhase } from './results.js';
import { barChart, lineChart } from './svg.js';

const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fixed = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const PHASES: [string, string][] = [['A', 'floor: minimal client (3 writes/CR)'], ['A+event', 'floor + Event (4 writes/CR)'], ['B', 'ork controller']];

/** Median over rounds of one phase at one N. */
function phaseStat(run: BenchResults['reconcile'][number], phase: string, f: (r: ReconcilePhase) => number | undefined): number {
  return median(run.results.filter((r) => r.phase === phase).map((r) => f(r) ?? NaN));
}
const allCpuMsPerCr = (n: number) => (r: ReconcilePhase) => (1000 * Object.values(r.cpu).reduce((a, b) => a + b, 0)) / n;

/** "2026-12-04, 2 CPUs, load 1 min 3.1–9.4 during the run" for the steps whose name starts with `prefix`. */
export function loadNote(results: BenchResults, prefix: string): string {
  const steps = results.loads.filter((l) => l.step.startsWith(prefix));
  const ones = steps.flatMap((s) => [s.before.loadavg[0], s.after.loadavg[0]]);
  const range = ones.length ? `${Math.min(...ones).toFixed(1)}–${Math.max(...ones).toFixed(1)}` : '?';
  return `${results.date.slice(0, 10)}${results.quick ? ' (BENCH_QUICK)' : ''}, ${results.machine.cpus} CPUs, Node ${results.machine.node}, 1-min load ${range} during the run`;
}

export function charts(results: BenchResults): Record<string, string> {
  const ns = results.reconcile.map((r) => r.n);
  const note = loadNote(results, 'reconcile');
  const series = (f: (run: BenchResults['reconcile'][number], phase: string) => number) =>
    PHASES.map(([phase, name]) => ({ name, points: results.reconcile.map((run) => [run.n, f(run, phase)] as [number, number]), dashed: phase !== 'B' }));
  const out: Record<string, string> = {};
  out['reconcile-throughput.svg'] = lineChart({
    title: 'First-reconcile throughput against N', xLabel: 'N (website CRs created at once)', yLabel: 'CRs Ready per second', logX: true, note,
    series: series((run, phase) => phaseStat(run, phase, (r) => r.perSecond)),
  });
  out['reconcile-cpu.svg'] = lineChart({
    title: 'CPU per CR (all processes) against N', xLabel: 'N', yLabel: 'ms CPU per CR (lower is better)', logX: true, note,
    series: series((run, phase) => phaseStat(run, phase, allCpuMsPerCr(run.n))),
  });
  out['reconcile-rss.svg'] = lineChart({
    title: 'Controller peak RSS against N', xLabel: 'N', yLabel: 'MiB', logX: true, note: `${note}; floor = node -e 0`,
    series: [
      { name: 'ork controller peak RSS', points: results.reconcile.map((run) => [run.n, phaseStat(run, 'B', (r) => r.controller?.peakRssMiB)]) },
      ...(results.steady?.length ? [{ name: 'ork controller RSS, all CRs Ready, steady state (bench/steady)', points: [...results.steady].sort((a, b) => a.crs - b.crs).map((r) => [r.crs, r.rssEndMiB] as [number, number]) }] : []),
      { name: 'floor: bare Node process', points: [...new Set([...ns, ...(results.steady ?? []).map((r) => r.crs)])].sort((a, b) => a - b).map((n) => [n, results.nodeFloorRssMiB]), dashed: true },
    ],
  });
  out['reconcile-latency.svg'] = barChart({
    title: 'Reconcile latency per CR (create answered → Ready seen)', yLabel: 'ms', note,
    categories: results.reconcile.flatMap((run) => [`p50, N=${run.n}`, `p99, N=${run.n}`]),
    groups: PHASES.map(([phase, name]) => ({
      name,
      values: results.reconcile.flatMap((run) => [phaseStat(run, phase, (r) => r.latencyMs?.p50), phaseStat(run, phase, (r) => r.latencyMs?.p99)]),
    })),
  });
  if (results.render) {
    out['render.svg'] = barChart({
      title: `Renders per second (${results.render.crs} website CRs)`, yLabel: 'renders/s', note: loadNote(results, 'render'),
      categories: ['renders/s'],
      groups: [{ name: 'floor: hand-written objects', values: [results.render.floor.perSecond] }, { name: 'renderDesired', values: [results.render.renderer.perSecond] }],
    });
  }
  return out;
}

export function tables(results: BenchResults, resultsPath: string): Record<string, string> {
  const run = `From \`${resultsPath}\`: ${loadNote(results, '')}; ${results.machine.cpuModel}.`;
  const reconcileRows = results.reconcile.flatMap((r) => PHASES.filter(([p]) => r.results.some((x) => x.phase === p)).map(([phase, name]) => [
    r.n, name, fixed(phaseStat(r, phase, (x) => x.perSecond)), fixed(phaseStat(r, phase, allCpuMsPerCr(r.n)), 1),
    fixed(phaseStat(r, phase, (x) => x.latencyMs?.p50)), fixed(phaseStat(r, phase, (x) => x.latencyMs?.p99)),
    phase === 'B' ? fixed(phaseStat(r, phase, (x) => x.controller?.peakRssMiB)) : '–', fixed(phaseStat(r, phase, (x) => x.load1), 1),
  ]));
  const ratios = results.reconcile.map((r) => {
    const cpu = (p: string) => phaseStat(r, p, allCpuMsPerCr(r.n));
    const rate = (p: string) => phaseStat(r, p, (x) => x.perSecond);
    return [r.n, fixed(rate('B') / rate('A'), 2), fixed(cpu('A') / cpu('B'), 2), fixed(rate('B') / rate('A+event'), 2), fixed(cpu('A+event') / cpu('B'), 2)];
  });
  const render = results.render
    ? markdownTable(['path', 'renders/s', 'µs/render', 'peak RSS MB'], [results.render.floor, results.render.renderer].map((p) => [p.label, fixed(p.perSecond), fixed(p.usPer, 1), fixed(p.rssMb)]))
    : '(render not run)';
  return {
    run: `${run}\n\nBare Node process (\`node -e 0\`) peak RSS in this run: **${fixed(results.nodeFloorRssMiB)} MiB** (the memory floor).`,
    reconcile: `${markdownTable(['N', 'path', 'CRs/s', 'all CPU ms/CR', 'p50 ms', 'p99 ms', 'peak RSS MiB', 'load (1 min)'], reconcileRows)}\n\n` +
      `Ratios (higher is better, 1.0 = the floor):\n\n${markdownTable(['N', 'wall B/A', 'CPU A/B', 'wall B/(A+event)', 'CPU (A+event)/B'], ratios)}`,
    render,
    startup: results.startup
      ? markdownTable(['what (10 CRDs, one CR present)', 'median', 'rounds', 'floor (same run)', 'goal (#17)'], [
        ['process start → CR Ready=True', `${fixed(results.startup.readyMs)} ms`, results.startup.rounds.map((r) => fixed(r.readyMs)).join(', '), `\`node -e 0\` ${fixed(results.startup.nodeStartMs)} ms`, '≤ 500 ms'],
        ...(results.startup.cpuToReadyMs !== undefined ? [['controller CPU (user+sys) until Ready', `${fixed(results.startup.cpuToReadyMs)} ms`, results.startup.rounds.map((r) => fixed(r.cpuToReadyMs ?? NaN)).join(', '), '–', '–']] : []),
        ['1-min load during the round', '', results.startup.rounds.map((r) => (r.load1 === undefined ? '–' : r.load1.toFixed(1))).join(', '), '', ''],
        ['idle RSS 5 s after Ready', `${fixed(results.startup.idleRssMiB)} MiB`, results.startup.rounds.map((r) => fixed(r.idleRssMiB)).join(', '), `bare Node ${fixed(results.nodeFloorRssMiB)} MiB`, '< 64 MiB'],
      ])
      : '(start-up not run)',
    webhook: results.webhook ? webhookTable(results.webhook, loadNote(results, 'webhook')) : '(webhook not run)',
    steady: results.steady?.length ? steadyTable(results.steady) : '(steady state not run)',
    resolve: results.resolve ? resolveTable(results.resolve, loadNote(results, 'resolve')) : '(resolve not run)',
  };
}

function steadyTable(runs: NonNullable<BenchResults['steady']>): string {
  const rows = runs.map((r) => [
    `${r.crs}${r.quick ? ' (quick)' : ''}${r.note ? ` (${r.note})` : ''}`, `${fixed(r.fillSeconds)} s`, `${fixed(r.rssReadyMiB)} / ${fixed(r.rssEndMiB)} / ${fixed(r.peakRssMiB)} MiB`, `${fixed(r.nodeFloorRssMiB)} MiB`,
    `${fixed(r.windowSeconds)} s, resync ${r.resync}`, `**${r.writesTotal}**${r.writesTotal ? ` (${Object.entries(r.writes).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
    Object.entries(r.requests).map(([k, v]) => `${k} ${v}`).join(', ') || 'none', fixed(r.cpuSecondsInWindow, 1), `${fixed(r.loadBefore, 1)}–${fixed(r.loadAfter, 1)}`,
  ]);
  return markdownTable(['CRs (2 children each)', 'create → all Ready', 'RSS all Ready / after the window / peak', 'floor `node -e 0`', 'window', 'writes in the window (goal 0)', 'all requests in the window', 'controller CPU s in the window', '1-min load'], rows);
}

function resolveTable(r: NonNullable<BenchResults['resolve']>, note: string): string {
  const row = (name: string, x: typeof r.floor, floor: string) => [name, `${fixed(x.wallMs)} ms`, x.roundsMs.join(', '), `${fixed(x.rssMb)} MB`, floor];
  return `${note}; ${r.rounds} round(s) alternating, medians; \`ork\` = the ${r.cli} CLI:\n\n` +
    markdownTable(['path', 'wall (median)', 'rounds ms', 'peak RSS', 'against the floor'], [
      row('`node -e 0` (process start)', r.nodeStart, ''),
      row(`floor: plain undici, the same ${r.imports} fetches, nothing checked`, r.floor, '1.00×'),
      row(`\`ork resolve\` of ${r.imports} imports (fetch, verify, validate, merge, sign, write)`, r.resolve, `**${fixed(r.ratio, 2)}×** (goal ≤ 2.0×)`),
      row(`floor: \`openssl dgst -sha256\` of a ${fixed(r.verify.bundleMiB, 1)} MiB bundle`, r.verify.sha256, ''),
      row('`ork verify --expected-digest` of that bundle (child process)', r.verify.ork, `in process: ${fixed(r.verify.inProcessMs, 1)} ms`),
    ]);
}

function webhookTable(w: NonNullable<BenchResults['webhook']>, note: string): string {
  const rows = w.summary.flatMap((s) => ([['webhook', s.webhook], ['floor: bare HTTPS handler', s.floor]] as const).map(([name, x]) => [
    `/${s.path}`, name, fixed(x.p50Ms, 2), fixed(x.p99Ms, 2), fixed(x.sendLateP99Ms, 1), fixed(x.perSecond), String(x.errors),
    name === 'webhook' ? `${s.p99OverFloorMs >= 0 ? '+' : ''}${fixed(s.p99OverFloorMs, 2)} ms (goal ≤ ${w.goalP99OverFloorMs})` : '',
  ]));
  return `${note}; ${w.rounds} round(s) of ${w.seconds} s at ${w.rate}/s per server and path, medians:\n\n` +
    markdownTable(['path', 'server', `p50 ms at ${w.rate}/s`, `p99 ms at ${w.rate}/s`, 'client sends late p99 ms', `answers/s, ${w.concurrency} in flight`, 'errors', 'p99 over the floor'], rows);
}

export function generateReport(results: BenchResults, o: { repoRoot: string; resultsFile: string }): void {
  const chartDir = join(o.repoRoot, 'docs/benchmarks');
  mkdirSync(chartDir, { recursive: true });
  for (const [name, svg] of Object.entries(charts(results))) writeFileSync(join(chartDir, name), svg);
  const docPath = join(o.repoRoot, 'docs/benchmarks.md');
  let doc = readFileSync(docPath, 'utf8');
  for (const [name, body] of Object.entries(tables(results, relative(o.repoRoot, o.resultsFile)))) doc = replaceSection(doc, name, body, 'docs/benchmarks.md');
  writeFileSync(docPath, doc);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node dist/bench/report/generate.js bench/results/<date>.json');
  generateReport(JSON.parse(readFileSync(file, 'utf8')) as BenchResults, { repoRoot: fileURLToPath(new URL('../../../', import.meta.url)), resultsFile: file });
}
