// From the listed Pods, ReplicaSets and Leases to the audit report: one row per replica, replicas
// grouped by rollout revision (pod-template-hash), and the verdict. Replicas of one revision must
// run one digest; two revisions each agreeing among themselves is a rollout, not a fault.
import { DEPLOYMENT_REVISION_ANNOTATION, DIGEST_ANNOTATION, LEASE_REVISION_ANNOTATION, POD_TEMPLATE_HASH_LABEL } from './names.js';

/** The parts of a Kubernetes object the audit reads (Pods, ReplicaSets, Leases). */
export interface AuditObject {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; controller?: boolean }[];
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
  spec?: unknown;
  status?: unknown;
}

export interface AuditInput {
  pods: AuditObject[];
  /** The namespace's ReplicaSets (for each revision's Deployment revision number); may be empty. */
  replicaSets: AuditObject[];
  /** The namespace's Leases; those held by a listed pod name its leader. */
  leases: AuditObject[];
}

export interface ReplicaView {
  pod: string;
  /** The pod-template-hash label; '' when the Pod has none (not created by a Deployment). */
  revision: string;
  /** The published digest, or undefined ("unknown") when the Pod carries no annotation. */
  digest: string | undefined;
  phase: string;
  ready: boolean;
  terminating: boolean;
  /** Names of the Leases this replica holds. */
  leads: string[];
}

export interface RevisionGroup {
  revision: string;
  /** The owning ReplicaSet's deployment.kubernetes.io/revision, when known: higher is newer. */
  deploymentRevision: number | undefined;
  pods: string[];
  /** The distinct published digests, sorted; more than one is a split brain. */
  digests: string[];
  /** Replicas without a digest annotation. */
  unknown: string[];
  agree: boolean;
}

export interface LeaseView {
  name: string;
  /** '' when released or never held. */
  holderIdentity: string;
  /** The listed pod holding it, if any. */
  holderPod: string | undefined;
  digest: string;
  revision: string;
}

export type AuditVerdict = 'consistent' | 'rollout' | 'split-brain' | 'unknown' | 'no-replicas';

export interface AuditReport {
  verdict: AuditVerdict;
  /** One sentence for people. */
  summary: string;
  replicas: ReplicaView[];
  /** Newest first (by deployment revision, then name). */
  revisions: RevisionGroup[];
  /** Only Leases currently held by one of the listed replicas. */
  leases: LeaseView[];
}

/**
 * Exit status of `ork audit`: 0 when every revision agrees (also during a rollout); 4 — the
 * integrity class — on a split brain; 2 when nothing could be audited (no replica matched, or no
 * replica publishes a digest: check the namespace, the selector, and POD_NAME/POD_NAMESPACE).
 */
export function exitCodeForVerdict(verdict: AuditVerdict): number {
  switch (verdict) {
    case 'consistent':
    case 'rollout':
      return 0;
    case 'split-brain':
      return 4;
    case 'unknown':
    case 'no-replicas':
      return 2;
  }
}

export function auditReplicas(input: AuditInput): AuditReport {
  const podNames = input.pods.map((p) => p.metadata.name);
  const leases = input.leases.map(leaseView(podNames)).filter((l) => l.holderPod !== undefined);
  const replicas = input.pods.map((pod) => replicaView(pod, leases)).sort((a, b) => a.pod.localeCompare(b.pod));
  const revisions = groupByRevision(replicas, input.replicaSets);
  const verdict = verdictOf(replicas, revisions);
  return { verdict, summary: summaryOf(verdict, revisions), replicas, revisions, leases };
}

function replicaView(pod: AuditObject, leases: LeaseView[]): ReplicaView {
  const status = (pod.status ?? {}) as { phase?: unknown; conditions?: { type?: unknown; status?: unknown }[] };
  const digest = pod.metadata.annotations?.[DIGEST_ANNOTATION];
  return {
    pod: pod.metadata.name,
    revision: pod.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] ?? '',
    digest: digest === undefined || digest === '' ? undefined : digest,
    phase: typeof status.phase === 'string' ? status.phase : 'Unknown',
    ready: (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    terminating: pod.metadata.deletionTimestamp !== undefined,
    leads: leases.filter((l) => l.holderPod === pod.metadata.name && l.holderIdentity !== '').map((l) => l.name),
  };
}

/** Identities are `<pod>_<uuid>` (identityFor); the longest matching pod name wins (`a` vs `a_b`). */
function leaseView(podNames: string[]) {
  return (lease: AuditObject): LeaseView => {
    const spec = (lease.spec ?? {}) as { holderIdentity?: unknown };
    const holderIdentity = typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '';
    const holderPod = podNames.filter((p) => holderIdentity.startsWith(`${p}_`)).sort((a, b) => b.length - a.length)[0];
    const annotations = lease.metadata.annotations ?? {};
    return {
      name: lease.metadata.name,
      holderIdentity,
      holderPod,
      digest: annotations[DIGEST_ANNOTATION] ?? '',
      revision: annotations[LEASE_REVISION_ANNOTATION] ?? '',
    };
  };
}

function groupByRevision(replicas: ReplicaView[], replicaSets: AuditObject[]): RevisionGroup[] {
  const byRevision = new Map<string, ReplicaView[]>();
  for (const r of replicas) byRevision.set(r.revision, [...(byRevision.get(r.revision) ?? []), r]);
  const groups = [...byRevision].map(([revision, members]): RevisionGroup => {
    const digests = [...new Set(members.flatMap((m) => (m.digest === undefined ? [] : [m.digest])))].sort();
    return {
      revision,
      deploymentRevision: deploymentRevisionOf(revision, replicaSets),
      pods: members.map((m) => m.pod),
      digests,
      unknown: members.filter((m) => m.digest === undefined).map((m) => m.pod),
      agree: digests.length <= 1,
    };
  });
  return groups.sort((a, b) => (b.deploymentRevision ?? -1) - (a.deploymentRevision ?? -1) || a.revision.localeCompare(b.revision));
}

function deploymentRevisionOf(revision: string, replicaSets: AuditObject[]): number | undefined {
  if (revision === '') return undefined;
  const rs = replicaSets.find((r) => r.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === revision);
  const n = Number(rs?.metadata.annotations?.[DEPLOYMENT_REVISION_ANNOTATION]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function verdictOf(replicas: ReplicaView[], revisions: RevisionGroup[]): AuditVerdict {
  if (replicas.length === 0) return 'no-replicas';
  if (revisions.some((g) => !g.agree)) return 'split-brain';
  if (replicas.every((r) => r.digest === undefined)) return 'unknown';
  return revisions.length > 1 ? 'rollout' : 'consistent';
}

function summaryOf(verdict: AuditVerdict, revisions: RevisionGroup[]): string {
  switch (verdict) {
    case 'no-replicas':
      return 'no controller replica matches the selector in this namespace';
    case 'unknown':
      return 'no replica publishes its bundle digest yet (the controller needs POD_NAME and POD_NAMESPACE from the downward API)';
    case 'split-brain': {
      const split = revisions.filter((g) => !g.agree).map((g) => `revision ${g.revision || '(none)'} runs ${g.digests.join(' and ')}`);
      return `split brain: ${split.join('; ')}`;
    }
    case 'rollout':
      return `rollout in progress: ${revisions.length} revisions, each self-consistent`;
    case 'consistent':
      return 'all replicas agree';
  }
}
