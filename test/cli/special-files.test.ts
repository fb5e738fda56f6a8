// Every command that reads a file named on its command line, and the file import source, refuses
// a FIFO at once (reading one waits for a writer forever), like /dev/zero and directories.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCommand } from '../../cli/dispatch.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

const KATALOG = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: k}\nspec:\n  crds:\n    web:\n      apiTypes: {group: web.example.org, version: v1, kind: Site, plural: sites}\n';

describe('cli: FIFOs and devices as input', function () {
  this.timeout(20_000);
  let dir: string;

  before(() => {
    dir = tempDir('special-files');
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    writeFileSync(join(dir, 'katalog.yaml'), KATALOG);
    writeFileSync(join(dir, 'key.pem'), generateSigningKeyPair().privateKeyPem);
    const komposer = (name: string, path: string) =>
      writeFileSync(join(dir, name), stringify({ apiVersion: 'orkestra.orkspace.io/v1', kind: 'Komposer', metadata: { name: 'k' }, imports: { files: [path] }, spec: { crds: {} } }));
    komposer('fifo-import.komposer.yaml', './fifo.yaml');
    komposer('good.komposer.yaml', './katalog.yaml');
    writeFileSync(join(dir, 'empty.pem'), '');
    writeFileSync(join(dir, 'garbage.pem'), 'not a certificate\n');
    writeFileSync(join(dir, 'broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  });

  async function ork(argv: string[], env: Record<string, string> = {}) {
    const io = captureIO({ cwd: dir, env });
    const started = performance.now();
    const code = await runCommand(argv, io);
    return { code, err: io.err, out: io.out, ms: performance.now() - started };
  }

  const inputs: [string, string[], RegExp][] = [
    ['validate -f FIFO', ['validate', '-f', 'fifo.yaml'], /fifo\.yaml: cannot read the file: is not a regular file/],
    ['template -f FIFO', ['template', '-f', 'fifo.yaml', '--cr', 'fifo.yaml'], /not a regular file/],
    ['resolve -f FIFO', ['resolve', '-f', 'fifo.yaml', '--out', 'out', '--key', 'key.pem'], /not a regular file/],
    ['lock -f FIFO', ['lock', '-f', 'fifo.yaml'], /not a regular file/],
    ['resolve --lock FIFO', ['resolve', '-f', 'good.komposer.yaml', '--out', 'out', '--key', 'key.pem', '--lock', 'fifo.yaml'], /not a regular file/],
    ['resolve --key FIFO', ['resolve', '-f', 'good.komposer.yaml', '--out', 'out', '--key', 'fifo.yaml'], /not a regular file/],
    ['a FIFO as a file import', ['resolve', '-f', 'fifo-import.komposer.yaml', '--out', 'out', '--key', 'key.pem'], /file:\.\/fifo\.yaml: \.\/fifo\.yaml is not a regular file/],
    ['validate -f /dev/zero', ['validate', '-f', '/dev/zero'], /not a regular file/],
  ];
  for (const [name, argv, says] of inputs) {
    it(`refuses ${name} at once with exit 2`, async () => {
      const r = await ork(argv);
      expect(r.code, r.err).to.equal(2);
      expect(r.err).to.match(says);
      expect(r.ms).to.be.below(5000);
    });
  }
});
