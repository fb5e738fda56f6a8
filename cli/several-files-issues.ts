// The resolver's issues about several -f files, named after those files as the user wrote them.
// The files are imports of an in-memory Komposer (several-files.ts), so the resolver names them by
// import label (`file:./deep.yaml`, relative to that Komposer's directory) and reports a merge-level
// problem (one entry in two files, one kind twice, a dependsOn no file declares) with no file at
// all, or at the Komposer's `imports.files[i]`. Here each becomes the listed file: `deep.yaml:1:65`,
// `c.yaml:7:5: spec.crds.pen.apiTypes: …` (the line of the entry in that file, where it is written
// there), a listed file's label in the message its name too. Pure: the texts were read already.
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Issue } from '../shared/errors.js';
import { parseYaml } from '../shared/katalog/index.js';
import { normalisePath } from '../resolver/index.js';

/** One listed file: as the user wrote it, as the in-memory Komposer imports it, and its text when read. */
export interface NamedFile {
  file: string;
  importPath: string;
  text?: string;
}

/** What an issue is named after: a listed file as the user wrote it, and its text when read. */
type Named = { file: string; text?: string };

export interface IssueNaming {
  /** The -f value as messages name the whole list (the in-memory Komposer's file). */
  list: string;
  /** Where the resolver's Komposer stands: import labels are relative to its directory. */
  komposerPath: string;
  /** The files it imports from the command line, in `imports.files` order (after a written Komposer's own). */
  files: readonly NamedFile[];
  /** A written Komposer among the files (it stands at komposerPath): how many imports.files of its own come first. */
  komposer?: { file: string; path: string; ownImports: number; text?: string };
  cwd: string;
}

/** The function that names one issue; issues about nothing listed are left as they are. */
export function issueNamer(naming: IssueNaming): (issue: Issue) => Issue {
  const byLabel = new Map<string, Named>();
  for (const f of naming.files) byLabel.set(`file:${normalisePath(f.importPath)}`, f);
  if (naming.komposer) {
    byLabel.set(`komposer:${naming.komposer.path}`, naming.komposer);
    byLabel.set(naming.komposer.path, naming.komposer);
  }
  return (issue) => {
    const { sources, ...rest } = issue;
    const message = renamed(rest.message, byLabel, naming);
    if (rest.file === undefined) return atSource({ ...rest, message }, sources ?? [], byLabel, naming);
    const index = importIndex(rest, naming);
    if (index !== undefined) return { ...rest, file: naming.files[index]!.file, path: '', message: withoutPath(message, naming.files[index]!.importPath) };
    const listed = byLabel.get(rest.file);
    if (listed) return { ...rest, file: listed.file, message };
    return { ...rest, file: shownLabel(rest.file, naming), message };
  };
}

/**
 * A merge-level issue at the first listed file among its sources, with the entry's line there when
 * it is written there; else at the first local file among them (a written Komposer's own import).
 */
function atSource(issue: Issue, sources: readonly string[], byLabel: ReadonlyMap<string, Named>, naming: IssueNaming): Issue {
  const listed = sources.map((s) => byLabel.get(s)).find((f) => f !== undefined);
  if (listed) return { ...issue, file: listed.file, ...position(listed.text, issue.path) };
  const local = sources.find((s) => /^file:\.{0,2}\//.test(s));
  return local === undefined ? issue : { ...issue, file: shownLabel(local, naming) };
}

/** Where `path` (`spec.crds.NAME…`) is written in `text`, when the entry NAME is written there. */
function position(text: string | undefined, path: string): { line?: number; col?: number } {
  const segments = path.split('.');
  if (text === undefined || segments[0] !== 'spec' || segments[1] !== 'crds' || segments[2] === undefined) return {};
  const doc = parseYaml(text, '').documents[0];
  const crds = ((doc?.value as { spec?: { crds?: unknown } } | undefined)?.spec?.crds ?? {}) as Record<string, unknown>;
  if (!doc || typeof crds !== 'object' || !Object.hasOwn(crds, segments[2])) return {};
  const { line, col } = doc.locate(segments, 'key');
  return { line, col };
}

/** The in-memory Komposer's `imports.files[i]`, when it is one of the listed files (a warning about reading it). */
function importIndex(issue: Issue, naming: IssueNaming): number | undefined {
  if (![naming.list, naming.komposerPath].includes(issue.file ?? '')) return undefined;
  const at = /^imports\.files\[(\d+)\]$/.exec(issue.path);
  if (!at) return undefined;
  const index = Number(at[1]) - (naming.komposer?.ownImports ?? 0);
  return index >= 0 && index < naming.files.length ? index : undefined;
}

/** A message about reading one file, which starts with its path: the issue names the file already. */
function withoutPath(message: string, importPath: string): string {
  const shown = `${normalisePath(importPath)} `;
  return message.startsWith(shown) ? message.slice(shown.length) : message;
}

/** Another import label of a local file (a written Komposer's own import, a crdFile beside a file): its path from the working directory. */
function shownLabel(file: string, naming: IssueNaming): string {
  if (!file.startsWith('file:') || isAbsolute(file.slice(5))) return file;
  const [path, rest] = splitFragment(file.slice(5));
  return `${relative(naming.cwd, resolve(dirname(naming.komposerPath), path)) || '.'}${rest}`;
}

function splitFragment(path: string): [string, string] {
  const hash = path.indexOf('#');
  return hash < 0 ? [path, ''] : [path.slice(0, hash), path.slice(hash)];
}

/** The listed files' import labels in a message as the user named those files, other local files' from the working directory. */
function renamed(message: string, byLabel: ReadonlyMap<string, Named>, naming: IssueNaming): string {
  return message.replace(/\b(?:file:\.{0,2}\/|komposer:)[^\s),;]+/g, (label) => byLabel.get(label)?.file ?? (label.startsWith('file:') ? shownLabel(label, naming) : label));
}
