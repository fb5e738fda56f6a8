import { expect } from 'chai';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { writeBundleAtomically } from '../../resolver/bundle-writer.js';
import { keyIdOf, parsePrivateKeyPem, parsePublicKeyPem } from '../../shared/bundle/keys.js';
import { signBundle } from '../../shared/bundle/sign.js';
import { openssl, samplePayload, tempDir } from '../shared/bundle/fixtures.js';
import { captureIO } from '../support/io.js';

describe('cli/commands/keygen', () => {
  const dirs: (() => void)[] = [];
  after(() => dirs.forEach((c) => c()));
  function fresh(): string {
    const d = tempDir('cli-keygen');
    dirs.push(d.cleanup);
    return d.path;
  }
  async function ork(cwd: string, ...argv: string[]) {
    const io = captureIO({ cwd });
    const code = await runCommand(argv, io);
    return { code, out: io.out, err: io.err };
  }

  it('writes a P-256 pair: private 0600, public 0644, prints paths and keyid but no key', async () => {
    const cwd = fresh();
    const r = await ork(cwd, 'keygen', '--out-private', 'signing.pem', '--out-public', 'trusted.pem');
    expect(r.code, r.err).to.equal(0);
    const privatePem = readFileSync(join(cwd, 'signing.pem'), 'utf8');
    const publicPem = readFileSync(join(cwd, 'trusted.pem'), 'utf8');
    expect(statSync(join(cwd, 'signing.pem')).mode & 0o777).to.equal(0o600);
    expect(statSync(join(cwd, 'trusted.pem')).mode & 0o777).to.equal(0o644);
    const keyid = keyIdOf(parsePublicKeyPem(publicPem, 'p'));
    expect(keyIdOf(parsePrivateKeyPem(privatePem, 'k'))).to.equal(keyid);
    expect(r.out).to.contain(`keyid ${keyid}`).and.to.contain(join(cwd, 'signing.pem'));
    expect(r.out).not.to.contain('BEGIN');
    // openssl derives the same public key from the private one.
    expect(openssl(['pkey', '-in', join(cwd, 'signing.pem'), '-pubout']).toString()).to.equal(publicPem);
  });

  it('keygen, then sign and ork verify: a full round trip', async () => {
    const cwd = fresh();
    expect((await ork(cwd, 'keygen', '--out-private', 'k.pem', '--out-public', 'p.pem')).code).to.equal(0);
    const signed = signBundle(samplePayload(), parsePrivateKeyPem(readFileSync(join(cwd, 'k.pem'), 'utf8'), 'k.pem'));
    await writeBundleAtomically(join(cwd, 'bundle'), signed);
    const r = await ork(cwd, 'verify', '--bundle', 'bundle', '--key', 'p.pem', '--expected-digest', signed.digest);
    expect(r).to.deep.equal({ code: 0, out: `verified ${signed.digest}\n`, err: '' });
    // A second keygen makes a different key, which must not verify the first one's bundle.
    expect((await ork(cwd, 'keygen', '--out-private', 'k2.pem', '--out-public', 'p2.pem')).code).to.equal(0);
    const bad = await ork(cwd, 'verify', '--bundle', 'bundle', '--key', 'p2.pem');
    expect(bad.code).to.equal(4);
    expect(bad.err).to.match(/^SIGNATURE_INVALID: /);
  });

  for (const existing of ['private', 'public'] as const) {
    it(`refuses to overwrite an existing ${existing} file, and writes neither`, async () => {
      const cwd = fresh();
      const taken = join(cwd, existing === 'private' ? 'k.pem' : 'p.pem');
      writeFileSync(taken, 'precious');
      const r = await ork(cwd, 'keygen', '--out-private', 'k.pem', '--out-public', 'p.pem');
      expect(r.code).to.equal(2);
      expect(r.err).to.contain('already exists').and.to.contain('--force');
      expect(readFileSync(taken, 'utf8')).to.equal('precious');
      expect(existsSync(join(cwd, existing === 'private' ? 'p.pem' : 'k.pem'))).to.equal(false);
    });
  }

  it('--force replaces existing files, and a replaced private key is 0600 even if the old file was not', async () => {
    const cwd = fresh();
    writeFileSync(join(cwd, 'k.pem'), 'old', { mode: 0o644 });
    writeFileSync(join(cwd, 'p.pem'), 'old');
    const r = await ork(cwd, 'keygen', '--out-private', 'k.pem', '--out-public', 'p.pem', '--force');
    expect(r.code, r.err).to.equal(0);
    expect(statSync(join(cwd, 'k.pem')).mode & 0o777).to.equal(0o600);
    expect(readFileSync(join(cwd, 'k.pem'), 'utf8')).to.contain('BEGIN PRIVATE KEY');
    expect(readFileSync(join(cwd, 'p.pem'), 'utf8')).to.contain('BEGIN PUBLIC KEY');
  });

  it('takes the private key back when the public key cannot be written', async () => {
    const cwd = fresh();
    const r = await ork(cwd, 'keygen', '--out-private', 'k.pem', '--out-public', join('no', 'such', 'dir', 'p.pem'));
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('FILE_WRITE_FAILED');
    expect(existsSync(join(cwd, 'k.pem'))).to.equal(false);
  });

  const usage: [string, string[], RegExp][] = [
    ['no --out-private', ['--out-public', 'p.pem'], /--out-private is required/],
    ['no --out-public', ['--out-private', 'k.pem'], /--out-public is required/],
    ['the same file twice', ['--out-private', 'k.pem', '--out-public', 'k.pem'], /must be different/],
  ];
  for (const [name, argv, message] of usage) {
    it(`usage error: ${name}`, async () => {
      const cwd = fresh();
      const r = await ork(cwd, 'keygen', ...argv);
      expect(r.code).to.equal(2);
      expect(r.err).to.match(message);
      expect(existsSync(join(cwd, 'k.pem'))).to.equal(false);
    });
  }
});
