import { expect } from 'chai';
import { dropEmptyBlocks } from '../../../shared/katalog/empty-blocks.js';
import { parseKatalog } from '../../../shared/katalog/index.js';

describe('shared/katalog dropEmptyBlocks', () => {
  const cases: { name: string; input: unknown; want: unknown }[] = [
    { name: 'drops a block key written with nothing', input: { spec: { crds: { web: { apiTypes: null, crdFile: './c.yaml', operatorBox: null } } } }, want: { spec: { crds: { web: { crdFile: './c.yaml' } } } } },
    { name: 'reads an entry of spec.crds written with nothing as an empty entry', input: { spec: { crds: { db: null, web: { workers: 2 } } } }, want: { spec: { crds: { db: {}, web: { workers: 2 } } } } },
    { name: "keeps a null inside a child's data", input: { spec: { crds: { web: { operatorBox: { onCreate: { configMaps: [{ data: { empty: null } }] } } } } } }, want: { spec: { crds: { web: { operatorBox: { onCreate: { configMaps: [{ data: { empty: null } }] } } } } } } },
  ];
  for (const c of cases) it(c.name, () => expect(dropEmptyBlocks(c.input)).to.deep.equal(c.want));

  it('an empty entry of a Katalog still needs its API types (bad input: one precise line)', () => {
    const { issues } = parseKatalog('apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata:\n  name: k\nspec:\n  crds:\n    db:\n', 'k.yaml');
    expect(issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}: ${i.path}: ${i.message}`)).to.deep.equal(['7: spec.crds.db: give exactly one of apiTypes, crdFile or crd (found none)']);
  });
});
