import { expect } from 'chai';
import { mergeKatalogs, type ImportedKatalog, type SourcedCrd } from '../../../shared/komposer/merge.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';

function crd(name: string, kind: string, entry: CrdEntry = {}, group = 'example.org'): SourcedCrd {
  const apiTypes = { group, version: 'v1', kind, plural: `${kind.toLowerCase()}s` };
  return { name, apiTypes, entry: { apiTypes, ...entry } };
}

const fileA: ImportedKatalog = { source: 'file:./a.yaml', crds: [crd('website', 'Website'), crd('database', 'Database')] };
const helmB: ImportedKatalog = { source: 'helm:https://charts.example.org/platform@3.2.1', crds: [crd('cache', 'Cache')] };
const noOwn: ImportedKatalog = { source: 'komposer:./komposer.yaml', crds: [] };

describe('shared/komposer/merge', () => {
  it('takes sources in declaration order, whatever order they were fetched in', () => {
    const merged = mergeKatalogs([fileA, helmB], noOwn);
    expect(merged.issues).to.deep.equal([]);
    expect(merged.crds.map((c) => c.name)).to.deep.equal(['website', 'database', 'cache']);
    expect(merged.crds[2]!.sources).to.deep.equal(['helm:https://charts.example.org/platform@3.2.1']);
  });

  it('rejects the same CRD name from two sources, naming both', () => {
    const clash: ImportedKatalog = { source: 'oci:registry.example.org/k@sha256:ab', crds: [crd('website', 'Site', {}, 'other.org')] };
    const merged = mergeKatalogs([fileA, clash], noOwn);
    expect(merged.issues).to.have.length(1);
    expect(merged.issues[0]!.path).to.equal('spec.crds.website');
    expect(merged.issues[0]!.message).to.contain('file:./a.yaml').and.contain('oci:registry.example.org/k@sha256:ab');
  });

  it('rejects two CRD names with the same group/version/kind, naming the sources', () => {
    const twin: ImportedKatalog = { source: 'url:https://example.org/k.yaml', crds: [crd('site', 'Website')] };
    const merged = mergeKatalogs([fileA, twin], noOwn);
    expect(merged.issues.map((i) => i.path)).to.deep.equal(['spec.crds.site.apiTypes']);
    expect(merged.issues[0]!.message).to.contain('example.org/v1, Kind=Website').and.contain('url:https://example.org/k.yaml').and.contain('file:./a.yaml');
  });

  it('overrides reconciler settings one by one, as upstream\'s Komposer tunes an imported Katalog', () => {
    const base: ImportedKatalog = {
      source: 'file:./a.yaml',
      crds: [crd('website', 'Website', { operatorBox: { reconciler: { workers: 2, resync: '30s', queue: { maxDepth: 10 } } } })],
    };
    const own: ImportedKatalog = {
      source: 'komposer:./komposer.yaml',
      crds: [{ name: 'website', apiTypes: base.crds[0]!.apiTypes, entry: { operatorBox: { reconciler: { workers: 8 } } } }],
    };
    const [site] = mergeKatalogs([base], own).crds;
    expect(site!.entry.operatorBox?.reconciler).to.deep.equal({ workers: 8, resync: '30s', queue: { maxDepth: 10 } });
  });

  it('overrides top-level fields, replaces whole blocks and unions finalizers', () => {
    const base: ImportedKatalog = {
      source: 'file:./a.yaml',
      crds: [crd('website', 'Website', {
        namespace: 'web',
        finalizers: ['a.example.org/x'],
        validation: { rules: [{ field: 'spec.image', message: 'image required', exists: true }] },
        operatorBox: { reconciler: { workers: 2 }, onReconcile: { deployments: [{ image: 'nginx' }] } },
      })],
    };
    const own: ImportedKatalog = {
      source: 'komposer:./komposer.yaml',
      crds: [{ name: 'website', apiTypes: base.crds[0]!.apiTypes, entry: {
        finalizers: ['b.example.org/y', 'a.example.org/x'],
        validation: { rules: [] },
        operatorBox: { reconciler: { workers: 8 } },
      } }],
    };
    const [site] = mergeKatalogs([base], own).crds;
    expect(site!.entry.namespace).to.equal('web');
    expect(site!.entry.finalizers).to.deep.equal(['a.example.org/x', 'b.example.org/y']);
    expect(site!.entry.validation).to.deep.equal({ rules: [] });
    expect(site!.entry.operatorBox?.reconciler).to.deep.equal({ workers: 8 });
    expect(site!.entry.operatorBox?.onReconcile).to.deep.equal({ deployments: [{ image: 'nginx' }] });
    expect(site!.sources).to.deep.equal(['file:./a.yaml', 'komposer:./komposer.yaml']);
  });

  it('adds a CRD an override names that no import has, and drops disabled ones', () => {
    const own: ImportedKatalog = {
      source: 'komposer:./komposer.yaml',
      crds: [crd('queue', 'Queue'), { name: 'database', apiTypes: fileA.crds[1]!.apiTypes, entry: { enabled: false } }],
    };
    const merged = mergeKatalogs([fileA], own);
    expect(merged.crds.map((c) => c.name)).to.deep.equal(['website', 'queue']);
  });

  it('replaces the resolved API types when an override names another CRD', () => {
    const other = crd('website', 'WebSite', {}, 'sites.example.org');
    const own: ImportedKatalog = { source: 'komposer:./komposer.yaml', crds: [other] };
    const [site] = mergeKatalogs([fileA], own).crds;
    expect(site!.apiTypes.group).to.equal('sites.example.org');
    expect(site!.entry.apiTypes?.kind).to.equal('WebSite');
  });

  it('is deterministic: the same inputs give deep-equal results', () => {
    expect(mergeKatalogs([fileA, helmB], noOwn)).to.deep.equal(mergeKatalogs([fileA, helmB], noOwn));
  });
});

describe('shared/komposer/merge overrides without API types', () => {
  it('applies an override that does not restate the CRD', () => {
    const own = { source: 'komposer:./k.yaml', crds: [{ name: 'website', entry: { namespace: 'sites' } }] };
    const [site] = mergeKatalogs([fileA], own).crds;
    expect(site!.entry.namespace).to.equal('sites');
    expect(site!.apiTypes.kind).to.equal('Website');
  });

  it('only warns of an override naming no CRD read when an import was left out (--offline), and sets it aside', () => {
    const own = { source: 'komposer:./k.yaml', crds: [{ name: 'postgres', entry: { namespace: 'db' } }] };
    const merged = mergeKatalogs([fileA], own, true);
    expect(merged.issues.map((i) => [i.path, i.severity])).to.deep.equal([['spec.crds.postgres', 'warning']]);
    expect(merged.issues[0]!.message).to.contain('may be in an import left out');
    expect(merged.crds.map((c) => c.name)).to.deep.equal(['website', 'database']);
  });

  it('reports an override naming no imported CRD and declaring none', () => {
    const own = { source: 'komposer:./k.yaml', crds: [{ name: 'websight', entry: { namespace: 'sites' } }] };
    const merged = mergeKatalogs([fileA], own);
    expect(merged.issues.map((i) => i.path)).to.deep.equal(['spec.crds.websight']);
    expect(merged.issues[0]!.message).to.contain('overrides no imported CRD (imported: website, database)');
  });
});
