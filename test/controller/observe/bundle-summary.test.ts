import { expect } from 'chai';
import { buildBundlePayload, type BundlePayload } from '../../../shared/bundle/payload.js';
import { KATALOG_API_VERSION, type KatalogDocument } from '../../../shared/katalog/types.js';
import { bundleSummary, REDACTED_REF } from '../../../controller/observe/bundle-summary.js';

const SECRET = 'ghp_S3cr3tT0kenThatMustNeverLeak0123456789';
const TEMPLATE = '{{ .spec.title }} password={{ .spec.password }}';
const ENV_NAME = 'ORKESTRA_GITHUB_TOKEN_ENV';
const DIGEST = `sha256:${'d'.repeat(64)}`;

function payloadWithSecrets(): BundlePayload {
  const katalog = {
    apiVersion: KATALOG_API_VERSION,
    kind: 'Katalog',
    metadata: { name: 'websites', annotations: { note: SECRET } },
    imports: { files: [{ url: 'https://example.com/k.yaml', auth: { type: 'bearer', fromEnv: ENV_NAME } }] },
    spec: {
      crds: {
        website: {
          apiTypes: { group: 'example.com', version: 'v1', kind: 'Website', plural: 'websites' },
          operatorBox: {
            onCreate: {
              configMaps: [{ name: '{{ .metadata.name }}', data: { 'index.html': TEMPLATE, token: SECRET } }],
              secrets: [{ name: 'creds', stringData: { password: SECRET } }],
            },
          },
        },
      },
    },
  } as unknown as KatalogDocument;
  return buildBundlePayload({
    resolverVersion: '0.1.0',
    katalog,
    crds: [
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'websites.example.com', annotations: { hint: SECRET } },
        spec: { description: SECRET },
      },
    ],
    imports: [
      { ref: 'file:./base/katalog.yaml', digest: `sha256:${'a'.repeat(64)}`, size: 812, mediaType: 'application/yaml' },
      { ref: `oci:ghcr.io/acme/katalogs@sha256:${'b'.repeat(64)}`, digest: `sha256:${'b'.repeat(64)}`, size: 4096, mediaType: 'application/vnd.oci.image.manifest.v1+json' },
    ],
  });
}

describe('controller/observe/bundle-summary', () => {
  it('holds exactly the allow-listed fields', () => {
    const summary = bundleSummary(payloadWithSecrets(), DIGEST, 'key-1');
    expect(summary).to.deep.equal({
      digest: DIGEST,
      keyid: 'key-1',
      resolver: { name: 'orkestra', version: '0.1.0' },
      katalog: 'websites',
      crds: ['websites.example.com'],
      imports: [
        { ref: 'file:./base/katalog.yaml', digest: `sha256:${'a'.repeat(64)}`, size: 812, mediaType: 'application/yaml' },
        { ref: `oci:ghcr.io/acme/katalogs@sha256:${'b'.repeat(64)}`, digest: `sha256:${'b'.repeat(64)}`, size: 4096, mediaType: 'application/vnd.oci.image.manifest.v1+json' },
      ],
    });
  });

  it('never carries template text, env names, secrets or CRD bodies from the payload', () => {
    const payload = payloadWithSecrets();
    expect(JSON.stringify(payload)).to.include(SECRET);
    const json = JSON.stringify(bundleSummary(payload, DIGEST, 'key-1'));
    for (const forbidden of [SECRET, TEMPLATE, '{{', ENV_NAME, 'fromEnv', 'operatorBox', 'stringData', 'description', 'annotations']) {
      expect(json, forbidden).to.not.include(forbidden);
    }
  });

  it('omits keyid when it is not known', () => {
    expect(bundleSummary(payloadWithSecrets(), DIGEST)).to.not.have.property('keyid');
  });

  it('does not pass through fields smuggled into an import record', () => {
    const payload = payloadWithSecrets();
    (payload.imports[0] as unknown as Record<string, unknown>).token = SECRET;
    const summary = bundleSummary(payload, DIGEST);
    expect(Object.keys(summary.imports[0]!).sort()).to.deep.equal(['digest', 'mediaType', 'ref', 'size']);
    expect(JSON.stringify(summary)).to.not.include(SECRET);
  });

  const badRefs: Array<[string, string]> = [
    ['credentials in a URL', `url:https://user:${SECRET}@example.com/k.yaml`],
    ['a token in a query string', `url:https://example.com/k.yaml?token=${SECRET}`],
    ['no known scheme', `${SECRET}`],
  ];
  for (const [what, ref] of badRefs) {
    it(`redacts an import ref with ${what} (defence in depth: the payload reader refuses it already)`, () => {
      const payload = payloadWithSecrets();
      payload.imports[0]!.ref = ref;
      const summary = bundleSummary(payload, DIGEST);
      expect(summary.imports[0]!.ref).to.equal(REDACTED_REF);
      expect(summary.imports[1]!.ref).to.equal(`oci:ghcr.io/acme/katalogs@sha256:${'b'.repeat(64)}`);
      expect(JSON.stringify(summary)).to.not.include(SECRET);
    });
  }
});
