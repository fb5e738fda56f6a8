// The finalizers a CR adopted from the Go runtime moves to: its `cleanup` kept (same name as
// ours), its `finalizer` / `namespace-cleanup` replaced by ours unless the entry declares them, and
// the patch that gets there guarded by the list it read.
import { expect } from 'chai';
import { finalizersPatch, goRuntimeFinalizers, wantedFinalizers } from '../../../controller/reconcile/go-runtime.js';
import { removeFinalizerPatch } from '../../../controller/reconcile/finalizer.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';

const OURS = 'orkestra.orkspace.io/cleanup';
const GO = 'orkestra.orkspace.io/finalizer';
const GO_NS = 'orkestra.orkspace.io/namespace-cleanup';
const plain: CrdEntry = {};
const declaresGo: CrdEntry = { finalizers: [GO] };

describe('controller/reconcile/go-runtime', () => {
  it('finds the Go runtime leftovers the entry does not declare', () => {
    expect(goRuntimeFinalizers(['x.io/other', GO, OURS, GO_NS], plain)).to.deep.equal([GO, GO_NS]);
    expect(goRuntimeFinalizers([GO, OURS], declaresGo)).to.deep.equal([]);
    expect(goRuntimeFinalizers(undefined, plain)).to.deep.equal([]);
  });

  it('replaces leftovers by ours, keeps every other finalizer in order', () => {
    expect(wantedFinalizers(['x.io/other', GO], plain, false)).to.deep.equal(['x.io/other', OURS]);
    // The Go runtime's usual pair: its cleanup (= ours) stays, its finalizer goes.
    expect(wantedFinalizers([OURS, GO], plain, false)).to.deep.equal([OURS]);
    // Declared: kept (our delete path releases it), ours added beside it.
    expect(wantedFinalizers([GO], declaresGo, true)).to.deep.equal([GO, OURS]);
    // Ours is never removed at live time, even when no longer needed.
    expect(wantedFinalizers([OURS], plain, false)).to.deep.equal([OURS]);
    expect(wantedFinalizers(undefined, plain, false)).to.deep.equal([]);
  });

  it('with removeFinalizers, removes ours, the declared ones and the Go runtime\'s, and adds none', () => {
    const strip: CrdEntry = { removeFinalizers: true, finalizers: ['x.io/declared'] };
    expect(wantedFinalizers(['x.io/other', OURS, 'x.io/declared', GO, GO_NS], strip, true)).to.deep.equal(['x.io/other']);
    expect(wantedFinalizers(undefined, strip, true)).to.deep.equal([]);
    expect(finalizersPatch({ name: 'a', resourceVersion: '7' }, strip, true)).to.equal(undefined);
    expect(finalizersPatch({ name: 'a', finalizers: [OURS] }, strip, true)).to.deep.equal([
      { op: 'test', path: '/metadata/finalizers', value: [OURS] },
      { op: 'replace', path: '/metadata/finalizers', value: [] },
    ]);
  });

  it('patches only when the list changes, testing what it read', () => {
    expect(finalizersPatch({ name: 'a', finalizers: [OURS] }, plain, true)).to.equal(undefined);
    expect(finalizersPatch({ name: 'a', finalizers: [OURS, GO] }, plain, false)).to.deep.equal([
      { op: 'test', path: '/metadata/finalizers', value: [OURS, GO] },
      { op: 'replace', path: '/metadata/finalizers', value: [OURS] },
    ]);
    expect(finalizersPatch({ name: 'a', resourceVersion: '7' }, plain, true)).to.deep.equal([
      { op: 'test', path: '/metadata/resourceVersion', value: '7' },
      { op: 'add', path: '/metadata/finalizers', value: [OURS] },
    ]);
  });

  it('the delete path releases ours with the declared and the Go runtime finalizers, nothing else', () => {
    const meta = { name: 'a', finalizers: ['x.io/other', OURS, GO, GO_NS, 'x.io/declared'] };
    expect(removeFinalizerPatch(meta, OURS, { finalizers: ['x.io/declared'] })).to.deep.equal([
      { op: 'test', path: '/metadata/finalizers', value: meta.finalizers },
      { op: 'replace', path: '/metadata/finalizers', value: ['x.io/other'] },
    ]);
    // Without ours the delete path does not run: nothing released.
    expect(removeFinalizerPatch({ name: 'a', finalizers: [GO] }, OURS, plain)).to.equal(undefined);
  });
});
