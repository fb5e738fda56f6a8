// Copies and tls Secrets under the running controller (informer caches, the source watch): a
// copy follows its source within moments although the resync is 10 minutes, a copy waiting for a
// missing source is made as soon as the source appears, and the tls Secret is generated once.
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import { runCommand } from '../../../cli/dispatch.js';
import { createKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { startController } from '../../../controller/run.js';
import type { RbacObject } from '../../../shared/rbac/index.js';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { captureIO } from '../../support/io.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';
import { serviceAccountToken } from '../../support/service-account.js';
import { fixtureWorld, poll, readyOf, type World } from './world.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const text = (s: string) => Buffer.from(s, 'base64').toString('utf8');

describe('controller end to end: copies follow their source (real API server)', function () {
  this.timeout(60_000);
  let world: World;
  const measured: Record<string, number> = {};

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('copies');
    await world.start();
  });
  after(async () => {
    await world?.close();
    if (Object.keys(measured).length > 0) console.log(`      measured: ${JSON.stringify(measured)}`);
  });

  const client = () => world.cluster.client;
  const secret = (ns: string, name: string) => `/api/v1/namespaces/${ns}/secrets/${name}`;
  const found = async (path: string) => ((await client().request({ path })).status === 200 ? client().get(path) : undefined);

  it('a source update reaches the copies in every namespace through the watch; a missing source is waited for', async () => {
    const [ns, jobs, platform] = [await newTestNamespace('e2e-copies'), await newTestNamespace('e2e-copies-jobs'), await newTestNamespace('e2e-copies-platform')];
    await client().post(`/api/v1/namespaces/${platform}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-ca' }, data: { 'ca.crt': 'PEM' } });
    const path = world.crPath('tenants', ns, 'acme');
    await client().post(world.crPath('tenants', ns), { apiVersion: `${world.group}/v1`, kind: 'Tenant', metadata: { name: 'acme' }, spec: { platform, jobs } });

    // No registry Secret yet: Ready says what to create; the ConfigMap copy and tls Secret are made.
    const held = await poll('Ready=False SourceUnavailable', 20_000, async () => (readyOf(await client().get(path))?.reason === 'SourceUnavailable' ? readyOf(await client().get(path)) : undefined));
    expect(held!.message).to.include(`fromSecret Secret ${platform}/registry not found`);
    expect((await client().get(`/api/v1/namespaces/${ns}/configmaps/acme-ca`)).data).to.deep.equal({ 'ca.crt': 'PEM' });
    const tls = await client().get(secret(ns, 'acme-tls'));
    expect(new X509Certificate(text(tls.data['tls.crt'])).checkHost('acme')).to.equal('acme');

    let started = Date.now();
    await client().post(`/api/v1/namespaces/${platform}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry' }, data: { token: b64('one') } });
    for (const where of [ns, jobs]) await poll(`copy in ${where}`, 10_000, async () => ((await found(secret(where, 'acme-registry')))?.data?.token === b64('one') ? true : undefined));
    measured.sourceAppearedToCopiesMs = Date.now() - started;
    await poll('Ready=True', 10_000, async () => (readyOf(await client().get(path))?.status === 'True' ? true : undefined));

    started = Date.now();
    await client().mergePatch(`/api/v1/namespaces/${platform}/secrets/registry`, { data: { token: b64('two') } });
    for (const where of [ns, jobs]) await poll(`updated copy in ${where}`, 10_000, async () => ((await found(secret(where, 'acme-registry')))?.data?.token === b64('two') ? true : undefined));
    measured.sourceUpdateToCopiesMs = Date.now() - started;
    expect(measured.sourceUpdateToCopiesMs).to.be.below(10_000); // the resync is 10 minutes

    // The tls Secret is not generated again by all these reconciles.
    expect((await client().get(secret(ns, 'acme-tls'))).data).to.deep.equal(tls.data);
  });

  it('under the role `ork rbac` prints for the bundle: the source in another namespace is read and the copies are made', async () => {
    await world.stop();
    const [home, ns, jobs, platform] = [await newTestNamespace('e2e-copies-sa'), await newTestNamespace('e2e-copies-rbac'), await newTestNamespace('e2e-copies-rbac-jobs'), await newTestNamespace('e2e-copies-rbac-platform')];
    const io = captureIO();
    expect(await runCommand(['rbac', '--bundle', world.bundle.bundleDir, '--key', world.bundle.publicKeyPath, '--name', `ork-rbac-${home}`, '--namespace', home, '--service-account', 'ork'], io), io.err).to.equal(0);
    const objects = parseAllDocuments(io.out).map((d) => d.toJS() as RbacObject);
    const base = '/apis/rbac.authorization.k8s.io/v1';
    const plural = (o: RbacObject) => ({ ClusterRole: 'clusterroles', ClusterRoleBinding: 'clusterrolebindings', Role: 'roles', RoleBinding: 'rolebindings' })[o.kind];
    for (const o of objects) await client().post(o.metadata.namespace ? `${base}/namespaces/${o.metadata.namespace}/${plural(o)}` : `${base}/${plural(o)}`, o);
    await client().post(`/api/v1/namespaces/${home}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ork' } });
    const admin = loadKubeConfig({ env: {}, path: world.cluster.kubeconfigPath });
    const sa = createKubeClient({ source: `service account ${home}/ork`, server: admin.server, ...(admin.ca ? { ca: admin.ca } : {}), insecureSkipTLSVerify: false, auth: { type: 'token', token: await serviceAccountToken(world.cluster, home, 'ork') } });
    const logs: LogLine[] = [];
    // RBAC reaches the authorizer through its informer: the controller's own check may need a moment.
    const running = await poll('controller started under the printed role', 15_000, async () => startController({
      bundleDir: world.bundle.bundleDir, publicKeyPath: world.bundle.publicKeyPath, env: {}, logger: memoryLogger(logs), kube: sa,
    }).catch(() => undefined));
    try {
      await client().post(`/api/v1/namespaces/${platform}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-ca' }, data: { 'ca.crt': 'PEM' } });
      await client().post(`/api/v1/namespaces/${platform}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry' }, data: { token: b64('sa') } });
      const path = world.crPath('tenants', ns, 'initech');
      await client().post(world.crPath('tenants', ns), { apiVersion: `${world.group}/v1`, kind: 'Tenant', metadata: { name: 'initech' }, spec: { platform, jobs } });
      await poll('Ready=True', 20_000, async () => (readyOf(await client().get(path))?.status === 'True' ? true : undefined));
      for (const where of [ns, jobs]) expect((await client().get(secret(where, 'initech-registry'))).data).to.deep.equal({ token: b64('sa') });
      expect((await client().get(`/api/v1/namespaces/${ns}/configmaps/initech-ca`)).data).to.deep.equal({ 'ca.crt': 'PEM' });
      expect(logs.filter((l) => l.level === 'error' || /forbidden/i.test(JSON.stringify(l)))).to.deep.equal([]);
    } finally {
      await running.stop();
      await sa.close();
      for (const o of objects) if (!o.metadata.namespace) await client().request({ method: 'DELETE', path: `${base}/${plural(o)}/${o.metadata.name}` });
    }
  });
});
