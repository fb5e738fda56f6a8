// What `ork template --cr` says about children it does not print. onDelete children are made by
// the controller only when the CR is deleted (its finalizer runs them), so they are never part of
// what a CR renders to while it lives; upstream's `ork template` renders no CR at all, and its
// summary lists onCreate and onReconcile only. A note names them, so their absence is not a surprise.
import type { ResolvedCrd } from '../../shared/katalog/index.js';

type Entry = ResolvedCrd['entry'];
type Lists = Record<string, unknown> | undefined;

function counts(lists: Lists): [string, number][] {
  return Object.entries(lists ?? {}).flatMap(([kind, items]) => (Array.isArray(items) && items.length > 0 ? [[kind, items.length] as [string, number]] : []));
}

/** The children the entry's onDelete declares (before their conditions), 0 when none. */
export function onDeleteCount(entry: Entry): number {
  return counts(entry.operatorBox?.onDelete as Lists).reduce((sum, [, n]) => sum + n, 0);
}

/** `onDelete declares 2 children (jobs: 1, configMaps: 1); …` for the CR described as `cr`. */
export function onDeleteNote(entry: Entry, cr: string): string {
  const listed = counts(entry.operatorBox?.onDelete as Lists).map(([kind, n]) => `${kind}: ${n}`).join(', ');
  const total = onDeleteCount(entry);
  return `onDelete declares ${total} ${total === 1 ? 'child' : 'children'} (${listed}) not shown for ${cr}: the controller renders and applies them only when the CR is deleted`;
}

/** Why a CR rendered no children: its entries' conditions, or no onCreate/onReconcile entries at all; and what onDelete holds. */
export function nothingRenderedWhy(entry: Entry): string {
  const box = entry.operatorBox ?? {};
  const declared = [box.onCreate, box.onReconcile].some((lists) => counts(lists as Lists).length > 0);
  const why = declared ? "every entry's conditions are false" : 'the entry declares no onCreate or onReconcile children';
  if (onDeleteCount(entry) === 0) return why;
  return `${why}; ${onDeleteNote(entry, 'it').replace(' not shown for it', ', not shown')}`;
}
