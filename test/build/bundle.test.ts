// build/bundle.mjs: the image runs the bundled CLI (dist/bundle/main.js), so the bundle of the
// current dist must behave as dist/cli/main.js does — same stdout, stderr and exit code — on
// commands that reach yaml, the JSON Schema check (ajv through createRequire), rendering and the
// controller's refusal to start. Bundled here into a fresh directory under dist/ (createRequire
// resolves packages from the bundle's own place, as in the image's /app/dist/bundle).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/tools.js';

const dist = join(repoRoot, 'dist');
const out = join(dist, `bundle-test-${process.pid}`);
const website = join(repoRoot, 'examples/website');

/** The line a program prints, with the parts that differ between any two runs (times, ports) masked. */
const stable = (text: string) => text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');

function run(main: string, args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: stable(r.stdout), stderr: stable(r.stderr) };
}

describe('build/bundle', function () {
  this.timeout(120_000);
  let main = '';

  before(async () => {
    const { bundleCli } = await import(pathToFileURL(join(repoRoot, 'build/bundle.mjs')).href) as { bundleCli(dist: string, out: string): Promise<string> };
    main = await bundleCli(dist, out);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('writes an executable entry point with the node shebang, and one file per command beside shared chunks', () => {
    expect(readFileSync(main, 'utf8').split('\n')[0]).to.equal('#!/usr/bin/env node');
    expect(statSync(main).mode & 0o111).to.not.equal(0);
    const files = readdirSync(join(out, 'chunks'));
    expect(files.some((f) => f.startsWith('controller-'))).to.equal(true);
    expect(files.length).to.be.below(80);
  });

  it('writes only ASCII (esbuild escapes code; comments get `\\u{…}` text), so that V8 keeps each file one byte a character', () => {
    const files = [main, ...readdirSync(join(out, 'chunks')).filter((f) => f.endsWith('.js')).map((f) => join(out, 'chunks', f))];
    const wide = files.filter((f) => /[^\x00-\x7f]/u.test(readFileSync(f, 'utf8')));
    expect(wide).to.deep.equal([]);
    expect(files.some((f) => readFileSync(f, 'utf8').includes('\\u{2192}')), 'a comment with an arrow, rewritten').to.equal(true);
  });

  const cases: [string, string[]][] = [
    ['version', ['version']],
    ['controller --help', ['controller', '--help']],
    ['validate (yaml, the JSON Schema check)', ['validate', '-f', join(website, 'katalog.yaml')]],
    ['template (rendering)', ['template', '-f', join(website, 'katalog.yaml'), '--cr', join(website, 'crs/blog.yaml')]],
    ['controller refusing a bundle that is not there', ['controller', '--bundle', join(out, 'no-bundle'), '--key', join(out, 'no-key.pem'), '--log-format', 'json', '--http-address', '127.0.0.1:0']],
    ['an unknown command', ['no-such-command']],
  ];
  for (const [what, args] of cases) {
    it(`answers as dist/cli/main.js does: ${what}`, () => {
      const bundled = run(main, args);
      const unbundled = run(join(dist, 'cli/main.js'), args);
      expect(bundled).to.deep.equal(unbundled);
      expect(bundled.stdout.length + bundled.stderr.length).to.be.greaterThan(0);
    });
  }

  // What the image runs for the controller container (build/ork-entrypoint.sh): the controller alone.
  const controllerCases = cases.filter(([what]) => what.startsWith('controller'));
  it('writes controller.cjs: one CommonJS file, ASCII, with no other command inside', () => {
    const text = readFileSync(join(out, 'controller.cjs'), 'utf8');
    expect(/[^\x00-\x7f]/u.test(text)).to.equal(false);
    expect(text).to.not.match(/^(import|export) /m);
    expect(text, 'the resolver command').to.not.include('fail if any import or the bundle differs from this lock');
    expect(controllerCases).to.have.length(2);
  });
  for (const [what, args] of controllerCases) {
    it(`controller.cjs answers as dist/cli/main.js does: ${what}`, () => {
      const alone = run(join(out, 'controller.cjs'), args);
      expect(alone).to.deep.equal(run(join(dist, 'cli/main.js'), args));
      expect(alone.stdout.length + alone.stderr.length).to.be.greaterThan(0);
    });
  }
  it('controller.cjs knows no other command, and says which it knows', () => {
    const other = run(join(out, 'controller.cjs'), ['version']);
    expect(other.status).to.equal(2);
    expect(other.stderr).to.equal("ork: unknown command 'version'\nusage: ork <command> [flags]\n\ncommands:\n  controller  verify a bundle, then reconcile its custom resources (the controller container)\n\nRun 'ork <command> --help' for a command's flags.\n");
  });
});
