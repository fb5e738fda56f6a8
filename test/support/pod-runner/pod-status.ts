// The Pod `status` a kubelet would report for the runner's view of one pod: phase, pod IPs,
// conditions (lastTransitionTime kept while a status holds) and the container statuses. Pure.

export interface Termination {
  exitCode: number;
  signal?: number;
  reason: string;
  message?: string;
  startedAt: string;
  finishedAt: string;
}

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: Termination };

export interface ContainerRuntime {
  name: string;
  image: string;
  state: ContainerState;
  lastState?: Termination;
  restartCount: number;
  ready: boolean;
  started: boolean;
  containerID?: string;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export interface PodRuntime {
  podIP: string;
  hostIP: string;
  startTime: string;
  phase: PodPhase;
  initialized: boolean;
  initContainers: ContainerRuntime[];
  containers: ContainerRuntime[];
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** RFC 3339 with whole seconds, as the API server stores metav1.Time. */
export const kubeTime = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

function containerStatus(c: ContainerRuntime): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: c.name,
    state: c.state,
    lastState: c.lastState ? { terminated: c.lastState } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.image,
    imageID: '',
    started: c.started,
  };
  if (c.containerID) out.containerID = c.containerID;
  return out;
}

function condition(
  type: string, ok: boolean, previous: readonly PodCondition[], now: string, reason?: string, message?: string,
): PodCondition {
  const status = ok ? 'True' : 'False';
  const prev = previous.find((p) => p.type === type);
  const cond: PodCondition = {
    type, status, lastProbeTime: null,
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
  };
  if (!ok && reason) cond.reason = reason;
  if (!ok && message) cond.message = message;
  return cond;
}

function notReady(list: ContainerRuntime[]): string[] {
  return list.filter((c) => !c.ready).map((c) => c.name);
}

export function buildPodStatus(rt: PodRuntime, previous: readonly PodCondition[], now: string): Record<string, unknown> {
  const pendingInit = rt.initContainers.filter((c) => !('terminated' in c.state && c.state.terminated.exitCode === 0)).map((c) => c.name);
  const unready = notReady(rt.containers);
  const containersReady = unready.length === 0;
  const unreadyMsg = `containers with unready status: [${unready.join(' ')}]`;
  const conditions = [
    condition('Initialized', rt.initialized, previous, now, 'ContainersNotInitialized', `containers with incomplete status: [${pendingInit.join(' ')}]`),
    condition('Ready', containersReady, previous, now, 'ContainersNotReady', unreadyMsg),
    condition('ContainersReady', containersReady, previous, now, 'ContainersNotReady', unreadyMsg),
    condition('PodScheduled', true, previous, now),
  ];
  const status: Record<string, unknown> = {
    phase: rt.phase,
    conditions,
    hostIP: rt.hostIP,
    podIP: rt.podIP,
    podIPs: [{ ip: rt.podIP }],
    startTime: rt.startTime,
    containerStatuses: rt.containers.map(containerStatus),
  };
  if (rt.initContainers.length > 0) status.initContainerStatuses = rt.initContainers.map(containerStatus);
  return status;
}
