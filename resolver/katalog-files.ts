// The shell around shared/katalog: reads a Katalog file and every local `crdFile` it names
// (relative to the Katalog's directory), bounded in size, and hands the text to the pure parser.
// Remote crdFiles are read only through a reader the caller passes (the resolver's https source).
// Never throws for bad input: every problem is an issue.
import { dirname, isAbsolute, join } from 'node:path';
import type { Issue } from '../shared/errors.js';
import {
  LoadedCrdFile,
  UnloadableCrdFile,
  isRemoteCrdFile,
  parseKatalog,
  parseYaml,
  resolveCrds,
  sortIssues,
  type KatalogDocument,
  type ResolvedCrd,
} from '../shared/katalog/index.js';
import { LIMITS } from '../shared/limits.js';
import { describeReadFailure, readBounded } from '../shared/fs/read-bounded.js';

export interface LoadedKatalog {
  document?: KatalogDocument;
  crds: ResolvedCrd[];
  issues: Issue[];
}

/** Fetches a CRD file named by URL (the resolver's https source); without it URLs are left out. */
export type RemoteCrdReader = (url: string) => Promise<{ file: string; text: string }>;

/** Reads and checks a Katalog/Komposer file. `document` is set only when there is no error. */
export async function loadKatalogFile(path: string, readRemote?: RemoteCrdReader): Promise<LoadedKatalog> {
  const read = await readTextFile(path);
  if ('issue' in read) return { crds: [], issues: [read.issue] };
  const parsed = parseKatalog(read.text, path);
  if (!parsed.document) return { crds: [], issues: parsed.issues };

  const crdFiles = new Map<string, unknown>();
  for (const entry of Object.values(parsed.document.spec.crds)) {
    const crdFile = entry.crdFile;
    if (crdFile === undefined || crdFiles.has(crdFile)) continue;
    if (isRemoteCrdFile(crdFile)) {
      if (readRemote) crdFiles.set(crdFile, await readRemote(crdFile).then(({ file, text }) => parseCrdText(file, text)));
      continue;
    }
    crdFiles.set(crdFile, await loadCrdFile(isAbsolute(crdFile) ? crdFile : join(dirname(path), crdFile)));
  }
  const resolved = resolveCrds(parsed.document, crdFiles, parsed.locate ? { file: path, locate: parsed.locate } : undefined);
  const issues = sortIssues([...parsed.issues, ...resolved.issues]);
  const failed = issues.some((i) => i.severity !== 'warning');
  return { ...(failed ? {} : { document: parsed.document }), crds: resolved.crds, issues };
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
  if (documents.length !== 1) {
    const message = documents.length === 0 ? 'CRD file is empty' : `a crdFile holds one CustomResourceDefinition; found ${documents.length} documents`;
    return new UnloadableCrdFile([{ file: path, path: '', line: 1, col: 1, message }]);
  }
  const [document] = documents;
  return new LoadedCrdFile(path, document!.value, document!.locate);
}

/** The file as UTF-8 text, reading at most the YAML size limit; only a regular file is read. */
export async function readTextFile(path: string): Promise<{ text: string } | { issue: Issue }> {
  const fail = (message: string): { issue: Issue } => ({ issue: { file: path, path: '', message } });
  const read = await readBounded(path, LIMITS.maxYamlBytes);
  if ('failure' in read) {
    if (read.failure.reason === 'too-large') {
      return fail(`file is larger than ${LIMITS.maxYamlBytes} bytes; a Katalog or CRD file is far smaller — check that this is the right file`);
    }
    return fail(`cannot read the file: ${describeReadFailure(read.failure)}`);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    return fail('not a UTF-8 text file');
  }
}
