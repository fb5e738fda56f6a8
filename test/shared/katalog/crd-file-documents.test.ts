import { expect } from 'chai';
import { documentForEntry } from '../../../shared/katalog/crd-file-documents.js';

const crd = (kind: string, plural: string, singular?: string, name = `${plural}.g.io`) => ({ value: { kind: 'CustomResourceDefinition', metadata: { name }, spec: { names: { kind, plural, ...(singular ? { singular } : {}) } } } });

describe('shared/katalog documentForEntry (a crdFile holding several CRDs)', () => {
  const two = [crd('Database', 'databases', 'database'), crd('App', 'apps', 'app')];
  const cases: { name: string; entry: string; documents: ReturnType<typeof crd>[]; kind: string; warns?: RegExp }[] = [
    { name: 'one document is read whatever the entry is called', entry: 'anything', documents: [crd('App', 'apps')], kind: 'App' },
    { name: 'the entry named after the singular reads that CRD', entry: 'app', documents: two, kind: 'App' },
    { name: 'a kind or plural spelled with dashes or case also matches', entry: 'Data-Bases', documents: two, kind: 'Database' },
    { name: 'no CRD named for the entry: the first, as the Go runtime reads it, with a warning', entry: 'cache', documents: two, kind: 'Database', warns: /crdFile crds\.yaml holds 2 CustomResourceDefinitions \(Database, App\) and none is named for entry 'cache'; reading the first/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { document, warning } = documentForEntry(c.documents, c.entry, 'crds.yaml');
      expect((document.value as { spec: { names: { kind: string } } }).spec.names.kind).to.equal(c.kind);
      if (c.warns) expect(warning).to.match(c.warns);
      else expect(warning).to.equal(undefined);
    });
  }
});
