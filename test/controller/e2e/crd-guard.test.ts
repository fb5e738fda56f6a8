// The CRD breaking-change guard against the real API server: a Gauge CRD installed with v1alpha1
// (storage) and v1 and a Gauge stored as v1alpha1; then bundles that drop v1alpha1, narrow an enum
// or add an optional property, with and without acknowledgement. A refusal leaves the live CRD
// exactly as it was (same resourceVersion, no CRD write); a restart on the same bundle passes.
import { expect } from 'chai';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrkError } from '../../../shared/errors.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { rejection } from '../../support/errors.js';
import { repoRoot, tempDir } from '../../support/tools.js';
import { resolveToBundle, worldOn, type World } from './world.js';

const FIXTURE_GROUP = 'guard.orkspace.test';

interface LiveCrd {
  metadata: { resourceVersion: string };
  spec: { versions: { name: string; storage: boolean; schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, { enum?: string[] }> } } } } }[] };
  status: { storedVersions: string[] };
}

describe('controller CRD breaking-change guard (real API server)', function () {
  this.timeout(CLUSTER_START_TIMEOUT_MS);
  const group = `guard${process.pid}.orkspace.test`;
  const crdName = `gauges.${group}`;
  const worlds: World[] = [];
  let cluster: TestCluster;
  let namespace: string;

  before(async () => {
    cluster = await getTestCluster();
    namespace = await newTestNamespace('crd-guard');
  });
  after(async () => {
    for (const w of worlds) await w.close();
  });

  /** A world whose bundle carries `crdFile` for the gauge entry, acknowledging `allow`. */
  async function worldWith(crdFile: string, allow: string[] = []): Promise<World> {
    const dir = tempDir('e2e-crd-guard');
    cpSync(join(repoRoot, 'test/fixtures/crd-guard'), dir, { recursive: true });
    for (const file of readdirSync(dir)) {
      const path = join(dir, file);
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll(FIXTURE_GROUP, group).replaceAll('CRD_FILE', crdFile).replaceAll('ALLOW', JSON.stringify(allow)));
    }
    const bundle = await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir });
    const world = await worldOn(bundle, group);
    worlds.push(world);
    return world;
  }

  const liveCrd = () => cluster.client.get<LiveCrd>(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdName}`);
  const modeEnum = (crd: LiveCrd, version: string) => crd.spec.versions.find((v) => v.name === version)?.schema.openAPIV3Schema.properties.spec.properties.mode?.enum;
  const crdWrites = (w: World) => w.writes.filter((x) => x.target.startsWith('CustomResourceDefinition '));

  /** Starting `w` must fail with CRD_BREAKING_CHANGE and leave the live CRD untouched. */
  async function expectRefused(w: World, ids: string[]): Promise<OrkError> {
    const before = await liveCrd();
    const error = await rejection(w.start());
    expect(error.code, error.message).to.equal('CRD_BREAKING_CHANGE');
    expect(error.issues.map((i) => `${i.path}: ${i.message.split(': ')[0]}`)).to.deep.equal(ids.map((id) => `${crdName}: ${id}`));
    expect(error.message).to.contain(`spec.crds.gauge.allowBreakingChanges: [${ids.join(', ')}]`);
    expect(crdWrites(w)).to.deep.equal([]);
    const after = await liveCrd();
    expect(after.metadata.resourceVersion).to.equal(before.metadata.resourceVersion);
    expect(after.spec.versions.map((v) => v.name)).to.deep.equal(before.spec.versions.map((v) => v.name));
    expect(w.logs.filter((l) => l.message === 'unacknowledged breaking crd change')).to.have.length(ids.length);
    return error;
  }

  it('installs the v1alpha1+v1 CRD on first start; a Gauge is stored as v1alpha1', async () => {
    const w = await worldWith('base-crd.yaml');
    await w.start();
    await w.stop();
    expect(crdWrites(w)).to.deep.equal([{ verb: 'apply', target: `CustomResourceDefinition /${crdName}` }]);
    await cluster.client.post(`/apis/${group}/v1alpha1/namespaces/${namespace}/gauges`, {
      apiVersion: `${group}/v1alpha1`, kind: 'Gauge', metadata: { name: 'g1' }, spec: { size: 1, mode: 'fast' },
    });
    expect((await liveCrd()).status.storedVersions).to.deep.equal(['v1alpha1']);
  });

  it('restart on the same bundle: the applied copy (with server defaults) shows no change at all, and is not applied again', async () => {
    const w = await worldWith('base-crd.yaml');
    await w.start();
    await w.stop();
    const guardLines = w.logs.filter((l) => /crd change|allowBreakingChanges/.test(l.message));
    expect(guardLines, JSON.stringify(guardLines)).to.deep.equal([]);
    // The live CRD carries this manifest's digest and holds its every value (crd-unchanged.ts).
    expect(crdWrites(w)).to.deep.equal([]);
  });

  it('a bundle dropping v1alpha1 while a Gauge is stored as it: refused, the live CRD unchanged', async () => {
    const w = await worldWith('drop-v1alpha1-crd.yaml');
    const error = await expectRefused(w, ['v1alpha1::version-removed']);
    expect(error.message).to.contain('no CRD was applied');
    expect((await liveCrd()).spec.versions.map((v) => v.name)).to.deep.equal(['v1alpha1', 'v1']);
  });

  it('dropping v1alpha1 acknowledged: the guard lets it through, the API server refuses (storedVersions): CRD_INVALID saying how to migrate', async () => {
    const w = await worldWith('drop-v1alpha1-crd.yaml', ['v1alpha1::version-removed']);
    const before = await liveCrd();
    let error: unknown;
    try {
      await w.start();
    } catch (e) {
      error = e;
    }
    expect(error, 'start should fail').to.be.instanceOf(Error);
    expect((error as OrkError).code, String(error)).to.equal('CRD_INVALID');
    expect((error as OrkError).message).to.contain(`the API server refused CRD ${crdName}`);
    expect((error as OrkError).message).to.match(/storedVersions.*v1alpha1.*must appear in spec\.versions/);
    expect((error as OrkError).message).to.contain('the controller then rewrites every object and trims status.storedVersions');
    expect(w.logs.filter((l) => l.message === 'acknowledged breaking crd change').map((l) => l.id)).to.deep.equal(['v1alpha1::version-removed']);
    expect((await liveCrd()).metadata.resourceVersion).to.equal(before.metadata.resourceVersion);
  });

  it('a narrowed enum: refused unacknowledged; applied when acknowledged (logged as a warning)', async () => {
    const ids = ['v1:spec.mode:enum-narrowed', 'v1alpha1:spec.mode:enum-narrowed'];
    await expectRefused(await worldWith('narrowed-crd.yaml'), ids);
    expect(modeEnum(await liveCrd(), 'v1alpha1')).to.deep.equal(['fast', 'slow']);

    const w = await worldWith('narrowed-crd.yaml', ids);
    await w.start();
    await w.stop();
    expect(modeEnum(await liveCrd(), 'v1alpha1')).to.deep.equal(['fast']);
    expect(modeEnum(await liveCrd(), 'v1')).to.deep.equal(['fast']);
    expect(w.logs.filter((l) => l.message === 'acknowledged breaking crd change').map((l) => l.id)).to.deep.equal(ids);
  });

  it('a safe change (optional property added) is applied without acknowledgement', async () => {
    const w = await worldWith('optional-added-crd.yaml');
    await w.start();
    await w.stop();
    const live = await liveCrd();
    expect(live.spec.versions.every((v) => 'label' in v.schema.openAPIV3Schema.properties.spec.properties)).to.equal(true);
    expect(w.logs.filter((l) => l.level === 'error')).to.deep.equal([]);
  });
});
