import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LoadedCrdFile, UnloadableCrdFile, parseKatalog, parseYaml, resolveCrds } from '../../../shared/katalog/index.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/katalog/', import.meta.url));
const read = (p: string) => readFileSync(FIXTURES + p, 'utf8');

describe('shared/katalog resolveCrds', () => {
  it('gives API types as written, from an inline CRD, and from a CRD file (its storage version)', () => {
    const parsed = parseKatalog(read('valid/database.yaml'), 'database.yaml');
    const crdText = read('valid/crds/database.crd.yaml');
    const [doc] = parseYaml(crdText, 'database.crd.yaml').documents;
    const { crds, issues } = resolveCrds(parsed.document!, new Map([['./crds/database.crd.yaml', doc!.value]]));
    expect(issues).to.deep.equal([]);
    expect(crds.map((c) => [c.name, c.apiTypes])).to.deep.equal([
      ['database', { group: 'db.example.com', version: 'v1', kind: 'Database', plural: 'databases', scope: 'Namespaced' }],
      ['backup', { group: 'db.example.com', version: 'v1', kind: 'Backup', plural: 'backups', scope: 'Namespaced' }],
    ]);
    expect(crds[0]!.crd).to.deep.include({ kind: 'CustomResourceDefinition' });
  });

  it('reports a CRD file that is not v1 at its own file and line', () => {
    const parsed = parseKatalog(read('invalid/crd-v1beta1.yaml'), 'k.yaml');
    const [doc] = parseYaml(read('invalid/crds/widget-v1beta1.crd.yaml'), 'widget.crd.yaml').documents;
    const file = new LoadedCrdFile('widget.crd.yaml', doc!.value, doc!.locate);
    const { crds, issues } = resolveCrds(parsed.document!, new Map([['crds/widget-v1beta1.crd.yaml', file]]));
    expect(crds).to.deep.equal([]);
    expect(issues).to.have.length(1);
    expect(issues[0]).to.include({ file: 'widget.crd.yaml', line: 1, col: 13, path: 'apiVersion' });
  });

  it('names a local CRD file that was not loaded, reports a read failure at the entry naming the file, and leaves URLs to ork resolve', () => {
    const parsed = parseKatalog(read('invalid/crd-non-structural.yaml'), 'k.yaml');
    const failure = new UnloadableCrdFile([{ file: 'x', path: '', message: 'cannot read the file: no such file' }]);
    const { issues } = resolveCrds(parsed.document!, new Map([['./crds/missing.crd.yaml', failure]]), { file: 'k.yaml', locate: parsed.locate! });
    expect(issues.map((i) => [i.path, i.line, i.message, i.severity])).to.deep.equal([
      ['spec.crds.gadget.crdFile', 8, 'CRD file ./crds/gadget-non-structural.crd.yaml was not loaded', undefined],
      ['spec.crds.gizmo.crdFile', 10, 'x: cannot read the file: no such file', undefined],
      ['spec.crds.remote.crdFile', 12, "https://example.org/crds/remote.yaml is fetched by 'ork resolve'; it was not checked here", 'warning'],
    ]);
  });

  it('finds a group/kind clash between an entry and a CRD file', () => {
    const parsed = parseKatalog(read('invalid/crd-gvk-clash.yaml'), 'k.yaml');
    const [doc] = parseYaml(read('invalid/crds/widget-v1.crd.yaml'), 'w.yaml').documents;
    const { issues } = resolveCrds(parsed.document!, new Map([['./crds/widget-v1.crd.yaml', doc!.value]]), { file: 'k.yaml', locate: parsed.locate! });
    expect(issues).to.have.length(1);
    expect(issues[0]).to.include({ path: 'spec.crds.second', line: 9 });
    expect(issues[0]!.message).to.contain('CRDs "first" and "second" both declare example.com/v1, Kind=Widget');
  });
});
