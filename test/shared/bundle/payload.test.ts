import { expect } from 'chai';
import { canonicalJsonBytes } from '../../../shared/bundle/canonical-json.js';
import { buildBundlePayload, importRefProblem, parseBundlePayload, payloadIssues } from '../../../shared/bundle/payload.js';
import { OrkError } from '../../../shared/errors.js';
import { sampleCrd, sampleKatalog, samplePayload } from './fixtures.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function mutated(change: (doc: Doc) => void): Doc {
  const doc = JSON.parse(JSON.stringify(samplePayload())) as Doc;
  change(doc);
  return doc;
}

describe('shared/bundle/payload', () => {
  it('builds the documented shape and nothing else (no timestamps)', () => {
    const p = samplePayload();
    expect(Object.keys(p).sort()).to.deep.equal(['crds', 'imports', 'katalog', 'resolver', 'schemaVersion']);
    expect(p.schemaVersion).to.equal(1);
    expect(p.resolver).to.deep.equal({ name: 'orkestra', version: '0.1.0' });
    expect(canonicalJsonBytes(p).toString()).not.to.match(/\d{4}-\d\d-\d\dT/);
  });

  it('drops anything but ref, digest, size and mediaType from imports (e.g. a fetched body)', () => {
    const p = buildBundlePayload({
      resolverVersion: '1',
      katalog: sampleKatalog(),
      crds: [],
      imports: [{ ref: 'url:https://example.com/k.yaml', digest: `sha256:${'d'.repeat(64)}`, size: 1, mediaType: 'text/yaml', documents: [{ path: 'x', text: 'secret' }] } as never],
    });
    expect(p.imports[0]).to.deep.equal({ ref: 'url:https://example.com/k.yaml', digest: `sha256:${'d'.repeat(64)}`, size: 1, mediaType: 'text/yaml' });
  });

  it('refuses to build a payload with a credential-bearing ref, without repeating it', () => {
    try {
      buildBundlePayload({ resolverVersion: '1', katalog: sampleKatalog(), crds: [], imports: [{ ref: 'url:https://bob:hunter2@example.com/k.yaml', digest: `sha256:${'d'.repeat(64)}`, size: 1, mediaType: 'text/yaml' }] });
      expect.fail('should throw');
    } catch (e) {
      expect((e as OrkError).code).to.equal('INTERNAL');
      expect((e as OrkError).message).to.contain('imports[0].ref').and.not.to.contain('hunter2');
    }
  });

  it('parses its own canonical bytes back to an equal value', () => {
    const p = samplePayload();
    expect(parseBundlePayload(canonicalJsonBytes(p))).to.deep.equal(p);
  });

  const cases: [string, (d: Doc) => void, string][] = [
    ['schemaVersion 2', (d) => { d.schemaVersion = 2; }, 'schemaVersion'],
    ['schemaVersion missing', (d) => { delete d.schemaVersion; }, 'schemaVersion'],
    ['an unknown top-level field', (d) => { d.fetchedAt = '2024-01-01'; }, 'fetchedAt'],
    ['resolver name', (d) => { d.resolver.name = 'other'; }, 'resolver.name'],
    ['resolver version', (d) => { d.resolver.version = ''; }, 'resolver.version'],
    ['resolver extra field', (d) => { d.resolver.host = 'x'; }, 'resolver.host'],
    ['katalog missing', (d) => { delete d.katalog; }, 'katalog'],
    ['katalog apiVersion', (d) => { d.katalog.apiVersion = 'v0'; }, 'katalog.apiVersion'],
    ['katalog kind Komposer', (d) => { d.katalog.kind = 'Komposer'; }, 'katalog.kind'],
    ['katalog name', (d) => { delete d.katalog.metadata.name; }, 'katalog.metadata.name'],
    ['katalog crds', (d) => { d.katalog.spec.crds = []; }, 'katalog.spec.crds'],
    ['crds not a list', (d) => { d.crds = {}; }, 'crds'],
    ['a CRD of another kind', (d) => { d.crds[0].kind = 'ConfigMap'; }, 'crds[0].kind'],
    ['a CRD of another apiVersion', (d) => { d.crds[0].apiVersion = 'apiextensions.k8s.io/v1beta1'; }, 'crds[0].apiVersion'],
    ['a CRD without a name', (d) => { d.crds[0].metadata = {}; }, 'crds[0].metadata.name'],
    ['a duplicate CRD', (d) => { d.crds.push(sampleCrd()); }, 'crds[1].metadata.name'],
    ['imports not a list', (d) => { d.imports = null; }, 'imports'],
    ['an import digest in hex form', (d) => { d.imports[1].digest = 'b'.repeat(64); }, 'imports[1].digest'],
    ['a negative size', (d) => { d.imports[0].size = -1; }, 'imports[0].size'],
    ['a fractional size', (d) => { d.imports[0].size = 1.5; }, 'imports[0].size'],
    ['an empty mediaType', (d) => { d.imports[0].mediaType = ''; }, 'imports[0].mediaType'],
    ['an unknown import field', (d) => { d.imports[0].fetchedAt = 'now'; }, 'imports[0].fetchedAt'],
    ['an unpinned oci ref', (d) => { d.imports[1].ref = 'oci:ghcr.io/acme/katalogs:latest'; }, 'imports[1].ref'],
  ];
  for (const [name, change, path] of cases) {
    it(`rejects ${name} as MALFORMED_BUNDLE at ${path}`, () => {
      const doc = mutated(change);
      expect(payloadIssues(doc).map((i) => i.path)).to.include(path);
      try {
        parseBundlePayload(Buffer.from(JSON.stringify(doc)));
        expect.fail('should throw');
      } catch (e) {
        expect(e).to.be.instanceOf(OrkError);
        expect((e as OrkError).code).to.equal('MALFORMED_BUNDLE');
        expect((e as OrkError).message).to.contain(path);
        expect((e as OrkError).issues.map((i) => i.path)).to.include(path);
      }
    });
  }

  it('rejects bytes that are not JSON, or not an object', () => {
    for (const text of ['', '{"schemaVersion":1', '[]', 'null']) {
      expect(() => parseBundlePayload(Buffer.from(text))).to.throw(OrkError).with.property('code', 'MALFORMED_BUNDLE');
    }
  });

  describe('importRefProblem', () => {
    const ok = [
      'file:./base/katalog.yaml',
      'url:https://raw.example.com/acme/katalog.yaml',
      'helm:https://charts.example.com/website@1.2.3',
      'helm:oci://registry.example.com/charts/website@1.2.3',
      `oci:ghcr.io/acme/katalogs@sha256:${'e'.repeat(64)}`,
    ];
    for (const ref of ok) it(`accepts ${ref}`, () => expect(importRefProblem(ref)).to.equal(undefined));

    const bad: [string, RegExp][] = [
      ['https://example.com/k.yaml', /must start with/],
      ['file:', /names nothing/],
      ['url:https://bob:hunter2@example.com/k.yaml', /credentials/],
      ['url:https://token@example.com/k.yaml', /credentials/],
      ['url:https://example.com/k.yaml?token=hunter2', /query string/],
      ['helm:https://example.com/charts#hunter2', /query string or fragment/],
      ['file:./a b.yaml', /whitespace/],
      ['oci:ghcr.io/acme/katalogs:v1', /pinned by digest/],
    ];
    for (const [ref, why] of bad) {
      it(`refuses ${ref}`, () => {
        const problem = importRefProblem(ref);
        expect(problem).to.match(why);
        expect(problem).not.to.contain('hunter2');
      });
    }
  });
});
