// A Komposer's lifecycle gate over the Katalogs it imports, as upstream's `ork validate` and
// `ork run` apply it: `policy.lifecycle.minMaturity` (alpha < beta < stable) refuses an import whose
// `lifecycle.maturity` is below the floor; a deprecated import (maturity: deprecated, or a
// `lifecycle.deprecation` block whose timeline.from has come) is refused whatever the floor; an
// entry of the Komposer's `lifecycle.accept.patterns` (name, optional author, optional semver range
// over metadata.version) acknowledges all of that import's concerns. An unacknowledged alpha/beta
// import under no floor is a warning. Decisions where upstream is silent are in docs/katalog-compat.md.
// Pure: the caller gives today's date.
import type { Issue } from '../errors.js';
import { parseConstraint } from '../template/notes/semver-constraint.js';
import { parseVersion } from '../template/notes/semver-version.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export const MATURITIES = ['alpha', 'beta', 'stable', 'deprecated'] as const;
export type Maturity = (typeof MATURITIES)[number];
const FLOORS = ['alpha', 'beta', 'stable'] as const;
/** The keys of one lifecycle.accept.patterns item (upstream's KomposerAcceptEntry). */
const ACCEPT_KEYS = ['name', 'author', 'version'];
type Floor = (typeof FLOORS)[number];

/** One imported Katalog, as its document names itself. */
export interface ImportedPattern {
  /** The import's label (with the Komposer chain for nested ones): where the Katalog came from. */
  source: string;
  name: string;
  author?: string;
  version?: string;
  /** Its `lifecycle:` block as written. */
  lifecycle?: unknown;
}

interface AcceptEntry {
  name: string;
  author?: string;
  version?: string;
}

export interface KomposerPolicy {
  minMaturity?: Floor;
  accept: AcceptEntry[];
}

/** The Komposer's floor and acknowledgements, with a problem for each malformed value. */
export function readKomposerPolicy(doc: { policy?: unknown; lifecycle?: unknown }, file: string): { policy: KomposerPolicy; issues: Issue[] } {
  const issues: Issue[] = [];
  const problem = (path: string, message: string) => issues.push({ file, path, message });
  const policy: KomposerPolicy = { accept: [] };
  const floor = isRecord(doc.policy) && isRecord(doc.policy.lifecycle) ? doc.policy.lifecycle.minMaturity : undefined;
  if (floor !== undefined) {
    if ((FLOORS as readonly unknown[]).includes(floor)) policy.minMaturity = floor as Floor;
    else problem('policy.lifecycle.minMaturity', `${JSON.stringify(floor)} is not a floor: give alpha, beta or stable (a deprecated import always needs lifecycle.accept.patterns)`);
  }
  const accept = isRecord(doc.lifecycle) && isRecord(doc.lifecycle.accept) ? doc.lifecycle.accept.patterns : undefined;
  if (accept !== undefined && !Array.isArray(accept)) problem('lifecycle.accept.patterns', 'must be a list of {name, author, version}');
  (Array.isArray(accept) ? accept : []).forEach((item: unknown, i) => {
    const at = `lifecycle.accept.patterns[${i}]`;
    if (!isRecord(item) || typeof item.name !== 'string' || item.name === '') return problem(at, 'give name: (the imported Katalog\'s metadata.name)');
    for (const key of Object.keys(item)) if (!ACCEPT_KEYS.includes(key)) problem(`${at}.${key}`, `unknown key (allowed: ${ACCEPT_KEYS.join(', ')})`);
    const entry: AcceptEntry = { name: item.name };
    if (typeof item.author === 'string' && item.author !== '') entry.author = item.author;
    if (item.version !== undefined) {
      if (typeof item.version !== 'string' || !parseConstraint(item.version)) return problem(`${at}.version`, `${JSON.stringify(item.version)} is not a semver range (e.g. ">=1.0.0, <2.0.0")`);
      entry.version = item.version;
    }
    policy.accept.push(entry);
  });
  return { policy, issues };
}

/** The lifecycle state of one import: its maturity, and its deprecation when that has begun. */
export function lifecycleState(lifecycle: unknown, today: Date): { maturity?: string; deprecated?: { message?: string; migratedTo?: string; eol?: string; eolReached: boolean } } {
  if (!isRecord(lifecycle)) return {};
  const maturity = typeof lifecycle.maturity === 'string' ? lifecycle.maturity : undefined;
  const block = isRecord(lifecycle.deprecation) ? lifecycle.deprecation : undefined;
  const timeline = isRecord(block?.timeline) ? block.timeline : {};
  const day = today.toISOString().slice(0, 10);
  const from = typeof timeline.from === 'string' ? timeline.from : undefined;
  const to = typeof timeline.to === 'string' ? timeline.to : undefined;
  const announced = block !== undefined && (from === undefined || from <= day);
  if (maturity !== 'deprecated' && !announced) return maturity ? { maturity } : {};
  return {
    ...(maturity ? { maturity } : {}),
    deprecated: {
      ...(typeof block?.message === 'string' ? { message: block.message } : {}),
      ...(typeof block?.migratedTo === 'string' ? { migratedTo: block.migratedTo } : {}),
      ...(to ? { eol: to } : {}),
      eolReached: to !== undefined && to <= day,
    },
  };
}

/** Every refusal (error) and notice (warning) for the imports, reported at the Komposer's `file`. */
export function lifecycleIssues(policy: KomposerPolicy, patterns: ImportedPattern[], file: string, today: Date): Issue[] {
  const issues: Issue[] = [];
  for (const pattern of patterns) {
    const state = lifecycleState(pattern.lifecycle, today);
    const accepted = policy.accept.find((a) => a.name === pattern.name && (a.author === undefined || pattern.author === undefined || a.author === pattern.author));
    const inRange = accepted !== undefined && versionMatches(accepted.version, pattern.version);
    const who = `${pattern.name}${pattern.version ? ` ${pattern.version}` : ''} (${pattern.source})`;
    const acknowledge = `acknowledge it under lifecycle.accept.patterns (- name: ${pattern.name})`;
    const at = (path: string, message: string, severity?: 'warning') => issues.push({ file, path, message, ...(severity ? { severity } : {}) });
    if (accepted && !inRange) {
      at('lifecycle.accept.patterns', `${who}: the acceptance of ${pattern.name} is for versions ${accepted.version}, which ${pattern.version ? 'this version is not' : 'this Katalog (no metadata.version) cannot be checked against'}; review it and widen or remove the range`, 'warning');
    }
    if (inRange) continue;
    if (state.maturity !== undefined && !(MATURITIES as readonly string[]).includes(state.maturity)) {
      at('imports', `${who}: lifecycle.maturity ${JSON.stringify(state.maturity)} is not one of ${MATURITIES.join(', ')}; fix the imported Katalog`);
      continue;
    }
    if (state.deprecated) {
      const d = state.deprecated;
      const when = d.eol ? (d.eolReached ? `, end of life since ${d.eol}` : `, end of life on ${d.eol}`) : '';
      const note = d.message ? ` (${d.message})` : '';
      const instead = d.migratedTo ? `import ${d.migratedTo} instead, or ` : 'import a version that is not deprecated, or ';
      at('imports', `${who} is deprecated${when}${note}: ${instead}${acknowledge}`);
      continue;
    }
    const rank = FLOORS.indexOf(state.maturity as Floor);
    if (policy.minMaturity && rank >= 0 && rank < FLOORS.indexOf(policy.minMaturity)) {
      at('policy.lifecycle.minMaturity', `${who} is ${state.maturity}, below the floor ${policy.minMaturity}: import a ${policy.minMaturity} version, or ${acknowledge}`);
    } else if (state.maturity === 'alpha' || state.maturity === 'beta') {
      const what = state.maturity === 'alpha' ? 'experimental, breaking changes expected' : 'stabilising, the API may still change';
      at('imports', `${who} is ${state.maturity} (${what}); ${acknowledge} to silence this`, 'warning');
    }
  }
  return issues;
}

/** No range accepts any version; a range needs a version it holds. */
function versionMatches(range: string | undefined, version: string | undefined): boolean {
  if (range === undefined) return true;
  const parsed = version === undefined ? undefined : parseVersion(version);
  const check = parseConstraint(range);
  return parsed !== undefined && check !== undefined && check(parsed);
}
