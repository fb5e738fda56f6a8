// A bound Motif merged into the Katalog, as the Go runtime does: at a CRD entry (entry `imports:`
// or `operatorBox.reconcile.imports`) its resources.onCreate lists join the entry's onCreate, its
// other resource lists join onReconcile, its status fields and admission rules are appended — the
// entry's own first, then each Motif in declaration order — each written where the entry's layout
// keeps it. At `spec.imports` only its notes and profiles are taken, Katalog-wide: a note or
// profile the Katalog declares itself wins, the same name from two Motifs is an error. Pure.
import type { PathSegment } from '../path.js';
import { bindInputs, bindValue, settleConditions, type MotifInput } from './motif-bind.js';
import type { Origin } from './provenance.js';
import type { Source } from './includes.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface MotifImportSite {
  /** The import item's path. */
  at: PathSegment[];
  /** The CRD entry it belongs to; undefined for spec.imports. */
  entry?: string;
  ref: string;
  oci: boolean;
  /** The import's `version:` (the tag of a registry short name that names none). */
  version?: string;
  with: Rec;
}

/** Every Motif import of a Katalog, Katalog-wide ones first. */
export function motifImportSites(doc: unknown): MotifImportSite[] {
  const sites: MotifImportSite[] = [];
  const add = (list: unknown, at: PathSegment[], entry?: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (!isRecord(item)) return;
      const ref = typeof item.motif === 'string' ? item.motif : typeof item.oci === 'string' ? item.oci : '';
      const oci = item.oci === true || typeof item.oci === 'string' || ref.startsWith('oci://');
      const version = typeof item.version === 'string' || typeof item.version === 'number' ? String(item.version) : undefined;
      sites.push({ at: [...at, i], ...(entry ? { entry } : {}), ref, oci, ...(version !== undefined ? { version } : {}), with: isRecord(item.with) ? item.with : {} });
    });
  };
  const spec = isRecord(doc) && isRecord(doc.spec) ? doc.spec : {};
  add(spec.imports, ['spec', 'imports']);
  for (const [name, entry] of Object.entries(isRecord(spec.crds) ? spec.crds : {})) {
    if (!isRecord(entry)) continue;
    add(entry.imports, ['spec', 'crds', name, 'imports'], name);
    const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
    add(isRecord(box.reconcile) ? box.reconcile.imports : undefined, ['spec', 'crds', name, 'operatorBox', 'reconcile', 'imports'], name);
  }
  return sites;
}

/** The Motif with its inputs bound and its static conditions decided, or why it cannot be. */
export function bindMotif(motif: Rec, given: Rec): { bound?: Rec; problems: string[] } {
  const name = isRecord(motif.metadata) && typeof motif.metadata.name === 'string' ? motif.metadata.name : '?';
  const inputs = (Array.isArray(motif.inputs) ? motif.inputs : []).filter((i): i is MotifInput => isRecord(i) && typeof i.name === 'string');
  const { values, problems } = bindInputs(name, inputs, given);
  if (!values) return { problems };
  const types = new Map(inputs.filter((i) => typeof i.type === 'string').map((i) => [i.name, (i.type as string).toLowerCase()]));
  const bound: Rec = { ...motif };
  if (isRecord(motif.resources)) {
    const resources = settleLists(motif.resources, values);
    if (isRecord(motif.resources.onCreate)) resources.onCreate = settleLists(motif.resources.onCreate, values);
    bound.resources = bindValue(resources, values, types);
  }
  for (const key of ['status', 'admission']) if (motif[key] !== undefined) bound[key] = bindValue(motif[key], values, types);
  return { bound, problems };
}

/** Each list's children with static conditions decided: failing ones dropped. */
function settleLists(lists: Rec, values: ReadonlyMap<string, string>): Rec {
  const out: Rec = {};
  for (const [kind, items] of Object.entries(lists)) {
    if (!Array.isArray(items)) {
      out[kind] = items;
      continue;
    }
    out[kind] = items.flatMap((item) => {
      if (!isRecord(item)) return [item];
      // `when` conditions decided now are dropped (or drop the child); `or` lists stay for reconcile time.
      const when = settleConditions(item.when, values);
      if (when === false) return [];
      const child: Rec = { ...item };
      if (when !== undefined) {
        if (when.length > 0) child.when = when;
        else delete child.when;
      }
      return [child];
    });
  }
  return out;
}

/** Appends `items` to the list at `at` (created as needed) and records where they came from. */
function append(doc: Rec, at: PathSegment[], items: unknown[], source: Source & { within: string; sourceAt: PathSegment[] }, origins: Origin[]): void {
  let block: Rec = doc;
  for (const key of at.slice(0, -1)) {
    if (!isRecord(block[key as string])) block[key as string] = {};
    block = block[key as string] as Rec;
  }
  const last = at[at.length - 1] as string;
  const own = Array.isArray(block[last]) ? (block[last] as unknown[]) : [];
  block[last] = [...own, ...items];
  if (items.length > 0) origins.push({ ...source, at, from: own.length, count: items.length });
}

/** Merges a bound Motif into entry `name` of `doc` (mutated), where the entry's layout keeps each part. */
export function mergeIntoEntry(doc: Rec, name: string, motif: Rec, source: Source & { within: string }, origins: Origin[]): void {
  const at: PathSegment[] = ['spec', 'crds', name];
  const entry = ((doc.spec as Rec).crds as Rec)[name] as Rec;
  const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
  const current = isRecord(box.reconcile) || isRecord(box.emit) || isRecord(entry.admission);
  const phaseAt = (phase: string): PathSegment[] => (current ? [...at, 'operatorBox', 'reconcile', phase] : [...at, 'operatorBox', phase]);
  const resources = isRecord(motif.resources) ? motif.resources : {};
  for (const [kind, items] of Object.entries(resources)) {
    if (kind === 'onCreate' && isRecord(items)) {
      for (const [k, list] of Object.entries(items)) if (Array.isArray(list)) append(doc, [...phaseAt('onCreate'), k], list, { ...source, sourceAt: ['resources', 'onCreate', k] }, origins);
    } else if (Array.isArray(items)) {
      append(doc, [...phaseAt('onReconcile'), kind], items, { ...source, sourceAt: ['resources', kind] }, origins);
    }
  }
  const status = isRecord(motif.status) ? motif.status : {};
  if (Array.isArray(status.fields)) {
    const statusAt = box.status !== undefined || !current ? [...at, 'operatorBox', 'status'] : [...at, 'operatorBox', 'emit', 'status'];
    append(doc, [...statusAt, 'fields'], status.fields, { ...source, sourceAt: ['status', 'fields'] }, origins);
  }
  const admission = isRecord(motif.admission) ? motif.admission : {};
  for (const key of ['validation', 'mutation']) {
    const rules = isRecord(admission[key]) ? (admission[key] as Rec).rules : undefined;
    if (!Array.isArray(rules)) continue;
    const ruleAt = entry[key] !== undefined || !current ? [...at, key] : [...at, 'admission', key];
    append(doc, [...ruleAt, 'rules'], rules, { ...source, sourceAt: ['admission', key, 'rules'] }, origins);
  }
}

