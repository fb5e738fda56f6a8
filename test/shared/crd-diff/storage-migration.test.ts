// The storage-version migration path as the guard and the migrator see it: which CRDs still need
// steps 2–3, the trim patch, and the step a version removal waits for.
import { expect } from 'chai';
import { diffCrds, pendingStorageMigration, removalWaitsFor, trimStoredVersionsPatch } from '../../../shared/crd-diff/index.js';

const version = (name: string, storage: boolean, served = true) => ({ name, served, storage, schema: { openAPIV3Schema: { type: 'object' } } });
const crd = (versions: unknown[], storedVersions?: string[]) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gauges.example.com' },
  spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Gauge', plural: 'gauges' }, versions },
  ...(storedVersions ? { status: { storedVersions } } : {}),
});

describe('shared/crd-diff/storage-migration', () => {
  it('is pending while storedVersions lists more than the storage version', () => {
    expect(pendingStorageMigration(crd([version('v1alpha1', false), version('v1', true)], ['v1alpha1', 'v1'])))
      .to.deep.equal({ crd: 'gauges.example.com', storage: 'v1', stale: ['v1alpha1'], storedVersions: ['v1alpha1', 'v1'] });
    expect(pendingStorageMigration(crd([version('v1alpha1', false), version('v1', true)], ['v1']))).to.equal(undefined);
    // A manifest without status (not the cluster's copy): nothing known, nothing to do.
    expect(pendingStorageMigration(crd([version('v1', true)]))).to.equal(undefined);
  });

  it('trims with a patch that tests the list it read', () => {
    const pending = pendingStorageMigration(crd([version('v1alpha1', false), version('v1', true)], ['v1alpha1', 'v1']))!;
    expect(trimStoredVersionsPatch(pending)).to.deep.equal([
      { op: 'test', path: '/status/storedVersions', value: ['v1alpha1', 'v1'] },
      { op: 'replace', path: '/status/storedVersions', value: ['v1'] },
    ]);
  });

  it('a removal names the step it waits for: step 1 while the version is stored, steps 2–3 after the switch', () => {
    expect(removalWaitsFor('v1alpha1', 'v1alpha1')).to.contain('step 1 of the storage-version migration first');
    expect(removalWaitsFor('v1alpha1', 'v1')).to.contain('waits for steps 2–3').and.to.contain('trims status.storedVersions to [v1]');
    const switched = crd([version('v1alpha1', false, false), version('v1', true)], ['v1alpha1', 'v1']);
    const change = diffCrds(switched, crd([version('v1', true)])).find((c) => c.kind === 'version-removed')!;
    expect(change.severity).to.equal('breaking');
    expect(change.message).to.contain('waits for steps 2–3');
    const sameRelease = diffCrds(crd([version('v1alpha1', true)], ['v1alpha1']), crd([version('v1', true)])).find((c) => c.kind === 'version-removed')!;
    expect(sameRelease.message).to.contain('step 1 of the storage-version migration first');
  });
});
