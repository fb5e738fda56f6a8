// applyCrds' round trips: a CRD whose apply answer already says Established is not read again, one
// that is not yet is read until it is, and discovery forgets only the CRDs' group-versions; and
// which CRDs it names for the storage-version migration to read; with the live CRDs, no apply for a
// CRD its last apply left as it is (crd-unchanged.ts).
import { expect } from 'chai';
import type { CrdObject } from '../../../shared/bundle/payload.js';
import type { ApiResource, KubeObject } from '../../../shared/kube/index.js';
import { realClock } from '../../../controller/engine/index.js';
import { applyCrds } from '../../../controller/startup/crds.js';
import { CRD_DIGEST_ANNOTATION, withCrdDigest } from '../../../controller/startup/crd-unchanged.js';
import { FakeKube } from '../../support/fake-kube.js';

const CRDS: ApiResource = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false };
const kindIn = (group: string): ApiResource => ({ group, version: 'v1', resource: 'gadgets', kind: 'Gadget', namespaced: true });
const ESTABLISHED = { conditions: [{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }] };

function crd(group: string): CrdObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `gadgets.${group}` },
    spec: { group, names: { kind: 'Gadget', plural: 'gadgets' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }] },
  } as CrdObject;
}

class CountingKube extends FakeKube {
  readonly invalidated: (readonly string[] | undefined)[] = [];
  override invalidateDiscovery(apiVersions?: readonly string[]): void {
    this.invalidated.push(apiVersions);
  }
}

describe('controller/startup/crds: applyCrds', () => {
  it('reads no CRD back when the apply answer says Established, and forgets only the CRDs\' group-versions', async () => {
    const kube = new CountingKube([CRDS, kindIn('a.example'), kindIn('b.example')]);
    for (const group of ['a.example', 'b.example']) await kube.apply({ ...crd(group), status: ESTABLISHED } as KubeObject, { fieldManager: 'seed' });
    kube.calls.length = 0;
    await applyCrds(kube, [crd('a.example'), crd('b.example')], { fieldManager: 'orkestra', clock: realClock });
    expect(kube.callsOf('apply').map((c) => c.name)).to.deep.equal(['gadgets.a.example', 'gadgets.b.example']);
    expect(kube.callsOf('get')).to.deep.equal([]);
    expect(kube.invalidated).to.deep.equal([['a.example/v1', 'b.example/v1']]);
  });

  it('reads a CRD the apply answer does not show Established until it is (a first install)', async () => {
    const kube = new CountingKube([CRDS, kindIn('a.example'), kindIn('b.example')]);
    await kube.apply({ ...crd('a.example'), status: ESTABLISHED } as KubeObject, { fieldManager: 'seed' });
    const get = kube.get.bind(kube);
    kube.get = async (resource, namespace, name) => {
      const live = await get(resource, namespace, name);
      // The API server establishes the new CRD after its apply: the first read already sees it.
      return name === 'gadgets.b.example' && live ? { ...live, status: ESTABLISHED } : live;
    };
    kube.calls.length = 0;
    await applyCrds(kube, [crd('a.example'), crd('b.example')], { fieldManager: 'orkestra', clock: realClock });
    expect(kube.callsOf('get').map((c) => c.name)).to.deep.equal(['gadgets.b.example']);
  });

  it('names for the storage-version migration only the CRDs whose answer shows a stale stored version, or none at all', async () => {
    const kube = new CountingKube([CRDS, kindIn('a.example'), kindIn('b.example'), kindIn('c.example')]);
    const stored = (versions: string[] | undefined) => ({ ...ESTABLISHED, ...(versions ? { storedVersions: versions } : {}) });
    await kube.apply({ ...crd('a.example'), status: stored(['v1']) } as KubeObject, { fieldManager: 'seed' });
    await kube.apply({ ...crd('b.example'), status: stored(['v1alpha1', 'v1']) } as KubeObject, { fieldManager: 'seed' });
    await kube.apply({ ...crd('c.example'), status: stored(undefined) } as KubeObject, { fieldManager: 'seed' });
    const candidates = await applyCrds(kube, [crd('a.example'), crd('b.example'), crd('c.example')], { fieldManager: 'orkestra', clock: realClock });
    expect(candidates).to.deep.equal(['gadgets.b.example', 'gadgets.c.example']);
    expect(await applyCrds(kube, [], { fieldManager: 'orkestra', clock: realClock })).to.deep.equal([]);
  });

  it('with the live CRDs, applies only those its last apply did not leave as they are, and reads migration candidates from the live copy', async () => {
    const kube = new CountingKube([CRDS, kindIn('a.example'), kindIn('b.example'), kindIn('c.example')]);
    for (const group of ['a.example', 'b.example', 'c.example']) await kube.apply({ ...crd(group), status: ESTABLISHED } as KubeObject, { fieldManager: 'seed' });
    await applyCrds(kube, [crd('a.example'), crd('b.example'), crd('c.example')], { fieldManager: 'orkestra', clock: realClock });
    const live = new Map<string, unknown>();
    for (const group of ['a.example', 'b.example', 'c.example']) {
      const name = `gadgets.${group}`;
      const current = (await kube.get(CRDS, undefined, name))!;
      expect(current.metadata.annotations?.[CRD_DIGEST_ANNOTATION]).to.equal(withCrdDigest(crd(group)).metadata.annotations?.[CRD_DIGEST_ANNOTATION]);
      live.set(name, { ...current, status: { ...ESTABLISHED, storedVersions: group === 'c.example' ? ['v1alpha1', 'v1'] : ['v1'] } });
    }
    // b: someone changed a value the manifest sets since.
    const b = live.get('gadgets.b.example') as { spec: { scope: string } };
    live.set('gadgets.b.example', { ...b, spec: { ...b.spec, scope: 'Cluster' } });
    kube.calls.length = 0;
    const candidates = await applyCrds(kube, [crd('a.example'), crd('b.example'), crd('c.example')], { fieldManager: 'orkestra', clock: realClock, live });
    expect(kube.callsOf('apply').map((c) => c.name)).to.deep.equal(['gadgets.b.example']);
    expect(candidates).to.include('gadgets.c.example').and.not.include('gadgets.a.example');
  });
});
