// The shapes upstream's enrichment embeds, built from the objects it reads: pod summaries (`_pods`,
// `_backingPods`), warning events (`_warnings`), EndpointSlice addresses (`_endpoints`), a node's
// topology (`_node`), an HPA's metrics and target, a ReplicaSet's controller (`_owner`), an
// Ingress's addresses. Every function takes whatever the API server (or a broken object) gives and
// answers the zero shape for a missing or mistyped field; none throws. Pure.

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** An integer from a JSON number (Go's int64 conversion of what the API returns); 0 otherwise. */
export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

export interface ContainerSummary {
  name: string;
  image: string;
  state: '' | 'Running' | 'Waiting' | 'Terminated';
  reason: string;
  ready: boolean;
  restartCount: number;
}

export interface PodSummary {
  name: string;
  ip: string;
  phase: string;
  ready: boolean;
  node: string;
  restartCount: number;
  /** The number after the last `-` of the name (StatefulSet pods), else -1. */
  ordinal: number;
  /** The exit code of the first terminated container, else -1. */
  exitCode: number;
  containers: ContainerSummary[];
}

export function podSummary(pod: unknown): PodSummary {
  const p = rec(pod);
  const name = str(rec(p.metadata).name);
  const status = rec(p.status);
  const statuses = list(status.containerStatuses).filter(isRecord);
  return {
    name,
    ip: str(status.podIP),
    phase: str(status.phase),
    ready: list(status.conditions).some((c) => isRecord(c) && c.type === 'Ready' && c.status === 'True'),
    node: str(rec(p.spec).nodeName),
    restartCount: statuses.reduce((sum, c) => sum + int(c.restartCount), 0),
    ordinal: ordinalOf(name),
    exitCode: firstExitCode(statuses),
    containers: statuses.map(containerSummary),
  };
}

function containerSummary(c: Rec): ContainerSummary {
  const state = rec(c.state);
  const [name, reason]: [ContainerSummary['state'], string] = state.running !== undefined ? ['Running', '']
    : isRecord(state.waiting) ? ['Waiting', str(state.waiting.reason)]
      : isRecord(state.terminated) ? ['Terminated', str(state.terminated.reason)]
        : ['', ''];
  return { name: str(c.name), image: str(c.image), state: name, reason, ready: c.ready === true, restartCount: int(c.restartCount) };
}

function firstExitCode(statuses: Rec[]): number {
  for (const c of statuses) {
    const terminated = rec(c.state).terminated;
    if (isRecord(terminated)) return int(terminated.exitCode);
  }
  return -1;
}

function ordinalOf(name: string): number {
  const dash = name.lastIndexOf('-');
  if (dash < 0) return -1;
  const tail = name.slice(dash + 1);
  return /^\d+$/.test(tail) ? Number(tail) : -1;
}

/** Whether any ownerReference of `obj` has this kind (a Deployment's pods: owned by a ReplicaSet). */
export function ownedByKind(obj: unknown, kind: string): boolean {
  return list(rec(rec(obj).metadata).ownerReferences).some((r) => isRecord(r) && r.kind === kind);
}

/** Whether any ownerReference of `obj` has this uid. */
export function ownedByUid(obj: unknown, uid: string): boolean {
  return uid !== '' && list(rec(rec(obj).metadata).ownerReferences).some((r) => isRecord(r) && r.uid === uid);
}

export interface WarningSummary {
  reason: string;
  message: string;
  count: number;
  lastTimestamp: string;
}

/** A core/v1 Event as `_warnings` holds it; lastTimestamp falls back to eventTime (events.k8s.io writers). */
export function warningSummary(event: unknown): WarningSummary {
  const e = rec(event);
  const count = int(e.count) || int(rec(e.series).count);
  return { reason: str(e.reason), message: str(e.message), count, lastTimestamp: str(e.lastTimestamp) || str(e.eventTime) };
}

export interface EndpointEntry {
  ip: string;
  port: number;
  ready: boolean;
}

/** Every address × port of an EndpointSlice, with its endpoint's ready condition. */
export function endpointEntries(slice: unknown): EndpointEntry[] {
  const s = rec(slice);
  const ports = list(s.ports).filter(isRecord).map((p) => int(p.port));
  const out: EndpointEntry[] = [];
  for (const endpoint of list(s.endpoints).filter(isRecord)) {
    const ready = rec(endpoint.conditions).ready === true;
    for (const ip of list(endpoint.addresses)) {
      if (typeof ip !== 'string' || ip === '') continue;
      for (const port of ports) out.push({ ip, port, ready });
    }
  }
  return out;
}

export interface NodeSummary {
  name: string;
  zone: string;
  region: string;
  instanceType: string;
}

/** A Node's name and well-known topology labels. */
export function nodeSummary(node: unknown): NodeSummary {
  const meta = rec(rec(node).metadata);
  const labels = rec(meta.labels);
  return {
    name: str(meta.name),
    zone: str(labels['topology.kubernetes.io/zone']),
    region: str(labels['topology.kubernetes.io/region']),
    instanceType: str(labels['node.kubernetes.io/instance-type']),
  };
}

/** `{name, kind, apiVersion}` of the HPA's spec.scaleTargetRef, or undefined without one. */
export function scaleTarget(hpa: unknown): Rec | undefined {
  const ref = rec(rec(hpa).spec).scaleTargetRef;
  if (!isRecord(ref)) return undefined;
  return { name: ref.name, kind: ref.kind, apiVersion: ref.apiVersion };
}

/**
 * status.currentMetrics as `{type, name, current}` each, whatever the metric source: Resource
 * (averageUtilization, else averageValue), External and Object (value, else averageValue), Pods
 * (averageValue). Empty without metrics.
 */
export function currentMetrics(hpa: unknown): Rec[] {
  return list(rec(rec(hpa).status).currentMetrics).filter(isRecord).map((m) => {
    const type = str(m.type);
    const out: Rec = { type };
    const source = rec(m[type.charAt(0).toLowerCase() + type.slice(1)]);
    const current = rec(source.current);
    if (type === 'Resource') {
      out.name = source.name;
      out.current = current.averageUtilization ?? current.averageValue;
    } else if (type === 'External' || type === 'Pods' || type === 'Object') {
      out.name = rec(source.metric).name;
      out.current = type === 'Pods' ? current.averageValue : current.value ?? current.averageValue;
    }
    return out;
  });
}

/** `{name, kind, uid}` of the controller ownerReference, or undefined. */
export function controllerOwner(obj: unknown): Rec | undefined {
  const ref = list(rec(rec(obj).metadata).ownerReferences).find((r) => isRecord(r) && r.controller === true);
  return isRecord(ref) ? { name: ref.name, kind: ref.kind, uid: ref.uid } : undefined;
}

/** status.loadBalancer.ingress as addresses: each entry's ip, else its hostname. */
export function loadBalancerAddresses(obj: unknown): string[] {
  const entries = list(rec(rec(rec(obj).status).loadBalancer).ingress).filter(isRecord);
  return entries.map((e) => str(e.ip) || str(e.hostname)).filter((a) => a !== '');
}

/** The distinct spec.tls[].secretName of an Ingress, in order. */
export function tlsSecretNames(ingress: unknown): string[] {
  const names = list(rec(rec(ingress).spec).tls).filter(isRecord).map((t) => str(t.secretName)).filter((n) => n !== '');
  return [...new Set(names)];
}

/**
 * A TLS Secret as `_tlsSecrets` holds it here: everything but its data. Upstream embeds the whole
 * Secret; its key material has no business in a template context that status fields are written from.
 */
export function secretWithoutData(secret: unknown): Rec {
  const { data: _data, stringData: _stringData, ...rest } = rec(secret);
  const meta = rec(rest.metadata);
  const { managedFields: _m, ...metadata } = meta;
  // The last-applied annotation repeats the data.
  const annotations = { ...rec(metadata.annotations) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  return { ...rest, metadata: { ...metadata, ...(metadata.annotations !== undefined ? { annotations } : {}) } };
}

/** A CronJob's newest owned Job and newest succeeded one (by creationTimestamp). */
export function newestJobs(jobs: readonly unknown[], cronJobUid: string): { last?: Rec; lastSuccessful?: Rec } {
  const owned = jobs.filter((j): j is Rec => isRecord(j) && ownedByUid(j, cronJobUid));
  const created = (j: Rec) => str(rec(j.metadata).creationTimestamp);
  owned.sort((a, b) => (created(a) < created(b) ? 1 : created(a) > created(b) ? -1 : 0));
  const lastSuccessful = owned.find((j) => int(rec(j.status).succeeded) > 0);
  return { ...(owned[0] ? { last: owned[0] } : {}), ...(lastSuccessful ? { lastSuccessful } : {}) };
}

/** A StatefulSet's PVC names: `<template>-<name>-<ordinal>` for each volumeClaimTemplate × replica (1 when unset or 0). */
export function statefulSetPvcNames(sts: unknown, max: number): string[] {
  const s = rec(sts);
  const name = str(rec(s.metadata).name);
  const spec = rec(s.spec);
  const replicas = int(spec.replicas) > 0 ? int(spec.replicas) : 1;
  const templates = list(spec.volumeClaimTemplates).filter(isRecord).map((t) => str(rec(t.metadata).name)).filter((t) => t !== '');
  const out: string[] = [];
  for (const template of templates) {
    for (let i = 0; i < replicas && out.length < max; i++) out.push(`${template}-${name}-${i}`);
  }
  return out;
}
