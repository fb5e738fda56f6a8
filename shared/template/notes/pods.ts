// Pod notes: read the pod summaries upstream's `enrich: [pods]` embeds under `_pods` in a
// Deployment, StatefulSet, ReplicaSet or Job child ({name, ip, phase, ready, node, restartCount,
// ordinal, containers[{name, state, reason}]}). Without that key every note answers its zero value
// ("", 0, false, nil), so a template using them renders before enrichment exists (docs/katalog-compat.md).
import type { FuncDef } from '../func-def.js';
import { embedded, joinTexts, list, mapsIn, text, type Obj } from './kube-object.js';
import { int, note, str, type DocLine } from './note.js';

const pod1 = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('pods', name, [1, 1], doc, (a) => call(a[0]));

/** The pod summaries, skipping entries that are not maps. */
export function pods(obj: unknown): Obj[] {
  return mapsIn(embedded(obj, '_pods'));
}

/** A number as upstream's pod notes read one: numbers only (truncated), anything else 0. */
function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

const field = (key: string) => (obj: unknown): string => joinTexts(pods(obj).map((p) => p[key]));

function containers(pod: Obj): Obj[] {
  return mapsIn(list(pod.containers));
}

function hasReason(obj: unknown, reason: string): boolean {
  return pods(obj).some((p) => containers(p).some((c) => c.reason === reason));
}

const FAILURE_REASONS = ['CrashLoopBackOff', 'OOMKilled', 'Error', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'RunContainerError', 'CreateContainerError', 'PreStartHookError', 'PostStartHookError'];

function hasCrashingPod(obj: unknown): boolean {
  return FAILURE_REASONS.some((r) => hasReason(obj, r)) || pods(obj).some((p) => count(p.restartCount) > 2);
}

function reasons(obj: unknown): string {
  const seen = new Set<string>();
  for (const p of pods(obj)) for (const c of containers(p)) if (typeof c.reason === 'string' && c.reason !== '') seen.add(c.reason);
  return [...seen].join(', ');
}

/** The pod whose ordinal is `ordinal` (a pod without one counts as ordinal 0, as upstream). */
function byOrdinal(obj: unknown, ordinal: number): Obj | undefined {
  return pods(obj).find((p) => count(p.ordinal) === ordinal);
}

function containerState(obj: unknown, ordinal: number, name: string): string {
  const pod = byOrdinal(obj, ordinal);
  return pod ? text(containers(pod).find((c) => c.name === name)?.state) : '';
}

const detected = (name: string, reason: string, what: string): FuncDef =>
  pod1(name, [`${name} OBJ`, `Whether any container of any pod has reason ${reason} (${what}).`, `{{ ${name} .children.deployment }}`], (o) => hasReason(o, reason));

export const POD_NOTES: FuncDef[] = [
  pod1('podNames', ['podNames OBJ', 'The names of the pods in _pods, joined with ", "; "" without enrichment.', '{{ podNames .children.deployment }}'], field('name')),
  pod1('podIPs', ['podIPs OBJ', 'The pod IPs, joined with ", " (pods without an IP yet are left out).', '{{ podIPs .children.statefulset }}'], field('ip')),
  pod1('podPhases', ['podPhases OBJ', 'The pod phases in order, joined with ", ".', '{{ podPhases .children.statefulset }}'], field('phase')),
  pod1('podNodes', ['podNodes OBJ', 'The nodes the pods run on, joined with ", " (pending pods are left out).', '{{ podNodes .children.deployment }}'], field('node')),
  pod1('podCount', ['podCount OBJ', 'How many pods _pods holds; 0 without enrichment.', '{{ podCount .children.deployment }}'], (o) => pods(o).length),
  pod1('readyPodCount', ['readyPodCount OBJ', 'How many pods have ready true.', '{{ readyPodCount .children.deployment }}'], (o) => pods(o).filter((p) => p.ready === true).length),
  pod1('podMaxRestarts', ['podMaxRestarts OBJ', 'The highest restartCount across the pods; 0 when none.', '{{ podMaxRestarts .children.deployment }}'], (o) => pods(o).reduce((m, p) => Math.max(m, count(p.restartCount)), 0)),
  pod1('hasCrashingPod', ['hasCrashingPod OBJ', 'Whether a pod restarted more than twice or a container has a failure reason (CrashLoopBackOff, OOMKilled, ImagePullBackOff …).', '{{ hasCrashingPod .children.deployment }}'], hasCrashingPod),
  note('pods', 'podByOrdinal', [2, 2], ['podByOrdinal OBJ N', 'The pod summary map with ordinal N (name, ip, phase, ready, node, restartCount, ordinal); nil when none.', '{{ (podByOrdinal .children.statefulset 0).ip }}'], (a) => byOrdinal(a[0], int(a[1], 2))),
  note('pods', 'podContainerState', [3, 3], ['podContainerState OBJ N NAME', 'The state (Running, Waiting, Terminated) of container NAME in the pod with ordinal N; "" when not found.', '{{ podContainerState .children.statefulset 0 "app" }}'], (a) => containerState(a[0], int(a[1], 2), str(a[2], 3))),
  pod1('podContainerReasons', ['podContainerReasons OBJ', 'The distinct waiting or terminated reasons of all containers, in order, joined with ", ".', '{{ podContainerReasons .children.deployment }}'], reasons),
  detected('podCrashLoopDetected', 'CrashLoopBackOff', 'restarting after crashes'),
  detected('podImagePullBackOffDetected', 'ImagePullBackOff', 'the image cannot be pulled'),
  detected('podErrImagePullDetected', 'ErrImagePull', 'a pull just failed'),
  detected('podErrorDetected', 'Error', 'the process exited non-zero'),
  detected('podOOMKilledDetected', 'OOMKilled', 'the memory limit was exhausted'),
  detected('podRunContainerErrorDetected', 'RunContainerError', 'the container failed to start'),
  detected('podCreateContainerErrorDetected', 'CreateContainerError', 'the container could not be created'),
  detected('podInvalidImageNameDetected', 'InvalidImageName', 'the image name cannot be parsed'),
  detected('podPreStartHookErrorDetected', 'PreStartHookError', 'the pre-start hook failed'),
  detected('podPostStartHookErrorDetected', 'PostStartHookError', 'the post-start hook failed'),
];
