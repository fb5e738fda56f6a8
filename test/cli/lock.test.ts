// `ork lock` as a command, with local files only: where the lock goes, what it holds, that it
// needs no key, that a failed resolve writes no lock, and that `ork resolve --lock` agrees with it.
// The acceptance cases against remote sources are in test/resolver/e2e/lock.test.ts.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

const katalog = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: gammas
spec:
  crds:
    gamma:
      apiTypes: {group: lock.example.org, version: v1, kind: Gamma, plural: gammas}
`;
const komposer = (file: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata:
  name: locking
imports:
  files: [${file}]
spec:
  crds: {}
`;

describe('cli/commands/lock', () => {
  const dir = tempDir('cli-lock');
  mkdirSync(join(dir, 'team'));
  writeFileSync(join(dir, 'team', 'katalog.yaml'), katalog);
  writeFileSync(join(dir, 'team', 'komposer.yaml'), komposer('./katalog.yaml'));
  writeFileSync(join(dir, 'team', 'broken.yaml'), komposer('./absent.yaml'));
  writeFileSync(join(dir, 'key.pem'), generateSigningKeyPair().privateKeyPem);

  async function ork(...argv: string[]) {
    const io = captureIO({ cwd: dir });
    const code = await runCommand(argv, io);
    return { code, out: io.out, err: io.err };
  }

  it('prints help with exit 0', async () => {
    const r = await ork('lock', '--help');
    expect(r.code).to.equal(0);
    expect(r.out).to.contain('usage: ork lock [-f KOMPOSER]').and.to.contain('orkestra.lock.json');
  });

  it('writes orkestra.lock.json beside the Komposer by default, without a key, and prints the bundle digest', async () => {
    const r = await ork('lock', '-f', 'team/komposer.yaml');
    expect(r.code, r.err).to.equal(0);
    const path = join(dir, 'team', 'orkestra.lock.json');
    const lock = JSON.parse(readFileSync(path, 'utf8'));
    const fileDigest = `sha256:${createHash('sha256').update(katalog).digest('hex')}`;
    expect(lock).to.deep.equal({
      lockVersion: 1,
      komposer: 'locking',
      imports: [{ source: 'file:./katalog.yaml', ref: 'file:./katalog.yaml', digest: fileDigest }],
      bundleDigest: r.out.trim(),
    });
    expect(readFileSync(path, 'utf8').endsWith('}\n')).to.equal(true);
  });

  it('gives the same bundle digest as ork resolve, which passes --lock', async () => {
    const locked = await ork('lock', '-f', 'team/komposer.yaml', '--out', 'my.lock.json');
    expect(locked.code).to.equal(0);
    const resolved = await ork('resolve', '-f', 'team/komposer.yaml', '--out', 'bundle', '--key', 'key.pem', '--lock', 'my.lock.json');
    expect(resolved.code, resolved.err).to.equal(0);
    expect(resolved.out).to.equal(locked.out);
  });

  it('is stable: locking twice writes the same bytes', async () => {
    await ork('lock', '-f', 'team/komposer.yaml', '--out', 'one.lock.json');
    await ork('lock', '-f', 'team/komposer.yaml', '--out', 'two.lock.json');
    expect(readFileSync(join(dir, 'one.lock.json')).equals(readFileSync(join(dir, 'two.lock.json')))).to.equal(true);
  });

  it('writes no lock when resolving fails, and exits with the failure category', async () => {
    const r = await ork('lock', '-f', 'team/broken.yaml', '--out', 'broken.lock.json');
    expect(r.code).to.equal(3);
    expect(r.err).to.contain('file:./absent.yaml').and.to.contain('ork lock: IMPORT_NOT_FOUND');
    expect(existsSync(join(dir, 'broken.lock.json'))).to.equal(false);
  });

  it('reports an unwritable lock path as FILE_WRITE_FAILED naming it', async () => {
    const r = await ork('lock', '-f', 'team/komposer.yaml', '--out', 'no/such/dir/x.lock.json');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('no/such/dir/x.lock.json').and.to.contain('ork lock: FILE_WRITE_FAILED');
  });

  it('refuses unknown flags (USAGE)', async () => {
    const bad = await ork('lock', '-f', 'team/komposer.yaml', '--key', 'key.pem');
    expect(bad.code).to.equal(2);
    expect(bad.err).to.contain("'--key'");
  });
});
