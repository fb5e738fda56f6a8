// A custom kind's `apiTypes` written without `plural`: upstream's loader (v0.7.17, setDefaults)
// fills it as the entry's name, spaces removed and lower-cased, plus "s" (`app` → `apps`), and
// checks only kind, group and version for a custom kind. The same default is filled here before the
// schema check; built-in kinds get theirs from builtin-kinds.ts first. Where the default is not
// the kind's own lower-case plural (`db` for kind Database gives `dbs`) a warning says so, since the
// controller's start check then refuses a CRD served under another plural. Pure.
import type { Issue } from '../errors.js';
import { builtinKind } from './builtin-kinds.js';
import { formatPath, type PathSegment } from './path.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Upstream's default plural for the entry named `name`. */
export function defaultPlural(name: string): string {
  return `${name.replace(/\s/g, '').toLowerCase()}s`;
}

/** Entries whose apiTypes names a custom kind and leaves plural out. */
function pluralless(doc: unknown): Array<[string, Rec]> {
  if (!isRecord(doc) || !isRecord(doc.spec) || !isRecord(doc.spec.crds)) return [];
  const out: Array<[string, Rec]> = [];
  for (const [name, entry] of Object.entries(doc.spec.crds)) {
    if (!isRecord(entry) || !isRecord(entry.apiTypes)) continue;
    const types = entry.apiTypes;
    if (types.plural !== undefined || typeof types.kind !== 'string' || builtinKind(types.kind, types.group) !== undefined) continue;
    out.push([name, types]);
  }
  return out;
}

/** The document with each such entry's plural filled; the same object when there is none. */
export function fillDefaultPlurals(doc: unknown): unknown {
  const missing = pluralless(doc);
  if (missing.length === 0) return doc;
  const spec = (doc as Rec).spec as Rec;
  const crds: Rec = { ...(spec.crds as Rec) };
  for (const [name, types] of missing) crds[name] = { ...(crds[name] as Rec), apiTypes: { ...types, plural: defaultPlural(name) } };
  return { ...(doc as Rec), spec: { ...spec, crds } };
}

/** One warning per filled plural that is not the kind's lower-case plural. */
export function defaultPluralWarnings(doc: unknown, file: string, locate: Locator): Issue[] {
  return pluralless(doc).flatMap(([name, types]) => {
    const plural = defaultPlural(name);
    if (plural === `${(types.kind as string).toLowerCase()}s`) return [];
    const path: PathSegment[] = ['spec', 'crds', name, 'apiTypes'];
    const message = `plural is left out, so "${plural}" is used (the entry's name plus "s", as the Go runtime fills it); write plural: with the CRD's own plural if that is not it`;
    return [{ file, path: formatPath(path), ...locate(path, 'key'), message, severity: 'warning' as const }];
  });
}
