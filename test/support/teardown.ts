// Stops the test infrastructure (control plane, registries, temp dirs) when a test run ends.
// Three layers, so nothing outlives the run: a mocha root `after` hook (the normal path), a
// synchronous process 'exit' fallback, and the scripts' --watch-pid watchers for hard kills.
import { rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';

interface Teardown {
  name: string;
  run: () => Promise<void>;
  runSync: () => void;
  done: boolean;
}

const pending: Teardown[] = [];

/** Registers a clean-up step; `run` is used by the mocha hook, `runSync` at process exit. */
export function onTeardown(name: string, run: () => Promise<void>, runSync: () => void): () => Promise<void> {
  const entry: Teardown = { name, run, runSync, done: false };
  pending.push(entry);
  return async () => {
    if (entry.done) return;
    entry.done = true;
    await entry.run();
  };
}

/** Removes a temp dir at the end of the run. */
export function removeAtTeardown(dir: string): void {
  onTeardown(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }), () => rmSync(dir, { recursive: true, force: true }));
}

export async function runTeardowns(): Promise<void> {
  const errors: string[] = [];
  // Newest first: a namespace goes before its cluster, a cluster before its state dir.
  for (const entry of [...pending].reverse()) {
    if (entry.done) continue;
    entry.done = true;
    try {
      await entry.run();
    } catch (err) {
      errors.push(`${entry.name}: ${(err as Error).message}`);
    }
  }
  if (errors.length > 0) throw new Error(`test infrastructure teardown failed:\n${errors.join('\n')}`);
}

process.on('exit', () => {
  for (const entry of [...pending].reverse()) {
    if (entry.done) continue;
    entry.done = true;
    try {
      entry.runSync();
    } catch {
      // Exit path: nothing left to report to; the watchers stop daemons that survive this.
    }
  }
});

// This module is first imported while mocha loads a test file, when the current suite is the
// root suite: a hook registered now runs once, after every test of the run.
const mochaAfter = (globalThis as { after?: Mocha.HookFunction }).after;
if (typeof mochaAfter === 'function') {
  mochaAfter('tear down test infrastructure', async function () {
    this.timeout(60_000);
    await runTeardowns();
  });
}
