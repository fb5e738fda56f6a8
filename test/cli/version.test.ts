import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { BUNDLE_SCHEMA_VERSION } from '../../shared/bundle/payload.js';
import { captureIO } from '../support/io.js';
import { repoRoot, runTool } from '../support/tools.js';

const packageVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

describe('cli ork version / ork --version', () => {
  for (const argv of [['--version'], ['-v'], ['version']]) {
    it(`ork ${argv.join(' ')}: the package version and the bundle format, exit 0`, async () => {
      const io = captureIO();
      expect(await runCommand(argv, io)).to.equal(0);
      expect(io.out).to.equal(`ork ${packageVersion} (bundle format ${BUNDLE_SCHEMA_VERSION}, node ${process.versions.node})\n`);
      expect(io.err).to.equal('');
    });
  }

  it('-o json', async () => {
    const io = captureIO();
    expect(await runCommand(['version', '-o', 'json'], io)).to.equal(0);
    expect(JSON.parse(io.out)).to.deep.equal({ version: packageVersion, bundleSchemaVersion: BUNDLE_SCHEMA_VERSION, node: process.versions.node });
  });

  it('-o yml: refused with the allowed values, exit 2', async () => {
    const io = captureIO();
    expect(await runCommand(['version', '-o', 'yml'], io)).to.equal(2);
    expect(io.err).to.equal(`-o must be one of text, json, yaml, not "yml" (see 'ork version --help')\nork version: USAGE\n`);
  });

  it('the real binary answers --version', async () => {
    const { stdout } = await runTool(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), '--version']);
    expect(stdout).to.match(new RegExp(`^ork ${packageVersion.replace(/\./g, '\\.')} \\(bundle format \\d+, node `));
  });
});
