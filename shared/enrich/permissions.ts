// What enrichment reads, as RBAC: for each enricher a CRD entry turns on (gated ones included: their
// gate may open) and each child kind it applies to, the resource and verb of its reads. Nothing
// for an entry without enrich/enrichAll, so a Katalog that does not enrich is granted nothing more
// (but the EndpointSlice list a status reading endpointsReady/hasEndpoints implies, implicit.ts).
// Namespaced reads are narrowed to the entry's namespace when it has one. Pure.
import type { CrdEntry } from '../katalog/types.js';
import { enrichersFor, enrichersOf, type Enricher } from './targets.js';
import { effectiveEnrichSpec } from './implicit.js';

/** A Permission of shared/rbac (structurally: rbac imports this module, not the other way). */
export interface EnrichPermission {
  group: string;
  resource: string;
  verbs: string[];
  namespace?: string;
}

interface Read {
  group: string;
  resource: string;
  verb: 'get' | 'list';
  cluster?: true;
}

const PODS: Read = { group: '', resource: 'pods', verb: 'list' };
const POD_OWNERS = ['Deployment', 'StatefulSet', 'ReplicaSet'];

/** The reads of one enricher on one child kind (it applies to that kind). */
function readsOf(enricher: Enricher, kind: string): Read[] {
  switch (enricher) {
    case 'pods': case 'backingpods': return [PODS];
    // Pod warnings are added for workloads: their failures are recorded on the pods.
    case 'events': return [{ group: '', resource: 'events', verb: 'list' }, ...(POD_OWNERS.includes(kind) ? [PODS] : [])];
    case 'replicasets': return [{ group: 'apps', resource: 'replicasets', verb: 'list' }];
    case 'endpoints': return [{ group: 'discovery.k8s.io', resource: 'endpointslices', verb: 'list' }];
    case 'pvcs': return [{ group: '', resource: 'persistentvolumeclaims', verb: 'get' }];
    case 'pvc': return [{ group: '', resource: 'persistentvolumes', verb: 'get', cluster: true }];
    case 'pv': return kind === 'PersistentVolume'
      ? [{ group: '', resource: 'persistentvolumeclaims', verb: 'get' }]
      : [{ group: '', resource: 'persistentvolumes', verb: 'get', cluster: true }];
    case 'storageclass': return [{ group: 'storage.k8s.io', resource: 'storageclasses', verb: 'get', cluster: true }];
    case 'node': return [{ group: '', resource: 'nodes', verb: 'get', cluster: true }];
    case 'cronjob': return [{ group: 'batch', resource: 'jobs', verb: 'list' }];
    case 'ingress': return [{ group: '', resource: 'secrets', verb: 'get' }];
    case 'owner': case 'hpa': return [];
  }
}

/** The permissions enrichment needs for one CRD entry whose children are of `childKinds`. */
export function enrichPermissions(entry: CrdEntry, childKinds: readonly { kind: string }[]): EnrichPermission[] {
  const spec = effectiveEnrichSpec(entry);
  if (!spec) return [];
  const enabled = enrichersOf(spec);
  const namespaced = entry.namespace ? { namespace: entry.namespace } : {};
  const out: EnrichPermission[] = [];
  for (const kind of new Set(childKinds.map((k) => k.kind))) {
    for (const enricher of enrichersFor(kind, enabled)) {
      for (const read of readsOf(enricher, kind)) out.push({ group: read.group, resource: read.resource, verbs: [read.verb], ...(read.cluster ? {} : namespaced) });
    }
  }
  return out;
}
