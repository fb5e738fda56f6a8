// enrich:/enrichAll: as upstream reads them: aliases and groups, gated entries, the kinds each
// enricher applies to, the selectors pods are listed with, the RBAC the reads need, and what
// `ork validate` refuses.
import { expect } from 'chai';
import { enrichersFor, enrichersOf, enrichIssues, enrichPermissions, enrichSpecOf, parseTarget, serviceSelector, workloadSelector, type EnrichSpec } from '../../../shared/enrich/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';

const on = (...names: string[]): string[] => [...enrichersOf(enrichSpecOf({ enrich: names })!)].sort();
const locate = () => ({ line: 1, col: 1 });

describe('shared/enrich targets', () => {
  it('resolves upstream identifiers to the enrichers their groups turn on', () => {
    const table: [string[], string[]][] = [
      [['pods'], ['pods']], [['PO'], ['pods']],
      [['warnings'], ['events']], [['ev'], ['events']],
      [['replicasets'], ['owner', 'replicasets']], [['rs'], ['owner']],
      [['ep'], ['endpoints']], [['svc'], ['backingpods']],
      [['sts'], ['pvcs']], [['pvc'], ['pvc']], [['pv'], ['pv']],
      [['sc'], ['storageclass']], [['nodes'], ['node']], [['horizontalpodautoscaler'], ['hpa']],
      [['cj'], ['cronjob']], [['ing'], ['ingress']],
      [['deployment', 'jobs', 'np'], []], [['nonsense'], []],
    ];
    for (const [names, want] of table) expect(on(...names), names.join(',')).to.deep.equal(want);
  });

  it('enrichAll turns every enricher on; no enrich (or an empty list) asks for nothing', () => {
    expect(enrichersOf({ all: true }).size).to.equal(14);
    expect(enrichSpecOf({})).to.equal(undefined);
    expect(enrichSpecOf({ enrich: [] })).to.equal(undefined);
    expect(enrichSpecOf({ enrichAll: false, enrich: 'pods' })).to.equal(undefined);
  });

  it('reads gated entries: {target: {when, anyOf|or}}', () => {
    const when = [{ field: '{{ replicasReady .children.deployment }}', equals: 'false' }];
    expect(parseTarget({ events: { when } })).to.deep.equal({ target: { name: 'events', when } });
    expect(parseTarget({ Events: { anyOf: when } })).to.deep.equal({ target: { name: 'events', or: when } });
    expect(parseTarget({ pods: null })).to.deep.equal({ target: { name: 'pods' } });
    const problems: unknown[] = [{ pods: {}, events: {} }, {}, { pods: 'yes' }, { pods: { when, unless: [] } }, { pods: { or: [], anyOf: [] } }, 7, ['pods']];
    for (const item of problems) expect(parseTarget(item).problem, JSON.stringify(item)).to.be.a('string');
    const spec = enrichSpecOf({ enrich: ['pods', { events: { when } }, 42] }) as Extract<EnrichSpec, { all: false }>;
    expect(spec.targets.map((t) => t.name)).to.deep.equal(['pods', 'events']);
  });

  it('applies each enricher to its kinds; events to every kind', () => {
    const all = enrichersOf({ all: true });
    expect(enrichersFor('Deployment', all).sort()).to.deep.equal(['events', 'pods', 'replicasets']);
    expect(enrichersFor('PersistentVolumeClaim', all).sort()).to.deep.equal(['events', 'pv', 'pvc', 'storageclass']);
    expect(enrichersFor('ConfigMap', all)).to.deep.equal(['events']);
    expect(enrichersFor('Widget', new Set(['pods']))).to.deep.equal([]);
  });

  it('selectors: matchLabels and matchExpressions; a Service\'s flat map; none for what cannot be written', () => {
    const table: [string | undefined, string | undefined][] = [
      [workloadSelector({ spec: { selector: { matchLabels: { app: 'web', tier: 'fe' } } } }), 'app=web,tier=fe'],
      [workloadSelector({ spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }, { key: 'x', operator: 'DoesNotExist' }] } } }), 'app=web,env in (a,b),!x'],
      [workloadSelector({ spec: { selector: { matchExpressions: [{ key: 'env', operator: 'Near', values: ['a'] }] } } }), undefined],
      [workloadSelector({ spec: { selector: { matchLabels: { app: 3 } } } }), undefined],
      [workloadSelector({ spec: {} }), undefined],
      [serviceSelector({ spec: { selector: { app: 'web' } } }), 'app=web'],
      [serviceSelector({ spec: { type: 'ExternalName' } }), undefined],
      [serviceSelector('svc'), undefined],
    ];
    for (const [got, want] of table) expect(got).to.equal(want);
  });

  it('RBAC: the reads of the enrichers that apply to the entry\'s child kinds; nothing without enrich', () => {
    const kinds = [{ apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'v1', kind: 'Service' }];
    const entry = (e: Partial<CrdEntry>) => e as CrdEntry;
    expect(enrichPermissions(entry({}), kinds)).to.deep.equal([]);
    expect(enrichPermissions(entry({ enrich: ['pods', { events: { when: [] } }], namespace: 'shop' }), kinds)).to.deep.equal([
      { group: '', resource: 'pods', verbs: ['list'], namespace: 'shop' },
      { group: '', resource: 'events', verbs: ['list'], namespace: 'shop' },
      { group: '', resource: 'pods', verbs: ['list'], namespace: 'shop' },
      { group: '', resource: 'events', verbs: ['list'], namespace: 'shop' },
    ]);
    const all = enrichPermissions(entry({ enrichAll: true }), [{ kind: 'PersistentVolumeClaim' }, { kind: 'Pod' }]);
    expect(all.map((p) => `${p.group}/${p.resource} ${p.verbs.join()}${p.namespace ? ` in ${p.namespace}` : ''}`).sort()).to.deep.equal([
      '/events list', '/events list', '/nodes get', '/persistentvolumes get', '/persistentvolumes get', 'storage.k8s.io/storageclasses get',
    ]);
  });

  it('ork validate: unknown targets (with the nearest name), bad entries, enrichAll beside a list', () => {
    const doc = { spec: { crds: {
      good: { enrich: ['pods', 'PODS', { events: { when: [] } }, 'svc'] },
      typo: { enrich: ['pdos', { evnets: { when: [] } }, { pods: 'x' }] },
      both: { enrichAll: true, enrich: ['pods'] },
      allOnly: { enrichAll: true, enrich: [] },
    } } };
    const messages = enrichIssues(doc, 'k.yaml', locate).map((i) => `${i.path}: ${i.message}`);
    expect(messages).to.have.length(4);
    expect(messages[0]).to.match(/^spec\.crds\.typo\.enrich\[0\]: unknown enrich target "pdos" \(did you mean "pods"\?\): use one of pods, events, replicasets, /);
    expect(messages[1]).to.match(/^spec\.crds\.typo\.enrich\[1\]\.evnets: unknown enrich target "evnets" \(did you mean "events"\?\)/);
    expect(messages[2]).to.match(/^spec\.crds\.typo\.enrich\[2\]: enrich target pods: its value is \{when/);
    expect(messages[3]).to.equal('spec.crds.both.enrichAll: enrichAll and enrich exclude each other: give enrichAll: true (every target) or an enrich: list');
  });
});
