// baselineWasmOnly: after it, hot WebAssembly stays at V8's baseline tier (Liftoff) instead of
// being recompiled by TurboFan; without it, the same function is tiered up. Checked in child
// processes with V8's test intrinsics (%IsLiftoffFunction), on a tiny module called 2 million times.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/tools.js';

const ADD_WASM = [0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11];

function stillBaselineAfterHotLoop(callIt: boolean): string {
  const module = pathToFileURL(join(repoRoot, 'dist/cli/wasm-tier.js')).href;
  const script = `
    import { baselineWasmOnly } from ${JSON.stringify(module)};
    if (${callIt}) baselineWasmOnly();
    const { add } = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(${JSON.stringify(ADD_WASM)}))).exports;
    let sum = 0;
    for (let i = 0; i < 2e6; i++) sum = add(sum, 1) | 0;
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 2e6; i++) sum = add(sum, 1) | 0;
    console.log(JSON.stringify({ liftoff: %IsLiftoffFunction(add), sum }));`;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).to.equal(0);
  return r.stdout.trim();
}

describe('cli/wasm-tier', function () {
  this.timeout(60_000);

  it('keeps hot WebAssembly at the baseline tier', () => {
    expect(stillBaselineAfterHotLoop(true)).to.equal('{"liftoff":true,"sum":4000000}');
  });

  it('(without it, V8 tiers the same function up: the check above can fail)', () => {
    expect(stillBaselineAfterHotLoop(false)).to.equal('{"liftoff":false,"sum":4000000}');
  });
});
