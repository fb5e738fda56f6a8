// laterTierUp: after it, a function is optimised by TurboFan only after 8× as much bytecode has
// run in it — not after 80 calls of a small loop, as without it, but still well before 5,120.
// Checked in child processes with V8's test intrinsics (%GetOptimizationStatus; 64: TurboFanned),
// compiling synchronously (--no-concurrent-recompilation) so the status is read after the fact.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/tools.js';

function optimisedAfter(callIt: boolean): string {
  const module = pathToFileURL(join(repoRoot, 'dist/cli/tier-up.js')).href;
  const script = `
    import { laterTierUp } from ${JSON.stringify(module)};
    if (${callIt}) laterTierUp();
    function f(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
    let done = 0;
    const seen = [];
    for (const upto of [80, 5120]) {
      for (; done < upto; done++) f(100);
      seen.push((%GetOptimizationStatus(f) & 64) !== 0);
    }
    console.log(JSON.stringify(seen));`;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).to.equal(0);
  return r.stdout.trim();
}

describe('cli/tier-up', function () {
  this.timeout(60_000);

  it('optimises a hot function later, but still optimises it', () => {
    expect(optimisedAfter(true)).to.equal('[false,true]');
  });

  it('(without it, the same function is optimised after 80 calls: the check above can fail)', () => {
    expect(optimisedAfter(false)).to.equal('[true,true]');
  });
});
