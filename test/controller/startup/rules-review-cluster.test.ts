// The rules reviews of the start-up RBAC check against the real API server: their verdicts are the
// access reviews' verdicts (the role `ork rbac` prints bound only by a RoleBinding grants nothing
// cluster-wide, though a rules review for that namespace lists its rules), and with the full role
// the rules reviews alone settle every check: no SelfSubjectAccessReview is sent.
import { expect } from 'chai';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCommand } from '../../../cli/dispatch.js';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { checkRbac, neededPermissions, reviewAccess, SSAR_PATH } from '../../../controller/startup/rbac-check.js';
import { SSRR_PATH } from '../../../controller/startup/rules-review.js';
import type { BundlePayload } from '../../../shared/bundle/payload.js';
import { accessChecks, rulesNamespaceOf, type AccessCheck, type RbacObject } from '../../../shared/rbac/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { captureIO } from '../../support/io.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';
import { serviceAccountToken } from '../../support/service-account.js';
import { fixtureCopy, recordingClient, resolveToBundle, type Write } from '../e2e/world.js';
import { createRbacObject, deleteClusterRbac, eventually, payloadOf } from './rbac-support.js';

const SA = 'ork-rules';

describe('controller/startup/rules-review (real API server)', function () {
  this.timeout(60_000);
  let cluster: TestCluster;
  let ns: string;
  let payload: BundlePayload;
  let objects: RbacObject[];
  let sa: HttpKubeClient;
  const options = () => ({ leaderElection: { namespace: ns } });

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    ns = await newTestNamespace('rules-review');
    const fixture = fixtureCopy('deps');
    const bundle = await resolveToBundle({ komposer: join(fixture.dir, 'katalog.yaml'), cwd: fixture.dir });
    payload = await payloadOf(bundle);
    const io = captureIO();
    expect(await runCommand(['rbac', '--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--name', `ork-rules-${ns}`, '--namespace', ns, '--service-account', SA], io), io.err).to.equal(0);
    objects = parseAllDocuments(io.out).map((d) => d.toJS() as RbacObject);
    await cluster.client.post(`/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: SA } });
    const admin = loadKubeConfig({ env: {}, path: cluster.kubeconfigPath });
    const token = await serviceAccountToken(cluster, ns, SA);
    sa = createKubeClient({ source: `service account ${ns}/${SA}`, server: admin.server, ...(admin.ca ? { ca: admin.ca } : {}), insecureSkipTLSVerify: false, auth: { type: 'token', token } }, { userAgent: 'orkestra-rules-test' });
  });

  after(async () => {
    await sa?.close();
    await deleteClusterRbac(cluster, objects ?? []);
  });

  /** What one access review per check says is missing: the verdicts the rules reviews must keep. */
  async function missingByAccessReviews(): Promise<AccessCheck[]> {
    const checks = accessChecks((await neededPermissions(sa, payload, options())).permissions);
    const allowed = await Promise.all(checks.map((check) => reviewAccess(sa, check)));
    return checks.filter((_, i) => !allowed[i]);
  }

  it('the ClusterRole bound only in the namespace: cluster-wide checks stay missing, as the access reviews say', async () => {
    const role = objects.find((o) => o.kind === 'ClusterRole')!;
    const inNamespaceOnly: RbacObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'cluster-role-here-only', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name }, subjects: [{ kind: 'ServiceAccount', name: SA, namespace: ns }],
    };
    for (const o of [...objects.filter((o) => o.kind !== 'ClusterRoleBinding'), inNamespaceOnly]) await createRbacObject(cluster, o);
    // Both bindings reached the authorizer: the Lease (Role) and configmaps in ns (ClusterRole, RoleBinding).
    await eventually(async () => await reviewAccess(sa, { verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: ns })
      && await reviewAccess(sa, { verb: 'delete', group: '', resource: 'configmaps', namespace: ns }));
    const result = await checkRbac(sa, payload, options());
    const expected = await missingByAccessReviews();
    expect(result.missing).to.deep.equal(expected);
    expect(result.missing.length, 'cluster-wide checks are missing').to.be.greaterThan(0);
    expect(result.missing.every((m) => m.namespace === undefined), 'the namespaced ones are granted').to.equal(true);
    expect(result.missing.map((m) => m.verb + ' ' + m.resource)).to.include('delete configmaps');
  });

  it('the full role: the rules reviews settle every check, no access review is sent', async () => {
    await createRbacObject(cluster, objects.find((o) => o.kind === 'ClusterRoleBinding')!);
    await eventually(async () => (await missingByAccessReviews()).length === 0);
    const writes: Write[] = [];
    const lines: LogLine[] = [];
    const result = await checkRbac(recordingClient(sa, writes), payload, { ...options(), logger: memoryLogger(lines) });
    expect(result.missing).to.deep.equal([]);
    const namespaces = new Set(result.checked.map(rulesNamespaceOf));
    expect(namespaces.size, 'cluster-wide and the Lease namespace').to.equal(2);
    expect(writes.map((w) => w.target)).to.deep.equal([...namespaces].map(() => `POST ${SSRR_PATH}`));
    expect(writes.some((w) => w.target === `POST ${SSAR_PATH}`)).to.equal(false);
    const debug = lines.find((l) => l.message === 'rbac: rules reviews settled checks');
    expect(debug, JSON.stringify(lines)).to.deep.include({ level: 'debug', checks: result.checked.length, settled: result.checked.length, accessReviews: 0 });
  });
});
