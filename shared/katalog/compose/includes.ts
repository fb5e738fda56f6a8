// `include:` fragments, the pure half: where a Katalog or Motif may name one (notes, validation
// and mutation rules, status fields, profiles), what a fragment must look like (a mapping whose only
// key is the block's list: rules:, fields: or functions:; for profiles, profiles: a mapping of
// profile classes, each a list), and the merge — the fragment's entries first, the inline ones
// after (for profiles, class by class), the include key gone. The loader (resolver/compose/) reads the files.
import type { PathSegment } from '../path.js';
import type { Origin } from './provenance.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export type IncludeRoot = 'rules' | 'fields' | 'functions' | 'profiles';

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
    const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
    const emit = isRecord(box.emit) ? box.emit : {};
    visit(box.status, [...at, 'operatorBox', 'status'], 'fields');
    visit(emit.status, [...at, 'operatorBox', 'emit', 'status'], 'fields');
  }
  return sites;
}

/** Why a fragment's content cannot be included at a site, or undefined when it can. */
export function fragmentProblem(value: unknown, root: IncludeRoot): string | undefined {
  if (!isRecord(value)) return `an include file holds a mapping with one key, ${root}: (a list)`;
  const others = Object.keys(value).filter((k) => k !== root);
  if (others.includes('include')) return 'an included file cannot include another (nested includes are not supported); move its entries into this file';
  if (others.length > 0) return `unexpected key ${others.map((k) => JSON.stringify(k)).join(', ')}: this include is read for ${root}: only`;
  if (root === 'profiles') return profilesProblem(value.profiles);
  if (!Array.isArray(value[root])) return `${root}: must be a list`;
  return undefined;
}

/** A profiles fragment: a mapping of profile classes, each a list; no include of its own. */
function profilesProblem(profiles: unknown): string | undefined {
  if (!isRecord(profiles)) return 'profiles: must be a mapping of profile classes (resources:, probes:, …), each a list';
  if (profiles.include !== undefined) return 'an included file cannot include another (nested includes are not supported); move its entries into this file';
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
  const included = fragment[site.root] as unknown[];
  const inline = Array.isArray(block[site.root]) ? (block[site.root] as unknown[]) : [];
  block[site.root] = [...included, ...inline];
  delete block.include;
  const list = [...site.at, site.root];
  return [
    { within: where.within, ...where.fragment, at: list, from: 0, count: included.length, sourceAt: [site.root] },
    { within: where.within, ...where.self, at: list, from: included.length, count: inline.length, sourceAt: list },
  ];
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
