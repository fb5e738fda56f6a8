// resolveCrds: the API types of every CRD entry of a checked document — given by `apiTypes`, or
// read from the storage version of its CRD manifest (inline `crd`, or a `crdFile` the caller has
// read). Validates each CRD file and checks that no two entries claim one kind. Pure: the shell
// reads files and hands them in, keyed by the `crdFile` string exactly as written.
import type { Issue } from '../errors.js';
import { apiTypesOfCrd, validateCrdManifest, type LocateWithin } from './crd-manifest.js';
import { formatPath, type PathSegment } from './path.js';
import { duplicateApiTypes } from './semantic.js';
import { foldResolvedCrds } from './version-groups.js';
import type { KatalogDocument, ResolvedCrd } from './types.js';
import { crFieldSelectorProblems } from './cr-field-selector.js';
import { documentForEntry, type CrdDocument } from './crd-file-documents.js';
import type { Locator } from './yaml-source.js';
import { sanitizeUrl } from '../sanitize-url.js';

/** A CRD file a shell read and parsed; `locate` gives positions inside that file; `more`: its later documents. */
export class LoadedCrdFile {
  constructor(
    readonly file: string,
    readonly value: unknown,
    readonly locate?: LocateWithin,
    readonly more: readonly CrdDocument[] = [],
  ) {}
}

/** A CRD file a shell could not read or parse; its issues say why and are reported as they are. */
export class UnloadableCrdFile {
  constructor(readonly issues: Issue[]) {}
}

/**
 * A remote CRD file `ork validate` could not fetch (host down, DNS, timeout, 401/403/404): its
 * entry is left unchecked with one warning, `label` naming the source and `reason` why.
 */
export class UnfetchedCrdFile {
  constructor(
    readonly label: string,
    readonly reason: string,
  ) {}
}

/** Where the document came from, so issues about its entries carry positions. */
export interface DocumentSource {
  file: string;
  locate: Locator;
}

export function isRemoteCrdFile(crdFile: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(crdFile);
}

export function resolveCrds(
  doc: KatalogDocument,
  crdFiles: Map<string, unknown>,
  source?: DocumentSource,
): { crds: ResolvedCrd[]; issues: Issue[]; unchecked: string[] } {
  const issues: Issue[] = [];
  const crds: ResolvedCrd[] = [];
  const unchecked: string[] = []; // remote CRD file not read (--offline, unfetched in validate): declared, kind unknown
  const fromFile = new Set<string>();
  const report = (path: PathSegment[], message: string, severity?: 'warning', part: 'key' | 'value' = 'value') => {
    const pos = source ? { file: source.file, ...source.locate(path, part) } : {};
    issues.push({ ...pos, path: formatPath(path), message, ...(severity ? { severity } : {}) });
  };

  for (const [name, entry] of Object.entries(doc.spec.crds)) {
    const at: PathSegment[] = ['spec', 'crds', name];
    if (entry.apiTypes) {
      crds.push({ name, entry, apiTypes: entry.apiTypes });
    } else if (entry.crd) {
      const apiTypes = apiTypesOfCrd(entry.crd);
      if (apiTypes) crds.push({ name, entry, apiTypes, crd: entry.crd });
    } else if (entry.crdFile !== undefined) {
      const path = [...at, 'crdFile'];
      const loaded = crdFiles.get(entry.crdFile);
      if (loaded instanceof UnloadableCrdFile) {
        issues.push(...unloadableIssues(loaded, entry.crdFile, (message) => report(path, message)));
        continue;
      }
      const notRead = notReadProblem(loaded, entry.crdFile);
      if (notRead) {
        report(path, notRead.message, notRead.severity);
        if (notRead.severity) unchecked.push(name);
        continue;
      }
      const file = loaded instanceof LoadedCrdFile ? loaded.file : entry.crdFile;
      const picked = documentForEntry(documentsOf(loaded), name, entry.crdFile);
      if (picked.warning) report(path, picked.warning, 'warning');
      const { value, locate } = picked.document;
      const fileIssues = validateCrdManifest(value, { file, path: '', ...(locate ? {} : { line: 1, col: 1 }) }, locate);
      issues.push(...fileIssues);
      const apiTypes = apiTypesOfCrd(value);
      if (!apiTypes || fileIssues.length > 0) continue;
      crds.push({ name, entry, apiTypes, crd: value as Record<string, unknown> });
      fromFile.add(name);
    }
    // A Komposer entry with no identity overrides an imported CRD; the merge resolves it.
  }
  for (const { name, entry, crd } of crds) {
    for (const [path, message] of crFieldSelectorProblems(entry.fieldSelector, crd)) report(['spec', 'crds', name, 'fieldSelector', path], message, undefined, 'key');
  }

  // Entries without a CRD file were compared by parseKatalog; compare only pairs involving one.
  const clashes = duplicateApiTypes(crds).filter((clash) => fromFile.has(clash.name) || fromFile.has(clash.other));
  for (const clash of clashes) report(['spec', 'crds', clash.name], clash.message, undefined, 'key');
  if (clashes.length > 0 || fromFile.size === 0) return { crds, issues, unchecked };
  // A kind whose versions were declared partly by CRD files: one entry, as parseKatalog folds the others.
  const folded = foldResolvedCrds(crds);
  for (const p of folded.problems) report(p.path, p.message, p.severity, 'key');
  return { crds: folded.crds, issues, unchecked };
}

/** A CRD file that was not read: left to `ork resolve` (a warning) when remote, else an error. */
function notReadProblem(loaded: unknown, crdFile: string): { message: string; severity?: 'warning' } | undefined {
  if (loaded instanceof UnfetchedCrdFile) {
    return { message: `${loaded.label} could not be fetched (${loaded.reason}); this CRD was not checked (run 'ork resolve' to fetch it)`, severity: 'warning' };
  }
  if (loaded !== undefined) return undefined;
  if (isRemoteCrdFile(crdFile)) return { message: `${sanitizeUrl(crdFile)} is fetched by 'ork resolve'; it was not checked here`, severity: 'warning' };
  return { message: `CRD file ${crdFile} was not loaded` };
}

/** A file that could not be read at all has no position of its own: its problem is named at the entry's crdFile. */
function unloadableIssues(loaded: UnloadableCrdFile, crdFile: string, atEntry: (message: string) => void): Issue[] {
  const positioned: Issue[] = [];
  for (const issue of loaded.issues) {
    if (issue.line !== undefined) positioned.push(issue);
    else atEntry(issue.message.includes(crdFile) ? issue.message : `${issue.file ?? crdFile}: ${issue.message}`);
  }
  return positioned;
}

/** Every document of a CRD file (a shell may also hand in the parsed value alone). */
function documentsOf(loaded: unknown): CrdDocument[] {
  if (!(loaded instanceof LoadedCrdFile)) return [{ value: loaded }];
  return [{ value: loaded.value, ...(loaded.locate ? { locate: loaded.locate } : {}) }, ...loaded.more];
}
