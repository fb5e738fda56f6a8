// The benchmarks run what the image runs — the bundled CLI — and refuse a bundle that is older than
// the compiled CLI, which `npx tsc` alone leaves behind.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionCli } from '../../../bench/reconcile/controller-child.js';

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

  it('refuses a stale bundle and says how to rebuild it', () => {
    write('dist/bundle/main.js', 60);
    write('dist/cli/main.js', 0);
    expect(() => productionCli(root)).to.throw(/older than .*dist\/cli\/main\.js.*run `npm run build`/);
  });
});
