// The image's `ork` for the pod runner: build/ork-entrypoint.sh itself, with the image's /app read
// as the repository where the runner mounts it, so a chart's pods run what the image runs (every
// command from dist/bundle/main.js, `ork controller` from dist/bundle/controller.cjs). The script
// calls `node`, which the runner puts on the containers' PATH. The bundle must be as new
// as the compiled CLI (`npm run build` leaves both; `npx tsc` alone does not).
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { productionCli } from '../../bench/reconcile/controller-child.js';
import { REPO_MOUNT } from './pod-runner/runner.js';
import { removeAtTeardown } from './teardown.js';
import { repoRoot } from './tools.js';

/** The pod runner's options for it: `startPodRunner({ cluster, namespace, selector, ...imageOrk() })`. */
export interface ImageOrk {
  /** `ork` → the script. */
  commands: Record<string, string[]>;
  /** The `node` the script execs. */
  pathTools: Record<string, string>;
}

export function imageOrk(): ImageOrk {
  for (const file of ['dist/bundle/main.js', 'dist/bundle/controller.cjs']) {
    // Refuses a stale bundle as the benchmarks do; a missing one it would replace by dist/cli/main.js.
    if (productionCli(repoRoot, file) !== join(repoRoot, file)) throw new Error(`${file} is missing: run \`npm run build\` (or \`node build/bundle.mjs\`) first`);
  }
  const script = readFileSync(join(repoRoot, 'build/ork-entrypoint.sh'), 'utf8');
  const local = script.replaceAll('/app/', `${REPO_MOUNT}/`);
  if (local === script) throw new Error('build/ork-entrypoint.sh no longer names /app/: update test/support/image-ork.ts');
  // In the repository (the runner mounts it in every container), open to the pods' user.
  const dir = mkdtempSync(join(repoRoot, 'dist', 'image-ork-'));
  removeAtTeardown(dir);
  chmodSync(dir, 0o755);
  const path = join(dir, 'ork');
  writeFileSync(path, local);
  chmodSync(path, 0o755);
  return { commands: { ork: ['/bin/sh', path] }, pathTools: { node: process.execPath } };
}
