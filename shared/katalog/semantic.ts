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
import type { ApiTypes } from './types.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

const IDENTITY_KEYS = ['apiTypes', 'crdFile', 'crd'] as const;
/** Shorthands that become integer fields; a static string there can never convert. */
const INTEGER_SHORTHANDS = ['replicas', 'port'];

export interface SemanticOptions {
  /**
   * An imported Katalog may depend on CRDs that another import declares; its targets are then
   * checked on the merged set, not here.
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
  return { name, apiTypes: { group, version, kind, plural }, path: [...at, 'apiTypes'] };
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
 * Two entries for one group/kind (or one group/plural) would reconcile the same objects twice.
 * Reported on the later entry, naming the earlier one.
 */
export function duplicateApiTypes<T extends { name: string; apiTypes: ApiTypes }>(entries: T[]): Array<T & { other: string; message: string }> {
  const found: Array<T & { other: string; message: string }> = [];
  const byKind = new Map<string, T>();
  const byPlural = new Map<string, T>();
  for (const entry of entries) {
    const { group, version, kind, plural } = entry.apiTypes;
    const kindKey = `${group}\u0000${kind}`;
    const pluralKey = `${group}\u0000${plural}`;
    const sameKind = byKind.get(kindKey);
    const samePlural = byPlural.get(pluralKey);
    if (sameKind) {
      const what = sameKind.apiTypes.version === version ? `${group}/${version}, Kind=${kind}` : `group ${group}, kind ${kind}`;
      found.push({ ...entry, other: sameKind.name, message: `CRDs "${sameKind.name}" and "${entry.name}" both declare ${what}; each kind may be reconciled by one entry only` });
    } else if (samePlural) {
      found.push({ ...entry, other: samePlural.name, message: `CRDs "${samePlural.name}" and "${entry.name}" both declare the resource ${plural}.${group}; each resource may be reconciled by one entry only` });
    }
    if (!sameKind) byKind.set(kindKey, entry);
    if (!samePlural) byPlural.set(pluralKey, entry);
  }
  return found;
}
