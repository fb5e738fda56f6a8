// diffCrds: every difference between two revisions of one CRD, classified and sorted (breaking
// first, then by id), so that the output is stable for goldens and acknowledgements.
import { compareCrdWide } from './crd-wide.js';
import { readCrd } from './read-crd.js';
import type { CrdChange, DiffOptions, Severity } from './types.js';
import { compareVersions } from './versions.js';

const RANK: Record<Severity, number> = { breaking: 0, warning: 1, safe: 2 };

export function diffCrds(oldCrd: unknown, newCrd: unknown, options: DiffOptions = {}): CrdChange[] {
  const old = readCrd(oldCrd);
  const neu = readCrd(newCrd);
  const storedVersions = options.storedVersions ?? old.storedVersions ?? old.versions.filter((v) => v.storage).map((v) => v.name);
  const changes: CrdChange[] = [];
  const emit = (change: CrdChange) => changes.push(change);
  compareCrdWide(old, neu, emit);
  compareVersions(old, neu, storedVersions, emit);
  return sortChanges(changes);
}

export function sortChanges(changes: readonly CrdChange[]): CrdChange[] {
  return [...changes].sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
