// Acceptance: the same inputs give byte-identical bundle.json and the same digest — across two runs,
// across concurrency 1 and 8, and across fetch completion orders forced apart by per-request delays
// (ascending, descending, random) on the HTTPS server. The progress lines prove the orders differed.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getWorld, katalogYaml, type World } from './world.js';
import { ork, outDir, resolveArgs, writeKomposer } from './run.js';

const DELAYED = 8;
type Mode = 'ascending' | 'descending' | 'random' | 'none';

describe('resolver e2e: determinism across runs, concurrency and completion order', function () {
  this.timeout(60_000);
  let world: World;
  let komposer: string;
  let mode: Mode = 'none';

  before(async () => {
    world = await getWorld();
    for (let i = 0; i < DELAYED; i++) {
      const delayMs = () => (mode === 'ascending' ? i * 25 : mode === 'descending' ? (DELAYED - i) * 60 : mode === 'random' ? Math.floor(Math.random() * 120) : 0);
      world.serve(`/det/k${i}.yaml`, katalogYaml(`det${i}`, `det${i}`, 'det.example.org', `Det${i}`), { delayMs });
    }
    komposer = writeKomposer(
      world,
      'determinism',
      {
        files: [
          './local/katalog.yaml',
          ...Array.from({ length: DELAYED }, (_, i) => world.url(`/det/k${i}.yaml`)),
          { url: world.url('/bearer/katalog.yaml'), auth: { type: 'bearer', fromEnv: 'BEARER_TOKEN' } },
        ],
        helm: [
          { repo: `${world.charts.origin}/repo`, chart: 'platform-crds', version: '3.2.1' },
          { repo: `oci://${world.registry.address}/charts`, chart: 'templated-katalog', version: '0.1.0' },
        ],
        oci: [{ ref: `${world.registry.address}/orkestra/postgres:1.4.0` }],
      },
      { article: { dependsOn: { det3: 'started' } } },
    );
  });

  async function resolveWith(m: Mode, concurrency: number): Promise<{ bytes: Buffer; digest: string; order: string[] }> {
    mode = m;
    const out = outDir(world, `det-${m}-${concurrency}`);
    const r = await ork(world, resolveArgs(world, komposer, out, '--concurrency', String(concurrency)), { isTTY: true });
    expect(r.code, r.err).to.equal(0);
    const bytes = readFileSync(join(out, 'bundle.json'));
    const order = r.err.split('\n').filter((l) => l.includes('/det/')).map((l) => /\/det\/(k\d)\.yaml/.exec(l)![1]!);
    return { bytes, digest: r.out.trim(), order };
  }

  it('gives byte-identical bundles and one digest across runs, concurrency 1 and 8, and shuffled completions', async () => {
    const first = await resolveWith('none', 8);
    const again = await resolveWith('none', 8);
    const serial = await resolveWith('ascending', 1);
    const descending = await resolveWith('descending', 8);
    const random = await resolveWith('random', 8);

    expect(first.digest).to.match(/^sha256:[0-9a-f]{64}$/);
    for (const other of [again, serial, descending, random]) {
      expect(other.bytes.equals(first.bytes), 'bundle.json bytes differ').to.equal(true);
      expect(other.digest).to.equal(first.digest);
    }
    // The completion orders really differed: serial finishes in declaration order, descending delays in reverse.
    const declared = Array.from({ length: DELAYED }, (_, i) => `k${i}`);
    expect(serial.order).to.deep.equal(declared);
    // (Loose on purpose: on a loaded machine TLS set-up time can swap neighbours.)
    expect(descending.order).to.have.members(declared).and.not.deep.equal(declared);
    expect(descending.order.indexOf('k7')).to.be.below(descending.order.indexOf('k0'));
    // And the bundle lists imports in declaration order whatever the completion order.
    const refs = (JSON.parse(descending.bytes.toString()).imports as { ref: string }[]).map((i) => i.ref).filter((r) => r.includes('/det/'));
    expect(refs).to.deep.equal(declared.map((k) => `url:${world.https.origin}/det/${k}.yaml`));
  });

  it('changes the digest when one served byte changes (the comparison above can fail)', async () => {
    const before = await resolveWith('none', 8);
    world.serve('/det/k5.yaml', katalogYaml('det5', 'det5', 'det.example.org', 'Det5').replace('name: det5', 'name: det5x'));
    try {
      const after = await resolveWith('none', 8);
      expect(after.digest).not.to.equal(before.digest);
    } finally {
      world.serve('/det/k5.yaml', katalogYaml('det5', 'det5', 'det.example.org', 'Det5'));
    }
  });
});
