// What the pods of one runner share (the cluster client, command table, mounts, tools, dirs) and
// the views of pods and containers the runner hands to tests. Types only.
import type { TestKubeClient } from '../kube-http.js';
import type { Termination, PodPhase } from './pod-status.js';
import type { ObjectSource } from './pod-types.js';
import type { MountRequest } from './sandbox-plan.js';

/** What every pod of one runner shares. */
export interface RunnerContext {
  client: TestKubeClient;
  namespace: string;
  source: ObjectSource;
  /** argv[0] of a container command → host argv (paths already as seen inside the sandbox). */
  commands: ReadonlyMap<string, readonly string[]>;
  /** Mounts every container gets (the repository, executables a container user could not reach). */
  extraMounts: readonly MountRequest[];
  serviceEnv: ReadonlyMap<string, string>;
  /** PATH for containers that do not set one (the host's, led by the pathTools mount when used). */
  containerPATH: string;
  caPem: string;
  tools: { unshare: string; setpriv: string; env: string; sh: string };
  workDir: string;
  logDir: string;
  readinessPeriodCapMs: number;
  /** A problem worth a line in the test output (deduplicated by the runner). */
  report(pod: string, message: string): void;
}

export interface ContainerView {
  name: string;
  init: boolean;
  state: 'waiting' | 'running' | 'terminated';
  reason?: string;
  message?: string;
  pid?: number;
  ready: boolean;
  restarts: number;
  /** The most recent termination (current state or lastState). */
  lastTermination?: Termination;
}

export interface RunnerPodView {
  name: string;
  uid: string;
  podIP: string;
  phase: PodPhase;
  ready: boolean;
  initialized: boolean;
  terminating: boolean;
  initContainers: ContainerView[];
  containers: ContainerView[];
}
