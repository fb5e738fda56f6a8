import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTlsBundle } from '../../../controller/certs/tls-bundle.js';
import { tempDir } from '../../support/tools.js';

const DAY = 86_400_000;

describe('controller/certs generateTlsBundle (the Go runtime\'s tls Secret shape)', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const bundle = generateTlsBundle({ commonName: 'api.team.svc', dnsNames: ['api', 'api.team.svc'], organization: 'Orkestra', validForMs: 365 * DAY }, now);
  const leaf = new X509Certificate(bundle['tls.crt']);
  const ca = new X509Certificate(bundle['ca.crt']);

  it('a CA of its own signs the serving certificate; openssl verifies it for a TLS server', () => {
    expect(ca.ca).to.equal(true);
    expect(leaf.ca).to.equal(false);
    expect(leaf.verify(ca.publicKey)).to.equal(true);
    expect(leaf.checkIssued(ca)).to.equal(true);
    const dir = tempDir('tls-bundle');
    writeFileSync(join(dir, 'ca.pem'), bundle['ca.crt']);
    writeFileSync(join(dir, 'tls.pem'), bundle['tls.crt']);
    const out = execFileSync('openssl', ['verify', '-attime', String(now.getTime() / 1000), '-CAfile', join(dir, 'ca.pem'), '-purpose', 'sslserver', join(dir, 'tls.pem')]).toString();
    expect(out.trim()).to.equal(`${join(dir, 'tls.pem')}: OK`);
  });

  it('names: O and CN on both, the DNS names as SANs', () => {
    expect(leaf.subject.split('\n')).to.deep.equal(['O=Orkestra', 'CN=api.team.svc']);
    expect(ca.subject.split('\n')).to.deep.equal(['O=Orkestra', 'CN=orkestra-ca']);
    expect(leaf.issuer).to.equal(ca.subject);
    expect(leaf.subjectAltName).to.equal('DNS:api, DNS:api.team.svc');
    expect(leaf.checkHost('api.team.svc')).to.equal('api.team.svc');
    expect(leaf.checkHost('other.team.svc')).to.equal(undefined);
  });

  it('validity: backdated 5 minutes, validFor long; the CA one day longer', () => {
    expect(Date.parse(leaf.validFrom)).to.equal(now.getTime() - 5 * 60_000);
    expect(Date.parse(leaf.validTo)).to.equal(now.getTime() + 365 * DAY);
    expect(Date.parse(ca.validTo)).to.equal(now.getTime() + 366 * DAY);
  });

  it('RSA 2048 keys; tls.key is PKCS#1 PEM and belongs to tls.crt', () => {
    expect(bundle['tls.key'].startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).to.equal(true);
    const key = createPrivateKey(bundle['tls.key']);
    expect(key.asymmetricKeyType).to.equal('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).to.equal(2048);
    expect(leaf.checkPrivateKey(key)).to.equal(true);
    expect(leaf.publicKey.asymmetricKeyType).to.equal('rsa');
  });

  it('two bundles share no key (a CA per Secret)', () => {
    const other = generateTlsBundle({ commonName: 'api.team.svc', dnsNames: [], organization: 'Orkestra', validForMs: DAY }, now);
    expect(other['tls.key']).to.not.equal(bundle['tls.key']);
    expect(new X509Certificate(other['tls.crt']).verify(ca.publicKey)).to.equal(false);
    expect(new X509Certificate(other['tls.crt']).subjectAltName).to.equal(undefined);
  });
});
