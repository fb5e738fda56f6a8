// A controller started on a world's bundle under exactly the RBAC `ork rbac` prints for it: the
// printed ClusterRole/Role objects and bindings are created for a fresh ServiceAccount, and the
// controller talks to the API server with that account's token. `close` stops it and removes the
// cluster-scoped objects (namespaced ones go with the test namespace).
import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';
import { runCommand } from '../../../cli/dispatch.js';
import { createKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { startController, type RunningController } from '../../../controller/run.js';
import type { RbacObject } from '../../../shared/rbac/index.js';
import { newTestNamespace } from '../../support/cluster.js';
import { captureIO } from '../../support/io.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';
import { serviceAccountToken } from '../../support/service-account.js';
import { poll, type World } from './world.js';

const BASE = '/apis/rbac.authorization.k8s.io/v1';
const PLURAL: Record<string, string> = { ClusterRole: 'clusterroles', ClusterRoleBinding: 'clusterrolebindings', Role: 'roles', RoleBinding: 'rolebindings' };

export async function underPrintedRole(world: World): Promise<{ controller: RunningController; logs: LogLine[]; close(): Promise<void> }> {
  const client = world.cluster.client;
  const home = await newTestNamespace('e2e-printed-role');
  const io = captureIO();
  expect(await runCommand(['rbac', '--bundle', world.bundle.bundleDir, '--key', world.bundle.publicKeyPath, '--name', `ork-rbac-${home}`, '--namespace', home, '--service-account', 'ork'], io), io.err).to.equal(0);
  const objects = parseAllDocuments(io.out).map((d) => d.toJS() as RbacObject);
  for (const o of objects) await client.post(o.metadata.namespace ? `${BASE}/namespaces/${o.metadata.namespace}/${PLURAL[o.kind]}` : `${BASE}/${PLURAL[o.kind]}`, o);
  await client.post(`/api/v1/namespaces/${home}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ork' } });
  const admin = loadKubeConfig({ env: {}, path: world.cluster.kubeconfigPath });
  const sa = createKubeClient({ source: `service account ${home}/ork`, server: admin.server, ...(admin.ca ? { ca: admin.ca } : {}), insecureSkipTLSVerify: false, auth: { type: 'token', token: await serviceAccountToken(world.cluster, home, 'ork') } });
  const logs: LogLine[] = [];
  // RBAC reaches the authorizer through its informer: the controller's own check may need a moment.
  const controller = await poll('controller started under the printed role', 15_000, async () => startController({
    bundleDir: world.bundle.bundleDir, publicKeyPath: world.bundle.publicKeyPath, env: {}, logger: memoryLogger(logs), kube: sa,
  }).catch(() => undefined));
  return {
    controller,
    logs,
    async close() {
      await controller.stop();
      await sa.close();
      for (const o of objects) if (!o.metadata.namespace) await client.request({ method: 'DELETE', path: `${BASE}/${PLURAL[o.kind]}/${o.metadata.name}` });
    },
  };
}
