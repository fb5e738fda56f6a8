// The shell around shared/katalog: reads a Katalog file and every local `crdFile` it names
// (relative to the Katalog's directory), bounded in size, and hands the text to the pure parser.
// Remote crdFiles are read only through a reader the caller passes (the resolver's https source).
// Never throws for bad input: every problem is an issue.
import { dirname, isAbsolute, join } from 'node:path';
import type { Issue } from '../shared/errors.js';
import {
  LoadedCrdFile,
  UnloadableCrdFile,
  UnfetchedCrdFile,
  isRemoteCrdFile,
  checkKatalog,
  parseKatalog,
  parseYaml,
  type ParsedKatalog,
  resolveCrds,
  sortIssues,
  type KatalogDocument,
  type ResolvedCrd,
} from '../shared/katalog/index.js';
import { unwrapConfigMap } from '../shared/katalog/configmap-wrapper.js';
import { readTextFile, utf8Text } from './text-file.js';
import { composeDocument, type ComposeOptions } from './compose/compose.js';

export interface LoadedKatalog {
  document?: KatalogDocument;
  crds: ResolvedCrd[];
  issues: Issue[];
  /** Entries whose remote CRD file was not read (left out, or could not be fetched in `ork validate`). */
  unchecked?: string[];
}

/**
 * Fetches a CRD file named by URL (the resolver's https source); without it URLs are left out.
 * `ork validate`'s reader answers UnfetchedCrdFile for a file it cannot reach (a warning).
 */
export type RemoteCrdReader = (url: string) => Promise<{ file: string; text: string } | UnfetchedCrdFile>;

export interface LoadOptions extends ComposeOptions {
  /** The file's content when it was not read from `path` (`-f -`: stdin); `path` still places it. */
  text?: string;
}

/**
 * Reads and checks a Katalog/Komposer file (or a Motif, which is only checked), composed with the
 * include fragments and Motifs it names (resolver/compose/). `document` is set only when there is
 * no error. Relative crdFiles, includes and imports resolve against `path`'s directory.
 */
export async function loadKatalogFile(path: string, readRemote?: RemoteCrdReader, options: LoadOptions = {}): Promise<LoadedKatalog> {
  const { text, ...compose } = options;
  const read = text === undefined ? await readTextFile(path) : { text };
  if ('issue' in read) return { crds: [], issues: [read.issue] };
  const wrapped = unwrapConfigMap(read.text, path);
  if (wrapped && 'issues' in wrapped) return { crds: [], issues: wrapped.issues };
  const loaded = await loadText(path, wrapped ? wrapped.text : read.text, compose, readRemote);
  if (!wrapped) return loaded;
  return { ...loaded, issues: sortIssues([wrapped.warning, ...loaded.issues.map(wrapped.place)]) };
}

async function loadText(path: string, text: string, compose: ComposeOptions, readRemote?: RemoteCrdReader): Promise<LoadedKatalog> {
  const parsed = await parseComposed(path, text, compose);
  if (!parsed.document) return { crds: [], issues: parsed.issues };

  const crdFiles = new Map<string, unknown>();
  for (const entry of Object.values(parsed.document.spec.crds)) {
    const crdFile = entry.crdFile;
    if (crdFile === undefined || crdFiles.has(crdFile)) continue;
    if (isRemoteCrdFile(crdFile)) {
      if (readRemote) crdFiles.set(crdFile, await readRemote(crdFile).then((read) => (read instanceof UnfetchedCrdFile ? read : parseCrdText(read.file, read.text))));
      continue;
    }
    crdFiles.set(crdFile, await loadCrdFile(isAbsolute(crdFile) ? crdFile : join(dirname(path), crdFile)));
  }
  const resolved = resolveCrds(parsed.document, crdFiles, parsed.locate ? { file: path, locate: parsed.locate } : undefined);
  const issues = sortIssues([...parsed.issues, ...resolved.issues]);
  const failed = issues.some((i) => i.severity !== 'warning');
  return { ...(failed ? {} : { document: parsed.document }), crds: resolved.crds, issues, unchecked: resolved.unchecked };
}

/** One readable document is composed with its includes and Motifs; anything else is reported as parseKatalog does. */
async function parseComposed(path: string, text: string, options: ComposeOptions): Promise<ParsedKatalog> {
  const { documents, issues } = parseYaml(text, path);
  if (documents.length !== 1 || issues.some((i) => i.severity !== 'warning')) return parseKatalog(text, path);
  const [document] = documents;
  const composed = await composeDocument(path, document!.value, document!.locate, dirname(path), options);
  return checkKatalog(composed.value, path, document!.locate, {}, [...issues, ...composed.issues], composed.origins);
}

async function loadCrdFile(path: string): Promise<LoadedCrdFile | UnloadableCrdFile> {
  const read = await readTextFile(path);
  if ('issue' in read) return new UnloadableCrdFile([read.issue]);
  return parseCrdText(path, read.text);
}

function parseCrdText(path: string, text: string): LoadedCrdFile | UnloadableCrdFile {
  const { documents, issues } = parseYaml(text, path);
  const errors = issues.filter((i) => i.severity !== 'warning');
  if (errors.length > 0) return new UnloadableCrdFile(errors);
  if (documents.length === 0) return new UnloadableCrdFile([{ file: path, path: '', line: 1, col: 1, message: 'CRD file is empty' }]);
  const [document, ...more] = documents;
  return new LoadedCrdFile(path, document!.value, document!.locate, more);
}

export { readTextFile, utf8Text };
