import { expect } from 'chai';
import { addFinalizersPatch, cleanupNeeded, missingFinalizers, removeFinalizerPatch } from '../../../controller/reconcile/finalizer.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { child } from './fixtures.js';

const F = 'orkestra.orkspace.io/cleanup';
const plain: CrdEntry = { operatorBox: { onReconcile: { deployments: [{ image: 'x' }] } } };
const withOnDelete: CrdEntry = { operatorBox: { onDelete: { jobs: [{ image: 'x' }] } } };
const emptyOnDelete: CrdEntry = { operatorBox: { onDelete: { jobs: [] } } };
const local = child('Deployment', 'blog', {});
const remote = child('ConfigMap', 'shared', {}, {}, 'other');

describe('controller/reconcile/finalizer', () => {
  const need: { name: string; entry: CrdEntry; children: typeof local[]; want: boolean }[] = [
    { name: 'same-namespace children only', entry: plain, children: [local], want: false },
    { name: 'no children at all', entry: {}, children: [], want: false },
    { name: 'onDelete declared', entry: withOnDelete, children: [local], want: true },
    { name: 'empty onDelete list', entry: emptyOnDelete, children: [], want: false },
    { name: 'a cross-namespace child', entry: plain, children: [local, remote], want: true },
    { name: 'declared finalizers (released by our delete path)', entry: { finalizers: ['x.io/keep'] }, children: [local], want: true },
  ];
  for (const c of need) it(`cleanup needed: ${c.name} → ${c.want}`, () => expect(cleanupNeeded(c.entry, c.children)).to.equal(c.want));

  it('missingFinalizers: ours only when needed, the entry\'s extras always, none twice', () => {
    expect(missingFinalizers(undefined, plain, false)).to.deep.equal([]);
    expect(missingFinalizers(undefined, plain, true)).to.deep.equal([F]);
    expect(missingFinalizers([F], { finalizers: ['x.io/keep', 'x.io/keep'] }, true)).to.deep.equal(['x.io/keep']);
    expect(missingFinalizers([F, 'x.io/keep'], { finalizers: ['x.io/keep'] }, true)).to.deep.equal([]);
  });

  it('adding tests the list (or the resourceVersion when there is none)', () => {
    expect(addFinalizersPatch({ name: 'a', resourceVersion: '7' }, [F])).to.deep.equal([
      { op: 'test', path: '/metadata/resourceVersion', value: '7' },
      { op: 'add', path: '/metadata/finalizers', value: [F] },
    ]);
    expect(addFinalizersPatch({ name: 'a', finalizers: ['o'] }, [F])).to.deep.equal([
      { op: 'test', path: '/metadata/finalizers', value: ['o'] },
      { op: 'replace', path: '/metadata/finalizers', value: ['o', F] },
    ]);
  });

  it('releasing removes only ours, after testing the list', () => {
    expect(removeFinalizerPatch({ name: 'a', finalizers: ['o', F, 'p'] }, F)).to.deep.equal([
      { op: 'test', path: '/metadata/finalizers', value: ['o', F, 'p'] },
      { op: 'replace', path: '/metadata/finalizers', value: ['o', 'p'] },
    ]);
    expect(removeFinalizerPatch({ name: 'a', finalizers: ['o'] }, F)).to.equal(undefined);
    expect(removeFinalizerPatch({ name: 'a' }, F)).to.equal(undefined);
  });
});
