// A --ca-file (or $ORKESTRA_CA_FILE) that holds no certificate, or a block that does not parse, is
// refused up front naming the flag, before anything is fetched.
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

describe('cli: --ca-file is checked up front', function () {
  this.timeout(20_000);
  let dir: string;

  before(() => {
    dir = tempDir('ca-file');
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

  const cas: [string, string, RegExp][] = [
    ['an empty file', 'empty.pem', /--ca-file empty\.pem holds no certificate/],
    ['text that is no PEM', 'garbage.pem', /--ca-file garbage\.pem holds no certificate/],
    ['a certificate block that does not parse', 'broken.pem', /--ca-file broken\.pem holds a certificate block \(number 1\) that does not parse/],
    ['a FIFO', 'fifo.yaml', /--ca-file fifo\.yaml: is not a regular file/],
  ];
  for (const [name, file, says] of cas) {
    it(`refuses a --ca-file holding ${name} before fetching anything, naming the flag`, async () => {
      const r = await ork(['resolve', '-f', 'good.komposer.yaml', '--out', 'out', '--key', 'key.pem', '--ca-file', file]);
      expect(r.code, r.err).to.equal(2);
      expect(r.err).to.match(says);
      expect(r.err).not.to.contain('caCertificates');
    });
  }

  it('names $ORKESTRA_CA_FILE when the CA file came from the environment', async () => {
    const r = await ork(['lock', '-f', 'good.komposer.yaml', '--out', 'lock.json'], { ORKESTRA_CA_FILE: 'empty.pem' });
    expect(r.code, r.err).to.equal(2);
    expect(r.err).to.contain('$ORKESTRA_CA_FILE (empty.pem) holds no certificate');
  });
});
