// Acceptance: `ork lock` over every kind of source, then `ork resolve --lock` passes with the locked
// bundle digest; when a served file (or a local one) changes, `ork resolve --lock` fails with
// LOCK_MISMATCH (exit 4) naming the source and both digests, and writes no bundle. The lock file
// holds no credential.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getWorld, katalogYaml, type World } from './world.js';
import { expectFailedCleanly, expectNoSecrets, goodBundle, ork, outDir, outWithOldBundle, outputsOf, resolveArgs, writeKomposer } from './run.js';

const sha = (text: string | Buffer) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('resolver e2e: ork lock and ork resolve --lock', function () {
  this.timeout(60_000);
  let world: World;
  let good: string;
  let komposer: string;
  let lockFile: string;
  let lock: { imports: { source: string; ref: string; digest: string }[]; bundleDigest: string; komposer: string };
  const served = katalogYaml('locked', 'locked', 'lock.example.org', 'Locked');
  const lockArgs = (w: World, file: string, out: string) => ['lock', '-f', file, '--out', out, '--ca-file', w.caFile, '--allow-http-loopback', '--helm', w.helm.helm];

  before(async () => {
    world = await getWorld();
    good = await goodBundle(world);
    world.serve('/lock/katalog.yaml', served, { authorization: `Bearer ${world.env.BEARER_TOKEN}` });
    writeFileSync(join(world.dir, 'lock-local.yaml'), katalogYaml('lock-local', 'locallocked', 'lock.example.org', 'LocalLocked'));
    const source = readFileSync(join(world.dir, 'komposer.yaml'), 'utf8');
    // The full Komposer plus one bearer-protected URL and one local file that the tests change.
    komposer = 'lock.komposer.yaml';
    writeFileSync(
      join(world.dir, komposer),
      source.replace(
        '  files:\n',
        `  files:\n    - ./lock-local.yaml\n    - url: ${world.url('/lock/katalog.yaml')}\n      auth: {type: bearer, fromEnv: BEARER_TOKEN}\n`,
      ),
    );
    lockFile = join(world.dir, 'orkestra.lock.json');
    const r = await ork(world, lockArgs(world, komposer, lockFile));
    expect(r.code, r.err).to.equal(0);
    lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(r.out).to.equal(`${lock.bundleDigest}\n`);
  });

  it('records every import by source with its resolved ref and digest, and no credential', () => {
    expect(lock.komposer).to.equal('platform');
    const sources = lock.imports.map((i) => i.source);
    expect(sources.slice(0, 3)).to.deep.equal(['file:./lock-local.yaml', `url:${world.https.origin}/lock/katalog.yaml`, 'file:./local/katalog.yaml']);
    expect(sources).to.include(`oci:${world.registry.address}/orkestra/postgres:1.4.0`);
    const oci = lock.imports.find((i) => i.source === `oci:${world.registry.address}/orkestra/postgres:1.4.0`)!;
    expect(oci.ref).to.equal(`oci:${world.registry.address}/orkestra/postgres@${world.artifactDigest}`);
    expect(lock.imports.find((i) => i.source.endsWith('/lock/katalog.yaml'))!.digest).to.equal(sha(served));
    expectNoSecrets(world, { lock: readFileSync(lockFile, 'utf8') });
  });

  it('ork resolve --lock passes and produces the locked bundle digest', async () => {
    const out = outDir(world, 'locked-ok');
    const r = await ork(world, resolveArgs(world, komposer, out, '--lock', lockFile));
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.equal(`${lock.bundleDigest}\n`);
  });

  it('a changed served file → LOCK_MISMATCH, exit 4, naming the URL and both digests; no bundle', async () => {
    const changed = served.replace('name: locked', 'name: locked-v2');
    world.serve('/lock/katalog.yaml', changed, { authorization: `Bearer ${world.env.BEARER_TOKEN}` });
    try {
      const out = outWithOldBundle(world, good, 'locked-changed');
      const r = await ork(world, resolveArgs(world, komposer, out, '--lock', lockFile));
      expect(r.code, r.err).to.equal(4);
      const termination = expectFailedCleanly(r, out, 'LOCK_MISMATCH');
      const line = `url:${world.https.origin}/lock/katalog.yaml: locked ${sha(served)}, resolved ${sha(changed)}`;
      expect(r.err).to.contain(line);
      expect(termination).to.contain(line);
      expect(r.err).not.to.contain('file:./lock-local.yaml');
      expectNoSecrets(world, { stdout: r.out, stderr: r.err, ...outputsOf(out) });
    } finally {
      world.serve('/lock/katalog.yaml', served, { authorization: `Bearer ${world.env.BEARER_TOKEN}` });
    }
  });

  it('a changed local file → LOCK_MISMATCH naming it; restoring it passes again', async () => {
    const path = join(world.dir, 'lock-local.yaml');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, `${original}# edited\n`);
    try {
      const out = outWithOldBundle(world, good, 'locked-local');
      const r = await ork(world, resolveArgs(world, komposer, out, '--lock', lockFile));
      expect(r.code, r.err).to.equal(4);
      expectFailedCleanly(r, out, 'LOCK_MISMATCH');
      expect(r.err).to.contain(`file:./lock-local.yaml: locked ${sha(original)}, resolved ${sha(`${original}# edited\n`)}`);
    } finally {
      writeFileSync(path, original);
    }
    const again = await ork(world, resolveArgs(world, komposer, outDir(world, 'locked-restored'), '--lock', lockFile));
    expect(again.code, again.err).to.equal(0);
  });

  it('an edit of the Komposer\'s own entries changes only the bundle digest → LOCK_MISMATCH naming the bundle', async () => {
    const edited = writeKomposer(world, 'lock-edited', { files: ['./local/katalog.yaml'] }, { article: { operatorBox: { reconciler: { workers: 9 } } } });
    const base = writeKomposer(world, 'lock-base', { files: ['./local/katalog.yaml'] }, { article: { operatorBox: { reconciler: { workers: 4 } } } });
    const baseLock = join(world.dir, 'base.lock.json');
    expect((await ork(world, lockArgs(world, base, baseLock))).code).to.equal(0);
    // Same name, same imports: only the Komposer's own override differs.
    writeFileSync(join(world.dir, edited), readFileSync(join(world.dir, edited), 'utf8').replace('name: lock-edited', 'name: lock-base'));
    const out = outWithOldBundle(world, good, 'locked-own');
    const r = await ork(world, resolveArgs(world, edited, out, '--lock', baseLock));
    expect(r.code, r.err).to.equal(4);
    expectFailedCleanly(r, out, 'LOCK_MISMATCH');
    const locked = JSON.parse(readFileSync(baseLock, 'utf8')).bundleDigest as string;
    expect(r.err).to.match(new RegExp(`bundle: locked ${locked}, resolved sha256:[0-9a-f]{64}`));
  });
});
