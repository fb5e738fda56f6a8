// Fuzzing the bundle format (bounded, seeded; test/support/fuzz.ts): canonical JSON round-trips
// and is idempotent for any JSON value, refuses what JSON cannot hold with an OrkError; and the
// verifier, given any bytes or a good bundle with bytes changed, refuses with an OrkError — it
// never throws anything else and never accepts a changed bundle.
import { expect } from 'chai';
import fc from 'fast-check';
import { buildBundlePayload, canonicalJson, generateSigningKeyPair, parseBundlePayload, parsePrivateKeyPem, parsePublicKeyPem, signBundle, verifyBundle } from '../../../shared/bundle/index.js';
import { fuzzParams, onlyOrkErrors } from '../../support/fuzz.js';

describe('bundle: fuzzing canonical JSON and the verifier (seeded, bounded)', function () {
  this.timeout(120_000);

  it('round-trips any JSON value, and canonicalising twice changes nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).to.deep.equal(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).to.equal(text);
      }),
      fuzzParams('canonical JSON round-trip', 3000),
    );
  });

  it('gives the same text for the same value whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).to.equal(canonicalJson(obj));
      }),
      fuzzParams('canonical JSON key order', 1000),
    );
  });

  it('refuses values outside JSON (NaN, undefined in arrays, lone surrogates, class instances) with OrkErrors only', () => {
    const odd = fc.oneof(
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, undefined, () => 1, Symbol('s'), 10n, new Date(0), new Map(), '\uD800', [undefined], [1, , 2]),
      fc.anything({ maxDepth: 3 }),
    );
    fc.assert(
      fc.property(odd, (value) => {
        onlyOrkErrors(() => canonicalJson(value));
      }),
      fuzzParams('canonical JSON odd values', 1500),
    );
  });

  describe('the verifier', () => {
    const keys = generateSigningKeyPair();
    const publicKey = parsePublicKeyPem(keys.publicKeyPem, 'public');
    const payload = buildBundlePayload({
      katalog: { apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'fuzz' }, spec: { crds: {} } },
      crds: [],
      imports: [],
      resolverVersion: '0.0.0',
    } as unknown as Parameters<typeof buildBundlePayload>[0]);
    const good = signBundle(payload, parsePrivateKeyPem(keys.privateKeyPem, 'private'));

    it('accepts the good bundle (so the refusals below can fail)', () => {
      expect(verifyBundle({ bundleBytes: good.bundleBytes, envelopeBytes: good.envelopeBytes, publicKey }).digest).to.equal(good.digest);
    });

    it('refuses any change to either file with an OrkError, and only an OrkError', () => {
      const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 });
      fc.assert(
        fc.property(fc.boolean(), flips, (which, changes) => {
          const bundleBytes = Buffer.from(good.bundleBytes);
          const envelopeBytes = Buffer.from(good.envelopeBytes);
          const target = which ? bundleBytes : envelopeBytes;
          let changed = false;
          for (const [at, value] of changes) {
            changed ||= target[at % target.length] !== value;
            target[at % target.length] = value;
          }
          fc.pre(changed);
          const verified = onlyOrkErrors(() => verifyBundle({ bundleBytes, envelopeBytes, publicKey }));
          // A change inside the base64 padding or the signature's DER may still verify only if the
          // signed bytes are unchanged; bundle.json itself may never change and verify.
          if (verified && which) expect.fail('a changed bundle.json verified');
        }),
        fuzzParams('bundle verify flips', 1500),
      );
    });

    it('refuses random bytes as either file, and parses any bytes as a payload only to an OrkError', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 512 }), fc.jsonValue({ maxDepth: 4 }), (bytes, json) => {
          onlyOrkErrors(() => verifyBundle({ bundleBytes: bytes, envelopeBytes: good.envelopeBytes, publicKey }));
          onlyOrkErrors(() => verifyBundle({ bundleBytes: good.bundleBytes, envelopeBytes: bytes, publicKey }));
          onlyOrkErrors(() => parseBundlePayload(bytes));
          onlyOrkErrors(() => parseBundlePayload(Buffer.from(JSON.stringify(json))));
        }),
        fuzzParams('bundle parse random', 1500),
      );
    });
  });
});
