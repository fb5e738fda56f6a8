// The controller's V8 flags (cli/controller-v8.ts): which flags for which Node major; on this Node,
// that node accepts them on its command line and at run time without a word on stderr; TurboFan
// later (a small loop optimised after 8× as many calls, checked with V8's test intrinsics,
// %GetOptimizationStatus 64 = TurboFanned, compiling synchronously so the status is read after the
// fact); on Node 22 and 24, a loop run once not compiled on the stack (--trace-osr); and the old generation's limit at 1.2× its live size (V8's own trace, --trace-gc-verbose).
// The acceptance checks also run on the other Node LTS majors from package.json's "engines" up to
// the Dockerfile's (the image's Node), real binaries fetched once from the npm registry
// (test/infra/node.sh): a flag that Node refuses stops the image's controller from starting.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTROLLER_HEAP_GROWING_PERCENT, CONTROLLER_INTERRUPT_BUDGET, controllerV8Flags } from '../../cli/controller-v8.js';
import { repoRoot } from '../support/tools.js';

/** The LTS majors from engines' minimum to the Dockerfile's, this one's left out: real binaries are fetched for these. */
function otherMajors(): number[] {
  const engines = /^>=(\d+)/.exec(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.node as string);
  const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'));
  expect(engines, 'package.json engines.node is a >= range').not.to.equal(null);
  expect(image, 'the Dockerfile names ARG NODE_IMAGE=node:<major>-…').not.to.equal(null);
  const majors: number[] = [];
  for (let m = Number(engines![1]); m <= Number(image![1]); m += 2) if (m !== majorOf(process.version)) majors.push(m);
  return majors;
}

const moduleUrl = pathToFileURL(join(repoRoot, 'dist/cli/controller-v8.js')).href;
const majorOf = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

function runNode(node: string, flags: string[], script: string) {
  return spawnSync(node, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
}

/** That `node` starts with its major's flags on the command line and sets them at run time, silently. */
function expectAccepted(node: string): void {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const flags = controllerV8Flags(majorOf(version));
  const r = runNode(node, flags, `import { applyControllerV8Flags } from ${JSON.stringify(moduleUrl)}; applyControllerV8Flags(); console.log('ok');`);
  expect(r.status, `${node} (${version}) ${flags.join(' ')}: ${r.stderr}`).to.equal(0);
  expect(r.stderr, `${node} (${version}) says nothing`).to.equal('');
  expect(r.stdout.trim()).to.equal('ok');
}

function optimisedAfter(callIt: boolean): string {
  const script = `
    import { applyControllerV8Flags } from ${JSON.stringify(moduleUrl)};
    if (${callIt}) applyControllerV8Flags();
    function f(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
    let done = 0;
    const seen = [];
    for (const upto of [80, 5120]) {
      for (; done < upto; done++) f(100);
      seen.push((%GetOptimizationStatus(f) & 64) !== 0);
    }
    console.log(JSON.stringify(seen));`;
  const r = runNode(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation'], script);
  expect(r.status, r.stderr).to.equal(0);
  return r.stdout.trim();
}

/**
 * Whether V8 compiles a function on the stack (OSR) that runs one loop of 8,184 iterations once,
 * decoding a VLQ string as re2js decodes its case-folding table at its first regular expression.
 */
function osrCompiles(node: string, flags: string[]): number {
  const script = `
    function decode(str) { const out = []; let v = 0, shift = 0; for (let i = 0; i < str.length; i++) { const d = str.charCodeAt(i) & 63; v |= (d & 31) << shift; if ((d & 32) === 0) { out.push(v); v = 0; shift = 0; } else shift += 5; } return out; }
    console.log(decode('AbCdEfGh'.repeat(1023)).length);`;
  const r = runNode(node, ['--trace-osr', ...flags], script);
  expect(r.status, r.stderr).to.equal(0);
  return (r.stdout.match(/OSR - compilation started/g) ?? []).length;
}

/** The growing factors of the old-generation limits V8 set in a child that keeps 30 MB alive. */
function heapFactors(callIt: boolean, nodeFlags: string[] = []): number[] {
  const script = `
    import { applyControllerV8Flags } from ${JSON.stringify(moduleUrl)};
    if (${callIt}) applyControllerV8Flags();
    const keep = [];
    for (let i = 0; i < 150; i++) keep.push(Array.from({ length: 20000 }, (_, j) => 'x' + j));
    console.log(keep.length);`;
  const r = runNode(process.execPath, ['--trace-gc-verbose', ...nodeFlags], script);
  expect(r.status, r.stderr).to.equal(0);
  return [...r.stdout.matchAll(/\[HeapController\] Limit: .* \(([0-9.]+)\)$/gm)].map((m) => Number(m[1]));
}

describe('cli/controller-v8', function () {
  this.timeout(60_000);

  it('names V8 11\'s interrupt budget for Node 20, V8 12–13\'s invocation counts for Node 22 and 24, and no flag for a major not checked', () => {
    const heap = `--heap-growing-percent=${CONTROLLER_HEAP_GROWING_PERCENT}`;
    expect(controllerV8Flags(20)).to.deep.equal([`--interrupt-budget=${CONTROLLER_INTERRUPT_BUDGET}`, heap]);
    for (const major of [22, 24]) expect(controllerV8Flags(major)).to.deep.equal(['--invocation-count-for-turbofan=24000', '--invocation-count-for-maglev=12800', '--invocation-count-for-osr=40000', '--invocation-count-for-maglev-osr=8000', heap]);
    for (const major of [18, 19, 25, 26]) expect(controllerV8Flags(major)).to.deep.equal([]);
  });

  it('this node accepts its flags on the command line and at run time, and prints nothing', () => {
    expectAccepted(process.execPath);
  });

  for (const major of otherMajors()) {
    it(`Node ${major} (the npm registry's binary) accepts its flags on the command line and at run time, and prints nothing`, function () {
      this.timeout(300_000);
      expectAccepted(execFileSync(join(repoRoot, 'test/infra/node.sh'), [String(major)], { encoding: 'utf8', timeout: 280_000 }).trim());
    });
  }

  for (const major of [majorOf(process.version), ...otherMajors()].filter((m) => m >= 22 && controllerV8Flags(m).length > 0)) {
    it(`Node ${major}: a loop run once at start-up is not compiled on the stack with the flags, and is without them (the check can fail)`, function () {
      this.timeout(300_000);
      const node = major === majorOf(process.version) ? process.execPath : execFileSync(join(repoRoot, 'test/infra/node.sh'), [String(major)], { encoding: 'utf8', timeout: 280_000 }).trim();
      expect(osrCompiles(node, controllerV8Flags(major)), 'OSR compiles with the flags').to.equal(0);
      expect(osrCompiles(node, []), 'OSR compiles with V8\'s defaults').to.be.greaterThan(0);
    });
  }

  (majorOf(process.version) <= 21 ? it : it.skip)('optimises a hot function later, but still optimises it (Node 20)', () => {
    expect(optimisedAfter(true)).to.equal('[false,true]');
  });

  (majorOf(process.version) <= 21 ? it : it.skip)('(without it, the same function is optimised after 80 calls: the check above can fail)', () => {
    expect(optimisedAfter(false)).to.equal('[true,true]');
  });

  it('sets every old-generation limit at 1.2× the live size', () => {
    const seen = heapFactors(true);
    expect(seen.length, 'full GCs traced').to.be.greaterThan(0);
    expect(new Set(seen)).to.deep.equal(new Set([1.2]));
  });

  it('leaves a flag given on node\'s command line as given (node --heap-growing-percent=50: 1.5×)', () => {
    expect(new Set(heapFactors(true, ['--heap-growing-percent=50']))).to.deep.equal(new Set([1.5]));
  });

  it('(without it, V8 lets the same heap grow by more: the check above can fail)', () => {
    const seen = heapFactors(false);
    expect(seen.length, 'full GCs traced').to.be.greaterThan(0);
    expect(Math.max(...seen)).to.be.greaterThan(1.2);
  });
});
