// Several entries for one kind at different versions (upstream's multi-version Katalogs, e.g. a
// `website-v1alpha1` and a `website-v1` entry sharing YAML anchors) become one entry: one CRD that
// serves every version, reconciled by one controller that reads objects at the storage version.
//
// Upstream runs one controller per entry, each watching its own version; the API server serves
// every object at every version, so each entry's operatorBox reconciles every object. With the
// same operatorBox (what its examples write) that is the same work twice; with different ones
// the controllers fight over the same children. Here: the storage version's entry keeps its name
// and reconciles; what the entries say must agree (or be said by one of them only); reconciler
// tuning (workers, resync, queue) is the storage entry's, a differing one is a warning.
//
// The storage version: `conversion.storageVersion` when an entry gives it, else the highest by
// Kubernetes' version priority (v1 > v1beta2 > v1beta1 > v1alpha1). Pure: works on a copy.
import type { PathSegment } from './path.js';
import type { CrdEntry, KatalogDocument, ResolvedCrd } from './types.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface FoldProblem {
  path: PathSegment[];
  message: string;
  severity?: 'warning';
}

/** Keys that may differ between the entries of one kind: each says something about its own version only. */
const PER_VERSION_KEYS = new Set(['apiTypes', 'description', 'labels', 'crFiles', 'enabled', 'katalogName', 'katalogNamespace', 'katalogDescription', 'katalogVersion', 'conversion']);
/** Reconciler settings that tune one controller; the storage entry's are used. */
const TUNING_KEYS = ['workers', 'resync', 'queue'];

/** The versions an entry's apiTypes serve (`versions` once folded, else its one `version`). */
export function versionsOf(apiTypes: { version: string; versions?: string[] }): string[] {
  return Array.isArray(apiTypes.versions) && apiTypes.versions.length > 0 ? apiTypes.versions : [apiTypes.version];
}

/** Kubernetes' version priority: GA before beta before alpha, higher numbers first; other names last, by name. */
export function compareVersionPriority(a: string, b: string): number {
  const rank = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    return [m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  if (!ra || !rb) return ra ? -1 : rb ? 1 : a.localeCompare(b);
  return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2];
}

/** The document with every kind's version entries folded into one, and what stops or qualifies that. */
export function foldVersionGroups(written: KatalogDocument): { document: KatalogDocument; problems: FoldProblem[] } {
  const doc = structuredClone(written);
  const problems: FoldProblem[] = [];
  for (const names of versionGroups(doc)) foldGroup(doc, names, problems);
  return { document: doc, problems };
}

/** The names of the enabled entries of each group/kind declared by more than one entry. */
function versionGroups(doc: KatalogDocument): string[][] {
  const byKind = new Map<string, string[]>();
  for (const [name, entry] of Object.entries(doc.spec.crds)) {
    if (entry.enabled === false || !entry.apiTypes) continue;
    const key = `${entry.apiTypes.group}\u0000${entry.apiTypes.kind}`;
    byKind.set(key, [...(byKind.get(key) ?? []), name]);
  }
  return [...byKind.values()].filter((names) => names.length > 1);
}

function foldGroup(doc: KatalogDocument, names: string[], problems: FoldProblem[]): void {
  const crds = doc.spec.crds;
  const versions = [...new Set(names.flatMap((n) => versionsOf(crds[n]!.apiTypes!)))];
  const kind = crds[names[0]!]!.apiTypes!.kind;
  const storage = storageVersion(crds, names, versions, kind, problems);
  if (storage === undefined) return;
  const primaryName = names.find((n) => versionsOf(crds[n]!.apiTypes!).includes(storage))!;
  const merged = structuredClone(crds[primaryName]!) as Rec;
  const others = names.filter((n) => n !== primaryName);
  const before = problems.length;
  for (const other of others) mergeEntry(merged, primaryName, crds[other] as Rec, other, { kind, storage }, problems);
  if (problems.slice(before).some((p) => p.severity !== 'warning')) return;
  merged.apiTypes = { ...(merged.apiTypes as Rec), version: storage, versions: [storage, ...versions.filter((v) => v !== storage)] };
  const entries: Record<string, CrdEntry> = {};
  for (const [name, entry] of Object.entries(crds)) {
    if (name === primaryName) entries[name] = merged as CrdEntry;
    else if (!others.includes(name)) entries[name] = entry;
  }
  doc.spec.crds = entries;
  renameReferences(doc, others, primaryName);
}

/** The storage version: declared by `conversion.storageVersion` (all entries agreeing), else the highest priority. */
function storageVersion(crds: Record<string, CrdEntry>, names: string[], versions: string[], kind: string, problems: FoldProblem[]): string | undefined {
  let declared: { value: string; name: string } | undefined;
  for (const name of names) {
    const value = crds[name]!.conversion?.storageVersion;
    if (typeof value !== 'string') continue;
    const at: PathSegment[] = ['spec', 'crds', name, 'conversion', 'storageVersion'];
    if (!versions.includes(value)) {
      problems.push({ path: at, message: `storageVersion ${value} is not a version any entry of ${kind} declares (${versions.join(', ')}); name one of them` });
      return undefined;
    }
    if (declared && declared.value !== value) {
      problems.push({ path: at, message: `says the storage version of ${kind} is ${value}, but spec.crds.${declared.name}.conversion.storageVersion says ${declared.value}; one CRD has one storage version` });
      return undefined;
    }
    declared ??= { value, name };
  }
  return declared?.value ?? [...versions].sort(compareVersionPriority)[0];
}

interface GroupFacts {
  kind: string;
  storage: string;
}

/** Adds one version entry's keys to the merged entry; a key both say differently is a problem on `other`. */
function mergeEntry(merged: Rec, primary: string, other: Rec, otherName: string, facts: GroupFacts, problems: FoldProblem[]): void {
  const why = `one controller reconciles every ${facts.kind}, read at the storage version ${facts.storage}, so the versions of a kind share it`;
  for (const [key, value] of Object.entries(other)) {
    const at: PathSegment[] = ['spec', 'crds', otherName, key];
    if (key === 'crFiles' && Array.isArray(value)) {
      merged.crFiles = [...new Set([...(Array.isArray(merged.crFiles) ? merged.crFiles : []), ...value])];
    } else if (key === 'conversion') {
      if (merged.conversion === undefined) merged.conversion = value;
      else if (!sameValue(merged.conversion, value)) problems.push({ path: at, message: `differs from spec.crds.${primary}.conversion; declare the conversion of ${facts.kind} on one entry (${why})` });
    } else if (PER_VERSION_KEYS.has(key)) {
      // Said of its own version only.
    } else if (key === 'operatorBox' && isRecord(value) && isRecord(merged.operatorBox)) {
      mergeOperatorBox(merged.operatorBox, primary, value, at, why, problems);
    } else if (merged[key] === undefined) {
      merged[key] = value;
    } else if (!sameValue(merged[key], value)) {
      problems.push({ path: at, message: `differs from spec.crds.${primary}.${key}: ${why}; give the entries the same ${key} (a YAML anchor works) or write it on one entry only` });
    }
  }
}

function mergeOperatorBox(box: Rec, primary: string, other: Rec, at: PathSegment[], why: string, problems: FoldProblem[]): void {
  const [mine, theirs] = [withoutTuning(box), withoutTuning(other)];
  if (!sameValue(mine.rest, theirs.rest)) {
    problems.push({ path: at, message: `differs from spec.crds.${primary}.operatorBox: ${why}; give the entries the same operatorBox (a YAML anchor works) or write it on one entry only` });
    return;
  }
  for (const key of TUNING_KEYS) {
    const [a, b] = [mine.tuning[key], theirs.tuning[key]];
    if (b === undefined || sameValue(a, b)) continue;
    problems.push({ path: [...at, 'reconciler', key], message: `${key} here is not used: the storage version's entry ${primary} runs the one controller of this kind (its ${key}: ${a === undefined ? 'the default' : JSON.stringify(a)})`, severity: 'warning' });
  }
}

function withoutTuning(box: Rec): { rest: Rec; tuning: Rec } {
  const reconciler = isRecord(box.reconciler) ? { ...box.reconciler } : undefined;
  const tuning: Rec = {};
  for (const key of TUNING_KEYS) {
    if (reconciler && reconciler[key] !== undefined) tuning[key] = reconciler[key];
    delete reconciler?.[key];
  }
  const rest: Rec = { ...box };
  if (reconciler && Object.keys(reconciler).length > 0) rest.reconciler = reconciler;
  else delete rest.reconciler;
  return { rest, tuning };
}

/** dependsOn and cross reads naming a folded entry now name the entry that reconciles its kind. */
function renameReferences(doc: KatalogDocument, gone: string[], to: string): void {
  for (const [name, entry] of Object.entries(doc.spec.crds)) {
    if (isRecord(entry.dependsOn)) {
      const deps: Rec = {};
      for (const [dep, state] of Object.entries(entry.dependsOn)) {
        const target = gone.includes(dep) ? to : dep;
        if (target !== name && deps[target] === undefined) deps[target] = state;
      }
      entry.dependsOn = deps as CrdEntry['dependsOn'];
    }
    const cross = (entry.operatorBox as Rec | undefined)?.cross;
    if (Array.isArray(cross)) for (const read of cross) if (isRecord(read) && typeof read.crd === 'string' && gone.includes(read.crd)) read.crd = to;
  }
}

/** Deep equality of two YAML values, key order aside. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false;
  return keys.every((k) => sameValue(a[k], b[k]));
}

/**
 * The same fold over entries whose API types came from their CRD manifests (`crdFile`, `crd`),
 * which the document-level fold cannot see: one resolved CRD per kind, with the kind's manifest.
 */
export function foldResolvedCrds(crds: ResolvedCrd[]): { crds: ResolvedCrd[]; problems: FoldProblem[] } {
  const entries: Record<string, CrdEntry> = {};
  for (const c of crds) {
    const { crdFile: _file, crd: _manifest, ...rest } = c.entry;
    entries[c.name] = { ...rest, apiTypes: c.apiTypes };
  }
  const doc = { apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'resolved' }, spec: { crds: entries } } as KatalogDocument;
  const folded = foldVersionGroups(doc);
  const names = Object.keys(folded.document.spec.crds);
  if (names.length === crds.length) return { crds, problems: folded.problems };
  const manifestOf = (c: ResolvedCrd) => crds.find((o) => o.apiTypes.group === c.apiTypes.group && o.apiTypes.kind === c.apiTypes.kind && o.crd)?.crd;
  const out = names.map((name) => {
    const entry = folded.document.spec.crds[name]!;
    const before = crds.find((c) => c.name === name)!;
    const crd = manifestOf(before);
    return { name, entry: entry.apiTypes?.versions ? entry : before.entry, apiTypes: entry.apiTypes!, ...(crd ? { crd } : {}) };
  });
  return { crds: out, problems: folded.problems };
}
