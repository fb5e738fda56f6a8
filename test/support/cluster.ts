// The Kubernetes API server integration tests run against: ORKESTRA_TEST_KUBECONFIG when set
// (e.g. a kind cluster), otherwise ONE local v1.20.2 control plane per test run, started lazily by
// test/cluster/cluster.sh and stopped at the end of the run (teardown.ts). Tests get a namespace each.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTeardown } from './teardown.js';
import { readKubeconfig, TestKubeClient } from './kube-http.js';
import { runTool, scriptPath, tempDir } from './tools.js';

/** For `before` hooks that may start the control plane; a cold machine also builds it (≈ 5 min). */
export const CLUSTER_START_TIMEOUT_MS = 10 * 60_000;

export interface TestCluster {
  kubeconfigPath: string;
  server: string;
  /** true for ORKESTRA_TEST_KUBECONFIG: not ours to stop, and namespaces are deleted at the end. */
  external: boolean;
  /** Seconds it took to start (0 for an external cluster). */
  startSeconds: number;
  client: TestKubeClient;
}

let cluster: Promise<TestCluster> | undefined;

export function getTestCluster(): Promise<TestCluster> {
  if (!cluster) {
    cluster = connect();
    cluster.catch(() => { cluster = undefined; });
  }
  return cluster;
}

async function connect(): Promise<TestCluster> {
  const external = process.env.ORKESTRA_TEST_KUBECONFIG;
  if (external) return attach(external, true, 0);

  const dir = tempDir('cluster');
  const script = scriptPath('test/cluster/cluster.sh');
  const stop = () => runTool(script, ['stop', dir]).then(() => undefined);
  const stopSync = () => { spawnSync(script, ['stop', dir], { stdio: 'ignore' }); };
  const started = Date.now();
  // Registered before starting: a half-started control plane is stopped too.
  onTeardown(`stop control plane in ${dir}`, stop, stopSync);
  await runTool(script, ['start', dir, '--watch-pid', String(process.pid)], { timeoutMs: CLUSTER_START_TIMEOUT_MS });
  return attach(join(dir, 'kubeconfig'), false, (Date.now() - started) / 1000);
}

function attach(kubeconfigPath: string, external: boolean, startSeconds: number): TestCluster {
  const creds = readKubeconfig(kubeconfigPath);
  const client = new TestKubeClient(creds);
  // Open keep-alive sockets would hold the test process open after the run.
  onTeardown('close test kube client', () => client.close(), () => undefined);
  return { kubeconfigPath, server: creds.server, external, startSeconds, client };
}

let namespaceCount = 0;

/** Creates a fresh namespace (name from `hint`, unique in the run) and returns its name. */
export async function newTestNamespace(hint = 'test'): Promise<string> {
  const { client, external } = await getTestCluster();
  const slug = hint.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'test';
  const name = `ork-${slug}-${process.pid % 10000}-${++namespaceCount}`;
  await client.post('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'orkestra.dev/test': 'true' } },
  });
  if (external) {
    // A throw-away control plane is discarded whole; somebody's own cluster is left as found.
    onTeardown(`delete namespace ${name}`, async () => {
      const res = await client.request({ method: 'DELETE', path: `/api/v1/namespaces/${name}` });
      if (res.status >= 300 && res.status !== 404) throw new Error(`delete namespace ${name}: HTTP ${res.status}`);
    }, () => undefined);
  }
  return name;
}

/** The server's log tail, for failure messages of tests that start their own components. */
export function controlPlaneLog(c: TestCluster, component: 'kube-apiserver' | 'kube-controller-manager' | 'etcd', lines = 30): string {
  if (c.external) return '(external cluster: no local logs)';
  const dir = c.kubeconfigPath.replace(/\/kubeconfig$/, '');
  try {
    return readFileSync(join(dir, `${component}.log`), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${component}.log)`;
  }
}
