// Acceptance: a bundle resolved from real servers, then altered — one flipped byte anywhere in
// bundle.json, one flipped byte in the envelope's signature or signed statement, an envelope that
// no longer parses, a bundle.json swapped for another valid one, another key, a wrong expected
// digest — is refused by the built `ork verify` with exit 4 and the reason code.
import { expect } from 'chai';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getWorld, type World } from './world.js';
import { goodBundle, ork, orkChild, outDir, resolveArgs } from './run.js';

type Envelope = { payload: string; payloadType: string; signatures: { keyid: string; sig: string }[] };

describe('resolver e2e: tampered bundles are refused by ork verify with the right code', function () {
  this.timeout(60_000);
  let world: World;
  let original: string;
  let digest: string;

  before(async () => {
    world = await getWorld();
    original = outDir(world, 'tamper-original');
    const r = await ork(world, resolveArgs(world, 'komposer.yaml', original));
    expect(r.code, r.err).to.equal(0);
    digest = r.out.trim();
  });

  /** A copy of the original bundle with `change` applied to it. */
  function variant(name: string, change: (dir: string) => void): string {
    const dir = outDir(world, `tamper-${name}`);
    cpSync(original, dir, { recursive: true });
    change(dir);
    return dir;
  }

  const flip = (file: string, at: (bytes: Buffer) => number) => (dir: string) => {
    const bytes = readFileSync(join(dir, file));
    bytes[at(bytes)] ^= 0x01;
    writeFileSync(join(dir, file), bytes);
  };
  const editEnvelope = (edit: (e: Envelope) => void) => (dir: string) => {
    const env = JSON.parse(readFileSync(join(dir, 'bundle.sig.json'), 'utf8')) as Envelope;
    edit(env);
    writeFileSync(join(dir, 'bundle.sig.json'), JSON.stringify(env));
  };
  const flipBase64 = (b64: string, index: (n: number) => number) => {
    const bytes = Buffer.from(b64, 'base64');
    bytes[index(bytes.length)] ^= 0x01;
    return bytes.toString('base64');
  };

  async function verify(dir: string, ...extra: string[]) {
    return orkChild(world, ['verify', '--bundle', dir, '--key', world.publicKey, ...extra], {});
  }

  it('accepts the untouched bundle (so each refusal below is caused by its change)', async () => {
    const r = await verify(original, '--expected-digest', digest);
    expect(r.code, r.err).to.equal(0);
  });

  const cases: [string, (dir: string) => void, string, string[]?][] = [
    ['the first byte of bundle.json flipped', flip('bundle.json', () => 0), 'DIGEST_MISMATCH'],
    ['a byte inside an import digest in bundle.json flipped', flip('bundle.json', (b) => b.indexOf('"digest":"sha256:') + 20), 'DIGEST_MISMATCH'],
    ['the last byte of bundle.json flipped', flip('bundle.json', (b) => b.length - 1), 'DIGEST_MISMATCH'],
    ['one bit of the signature flipped', editEnvelope((e) => (e.signatures[0]!.sig = flipBase64(e.signatures[0]!.sig, (n) => n - 5))), 'SIGNATURE_INVALID'],
    ['one bit of the signed statement flipped', editEnvelope((e) => (e.payload = flipBase64(e.payload, (n) => Math.floor(n / 2)))), 'SIGNATURE_INVALID'],
    ['the payload type changed (checked before the signature)', editEnvelope((e) => (e.payloadType = 'application/vnd.in-toto+jsoN')), 'MALFORMED_BUNDLE'],
    ['a byte of the envelope file flipped so it is no longer JSON', flip('bundle.sig.json', () => 0), 'MALFORMED_BUNDLE'],
  ];
  for (const [name, change, code] of cases) {
    it(`refuses ${name}: exit 4, ${code}`, async () => {
      const r = await verify(variant(name.replace(/\W+/g, '-'), change));
      expect(r.code, r.err).to.equal(4);
      expect(r.out).to.equal('');
      expect(r.err.split('\n').filter(Boolean)).to.have.length(1);
      expect(r.err).to.match(new RegExp(`^${code}: `));
    });
  }

  it('refuses a bundle.json swapped for another valid, signed bundle: DIGEST_MISMATCH', async () => {
    const other = await goodBundle(world);
    const dir = variant('swapped', (d) => cpSync(join(other, 'bundle.json'), join(d, 'bundle.json')));
    const r = await verify(dir);
    expect(r.code).to.equal(4);
    expect(r.err).to.match(/^DIGEST_MISMATCH: /);
  });

  it('refuses the untouched bundle under another key: SIGNATURE_INVALID', async () => {
    const r = await orkChild(world, ['verify', '--bundle', original, '--key', world.otherPublicKey], {});
    expect(r.code).to.equal(4);
    expect(r.err).to.match(/^SIGNATURE_INVALID: /);
  });

  it('refuses the untouched bundle under a wrong expected digest, naming both: EXPECTED_DIGEST_MISMATCH', async () => {
    const wrong = `sha256:${'e'.repeat(64)}`;
    const r = await verify(original, '--expected-digest', wrong);
    expect(r.code).to.equal(4);
    expect(r.err).to.match(/^EXPECTED_DIGEST_MISMATCH: /);
    expect(r.err).to.contain(wrong).and.to.contain(digest);
  });
});
