// A minimal kubelet for tests: runs the Pods of ONE namespace that match a label selector as local
// processes (each in a private mount namespace, as the securityContext's user) and reports their
// status through the real API. Everything comes from the Pod objects and what they reference; it
// never binds a non-loopback address and stops every process by PID (teardown.ts as a fallback).
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, delimiter, join, relative, sep } from 'node:path';
import type { TestCluster } from '../cluster.js';
import { readKubeconfig } from '../kube-http.js';
import { sleep } from '../poll.js';
import { onTeardown } from '../teardown.js';
import { repoRoot, tempDir } from '../tools.js';
import { kubernetesServiceEnv } from './env.js';
import type { ConfigMap, ObjectSource, Pod, Secret } from './pod-types.js';
import { PodWorker } from './pod-worker.js';
import type { RunnerContext, RunnerPodView } from './runner-context.js';
import { openToAll, type MountRequest } from './sandbox-plan.js';

export type { ContainerView, RunnerPodView } from './runner-context.js';
export type { Termination } from './pod-status.js';

/** Where the repository appears inside every container (its host path may be unreadable to the container user). */
export const REPO_MOUNT = '/run/orkestra-pod-runner/repo';
/** Where `pathTools` appear; it leads the containers' PATH. */
export const TOOLS_MOUNT = '/run/orkestra-pod-runner/bin';
const EXE_MOUNT = '/run/orkestra-pod-runner/exe';

export interface PodRunnerOptions {
  cluster: TestCluster;
  namespace: string;
  /** A label selector, as the API's `labelSelector` parameter takes it. */
  selector: string;
  /** Container `command[0]` → host argv; host paths inside the repository are mapped to REPO_MOUNT. */
  commands: Record<string, readonly string[]>;
  /** Executables the image would ship on its PATH (e.g. `{ helm: '/path/to/helm' }`): each host file
   *  is mounted read-only at TOOLS_MOUNT/<name>, reachable by any container user. */
  pathTools?: Record<string, string>;
  /** Where container logs go (`<pod>/<container>.log`); default a temp dir kept until the run ends. */
  logDir?: string;
  pollIntervalMs?: number;
  /** Readiness probes run at least this often, whatever periodSeconds says (default 1000). */
  readinessPeriodCapMs?: number;
  /** Grace period cap for stop() and Pod deletion (default 10 s; the Pod's own period if smaller). */
  maxGraceMs?: number;
}

export interface PodRunner {
  readonly namespace: string;
  /** The pods being run now (deleted ones drop out once their processes are gone). */
  pods(): RunnerPodView[];
  /** The first pod view that satisfies `pred`; throws after the timeout with the runner's state and problems. */
  waitForPod(pred: (pod: RunnerPodView) => boolean, timeoutMs: number, what?: string): Promise<RunnerPodView>;
  /** Everything the container wrote to stdout and stderr, across its restarts ('' when none). */
  logs(pod: string, container: string): string;
  /** Problems the runner met (config errors, start errors, probe kills, rejected status writes). */
  problems(): string[];
  /** The pods, their containers' states and last exits, and recent problems: for failure messages. */
  describe(): string;
  /** SIGTERM then SIGKILL every process by process group, remove the pods' temp dirs. */
  stop(): Promise<void>;
}

// ---- pod IPs: 127.<P>.0.2–254, unique across every runner of this process ----
// The second octet comes from the process id, so two test runs on one machine (CI beside a
// developer's run) do not hand out the same pod IP and collide on its ports. All of 127/8 is
// loopback on Linux.
const ipsInUse = new Set<number>();
let nextIp = 2;
const SUBNET = `127.${2 + (process.pid % 250)}.0`;

function takePodIP(): string {
  for (let i = 0; i < 253; i++) {
    const n = nextIp;
    nextIp = nextIp >= 254 ? 2 : nextIp + 1;
    if (!ipsInUse.has(n)) {
      ipsInUse.add(n);
      return `${SUBNET}.${n}`;
    }
  }
  throw new Error(`pod-runner: all 253 loopback pod IPs (${SUBNET}.2–254) are in use`);
}

function releasePodIP(ip: string): void {
  ipsInUse.delete(Number(ip.split('.')[3]));
}

function findTool(name: string, PATH: string): string {
  for (const dir of [...PATH.split(delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // next
    }
  }
  throw new Error(`pod-runner: ${name} not found on PATH; it needs util-linux (unshare, setpriv), coreutils (env) and /bin/sh`);
}

function objectSource(cluster: TestCluster, namespace: string): ObjectSource {
  const get = async <T>(kind: string, name: string): Promise<T | undefined> => {
    const res = await cluster.client.request<T>({ path: `/api/v1/namespaces/${namespace}/${kind}/${encodeURIComponent(name)}` });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new Error(`GET ${kind}/${name}: HTTP ${res.status}`);
    return res.body;
  };
  return {
    configMap: (name) => get<ConfigMap>('configmaps', name),
    secret: (name) => get<Secret>('secrets', name),
  };
}

/** Maps the command table to what a container sees, with the mounts that makes necessary. */
function mapCommands(commands: Record<string, readonly string[]>): { map: Map<string, string[]>; mounts: MountRequest[] } {
  const map = new Map<string, string[]>();
  const mounts: MountRequest[] = [];
  let usesRepo = false;
  for (const [name, argv] of Object.entries(commands)) {
    if (argv.length === 0) throw new Error(`pod-runner: commands.${name} is empty`);
    const mapped = argv.map((arg) => {
      const rel = arg.startsWith('/') ? relative(repoRoot, arg) : '..';
      if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep))) {
        usesRepo = true;
        return rel === '' ? REPO_MOUNT : `${REPO_MOUNT}/${rel.split(sep).join('/')}`;
      }
      return arg;
    });
    if (mapped[0].startsWith('/') && !mapped[0].startsWith(REPO_MOUNT) && !openToAll(mapped[0])) {
      // e.g. a node under /root: bind the file itself where any user can reach it.
      const target = `${EXE_MOUNT}/${mounts.length}-${basename(mapped[0])}`;
      mounts.push({ source: mapped[0], target, readOnly: true, isFile: true });
      mapped[0] = target;
    }
    map.set(name, mapped);
  }
  if (usesRepo) mounts.push(...repoMounts());
  return { map, mounts };
}

/**
 * The repository at REPO_MOUNT. A bind keeps the directory's own mode, so a checkout made with
 * mode 0700 (a clone into `mktemp -d`) would be closed to the container's user: then each entry
 * is bound on its own below a directory the sandbox makes with mode 0755.
 */
function repoMounts(): MountRequest[] {
  if ((statSync(repoRoot).mode & 0o001) !== 0) return [{ source: repoRoot, target: REPO_MOUNT, readOnly: true, isFile: false }];
  return readdirSync(repoRoot)
    .filter((name) => name !== '.git')
    .map((name) => ({ name, stat: statSync(join(repoRoot, name), { throwIfNoEntry: false }) }))
    .filter(({ stat }) => stat?.isDirectory() || stat?.isFile())
    .map(({ name, stat }) => ({ source: join(repoRoot, name), target: `${REPO_MOUNT}/${name}`, readOnly: true, isFile: stat?.isFile() === true }));
}

export async function startPodRunner(opts: PodRunnerOptions): Promise<PodRunner> {
  if (process.getuid?.() !== 0) {
    throw new Error('pod-runner: needs root (mount namespaces via unshare, overlay and bind mounts, setpriv to the pod\'s runAsUser); run the tests as root, e.g. in a CI container');
  }
  const hostPATH = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  const tools = { unshare: findTool('unshare', hostPATH), setpriv: findTool('setpriv', hostPATH), env: findTool('env', hostPATH), sh: '/bin/sh' };
  const { map: commands, mounts: extraMounts } = mapCommands(opts.commands);
  const pathTools = Object.entries(opts.pathTools ?? {});
  for (const [name, source] of pathTools) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`pod-runner: pathTools name ${JSON.stringify(name)} must be a plain file name`);
    extraMounts.push({ source, target: `${TOOLS_MOUNT}/${name}`, readOnly: true, isFile: true });
  }
  const containerPATH = pathTools.length > 0 ? `${TOOLS_MOUNT}${delimiter}${hostPATH}` : hostPATH;
  const workDir = tempDir('pod-runner');
  const logDir = opts.logDir ?? tempDir('pod-runner-logs');
  mkdirSync(logDir, { recursive: true });
  const problemList: string[] = [];
  const seen = new Set<string>();
  const ctx: RunnerContext = {
    client: opts.cluster.client,
    namespace: opts.namespace,
    source: objectSource(opts.cluster, opts.namespace),
    commands,
    extraMounts,
    serviceEnv: kubernetesServiceEnv(opts.cluster.server),
    containerPATH,
    caPem: readKubeconfig(opts.cluster.kubeconfigPath).ca ?? '',
    tools,
    workDir,
    logDir,
    readinessPeriodCapMs: opts.readinessPeriodCapMs ?? 1000,
    report(pod, message) {
      const line = `[pod-runner ${opts.namespace}/${pod}] ${message}`;
      if (seen.has(line)) return;
      seen.add(line);
      problemList.push(line);
      if (problemList.length > 200) problemList.shift();
      process.stderr.write(line + '\n');
    },
  };

  const maxGraceMs = opts.maxGraceMs ?? 10_000;
  const workers = new Map<string, PodWorker>();
  const terminating = new Map<string, Promise<void>>();
  let stopped = false;

  const graceOf = (w: PodWorker) => Math.min((w.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000, maxGraceMs);
  const retire = (uid: string, w: PodWorker): void => {
    if (terminating.has(uid)) return;
    terminating.set(uid, w.terminate(graceOf(w)).finally(() => {
      workers.delete(uid);
      terminating.delete(uid);
      releasePodIP(w.podIP);
    }));
  };

  const path = `/api/v1/namespaces/${opts.namespace}/pods?labelSelector=${encodeURIComponent(opts.selector)}`;
  const sync = async (): Promise<void> => {
    const res = await opts.cluster.client.request<{ items: Pod[] }>({ path });
    if (res.status !== 200) {
      ctx.report('*', `listing pods: HTTP ${res.status}`);
      return;
    }
    if (stopped) return;
    const live = new Map(res.body.items.map((p) => [p.metadata.uid, p]));
    for (const [uid, w] of workers) {
      const pod = live.get(uid);
      if (!pod || pod.metadata.deletionTimestamp) retire(uid, w);
      else w.pod = pod;
    }
    for (const [uid, pod] of live) {
      if (workers.has(uid) || pod.metadata.deletionTimestamp) continue;
      if (['Succeeded', 'Failed'].includes(pod.status?.phase ?? '')) continue;
      workers.set(uid, new PodWorker(pod, takePodIP(), ctx));
    }
  };

  const interval = opts.pollIntervalMs ?? 250;
  const loop = (async () => {
    while (!stopped) {
      try {
        await sync();
      } catch (err) {
        if (!stopped) ctx.report('*', `listing pods failed: ${(err as Error).message}`);
      }
      await sleep(interval);
    }
  })();

  const stop = async (): Promise<void> => {
    stopped = true;
    await loop;
    for (const [uid, w] of workers) retire(uid, w);
    await Promise.all([...terminating.values()]);
  };
  const stopOnce = onTeardown(`stop pod runner in ${opts.namespace}`, stop, () => {
    stopped = true;
    for (const w of workers.values()) w.killNow();
  });

  const describe = (): string => {
    const state = pods().map((p) => `  ${p.name} ${p.podIP} ${p.phase} ready=${p.ready} ` +
      [...p.initContainers, ...p.containers].map((c) => {
        const t = c.lastTermination;
        return `${c.name}:${c.state}${c.reason ? `(${c.reason})` : ''} restarts=${c.restarts}${t ? ` last exit ${t.exitCode}${t.message ? ` ${JSON.stringify(t.message.slice(-200))}` : ''}` : ''}`;
      }).join('; ')).join('\n');
    return `pods:\n${state || '  (none)'}\nproblems:\n${problemList.slice(-10).join('\n') || '  (none)'}`;
  };
  const pods = () => [...workers.values()].filter((w) => !terminating.has(w.pod.metadata.uid)).map((w) => w.view());
  return {
    namespace: opts.namespace,
    pods,
    async waitForPod(pred, timeoutMs, what = 'a pod matching the predicate') {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = pods().find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`pod-runner: timed out after ${timeoutMs} ms waiting for ${what}\n${describe()}`);
        await sleep(100);
      }
    },
    logs(pod, container) {
      try {
        return readFileSync(join(logDir, pod, `${container}.log`), 'utf8');
      } catch {
        return '';
      }
    },
    problems: () => [...problemList],
    describe,
    stop: stopOnce,
  };
}
