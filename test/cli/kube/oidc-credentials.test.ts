// The OIDC auth-provider against real HTTPS servers on 127.0.0.1: an issuer (discovery document and
// token endpoint) and an API server stand-in that records the Authorization header it receives.
// An unexpired id-token is sent as is; an expired one is refreshed with grant_type=refresh_token.
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { expect } from 'chai';
import { createKubeClient, loadKubeConfig } from '../../../cli/kube/index.js';
import { jwtExpiry } from '../../../cli/kube/oidc-credentials.js';
import { OrkError } from '../../../shared/errors.js';
import { scrubSecrets } from '../../../shared/secrets.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../../support/https-server.js';
import { tempDir } from '../../support/tools.js';

const jwt = (claims: Record<string, unknown>, tag: string) =>
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${tag}`;
const nowS = () => Math.floor(Date.now() / 1000);

describe('cli/kube/oidc-credentials', function () {
  this.timeout(20_000);
  const dir = tempDir('oidc');
  let ca: TestCa;
  let server: TestServer;
  const forms: URLSearchParams[] = [];
  const refreshed = jwt({ exp: nowS() + 3600, sub: 'alice' }, 'REFRESHED-SIG');

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/issuer/.well-known/openid-configuration') return json(200, { issuer: `${server.origin}/issuer`, token_endpoint: `${server.origin}/issuer/token` });
    if (req.url === '/issuer/token') {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        forms.push(form);
        if (form.get('refresh_token') !== 'REFRESH-1') return json(400, { error: 'invalid_grant' });
        json(200, { id_token: refreshed, refresh_token: 'REFRESH-2', token_type: 'Bearer' });
      });
      return;
    }
    if (req.url === '/api') return json(200, { kind: 'APIVersions', versions: ['v1'] });
    res.writeHead(404).end();
  };

  before(async () => {
    ca = await makeTestCa();
    server = await startHttpsServer(ca, handler);
  });
  after(async () => {
    await server.close();
    await ca.remove();
  });
  beforeEach(() => { server.requests.length = 0; forms.length = 0; });

  const kubeconfig = (config: Record<string, string>) => {
    const path = join(dir, 'config');
    const b64 = Buffer.from(ca.caCert).toString('base64');
    writeFileSync(path, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'x',
      clusters: [{ name: 'c', cluster: { server: server.origin, 'certificate-authority-data': b64 } }],
      users: [{ name: 'u', user: { 'auth-provider': { name: 'oidc', config: { 'idp-certificate-authority-data': b64, ...config } } } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    }));
    return path;
  };
  const apiAuthorizations = async (path: string) => {
    const client = createKubeClient(loadKubeConfig({ env: {}, path }), { userAgent: 'orkestra-test' });
    try {
      await client.request('GET', '/api');
      await client.request('GET', '/api');
    } finally {
      await client.close();
    }
    return server.requests.filter((r) => r.path === '/api').map((r) => r.headers.authorization);
  };
  const issuer = () => ({ 'idp-issuer-url': `${server.origin}/issuer`, 'client-id': 'ork', 'client-secret': 'CLIENT-SECRET-1' });

  it('reads exp from a JWT', () => {
    expect(jwtExpiry(jwt({ exp: 1700000000 }, 's'))).to.equal(1700000000000);
    expect(jwtExpiry('not-a-jwt')).to.equal(undefined);
  });

  it('sends an unexpired id-token without asking the issuer', async () => {
    const valid = jwt({ exp: nowS() + 600 }, 'VALID-SIG');
    expect(await apiAuthorizations(kubeconfig({ 'id-token': valid, 'refresh-token': 'REFRESH-1', ...issuer() }))).to.deep.equal([`Bearer ${valid}`, `Bearer ${valid}`]);
    expect(forms).to.deep.equal([]);
  });

  it('refreshes an expired id-token once through discovery and the token endpoint', async () => {
    const expired = jwt({ exp: nowS() - 60 }, 'EXPIRED-SIG');
    expect(await apiAuthorizations(kubeconfig({ 'id-token': expired, 'refresh-token': 'REFRESH-1', ...issuer() }))).to.deep.equal([`Bearer ${refreshed}`, `Bearer ${refreshed}`]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /issuer/.well-known/openid-configuration', 'POST /issuer/token', 'GET /api', 'GET /api']);
    expect(forms.map((f) => Object.fromEntries(f))).to.deep.equal([{ grant_type: 'refresh_token', refresh_token: 'REFRESH-1', client_id: 'ork', client_secret: 'CLIENT-SECRET-1' }]);
  });

  it('a refused refresh fails naming the endpoint, without any token in the message', async () => {
    const expired = jwt({ exp: nowS() - 60 }, 'EXPIRED-SIG');
    const e = await apiAuthorizations(kubeconfig({ 'id-token': expired, 'refresh-token': 'REFRESH-WRONG', ...issuer() })).then(() => undefined, (err: unknown) => err);
    expect(e).to.be.instanceOf(OrkError);
    const shown = scrubSecrets(String((e as Error).message));
    expect(shown).to.include('/issuer/token').and.include('400');
    for (const secret of ['REFRESH-WRONG', 'CLIENT-SECRET-1', expired]) expect((e as Error).message).to.not.include(secret);
  });
});
