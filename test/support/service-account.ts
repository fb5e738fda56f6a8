// The bearer token of a ServiceAccount on the test cluster, as a workload would present it.
import type { TestCluster } from './cluster.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The token of the Secret 1.20's token controller creates for a new ServiceAccount. */
export async function serviceAccountToken(cluster: TestCluster, ns: string, name: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const account = await cluster.client.get<{ secrets?: { name: string }[] }>(`/api/v1/namespaces/${ns}/serviceaccounts/${name}`);
    const secretName = account.secrets?.[0]?.name;
    if (secretName) {
      const secret = await cluster.client.get<{ data?: { token?: string } }>(`/api/v1/namespaces/${ns}/secrets/${secretName}`);
      if (secret.data?.token) return Buffer.from(secret.data.token, 'base64').toString('utf8');
    }
    if (Date.now() > deadline) throw new Error(`no token Secret for ServiceAccount ${ns}/${name} (is kube-controller-manager running?)`);
    await sleep(200);
  }
}

