// `npm pack` gives a tarball that `npm install -g` turns into a working `ork` on PATH: only the
// compiled program (no tests, no source maps), and runtime dependencies without test-only ones.
// Installs into a temporary prefix from the npm registry, as a user would.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runTool, tempDir } from '../support/tools.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

describe('package: npm pack, then npm install -g', function () {
  this.timeout(300_000);
  let tarball: string;
  let files: string[];

  before(async () => {
    const dir = tempDir('pack');
    // dist/ is already built by `npm test`; --ignore-scripts keeps prepack from rebuilding it under the running tests.
    const { stdout } = await runTool('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: repoRoot });
    const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, info!.filename);
    files = info!.files.map((f) => f.path);
  });

  it('packs the compiled program only: no tests, source maps, TypeScript sources or test-only dependencies', () => {
    expect(files).to.include.members(['package.json', 'README.md', 'dist/cli/main.js', 'dist/bundle/main.js', 'dist/shared/katalog/katalog.schema.json']);
    expect(files.filter((f) => f.startsWith('dist/test/') || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).to.deep.equal([]);
    expect(Object.keys(pkg.dependencies)).not.to.include.members(['tar', 'mocha', 'chai', 'typescript']);
  });

  it('installs globally and puts a working ork on PATH (the bundled CLI, as the image runs it)', async () => {
    const prefix = tempDir('prefix');
    await runTool('npm', ['install', '-g', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { cwd: prefix });
    const ork = join(prefix, 'bin', 'ork');
    expect(readdirSync(join(prefix, 'bin'))).to.include('ork');
    const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` };
    expect((await runTool('ork', ['--version'], { env })).stdout).to.match(new RegExp(`^ork ${pkg.version.replace(/\./g, '\\.')} `));
    const { stdout } = await runTool(ork, ['validate', '-f', join(repoRoot, 'examples', 'website', 'katalog.yaml')], { cwd: repoRoot });
    expect(stdout).to.include('valid');
  });
});
