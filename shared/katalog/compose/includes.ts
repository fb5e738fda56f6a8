// `include:` fragments, the pure half: where a Katalog or Motif may name one (notes, validation
// and mutation rules, status fields, profiles, conversion paths, reconciler settings, observe),
// what a fragment must look like (a mapping whose only key is the block's list: rules:, fields:,
// functions: or paths:; for profiles, profiles: a mapping of profile classes, each a list; for a
// reconciler, reconciler: a mapping; for observe, watch: and/or events:; for gateway.clusters,
// clusters: a mapping of cluster names), and the merge — the fragment's entries first, the inline
// ones after (for profiles, class by class); a reconciler's inline keys, observe's inline events and
// gateway.clusters' inline clusters win by key (upstream's Expand*Include); the include key gone.
// The loader (resolver/compose/) reads the files.
import type { PathSegment } from '../path.js';
import type { Origin } from './provenance.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export type IncludeRoot = 'rules' | 'fields' | 'functions' | 'profiles' | 'paths' | 'reconciler' | 'observe' | 'clusters';

export interface IncludeSite {
  /** The block holding `include:` (its path in the document). */
  at: PathSegment[];
  ref: string;
  root: IncludeRoot;
}

/** Every include: of a Katalog/Komposer or Motif document, in document order. */
export function includeSites(doc: unknown): IncludeSite[] {
  if (!isRecord(doc)) return [];
  const sites: IncludeSite[] = [];
  const visit = (block: unknown, at: PathSegment[], root: IncludeRoot) => {
    if (isRecord(block) && typeof block.include === 'string') sites.push({ at, ref: block.include, root });
  };
  visit(doc.notes, ['notes'], 'functions');
  visit(doc.profiles, ['profiles'], 'profiles');
  if (doc.kind === 'Motif') {
    visit(isRecord(doc.status) ? doc.status : undefined, ['status'], 'fields');
    const admission = isRecord(doc.admission) ? doc.admission : {};
    for (const key of ['validation', 'mutation']) visit(admission[key], ['admission', key], 'rules');
    return sites;
  }
  visit(isRecord(doc.gateway) ? doc.gateway.clusters : undefined, ['gateway', 'clusters'], 'clusters');
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const crds = isRecord(spec.crds) ? spec.crds : {};
  for (const [name, entry] of Object.entries(crds)) {
    if (!isRecord(entry)) continue;
    const at: PathSegment[] = ['spec', 'crds', name];
    const admission = isRecord(entry.admission) ? entry.admission : {};
    for (const key of ['validation', 'mutation']) {
      visit(entry[key], [...at, key], 'rules');
      visit(admission[key], [...at, 'admission', key], 'rules');
    }
    visit(entry.conversion, [...at, 'conversion'], 'paths');
    const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
    const emit = isRecord(box.emit) ? box.emit : {};
    visit(box.reconciler, [...at, 'operatorBox', 'reconciler'], 'reconciler');
    visit(box.reconcile, [...at, 'operatorBox', 'reconcile'], 'reconciler');
    visit(box.observe, [...at, 'operatorBox', 'observe'], 'observe');
    visit(box.status, [...at, 'operatorBox', 'status'], 'fields');
    visit(emit.status, [...at, 'operatorBox', 'emit', 'status'], 'fields');
  }
  return sites;
}

/** Why a fragment's content cannot be included at a site, or undefined when it can. */
export function fragmentProblem(value: unknown, root: IncludeRoot): string | undefined {
  if (root === 'observe') return observeProblem(value);
  if (root === 'clusters') return clustersProblem(value);
  if (root === 'reconciler' && isRecord(value) && value.reconciler === undefined && value.reconcile !== undefined) return fragmentProblem({ ...value, reconciler: value.reconcile, reconcile: undefined }, root);
  if (!isRecord(value)) return `an include file holds a mapping with one key, ${root}: (${root === 'reconciler' ? 'a mapping' : 'a list'})`;
  const others = Object.keys(value).filter((k) => k !== root && value[k] !== undefined);
  if (others.includes('include')) return NESTED;
  if (others.length > 0) return `unexpected key ${others.map((k) => JSON.stringify(k)).join(', ')}: this include is read for ${root}: only`;
  if (root === 'profiles') return profilesProblem(value.profiles);
  if (root === 'reconciler') return !isRecord(value.reconciler) ? 'reconciler: (or reconcile:) must be a mapping (workers, resync, queue, …)' : value.reconciler.include !== undefined ? NESTED : undefined;
  if (!Array.isArray(value[root])) return `${root}: must be a list`;
  return undefined;
}

const NESTED = 'an included file cannot include another (nested includes are not supported); move its entries into this file';

/** An observe fragment: watch: (a list) and/or events: (a mapping of triggers), nothing else. */
function observeProblem(value: unknown): string | undefined {
  if (!isRecord(value) || (value.watch === undefined && value.events === undefined)) return 'an observe include file holds watch: (a list) and/or events: (a mapping)';
  const others = Object.keys(value).filter((k) => k !== 'watch' && k !== 'events');
  if (others.includes('include')) return NESTED;
  if (others.length > 0) return `unexpected key ${others.map((k) => JSON.stringify(k)).join(', ')}: this include is read for watch: and events: only`;
  if (value.watch !== undefined && !Array.isArray(value.watch)) return 'watch: must be a list';
  if (value.events !== undefined && !isRecord(value.events)) return 'events: must be a mapping of trigger names';
  return undefined;
}

/** A gateway.clusters fragment: clusters: a mapping of cluster names, each a mapping; nothing else (upstream reads it strictly). */
function clustersProblem(value: unknown): string | undefined {
  if (!isRecord(value) || !isRecord(value.clusters)) return 'a gateway.clusters include file holds one key, clusters: (a mapping of cluster names, each with endpoint and one credential form)';
  const others = Object.keys(value).filter((k) => k !== 'clusters');
  if (others.length > 0) return `unexpected key ${others.map((k) => JSON.stringify(k)).join(', ')}: this include is read for clusters: only`;
  if (value.clusters.include !== undefined) return NESTED;
  const bad = Object.keys(value.clusters).find((k) => !isRecord((value.clusters as Rec)[k]));
  return bad === undefined ? undefined : `clusters.${bad}: must be a mapping (endpoint, and secretRef or tokenRef + caRef)`;
}

/** A profiles fragment: a mapping of profile classes, each a list; no include of its own. */
function profilesProblem(profiles: unknown): string | undefined {
  if (!isRecord(profiles)) return 'profiles: must be a mapping of profile classes (resources:, probes:, …), each a list';
  if (profiles.include !== undefined) return NESTED;
  const bad = Object.keys(profiles).filter((k) => !Array.isArray(profiles[k]));
  return bad.length > 0 ? `profiles.${bad[0]}: must be a list` : undefined;
}

export function valueAt(doc: unknown, path: readonly PathSegment[]): unknown {
  let v = doc;
  for (const segment of path) v = isRecord(v) || Array.isArray(v) ? (v as Rec)[segment as string] : undefined;
  return v;
}

/**
 * Merges a checked fragment into the block at `site` (mutates `doc`): fragment entries first, then
 * the inline ones; returns where each entry of the merged list came from.
 */
export function applyInclude(doc: unknown, site: IncludeSite, fragment: Rec, where: { within: string; self: Source; fragment: Source }): Origin[] {
  const block = valueAt(doc, site.at) as Rec;
  if (site.root === 'profiles') return applyProfiles(block, site, fragment.profiles as Rec, where);
  if (site.root === 'reconciler') return applyUnder(block, (fragment.reconciler ?? fragment.reconcile) as Rec);
  if (site.root === 'observe') return applyObserve(block, site, fragment, where);
  if (site.root === 'clusters') return applyUnder(block, fragment.clusters as Rec);
  return applyList(block, site, site.root, fragment[site.root] as unknown[], where);
}

/** The fragment's list before the block's own entries of `key`, with their origins. */
function applyList(block: Rec, site: IncludeSite, key: string, included: unknown[], where: { within: string; self: Source; fragment: Source }): Origin[] {
  const inline = Array.isArray(block[key]) ? (block[key] as unknown[]) : [];
  block[key] = [...included, ...inline];
  delete block.include;
  const list = [...site.at, key];
  return [
    { within: where.within, ...where.fragment, at: list, from: 0, count: included.length, sourceAt: [key] },
    { within: where.within, ...where.self, at: list, from: included.length, count: inline.length, sourceAt: list },
  ];
}

/** Each key of the fragment the block does not give itself (upstream's ExpandReconcilerInclude: inline wins, whole values). */
function applyUnder(block: Rec, included: Rec): Origin[] {
  delete block.include;
  for (const [key, value] of Object.entries(included)) if (block[key] === undefined) block[key] = value;
  return [];
}

/** The fragment's watches before the inline ones; its events under the inline ones, which win by name (upstream's ExpandObserveInclude). */
function applyObserve(block: Rec, site: IncludeSite, fragment: Rec, where: { within: string; self: Source; fragment: Source }): Origin[] {
  const origins = fragment.watch !== undefined ? applyList(block, site, 'watch', fragment.watch as unknown[], where) : [];
  delete block.include;
  if (isRecord(fragment.events)) block.events = { ...fragment.events, ...(isRecord(block.events) ? block.events : {}) };
  return origins;
}

/** Each profile class of the fragment before the block's own entries of that class (upstream's ExpandProfileInclude). */
function applyProfiles(block: Rec, site: IncludeSite, profiles: Rec, where: { within: string; self: Source; fragment: Source }): Origin[] {
  delete block.include;
  const origins: Origin[] = [];
  for (const [cls, entries] of Object.entries(profiles)) {
    const included = entries as unknown[];
    const inline = Array.isArray(block[cls]) ? (block[cls] as unknown[]) : [];
    block[cls] = [...included, ...inline];
    const list = [...site.at, cls];
    origins.push(
      { within: where.within, ...where.fragment, at: list, from: 0, count: included.length, sourceAt: ['profiles', cls] },
      { within: where.within, ...where.self, at: list, from: included.length, count: inline.length, sourceAt: list },
    );
  }
  return origins;
}

/** A file and the positions of its text. */
export type Source = Pick<Origin, 'file' | 'locate'>;
