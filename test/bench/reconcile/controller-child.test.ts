// The benchmarks run what the image runs — the bundled CLI — and refuse a bundle that is older than
// the compiled CLI, which `npx tsc` alone leaves behind; with the launcher's flags and environment.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcherRun, productionCli } from '../../../bench/reconcile/controller-child.js';
import { controllerV8Flags } from '../../../cli/controller-v8.js';
import { repoRoot } from '../../support/tools.js';

describe('bench/reconcile/controller-child productionCli', () => {
  let root: string;
  const write = (file: string, secondsAgo: number) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
    const at = Date.now() / 1000 - secondsAgo;
    utimesSync(join(root, file), at, at);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'orkestra-prodcli-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes the bundle when it is newer than the compiled CLI', () => {
    write('dist/cli/main.js', 60);
    write('dist/bundle/main.js', 0);
    expect(productionCli(root)).to.equal(join(root, 'dist/bundle/main.js'));
  });

  it('takes the compiled CLI when nothing was bundled', () => {
    write('dist/cli/main.js', 0);
    expect(productionCli(root)).to.equal(join(root, 'dist/cli/main.js'));
  });

  it('takes the file of the bundle it is given (the controller\'s), and refuses it stale too', () => {
    write('dist/cli/main.js', 60);
    write('dist/bundle/controller.cjs', 0);
    expect(productionCli(root, 'dist/bundle/controller.cjs')).to.equal(join(root, 'dist/bundle/controller.cjs'));
    write('dist/cli/main.js', 0);
    write('dist/bundle/controller.cjs', 60);
    expect(() => productionCli(root, 'dist/bundle/controller.cjs')).to.throw(/controller\.cjs is older than/);
  });

  it('refuses a stale bundle and says how to rebuild it', () => {
    write('dist/bundle/main.js', 60);
    write('dist/cli/main.js', 0);
    expect(() => productionCli(root)).to.throw(/older than .*dist\/cli\/main\.js.*run `npm run build`/);
  });
});

// The benchmarks start the controller as the image's `ork` would: its flags and its environment,
// from running build/ork-entrypoint.sh itself, so a change there is measured without a second edit.
describe('bench/reconcile/controller-child: the launcher as deployed', () => {
  it('gives this Node\'s controller flags, in the launcher\'s order, and two malloc arenas', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(launcherRun(repoRoot, {})).to.deep.equal({ nodeArgs: controllerV8Flags(major), env: { MALLOC_ARENA_MAX: '2' }, entry: 'dist/bundle/controller.cjs' });
    expect(launcherRun(repoRoot, {}).nodeArgs).to.have.length.greaterThan(0);
  });

  it('lets the caller\'s MALLOC_ARENA_MAX win, as a value set in the container does', () => {
    expect(launcherRun(repoRoot, { MALLOC_ARENA_MAX: '4' }).env).to.deep.equal({ MALLOC_ARENA_MAX: '4' });
  });
});
