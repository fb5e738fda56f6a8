// The pure part of `ork run`'s sample CRs: which crFiles a Katalog names, which local Katalogs a
// Komposer imports, and whether a document is a CR the bundle's CRDs serve.
import { expect } from 'chai';
import { checkSampleCr, localImportPaths, sampleFileRefs } from '../../../cli/run/sample-crs.js';
import type { CrdObject } from '../../../shared/bundle/payload.js';
import type { KatalogDocument } from '../../../shared/katalog/index.js';
import { thrown } from '../../support/errors.js';

const crd = (scope: string, versions: { name: string; served?: boolean }[]): CrdObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.test' },
  spec: { group: 'example.test', scope, names: { kind: 'Gadget', plural: 'gadgets' }, versions },
}) as unknown as CrdObject;

const doc = (value: Partial<KatalogDocument>): KatalogDocument => ({ apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'k' }, spec: { crds: {} }, ...value }) as KatalogDocument;


describe('cli/run/sample-crs', () => {
  const served = [crd('Namespaced', [{ name: 'v1' }, { name: 'v1beta1', served: false }])];

  it('lists crFiles of every entry in order, with the entry and the declaring file', () => {
    const refs = sampleFileRefs(doc({ spec: { crds: { a: { crFiles: ['a1.yaml', 'a2.yaml'] }, b: {}, c: { crFiles: ['c.yaml'] } } } as never }), '/k/katalog.yaml');
    expect(refs).to.deep.equal([
      { entry: 'a', declaredIn: '/k/katalog.yaml', crFile: 'a1.yaml' },
      { entry: 'a', declaredIn: '/k/katalog.yaml', crFile: 'a2.yaml' },
      { entry: 'c', declaredIn: '/k/katalog.yaml', crFile: 'c.yaml' },
    ]);
  });

  it('follows a Komposer\'s local file imports only (strings, {path} and a scheme-less {url}), not URLs or $NAME', () => {
    const files = ['./a.yaml', { path: 'b/katalog.yaml' }, 'https://example.test/k.yaml', { url: 'https://example.test/x.yaml' }, { url: './c.yaml' }, '$FROM_ENV'];
    const komposer = doc({ kind: 'Komposer', imports: { files } } as never);
    expect(localImportPaths(komposer)).to.deep.equal(['./a.yaml', 'b/katalog.yaml', './c.yaml']);
    expect(localImportPaths(doc({}))).to.deep.equal([]);
  });

  it('accepts a CR of a served version and kind', () => {
    const cr = { apiVersion: 'example.test/v1', kind: 'Gadget', metadata: { name: 'g1' }, spec: { size: 2 } };
    expect(checkSampleCr(cr, 'g.yaml', 0, served)).to.equal(cr);
  });

  it('refuses a CR of a version the CRD does not serve, naming the file, the document and what is served', () => {
    const e = thrown(() => checkSampleCr({ apiVersion: 'example.test/v1beta1', kind: 'Gadget', metadata: { name: 'g' } }, 'g.yaml', 1, served));
    expect(e.code).to.equal('CR_INVALID');
    expect(e.message).to.contain('g.yaml (document 2)').and.contain('example.test/v1 Gadget').and.contain('crFiles');
  });

  it('refuses a document that is not a CR', () => {
    expect(thrown(() => checkSampleCr('just text', 'g.yaml', 0, served)).message).to.contain('is not a mapping');
    expect(thrown(() => checkSampleCr({ kind: 'Gadget', metadata: { name: 'g' } }, 'g.yaml', 0, served)).message).to.contain('needs apiVersion and kind');
    expect(thrown(() => checkSampleCr({ apiVersion: 'example.test/v1', kind: 'Gadget', metadata: {} }, 'g.yaml', 0, served)).message).to.contain('needs metadata.name');
  });

  it('refuses a namespace on a CR of a cluster-scoped CRD', () => {
    const cluster = [crd('Cluster', [{ name: 'v1' }])];
    const e = thrown(() => checkSampleCr({ apiVersion: 'example.test/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'x' } }, 'g.yaml', 0, cluster));
    expect(e.message).to.contain('cluster-scoped');
  });
});
