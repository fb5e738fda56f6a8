// Acceptance, hardening: every source fails closed on a Katalog that does not load. An OCI artifact
// or a Helm chart whose katalog.yaml has a syntax error, an alias bomb, or no kind is refused
// (exit 2, KATALOG_INVALID, no bundle) exactly as the same bytes through a file import are; an alias
// bomb is reported as too many aliases, not as a missing kind.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { KATALOG_ARTIFACT_TYPE, KATALOG_LAYER_MEDIA_TYPE } from '../../../resolver/sources/oci.js';
import { pushArtifact } from '../../fixtures/oci/push.js';
import { tgz } from '../../fixtures/oci/tarball.js';
import { katalogYaml } from './world.js';
import { expectFailedCleanly, ork, outWithOldBundle, resolveArgs, writeKomposer, useWorldAndGoodBundle } from './run.js';

/** An alias bomb: each level doubles the one before; expanding it would take ~2^20 nodes. */
function aliasBomb(): string {
  const lines = ['apiVersion: orkestra.orkspace.io/v1', 'kind: Katalog', 'metadata: {name: bomb}', 'x0: &a0 [bang, bang]'];
  for (let i = 1; i <= 20; i++) lines.push(`x${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
  lines.push('spec: {crds: {}}', '');
  return lines.join('\n');
}

/** The broken katalog.yaml texts, each with what its refusal must say. */
const BROKEN: { name: string; text: string; says: RegExp }[] = [
  { name: 'syntax', text: 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: [broken\nspec: {}\n', says: /syntax|flow|unexpected|missing/i },
  { name: 'aliases', text: aliasBomb(), says: /too many aliases/i },
  { name: 'nokind', text: katalogYaml('nokind', 'thing', 'thing.example.org', 'Thing').replace('kind: Katalog\n', ''), says: /found no kind/ },
];

describe('resolver e2e: a Katalog that does not load is refused through every source', function () {
  this.timeout(60_000);
  const { world, good } = useWorldAndGoodBundle();
  before(async () => {
    const entries: Record<string, unknown[]> = {};
    for (const { name, text } of BROKEN) {
      writeFileSync(join(world().dir, `broken-${name}.yaml`), text);
      await pushArtifact(
        { address: world().registry.address, repository: `broken/${name}`, tag: '1.0.0' },
        [{ mediaType: KATALOG_LAYER_MEDIA_TYPE, data: text, title: 'katalog.yaml' }],
        { artifactType: KATALOG_ARTIFACT_TYPE },
      );
      const chart = `broken-${name}`;
      const bytes = tgz([
        { name: `${chart}/Chart.yaml`, data: `apiVersion: v2\nname: ${chart}\nversion: 1.0.0\n` },
        // A Katalog file outside templates/ is taken as it is, without helm: the loader alone decides.
        { name: `${chart}/katalog.yaml`, data: text },
      ]);
      world().serve(`/broken-charts/${chart}-1.0.0.tgz`, bytes);
      entries[chart] = [{ apiVersion: 'v2', name: chart, version: '1.0.0', urls: [`${chart}-1.0.0.tgz`], digest: createHash('sha256').update(bytes).digest('hex') }];
    }
    world().serve('/broken-charts/index.yaml', stringify({ apiVersion: 'v1', entries }));
  });

  async function refused(name: string, imports: object) {
    const out = outWithOldBundle(world(), good(), name);
    const r = await ork(world(), resolveArgs(world(), writeKomposer(world(), name, imports), out));
    expect(r.code, r.err).to.equal(2);
    expectFailedCleanly(r, out, 'KATALOG_INVALID');
    return r.err;
  }

  for (const { name, says } of BROKEN) {
    it(`refuses a katalog.yaml (${name}) as a file import`, async () => {
      expect(await refused(`file-${name}`, { files: [`./broken-${name}.yaml`] })).to.match(says);
    });

    it(`refuses an OCI artifact whose katalog.yaml is broken (${name})`, async () => {
      const err = await refused(`oci-${name}`, { oci: [{ ref: `${world().registry.address}/broken/${name}:1.0.0` }] });
      expect(err).to.match(says);
      expect(err).to.contain(`broken/${name}`);
    });

    it(`refuses a Helm chart whose katalog.yaml is broken (${name})`, async () => {
      const err = await refused(`helm-${name}`, { helm: [{ repo: world().url('/broken-charts'), chart: `broken-${name}`, version: '1.0.0' }] });
      expect(err).to.match(says);
    });
  }
});
