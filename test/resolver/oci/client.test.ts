import { expect } from 'chai';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { OciClient } from '../../../resolver/oci/client.js';
import { startHttpServer, type TestServer } from '../../support/https-server.js';
import { thrown, rejection } from '../../support/errors.js';

const D = `sha256:${'c'.repeat(64)}`;

describe('resolver/oci/client bearer token exchange (fake registry on 127.0.0.1)', () => {
  let server: TestServer;
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'a', digest: D, size: 2 }, layers: [] }));
  const manifestDigest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  const blob = Buffer.from('kind: Katalog\n');
  const blobDigest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
  const basic = `Basic ${Buffer.from('robot:tok3n').toString('base64')}`;
  let announcedDigest: string | undefined;
  const postedForms: URLSearchParams[] = [];

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
      if (url.pathname === '/token' && req.method === 'POST') {
        // The OAuth2 refresh-token grant docker uses for an identity token: a form body, no header.
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString('utf8')));
        req.on('end', () => {
          postedForms.push(new URLSearchParams(body));
          const form = new URLSearchParams(body);
          const ok = form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'id-token-123' && req.headers.authorization === undefined;
          if (!ok) return void res.writeHead(401).end();
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'registry-token' }));
        });
        return;
      }
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

  it('exchanges an identity token by POST grant_type=refresh_token with service and scope', async () => {
    postedForms.length = 0;
    const c = new OciClient(`127.0.0.1:${server.port}`, 'team/app', { label: 'oci:test', plainHttp: true, identityToken: 'id-token-123', credentialOrigin: ['config.json'] });
    expect((await c.fetchManifest('1.0')).digest).to.equal(manifestDigest);
    expect(postedForms).to.have.length(1);
    expect(postedForms[0]!.get('service')).to.equal('fake-registry');
    expect(postedForms[0]!.get('scope')).to.equal('repository:team/app:pull');
    expect(postedForms[0]!.get('client_id')).to.equal('orkestra');
    const tokenRequest = server.requests.find((r) => r.path.startsWith('/token'));
    expect(tokenRequest?.path, 'the refresh token never goes into the URL').to.equal('/token');
  });

  it('reports an identity token the token service refuses as IMPORT_AUTH_FAILED naming its origin, without the token', async () => {
    const c = new OciClient(`127.0.0.1:${server.port}`, 'team/app', { label: 'oci:test', plainHttp: true, identityToken: 'stale-token-456', credentialOrigin: ['config.json'] });
    const e = await rejection(c.fetchManifest('1.0'));
    expect(e.code).to.equal('IMPORT_AUTH_FAILED');
    expect(e.message).to.contain('config.json');
    expect(e.message).not.to.contain('stale-token-456');
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
