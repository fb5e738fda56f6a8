// Several Katalogs in one command, as upstream's `ork run`/`ork template` take them: `-f a.yaml -f
// b.yaml` or `-f a.yaml,b.yaml`. They are read as one in-memory Komposer whose file imports are
// those files, in that order, so they merge exactly as a written Komposer's imports do (same
// checks: one kind served twice, an override of an unknown entry) and land in one bundle. The
// Komposer stands in the working directory: paths are relative to it and confined to its tree as
// any file import is (`--allow-outside-paths` to leave it).
import { parse } from 'yaml';
import { OrkError } from '../shared/errors.js';
import { isUrlInput } from './default-input.js';

/** Where the in-memory Komposer stands, in the working directory (never read from disk). */
export const SEVERAL_FILES_NAME = '<files>';

/** The -f values as one string for inputOrDefault: repeats joined by commas; undefined when none. */
export function joinFileFlags(given: string | readonly string[] | undefined): string | undefined {
  if (given === undefined || typeof given === 'string') return given;
  return given.length === 0 ? undefined : given.join(',');
}

/** The files one -f value names: `a.yaml,b.yaml` split (a URL is never split); one file gives one. */
export function fileList(given: string, command: string): string[] {
  if (isUrlInput(given) || !given.includes(',')) return [given];
  const parts = given.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.includes('-')) throw new OrkError('USAGE', `-f - (stdin) cannot be one of several files; pass those files by path (see 'ork ${command} --help')`);
  return parts;
}

/**
 * The name the merged Katalog takes: the first file's `metadata.name` (`firstText`, when it could be
 * read), so that adding a second -f does not change the Katalog label on the children `ork run`
 * already made; else the first file's name without extension.
 */
export function mergedName(files: readonly string[], firstText: string | undefined): string {
  try {
    const name = (parse(firstText ?? '', { maxAliasCount: 100 }) as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    if (typeof name === 'string' && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) return name;
  } catch {
    // Not YAML: the resolver reports it, naming the file.
  }
  const stem = (files[0] ?? '').split('/').pop()!.replace(/\.(ya?ml|json)$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
  return stem || 'files';
}

/** The in-memory Komposer that imports `files` in order, named `name`. */
export function komposerForFiles(files: readonly string[], name: string): string {
  return `apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata:\n  name: ${JSON.stringify(name)}\nimports:\n  files:\n${files.map((f) => `    - ${JSON.stringify(f)}\n`).join('')}`;
}
