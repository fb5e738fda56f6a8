// Where each part of a CRD entry is written, in either upstream layout: the older
// operatorBox.{reconciler, onCreate, onReconcile, onDelete, status} + validation/mutation, or the
// current operatorBox.{reconcile, emit.status} + admission.{validation, mutation}. The checks read
// parts through this so they report at the path the user wrote; a part written in both layouts is
// an error (normalise.ts could not tell which one was meant). Pure; reads defensively.
import { formatPath, type PathSegment } from './path.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Entry-level keys the current layout may also write under operatorBox.runtime (upstream's RuntimeConfig). */
export const RUNTIME_ENTRY_KEYS = ['removeFinalizers', 'deletionProtection', 'allowedNamespaces', 'restrictedNamespaces', 'ignoreStatusPatch', 'ignoreObservedGeneration'] as const;

export interface Written {
  path: PathSegment[];
  value: unknown;
}

export interface EntryParts {
  phases: Array<Written & { phase: 'onCreate' | 'onReconcile' | 'onDelete' }>;
  reconcilers: Written[];
  status?: Written;
  validation?: Written;
  mutation?: Written;
}

export function entryParts(entry: Rec, at: PathSegment[]): EntryParts {
  const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
  const boxAt = [...at, 'operatorBox'];
  const reconcile = isRecord(box.reconcile) ? box.reconcile : {};
  const emit = isRecord(box.emit) ? box.emit : {};
  const admission = isRecord(entry.admission) ? entry.admission : {};
  const parts: EntryParts = { phases: [], reconcilers: [] };
  for (const phase of ['onCreate', 'onReconcile', 'onDelete'] as const) {
    if (box[phase] !== undefined) parts.phases.push({ phase, path: [...boxAt, phase], value: box[phase] });
    if (reconcile[phase] !== undefined) parts.phases.push({ phase, path: [...boxAt, 'reconcile', phase], value: reconcile[phase] });
  }
  if (box.reconciler !== undefined) parts.reconcilers.push({ path: [...boxAt, 'reconciler'], value: box.reconciler });
  if (box.reconcile !== undefined) parts.reconcilers.push({ path: [...boxAt, 'reconcile'], value: box.reconcile });
  const pick = (candidates: Written[]) => candidates.find((c) => c.value !== undefined);
  const status = pick([{ path: [...boxAt, 'status'], value: box.status }, { path: [...boxAt, 'emit', 'status'], value: emit.status }]);
  const validation = pick([{ path: [...at, 'validation'], value: entry.validation }, { path: [...at, 'admission', 'validation'], value: admission.validation }]);
  const mutation = pick([{ path: [...at, 'mutation'], value: entry.mutation }, { path: [...at, 'admission', 'mutation'], value: admission.mutation }]);
  if (status) parts.status = status;
  if (validation) parts.validation = validation;
  if (mutation) parts.mutation = mutation;
  return parts;
}

/** Each child declared under the entry's phases (an object in a list such as `jobs`), in order, with its path and list key. */
export function eachPhaseItem(parts: EntryParts, visit: (item: Rec, path: PathSegment[], listKey: string) => void): void {
  for (const { path, value } of parts.phases) {
    if (!isRecord(value)) continue;
    for (const [listKey, items] of Object.entries(value)) {
      if (!Array.isArray(items)) continue;
      items.forEach((item, i) => {
        if (isRecord(item)) visit(item, [...path, listKey, i], listKey);
      });
    }
  }
}

type Report = (path: PathSegment[], message: string, part?: 'key' | 'value') => void;

/** Each part given in both layouts (or under two spellings), reported at the later spelling. */
export function layoutIssues(entry: Rec, at: PathSegment[], report: Report): void {
  const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
  const reconcile = isRecord(box.reconcile) ? box.reconcile : {};
  const reconciler = isRecord(box.reconciler) ? box.reconciler : {};
  const emit = isRecord(box.emit) ? box.emit : {};
  const admission = isRecord(entry.admission) ? entry.admission : {};
  const twice = (first: PathSegment[], second: PathSegment[], present: [unknown, unknown]) => {
    if (present[0] !== undefined && present[1] !== undefined) {
      report(second, `also given as ${formatPath(first)}; write it once (${formatPath(second)} is the current layout's spelling)`, 'key');
    }
  };
  const boxAt = [...at, 'operatorBox'];
  for (const key of ['workers', 'resync', 'queue', 'default', 'profile', 'requeue']) {
    twice([...boxAt, 'reconciler', key], [...boxAt, 'reconcile', key], [reconciler[key], reconcile[key]]);
  }
  for (const key of ['workers', 'resync']) {
    if (entry[key] === undefined) continue;
    const other = reconciler[key] !== undefined ? [...boxAt, 'reconciler', key] : reconcile[key] !== undefined ? [...boxAt, 'reconcile', key] : undefined;
    if (other) report([...at, key], `also given as ${formatPath(other)}; write it once`, 'key');
  }
  for (const phase of ['onCreate', 'onReconcile', 'onDelete']) twice([...boxAt, phase], [...boxAt, 'reconcile', phase], [box[phase], reconcile[phase]]);
  twice([...boxAt, 'status'], [...boxAt, 'emit', 'status'], [box.status, emit.status]);
  twice([...at, 'validation'], [...at, 'admission', 'validation'], [entry.validation, admission.validation]);
  twice([...at, 'mutation'], [...at, 'admission', 'mutation'], [entry.mutation, admission.mutation]);
  twice([...at, 'imports'], [...boxAt, 'reconcile', 'imports'], [entry.imports, reconcile.imports]);
  const runtime = isRecord(box.runtime) ? box.runtime : {};
  twice([...boxAt, 'autoscale'], [...boxAt, 'runtime', 'autoscale'], [box.autoscale, runtime.autoscale]);
  for (const key of RUNTIME_ENTRY_KEYS) twice([...at, key], [...boxAt, 'runtime', key], [entry[key], runtime[key]]);
  for (const { path, value } of entryParts(entry, at).phases) blockIssues(value, path, report);
  const parts = entryParts(entry, at);
  for (const rules of [parts.validation, parts.mutation]) {
    if (rules && isRecord(rules.value) && rules.value.rules === undefined && rules.value.include === undefined) {
      report(rules.path, 'give rules: (or include: a file of rules)', 'key');
    }
  }
}

/** A block-level `or` cannot be combined with a child's own; upstream's custom metadata{} with name: etc. */
function blockIssues(lists: unknown, at: PathSegment[], report: Report): void {
  if (!isRecord(lists)) return;
  for (const [kind, items] of Object.entries(lists)) {
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      if (!isRecord(item)) return;
      if (lists.or !== undefined && item.or !== undefined) {
        report([...at, kind, i, 'or'], `the block's or: and this child's or: cannot both apply (any of one list and any of the other); move the child to its own block or merge the lists`, 'key');
      }
      if (kind !== 'custom' || !isRecord(item.metadata)) return;
      for (const key of ['name', 'namespace', 'labels', 'annotations']) {
        if (item[key] !== undefined && item.metadata[key] !== undefined) report([...at, kind, i, key], `also given as metadata.${key}; write it once`, 'key');
      }
    });
  }
}
