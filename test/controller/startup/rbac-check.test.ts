// The RBAC self-check against the real API server: a ServiceAccount bound to the role `ork rbac`
// prints minus one verb is refused with exactly that verb listed, and startController with its
// token makes no write; with the full role the check passes and the controller starts.
import { expect } from 'chai';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCommand } from '../../../cli/dispatch.js';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig, type KubeConfig } from '../../../cli/kube/config.js';
import { checkRbac, SSAR_PATH } from '../../../controller/startup/rbac-check.js';
import { SSRR_PATH } from '../../../controller/startup/rules-review.js';
import { startController } from '../../../controller/run.js';
import { isOrkError, describeError, type OrkError } from '../../../shared/errors.js';
import { silentLogger } from '../../../shared/log.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';
import type { RbacObject } from '../../../shared/rbac/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { captureIO } from '../../support/io.js';
import { fixtureCopy, poll, recordingClient, resolveToBundle, type SignedBundleDir, type Write } from '../e2e/world.js';
import { serviceAccountToken } from '../../support/service-account.js';
import { createRbacObject, deleteClusterRbac, eventually, payloadOf } from './rbac-support.js';

const SA = 'ork-controller';

describe('controller/startup/rbac-check (real API server)', function () {
  this.timeout(60_000);
  let cluster: TestCluster;
  let ns: string;
  let bundle: SignedBundleDir;
  let group: string;
  let objects: RbacObject[];
  let saConfig: KubeConfig;
  let sa: HttpKubeClient;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    ns = await newTestNamespace('rbac');
    const fixture = fixtureCopy('deps');
    group = fixture.group;
    bundle = await resolveToBundle({ komposer: join(fixture.dir, 'katalog.yaml'), cwd: fixture.dir });

    // What `ork rbac` prints is what the cluster gets (and must accept).
    const io = captureIO();
    const code = await runCommand(['rbac', '--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--name', `ork-rbac-${ns}`, '--namespace', ns, '--service-account', SA], io);
    expect(io.err).to.equal('');
    expect(code).to.equal(0);
    objects = parseAllDocuments(io.out).map((d) => d.toJS() as RbacObject);
    expect(objects.map((o) => o.kind)).to.deep.equal(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);

    await cluster.client.post(`/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: SA } });
    const token = await serviceAccountToken(cluster, ns, SA);
    const admin = loadKubeConfig({ env: {}, path: cluster.kubeconfigPath });
    saConfig = { source: `service account ${ns}/${SA}`, server: admin.server, ...(admin.ca ? { ca: admin.ca } : {}), insecureSkipTLSVerify: false, auth: { type: 'token', token } };
    sa = createKubeClient(saConfig, { userAgent: 'orkestra-rbac-test' });
  });

  after(async () => {
    await sa?.close();
    await deleteClusterRbac(cluster, objects ?? []);
  });

  it('before any binding: everything is missing (the service account starts with nothing)', async () => {
    const result = await checkRbac(sa, await payloadOf(bundle), { leaderElection: { namespace: ns } });
    expect(result.checked.length).to.be.greaterThan(10);
    expect(result.missing).to.deep.equal(result.checked);
  });

  it('the role minus `delete configmaps`: refused, exactly that permission listed, no write made', async () => {
    const partial = objects.map((o) => (o.kind !== 'ClusterRole' ? o : {
      ...o,
      rules: (o.rules as { resources: string[]; verbs: string[] }[]).map((r) => (r.resources[0] === 'configmaps' ? { ...r, verbs: r.verbs.filter((v) => v !== 'delete') } : r)),
    }));
    for (const o of partial) await createRbacObject(cluster, o);
    await eventually(async () => (await checkRbac(sa, await payloadOf(bundle), { leaderElection: { namespace: ns } })).missing.length === 1);
    const result = await checkRbac(sa, await payloadOf(bundle), { leaderElection: { namespace: ns } });
    expect(result.missing).to.deep.equal([{ verb: 'delete', group: '', resource: 'configmaps' }]);

    const writes: Write[] = [];
    const error = await startController({
      bundleDir: bundle.bundleDir, publicKeyPath: bundle.publicKeyPath, env: {}, logger: silentLogger(),
      leaderElection: { namespace: ns, name: 'rbac-test', identity: 'a', revision: '' },
      kube: recordingClient(sa, writes),
    }).then(() => undefined, (e: unknown) => e);
    expect(isOrkError(error), String(error)).to.equal(true);
    expect((error as OrkError).code).to.equal('RBAC_MISSING');
    expect(describeError(error as OrkError)).to.deep.equal(['delete configmaps']);
    // Reviews only: the rules reviews settled all but the missing permission, whose access review said no.
    expect(writes.filter((w) => w.target !== `POST ${SSAR_PATH}` && w.target !== `POST ${SSRR_PATH}`)).to.deep.equal([]);
    expect(writes.filter((w) => w.target === `POST ${SSAR_PATH}`).length, 'one access review').to.equal(1);
    const crd = await cluster.client.request({ path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/databases.${group}` });
    expect(crd.status, 'the CRD was not applied').to.equal(404);
  });

  it('the role minus the storage-migration rule (CRD status): the controller starts and says what a storage-version change would need', async () => {
    const role = objects.find((o) => o.kind === 'ClusterRole')!;
    const rules = role.rules as { resources: string[] }[];
    expect(rules.some((r) => r.resources.includes('customresourcedefinitions/status')), 'ork rbac prints the rule').to.equal(true);
    const without = { ...role, rules: rules.filter((r) => !r.resources.includes('customresourcedefinitions/status')) };
    await cluster.client.ok({ method: 'PUT', path: `/apis/rbac.authorization.k8s.io/v1/clusterroles/${role.metadata.name}`, body: without });
    await eventually(async () => (await checkRbac(sa, await payloadOf(bundle), { leaderElection: { namespace: ns } })).missing.every((m) => m.subresource === 'status' && m.resource === 'customresourcedefinitions'));
    const lines: LogLine[] = [];
    const running = await startController({
      bundleDir: bundle.bundleDir, publicKeyPath: bundle.publicKeyPath, env: {}, logger: memoryLogger(lines),
      leaderElection: { namespace: ns, name: 'rbac-test-advisory', identity: 'a', revision: '' },
      kube: sa,
    });
    try {
      const warning = lines.find((l) => l.level === 'warn' && l.message.startsWith('rbac: storage-version migration cannot trim storedVersions'));
      expect(warning, JSON.stringify(lines.map((l) => l.message))).to.not.equal(undefined);
      expect(JSON.stringify(warning)).to.contain('customresourcedefinitions/status');
    } finally {
      await running.stop();
    }
  });

  it('the full role: nothing missing, and the controller starts with the service account', async () => {
    const role = objects.find((o) => o.kind === 'ClusterRole')!;
    await cluster.client.ok({ method: 'PUT', path: `/apis/rbac.authorization.k8s.io/v1/clusterroles/${role.metadata.name}`, body: role });
    await eventually(async () => (await checkRbac(sa, await payloadOf(bundle), { leaderElection: { namespace: ns } })).missing.length === 0);
    const running = await startController({
      bundleDir: bundle.bundleDir, publicKeyPath: bundle.publicKeyPath, env: {}, logger: silentLogger(),
      leaderElection: { namespace: ns, name: 'rbac-test', identity: 'a', revision: '' },
      kube: sa,
    });
    try {
      expect([...running.controllers.keys()].sort()).to.deep.equal(['app', 'database']);
      // Enough to do the work, not only to pass the check: children, finalizer, status, Events.
      const path = `/apis/${group}/v1/namespaces/${ns}/databases`;
      await cluster.client.post(path, { apiVersion: `${group}/v1`, kind: 'Database', metadata: { name: 'db1' }, spec: { version: '16' } });
      await poll('db1 Ready', 15_000, async () => {
        const db = await cluster.client.get<{ status?: { conditions?: { type: string; status: string }[] } }>(`${path}/db1`);
        return db.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? true : undefined;
      });
      const children = await cluster.client.get<{ items: unknown[] }>(`/api/v1/namespaces/${ns}/configmaps?labelSelector=${encodeURIComponent('orkestra.orkspace.io/managed=true')}`);
      expect(children.items.length).to.equal(1);
      const events = await cluster.client.get<{ items: { reason: string }[] }>(`/api/v1/namespaces/${ns}/events`);
      expect(events.items.length, 'an Event was posted').to.be.greaterThan(0);
      // Deleting runs the finalizer path: the child goes, then the CR.
      await cluster.client.delete(`${path}/db1`);
      await poll('db1 gone', 15_000, async () => ((await cluster.client.request({ path: `${path}/db1` })).status === 404 ? true : undefined));
    } finally {
      await running.stop();
    }
  });
});

describe('controller/rbac-check: the role ork rbac prints cannot rewrite a CRD that is not the bundle\'s (real API server)', function () {
  this.timeout(60_000);

  it('get/patch on the bundle\'s CRDs by name only: another CRD is forbidden, its own is allowed', async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    const cluster = await getTestCluster();
    const ns = await newTestNamespace('rbac-crd');
    const fixture = fixtureCopy('deps');
    const bundle = await resolveToBundle({ komposer: join(fixture.dir, 'katalog.yaml'), cwd: fixture.dir });
    const io = captureIO();
    const name = `ork-rbac-crd-${ns}`;
    expect(await runCommand(['rbac', '--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--name', name, '--namespace', ns, '--service-account', SA], io)).to.equal(0);
    const objects = parseAllDocuments(io.out).map((d) => d.toJS() as RbacObject);
    const other = `others.${fixture.group}`;
    await cluster.client.post(`/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: SA } });
    const admin = loadKubeConfig({ env: {}, path: cluster.kubeconfigPath });
    const sa = createKubeClient({ source: 'sa', server: admin.server, ...(admin.ca ? { ca: admin.ca } : {}), insecureSkipTLSVerify: false, auth: { type: 'token', token: await serviceAccountToken(cluster, ns, SA) } }, { userAgent: 'orkestra-rbac-test' });
    try {
      for (const o of objects) await createRbacObject(cluster, o);
      await cluster.client.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
        apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: other },
        spec: { group: fixture.group, scope: 'Namespaced', names: { kind: 'Other', plural: 'others' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
      });
      const payload = await payloadOf(bundle);
      await eventually(async () => (await checkRbac(sa, payload, {})).missing.length === 0);
      const patch = (crd: string) => sa.request<unknown>('PATCH', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd}`, { metadata: { labels: { touched: 'yes' } } }, 'application/merge-patch+json').then(() => 'ok', (e: unknown) => (e as OrkError).message);
      expect(await patch(other)).to.match(/forbidden|403/i);
      const own = payload.crds.map((c) => (c.metadata as { name: string }).name);
      expect(own.length).to.be.greaterThan(0);
      expect(objects.find((o) => o.kind === 'ClusterRole')!.rules).to.deep.include({ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['create'] });
    } finally {
      await sa.close();
      await cluster.client.request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${other}` });
      await deleteClusterRbac(cluster, objects);
    }
  });
});
