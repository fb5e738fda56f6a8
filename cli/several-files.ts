// Several Katalogs in one command, as upstream's `ork run`/`ork template`/`ork validate` take them:
// `-f a.yaml -f b.yaml` or `-f a.yaml,b.yaml`. They are read as one in-memory Komposer whose file
// imports are those files, in that order, so they merge as a written Komposer's imports do (each
// file's relative crdFile, include, Motif, setup and crFiles paths against its own directory, as
// upstream's merger resolves them) and land in one bundle. The Komposer stands in the working
// directory; it is never written to disk. A written Komposer among the files is resolved from its
// own directory instead, the other files imported after its own (several-files-input.ts).
//
// Pure: splitting the -f values, checking the listed files once read (several-files-input.ts reads
// them), and the Komposer's text. What upstream does, and where this differs: docs/katalog-compat.md.
import { isAbsolute, relative, resolve } from 'node:path';
import { OrkError, type Issue } from '../shared/errors.js';
import { readableValue } from '../shared/katalog/index.js';
import { describeReadFailure, type ReadFailure } from '../platform/index.js';
import { isUrlInput } from './default-input.js';

/** Where the in-memory Komposer stands, in the working directory (never read from disk). */
export const SEVERAL_FILES_NAME = '<files>';

/** The -f values as one string for inputOrDefault: repeats joined by commas; undefined when none. */
export function joinFileFlags(given: string | readonly string[] | undefined): string | undefined {
  if (given === undefined || typeof given === 'string') return given;
  return given.length === 0 ? undefined : given.join(',');
}

/**
 * The files one -f value names: `a.yaml,b.yaml` split on every comma and trimmed, as upstream's
 * parseFilePaths splits every -f value (a URL too: a comma inside a URL is written `%2C`, else
 * `-f https://host/a.yaml,b.yaml` could not name two files); one file gives one. An empty item
 * (`a.yaml,,b.yaml`, a trailing comma) is refused: upstream skips it, but it is most often a file
 * left out by an unset shell variable (`-f "$BASE,$EXTRA"`).
 */
export function fileList(given: string, command: string): string[] {
  if (!given.includes(',')) return [given];
  const parts = given.split(',').map((p) => p.trim());
  const empty = parts.indexOf('');
  if (empty >= 0) {
    throw new OrkError('USAGE', `-f ${given}: item ${empty + 1} of ${parts.length} is empty; separate the files with single commas and no trailing comma (see 'ork ${command} --help')`);
  }
  if (parts.includes('-')) throw new OrkError('USAGE', `-f - (stdin) cannot be one of several files; pass those files by path (see 'ork ${command} --help')`);
  return parts;
}

/** The files with a file named twice (the same path, however written) kept once, at its first place, as upstream's merger tolerates it. */
export function uniqueFiles(files: readonly string[], cwd: string): string[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    const key = isUrlInput(file) ? file : resolve(cwd, file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A listed file as read: a URL (fetched later by the resolver), its text, or why it cannot be read. */
export type ListedFile = { file: string } & ({ url: true } | { text: string } | { failure: ReadFailure } | { notUtf8: true });

/**
 * The first YAML document of a file, when the file reads without error, through the Katalog
 * loader's own guarded reader (size, nesting and alias limits); its problems are the loader's to
 * report, with line and column.
 */
export function firstDocument(text: string): Record<string, unknown> | undefined {
  const value = readableValue(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function readProblem(listed: ListedFile): string | undefined {
  if ('notUtf8' in listed) return 'not a UTF-8 text file';
  if (!('failure' in listed)) return undefined;
  return describeReadFailure(listed.failure);
}

/**
 * What to do about an unreadable listed file, where there is more to say than what is wrong: a
 * missing item right after a URL is most often the rest of that URL, cut at a comma.
 */
function readHint(listed: ListedFile, before: ListedFile | undefined): string {
  if ('failure' in listed && listed.failure.reason === 'directory') return `; -f lists Katalog files, for example ${listed.file.replace(/\/+$/, '')}/katalog.yaml`;
  if ('failure' in listed && listed.failure.reason === 'missing' && before !== undefined && 'url' in before) return `; -f splits at every comma, as upstream: if this is the rest of ${before.file}, write its comma as %2C`;
  return '';
}

function kindProblem(kind: unknown, file: string, komposer: string | undefined): string | undefined {
  if (kind === 'Komposer' && komposer !== undefined) {
    return `a second Komposer among the -f files (the first is ${komposer}): one Komposer is resolved into one bundle; import this one's Katalogs from ${komposer}, or give each alone`;
  }
  if (kind === 'Motif') return `a Motif cannot be one of several -f files (upstream takes only Katalogs and Komposers there); import it from an entry (imports: [{motif: ./${file}}])`;
  return undefined;
}

/**
 * One line per problem that stops the listed files from merging, each naming its file: one that
 * cannot be read, a second Komposer or a Motif among them, and an entry name declared by two of
 * them (an error upstream too: "duplicate CRD … names must be unique across all imports"; a
 * Komposer's own entries count, its imports' are checked by the merge, as are entries that
 * includes or Motifs add).
 */
export function listProblems(listed: readonly ListedFile[], given: string): Issue[] {
  const issues: Issue[] = [];
  const declaredIn = new Map<string, string>();
  let komposer: string | undefined;
  for (const [index, entry] of listed.entries()) {
    const unreadable = readProblem(entry);
    if (unreadable) {
      issues.push({ file: entry.file, path: '', message: `${unreadable} (listed in -f ${given})${readHint(entry, listed[index - 1])}` });
      continue;
    }
    if (!('text' in entry)) continue;
    const doc = firstDocument(entry.text);
    const wrongKind = kindProblem(doc?.kind, entry.file, komposer);
    if (wrongKind) {
      issues.push({ file: entry.file, path: 'kind', message: wrongKind });
      continue;
    }
    if (doc?.kind === 'Komposer') komposer = entry.file;
    for (const name of entryNames(doc)) {
      const first = declaredIn.get(name);
      if (first === undefined) declaredIn.set(name, entry.file);
      else issues.push({ file: entry.file, path: `spec.crds.${name}`, message: `also declared in ${first}; an entry name must be unique across the -f files (as upstream): rename it or remove it from one file` });
    }
  }
  return issues;
}

function entryNames(doc: Record<string, unknown> | undefined): string[] {
  if (doc?.kind !== 'Katalog' && doc?.kind !== 'Komposer') return [];
  const crds = (doc.spec as { crds?: unknown } | undefined)?.crds;
  return crds !== null && typeof crds === 'object' && !Array.isArray(crds) ? Object.keys(crds) : [];
}

/**
 * The `security` the merged Katalog carries: each file's block laid over the earlier ones key by
 * key (a later file's `deletionProtection` replaces an earlier one's; a key only one file gives is
 * kept). Upstream keeps the last file's block whole, so an earlier file's protection is dropped
 * whenever the last file says nothing; undefined when no file has one.
 */
export function mergedSecurity(texts: readonly (string | undefined)[]): Record<string, unknown> | undefined {
  let merged: Record<string, unknown> | undefined;
  for (const text of texts) {
    const security = text === undefined ? undefined : firstDocument(text)?.security;
    if (security === null || typeof security !== 'object' || Array.isArray(security)) continue;
    merged = { ...merged, ...(security as Record<string, unknown>) };
  }
  return merged;
}

/**
 * The name the merged Katalog takes: the first file's `metadata.name` (`firstText`, when it could be
 * read), so that adding a second -f does not change the Katalog label on the children `ork run`
 * already made (upstream takes the last file's metadata); else the first file's name without extension.
 */
export function mergedName(files: readonly string[], firstText: string | undefined): string {
  // Not YAML, or no usable name: the stem below (the resolver reports a file it cannot read).
  const name = (firstDocument(firstText ?? '')?.metadata as { name?: unknown } | undefined)?.name;
  if (typeof name === 'string' && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) return name;
  const stem = (files[0] ?? '').split('/').pop()!.replace(/\.(ya?ml|json)$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
  return stem || 'files';
}

/** The one Komposer among the listed files, when there is one (listProblems refuses a second). */
export function listedKomposer(listed: readonly ListedFile[]): string | undefined {
  return listed.find((l) => 'text' in l && firstDocument(l.text)?.kind === 'Komposer')?.file;
}

/** A listed path as the in-memory Komposer (in `cwd`) imports it: absolute paths made relative, so they are read as any path through `..` is. */
export function importPath(file: string, cwd: string): string {
  if (isUrlInput(file) || !isAbsolute(file)) return file;
  return relative(cwd, file) || '.';
}

/** The in-memory Komposer that imports `files` in order, named `name`, with the merged `security`. */
export function komposerForFiles(files: readonly string[], name: string, security?: Record<string, unknown>): string {
  const securityLine = security === undefined ? '' : `security: ${JSON.stringify(security)}\n`;
  return `apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata:\n  name: ${JSON.stringify(name)}\n${securityLine}imports:\n  files:\n${files.map((f) => `    - ${JSON.stringify(f)}\n`).join('')}`;
}
