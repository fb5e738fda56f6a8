// Builds the stable ids and paths of CrdChanges. Grammar: `<version>:<path>:<kind>`; the version is
// empty for changes to the CRD as a whole. Paths: property names joined by `.`, `[]` for an array's
// items, `{}` for a map's values (additionalProperties); a name that is not a plain word is written
// `["as JSON"]`, so a path never contains a bare `:` or `.` that is not a separator.
import type { ChangeKind, CrdChange, Severity } from './types.js';

const PLAIN_NAME = /^[A-Za-z0-9_$-]+$/;

/** The path of a named child (a schema property, a printer column) under `parent`. */
export function childPath(parent: string, name: string): string {
  if (!PLAIN_NAME.test(name)) return `${parent}[${JSON.stringify(name)}]`;
  return parent === '' ? name : `${parent}.${name}`;
}

export function itemsPath(parent: string): string {
  return `${parent}[]`;
}

export function valuesPath(parent: string): string {
  return `${parent}{}`;
}

export function changeId(version: string | undefined, path: string | undefined, kind: ChangeKind): string {
  return `${version ?? ''}:${path ?? ''}:${kind}`;
}

export function makeChange(severity: Severity, kind: ChangeKind, where: { version?: string; path?: string }, message: string): CrdChange {
  // Key order as in the type, so JSON output reads id, severity, where, what.
  return {
    id: changeId(where.version, where.path, kind),
    severity,
    ...(where.version === undefined ? {} : { version: where.version }),
    ...(where.path === undefined ? {} : { path: where.path }),
    kind,
    message,
  };
}
