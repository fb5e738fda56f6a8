// The checks a JSON Schema cannot express, on one parsed document: names, Katalog vs Komposer,
// one identity per CRD entry, unique group/kind across entries, dependencies, durations, static
// values that cannot be numbers, conditions, templates and inline CRD manifests. Reads the value
// defensively (it also runs when the schema failed) so that every problem is reported at once.
import type { Issue } from '../errors.js';
import { conditionIssues } from './conditions-check.js';
import { apiTypesOfCrd, validateCrdManifest } from './crd-manifest.js';
import { dependencyIssues } from './dependencies.js';
import { enrichIssues } from '../enrich/index.js';
import { parseDuration } from './durations.js';
import { eachPhaseItem, entryParts, layoutIssues, type EntryParts } from './layout.js';
import { builtinKind } from './builtin-kinds.js';
import { apiTypesProblems, crdKeyProblem, dnsLabelProblem } from './names.js';
import { needsGoIssues } from './needs-go.js';
import { formatPath, type PathSegment } from './path.js';
import { profileIssues } from './profiles.js';
import { templateIssues } from './template-fields.js';
import { checkUserNotes, type CheckedNotes } from './user-notes-check.js';
import { rewriteSentinelCalls } from './sentinel-calls.js';
import { entryRuleIssues, lifecycleRuleIssues } from './validator-rules.js';
import { notificationIssues } from './notification-check.js';
import { gatewayIssues } from './gateway-check.js';
import type { ApiTypes } from './types.js';
import { versionsOf } from './version-groups.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

const IDENTITY_KEYS = ['apiTypes', 'crdFile', 'crd'] as const;
/** Shorthands that become integer fields; a static string there can never convert. */
const INTEGER_SHORTHANDS = ['replicas', 'port'];

export interface SemanticOptions {
  /**
   * An imported Katalog may depend on CRDs that another import declares; its targets are then
   * checked on the merged set, not here. Its version entries are folded after the merge too.
   */
  imported?: boolean;
}

type Report = (path: PathSegment[], message: string, part?: 'key' | 'value') => void;
type Identity = { name: string; apiTypes: ApiTypes; path: PathSegment[] };

/** What the per-entry checks share: where issues go, and how to place them. */
interface Context {
  file: string;
  locate: Locator;
  issues: Issue[];
  report: Report;
  isKomposer: boolean;
  notes: CheckedNotes['scope'];
}

/** Every semantic issue of one document, in a fixed order: document, each CRD entry, then across entries. */
export function semanticIssues(doc: unknown, file: string, locate: Locator, options: SemanticOptions = {}): Issue[] {
  if (!isRecord(doc)) return [];
  const issues: Issue[] = [];
  const report: Report = (path, message, part = 'value') => {
    issues.push({ file, ...locate(path, part), path: formatPath(path), message });
  };
  const isKomposer = doc.kind === 'Komposer';
  documentIssues(doc, report);
  lifecycleRuleIssues(doc, report);
  issues.push(...notificationIssues(doc, file, locate));
  issues.push(...gatewayIssues(doc, file, locate));
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const crds = isRecord(spec.crds) ? spec.crds : {};
  const notes = checkUserNotes(doc, file, locate);
  issues.push(...notes.issues);

  const context: Context = { file, locate, issues, report, isKomposer, notes: notes.scope };
  const identities: Identity[] = [];
  for (const [name, entry] of Object.entries(crds)) {
    const identity = entryIssues(context, name, entry);
    if (identity) identities.push(identity);
  }

  issues.push(...profileIssues(doc, file, locate));
  issues.push(...enrichIssues(doc, file, locate));
  issues.push(...duplicateApiTypes(identities).map(({ path, message }) => ({ file, ...locate(path, 'key'), path: formatPath(path), message })));
  issues.push(...dependencyIssues(crds, !isKomposer && !options.imported, file, locate));
  return issues;
}

/** The document's own name, and imports only on a Komposer under one spelling. */
function documentIssues(doc: Rec, report: Report): void {
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  if (typeof metadata.name === 'string') {
    const problem = dnsLabelProblem(metadata.name);
    if (problem) report(['metadata', 'name'], problem);
  }
  for (const key of ['imports', 'sources']) {
    if (doc.kind === 'Katalog' && doc[key] !== undefined) report([key], `a Katalog cannot have ${key}; use kind: Komposer to compose Katalogs`, 'key');
  }
  if (doc.imports !== undefined && doc.sources !== undefined) {
    report(['sources'], 'give imports: or its older spelling sources:, not both', 'key');
  }
}

/** One CRD entry's checks; returns the API types it declares, for the checks across entries. */
function entryIssues(context: Context, name: string, entry: unknown): Identity | undefined {
  const { file, locate, issues, report } = context;
  const at: PathSegment[] = ['spec', 'crds', name];
  const problem = crdKeyProblem(name);
  if (problem) report(at, `CRD name ${problem}`, 'key');
  if (!isRecord(entry)) return undefined;
  const identity = identityOf(context, name, entry, at);
  const parts = entryParts(entry, at);
  layoutIssues(entry, at, report);
  needsGoIssues(entry, at, report);
  resyncIssues(entry, parts, at, report);
  entryRuleIssues(entry, parts, at, report);
  integerShorthandIssues(parts, report);
  issues.push(...conditionIssues(entry, at, file, locate));
  issues.push(...templateIssues(withSentinelCalls(entry, at, report), at, file, locate, context.notes));
  return identity;
}

/** The entry with its gates' sentinel calls read as `.sentinels.<name>` (sentinel-calls.ts); an undeclared one reported. */
function withSentinelCalls(entry: Rec, at: PathSegment[], report: Report): Rec {
  const box = isRecord(entry.operatorBox) ? entry.operatorBox : undefined;
  if (!box || !isRecord(box.preReconcile)) return entry;
  const { value, problems } = rewriteSentinelCalls(box.preReconcile, [...at, 'operatorBox', 'preReconcile']);
  for (const problem of problems) report(problem.path, problem.message);
  return { ...entry, operatorBox: { ...box, preReconcile: value } };
}

/** Exactly one of apiTypes, crdFile, crd (a Komposer may give none); an inline CRD checked in full. */
function identityOf(context: Context, name: string, entry: Rec, at: PathSegment[]): Identity | undefined {
  const { file, locate, issues, report } = context;
  const given = IDENTITY_KEYS.filter((k) => entry[k] !== undefined);
  if (given.length === 2 && entry.crd === undefined) {
    // Upstream reads the crdFile as the source of truth and replaces the entry's apiTypes with it
    // (its typed-mode keys, refused here as needing Go, aside); normalise.ts drops them the same way.
    const path = [...at, 'apiTypes'];
    const message = 'apiTypes beside crdFile is not used: the crdFile gives group, version, kind and plural (as the Go runtime reads it); remove apiTypes';
    issues.push({ file, ...locate(path, 'key'), path: formatPath(path), message, severity: 'warning' });
    return undefined;
  }
  if (given.length > 1) {
    report(at, `give exactly one of apiTypes, crdFile or crd (found ${given.join(' and ')})`, 'key');
  } else if (given.length === 0 && !context.isKomposer) {
    report(at, 'give exactly one of apiTypes, crdFile or crd (found none)', 'key');
  }
  if (isRecord(entry.crd)) {
    const crdPath = [...at, 'crd'];
    const pos = locate(crdPath, 'key');
    issues.push(...validateCrdManifest(entry.crd, { file, path: formatPath(crdPath), ...pos }, (sub, part) => locate([...crdPath, ...sub], part)));
    const inferred = apiTypesOfCrd(entry.crd);
    return inferred && given.length === 1 ? { name, apiTypes: inferred, path: crdPath } : undefined;
  }
  if (!isRecord(entry.apiTypes) || given.length !== 1) return undefined;
  const { group, version, kind, plural } = entry.apiTypes;
  if (typeof group !== 'string' || typeof version !== 'string' || typeof kind !== 'string' || typeof plural !== 'string') return undefined;
  for (const [key, why] of apiTypesProblems({ group, version, plural }, builtinKind(kind, group) !== undefined)) report([...at, 'apiTypes', key], why);
  const scope = entry.apiTypes.scope === 'Cluster' || entry.namespaced === false ? 'Cluster' : 'Namespaced';
  const versions = servedVersionsIssues(entry.apiTypes.versions, version, [...at, 'apiTypes', 'versions'], report);
  return { name, apiTypes: { group, version, kind, plural, scope, ...(versions ? { versions } : {}) }, path: [...at, 'apiTypes'] };
}

/** `apiTypes.versions` (what folding several version entries writes): DNS labels, once each, holding `version`. */
function servedVersionsIssues(versions: unknown, version: string, at: PathSegment[], report: Report): string[] | undefined {
  if (!Array.isArray(versions)) return undefined;
  const names = versions.filter((v): v is string => typeof v === 'string');
  names.forEach((v, i) => {
    const problem = apiTypesProblems({ group: 'a.b', version: v, plural: 'x' }).find(([key]) => key === 'version');
    if (problem) report([...at, i], problem[1]);
    if (names.indexOf(v) !== i) report([...at, i], `${v} is listed twice; list each version once`);
  });
  if (!names.includes(version)) report(at, `must list apiTypes.version (${version}), the version objects are read at`);
  return names;
}

/** Every resync (the entry's and each reconciler block's) is a positive duration. */
function resyncIssues(entry: Rec, parts: EntryParts, at: PathSegment[], report: Report): void {
  const resyncs: Array<[PathSegment[], unknown]> = [[[...at, 'resync'], entry.resync]];
  for (const { path, value } of parts.reconcilers) if (isRecord(value)) resyncs.push([[...path, 'resync'], value.resync]);
  for (const [path, resync] of resyncs) {
    if (typeof resync !== 'string') continue;
    const ms = parseDuration(resync);
    if (ms === undefined || ms <= 0) report(path, `"${resync}" is not a duration; write it like 30s, 10m or 1h`);
  }
}

/** A static (untemplated) replicas or port that is not an integer can never convert. */
function integerShorthandIssues(parts: EntryParts, report: Report): void {
  eachPhaseItem(parts, (item, path) => {
    for (const key of INTEGER_SHORTHANDS) {
      const value = item[key];
      if (typeof value === 'string' && !value.includes('{{') && !/^\s*\d+\s*$/.test(value)) {
        report([...path, key], `"${value}" is neither an integer nor a template`);
      }
    }
  });
}

/**
 * Two entries for one group/kind/version, or for one group/plural of different kinds, would
 * reconcile the same objects twice. Entries for one kind at different versions are one CRD
 * (version-groups.ts folds them): they must agree on its plural and scope. Reported on the later
 * entry, naming the earlier one.
 */
export function duplicateApiTypes<T extends { name: string; apiTypes: ApiTypes }>(entries: T[]): Array<T & { other: string; message: string }> {
  const found: Array<T & { other: string; message: string }> = [];
  const byKind = new Map<string, T[]>();
  const byPlural = new Map<string, T>();
  for (const entry of entries) {
    const { group, kind, plural } = entry.apiTypes;
    const kindKey = `${group}\u0000${kind}`;
    const pluralKey = `${group}\u0000${plural}`;
    const sameKind = byKind.get(kindKey) ?? [];
    const clash = sameKindClash(entry, sameKind);
    const samePlural = byPlural.get(pluralKey);
    if (clash) {
      found.push({ ...entry, ...clash });
    } else if (sameKind.length === 0 && samePlural && samePlural.apiTypes.kind !== kind) {
      found.push({ ...entry, other: samePlural.name, message: `CRDs "${samePlural.name}" and "${entry.name}" both declare the resource ${plural}.${group}; each resource may be reconciled by one entry only` });
    }
    byKind.set(kindKey, [...sameKind, entry]);
    if (!samePlural) byPlural.set(pluralKey, entry);
  }
  return found;
}

/** The same version twice, or another version of the kind with a different plural or scope. */
function sameKindClash(entry: { name: string; apiTypes: ApiTypes }, earlier: { name: string; apiTypes: ApiTypes }[]): { other: string; message: string } | undefined {
  const { group, kind, plural } = entry.apiTypes;
  const mine = versionsOf(entry.apiTypes);
  for (const other of earlier) {
    const shared = versionsOf(other.apiTypes).find((v) => mine.includes(v));
    const both = `CRDs "${other.name}" and "${entry.name}"`;
    if (shared !== undefined) {
      return { other: other.name, message: `${both} both declare ${group}/${shared}, Kind=${kind}; give each version of a kind one entry` };
    }
    const why = `the versions of ${kind} (${other.apiTypes.version} and ${entry.apiTypes.version}) are one CRD, which has one`;
    if (other.apiTypes.plural !== plural) {
      return { other: other.name, message: `${both} give ${kind} the plurals ${other.apiTypes.plural} and ${plural}; ${why} plural` };
    }
    const [a, b] = [other.apiTypes.scope ?? 'Namespaced', entry.apiTypes.scope ?? 'Namespaced'];
    if (a !== b) return { other: other.name, message: `${both} make ${kind} ${a} and ${b}; ${why} scope` };
  }
  return undefined;
}
