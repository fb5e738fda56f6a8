// profiles.include, the pure half: the site in a Katalog and a Motif, the fragment's shape (a
// mapping profiles: of classes, each a list; no nested include) and the merge — each class of the
// fragment before the document's own entries of that class, with their origins.
import { expect } from 'chai';
import { applyInclude, fragmentProblem, includeSites } from '../../../../shared/katalog/compose/includes.js';

const locate = () => ({ line: 1, col: 1 });
const where = { within: 'k.yaml', self: { file: 'k.yaml', locate }, fragment: { file: 'p.yaml', locate } };

describe('katalog/compose: profiles.include', () => {
  it('finds profiles.include in a Katalog and in a Motif', () => {
    expect(includeSites({ kind: 'Katalog', profiles: { include: './p.yaml' } })).to.deep.equal([{ at: ['profiles'], ref: './p.yaml', root: 'profiles' }]);
    expect(includeSites({ kind: 'Motif', profiles: { include: 'x.yaml', resources: [] } }).map((s) => s.root)).to.deep.equal(['profiles']);
  });

  const shapes: [string, unknown, string | undefined][] = [
    ['classes of lists', { profiles: { resources: [{ name: 'a' }], podSecurity: [] } }, undefined],
    ['a list instead of classes', { profiles: [{ name: 'a' }] }, 'profiles: must be a mapping of profile classes (resources:, probes:, …), each a list'],
    ['a class that is not a list', { profiles: { hpa: { name: 'x' } } }, 'profiles.hpa: must be a list'],
    ['a nested include', { profiles: { include: './more.yaml' } }, 'an included file cannot include another (nested includes are not supported); move its entries into this file'],
    ['another root key', { profiles: {}, notes: {} }, 'unexpected key "notes": this include is read for profiles: only'],
  ];
  for (const [name, value, want] of shapes) it(`fragment with ${name}`, () => expect(fragmentProblem(value, 'profiles')).to.equal(want));

  it('puts each class of the fragment before the inline entries of that class, and drops the include', () => {
    const doc = { kind: 'Katalog', profiles: { include: './p.yaml', resources: [{ name: 'inline' }], hpa: [{ name: 'mine' }] } };
    const [site] = includeSites(doc);
    const origins = applyInclude(doc, site!, { profiles: { resources: [{ name: 'shared' }], rollingUpdate: [{ name: 'careful' }] } }, where);
    expect(doc.profiles).to.deep.equal({ resources: [{ name: 'shared' }, { name: 'inline' }], hpa: [{ name: 'mine' }], rollingUpdate: [{ name: 'careful' }] });
    expect(origins.map((o) => `${o.file} ${o.at.join('.')} ${o.from}+${o.count} from ${o.sourceAt.join('.')}`)).to.deep.equal([
      'p.yaml profiles.resources 0+1 from profiles.resources',
      'k.yaml profiles.resources 1+1 from profiles.resources',
      'p.yaml profiles.rollingUpdate 0+1 from profiles.rollingUpdate',
      'k.yaml profiles.rollingUpdate 1+0 from profiles.rollingUpdate',
    ]);
  });
});

describe('katalog/compose: conversion, reconciler and observe includes', () => {
  const entry = (box: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ kind: 'Katalog', spec: { crds: { web: { operatorBox: box, ...more } } } });

  it('finds them in both layouts, each read for its own root', () => {
    const doc = entry({ reconciler: { include: 'r.yaml' }, reconcile: { include: 'c.yaml' }, observe: { include: 'o.yaml' } }, { conversion: { include: 'p.yaml' } });
    expect(includeSites(doc).map((s) => `${s.at.slice(3).join('.')} ${s.root}`)).to.deep.equal(['conversion paths', 'operatorBox.reconciler reconciler', 'operatorBox.reconcile reconciler', 'operatorBox.observe observe']);
  });

  const shapes: [string, unknown, 'paths' | 'reconciler' | 'observe', string | undefined][] = [
    ['conversion paths', { paths: [{ from: 'v1', to: 'v2' }] }, 'paths', undefined],
    ['paths that are not a list', { paths: { from: 'v1' } }, 'paths', 'paths: must be a list'],
    ['a reconciler block', { reconciler: { workers: 3 } }, 'reconciler', undefined],
    ['the current layout spelling reconcile:', { reconcile: { workers: 3 } }, 'reconciler', undefined],
    ['a reconciler that is a list', { reconciler: [1] }, 'reconciler', 'reconciler: (or reconcile:) must be a mapping (workers, resync, queue, …)'],
    ['a nested include in a reconciler', { reconciler: { include: 'x.yaml' } }, 'reconciler', 'an included file cannot include another (nested includes are not supported); move its entries into this file'],
    ['watch and events', { watch: [], events: { a: { reason: 'X' } } }, 'observe', undefined],
    ['neither watch nor events', { other: 1 }, 'observe', 'an observe include file holds watch: (a list) and/or events: (a mapping)'],
    ['events that are a list', { events: [1] }, 'observe', 'events: must be a mapping of trigger names'],
    ['another key beside watch', { watch: [], notes: {} }, 'observe', 'unexpected key "notes": this include is read for watch: and events: only'],
  ];
  for (const [name, value, root, want] of shapes) it(`fragment with ${name}`, () => expect(fragmentProblem(value, root)).to.equal(want));

  it('merges a reconciler fragment under the inline keys (whole values; inline wins) and drops the include', () => {
    const doc = entry({ reconciler: { include: 'r.yaml', workers: 2, queue: { maxDepth: 5 } } });
    const [site] = includeSites(doc);
    expect(applyInclude(doc, site!, { reconciler: { workers: 8, resync: '1m', queue: { failureThreshold: 3 } } }, where)).to.deep.equal([]);
    expect(doc.spec.crds.web.operatorBox).to.deep.equal({ reconciler: { workers: 2, queue: { maxDepth: 5 }, resync: '1m' } });
  });

  it('puts the fragment\'s watches first and lets inline events win by name', () => {
    const doc = entry({ observe: { include: 'o.yaml', watch: [{ kind: 'Secret' }], events: { a: { reason: 'Inline' } } } });
    const [site] = includeSites(doc);
    const origins = applyInclude(doc, site!, { watch: [{ kind: 'ConfigMap' }], events: { a: { reason: 'File' }, b: { reason: 'File' } } }, where);
    expect(doc.spec.crds.web.operatorBox.observe).to.deep.equal({ watch: [{ kind: 'ConfigMap' }, { kind: 'Secret' }], events: { a: { reason: 'Inline' }, b: { reason: 'File' } } });
    expect(origins.map((o) => `${o.file} ${o.from}+${o.count}`)).to.deep.equal(['p.yaml 0+1', 'k.yaml 1+1']);
  });
});
