import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { checkConsistent, issueAll, issueCa, issueServing, renew, renewalDue } from '../../../../controller/webhook/certs/issue.js';
import { OrkError } from '../../../../shared/errors.js';
import { tempDir } from '../../../support/tools.js';

const DAY = 86_400_000;

describe('controller/webhook/certs issue (pure-Node X.509)', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('makes a CA and a serving certificate that OpenSSL verifies for serverAuth, naming every host', () => {
    const certs = issueAll(['orkestra-webhook.orkestra-system.svc', '127.0.0.1'], new Date());
    const dir = tempDir('webhook-certs');
    writeFileSync(join(dir, 'ca.pem'), certs.caCertPem);
    writeFileSync(join(dir, 'tls.pem'), certs.certPem);
    const out = execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), '-purpose', 'sslserver', join(dir, 'tls.pem')]).toString();
    expect(out.trim()).to.equal(`${join(dir, 'tls.pem')}: OK`);
    const leaf = new X509Certificate(certs.certPem);
    expect(leaf.ca).to.equal(false);
    expect(new X509Certificate(certs.caCertPem).ca).to.equal(true);
    expect(leaf.subjectAltName).to.equal('DNS:orkestra-webhook.orkestra-system.svc, IP Address:127.0.0.1');
    expect(() => checkConsistent(certs, 'test')).to.not.throw();
  });

  it('renews the serving certificate after two thirds of its life, the CA likewise, trusting old and new CA', () => {
    const certs = issueAll(['a.example'], now);
    expect(renew(certs, ['a.example'], new Date(now.getTime() + 200 * DAY))).to.equal(undefined);
    const leafOnly = renew(certs, ['a.example'], new Date(now.getTime() + 250 * DAY))!;
    expect(leafOnly.caCertPem).to.equal(certs.caCertPem);
    expect(leafOnly.certPem).to.not.equal(certs.certPem);
    const newCa = renew(certs, ['a.example'], new Date(now.getTime() + 2500 * DAY))!;
    expect(newCa.caCertPem).to.not.equal(certs.caCertPem);
    expect(newCa.caBundlePem).to.equal(`${newCa.caCertPem}${certs.caCertPem}`);
    expect(renewalDue(newCa.certPem, new Date(now.getTime() + 2500 * DAY))).to.equal(false);
  });

  it('issues a new serving certificate when the hosts change', () => {
    const certs = issueAll(['a.example'], now);
    expect(new X509Certificate(renew(certs, ['b.example'], now)!.certPem).checkHost('b.example')).to.equal('b.example');
  });

  it('refuses a key that is not the certificate\'s, and a certificate another CA signed', () => {
    const certs = issueAll(['a.example'], now);
    const other = issueAll(['a.example'], now);
    expect(() => checkConsistent({ ...certs, keyPem: other.keyPem }, 'Secret ns/x')).to.throw(OrkError, 'Secret ns/x: tls.key does not belong to tls.crt');
    const stranger = issueServing(issueCa(now), ['a.example'], now);
    expect(() => checkConsistent({ ...certs, ...stranger }, 'Secret ns/x')).to.throw(OrkError, 'Secret ns/x: tls.crt is not signed by the CA in ca.crt');
  });
});
