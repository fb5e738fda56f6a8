// The benchmark's own throw-away control plane: test/cluster/cluster.sh in a temp dir, started
// with --watch-pid so that even a killed benchmark leaves nothing running, stopped by the same
// script. Also hands out the PIDs of etcd, kube-apiserver and kube-controller-manager for CPU.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ControlPlane {
  dir: string;
  kubeconfig: string;
  pids: Record<'etcd' | 'kube-apiserver' | 'kube-controller-manager', number>;
  stop(): Promise<void>;
}

export async function startControlPlane(script: string, dir: string): Promise<ControlPlane> {
  const stop = async () => {
    await run(script, ['stop', dir], { timeout: 60_000 }).catch((e: Error) => process.stderr.write(`stopping the control plane: ${e.message}\n`));
  };
  try {
    await run(script, ['start', dir, '--watch-pid', String(process.pid)], { timeout: 15 * 60_000 });
  } catch (e) {
    await stop();
    throw e;
  }
  const recorded = new Map(readFileSync(join(dir, 'pids'), 'utf8').trim().split('\n').map((l) => l.split(' ') as [string, string]));
  const pid = (name: string) => {
    const value = Number(recorded.get(name));
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${dir}/pids records no ${name}`);
    return value;
  };
  return {
    dir,
    kubeconfig: join(dir, 'kubeconfig'),
    pids: { etcd: pid('etcd'), 'kube-apiserver': pid('kube-apiserver'), 'kube-controller-manager': pid('kube-controller-manager') },
    stop,
  };
}
