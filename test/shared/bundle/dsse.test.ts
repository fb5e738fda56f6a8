import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IN_TOTO_PAYLOAD_TYPE, parseEnvelope, preAuthEncoding, serialiseEnvelope, signEnvelope, verifyEnvelope, type DsseEnvelope } from '../../../shared/bundle/dsse.js';
import { keyIdOf, parsePrivateKeyPem, parsePublicKeyPem } from '../../../shared/bundle/keys.js';
import { flipByte, openssl, opensslKey, opensslStatus, p256, tempDir } from './fixtures.js';
import { thrown } from '../../support/errors.js';

/** PAE written out from the DSSE v1 protocol text, independently of the code under test. */
function paeFromSpec(type: string, body: Buffer): Buffer {
  const typeBytes = Buffer.from(type, 'utf8');
  const parts = [Buffer.from('DSSEv1'), Buffer.from(String(typeBytes.length)), typeBytes, Buffer.from(String(body.length)), body];
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from(' '), p])));
}

describe('shared/bundle/dsse', () => {
  const dir = tempDir('dsse');
  after(() => dir.cleanup());

  describe('pre-authentication encoding', () => {
    it('matches the DSSE protocol example byte for byte', () => {
      const pae = preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world'));
      expect(pae.toString('utf8')).to.equal('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    });

    const cases: [string, string, Buffer][] = [
      ['in-toto type, JSON body', IN_TOTO_PAYLOAD_TYPE, Buffer.from('{"_type":"x"}')],
      ['empty body', 'a/b', Buffer.alloc(0)],
      ['multi-byte type and binary body (lengths in bytes)', 'application/é😀', Buffer.from([0, 255, 32, 10, 0xe2, 0x82])],
    ];
    for (const [name, type, body] of cases) {
      it(`agrees with the spec's definition: ${name}`, () => {
        expect(preAuthEncoding(type, body).equals(paeFromSpec(type, body))).to.equal(true);
      });
    }
  });

  describe('sign and verify', () => {
    const { privateKey, publicKey } = p256();
    const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');

    it('round-trips, with keyid = sha256 of the SPKI DER', () => {
      const env = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, privateKey);
      expect(env.signatures[0]!.keyid).to.equal(keyIdOf(publicKey));
      expect(Buffer.from(env.payload, 'base64').equals(payload)).to.equal(true);
      const parsed = parseEnvelope(serialiseEnvelope(env), 'env');
      const out = verifyEnvelope(parsed, publicKey, 'env');
      expect(out.payload.equals(payload)).to.equal(true);
      expect(out.keyid).to.equal(keyIdOf(publicKey));
    });

    it('produces signatures the openssl CLI verifies over the spec-computed PAE', () => {
      const key = opensslKey(dir.path, 'signer', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
      const env = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, parsePrivateKeyPem(key.privatePem, 'k'));
      const paePath = join(dir.path, 'pae.bin');
      const sigPath = join(dir.path, 'sig.der');
      writeFileSync(paePath, paeFromSpec(IN_TOTO_PAYLOAD_TYPE, Buffer.from(env.payload, 'base64')));
      writeFileSync(sigPath, Buffer.from(env.signatures[0]!.sig, 'base64'));
      expect(opensslStatus(['dgst', '-sha256', '-verify', key.publicPath, '-signature', sigPath, paePath])).to.equal(0);
      // And openssl is a real judge: it refuses the same signature over a PAE one byte off.
      writeFileSync(paePath, flipByte(paeFromSpec(IN_TOTO_PAYLOAD_TYPE, payload), 7));
      expect(opensslStatus(['dgst', '-sha256', '-verify', key.publicPath, '-signature', sigPath, paePath])).to.equal(1);
    });

    it('verifies a signature that openssl made over the PAE', () => {
      const key = opensslKey(dir.path, 'osigner', ['ecparam', '-name', 'prime256v1', '-genkey']);
      const paePath = join(dir.path, 'pae2.bin');
      writeFileSync(paePath, paeFromSpec(IN_TOTO_PAYLOAD_TYPE, payload));
      const sig = openssl(['dgst', '-sha256', '-sign', key.privatePath, paePath]);
      const env: DsseEnvelope = { payload: payload.toString('base64'), payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ keyid: '', sig: sig.toString('base64') }] };
      expect(verifyEnvelope(env, parsePublicKeyPem(key.publicPem, 'p'), 'env').payload.equals(payload)).to.equal(true);
    });

    it('ignores keyids (unauthenticated hints) and tries every signature', () => {
      const other = p256();
      const good = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, privateKey).signatures[0]!;
      const foreign = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, other.privateKey).signatures[0]!;
      const env: DsseEnvelope = { payload: payload.toString('base64'), payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [foreign, { keyid: 'wrong-hint', sig: good.sig }] };
      expect(verifyEnvelope(env, publicKey, 'env').keyid).to.equal(keyIdOf(publicKey));
    });

    const tampered: [string, (env: DsseEnvelope) => DsseEnvelope][] = [
      ['a flipped signature byte', (env) => ({ ...env, signatures: [{ ...env.signatures[0]!, sig: flipByte(Buffer.from(env.signatures[0]!.sig, 'base64'), 40).toString('base64') }] })],
      ['a changed payload', (env) => ({ ...env, payload: Buffer.from('{"_type":"other"}').toString('base64') })],
      ['a changed payloadType', (env) => ({ ...env, payloadType: 'application/json' })],
      ['a signature that is not DER', (env) => ({ ...env, signatures: [{ keyid: 'k', sig: Buffer.alloc(64, 7).toString('base64') }] })],
    ];
    for (const [name, mutate] of tampered) {
      it(`rejects ${name} with SIGNATURE_INVALID`, () => {
        const env = mutate(signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, privateKey));
        expect(thrown(() => verifyEnvelope(env, publicKey, 'env')).code).to.equal('SIGNATURE_INVALID');
      });
    }

    it('names the expected keyid and the ones found when another key signed', () => {
      const other = p256();
      const env = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, other.privateKey);
      const e = thrown(() => verifyEnvelope(env, publicKey, 'env'));
      expect(e.code).to.equal('SIGNATURE_INVALID');
      expect(e.message).to.contain(keyIdOf(publicKey)).and.to.contain(keyIdOf(other.publicKey));
    });
  });

  describe('parseEnvelope', () => {
    const valid = { payload: 'e30=', payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ keyid: 'k', sig: 'MEUCIQ==' }] };
    const cases: [string, unknown, RegExp][] = [
      ['not an object', [1], /not a JSON object/],
      ['payload missing', { ...valid, payload: undefined }, /payload must be a base64 string/],
      ['payload not base64', { ...valid, payload: 'e30=!' }, /payload must be a base64 string/],
      ['payloadType empty', { ...valid, payloadType: '' }, /payloadType must be a non-empty string/],
      ['no signatures', { ...valid, signatures: [] }, /signatures must be a non-empty list/],
      ['signatures not a list', { ...valid, signatures: {} }, /signatures must be a non-empty list/],
      ['a signature without sig', { ...valid, signatures: [{ keyid: 'k' }] }, /signatures\[0\]\.sig/],
      ['a keyid that is not a string', { ...valid, signatures: [{ keyid: 5, sig: 'MEUCIQ==' }] }, /signatures\[0\]\.keyid/],
      ['too many signatures', { ...valid, signatures: Array.from({ length: 17 }, () => valid.signatures[0]) }, /at most 16/],
    ];
    for (const [name, doc, message] of cases) {
      it(`rejects ${name} as MALFORMED_BUNDLE`, () => {
        const e = thrown(() => parseEnvelope(Buffer.from(JSON.stringify(doc)), 'bundle.sig.json'));
        expect(e.code).to.equal('MALFORMED_BUNDLE');
        expect(e.message).to.match(message);
        expect(e.source).to.equal('bundle.sig.json');
      });
    }

    it('rejects truncated JSON, invalid UTF-8 and a BOM', () => {
      const text = Buffer.from(JSON.stringify(valid));
      for (const bytes of [text.subarray(0, text.length - 3), Buffer.concat([text.subarray(0, 5), Buffer.from([0xff]), text.subarray(5)]), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text])]) {
        expect(thrown(() => parseEnvelope(bytes, 'e')).code).to.equal('MALFORMED_BUNDLE');
      }
    });

    it('accepts URL-safe base64 as DSSE allows', () => {
      expect(parseEnvelope(Buffer.from(JSON.stringify({ ...valid, payload: 'e30', signatures: [{ sig: 'MEU-_w' }] })), 'e').signatures[0]!.keyid).to.equal('');
    });
  });
});
