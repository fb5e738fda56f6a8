// Acceptance: one Komposer importing every kind of source from real servers on 127.0.0.1 resolves to
// a signed bundle that `ork verify` and openssl (over the DSSE PAE, written out here from the DSSE
// spec) both accept, listing every import with a credential-free reference; no credential appears
// in any output.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getWorld, type World } from './world.js';
import { expectNoSecrets, ork, orkChild, outDir, outputsOf, resolveArgs, type RunResult } from './run.js';

/** DSSE v1 pre-authentication encoding, from the protocol text: "DSSEv1" SP len(type) SP type SP len(body) SP body. */
function pae(type: string, body: Buffer): Buffer {
  const t = Buffer.from(type);
  return Buffer.concat([Buffer.from(`DSSEv1 ${t.length} `), t, Buffer.from(` ${body.length} `), body]);
}

function opensslVerifies(publicKey: string, signature: Buffer, message: Buffer, dir: string): boolean {
  writeFileSync(join(dir, 'pae.bin'), message);
  writeFileSync(join(dir, 'sig.der'), signature);
  try {
    execFileSync('openssl', ['dgst', '-sha256', '-verify', publicKey, '-signature', join(dir, 'sig.der'), join(dir, 'pae.bin')], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('resolver e2e: every kind of import into one verified bundle', function () {
  this.timeout(120_000);
  let world: World;
  let out: string;
  let run: RunResult;
  let bundleBytes: Buffer;
  let envelope: { payload: string; payloadType: string; signatures: { keyid: string; sig: string }[] };

  before(async () => {
    world = await getWorld();
    out = outDir(world, 'acceptance');
    run = await orkChild(world, resolveArgs(world, 'komposer.yaml', out));
    bundleBytes = readFileSync(join(out, 'bundle.json'));
    envelope = JSON.parse(readFileSync(join(out, 'bundle.sig.json'), 'utf8'));
  });

  it('exits 0 from the built CLI and prints only the bundle digest, which is the sha256 of bundle.json', () => {
    expect(run.code, run.err).to.equal(0);
    expect(run.err).to.equal('');
    const digest = `sha256:${createHash('sha256').update(bundleBytes).digest('hex')}`;
    expect(run.out).to.equal(`${digest}\n`);
  });

  it('is verified by ork verify, with and without the expected digest', async () => {
    const digest = run.out.trim();
    const plain = await ork(world, ['verify', '--bundle', out, '--key', world.publicKey]);
    expect(plain.code, plain.err).to.equal(0);
    expect(plain.out).to.equal(`verified ${digest}\n`);
    const pinned = await ork(world, ['verify', '--bundle', out, '--key', world.publicKey, '--expected-digest', digest]);
    expect(pinned.code, pinned.err).to.equal(0);
  });

  it('is verified by openssl over the DSSE PAE, and the signed statement names bundle.json by its sha256', () => {
    expect(envelope.payloadType).to.equal('application/vnd.in-toto+json');
    expect(envelope.signatures).to.have.length(1);
    const payload = Buffer.from(envelope.payload, 'base64');
    const signature = Buffer.from(envelope.signatures[0]!.sig, 'base64');
    expect(opensslVerifies(world.publicKey, signature, pae(envelope.payloadType, payload), world.dir)).to.equal(true);
    // openssl is a real judge here: the other key, and a PAE one byte off, are refused.
    expect(opensslVerifies(world.otherPublicKey, signature, pae(envelope.payloadType, payload), world.dir)).to.equal(false);
    const off = pae(envelope.payloadType, payload);
    off[off.length - 3] ^= 1;
    expect(opensslVerifies(world.publicKey, signature, off, world.dir)).to.equal(false);

    const statement = JSON.parse(payload.toString('utf8'));
    expect(statement._type).to.equal('https://in-toto.io/Statement/v1');
    const hex = execFileSync('openssl', ['dgst', '-sha256', '-r', join(out, 'bundle.json')]).toString().split(' ')[0];
    expect(statement.subject).to.deep.equal([{ name: 'bundle.json', digest: { sha256: hex } }]);
    // keyid = hex sha256 of the public key's SPKI DER, computed with openssl.
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', world.publicKey, '-outform', 'DER']);
    expect(envelope.signatures[0]!.keyid).to.equal(createHash('sha256').update(der).digest('hex'));
  });

  it('lists every import in declaration order with a credential-free, content-pinned reference', () => {
    const bundle = JSON.parse(bundleBytes.toString('utf8'));
    const refs = (bundle.imports as { ref: string }[]).map((i) => i.ref);
    const h = world.https.origin;
    expect(refs).to.deep.equal([
      'file:./local/katalog.yaml',
      `url:${h}/bearer/katalog.yaml`,
      `url:${h}/github/katalog.yaml`,
      `url:${h}/basic/katalog.yaml`,
      `helm:${world.charts.origin}/repo/platform-crds@3.2.1`,
      `helm:oci://${world.registry.address}/charts/templated-katalog@0.1.0`,
      `oci:${world.registry.address}/orkestra/postgres@${world.artifactDigest}`,
      refs[7], // the backup artifact's digest is checked below
      'file:./local/crds/article.yaml',
    ]);
    expect(refs[7]).to.match(new RegExp(`^oci:${world.authRegistry.address}/private/backup@sha256:[0-9a-f]{64}$`));
    for (const imp of bundle.imports as { digest: string; size: number; mediaType: string }[]) {
      expect(imp.digest).to.match(/^sha256:[0-9a-f]{64}$/);
      expect(imp.size).to.be.above(0);
      expect(imp.mediaType).to.be.a('string').and.not.equal('');
    }
    // The local file's recorded digest is the digest of its bytes on disk.
    const local = createHash('sha256').update(readFileSync(join(world.dir, 'local', 'katalog.yaml'))).digest('hex');
    expect(bundle.imports[0].digest).to.equal(`sha256:${local}`);
  });

  it('merges every source: CRD entries, inlined CRDs, the Komposer override and helm values', () => {
    const bundle = JSON.parse(bundleBytes.toString('utf8'));
    const crds = bundle.katalog.spec.crds;
    expect(Object.keys(crds).sort()).to.deep.equal(['article', 'backup', 'bucket', 'cache', 'database', 'queue', 'site', 'website']);
    expect(crds.article.operatorBox.reconciler).to.deep.equal({ workers: 4 });
    expect(crds.article.dependsOn).to.deep.equal({ database: 'healthy' });
    expect(crds.website.operatorBox.reconciler.workers).to.equal(3);
    expect(bundle.katalog.metadata.name).to.equal('platform');
    expect((bundle.crds as { metadata: { name: string } }[]).map((c) => c.metadata.name)).to.deep.equal([
      'articles.news.example.org',
      'databases.data.example.org',
      'domains.web.example.org',
      'sites.web.example.org',
    ]);
  });

  it('--json summarises each import by its declared source, with the digest last', async () => {
    const again = outDir(world, 'acceptance-json');
    const r = await ork(world, resolveArgs(world, 'komposer.yaml', again, '--json'));
    expect(r.code, r.err).to.equal(0);
    const summary = JSON.parse(r.out);
    expect(summary.digest).to.equal(run.out.trim());
    expect(Object.keys(summary).at(-1)).to.equal('digest');
    expect(summary.imports.map((i: { source: string }) => i.source).slice(0, 4)).to.deep.equal([
      'file:./local/katalog.yaml',
      `url:${world.https.origin}/bearer/katalog.yaml`,
      `url:${world.https.origin}/github/katalog.yaml`,
      `url:${world.https.origin}/basic/katalog.yaml`,
    ]);
    expect(summary.imports[6].source).to.equal(`oci:${world.registry.address}/orkestra/postgres:1.4.0`);
    expectNoSecrets(world, { stdout: r.out, stderr: r.err, ...outputsOf(again) });
  });

  it('shows per-import progress on a TTY (n/N, source, size, digest, time, elapsed) and the digest last on stdout', async () => {
    const tty = outDir(world, 'acceptance-tty');
    const r = await ork(world, resolveArgs(world, 'komposer.yaml', tty), { isTTY: true });
    expect(r.code, r.err).to.equal(0);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).to.have.length(9);
    for (const line of lines) expect(line).to.match(/^ {2}\[ ?\d+\/\d+\] fetched {2}\S+ {2}[\d.]+ (B|KiB|MiB) {2}sha256:[0-9a-f]{12}… {2}\d+ ms {2}\([\d.]+ s elapsed\)$/);
    // The imports of the Komposer are one batch: its counter runs to its total.
    const counts = lines.map((l) => /\[ ?(\d+)\/(\d+)\]/.exec(l)!).map((m) => [Number(m[1]), Number(m[2])]);
    const last = counts[counts.length - 1]!;
    expect(last[0]).to.equal(last[1]);
    expect(lines.some((l) => l.includes(`url:${world.https.origin}/basic/katalog.yaml`))).to.equal(true);
    expect(r.out).to.equal(run.out);
    expectNoSecrets(world, { stdout: r.out, stderr: r.err });
  });

  it('never writes a credential into bundle.json, the envelope, stdout or stderr', () => {
    expect(world.secrets.length).to.be.above(5);
    // The check can fail: the world's secrets really were sent to the servers.
    const sent = world.https.requests.map((r) => String(r.headers.authorization ?? '')).join('\n');
    expect(world.secrets.some((s) => sent.includes(s))).to.equal(true);
    expectNoSecrets(world, { stdout: run.out, stderr: run.err, ...outputsOf(out) });
  });
});
