// A CRD entry's `enrich:` / `enrichAll:` as upstream reads them: which enrichers run, which child
// kinds each one embeds data in, and the gate (`when`/`or`, upstream's `anyOf`) an entry may carry.
// Upstream resolves an identifier to its "enrichment group" (the kind's name, plural, shorthands and
// the synthetic keys it provides) and runs an enricher when any member of its group is listed; the
// groups below are those memberships, written out per enricher. Pure.
import type { Condition } from '../katalog/types.js';

/** The enrichers: each embeds its underscore keys in the child kinds it applies to. */
export type Enricher =
  | 'pods' | 'events' | 'replicasets' | 'owner' | 'endpoints' | 'backingpods' | 'pvcs'
  | 'pvc' | 'pv' | 'storageclass' | 'node' | 'hpa' | 'cronjob' | 'ingress';

interface EnricherInfo {
  /** Identifiers that turn it on (lower case). */
  names: readonly string[];
  /** Child kinds it embeds data in; '*' is every kind. */
  kinds: readonly string[];
  /** The keys it embeds. */
  keys: readonly string[];
}

export const ENRICHERS: Readonly<Record<Enricher, EnricherInfo>> = {
  pods: { names: ['pods', 'pod', 'po'], kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'Job'], keys: ['_pods'] },
  events: { names: ['events', 'event', 'ev', 'warnings'], kinds: ['*'], keys: ['_warnings'] },
  // Upstream's Deployment enricher checks the exact key; `replicasets` also sits in the ReplicaSet
  // group, so it turns `owner` on as well.
  replicasets: { names: ['replicasets'], kinds: ['Deployment'], keys: ['_replicaSets'] },
  owner: { names: ['owner', 'replicaset', 'replicasets', 'rs'], kinds: ['ReplicaSet'], keys: ['_owner'] },
  endpoints: { names: ['endpoints', 'endpointslice', 'endpointslices', 'ep'], kinds: ['Service'], keys: ['_endpoints'] },
  backingpods: { names: ['backingpods', 'service', 'services', 'svc'], kinds: ['Service'], keys: ['_backingPods'] },
  pvcs: { names: ['pvcs', 'statefulset', 'statefulsets', 'sts'], kinds: ['StatefulSet'], keys: ['_pvcs'] },
  // The bound PV of a PVC: upstream's reference names `pvc` for it, its code checks the `pv` group;
  // either turns it on here.
  pvc: { names: ['pvc', 'pvclaim', 'persistentvolumeclaim', 'persistentvolumeclaims'], kinds: ['PersistentVolumeClaim'], keys: ['_pv'] },
  pv: { names: ['pv', 'pvs', 'persistentvolume', 'persistentvolumes'], kinds: ['PersistentVolume', 'PersistentVolumeClaim'], keys: ['_pvc', '_pv'] },
  storageclass: { names: ['storageclass', 'storageclasses', 'sc'], kinds: ['PersistentVolumeClaim'], keys: ['_storageClass'] },
  node: { names: ['node', 'nodes'], kinds: ['Pod'], keys: ['_node'] },
  hpa: { names: ['hpa', 'horizontalpodautoscaler', 'horizontalpodautoscalers'], kinds: ['HorizontalPodAutoscaler'], keys: ['_currentMetrics', '_scaleTarget'] },
  cronjob: { names: ['cronjob', 'cronjobs', 'cj'], kinds: ['CronJob'], keys: ['_activeJobs', '_lastJob', '_lastSuccessfulJob'] },
  ingress: { names: ['ingress', 'ingresses', 'ing'], kinds: ['Ingress'], keys: ['_loadBalancerIPs', '_tlsSecrets'] },
};

const ALL_ENRICHERS = Object.keys(ENRICHERS) as Enricher[];

/** Targets upstream accepts that embed nothing (their kind has no enricher of its own). */
const INERT_NAMES = ['deployment', 'deployments', 'deploy', 'dep', 'job', 'jobs', 'networkpolicy', 'networkpolicies', 'np'];

/** Every identifier `enrich:` accepts, sorted. */
export const ENRICH_TARGET_NAMES: readonly string[] = [...new Set([...ALL_ENRICHERS.flatMap((e) => ENRICHERS[e].names), ...INERT_NAMES])].sort();

/** One `enrich:` entry: the identifier as written (lower case) and its gate, if any. */
export interface EnrichTarget {
  name: string;
  when?: Condition[];
  or?: Condition[];
}

/** The entry's enrichment: every enricher (`enrichAll`), or the listed targets. */
export type EnrichSpec = { all: true } | { all: false; targets: EnrichTarget[] };

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The entry's enrichment, or undefined when it asks for none (no cost then). Entries that are not
 * a target name or `{<name>: {when, or|anyOf}}` are skipped here; `enrichIssues` reports them.
 */
export function enrichSpecOf(entry: { enrich?: unknown; enrichAll?: unknown }): EnrichSpec | undefined {
  if (entry.enrichAll === true) return { all: true };
  if (!Array.isArray(entry.enrich)) return undefined;
  const targets = entry.enrich.flatMap((item) => {
    const t = parseTarget(item);
    return t.target ? [t.target] : [];
  });
  return targets.length > 0 ? { all: false, targets } : undefined;
}

/** One `enrich:` item: a target, or why it is not one. */
export function parseTarget(item: unknown): { target?: EnrichTarget; problem?: string } {
  if (typeof item === 'string') return { target: { name: item.trim().toLowerCase() } };
  if (!isRecord(item)) return { problem: `an enrich entry is a target name or {<target>: {when: [...]}}, not ${JSON.stringify(item)}` };
  const keys = Object.keys(item);
  if (keys.length !== 1) return { problem: `an enrich entry names one target, e.g. {events: {when: [...]}}; this one has ${keys.length === 0 ? 'none' : `${keys.join(', ')}`}` };
  const name = keys[0]!;
  const gate = item[name];
  if (gate === null || gate === undefined) return { target: { name: name.toLowerCase() } };
  if (!isRecord(gate)) return { problem: `enrich target ${name}: its value is {when: [...]} or {anyOf: [...]}, not ${JSON.stringify(gate)}` };
  const unknown = Object.keys(gate).filter((k) => !['when', 'or', 'anyOf'].includes(k));
  if (unknown.length > 0) return { problem: `enrich target ${name}: ${unknown.join(', ')} is not a gate key (when, anyOf or or)` };
  if (gate.or !== undefined && gate.anyOf !== undefined) return { problem: `enrich target ${name}: give anyOf or or, not both` };
  const or = (gate.anyOf ?? gate.or) as Condition[] | undefined;
  const when = gate.when as Condition[] | undefined;
  return { target: { name: name.toLowerCase(), ...(when !== undefined ? { when } : {}), ...(or !== undefined ? { or } : {}) } };
}

export function isGated(target: EnrichTarget): boolean {
  return target.when !== undefined || target.or !== undefined;
}

/** The enrichers the given targets turn on (all of them for enrichAll). */
export function enrichersOf(spec: EnrichSpec, targets: readonly EnrichTarget[] = spec.all ? [] : spec.targets): Set<Enricher> {
  if (spec.all) return new Set(ALL_ENRICHERS);
  const names = new Set(targets.map((t) => t.name));
  return new Set(ALL_ENRICHERS.filter((e) => ENRICHERS[e].names.some((n) => names.has(n))));
}

/** The enrichers among `enabled` that embed data in a child of `kind`. */
export function enrichersFor(kind: string, enabled: ReadonlySet<Enricher>): Enricher[] {
  return [...enabled].filter((e) => ENRICHERS[e].kinds.includes('*') || ENRICHERS[e].kinds.includes(kind));
}
