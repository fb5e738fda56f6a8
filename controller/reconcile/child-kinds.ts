// The kinds a CRD entry can create, read from its resource lists without rendering: what the
// engine watches (and the API reader lists) to find a CR's children. Pure.
import { RESOURCE_LIST_KEYS, type CrdEntry, type ResourceLists } from '../../shared/katalog/types.js';
import { KINDS } from '../../shared/render/kinds/index.js';

export interface ChildKind {
  apiVersion: string;
  kind: string;
}

/**
 * Every kind under onCreate, onReconcile and onDelete (its ordered groups too). A `custom` entry counts when its
 * apiVersion and kind are literal; a templated one cannot be known before rendering and is left
 * out (its children are still applied, but not pruned or cleaned up by the finalizer).
 */
export function childKinds(entry: CrdEntry): ChildKind[] {
  const box = entry.operatorBox ?? {};
  const found = new Map<string, ChildKind>();
  const add = (apiVersion: string, kind: string) => found.set(`${apiVersion}|${kind}`, { apiVersion, kind });
  const groups = (box.phaseSettings?.onDelete?.groups ?? []) as (ResourceLists | undefined)[];
  for (const lists of [box.onCreate, box.onReconcile, box.onDelete, ...groups] as (ResourceLists | undefined)[]) {
    if (!lists || typeof lists !== 'object') continue;
    for (const key of RESOURCE_LIST_KEYS) {
      const entries = lists[key];
      if (!Array.isArray(entries) || entries.length === 0) continue;
      if (key !== 'custom') {
        add(KINDS[key].apiVersion, KINDS[key].kind);
        continue;
      }
      for (const e of entries) {
        if (typeof e?.apiVersion === 'string' && typeof e.kind === 'string' && !e.apiVersion.includes('{{') && !e.kind.includes('{{')) add(e.apiVersion, e.kind);
      }
    }
  }
  return [...found.values()];
}
