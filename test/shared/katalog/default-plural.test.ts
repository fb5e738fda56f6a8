// A custom kind's apiTypes without plural: filled as the entry's name plus "s", as upstream's loader
// fills it; a warning only where that is not the kind's own lower-case plural.
import { expect } from 'chai';
import { defaultPlural, fillDefaultPlurals } from '../../../shared/katalog/default-plural.js';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (name: string, apiTypes: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: gate
spec:
  crds:
    ${name}:
      apiTypes: ${apiTypes}
`;

describe('shared/katalog default plural', () => {
  it('fills plural from the entry name, without a line when it is the kind\'s own', () => {
    const { document, issues } = parseKatalog(katalog('app', '{group: apps.demo.io, kind: App, version: v1alpha1}'), 'k.yaml');
    expect(issues).to.deep.equal([]);
    expect(document!.spec.crds.app!.apiTypes).to.deep.equal({ group: 'apps.demo.io', kind: 'App', version: 'v1alpha1', plural: 'apps' });
  });

  it('warns, at the apiTypes key, when the filled plural is not the kind\'s', () => {
    const { document, issues } = parseKatalog(katalog('db', '{group: data.demo.io, kind: Database, version: v1}'), 'k.yaml');
    expect(document!.spec.crds.db!.apiTypes!.plural).to.equal('dbs');
    expect(issues.map((i) => [i.line, i.col, i.severity, i.path])).to.deep.equal([[8, 7, 'warning', 'spec.crds.db.apiTypes']]);
    expect(issues[0]!.message).to.contain('"dbs" is used').and.contain('write plural:');
  });

  it('leaves a written plural, a built-in kind and an entry without apiTypes alone', () => {
    const doc = { spec: { crds: { a: { apiTypes: { kind: 'A', group: 'x.io', version: 'v1', plural: 'ays' } }, b: { apiTypes: { kind: 'Deployment' } }, c: { crdFile: 'c.yaml' } } } };
    expect(fillDefaultPlurals(doc)).to.equal(doc);
    expect(fillDefaultPlurals('text')).to.equal('text');
  });

  it('lower-cases the name and drops its spaces, as upstream normalises entry names', () => {
    expect(defaultPlural('Web App')).to.equal('webapps');
    expect(defaultPlural('watch-probe')).to.equal('watch-probes');
  });
});
