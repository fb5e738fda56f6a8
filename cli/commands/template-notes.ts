// What `ork template --cr` says about children it does not print. onDelete children are made by
// the controller only when the CR is deleted (its finalizer runs them), so they are never part of
// what a CR renders to while it lives; upstream's `ork template` renders no CR at all, and its
// summary lists onCreate and onReconcile only. A note names them, so their absence is not a surprise.
// And a preReconcile gate that would stop the CR, which `ork template` renders anyway.
import { namespaceRefusal, type Condition, type ResolvedCrd } from '../../shared/katalog/index.js';
import { describeGate, evaluateGate, type KubeObject } from '../../shared/render/index.js';

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

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What the entry's preReconcile gates would do with this CR, when that is not "let it through":
 * `ork template` renders the CR regardless, the controller would not (docs/reconcile.md). A gate
 * that reads external calls is not evaluated offline; sentinels (which fire on events) are named.
 */
export function gateNotes(entry: Entry, cr: KubeObject, about: string): string[] {
  const pre = entry.operatorBox?.preReconcile as Rec | undefined;
  if (!isRecord(pre)) return [];
  const notes: string[] = [];
  for (const name of ['enqueueGate', 'reconcileGate'] as const) {
    const gate = pre[name];
    if (!isRecord(gate) || (!Array.isArray(gate.when) && !Array.isArray(gate.or))) continue;
    const path = `preReconcile.${name}`;
    const unless = Array.isArray(gate.sentinels) && gate.sentinels.length > 0 ? ` unless one of its sentinels (${gate.sentinels.join(', ')}) fires` : '';
    const effect = name === 'enqueueGate' ? 'would drop its events' : 'would hold it (Ready=False ReconcileGated)';
    if (Array.isArray(pre.external) || Array.isArray(gate.external)) {
      notes.push(`${path} reads external calls, which ork template does not make: not evaluated for ${about}`);
      continue;
    }
    const when = Array.isArray(gate.when) ? { when: gate.when as Condition[] } : {};
    const or = Array.isArray(gate.or) ? { or: gate.or as Condition[] } : {};
    const result = evaluateGate({ ...when, ...or }, cr, path, about);
    if (!result.ok) {
      const open = gate.failPolicy !== 'closed';
      notes.push(`${path} cannot be evaluated for ${about} (${result.problems.join('; ')}): with failPolicy ${open ? 'open the controller lets it through' : `closed it ${effect}`}`);
    } else if (!result.holds) {
      notes.push(`${path} does not pass for ${about} (${describeGate({ ...when, ...or })}): the controller ${effect}${unless}, and would write none of what is printed here`);
    }
  }
  return notes;
}

/** The data only the controller has: child objects, metrics, health, other operators, external calls. */
const LIVE_ROOTS = ['children', 'metrics', 'health', 'cross', 'external'];
const LIVE_IN_TEMPLATE = new RegExp(`(?:\\{\\{-?\\s*|[\\s(])\\.(?:${LIVE_ROOTS.join('|')})\\b`);

/** A condition field or template that reads live data (`.children.web`, `metrics.queueDepth`, `{{ .cross.db }}`). */
function readsLive(value: unknown): boolean {
  if (typeof value === 'string') return LIVE_IN_TEMPLATE.test(value) || LIVE_ROOTS.some((root) => value.startsWith(`${root}.`) || value.startsWith(`.${root}.`));
  if (Array.isArray(value)) return value.some(readsLive);
  return isRecord(value) && Object.values(value).some(readsLive);
}

/**
 * Status fields left out of "status the controller would write" because they read live data
 * `ork template` does not have (their templates or conditions read .children, .metrics …).
 */
export function liveStatusNote(entry: Entry, status: Record<string, unknown>, about: string): string | undefined {
  const fields = entry.operatorBox?.status?.fields;
  if (!Array.isArray(fields)) return undefined;
  const left = fields.flatMap((field) => {
    const key = typeof field.path === 'string' ? field.path.replace(/^\.?status\./, '') : '';
    return key !== '' && !(key in status) && readsLive(field) ? [key] : [];
  });
  const names = [...new Set(left)];
  if (names.length === 0) return undefined;
  return `status ${names.length === 1 ? 'field' : 'fields'} ${names.join(', ')} of ${about} ${names.length === 1 ? 'reads' : 'read'} live data ork template does not have (${LIVE_ROOTS.map((r) => `.${r}`).join(', ')}): not shown`;
}

/**
 * The entry's allowedNamespaces / restrictedNamespaces against the CR and its children: the
 * controller reconciles neither a CR outside them nor one whose children would land outside them
 * (Ready=False NamespaceNotAllowed, nothing applied), which `ork template` renders anyway.
 */
export function namespaceNote(entry: Entry, crNamespace: string | undefined, childNamespaces: readonly (string | undefined)[], about: string): string | undefined {
  const refused = [...new Set([crNamespace, ...childNamespaces].filter((n): n is string => n !== undefined))].flatMap((n) => namespaceRefusal(entry, n) ?? []);
  if (refused.length === 0) return undefined;
  return `${refused.join('; ')}: the controller would not reconcile ${about} (Ready=False NamespaceNotAllowed) and would write none of what is printed here`;
}
