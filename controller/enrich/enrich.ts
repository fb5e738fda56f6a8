// Enrichment of a CR's children before its status is rendered (upstream's `enrich:` /
// `enrichAll:`), in upstream's two phases: the targets without a gate first; then each gated
// target whose `when`/`or` holds on the children enriched so far (a gate may read
// `{{ replicasReady .children.deployment }}`), for the enrichers it adds. A failed read leaves its
// keys out and is logged, never failing the reconcile: status is written from what could be read.
// With `replicasets` and no ReplicaSet child, the Deployment's active ReplicaSet stands in as one,
// as upstream synthesises `.children.replicaset`; with `endpoints`, the first Service's
// EndpointSlices stand in as `.children.endpointslice`, as upstream fills it for a declared Service.
import { isKubeError, type KubeClient, type KubeObject } from '../../shared/kube/index.js';
import { ENRICHERS, enrichersFor, enrichersOf, isGated, type Enricher, type EnrichSpec } from '../../shared/enrich/index.js';
import { int } from '../../shared/enrich/index.js';
import { evaluateGate } from '../../shared/render/index.js';
import { EMBED } from './enrichers.js';
import { ENRICH_LIMITS, EnrichReads } from './reads.js';

export interface EnrichInput {
  kube: KubeClient;
  spec: EnrichSpec;
  /** The children read after applying, and those kept without being rendered. */
  live: readonly KubeObject[];
  kept: readonly KubeObject[];
  /** The template data a gate is evaluated on, given the children enriched so far. */
  gateData: (live: readonly KubeObject[], kept: readonly KubeObject[]) => unknown;
  /** Names the CR in messages. */
  about: string;
  warn?: (message: string) => void;
}

export interface Enriched {
  live: KubeObject[];
  kept: KubeObject[];
  /** API reads made. */
  calls: number;
}

export async function enrichChildren(input: EnrichInput): Promise<Enriched> {
  const reads = new EnrichReads(input.kube);
  const { spec } = input;
  const first = enrichersOf(spec, spec.all ? [] : spec.targets.filter((t) => !isGated(t)));
  let live = await embedAll(reads, first, input.live, input);
  let kept = await embedAll(reads, first, input.kept, input);
  if (!spec.all) {
    const gated = spec.targets.filter(isGated);
    if (gated.length > 0) {
      const data = input.gateData(live, kept);
      const open = gated.filter((t) => {
        const r = evaluateGate({ ...(t.when ? { when: t.when } : {}), ...(t.or ? { or: t.or } : {}) }, data, `enrich.${t.name}`, input.about);
        if (!r.ok) input.warn?.(`enrich: ${t.name} is skipped for ${input.about}: its gate cannot be evaluated (${r.problems.join('; ')})`);
        return r.ok && r.holds;
      });
      const added = new Set([...enrichersOf(spec, open)].filter((e) => !first.has(e)));
      live = await embedAll(reads, added, live, input);
      kept = await embedAll(reads, added, kept, input);
      for (const e of added) first.add(e);
    }
  }
  if (first.has('replicasets')) kept = [...kept, ...activeReplicaSet(live, kept)];
  if (first.has('endpoints')) kept = [...kept, ...(await endpointSlices(reads, live, kept))];
  return { live, kept, calls: reads.calls };
}

async function embedAll(reads: EnrichReads, enabled: ReadonlySet<Enricher>, objects: readonly KubeObject[], input: EnrichInput): Promise<KubeObject[]> {
  if (enabled.size === 0) return [...objects];
  return Promise.all(objects.map(async (object) => {
    let out = object;
    for (const enricher of enrichersFor(object.kind, enabled)) {
      try {
        out = { ...out, ...(await EMBED[enricher](reads, object)) };
      } catch (e) {
        input.warn?.(failure(enricher, object, e));
      }
    }
    return out;
  }));
}

function failure(enricher: Enricher, object: KubeObject, e: unknown): string {
  const ref = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
  const why = isKubeError(e, 403) ? `forbidden: grant the controller what \`ork rbac --bundle DIR\` prints` : (e as Error).message;
  return `enrich: ${enricher} could not read for ${ref} (${ENRICHERS[enricher].keys.join(', ')} left out): ${why}`;
}

/**
 * `.children.endpointslice` (upstream fills it for a declared Service): the EndpointSlices the
 * endpoints enricher listed for the first Service (the same memoised list: no extra read), unless
 * an EndpointSlice child exists. A failed list was reported by the enricher: none then.
 */
async function endpointSlices(reads: EnrichReads, live: readonly KubeObject[], kept: readonly KubeObject[]): Promise<KubeObject[]> {
  if ([...live, ...kept].some((o) => o.kind === 'EndpointSlice')) return [];
  const service = live.find((o) => o.kind === 'Service');
  if (!service?.metadata.namespace) return [];
  return reads.list('EndpointSlice', service.metadata.namespace, { labelSelector: `kubernetes.io/service-name=${service.metadata.name}` }, ENRICH_LIMITS.endpointSlices).catch(() => []);
}

/** The ReplicaSet with the most spec.replicas of the first Deployment's `_replicaSets`, unless a ReplicaSet child exists. */
function activeReplicaSet(live: readonly KubeObject[], kept: readonly KubeObject[]): KubeObject[] {
  if ([...live, ...kept].some((o) => o.kind === 'ReplicaSet')) return [];
  for (const deployment of live.filter((o) => o.kind === 'Deployment')) {
    const sets = Array.isArray(deployment._replicaSets) ? (deployment._replicaSets as KubeObject[]) : [];
    let best: KubeObject | undefined;
    for (const rs of sets) if (!best || int((rs.spec as { replicas?: unknown } | undefined)?.replicas) > int((best.spec as { replicas?: unknown } | undefined)?.replicas)) best = rs;
    if (best) return [best];
  }
  return [];
}
