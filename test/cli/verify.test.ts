import { expect } from 'chai';
import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { writeBundleAtomically } from '../../resolver/bundle-writer.js';
import { generateSigningKeyPair, parsePrivateKeyPem } from '../../shared/bundle/keys.js';
import { signBundle } from '../../shared/bundle/sign.js';
import { flipByte, openssl, samplePayload, tempDir } from '../shared/bundle/fixtures.js';
import { captureIO } from '../support/io.js';

describe('cli/commands/verify', () => {
  const dir = tempDir('cli-verify');
  after(() => dir.cleanup());
  const pair = generateSigningKeyPair();
  const other = generateSigningKeyPair();
  const signed = signBundle(samplePayload(), parsePrivateKeyPem(pair.privateKeyPem, 'k'));
  const CONFIG = 'c'.repeat(64);
  const bound = signBundle(samplePayload(), parsePrivateKeyPem(pair.privateKeyPem, 'k'), { configChecksum: CONFIG, issuedAt: new Date(Date.now() - 3_600_000) });
  writeFileSync(join(dir.path, 'pub.pem'), pair.publicKeyPem);
  writeFileSync(join(dir.path, 'other.pem'), other.publicKeyPem);
  writeFileSync(join(dir.path, 'private.pem'), pair.privateKeyPem);
  writeFileSync(join(dir.path, 'rsa.pem'), openssl(['pkey', '-pubout'], openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'])));

  before(async () => {
    await writeBundleAtomically(join(dir.path, 'good'), signed);
    await writeBundleAtomically(join(dir.path, 'bound'), bound);
    await writeBundleAtomically(join(dir.path, 'flipped'), { ...signed, bundleBytes: flipByte(signed.bundleBytes, signed.bundleBytes.indexOf('"websites"') + 1) });
    // Sparse files: larger than the read bounds without costing the disk anything.
    mkdirSync(join(dir.path, 'huge'));
    writeFileSync(join(dir.path, 'huge', 'bundle.json'), '');
    truncateSync(join(dir.path, 'huge', 'bundle.json'), 32 * 1024 * 1024 + 1);
    copyFileSync(join(dir.path, 'good', 'bundle.sig.json'), join(dir.path, 'huge', 'bundle.sig.json'));
    writeFileSync(join(dir.path, 'huge.pem'), '');
    truncateSync(join(dir.path, 'huge.pem'), 64 * 1024 + 1);
    await writeBundleAtomically(join(dir.path, 'truncated'), { ...signed, envelopeBytes: signed.envelopeBytes.subarray(0, signed.envelopeBytes.length - 2) });
  });

  async function ork(...argv: string[]) {
    const io = captureIO({ cwd: dir.path });
    const code = await runCommand(['verify', ...argv], io);
    return { code, out: io.out, err: io.err };
  }

  it('verifies a good bundle: exit 0, "verified sha256:…" (paths relative to the working directory)', async () => {
    const r = await ork('--bundle', 'good', '--key', 'pub.pem');
    expect(r).to.deep.equal({ code: 0, out: `verified ${signed.digest}\n`, err: '' });
  });

  it('accepts the matching --expected-digest', async () => {
    const r = await ork('--bundle', 'good', '--key', 'pub.pem', '--expected-digest', signed.digest);
    expect(r.code).to.equal(0);
  });

  it('accepts a bound bundle for its --config-checksum within --max-age; --json shows the signed binding', async () => {
    const r = await ork('--bundle', 'bound', '--key', 'pub.pem', '--config-checksum', CONFIG, '--max-age', '2h', '--json');
    expect(r.code, r.err).to.equal(0);
    const summary = JSON.parse(r.out) as Record<string, unknown>;
    expect(summary.configChecksum).to.equal(CONFIG);
    expect(summary.issuedAt).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(summary.digest).to.equal(signed.digest);
    expect(JSON.parse((await ork('--bundle', 'good', '--key', 'pub.pem', '--json')).out)).to.include({ configChecksum: null, issuedAt: null });
  });

  it('--json prints a summary with digests and refs, not contents', async () => {
    const r = await ork('--bundle', join(dir.path, 'good'), '--key', join(dir.path, 'pub.pem'), '--json');
    expect(r.code).to.equal(0);
    const summary = JSON.parse(r.out) as Record<string, unknown>;
    expect(summary.digest).to.equal(signed.digest);
    expect(summary.keyid).to.equal(pair.keyid);
    expect(summary.crds).to.deep.equal(['websites.example.com']);
    expect((summary.imports as { ref: string; digest: string }[]).map((i) => i.ref)).to.deep.equal(['file:./base/katalog.yaml', `oci:ghcr.io/acme/katalogs@sha256:${'b'.repeat(64)}`]);
    expect(r.out).not.to.contain('index.html').and.not.to.contain('openAPIV3Schema').and.not.to.contain('BEGIN');
  });

  const failures: [string, string[], number, string, RegExp?][] = [
    ['a changed bundle.json', ['--bundle', 'flipped', '--key', 'pub.pem'], 4, 'DIGEST_MISMATCH'],
    ['a bundle signed by another key', ['--bundle', 'good', '--key', 'other.pem'], 4, 'SIGNATURE_INVALID', new RegExp(other.keyid)],
    ['a wrong --expected-digest', ['--bundle', 'good', '--key', 'pub.pem', '--expected-digest', `sha256:${'0'.repeat(64)}`], 4, 'EXPECTED_DIGEST_MISMATCH', new RegExp(`^(?=.*sha256:0{64})(?=.*${signed.digest})`)],
    ['a truncated envelope', ['--bundle', 'truncated', '--key', 'pub.pem'], 4, 'MALFORMED_BUNDLE', /bundle\.sig\.json/],
    ['an RSA key', ['--bundle', 'good', '--key', 'rsa.pem'], 2, 'KEY_INVALID', /found RSA/],
    ['a private key given as the trusted key', ['--bundle', 'good', '--key', 'private.pem'], 2, 'KEY_INVALID', /private key/],
    ['a malformed --expected-digest', ['--bundle', 'good', '--key', 'pub.pem', '--expected-digest', 'latest'], 2, 'DIGEST_INVALID'],
    ['a directory without a bundle', ['--bundle', 'missing', '--key', 'pub.pem'], 2, 'FILE_UNREADABLE', /bundle\.json/],
    ['a missing key file', ['--bundle', 'good', '--key', 'nope.pem'], 2, 'FILE_UNREADABLE', /nope\.pem/],
    ['a bundle.json beyond the 32 MiB read bound', ['--bundle', 'huge', '--key', 'pub.pem'], 4, 'MALFORMED_BUNDLE', /larger than 33554432 bytes/],
    ['a key file beyond the 64 KiB read bound', ['--bundle', 'good', '--key', 'huge.pem'], 2, 'KEY_INVALID', /larger than 65536 bytes/],
    ['a directory given as the key', ['--bundle', 'good', '--key', 'good'], 2, 'FILE_UNREADABLE', /not a regular file/],
    ['no --key', ['--bundle', 'good'], 2, 'USAGE', /--key is required/],
    ['no --bundle', ['--key', 'pub.pem'], 2, 'USAGE', /--bundle is required/],
    ['an unknown flag', ['--bundle', 'good', '--key', 'pub.pem', '--insecure'], 2, 'USAGE', /insecure/],
    ['a bundle resolved for another --config-checksum (a replay)', ['--bundle', 'bound', '--key', 'pub.pem', '--config-checksum', 'd'.repeat(64)], 4, 'CONFIG_CHECKSUM_MISMATCH', /resolved for configuration c{64}, but this pod runs configuration d{64}/],
    ['an unbound bundle under --config-checksum', ['--bundle', 'good', '--key', 'pub.pem', '--config-checksum', 'c'.repeat(64)], 4, 'CONFIG_CHECKSUM_MISMATCH', /bound to no configuration/],
    ['a bundle older than --max-age', ['--bundle', 'bound', '--key', 'pub.pem', '--max-age', '30m'], 4, 'BUNDLE_EXPIRED', /issued at \S+Z, 6\dm ago, longer than the maximum age of 30m/],
    ['a bundle without an issue time under --max-age', ['--bundle', 'good', '--key', 'pub.pem', '--max-age', '30m'], 4, 'BUNDLE_EXPIRED', /no signed issue time/],
    ['a --config-checksum that is not one', ['--bundle', 'good', '--key', 'pub.pem', '--config-checksum', 'a b'], 2, 'CONFIG_CHECKSUM_INVALID'],
    ['a --max-age that is not a duration', ['--bundle', 'good', '--key', 'pub.pem', '--max-age', '2d'], 2, 'USAGE', /--max-age must be a duration/],
  ];
  for (const [name, argv, exit, code, message] of failures) {
    it(`refuses ${name}: exit ${exit}, one line "${code}: …"`, async () => {
      const r = await ork(...argv);
      expect(r.code).to.equal(exit);
      expect(r.out).to.equal('');
      expect(r.err.split('\n').filter(Boolean)).to.have.length(1);
      expect(r.err).to.match(new RegExp(`^${code}: `));
      if (message) expect(r.err).to.match(message);
      expect(r.err).not.to.contain('BEGIN').and.not.to.contain(pair.privateKeyPem.split('\n')[1]!);
    });
  }

  it('prints help with exit 0', async () => {
    const r = await ork('--help');
    expect(r.code).to.equal(0);
    expect(r.out).to.contain('usage: ork verify');
  });

  it('reads the same bytes the writer wrote', () => {
    expect(readFileSync(join(dir.path, 'good', 'bundle.json')).equals(signed.bundleBytes)).to.equal(true);
  });
});
