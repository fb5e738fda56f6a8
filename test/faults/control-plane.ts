// The fault suite's OWN control plane (test/cluster/cluster.sh start DIR: its own state dir and
// free ports, so the shared test cluster of other runs is never touched), and the faults it can
// suffer: SIGSTOP/SIGCONT of etcd, a restart of the API server with the same command line, an etcd
// compaction through its HTTP gateway, and the API server's own write counters (its /metrics).
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKubeconfig, TestKubeClient } from '../support/kube-http.js';
import { poll } from '../support/poll.js';
import { runTool, scriptPath } from '../support/tools.js';

export interface FaultPlane {
  dir: string;
  kubeconfigPath: string;
  client: TestKubeClient;
  etcdUrl: string;
  pidOf(name: 'etcd' | 'kube-apiserver'): number;
  /** SIGTERM the API server, wait for its exit, start it again with the same arguments, wait for /readyz. */
  restartApiServer(): Promise<number>;
  /** etcd's current revision, and a compaction up to it (physical). */
  compactEtcd(): Promise<number>;
  /** Writes (POST/PUT/PATCH/DELETE) the API server counted, summed across its restarts. */
  writes(match: (labels: Record<string, string>) => boolean): Promise<number>;
  stop(): Promise<void>;
}

const script = scriptPath('test/cluster/cluster.sh');
const WRITE_VERBS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'APPLY', 'CREATE', 'UPDATE']);

function lastPid(dir: string, name: string): number {
  const lines = readFileSync(join(dir, 'pids'), 'utf8').split('\n').filter((l) => l.startsWith(`${name} `));
  const pid = Number(lines.at(-1)?.split(' ')[1]);
  if (!pid) throw new Error(`${dir}/pids records no ${name}`);
  return pid;
}

/** Gone, or a zombie: the daemons' parent (cluster.sh) has exited, and not every init reaps. */
function exited(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('Z');
  } catch {
    return true;
  }
}

export async function startFaultPlane(): Promise<FaultPlane> {
  // Kept after the run (not a tempDir): its daemon logs explain a failed case.
  const dir = mkdtempSync(join(tmpdir(), 'orkestra-faults-cluster-'));
  await runTool(script, ['start', dir, '--watch-pid', String(process.pid)], { timeoutMs: 10 * 60_000 });
  const kubeconfigPath = join(dir, 'kubeconfig');
  let client = new TestKubeClient(readKubeconfig(kubeconfigPath));
  const apiCmd = readFileSync(`/proc/${lastPid(dir, 'kube-apiserver')}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const etcdArgs = readFileSync(`/proc/${lastPid(dir, 'etcd')}/cmdline`, 'utf8').split('\0');
  const etcdUrl = etcdArgs[etcdArgs.indexOf('--listen-client-urls') + 1]!;
  /** Counters of API servers that have since been restarted. */
  const carried: { labels: Record<string, string>; value: number }[] = [];

  async function counters(): Promise<{ labels: Record<string, string>; value: number }[]> {
    const res = await client.request<string>({ method: 'GET', path: '/metrics' });
    if (res.status !== 200) throw new Error(`API server /metrics: HTTP ${res.status}`);
    const out = [];
    for (const line of String(res.body).split('\n')) {
      const m = /^apiserver_request_total\{(.*)\}\s+(\S+)/.exec(line);
      if (!m) continue;
      const labels: Record<string, string> = {};
      for (const p of m[1]!.matchAll(/([a-z_]+)="([^"]*)"/g)) labels[p[1]!] = p[2]!;
      out.push({ labels, value: Number(m[2]) });
    }
    return out;
  }
  const ready = () => poll('the API server /readyz', 240_000, async () =>
    ((await client.request({ method: 'GET', path: '/readyz' }).catch(() => undefined))?.status === 200 ? true : undefined), 200);

  return {
    dir, kubeconfigPath, etcdUrl,
    get client() { return client; },
    pidOf: (name) => lastPid(dir, name),
    async restartApiServer() {
      carried.push(...(await counters()));
      const old = lastPid(dir, 'kube-apiserver');
      // SIGTERM first; v1.20 then waits on open watches (observed: still alive after 30 s, its port
      // closed), so SIGKILL whatever is left after 10 s.
      process.kill(old, 'SIGTERM');
      await poll('the API server to exit', 10_000, async () => (exited(old) ? true : undefined), 100).catch(() => {
        if (!exited(old)) process.kill(old, 'SIGKILL');
      });
      await poll('the API server to exit after SIGKILL', 10_000, async () => (exited(old) ? true : undefined), 100);
      const log = openSync(join(dir, 'kube-apiserver.log'), 'a');
      const child = spawn(apiCmd[0]!, apiCmd.slice(1), { detached: true, stdio: ['ignore', log, log] });
      child.unref();
      // Recorded like cluster.sh does, so `cluster.sh stop DIR` stops the new PID too.
      appendFileSync(join(dir, 'pids'), `kube-apiserver ${child.pid}\n`);
      await client.close();
      client = new TestKubeClient(readKubeconfig(kubeconfigPath));
      await ready();
      return child.pid!;
    },
    async compactEtcd() {
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${etcdUrl}${path}`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
        if (!res.ok) throw new Error(`etcd ${path}: HTTP ${res.status} ${await res.text()}`);
        return res.json() as Promise<{ header: { revision: string } }>;
      };
      const revision = Number((await post('/v3/kv/range', { key: Buffer.from('/').toString('base64') })).header.revision);
      await post('/v3/kv/compaction', { revision: String(revision), physical: true });
      return revision;
    },
    async writes(match) {
      return [...carried, ...(await counters())]
        .filter((c) => WRITE_VERBS.has(c.labels.verb ?? '') && match(c.labels))
        .reduce((a, c) => a + c.value, 0);
    },
    async stop() {
      await client.close();
      await runTool(script, ['stop', dir]);
    },
  };
}
