import { expect } from 'chai';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { generateSigningKeyPair, keyIdOf, parsePrivateKeyPem, parsePublicKeyPem, requireP256 } from '../../../shared/bundle/keys.js';
import { OrkError } from '../../../shared/errors.js';
import { openssl, opensslKey, tempDir } from './fixtures.js';

function keyError(fn: () => unknown): OrkError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(OrkError);
    return e as OrkError;
  }
  throw new Error('expected KEY_INVALID, nothing was thrown');
}

/** The base64 body lines of a PEM: what must never appear in a message. */
function pemBody(pem: string): string[] {
  return pem.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'));
}

describe('shared/bundle/keys', () => {
  const dir = tempDir('keys');
  after(() => dir.cleanup());

  const sec1 = opensslKey(dir.path, 'sec1', ['ecparam', '-name', 'prime256v1', '-genkey']);
  const pkcs8 = opensslKey(dir.path, 'pkcs8', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  const rsa = opensslKey(dir.path, 'rsa', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
  const p384 = opensslKey(dir.path, 'p384', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']);
  const ed25519 = opensslKey(dir.path, 'ed25519', ['genpkey', '-algorithm', 'ED25519']);

  it('reads an openssl SEC1 key that comes with an EC PARAMETERS block', () => {
    expect(sec1.privatePem).to.contain('BEGIN EC PARAMETERS').and.to.contain('BEGIN EC PRIVATE KEY');
    const key = parsePrivateKeyPem(sec1.privatePem, 'sec1.pem');
    expect(key.type).to.equal('private');
    expect(key.asymmetricKeyDetails?.namedCurve).to.equal('prime256v1');
  });

  it('reads an openssl PKCS#8 P-256 key and its SPKI public key', () => {
    expect(pkcs8.privatePem).to.contain('BEGIN PRIVATE KEY');
    expect(parsePrivateKeyPem(pkcs8.privatePem, 'k').type).to.equal('private');
    expect(parsePublicKeyPem(pkcs8.publicPem, 'p').type).to.equal('public');
  });

  /** A self-signed certificate over an openssl key, as the chart keeps one beside its key. */
  const certificateFor = (keyPath: string): string =>
    openssl(['req', '-new', '-x509', '-key', keyPath, '-subj', '/CN=orkestra-bundle-signing', '-days', '1']).toString();

  it('reads the public key out of a self-signed X.509 certificate, with the same keyid', () => {
    const cert = certificateFor(pkcs8.privatePath);
    expect(cert).to.contain('BEGIN CERTIFICATE');
    const key = parsePublicKeyPem(cert, 'cert.pem');
    expect(key.type).to.equal('public');
    expect(keyIdOf(key)).to.equal(keyIdOf(parsePublicKeyPem(pkcs8.publicPem, 'p')));
  });

  it('keyid is the sha256 of the SPKI DER, as openssl computes it', () => {
    const der = openssl(['pkey', '-pubin', '-in', pkcs8.publicPath, '-outform', 'DER']);
    const expected = openssl(['dgst', '-sha256', '-r'], der).toString().split(' ')[0];
    expect(expected).to.match(/^[0-9a-f]{64}$/);
    expect(keyIdOf(parsePublicKeyPem(pkcs8.publicPem, 'p'))).to.equal(expected);
    // A private key's id is its public half's id.
    expect(keyIdOf(parsePrivateKeyPem(pkcs8.privatePem, 'k'))).to.equal(expected);
  });

  const rejections: [string, () => unknown, RegExp][] = [
    ['an RSA private key', () => parsePrivateKeyPem(rsa.privatePem, 'rsa.pem'), /not an EC key \(found RSA\)/],
    ['an RSA public key', () => parsePublicKeyPem(rsa.publicPem, 'rsa.pub'), /not an EC key \(found RSA\)/],
    ['a P-384 private key', () => parsePrivateKeyPem(p384.privatePem, 'p384.pem'), /curve secp384r1/],
    ['a P-384 public key', () => parsePublicKeyPem(p384.publicPem, 'p384.pub'), /curve secp384r1/],
    ['an Ed25519 private key', () => parsePrivateKeyPem(ed25519.privatePem, 'ed.pem'), /found ED25519/],
    ['a private key where a public key is expected', () => parsePublicKeyPem(pkcs8.privatePem, 'k'), /holds a private key where a public key is expected/],
    ['a public key where a private key is expected', () => parsePrivateKeyPem(pkcs8.publicPem, 'p'), /exactly one PEM "PRIVATE KEY" or "EC PRIVATE KEY" block \(found "PUBLIC KEY"\)/],
    ['an empty file', () => parsePublicKeyPem('', 'empty'), /found no PEM block/],
    ['two public keys', () => parsePublicKeyPem(pkcs8.publicPem + p384.publicPem, 'two'), /exactly one/],
    ['a public key and a certificate together', () => parsePublicKeyPem(pkcs8.publicPem + certificateFor(pkcs8.privatePath), 'two'), /exactly one PEM "PUBLIC KEY" or "CERTIFICATE" block \(found "PUBLIC KEY", "CERTIFICATE"\)/],
    ['a certificate over an RSA key', () => parsePublicKeyPem(certificateFor(rsa.privatePath), 'rsa.crt'), /not an EC key \(found RSA\)/],
    ['a corrupted certificate body', () => parsePublicKeyPem(certificateFor(pkcs8.privatePath).replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA'), 'bad.crt'), /not a readable X\.509 certificate/],
    ['a corrupted public key body', () => parsePublicKeyPem(pkcs8.publicPem.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA'), 'bad'), /not a readable SPKI public key/],
    ['a truncated private key', () => parsePrivateKeyPem(pkcs8.privatePem.split('\n').filter((_, i) => i !== 2).join('\n'), 'cut'), /not a readable PKCS#8 or SEC1 private key/],
  ];
  for (const [name, fn, message] of rejections) {
    it(`rejects ${name} with KEY_INVALID`, () => {
      const e = keyError(fn);
      expect(e.code).to.equal('KEY_INVALID');
      expect(e.message).to.match(message);
      for (const line of [...pemBody(pkcs8.privatePem), ...pemBody(rsa.privatePem), ...pemBody(p384.privatePem)]) {
        expect(e.message).not.to.contain(line);
      }
    });
  }

  it('rejects an encrypted PKCS#8 key with advice, not a passphrase prompt', () => {
    const encrypted = openssl(['pkcs8', '-topk8', '-in', pkcs8.privatePath, '-v2', 'aes-256-cbc', '-passout', 'pass:secret']).toString();
    expect(encrypted).to.contain('ENCRYPTED PRIVATE KEY');
    const e = keyError(() => parsePrivateKeyPem(encrypted, 'enc.pem'));
    expect(e.code).to.equal('KEY_INVALID');
    expect(e.message).to.contain('encrypted');
  });

  it('requireP256 checks KeyObjects passed in directly', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    expect(keyError(() => requireP256(publicKey, 'public', 'trusted key')).code).to.equal('KEY_INVALID');
    expect(keyError(() => requireP256(privateKey, 'private', 'signing key')).code).to.equal('KEY_INVALID');
    const good = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect(keyError(() => requireP256(good.privateKey, 'public', 'trusted key')).message).to.contain('private key where a public key');
    expect(() => requireP256(good.publicKey, 'public', 'x')).not.to.throw();
  });

  it('generates P-256 pairs that openssl reads, with a keyid matching the public key', () => {
    const pair = generateSigningKeyPair();
    expect(pair.privateKeyPem).to.contain('BEGIN PRIVATE KEY');
    expect(pair.publicKeyPem).to.contain('BEGIN PUBLIC KEY');
    expect(keyIdOf(parsePublicKeyPem(pair.publicKeyPem, 'p'))).to.equal(pair.keyid);
    expect(createPublicKey(createPrivateKey(pair.privateKeyPem)).export({ type: 'spki', format: 'pem' })).to.equal(pair.publicKeyPem);
    const text = openssl(['pkey', '-noout', '-text'], Buffer.from(pair.privateKeyPem)).toString();
    expect(text).to.match(/prime256v1|P-256/);
    expect(generateSigningKeyPair().keyid).not.to.equal(pair.keyid);
  });
});
