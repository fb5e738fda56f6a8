// What every fault case asserts at its end, read from the fault plane's API server: every CR
// Ready at its generation, exactly one ConfigMap and one Service per CR counted by owner UID (none
// lost, none duplicated, none orphaned), and the controller's writes (API server counters).
import type { FaultPlane } from './control-plane.js';

const SELECTOR = encodeURIComponent('orkestra.orkspace.io/crd=member');

interface Obj {
  metadata: { name: string; uid: string; generation?: number; ownerReferences?: { uid: string }[] };
  status?: { conditions?: { type: string; status: string; observedGeneration?: number }[] };
}

export const membersPath = (group: string, ns: string) => `/apis/${group}/v1/namespaces/${ns}/members`;

async function list(plane: FaultPlane, path: string): Promise<Obj[]> {
  const res = await plane.client.request<{ items: Obj[] }>({ method: 'GET', path });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.body.items;
}

export async function notReady(plane: FaultPlane, group: string, ns: string): Promise<string[]> {
  const crs = await list(plane, membersPath(group, ns));
  return crs.filter((cr) => {
    const ready = cr.status?.conditions?.find((c) => c.type === 'Ready');
    return !(ready?.status === 'True' && ready.observedGeneration === cr.metadata.generation);
  }).map((cr) => cr.metadata.name);
}

export interface ChildCount {
  crs: number;
  lost: number;
  duplicated: number;
  orphaned: number;
}

/** Per kind, CRs with no child (lost), with more than one (duplicated), children of no CR (orphaned). */
export async function countChildren(plane: FaultPlane, group: string, ns: string): Promise<ChildCount> {
  const crs = await list(plane, membersPath(group, ns));
  const uids = new Set(crs.map((c) => c.metadata.uid));
  const result: ChildCount = { crs: crs.length, lost: 0, duplicated: 0, orphaned: 0 };
  for (const kind of ['configmaps', 'services']) {
    const children = await list(plane, `/api/v1/namespaces/${ns}/${kind}?labelSelector=${SELECTOR}`);
    const byOwner = new Map<string, number>();
    for (const child of children) {
      const owner = child.metadata.ownerReferences?.[0]?.uid ?? '';
      if (!uids.has(owner)) result.orphaned++;
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
    }
    for (const uid of uids) {
      const n = byOwner.get(uid) ?? 0;
      if (n === 0) result.lost++;
      if (n > 1) result.duplicated += n - 1;
    }
  }
  return result;
}

/** The controller's writes: children (ConfigMaps, Services) and the CRs' own writes, not the test's CR POSTs. */
export const controllerWrites = (plane: FaultPlane, group: string) => plane.writes((l) =>
  l.resource === 'configmaps' || l.resource === 'services' ||
  (l.resource === 'members' && l.group === group && !(l.verb === 'POST' && !l.subresource)));
