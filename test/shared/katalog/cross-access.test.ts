// The Katalog-wide crossAccess is the default of its entries' own (upstream's KatalogFile.CrossAccess):
// `crossAccess: false` closes every CRD of the Katalog to cross reads unless an entry opens itself.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (top: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: shop}
${top}spec:
  crds:
    closed:
      apiTypes: {group: shop.example.org, version: v1, kind: Closed, plural: closeds}
    open:
      apiTypes: {group: shop.example.org, version: v1, kind: Open, plural: opens}
      crossAccess: true
`;
const access = (top: string) => {
  const parsed = parseKatalog(katalog(top), 'k.yaml');
  expect(parsed.issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
  return Object.fromEntries(Object.entries(parsed.document!.spec.crds).map(([name, e]) => [name, e.crossAccess]));
};

describe('shared/katalog Katalog-wide crossAccess', () => {
  it('is the default of each entry; an entry\'s own wins', () => {
    expect(access('crossAccess: false\n')).to.deep.equal({ closed: false, open: true });
    expect(access('crossAccess: true\n')).to.deep.equal({ closed: true, open: true });
    expect(access('')).to.deep.equal({ closed: undefined, open: true });
  });

  it('refuses a value that is not a boolean', () => {
    const parsed = parseKatalog(katalog('crossAccess: "no"\n'), 'k.yaml');
    expect(parsed.issues.filter((i) => i.severity !== 'warning').map((i) => i.path)).to.deep.equal(['crossAccess']);
  });
});
