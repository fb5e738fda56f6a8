// From a Komposer and the content of its fetched imports (in declaration order) to the merged,
// validated Katalog and the CRDs a bundle carries. Each imported document is checked with the
// foundation's validators under its source's label; the merged whole is checked again (dependsOn
// targets and cycles across sources). Pure: the resolver fetched everything before calling this.
import { posix } from 'node:path';
import type { Issue } from '../errors.js';
import {
  LoadedCrdFile,
  UnloadableCrdFile,
  UnfetchedCrdFile,
  checkKatalog,
  parseKatalog,
  parseYaml,
  type Locator,
  type Origin,
  resolveCrds,
  validateCrdManifest,
  type KatalogDocument,
  type ResolvedCrd,
  type UserNote,
} from '../katalog/index.js';
import { findCycles } from '../katalog/dependencies.js';
import { foldVersionGroups } from '../katalog/version-groups.js';
import { formatPath } from '../katalog/path.js';
import type { CrdObject } from '../bundle/payload.js';
import { canonicalJson } from '../bundle/canonical-json.js';
import { mergeKatalogs, type ImportedKatalog, type MergedCrd } from './merge.js';
import { splitYamlDocuments } from './split-documents.js';
import { mergeNotes, type ImportedNotes } from './notes.js';
import { mergeNotification, type ImportedNotification } from './notification.js';

/** One fetched import: its label and the documents it carried (see resolver/sources/source.ts). */
export interface ImportContent {
  label: string;
  /** A single fetched file (file:, url:) rather than an archive of several (helm:, oci:). */
  singleFile: boolean;
  documents: ImportDocument[];
  /** CRD files beside it that `ork validate` could not fetch: the path they would have, the source's label and why. */
  unfetched?: { path: string; label: string; reason: string }[];
}

/**
 * One document of an import. `composed`, by YAML document (in the file's order): a Katalog already
 * composed with its include fragments and Motifs (resolver/compose-imports.ts), checked in its place.
 */
export interface ImportDocument {
  path: string;
  text: string;
  composed?: (ComposedKatalog | undefined)[];
  /** A fragment or Motif of an archive that a composed Katalog read: not a document of its own. */
  consumed?: boolean;
}

/** A composed Katalog: its value, where its own lines are, the composition's issues and where merged parts came from. */
export interface ComposedKatalog {
  value: unknown;
  locate: Locator;
  issues: Issue[];
  origins: Origin[];
}

export interface KomposerInput {
  document: KatalogDocument;
  /** The Komposer's file, as the user named it. */
  file: string;
  /** Its own entries with their API types resolved (entries that only override have none). */
  crds: ResolvedCrd[];
  /** Some imports were left out (--offline): what names a CRD only they could declare is a warning. */
  partial?: boolean;
  /** Its own entries whose remote crdFile was not read (each already a warning): declared, kind unknown. */
  unchecked?: string[];
}

export interface AssembledKatalog {
  /** Set only when there is no error. */
  katalog?: KatalogDocument;
  crds: CrdObject[];
  issues: Issue[];
}

const CRD_KIND = 'CustomResourceDefinition';

export function assembleKatalog(komposer: KomposerInput, imports: ImportContent[]): AssembledKatalog {
  const issues: Issue[] = [];
  const imported: ImportedKatalog[] = [];
  const looseCrds: { crd: CrdObject; source: string }[] = [];
  const importedNotes: ImportedNotes[] = [];
  const importedNotification: ImportedNotification[] = [];
  const unchecked = new Set(komposer.unchecked);

  for (const content of imports) {
    const read = readImport(content);
    issues.push(...read.issues);
    for (const name of read.unchecked) unchecked.add(name);
    imported.push({ source: content.label, crds: read.crds });
    importedNotes.push({ source: content.label, notes: read.notes });
    importedNotification.push(...read.notification.map((block) => ({ source: content.label, block })));
    looseCrds.push(...read.looseCrds.map((crd) => ({ crd, source: content.label })));
  }

  const ownSource = `komposer:${komposer.file}`;
  const resolved = new Map(komposer.crds.map((c) => [c.name, c]));
  const own = Object.entries(komposer.document.spec.crds).map(([name, entry]) => {
    const known = resolved.get(name);
    return known ? { ...known } : { name, entry };
  });
  // A refused import declares nothing: what only it could declare would only repeat its refusal.
  const importFailed = issues.some((i) => i.severity !== 'warning');
  const merged = mergeKatalogs(imported, { source: ownSource, crds: own }, komposer.partial, importFailed, unchecked);
  issues.push(...merged.issues, ...dependencyIssues(merged.crds, { declaredWhenPartial: komposer.partial ? new Set(merged.declared) : undefined, importFailed, unchecked }));

  const notes = mergeNotes(importedNotes, komposer.document.notes?.functions);
  issues.push(...notes.issues);
  const notification = mergeNotification(importedNotification, (komposer.document as { notification?: unknown }).notification);
  issues.push(...notification.issues);
  const crds = collectCrds(merged.crds, looseCrds, issues);
  if (issues.some((i) => i.severity !== 'warning')) return { crds: [], issues };
  // Imports may declare one kind at different versions: one entry per kind, as in one Katalog.
  const folded = foldVersionGroups(mergedDocument(komposer.document, merged.crds, notes.functions, notification.block));
  issues.push(...folded.problems.map((p) => ({ path: formatPath(p.path), message: p.message, ...(p.severity ? { severity: p.severity } : {}) })));
  if (issues.some((i) => i.severity !== 'warning')) return { crds: [], issues };
  return { katalog: folded.document, crds, issues };
}

/** The Katalog documents and standalone CRDs of one import, each checked under the import's label. */
function readImport(content: ImportContent): { crds: ResolvedCrd[]; looseCrds: CrdObject[]; notes: UserNote[]; notification: unknown[]; issues: Issue[]; unchecked: string[] } {
  const issues: Issue[] = [];
  const unchecked: string[] = [];
  const notes: UserNote[] = [];
  const notification: unknown[] = [];
  const crds: ResolvedCrd[] = [];
  const looseCrds: CrdObject[] = [];
  const fileOf = (path: string) => (content.singleFile ? content.label : `${content.label}#${path}`);

  for (const document of content.documents) {
    if (document.consumed) continue;
    const file = fileOf(document.path);
    for (const [index, piece] of splitYamlDocuments(document.text).entries()) {
      // Lines in the Katalog's own file move by the piece's offset; a fragment's or Motif's do not.
      const shift = (list: Issue[]) => list.map((i) => (i.line === undefined || i.file !== file ? i : { ...i, line: i.line + piece.lineOffset }));
      const parsed = parseYaml(piece.text, file);
      // Fail closed: a document that does not parse is an error whatever the source (an archive's
      // katalog.yaml as much as a single file), reported as the parser saw it.
      const unparsed = parsed.issues.filter((i) => i.severity !== 'warning');
      if (unparsed.length > 0) {
        issues.push(...shift(unparsed));
        continue;
      }
      const value = parsed.documents[0]?.value as Record<string, unknown> | undefined;
      const kind = value && typeof value === 'object' ? value.kind : undefined;
      if (kind === CRD_KIND) {
        const problems = shift(validateCrdManifest(value, { file, path: '' }, parsed.documents[0]!.locate));
        issues.push(...problems);
        if (problems.length === 0) looseCrds.push(value as CrdObject);
        continue;
      }
      if (kind === 'Komposer') {
        issues.push({ file, path: 'kind', line: 1 + piece.lineOffset, message: 'an imported document may not be a Komposer; list its artifact under imports.registry with useKomposer: true (its komposer.yaml and imports are resolved), or import its Katalogs directly' });
        continue;
      }
      if (kind !== 'Katalog') {
        // Every document a source hands over was taken as a Katalog or CRD file: neither is an error.
        issues.push({ file, path: 'kind', line: 1 + piece.lineOffset, message: `expected a Katalog or a CustomResourceDefinition, found ${kind === undefined ? 'no kind' : JSON.stringify(kind)}` });
        continue;
      }
      const composed = document.composed?.[index];
      const katalog = composed ? checkKatalog(composed.value, file, composed.locate, { imported: true }, [...composed.issues], composed.origins) : parseKatalog(piece.text, file, { imported: true });
      issues.push(...shift(katalog.issues));
      if (!katalog.document) continue;
      notes.push(...(katalog.document.notes?.functions ?? []));
      if (katalog.document.notification !== undefined) notification.push(katalog.document.notification);
      const crdFiles = crdFilesOf(katalog.document, document.path, content, fileOf);
      const result = resolveCrds(katalog.document, crdFiles, katalog.locate ? { file, locate: katalog.locate } : undefined);
      issues.push(...shift(result.issues));
      crds.push(...result.crds);
      unchecked.push(...result.unchecked);
    }
  }
  return { crds, looseCrds, notes, notification, issues, unchecked };
}

/** The CRD files a Katalog names, looked up among its import's documents (relative to the Katalog). */
function crdFilesOf(doc: KatalogDocument, katalogPath: string, content: ImportContent, fileOf: (p: string) => string): Map<string, unknown> {
  const files = new Map<string, unknown>();
  const byPath = new Map(content.documents.map((d) => [normalise(d.path), d]));
  for (const entry of Object.values(doc.spec.crds)) {
    const crdFile = entry.crdFile;
    if (crdFile === undefined || files.has(crdFile)) continue;
    const found = byPath.get(normalise(crdFile)) ?? byPath.get(normalise(posix.join(posix.dirname(katalogPath), crdFile)));
    const unfetched = found ? undefined : content.unfetched?.find((u) => [normalise(crdFile), normalise(posix.join(posix.dirname(katalogPath), crdFile))].includes(normalise(u.path)));
    if (unfetched) {
      files.set(crdFile, new UnfetchedCrdFile(unfetched.label, unfetched.reason));
      continue;
    }
    if (!found) {
      files.set(crdFile, new UnloadableCrdFile([{ file: fileOf(katalogPath), path: '', message: `crdFile ${crdFile} is not in ${content.label}; ship it beside the Katalog or inline it with crd:` }]));
      continue;
    }
    const parsed = parseYaml(found.text, fileOf(found.path));
    const errors = parsed.issues.filter((i) => i.severity !== 'warning');
    if (errors.length > 0 || parsed.documents.length === 0) {
      files.set(crdFile, new UnloadableCrdFile(errors.length > 0 ? errors : [{ file: fileOf(found.path), path: '', message: 'CRD file is empty' }]));
      continue;
    }
    const [first, ...more] = parsed.documents;
    files.set(crdFile, new LoadedCrdFile(fileOf(found.path), first!.value, first!.locate, more));
  }
  return files;
}

function normalise(path: string): string {
  return posix.normalize(path).replace(/^\.\//, '');
}

interface DependencyContext {
  /** Some imports were left out; a target no source declares at all may be in one of them. */
  declaredWhenPartial?: Set<string> | undefined;
  /** An import was refused: a missing target is not reported again. */
  importFailed: boolean;
  /** Entries whose CRD file was not read (already warned about): a dependsOn naming one is set aside. */
  unchecked: ReadonlySet<string>;
}

function dependencyIssues(crds: MergedCrd[], context: DependencyContext): Issue[] {
  const { declaredWhenPartial, importFailed, unchecked } = context;
  const issues: Issue[] = [];
  const names = new Set(crds.map((c) => c.name));
  const graph = new Map<string, string[]>();
  for (const crd of crds) {
    const targets = Object.keys(crd.entry.dependsOn ?? {});
    graph.set(crd.name, targets);
    for (const target of targets) {
      if (!names.has(target) && importFailed) continue;
      if (!names.has(target) && unchecked.has(target)) {
        // Set aside without a line, so the merged Katalog still checks: the CRD file's warning says why.
        const { [target]: _left, ...rest } = crd.entry.dependsOn ?? {};
        crd.entry = { ...crd.entry, dependsOn: rest };
        continue;
      }
      if (!names.has(target) && declaredWhenPartial && !declaredWhenPartial.has(target)) {
        // Set aside so the merged Katalog still checks; the import left out may declare it.
        const { [target]: _left, ...rest } = crd.entry.dependsOn ?? {};
        crd.entry = { ...crd.entry, dependsOn: rest };
        issues.push({ path: `spec.crds.${crd.name}.dependsOn.${target}`, message: `'${crd.name}' depends on '${target}', which no import read declares; it may be in an import left out, so it is not checked`, severity: 'warning' });
      } else if (!names.has(target)) {
        issues.push({ path: `spec.crds.${crd.name}.dependsOn.${target}`, message: `'${crd.name}' (${crd.sources.join(', ')}) depends on '${target}', which no source declares (or it is disabled)`, sources: [...crd.sources].reverse() });
      }
    }
  }
  const sourcesOf = new Map(crds.map((c) => [c.name, c.sources.join(', ')]));
  for (const cycle of findCycles(graph)) {
    const members = cycle.map((name) => `${name} (${sourcesOf.get(name)})`);
    const sources = cycle.flatMap((name) => crds.find((c) => c.name === name)?.sources ?? []);
    issues.push({ path: `spec.crds.${cycle[0]}.dependsOn`, message: `dependency cycle across sources: ${[...members, members[0]].join(' → ')}; remove one of these dependsOn entries`, sources });
  }
  return issues;
}

/** Every CRD the bundle carries, by name; the same name twice must be the same manifest. */
function collectCrds(merged: MergedCrd[], loose: { crd: CrdObject; source: string }[], issues: Issue[]): CrdObject[] {
  const byName = new Map<string, { crd: CrdObject; source: string; text: string }>();
  const add = (crd: CrdObject, source: string) => {
    const name = crd.metadata.name;
    const text = canonicalJson(crd);
    const existing = byName.get(name);
    if (!existing) byName.set(name, { crd, source, text });
    else if (existing.text !== text) {
      issues.push({ path: `crds.${name}`, message: `CRD ${name} comes from both ${existing.source} and ${source} with different content; keep one of them`, sources: [source, existing.source] });
    }
  };
  for (const crd of merged) if (crd.crd) add(crd.crd as CrdObject, crd.sources[0]!);
  for (const { crd, source } of loose) add(crd, source);
  return [...byName.values()].map((v) => v.crd).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/**
 * The bundle's Katalog: the Komposer's metadata, every merged entry with its resolved apiTypes.
 * CRD manifests move to the bundle's `crds` list (entries refer to them by apiTypes), so no
 * manifest is stored twice and no entry points at a file.
 */
function mergedDocument(komposer: KatalogDocument, crds: MergedCrd[], notes: UserNote[], notification: Record<string, unknown> | undefined): KatalogDocument {
  const entries: KatalogDocument['spec']['crds'] = {};
  for (const crd of crds) {
    const { crdFile: _file, crd: _manifest, enabled: _enabled, ...rest } = crd.entry;
    entries[crd.name] = { ...rest, apiTypes: crd.apiTypes };
  }
  const doc: KatalogDocument = { apiVersion: komposer.apiVersion, kind: 'Katalog', metadata: komposer.metadata, spec: { crds: entries } };
  // User notes are called by name from the entries' templates: the bundle must carry them.
  if (notes.length > 0) doc.notes = { functions: notes };
  // The alerts' teams (controller/notify), merged as notification.ts says.
  if (notification !== undefined) doc.notification = notification;
  // The top document's security settings (deletionProtection is enforced by the webhook); an imported Katalog's are not merged.
  const security = (komposer as unknown as Record<string, unknown>).security;
  if (security !== undefined) (doc as unknown as Record<string, unknown>).security = security;
  return doc;
}
