// Reading the files one -f list names (several-files.ts says what is done with them): each local
// file once, bounded and regular files only, so that a missing file, a directory, a Komposer or
// Motif among them, or one entry name in two of them is one line naming that file before anything
// is resolved or fetched. URLs are left to the resolver, which fetches them once.
import { dirname, resolve } from 'node:path';
import { OrkError } from '../shared/errors.js';
import { LIMITS } from '../shared/limits.js';
import { readBounded } from '../platform/index.js';
import { utf8Text } from '../resolver/index.js';
import type { CliIO } from './io.js';
import type { InputFile } from './input.js';
import { isUrlInput } from './default-input.js';
import { issueNamer, type NamedFile } from './several-files-issues.js';
import { firstDocument, importPath, komposerForFiles, listedKomposer, listProblems, type ListedFile, mergedName, mergedSecurity, SEVERAL_FILES_NAME, uniqueFiles } from './several-files.js';

export async function readListed(files: readonly string[], cwd: string): Promise<ListedFile[]> {
  return Promise.all(
    files.map(async (file): Promise<ListedFile> => {
      if (isUrlInput(file)) return { file, url: true };
      const read = await readBounded(resolve(cwd, file), LIMITS.maxYamlBytes);
      if ('failure' in read) return { file, failure: read.failure };
      const text = utf8Text(read.bytes);
      return text === undefined ? { file, notUtf8: true } : { file, text };
    }),
  );
}


/**
 * The input for several files: the in-memory Komposer importing them; a Komposer among them with
 * the others as extra imports (read from its own directory); or the one file when they name one.
 */
export async function severalFilesInput(files: readonly string[], io: CliIO): Promise<InputFile> {
  const given = files.join(',');
  const unique = uniqueFiles(files, io.cwd);
  const listed = await readListed(unique, io.cwd);
  const problems = listProblems(listed, given);
  if (problems.length > 0) {
    throw new OrkError('KATALOG_INVALID', `the files of -f ${given} cannot be merged`, { source: given, issues: problems });
  }
  if (unique.length === 1) return { path: resolve(io.cwd, unique[0]!), label: unique[0]! };
  const komposer = listedKomposer(listed);
  if (komposer !== undefined) {
    // As upstream: the Komposer resolved from its own directory, the other files merged beside its imports.
    const path = resolve(io.cwd, komposer);
    const own = listed.find((l) => l.file === komposer)!;
    const ownText = 'text' in own ? own.text : undefined;
    const ownImports = ownFileImports(ownText);
    // A file the Komposer imports itself is read once, as upstream's merger takes one path twice.
    const imported = new Set(ownImports.map((p) => resolve(dirname(path), p)));
    const others = listed.filter((l) => l.file !== komposer && (isUrlInput(l.file) || !imported.has(resolve(io.cwd, l.file))));
    const extraFiles = others.map((l) => importPath(isUrlInput(l.file) ? l.file : resolve(io.cwd, l.file), dirname(path)));
    const nameIssue = issueNamer({ list: given, komposerPath: path, cwd: io.cwd, files: named(others, extraFiles), komposer: { file: komposer, path, ownImports: ownImports.length, ...(ownText === undefined ? {} : { text: ownText }) } });
    return { path, label: given, komposerPath: path, extraFiles, nameIssue };
  }
  const texts = listed.map((l) => ('text' in l ? l.text : undefined));
  const path = resolve(io.cwd, SEVERAL_FILES_NAME);
  const imports = unique.map((f) => importPath(f, io.cwd));
  const text = komposerForFiles(imports, mergedName(unique, texts[0]), mergedSecurity(texts));
  // The in-memory Komposer stands in the working directory: a file through .. lies outside that.
  return { path, label: given, text, komposerPath: path, baseDirName: 'working directory', nameIssue: issueNamer({ list: given, komposerPath: path, cwd: io.cwd, files: named(listed, imports) }) };
}

/** A written Komposer's `imports.files`, each as its path (the string form, or `{path}`). */
function ownFileImports(text: string | undefined): string[] {
  const files = (firstDocument(text ?? '')?.imports as { files?: unknown } | undefined)?.files;
  if (!Array.isArray(files)) return [];
  return files.map((f) => (typeof f === 'string' ? f : String((f as { path?: unknown } | null)?.path ?? '')));
}

function named(listed: readonly ListedFile[], imports: readonly string[]): NamedFile[] {
  return listed.map((l, i) => ({ file: l.file, importPath: imports[i]!, ...('text' in l ? { text: l.text } : {}) }));
}
