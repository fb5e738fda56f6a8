// Who may read /metrics and /bundle: the pure parts with a recording fake of the two reviews, and
// end to end on the real API server, where real ServiceAccount tokens are reviewed by a controller
// client holding only what `ork rbac --http-auth` grants.
import { expect } from 'chai';
import { bearerToken, kubeHttpAuthorizer, SUBJECT_ACCESS_REVIEW_PATH, TOKEN_REVIEW_PATH } from '../../../controller/observe/http-auth.js';
import { startObservabilityServer, type ObservabilityServer } from '../../../controller/observe/http-server.js';
import { ControllerMetrics } from '../../../controller/observe/metrics.js';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import type { KubeClient } from '../../../shared/kube/index.js';
import { requiredPermissions, rbacManifests } from '../../../shared/rbac/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';
import { serviceAccountToken } from '../../support/service-account.js';
import { httpRequest } from './http-client.js';

interface Call { path: string; body: any }

/** A KubeClient whose `request` answers the two reviews from tables; everything else is unused. */
function reviewingClient(users: Record<string, string>, allowed: Set<string>, calls: Call[], fail = false): KubeClient {
  return {
    request: async (_method: string, path: string, body?: unknown) => {
      calls.push({ path, body });
      if (fail) throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
      const b = body as any;
      if (path === TOKEN_REVIEW_PATH) {
        const user = users[b.spec.token];
        return { status: user ? { authenticated: true, user: { username: user, groups: ['readers'] } } : { authenticated: false } };
      }
      return { status: { allowed: allowed.has(`${b.spec.user} ${b.spec.nonResourceAttributes.path}`) } };
    },
  } as unknown as KubeClient;
}

describe('controller/observe/http-auth', () => {
  it('bearerToken: takes the token of a Bearer header only', () => {
    const rows: [string | undefined, string | undefined][] = [
      ['Bearer abc.def', 'abc.def'],
      ['bearer abc', 'abc'],
      ['Bearer  abc ', 'abc'],
      [undefined, undefined],
      ['', undefined],
      ['Basic dXNlcjpwYXNz', undefined],
      ['Bearer', undefined],
      ['Bearer a b', undefined],
      [`Bearer ${'x'.repeat(20_000)}`, undefined],
    ];
    for (const [header, token] of rows) expect(bearerToken(header), String(header)).to.equal(token);
  });

  it('allows a token the API server authenticates and allows; forbids one it does not allow; 401 otherwise', async () => {
    const calls: Call[] = [];
    const auth = kubeHttpAuthorizer(reviewingClient({ good: 'prometheus', other: 'someone' }, new Set(['prometheus /metrics']), calls));
    expect(await auth.authorize('Bearer good', '/metrics')).to.equal('allowed');
    expect(await auth.authorize('Bearer good', '/bundle')).to.equal('forbidden');
    expect(await auth.authorize('Bearer other', '/metrics')).to.equal('forbidden');
    expect(await auth.authorize('Bearer nobody', '/metrics')).to.equal('unauthenticated');
    expect(await auth.authorize(undefined, '/metrics')).to.equal('unauthenticated');
    // The access review asks for exactly the user, groups and path.
    const sar = calls.find((c) => c.path === SUBJECT_ACCESS_REVIEW_PATH)!;
    expect(sar.body.spec).to.deep.equal({ user: 'prometheus', groups: ['readers'], nonResourceAttributes: { path: '/metrics', verb: 'get' } });
    // No token, or one the API server does not know: no access review at all.
    expect(calls.filter((c) => c.path === SUBJECT_ACCESS_REVIEW_PATH)).to.have.length(3);
  });

  it('reuses a decision within its TTL, by token and path, and asks again after', async () => {
    const calls: Call[] = [];
    let clock = 0;
    const auth = kubeHttpAuthorizer(reviewingClient({ good: 'prometheus' }, new Set(['prometheus /metrics']), calls), { ttlMs: 1000, now: () => clock });
    for (let i = 0; i < 5; i++) expect(await auth.authorize('Bearer good', '/metrics')).to.equal('allowed');
    expect(calls).to.have.length(2);
    await auth.authorize('Bearer good', '/bundle');
    expect(calls).to.have.length(4);
    clock = 1001;
    await auth.authorize('Bearer good', '/metrics');
    expect(calls).to.have.length(6);
  });

  it('keeps at most maxEntries decisions', async () => {
    const calls: Call[] = [];
    const users = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`t${i}`, `u${i}`]));
    const auth = kubeHttpAuthorizer(reviewingClient(users, new Set(), calls), { maxEntries: 3 });
    for (let i = 0; i < 10; i++) await auth.authorize(`Bearer t${i}`, '/metrics');
    const before = calls.length;
    await auth.authorize('Bearer t9', '/metrics'); // still cached
    await auth.authorize('Bearer t0', '/metrics'); // evicted
    expect(calls.length - before).to.equal(2);
  });

  it('a failing review is unavailable (503), not cached, and logged once without the token', async () => {
    const calls: Call[] = [];
    const lines: LogLine[] = [];
    const auth = kubeHttpAuthorizer(reviewingClient({}, new Set(), calls, true), { logger: memoryLogger(lines) });
    expect(await auth.authorize('Bearer s3cr3t-token', '/metrics')).to.equal('unavailable');
    expect(await auth.authorize('Bearer s3cr3t-token', '/metrics')).to.equal('unavailable');
    expect(calls).to.have.length(2);
    expect(lines).to.have.length(1);
    expect(lines[0]!.message).to.include('ork rbac --http-auth');
    expect(JSON.stringify(lines)).not.to.include('s3cr3t');
  });

  it('the server: probes stay open; /metrics and /bundle answer 401, 403, 503 or 200 as the authorizer says', async () => {
    const decisions: Record<string, 'allowed' | 'forbidden' | 'unavailable'> = { 'Bearer ok': 'allowed', 'Bearer no': 'forbidden', 'Bearer down': 'unavailable' };
    const server = await startObservabilityServer({
      host: '127.0.0.1', port: 0, metrics: new ControllerMetrics({ processMetrics: false }),
      ready: () => ({ ok: true }), bundle: () => undefined,
      authorizer: { authorize: async (header) => (header ? decisions[header] ?? 'unauthenticated' : 'unauthenticated') },
    });
    try {
      const get = (path: string, token?: string) => httpRequest(`${server.url}${path}`, token ? { headers: { Authorization: token } } : {});
      expect((await get('/healthz')).status).to.equal(200);
      expect((await get('/readyz')).status).to.equal(200);
      expect((await get('/health')).status, "the Go runtime's probe names stay open").to.equal(200);
      expect((await get('/ready')).status).to.equal(200);
      expect((await get('/katalog/shop/health')).status, '/katalog… is protected').to.equal(401);
      const anonymous = await get('/metrics');
      expect(anonymous.status).to.equal(401);
      expect(anonymous.headers['www-authenticate']).to.equal('Bearer realm="orkestra"');
      expect((await get('/metrics', 'Bearer no')).status).to.equal(403);
      expect((await get('/metrics', 'Bearer no')).body).to.include('nonResourceURLs ["/metrics"]');
      const down = await get('/bundle', 'Bearer down');
      expect(down.status).to.equal(503);
      expect(down.headers['retry-after']).to.equal('5');
      expect((await get('/metrics', 'Bearer ok')).status).to.equal(200);
      expect((await get('/bundle', 'Bearer ok')).status, 'allowed, then the usual answer (not verified yet)').to.equal(503);
      expect((await get('/bundle', 'Bearer no')).status).to.equal(403);
    } finally {
      await server.close();
    }
  });
});

describe('controller/observe/http-auth on the real API server', function () {
  this.timeout(60_000);
  let cluster: TestCluster;
  let ns: string;
  let controllerClient: HttpKubeClient;
  let server: ObservabilityServer;
  const cleanup: string[] = [];

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    ns = await newTestNamespace('http-auth');
    const admin = loadKubeConfig({ env: {}, path: cluster.kubeconfigPath });
    const tokenOf = async (name: string) => {
      await cluster.client.post(`/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
      return serviceAccountToken(cluster, ns, name);
    };
    // The controller holds exactly the review permissions `ork rbac --http-auth` derives, nothing else.
    const payload = { schemaVersion: 1, resolver: { name: 'orkestra', version: '0' }, katalog: { apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'x' }, spec: { crds: {} } }, crds: [], imports: [] } as any;
    const { permissions } = requiredPermissions({ payload, childKinds: () => [], resourceOf: () => undefined, httpAuth: true });
    const roleName = `ork-http-auth-${ns}`;
    const objects = rbacManifests(permissions, { name: roleName, serviceAccount: { namespace: ns, name: 'controller' } });
    const readerRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `${roleName}-reader` }, rules: [{ nonResourceURLs: ['/metrics', '/katalog', '/katalog/*'], verbs: ['get'] }] };
    const readerBinding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${roleName}-reader` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${roleName}-reader` }, subjects: [{ kind: 'ServiceAccount', name: 'prometheus', namespace: ns }] };
    for (const o of [...objects, readerRole, readerBinding]) {
      await cluster.client.post(`/apis/rbac.authorization.k8s.io/v1/${o.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings'}`, o);
      cleanup.push(`/apis/rbac.authorization.k8s.io/v1/${o.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings'}/${o.metadata.name}`);
    }
    const controllerToken = await tokenOf('controller');
    tokens.prometheus = await tokenOf('prometheus');
    tokens.stranger = await tokenOf('stranger');
    controllerClient = createKubeClient({ source: 'controller', server: admin.server, ...(admin.ca ? { ca: admin.ca } : {}), insecureSkipTLSVerify: false, auth: { type: 'token', token: controllerToken } }, { userAgent: 'orkestra-http-auth-test' });
    server = await startObservabilityServer({
      host: '127.0.0.1', port: 0, metrics: new ControllerMetrics({ processMetrics: false }),
      ready: () => ({ ok: true }), bundle: () => undefined, authorizer: kubeHttpAuthorizer(controllerClient, { ttlMs: 0 }),
      katalog: () => ({ name: 'x', ready: true, crds: [] }),
    });
  });
  const tokens: Record<string, string> = {};

  after(async () => {
    await server?.close();
    await controllerClient?.close();
    for (const path of cleanup) await cluster.client.request({ method: 'DELETE', path });
  });

  const get = (path: string, token?: string) => httpRequest(`${server.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

  it('a token bound to get /metrics reads it; another service account is forbidden; garbage is 401', async () => {
    let answer = await get('/metrics', tokens.prometheus);
    // RBAC changes reach the authorizer through its informer: allow a moment.
    for (let i = 0; i < 50 && answer.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      answer = await get('/metrics', tokens.prometheus);
    }
    expect(answer.status).to.equal(200);
    expect(answer.body).to.include('orkestra_bundle_info');
    expect((await get('/metrics', tokens.stranger)).status).to.equal(403);
    expect((await get('/bundle', tokens.prometheus)).status, 'bound to /metrics only').to.equal(403);
    expect((await get('/metrics', 'not-a-token')).status).to.equal(401);
    expect((await get('/metrics')).status).to.equal(401);
    expect((await get('/healthz')).status).to.equal(200);
  });

  it('the /katalog API is reviewed as /metrics is: a role with /katalog and /katalog/* reads it, a stranger is forbidden', async () => {
    const index = await get('/katalog', tokens.prometheus);
    expect(index.status, index.body).to.equal(200);
    expect(JSON.parse(index.body)).to.include({ name: 'x', total: 0 });
    expect((await get('/katalog/nope/health', tokens.prometheus)).status, 'reviewed as /katalog/*, then 404').to.equal(404);
    const stranger = await get('/katalog/nope/health', tokens.stranger);
    expect(stranger.status).to.equal(403);
    expect(stranger.body).to.include('nonResourceURLs ["/katalog/*"]');
    expect((await get('/katalog')).status).to.equal(401);
  });
});
