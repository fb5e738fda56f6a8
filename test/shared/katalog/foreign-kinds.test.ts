// A file that is not a Katalog, Komposer or Motif gets one line naming its kind, not a line per
// key; upstream's test files (E2E, Simulate) are named as such, with the Katalog they test.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const lines = (text: string) => parseKatalog(text, 'f.yaml').issues.map((i) => `${i.line}:${i.col} ${i.path}: ${i.message}`);

describe('shared/katalog foreign kinds', () => {
  it('names upstream\'s e2e and simulate files in one line each, with their Katalog', () => {
    const e2e = lines('apiVersion: orkestra.orkspace.io/v1\nkind: E2E\nmetadata: {name: t}\nspec:\n  katalog: ./katalog.yaml\n  cluster: {provider: kind}\n  expect: []\n');
    expect(e2e).to.deep.equal([
      "2:7 kind: not supported: kind E2E is the Go runtime's 'ork e2e' test file, not a Katalog, Komposer or Motif; this runtime has no 'ork e2e' (its Katalog: ./katalog.yaml; validate or template that file)",
    ]);
    const simulate = lines('apiVersion: orkestra.orkspace.io/v1\nkind: Simulate\nspec:\n  cycles: 3\n');
    expect(simulate).to.have.length(1);
    expect(simulate[0]).to.contain("'ork simulate' test file").and.not.contain('its Katalog');
  });

  it('gives any other kind without a Katalog body one line', () => {
    expect(lines('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: []\n')).to.deep.equal([
      '2:7 kind: kind "Service" is not a Katalog, Komposer or Motif: this file is not one (write kind: Katalog, Komposer or Motif, or give the Katalog\'s own file)',
    ]);
  });

  it('names a file holding only an include fragment, and leaves other kind-less documents to the usual checks', () => {
    expect(lines('fields:\n  - path: phase\n    value: Pending\n')).to.deep.equal([
      '1:1 fields: this file is an include: fragment (root key fields:), not a Katalog, Komposer or Motif; it is checked through the Katalog whose status block includes it: validate that file',
    ]);
    expect(lines('rules: []\n')[0]).to.contain('whose validation or mutation block includes it');
    expect(lines('fields: []\nextra: 1\n').length).to.be.greaterThan(1);
  });

  it('leaves a misspelt kind on a Katalog body to the usual checks', () => {
    const found = lines('apiVersion: orkestra.orkspace.io/v1\nkind: Katalg\nmetadata: {name: k}\nspec:\n  crds:\n    a:\n      apiTypes: {group: a.io, version: v1, kind: A, plural: as}\n');
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^2:7 kind: must be one of/);
  });
});
