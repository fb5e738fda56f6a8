import { expect } from 'chai';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import {
  OciClient,
  parseReference,
  parseChallenges,
  parseManifest,
  formatReference,
  type OciReference,
} from '../../../resolver/oci/client.js';
import { ociTarget, layerUse, isWantedFile, ociSource, KATALOG_LAYER_MEDIA_TYPE, CRD_LAYER_MEDIA_TYPE, KATALOG_TAR_LAYER_MEDIA_TYPE } from '../../../resolver/sources/oci.js';
import { startHttpServer, type TestServer } from '../../support/https-server.js';
import { thrown, rejection } from '../../support/errors.js';

const D = `sha256:${'c'.repeat(64)}`;

describe('resolver/oci/client parseReference', () => {
  const good: Array<[string, OciReference]> = [
    ['registry.example.org/orkestra/postgres:1.4.0', { registry: 'registry.example.org', repository: 'orkestra/postgres', tag: '1.4.0' }],
    [`registry.example.org/orkestra/postgres@${D}`, { registry: 'registry.example.org', repository: 'orkestra/postgres', digest: D }],
    [`127.0.0.1:5000/a/b/c:v1@${D}`, { registry: '127.0.0.1:5000', repository: 'a/b/c', tag: 'v1', digest: D }],
    ['localhost/x:latest', { registry: 'localhost', repository: 'x', tag: 'latest' }],
    ['oci://Reg.Example.org/a_b/c-d:1.0', { registry: 'reg.example.org', repository: 'a_b/c-d', tag: '1.0' }],
  ];
  for (const [input, want] of good) {
    it(`parses ${input}`, () => {
      expect(parseReference(input, 'l')).to.deep.equal(want);
    });
  }
  const bad: Array<[string, RegExp]> = [
    ['postgres:1.0', /no registry host/],
    ['library/postgres:1.0', /not a registry host/],
    ['registry.example.org/orkestra/postgres', /neither a tag nor a digest/],
    ['registry.example.org/Orkestra/postgres:1', /repository name/],
    ['registry.example.org/x:-bad', /valid tag/],
    ['registry.example.org/x@sha256:abc', /sha256/],
    [`registry.example.org/x@sha512:${'a'.repeat(128)}`, /sha256/],
  ];
  for (const [input, says] of bad) {
    it(`refuses ${input}`, () => {
      const e = thrown(() => parseReference(input, 'l'));
      expect(e.code).to.equal('IMPORT_INVALID');
      expect(e.message).to.match(says);
    });
  }
  it('formats a reference with the digest preferred over the tag', () => {
    expect(formatReference({ registry: 'r.io', repository: 'a', tag: 't', digest: D })).to.equal(`r.io/a@${D}`);
    expect(formatReference({ registry: 'r.io', repository: 'a', tag: 't' })).to.equal('r.io/a:t');
  });
});

describe('resolver/oci/client parseChallenges', () => {
  const cases: Array<[string, Array<{ scheme: string; params: Record<string, string> }>]> = [
    ['Basic realm="test"', [{ scheme: 'basic', params: { realm: 'test' } }]],
    [
      'Bearer realm="https://auth.example.org/token",service="registry.example.org",scope="repository:a/b:pull,push"',
      [{ scheme: 'bearer', params: { realm: 'https://auth.example.org/token', service: 'registry.example.org', scope: 'repository:a/b:pull,push' } }],
    ],
    ['Bearer realm=https://x/t, service=svc', [{ scheme: 'bearer', params: { realm: 'https://x/t', service: 'svc' } }]],
    [
      'Basic realm="r", Bearer realm="https://t/x",error="insufficient_scope"',
      [
        { scheme: 'basic', params: { realm: 'r' } },
        { scheme: 'bearer', params: { realm: 'https://t/x', error: 'insufficient_scope' } },
      ],
    ],
    ['Bearer realm="a \\"quoted\\" realm"', [{ scheme: 'bearer', params: { realm: 'a "quoted" realm' } }]],
    ['', []],
  ];
  for (const [header, want] of cases) {
    it(`parses ${JSON.stringify(header)}`, () => {
      expect(parseChallenges(header)).to.deep.equal(want);
    });
  }
});

describe('resolver/oci/client parseManifest', () => {
  const desc = { mediaType: 'a', digest: D, size: 1 };
  it('recognises a manifest and an index, taking the media type from the body or the header', () => {
    const m = parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, config: desc, layers: [desc] })), 'application/vnd.docker.distribution.manifest.v2+json', 'l', 'm');
    expect(m.kind).to.equal('manifest');
    expect(m.mediaType).to.equal('application/vnd.docker.distribution.manifest.v2+json');
    const i = parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [desc] })), undefined, 'l', 'm');
    expect(i.kind).to.equal('index');
  });
  const bad: Array<[string, unknown, RegExp]> = [
    ['not JSON', 'nope', /JSON object/],
    ['schema 1', { schemaVersion: 1, fsLayers: [] }, /schemaVersion 1/],
    ['no layers', { schemaVersion: 2, config: desc }, /neither/],
    ['a layer without a size', { schemaVersion: 2, config: desc, layers: [{ mediaType: 'a', digest: D }] }, /neither/],
  ];
  for (const [title, body, says] of bad) {
    it(`refuses ${title}`, () => {
      const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      expect(thrown(() => parseManifest(bytes, undefined, 'l', 'm')).message).to.match(says);
    });
  }
});

describe('resolver/sources/oci target and layer layout', () => {
  it('maps both spellings to one target; plain http only for loopback or an explicit http:// URL', () => {
    const a = ociTarget({ ref: '127.0.0.1:5000/o/p:1.0' });
    expect(a.plainHttp).to.equal(true);
    expect(a.label).to.equal('oci:127.0.0.1:5000/o/p:1.0');
    expect(ociTarget({ ref: 'registry.example.org/o/p:1.0' }).plainHttp).to.equal(false);
    const b = ociTarget({ url: 'oci://registry.example.org/o/p', oci: true, version: '1.0' });
    expect(b.reference).to.deep.equal({ registry: 'registry.example.org', repository: 'o/p', tag: '1.0' });
    expect(b.plainHttp).to.equal(false);
    expect(ociTarget({ url: 'https://localhost:5000/o/p', version: '1.0' }).plainHttp).to.equal(false);
    expect(ociTarget({ url: 'http://localhost:5000/o/p', version: D }).reference.digest).to.equal(D);
    expect(thrown(() => ociTarget({ url: 'registry.example.org/o/p', oci: true })).message).to.contain('version');
    expect(thrown(() => ociTarget({ url: 'ftp://registry.example.org/o/p', version: '1' })).message).to.contain('https://');
    expect(thrown(() => ociTarget({ ref: 'r.io/a:1', digest: 'md5:x' })).code).to.equal('IMPORT_INVALID');
  });

  it('refuses plain http to a registry that is not on this machine, before any request', async () => {
    const e = await rejection(ociSource({ url: 'http://registry.example.org/o/p', oci: true, version: '1' }).fetch({ env: {}, baseDir: '.', allowOutsidePaths: false }));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.message).to.contain('plain http');
  });

  const layers: Array<[string, string | undefined, string]> = [
    [KATALOG_LAYER_MEDIA_TYPE, undefined, 'raw:katalog.yaml'],
    [KATALOG_LAYER_MEDIA_TYPE, 'ops/katalog.yaml', 'raw:ops/katalog.yaml'],
    [CRD_LAYER_MEDIA_TYPE, undefined, `raw:crds/${'c'.repeat(12)}.yaml`],
    [KATALOG_TAR_LAYER_MEDIA_TYPE, undefined, 'tar'],
    ['application/vnd.oci.image.layer.v1.tar+gzip', 'bundle', 'tar'],
    ['application/vnd.oci.image.layer.v1.tar', 'katalog.yaml', 'raw:katalog.yaml'],
    ['application/yaml', 'crds/site.yaml', 'raw:crds/site.yaml'],
    ['application/yaml', 'values.yaml', 'skip'],
    ['text/markdown', 'README.md', 'skip'],
    ['application/octet-stream', undefined, 'skip'],
  ];
  for (const [mediaType, title, want] of layers) {
    it(`layer ${mediaType}${title ? ` titled ${title}` : ''} → ${want}`, () => {
      const use = layerUse({ mediaType, digest: D, size: 1, ...(title ? { annotations: { 'org.opencontainers.image.title': title } } : {}) });
      expect(use.kind === 'raw' ? `raw:${use.path}` : use.kind).to.equal(want);
    });
  }
  const files: Array<[string, boolean]> = [
    ['katalog.yaml', true],
    ['katalog.yml', true],
    ['katalog.json', true],
    ['sub/katalog.yaml', true],
    ['crds/a.yaml', true],
    ['x/crds/b.json', true],
    ['crds/readme.md', false],
    ['values.yaml', false],
    ['mykatalog.yaml', false],
  ];
  for (const [path, want] of files) {
    it(`isWantedFile(${path}) = ${want}`, () => expect(isWantedFile(path)).to.equal(want));
  }
});

describe('resolver/oci/client bearer token exchange (fake registry on 127.0.0.1)', () => {
  let server: TestServer;
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'a', digest: D, size: 2 }, layers: [] }));
  const manifestDigest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  const blob = Buffer.from('kind: Katalog\n');
  const blobDigest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
  const basic = `Basic ${Buffer.from('robot:tok3n').toString('base64')}`;
  let announcedDigest: string | undefined;

  before(async () => {
    server = await startHttpServer();
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => {
    announcedDigest = undefined;
    server.reset((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', server.origin);
      if (url.pathname === '/token') {
        if (req.headers.authorization !== basic) return void res.writeHead(401).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'registry-token' }));
        return;
      }
      if (req.headers.authorization !== 'Bearer registry-token') {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="${server.origin}/token",service="fake-registry",scope="repository:team/app:pull"`,
        });
        res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
        return;
      }
      if (url.pathname === '/v2/team/app/manifests/1.0') {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': announcedDigest ?? manifestDigest }).end(manifest);
        return;
      }
      if (url.pathname === `/v2/team/app/blobs/${blobDigest}`) return void res.writeHead(200).end(blob);
      res.writeHead(404).end('{"errors":[{"code":"BLOB_UNKNOWN"}]}');
    });
  });

  const client = (authorization?: string): OciClient =>
    new OciClient(`127.0.0.1:${server.port}`, 'team/app', { label: 'oci:test', plainHttp: true, ...(authorization ? { authorization } : {}), credentialOrigin: ['$U', '$P'] });

  it('answers the Bearer challenge at the realm with service and scope, then reuses the token', async () => {
    const c = client(basic);
    const m = await c.fetchManifest('1.0');
    expect(m.digest).to.equal(manifestDigest);
    const b = await c.fetchBlob({ mediaType: 'x', digest: blobDigest, size: blob.length });
    expect(b.equals(blob)).to.equal(true);
    const tokenRequests = server.requests.filter((r) => r.path.startsWith('/token'));
    expect(tokenRequests).to.have.length(1);
    const q = new URL(tokenRequests[0]!.path, server.origin).searchParams;
    expect(q.get('service')).to.equal('fake-registry');
    expect(q.get('scope')).to.equal('repository:team/app:pull');
    expect(tokenRequests[0]!.headers.authorization).to.equal(basic);
    const blobRequest = server.requests.find((r) => r.path.includes('/blobs/'));
    expect(blobRequest?.headers.authorization).to.equal('Bearer registry-token');
  });

  it('reports credentials refused by the token service as IMPORT_AUTH_FAILED naming their origin', async () => {
    const e = await rejection(client(`Basic ${Buffer.from('robot:wrong').toString('base64')}`).fetchManifest('1.0'));
    expect(e.code).to.equal('IMPORT_AUTH_FAILED');
    expect(e.message).to.contain('$U and $P');
  });

  it('without credentials says which are needed', async () => {
    const e = await rejection(client().fetchManifest('1.0'));
    expect(e.code).to.equal('IMPORT_AUTH_FAILED');
    expect(e.message).to.contain('requires credentials');
  });

  it('refuses a manifest whose Docker-Content-Digest disagrees with its bytes', async () => {
    announcedDigest = D;
    const e = await rejection(client(basic).fetchManifest('1.0'));
    expect(e.code).to.equal('DIGEST_MISMATCH');
  });

  it('refuses a manifest that does not hash to the requested digest', async () => {
    const e = await rejection(client(basic).fetchManifest('1.0', { digest: D }));
    expect(e.code).to.equal('DIGEST_MISMATCH');
    expect(e.message).to.contain(D).and.to.contain(manifestDigest);
  });

  it('refuses a blob larger than the limit before downloading it, and a short one as a mismatch', async () => {
    const big = await rejection(client(basic).fetchBlob({ mediaType: 'x', digest: blobDigest, size: 100 }, 10));
    expect(big.code).to.equal('IMPORT_TOO_LARGE');
    expect(server.requests.some((r) => r.path.includes('/blobs/'))).to.equal(false);
    const short = await rejection(client(basic).fetchBlob({ mediaType: 'x', digest: blobDigest, size: blob.length + 5 }));
    expect(short.code).to.equal('DIGEST_MISMATCH');
  });

  it('refuses plainHttp for a registry that is not loopback', () => {
    expect(thrown(() => new OciClient('registry.example.org', 'a', { label: 'l', plainHttp: true })).message).to.contain('plain http');
  });
});

describe('resolver/sources/oci ociSource construction', () => {
  it('never throws when built; a malformed import is rejected by fetch() under its label', async () => {
    const source = ociSource({ ref: 'postgres:1.0' });
    expect(source.label).to.equal('oci:postgres:1.0');
    const e = await rejection(source.fetch({ env: {}, baseDir: '.', allowOutsidePaths: false }));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.source).to.equal('oci:postgres:1.0');
  });
});
