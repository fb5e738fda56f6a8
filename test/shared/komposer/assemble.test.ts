import { expect } from 'chai';
import { assembleKatalog, type ImportContent, type KomposerInput } from '../../../shared/komposer/assemble.js';
import { parseKatalog } from '../../../shared/katalog/index.js';
import { formatIssue } from '../../../shared/errors.js';

function katalog(name: string, crds: string): string {
  return `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata:\n  name: ${name}\nspec:\n  crds:\n${crds}`;
}

function apiTypesEntry(name: string, kind: string, extra = ''): string {
  return `    ${name}:\n      apiTypes: {group: example.org, version: v1, kind: ${kind}, plural: ${kind.toLowerCase()}s}\n${extra}`;
}

function crdManifest(kind: string, group = 'example.org'): string {
  const plural = `${kind.toLowerCase()}s`;
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: {kind: ${kind}, plural: ${plural}}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;
}

function komposer(crds = '    {}\n'): KomposerInput {
  const text = `apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata:\n  name: platform\nimports:\n  files: [./a.yaml]\nspec:\n  crds:\n${crds}`;
  const parsed = parseKatalog(text, 'komposer.yaml');
  expect(parsed.issues.filter((i) => i.severity !== 'warning').map(formatIssue)).to.deep.equal([]);
  return { document: parsed.document!, file: './komposer.yaml', crds: [] };
}

const file = (label: string, text: string): ImportContent => ({ label, singleFile: true, documents: [{ path: label, text }] });

describe('shared/komposer/assemble', () => {
  it('merges imports into one Katalog with resolved apiTypes and the CRDs in the bundle list', () => {
    const chart: ImportContent = {
      label: 'helm:https://charts.example.org/platform@1.0.0',
      singleFile: false,
      documents: [
        { path: 'platform/templates/katalog.yaml', text: katalog('platform', '    cache:\n      crdFile: ../crds/cache.yaml\n') },
        { path: 'platform/crds/cache.yaml', text: crdManifest('Cache') },
        { path: 'platform/crds/extra.yaml', text: crdManifest('Extra') },
      ],
    };
    const result = assembleKatalog(komposer(), [file('file:./a.yaml', katalog('a', apiTypesEntry('website', 'Website'))), chart]);
    expect(result.issues.map(formatIssue)).to.deep.equal([]);
    expect(result.katalog!.kind).to.equal('Katalog');
    expect(result.katalog!.metadata.name).to.equal('platform');
    expect(Object.keys(result.katalog!.spec.crds)).to.deep.equal(['website', 'cache']);
    expect(result.katalog!.spec.crds.cache).to.deep.equal({ apiTypes: { group: 'example.org', version: 'v1', kind: 'Cache', plural: 'caches', scope: 'Namespaced' } });
    expect(result.crds.map((c) => c.metadata.name)).to.deep.equal(['caches.example.org', 'extras.example.org']);
  });

  it('refuses an imported Komposer', () => {
    const nested = `apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: x}\nspec: {crds: {}}\n`;
    const result = assembleKatalog(komposer(), [file('url:https://example.org/k.yaml', nested)]);
    expect(result.katalog).to.equal(undefined);
    expect(result.issues.map(formatIssue)).to.deep.equal(['url:https://example.org/k.yaml:1: kind: an imported document may not be a Komposer; list its artifact under imports.registry with useKomposer: true (its komposer.yaml and imports are resolved), or import its Katalogs directly']);
  });

  it('reports an unknown key in an imported Katalog with the source label and its line', () => {
    const text = katalog('a', apiTypesEntry('website', 'Website', '      operatorBox:\n        onCreate:\n          hpas: []\n'));
    const result = assembleKatalog(komposer(), [file('file:./a.yaml', text)]);
    const lines = result.issues.map(formatIssue);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^file:\.\/a\.yaml:11:11: spec\.crds\.website\.operatorBox\.onCreate\.hpas: unknown key \(did you mean "hpa"\?\)/);
  });

  it('keeps true line numbers for the second document of a multi-document file', () => {
    const text = `${crdManifest('Cache')}---\n${katalog('a', apiTypesEntry('web', 'Website', '      bogus: 1\n'))}`;
    const result = assembleKatalog(komposer(), [file('file:./a.yaml', text)]);
    const lines = result.issues.map(formatIssue);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^file:\.\/a\.yaml:26:7: spec\.crds\.web\.bogus: unknown key/);
  });

  it('reports a dependsOn cycle across two sources, naming both', () => {
    const a = katalog('a', apiTypesEntry('website', 'Website', '      dependsOn: {database: healthy}\n'));
    const b = katalog('b', apiTypesEntry('database', 'Database', '      dependsOn: {website: started}\n'));
    const result = assembleKatalog(komposer(), [file('file:./a.yaml', a), file('url:https://example.org/b.yaml', b)]);
    expect(result.issues.map((i) => i.message)).to.deep.equal([
      'dependency cycle across sources: website (file:./a.yaml) → database (url:https://example.org/b.yaml) → website (file:./a.yaml); remove one of these dependsOn entries',
    ]);
  });

  it('reports a dependsOn target that no source declares', () => {
    const a = katalog('a', apiTypesEntry('website', 'Website', '      dependsOn: {database: healthy}\n'));
    const result = assembleKatalog(komposer(), [file('file:./a.yaml', a)]);
    expect(result.issues.map((i) => i.path)).to.deep.equal(['spec.crds.website.dependsOn.database']);
  });

  it('only warns of a dependsOn target no import read declares when an import was left out, and sets it aside', () => {
    const a = katalog('a', apiTypesEntry('website', 'Website', '      dependsOn: {database: healthy}\n'));
    const result = assembleKatalog({ ...komposer(), partial: true }, [file('file:./a.yaml', a)]);
    expect(result.issues.map((i) => [i.path, i.severity])).to.deep.equal([['spec.crds.website.dependsOn.database', 'warning']]);
    expect(result.katalog!.spec.crds.website!.dependsOn).to.deep.equal({});
  });

  it('prints only the root cause when an import is refused: no follow-on line for an override or dependsOn naming its CRDs', () => {
    const refused = katalog('b', apiTypesEntry('ledger', 'Ledger', '      colour: teal\n'));
    const a = katalog('a', apiTypesEntry('teller', 'Teller', '      dependsOn: {ledger: healthy}\n'));
    const own = komposer('    ledger:\n      operatorBox:\n        reconciler: {workers: 4}\n');
    const result = assembleKatalog(own, [file('file:./a.yaml', a), file('file:./b.yaml', refused)]);
    expect(result.katalog).to.equal(undefined);
    const lines = result.issues.map(formatIssue);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^file:\.\/b\.yaml:9:7: spec\.crds\.ledger\.colour: unknown key/);
    const fine = assembleKatalog(own, [file('file:./a.yaml', a)]);
    expect(fine.issues.map((i) => i.path)).to.deep.equal(['spec.crds.ledger', 'spec.crds.teller.dependsOn.ledger']);
  });

  it('reports the same CRD name from two sources, naming both', () => {
    const result = assembleKatalog(komposer(), [
      file('file:./a.yaml', katalog('a', apiTypesEntry('website', 'Website'))),
      file('oci:registry.example.org/b@sha256:' + 'a'.repeat(64), katalog('b', apiTypesEntry('website', 'Site'))),
    ]);
    expect(result.issues).to.have.length(1);
    expect(result.issues[0]!.message).to.contain('file:./a.yaml').and.contain('oci:registry.example.org/b@sha256:');
  });

  it('reports one CRD manifest name with two different contents', () => {
    const result = assembleKatalog(komposer(), [
      file('file:./a.yaml', crdManifest('Cache')),
      file('file:./b.yaml', crdManifest('Cache').replace('served: true', 'served: false')),
    ]);
    expect(result.issues.map((i) => i.message)).to.deep.equal([
      'CRD caches.example.org comes from both file:./a.yaml and file:./b.yaml with different content; keep one of them',
    ]);
  });

  it('applies the Komposer\'s own overrides and drops disabled CRDs', () => {
    const imports = [file('file:./a.yaml', katalog('a', apiTypesEntry('website', 'Website') + apiTypesEntry('database', 'Database')))];
    const result = assembleKatalog(komposer('    website:\n      namespace: web\n    database:\n      enabled: false\n'), imports);
    expect(result.issues.map(formatIssue)).to.deep.equal([]);
    expect(Object.keys(result.katalog!.spec.crds)).to.deep.equal(['website']);
    expect(result.katalog!.spec.crds.website!.namespace).to.equal('web');
  });

  it('refuses a document that is neither a Katalog nor a CRD in a single-file import', () => {
    const result = assembleKatalog(komposer(), [file('file:./a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n')]);
    expect(result.issues.map(formatIssue)).to.deep.equal(['file:./a.yaml:1: kind: expected a Katalog or a CustomResourceDefinition, found "ConfigMap"']);
  });

  it('fails closed on an archive document that does not parse or has no kind, as on a single file', () => {
    const archive = (text: string): ImportContent => ({ label: 'oci:r/k@sha256:1', singleFile: false, documents: [{ path: 'katalog.yaml', text }] });
    const broken = assembleKatalog(komposer(), [archive('kind: Katalog\nmetadata: {name: [x\n')]);
    expect(broken.katalog).to.equal(undefined);
    expect(broken.issues.map(formatIssue).join('\n')).to.match(/^oci:r\/k@sha256:1#katalog\.yaml:\d+:\d+: /);
    const kindless = assembleKatalog(komposer(), [archive('apiVersion: orkestra.orkspace.io/v1\nmetadata: {name: x}\n')]);
    expect(kindless.issues.map(formatIssue)).to.deep.equal(['oci:r/k@sha256:1#katalog.yaml:1: kind: expected a Katalog or a CustomResourceDefinition, found no kind']);
  });

  it('reports an alias bomb in an import as too many aliases, not as a missing kind', () => {
    const bomb = ['a0: &a0 [x, x]', ...Array.from({ length: 16 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`), 'kind: Katalog', ''].join('\n');
    const lines = assembleKatalog(komposer(), [file('file:./a.yaml', bomb)]).issues.map(formatIssue);
    expect(lines.join('\n')).to.match(/too many aliases/i);
    expect(lines.join('\n')).not.to.contain('found no kind');
  });

  it('folds the version entries of one kind after the merge: from two imports, and overridden by the name its Katalog gives an entry', () => {
    const v = (name: string, version: string, extra = '') => `    ${name}:\n      apiTypes: {group: example.org, version: ${version}, kind: Site, plural: sites}\n${extra}`;
    const box = '      operatorBox:\n        onCreate:\n          configMaps: [{name: "{{ .metadata.name }}"}]\n';
    const result = assembleKatalog(komposer('    site-v1alpha1:\n      description: older\n'), [
      file('file:./a.yaml', katalog('a', v('site-v1alpha1', 'v1alpha1', box))),
      file('file:./b.yaml', katalog('b', v('site-v1', 'v1', box))),
    ]);
    expect(result.issues.map(formatIssue)).to.deep.equal([]);
    expect(Object.keys(result.katalog!.spec.crds)).to.deep.equal(['site-v1']);
    expect(result.katalog!.spec.crds['site-v1']!.apiTypes!.versions).to.deep.equal(['v1', 'v1alpha1']);
    const clash = assembleKatalog(komposer(), [
      file('file:./a.yaml', katalog('a', v('site-v1alpha1', 'v1alpha1', box))),
      file('file:./b.yaml', katalog('b', v('site-v1', 'v1', box.replace('}}"', '}}-x"')))),
    ]);
    expect(clash.katalog).to.equal(undefined);
    expect(clash.issues.map(formatIssue).join('\n')).to.contain('spec.crds.site-v1alpha1.operatorBox: differs from spec.crds.site-v1.operatorBox');
  });
});
