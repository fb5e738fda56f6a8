// Secondary watches (`operatorBox.observe.watch`, also written `operatorBox.watch` or
// `operatorBox.reconciler.watch`): which objects a CRD entry observes, and which of its CRs a change
// to one of them re-queues. Upstream's key resolution, first match wins: keyFrom.label (the label's
// value is `namespace/name` or a bare name), keyFrom.name, an ownerReference to the primary kind,
// else every known CR of the primary kind (broadcast). Pure.
import type { CrdEntry } from '../katalog/types.js';
import type { KubeObject } from '../kube/index.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export type ObserveEvent = 'create' | 'update' | 'delete';
export const OBSERVE_EVENTS: readonly ObserveEvent[] = ['create', 'update', 'delete'];

export interface WatchEntry {
  apiVersion: string;
  kind: string;
  /** Only this namespace; absent: every namespace (or the cluster scope). */
  namespace?: string;
  /** Only the object of this name. */
  name?: string;
  /** `key=value,…` narrowing the watch (this runtime also accepts `labelSelector` as a map). */
  labelSelector?: string;
  /** The events that re-queue; upstream's default is all three. */
  on: readonly ObserveEvent[];
  keyFrom?: { label?: string; name?: string; namespace?: string };
  /** Where it was declared, e.g. `operatorBox.observe.watch[0]`. */
  path: string;
}

/** The watches a CRD entry declares, in every spelling, in declaration order. */
export function watchEntries(entry: CrdEntry): WatchEntry[] {
  const box = (entry.operatorBox ?? {}) as Rec;
  const lists: Array<[unknown, string]> = [
    [isRecord(box.observe) ? box.observe.watch : undefined, 'operatorBox.observe.watch'],
    [box.watch, 'operatorBox.watch'],
    [isRecord(box.reconciler) ? box.reconciler.watch : undefined, 'operatorBox.reconciler.watch'],
  ];
  const out: WatchEntry[] = [];
  for (const [list, base] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const parsed = isRecord(item) ? parseEntry(item, `${base}[${i}]`) : undefined;
      if (parsed) out.push(parsed);
    });
  }
  return out;
}

function parseEntry(item: Rec, path: string): WatchEntry | undefined {
  const { apiVersion, kind } = item;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return undefined;
  const on = Array.isArray(item.on) ? OBSERVE_EVENTS.filter((e) => (item.on as unknown[]).includes(e)) : OBSERVE_EVENTS;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const keyFrom = isRecord(item.keyFrom) ? item.keyFrom : undefined;
  const selector = selectorText(item.labelSelector);
  const entry: WatchEntry = { apiVersion, kind, on, path };
  if (text(item.namespace)) entry.namespace = text(item.namespace)!;
  if (text(item.name)) entry.name = text(item.name)!;
  if (selector) entry.labelSelector = selector;
  if (keyFrom && (text(keyFrom.label) || text(keyFrom.name))) {
    entry.keyFrom = {};
    if (text(keyFrom.label)) entry.keyFrom.label = text(keyFrom.label)!;
    else entry.keyFrom.name = text(keyFrom.name)!;
    if (text(keyFrom.namespace) && !entry.keyFrom.label) entry.keyFrom.namespace = text(keyFrom.namespace)!;
  }
  return entry;
}

/** `{app: web}` → `app=web`; a string is taken as written. */
function selectorText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (!isRecord(value)) return undefined;
  const labels = isRecord(value.matchLabels) ? value.matchLabels : value;
  const parts = Object.entries(labels).filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? parts.sort().join(',') : undefined;
}

/** The informer a watch needs: one per (apiVersion, kind, namespace, selector), shared by entries. */
export function watchInformerKey(w: Pick<WatchEntry, 'apiVersion' | 'kind' | 'namespace' | 'labelSelector'>): string {
  return [w.apiVersion, w.kind, w.namespace ?? '', w.labelSelector ?? ''].join('|');
}

/** Whether a change of this kind to `obj` concerns the entry (its event list and its name). */
export function watchMatches(w: WatchEntry, event: ObserveEvent, obj: KubeObject): boolean {
  if (!w.on.includes(event)) return false;
  if (w.name !== undefined && obj.metadata.name !== w.name) return false;
  return w.namespace === undefined || obj.metadata.namespace === undefined || obj.metadata.namespace === w.namespace;
}

export interface Primary {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

/**
 * The keys (`namespace/name`, or `name` for a cluster-scoped primary) to re-queue; `broadcast`
 * when no rule names a CR (the caller queues every CR it knows).
 */
export function primaryKeys(w: WatchEntry, obj: KubeObject, primary: Primary): string[] | 'broadcast' {
  const key = (namespace: string | undefined, name: string) => (primary.namespaced && namespace ? `${namespace}/${name}` : name);
  const fromLabel = w.keyFrom?.label ? obj.metadata.labels?.[w.keyFrom.label] : undefined;
  if (fromLabel) {
    const slash = fromLabel.indexOf('/');
    return slash > 0 ? [key(fromLabel.slice(0, slash), fromLabel.slice(slash + 1))] : [key(obj.metadata.namespace, fromLabel)];
  }
  if (w.keyFrom?.name) return [key(w.keyFrom.namespace ?? obj.metadata.namespace, w.keyFrom.name)];
  const group = (v: string) => (v.includes('/') ? v.slice(0, v.indexOf('/')) : '');
  const owners = (obj.metadata.ownerReferences ?? []).filter((r) => r.kind === primary.kind && group(r.apiVersion) === group(primary.apiVersion));
  if (owners.length > 0) return [...new Set(owners.map((r) => key(obj.metadata.namespace, r.name)))];
  return 'broadcast';
}
