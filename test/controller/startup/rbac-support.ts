// What the RBAC self-check's cluster tests share: the bundle's payload, RBAC objects created as
// `ork rbac` prints them, and the short wait for RBAC changes to reach the authorizer.
import { readBundleDir } from '../../../controller/startup/bundle-files.js';
import { parseBundlePayload } from '../../../shared/bundle/payload.js';
import type { RbacObject } from '../../../shared/rbac/index.js';
import type { TestCluster } from '../../support/cluster.js';
import type { SignedBundleDir } from '../e2e/world.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BASE = '/apis/rbac.authorization.k8s.io/v1';
const PLURAL: Record<string, string> = { ClusterRole: 'clusterroles', ClusterRoleBinding: 'clusterrolebindings', Role: 'roles', RoleBinding: 'rolebindings' };

export async function payloadOf(bundle: SignedBundleDir) {
  const { bundleBytes } = await readBundleDir(bundle.bundleDir);
  return parseBundlePayload(bundleBytes);
}

export async function createRbacObject(cluster: TestCluster, o: RbacObject): Promise<void> {
  await cluster.client.post(o.metadata.namespace ? `${BASE}/namespaces/${o.metadata.namespace}/${PLURAL[o.kind]}` : `${BASE}/${PLURAL[o.kind]}`, o);
}

/** Deletes the cluster-scoped ones (namespaced objects go with their test namespace). */
export async function deleteClusterRbac(cluster: TestCluster, objects: readonly RbacObject[]): Promise<void> {
  for (const o of objects) {
    if (o.kind.startsWith('Cluster')) await cluster.client.request({ method: 'DELETE', path: `${BASE}/${PLURAL[o.kind]}/${o.metadata.name}` });
  }
}

/** RBAC changes reach the authorizer through its informer: a short wait. */
export async function eventually(cond: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}
