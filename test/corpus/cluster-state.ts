// For corpus cases that reach the real API server: what "no objects created" is measured on —
// the cluster's CustomResourceDefinitions and the case namespace's ConfigMaps, Secrets, Leases,
// ServiceAccounts and Roles — before and after the run.
import { getTestCluster, newTestNamespace } from '../support/cluster.js';

const NAMESPACED = ['/api/v1/namespaces/NS/configmaps', '/api/v1/namespaces/NS/secrets', '/apis/coordination.k8s.io/v1/namespaces/NS/leases', '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/roles'];

export interface ClusterCase {
  kubeconfig: string;
  namespace: string;
  /** Seconds this call waited for the API server to start (about 0 once it runs). */
  startSeconds: number;
  /** Names of the objects that exist now, one `path/name` each, sorted. */
  objects(): Promise<string[]>;
}

export async function clusterCase(hint: string): Promise<ClusterCase> {
  // Waiting here is starting the API server (or waiting for another test's start of it).
  const waitFrom = performance.now();
  const cluster = await getTestCluster();
  const startSeconds = (performance.now() - waitFrom) / 1000;
  const namespace = await newTestNamespace(hint);
  const list = async (path: string): Promise<string[]> => {
    const body = await cluster.client.get<{ items: { metadata: { name: string } }[] }>(path);
    // What the control plane itself adds to every new namespace, a moment after it is made.
    const own = body.items.filter((i) => i.metadata.name !== 'kube-root-ca.crt' && !i.metadata.name.startsWith('default-token-'));
    return own.map((i) => `${path}/${i.metadata.name}`);
  };
  return {
    kubeconfig: cluster.kubeconfigPath,
    namespace,
    startSeconds,
    async objects() {
      const all = await Promise.all([list('/apis/apiextensions.k8s.io/v1/customresourcedefinitions'), ...NAMESPACED.map((p) => list(p.replace('NS', namespace)))]);
      return all.flat().sort();
    },
  };
}
