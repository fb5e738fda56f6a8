// `make bench-regex`: the numbers behind the choice of regex engine (docs/benchmarks.md). Compares
// compile and match throughput on patterns Katalogs use, and time on catastrophic patterns, for
// JavaScript's backtracking RegExp (the baseline that froze the process), re2js (the pure-JS RE2
// port shared/regex uses) and, when given a path to an installed copy, the native `re2` binding and
// `re2-wasm`. Not part of the test suite. Usage:
//   node dist/bench/regex.js [--native DIR/node_modules/re2] [--wasm DIR/node_modules/re2-wasm]
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { RE2JS } from 're2js';
import { compileRe2 } from '../shared/regex/index.js';

interface Engine {
  name: string;
  compile(pattern: string): { test(s: string): boolean };
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

function engines(): Engine[] {
  const list: Engine[] = [
    // Node 20's RegExp has no inline (?i), which Go and upstream Katalogs use: give it as a flag.
    { name: 'RegExp (backtracking)', compile: (p) => (p.startsWith('(?i)') ? new RegExp(p.slice(4), 'i') : new RegExp(p)) },
    { name: 're2js', compile: (p) => RE2JS.compile(p) },
    { name: 'shared/regex (re2js, cached)', compile: (p) => compileRe2(p) },
  ];
  const require = createRequire(import.meta.url);
  const native = option('--native');
  if (native) {
    const RE2 = require(native) as new (p: string) => { test(s: string): boolean };
    list.push({ name: 're2 (native)', compile: (p) => new RE2(p) });
  }
  const wasm = option('--wasm');
  if (wasm) {
    const { RE2 } = require(wasm) as { RE2: new (p: string, flags: string) => { test(s: string): boolean } };
    list.push({ name: 're2-wasm', compile: (p) => new RE2(p, 'u') });
  }
  return list;
}

// Patterns of the kind Katalog validation rules and `when` conditions hold, with inputs.
const TYPICAL: [string, string][] = [
  ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 'my-website-frontend-01'],
  [':[A-Za-z0-9._-]+$', 'registry.example.com/team/nginx:1.27.3'],
  ['^v?(\\d+)\\.(\\d+)\\.(\\d+)(-[0-9A-Za-z.-]+)?$', 'v1.28.4-rc.1'],
  ['^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$', 'ops-team@example.org'],
  ['^([0-9]+(ms|s|m|h))+$', '1h30m15s'],
  ['^[0-9]+(\\.[0-9]+)?(m|Ki|Mi|Gi)?$', '512Mi'],
  ['(?i)^(dev|staging|prod)$', 'Staging'],
  ['^https?://[^/]+(/.*)?$', 'https://example.com/docs/index.html'],
];

function opsPerSecond(run: () => void, minMs = 300): number {
  let n = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) run();
    n += 100;
    elapsed = performance.now() - started;
  }
  return (n / elapsed) * 1000;
}

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} k` : n.toFixed(0));

function typical(list: Engine[]): void {
  console.log('\nTypical Katalog patterns (8 patterns; ops/s per pattern, mean):');
  console.log('engine                          compile/s   compile+match/s   match/s (compiled once)');
  for (const e of list) {
    let compile = 0;
    let both = 0;
    let match = 0;
    for (const [pattern, input] of TYPICAL) {
      compile += opsPerSecond(() => e.compile(pattern));
      both += opsPerSecond(() => e.compile(pattern).test(input));
      const re = e.compile(pattern);
      if (!re.test(input)) throw new Error(`${e.name}: ${pattern} does not match ${input}`);
      match += opsPerSecond(() => re.test(input));
    }
    const k = TYPICAL.length;
    console.log(`${e.name.padEnd(30)}  ${fmt(compile / k).padStart(9)}   ${fmt(both / k).padStart(15)}   ${fmt(match / k).padStart(9)}`);
  }
}

function timeMs(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

// Catastrophic for a backtracking engine: time doubles (or worse) with each extra character.
const PATHOLOGICAL = ['(a+)+$', '(a|aa)+$', '^(\\w+\\s?)*$', '(.*a){12}$'];

function pathological(list: Engine[]): void {
  console.log('\nCatastrophic patterns against "a"×n + "!" (ms for one test()):');
  for (const pattern of PATHOLOGICAL) {
    for (const e of list) {
      const re = e.compile(pattern);
      // The backtracking engine gets short inputs only: n = 28 already takes minutes for (a+)+$.
      const sizes = e.name.startsWith('RegExp') ? [16, 20, 22, 24] : [24, 1_000, 100_000, 1_000_000];
      const cells: string[] = [];
      for (const n of sizes) {
        const input = `${'a'.repeat(n)}!`;
        const ms = timeMs(() => re.test(input));
        cells.push(`n=${n}: ${ms.toFixed(ms < 10 ? 2 : 0)}`);
        if (ms > 5_000) break;
      }
      console.log(`${pattern.padEnd(14)} ${e.name.padEnd(30)} ${cells.join('  ')}`);
    }
  }
}

console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);
const list = engines();
typical(list);
pathological(list);
