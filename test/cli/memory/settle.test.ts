// Against real Node binaries: the controller's settle gives the young generation's pages back
// after a burst on Node 22 and later (the image runs 24), and is off on Node 20, where V8's
// collection cannot shrink it.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { settleSupported, startMemorySettle, type Collect } from '../../../cli/memory/settle.js';
import type { SettlePolicy } from '../../../cli/memory/settle-policy.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';
import { repoRoot } from '../../support/tools.js';

const settleUrl = pathToFileURL(join(repoRoot, 'dist/cli/memory/settle.js')).href;
const majorOf = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

/**
 * A child that allocates a burst (the young generation grows to its maximum), then stays quiet for
 * 1.5 s with the settle running (or not) on a fast policy. Prints the young generation's size
 * (KiB) after the burst and at the end, and each settle.
 */
function burstThenQuiet(node: string, settle: boolean): { before: number; after: number; settles: number } {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { startMemorySettle } from ${JSON.stringify(settleUrl)};
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size >> 10;
    const logger = { debug: (m, f) => console.log(m, JSON.stringify(f)), info() {}, warn() {}, error() {}, log() {}, close() {} };
    const s = ${settle} ? startMemorySettle({ logger, policy: { tickMs: 100, quietBelow: 0.5, minBusyMs: 50, costFactor: 20, minIntervalMs: 0 } }) : undefined;
    setImmediate(() => {
      let keep = [];
      for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 2e5) keep = []; }
      keep = null;
      console.log('before', young());
      setTimeout(() => { s?.stop(); console.log('after', young()); }, 1500);
    });`;
  const r = spawnSync(node, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).to.equal(0);
  const kib = (what: string) => Number(new RegExp(`^${what} (\\d+)$`, 'm').exec(r.stdout)?.[1]);
  return { before: kib('before'), after: kib('after'), settles: (r.stdout.match(/^memory settled /gm) ?? []).length };
}

/** A Node 22 or later: this one, or the image's major from the npm registry. */
function recentNode(): string {
  if (majorOf(process.version) >= 22) return process.execPath;
  return execFileSync(join(repoRoot, 'test/infra/node.sh'), ['24'], { encoding: 'utf8', timeout: 280_000 }).trim();
}

describe('cli/memory/settle', function () {
  this.timeout(300_000);

  it('runs on Node 22 and later only', () => {
    expect([20, 21, 22, 24, 26].map((m) => settleSupported(`${m}.1.0`))).to.deep.equal([false, false, true, true, true]);
    expect(startMemorySettle({ logger: memoryLogger([]), nodeVersion: '20.20.2' })).to.equal(undefined);
  });

  /** Every tick settles (nothing to wait for): for the shell's own behaviour, on any Node. */
  const eager: SettlePolicy = { tickMs: 10, quietBelow: 1.01, minBusyMs: 0, costFactor: 0, minIntervalMs: 0 };
  const settles = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('a collector that fails stops the settle with one warning, and the process goes on', async () => {
    const lines: LogLine[] = [];
    let calls = 0;
    const collector = (): Collect => () => { calls++; throw new TypeError('gc options unsupported'); };
    const settle = startMemorySettle({ logger: memoryLogger(lines), policy: eager, nodeVersion: '24.0.0', collector });
    await settles(150);
    settle?.stop();
    expect(calls).to.equal(1);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.message)).to.deep.equal(['memory settle unavailable; memory is left to V8 (--memory-settle off silences this)']);
  });

  it('exposes gc() to its own context only: a context created afterwards has none', async () => {
    const collected: number[] = [];
    const settle = startMemorySettle({ logger: memoryLogger([]), policy: eager, nodeVersion: '24.0.0', onSettle: (r) => collected.push(r.ms) });
    await settles(150);
    settle?.stop();
    expect(collected.length, 'settled with the real collector').to.be.greaterThan(0);
    expect(runInNewContext('typeof gc')).to.equal('undefined');
  });

  it('after a burst, once quiet, shrinks the young generation back; without it, it stays grown (the check can fail)', () => {
    const node = recentNode();
    const without = burstThenQuiet(node, false);
    expect(without.before, 'the burst grew the young generation').to.be.at.least(8 * 1024);
    expect(without.after, 'V8 alone keeps it').to.equal(without.before);
    const withSettle = burstThenQuiet(node, true);
    expect(withSettle.settles, 'one settle: one burst, then nothing to pay for another').to.equal(1);
    expect(withSettle.after).to.be.at.most(2 * 1024);
  });
});
