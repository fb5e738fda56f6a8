import { expect } from 'chai';
import { CHANGE_KINDS, diffCrds, type CrdChange } from '../../../shared/crd-diff/index.js';
import { CORPUS, baseCrd, props, type Crd } from './corpus.js';

function pair(c: (typeof CORPUS)[number]): { old: Crd; neu: Crd } {
  const old = baseCrd();
  c.old?.(old);
  const neu = structuredClone(old);
  c.edit(neu);
  return { old, neu };
}

const shown = (changes: CrdChange[]) => changes.map((ch) => `${ch.severity} ${ch.id}`);

describe('shared/crd-diff diffCrds corpus', () => {
  it(`has at least 40 old/new pairs (${CORPUS.length})`, () => {
    expect(CORPUS.length).to.be.at.least(40);
    expect(new Set(CORPUS.map((c) => c.name)).size).to.equal(CORPUS.length);
  });

  for (const c of CORPUS) {
    it(c.name, () => {
      const { old, neu } = pair(c);
      const options = c.storedVersions ? { storedVersions: c.storedVersions } : {};
      const changes = diffCrds(old, neu, options);
      expect(shown(changes)).to.deep.equal(c.expect);
      for (const change of changes) {
        expect(change.id).to.equal(`${change.version ?? ''}:${change.path ?? ''}:${change.kind}`);
        expect(change.message, change.id).to.match(/^[^\n]+[.]$/);
        expect(change.message, change.id).not.to.match(/undefined|\[object Object\]/);
      }
      expect(diffCrds(neu, neu, options), 'a revision against itself').to.deep.equal([]);
    });
  }

  it('covers every kind of change at least once', () => {
    const seen = new Set<string>();
    for (const c of CORPUS) {
      const { old, neu } = pair(c);
      for (const change of diffCrds(old, neu, c.storedVersions ? { storedVersions: c.storedVersions } : {})) seen.add(change.kind);
    }
    expect(CHANGE_KINDS.filter((k) => !seen.has(k))).to.deep.equal([]);
  });

  it('gives every change of a diff its own id', () => {
    for (const c of CORPUS) {
      const ids = diffCrds(...Object.values(pair(c)) as [Crd, Crd]).map((ch) => ch.id);
      expect(new Set(ids).size, c.name).to.equal(ids.length);
    }
  });
});

describe('shared/crd-diff diffCrds details', () => {
  it('fills version and path, and says what changed in the sentence', () => {
    const old = baseCrd();
    const neu = structuredClone(old);
    props(neu).replicas.type = 'string';
    expect(diffCrds(old, neu)).to.deep.equal([
      {
        id: 'v1alpha1:spec.replicas:type-changed',
        severity: 'breaking',
        version: 'v1alpha1',
        path: 'spec.replicas',
        kind: 'type-changed',
        message: 'spec.replicas in v1alpha1 changes type from integer to string: stored objects and clients that send the old type no longer validate.',
      },
    ]);
  });

  it('leaves version out for CRD-wide changes', () => {
    const neu = baseCrd();
    neu.spec.scope = 'Cluster';
    const [change] = diffCrds(baseCrd(), neu);
    expect(change).to.include({ id: ':scope:scope-changed', path: 'scope' });
    expect(change).not.to.have.property('version');
  });

  it('names the removed enum values and why a version removal is breaking', () => {
    const old = baseCrd();
    old.status = { storedVersions: ['v1alpha1'] };
    const neu = structuredClone(old);
    props(neu).mode.enum = ['fast'];
    expect(diffCrds(old, neu)[0]!.message).to.equal('spec.mode in v1alpha1 no longer accepts "slow": objects and clients that use it fail validation.');
    neu.spec.versions[0].name = 'v1';
    const removed = diffCrds(old, neu).find((c) => c.kind === 'version-removed')!;
    expect(removed.message).to.contain('clients that use it get 404 Not Found').and.to.contain('objects are still stored as v1alpha1');
  });

  it('without status, treats the old storage version as stored', () => {
    const old = baseCrd();
    old.spec.versions[0].served = false;
    old.spec.versions.push({ ...structuredClone(old.spec.versions[0]), name: 'v1', served: true, storage: false });
    const neu = structuredClone(old);
    neu.spec.versions = neu.spec.versions.filter((v: Crd) => v.name === 'v1');
    neu.spec.versions[0].storage = true;
    const removal = diffCrds(old, neu).find((c) => c.kind === 'version-removed')!;
    expect(removal.severity).to.equal('breaking');
    expect(diffCrds(old, neu, { storedVersions: ['v1'] }).find((c) => c.kind === 'version-removed')!.severity).to.equal('safe');
  });

  it('does not throw on garbage: missing spec, versions without names, non-object schemas', () => {
    expect(() => diffCrds(undefined, null)).not.to.throw();
    expect(diffCrds({}, {})).to.deep.equal([]);
    const odd = { spec: { versions: [{ served: true }, 'v1', { name: 'v1', schema: { openAPIV3Schema: 'nope' } }] } };
    expect(diffCrds(odd, odd)).to.deep.equal([]);
    const safe = diffCrds(odd, { spec: { versions: [{ name: 'v1', served: false }] } });
    expect(safe.map((c) => c.id)).to.deep.equal([]);
  });

  it('shortens long enum lists and values in sentences', () => {
    const old = baseCrd();
    const neu = structuredClone(old);
    props(neu).owner.enum = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    props(neu).mode.default = 'x'.repeat(100);
    const changes = diffCrds(old, neu);
    expect(changes.find((c) => c.kind === 'enum-added')!.message).to.contain('"a", "b", "c", "d", "e" and 2 more');
    expect(changes.find((c) => c.kind === 'default-changed')!.message).to.contain(`"${'x'.repeat(56)}...`);
  });
});
