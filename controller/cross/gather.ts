// Gathers `.cross` for one CR before it is rendered: cluster queries from this runtime's CR caches
// (zero API calls; the target is another entry of the bundle, by name or by its entry labels),
// remote ones through the RemoteReader. A CRD entry that opts out (`crossAccess: false`) reads as
// not found, as upstream. Render stays pure: it receives the result as template data.
import { clusterMatches, clusterResult, crossQueries, type ClusterQuery } from '../../shared/cross/index.js';
import type { CrdEntry } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';
import type { RemoteReader } from './remote.js';

type Rec = Record<string, unknown>;

/** The CR caches a cluster query may read: entry name → its entry and its cached CRs. */
export interface CrossTargets {
  entries(): Iterable<[name: string, entry: CrdEntry]>;
  crs(name: string): readonly KubeObject[];
}

/** `{<as>: …}` for every declaration of the entry; undefined when it declares none. */
export async function gatherCross(entry: CrdEntry, cr: KubeObject, targets: CrossTargets, remote: RemoteReader): Promise<Rec | undefined> {
  const queries = crossQueries(entry, cr as unknown as Rec);
  if (queries.length === 0) return undefined;
  const out: Rec = {};
  for (const query of queries) {
    if (query.type === 'failed') out[query.as] = { found: false, error: query.error };
    else if (query.type === 'remote') out[query.as] = await remote.read(query);
    else out[query.as] = readCluster(query, targets);
  }
  return { cross: out };
}

function readCluster(query: ClusterQuery, targets: CrossTargets): Rec {
  const names: string[] = [];
  for (const [name, entry] of targets.entries()) {
    if (entry.crossAccess === false) continue;
    if (query.crd !== undefined ? name === query.crd : labelsMatch(query.crdLabels, entry.labels)) names.push(name);
  }
  const matches = names.flatMap((name) => targets.crs(name)).filter((cr) => clusterMatches(query, cr as unknown as Rec));
  return clusterResult(query, matches as unknown as Rec[]);
}

function labelsMatch(wanted: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return wanted !== undefined && Object.entries(wanted).every(([k, v]) => labels?.[k] === v);
}
