// The `file` import source: one Katalog/CRD document read from disk, relative to the declaring
// Komposer's directory. Absolute paths and symlinks out of that directory's tree are refused unless
// the caller allows outside paths; a relative `..` path is read with a note, as upstream reads it. Bounded by LIMITS.maxYamlBytes; optional sha256 pin.
//
// API: fileSource(spec: PathImport): Source
//   The constructor never throws; fetch() throws OrkError with `source` = label.
//   label and ref: `file:<path as written, normalised>` (`file:./base/katalog.yaml`).
import { realpath } from 'node:fs/promises';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import { readBounded, type ReadFailure } from '../../platform/index.js';
import { decodeUtf8, parsePin, sha256Digest, verifyPin } from '../content.js';
import type { FetchedImport, Source, SourceContext } from './source.js';

/** A `files:` import that names a local path (the string form is `{ path }`). */
export interface PathImport {
  path: string;
  /** `sha256:<hex>` the file's bytes must have. */
  digest?: string;
}

export function fileSource(spec: PathImport): Source {
  const shown = normalisePath(String(spec.path));
  const label = `file:${shown}`;
  return {
    label,
    fetch: (context) => readImport(spec, shown, label, context),
  };
}

/** `./dir/file.yaml` for relative paths (so the reference reads as a path), absolute ones as they are. */
export function normalisePath(path: string): string {
  if (path === '') return '';
  const normal = posix.normalize(path);
  if (posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) return normal;
  return normal === '.' ? './' : `./${normal}`;
}

async function readImport(spec: PathImport, shown: string, label: string, context: SourceContext): Promise<FetchedImport> {
  if (typeof spec.path !== 'string' || spec.path === '') {
    throw new OrkError('IMPORT_INVALID', 'a file import needs a path', { source: label });
  }
  const pin = parsePin(spec.digest, label);
  const found = await locate(spec.path, shown, label, context);
  const bytes = await readImportFile(found.target, shown, label);
  const digest = sha256Digest(bytes);
  verifyPin(pin, digest, label);
  const text = decodeUtf8(bytes, label);
  return { ref: label, digest, size: bytes.length, mediaType: 'application/yaml', documents: [{ path: shown, text }], localPath: found.target, ...(found.note ? { notes: [found.note] } : {}) };
}

/**
 * Relative to the Komposer first; a relative path it does not hold is then looked up in the working
 * directory, as upstream reads it (its beginner Komposer names `examples/…` from the repository's
 * root), confined to the working directory's tree the same way, with a note saying so.
 */
async function locate(path: string, shown: string, label: string, context: SourceContext): Promise<{ target: string; note?: string }> {
  try {
    const found = await confinedRealPath(path, shown, label, context, { up: true });
    return found.outside ? { target: found.real, note: outsideNote(shown, context) } : { target: found.real };
  } catch (err) {
    const cwd = context.cwd;
    const missing = err instanceof OrkError && err.code === 'IMPORT_NOT_FOUND';
    if (!missing || cwd === undefined || isAbsolute(path) || resolve(cwd) === resolve(context.baseDir)) throw err;
    let target: string;
    try {
      target = (await confinedRealPath(path, shown, label, { ...context, baseDir: cwd }, { root: 'working directory' })).real;
    } catch (second) {
      if (second instanceof OrkError && second.code === 'IMPORT_NOT_FOUND') throw new OrkError('IMPORT_NOT_FOUND', `${shown} does not exist beside the Komposer nor in the working directory (paths are relative to the Komposer's directory)`, { source: label });
      throw second;
    }
    return { target, note: `${shown} is not beside the Komposer; read from the working directory ${cwd}, as upstream does (write the path relative to the Komposer so it does not depend on where ork runs)` };
  }
}

/** The note for a file read through `..`, naming the directory it lies outside of as it really is. */
function outsideNote(shown: string, context: SourceContext): string {
  if (context.baseDirName === undefined) return `${shown} lies outside the Komposer's directory; read as upstream does (its content is packed into the bundle); keep imports beside the Komposer so it can move`;
  return `${shown} lies outside the ${context.baseDirName} (${resolve(context.baseDir)}), which the -f files are read from; read as upstream does (its content is packed into the bundle)`;
}

/**
 * The file's real path. An absolute path outside baseDir's tree, and a symbolic link inside it that
 * leads out, are refused unless the context allows outside paths. With `up`, a relative path
 * through `..` to a YAML file is read as upstream reads it (its registry guide imports `../`
 * files), and said to be outside; any other file out there is refused.
 */
async function confinedRealPath(path: string, shown: string, label: string, context: SourceContext, how: { root?: string; up?: boolean } = {}): Promise<{ real: string; outside: boolean }> {
  const root = how.root ?? context.baseDirName ?? "Komposer's directory";
  const confine = !context.allowOutsidePaths;
  const outside = (how: string): OrkError =>
    new OrkError(
      'IMPORT_INVALID',
      `${shown} ${how} the ${root}; imports must stay inside it (or allow outside paths explicitly)`,
      { source: label },
    );
  if (confine && isAbsolute(path)) throw outside('is an absolute path, outside');
  const base = resolve(context.baseDir);
  const lexical = resolve(base, path);
  const outsideAsWritten = confine && !isInside(base, lexical);
  if (outsideAsWritten && !how.up) throw outside('leads outside');
  if (outsideAsWritten && !YAML_FILE.test(path)) {
    throw new OrkError('IMPORT_INVALID', `${shown} leads outside the ${root} to a file that is not .yaml or .yml; only YAML files may be named through .. (or allow outside paths explicitly)`, { source: label });
  }
  let realBase: string;
  let real: string;
  try {
    realBase = await realpath(base);
  } catch (err) {
    throw new OrkError('FILE_UNREADABLE', `the Komposer's directory cannot be read (${errCode(err)})`, { source: label, cause: err });
  }
  try {
    real = await realpath(lexical);
  } catch (err) {
    throw fsError(err, shown, label);
  }
  if (confine && !outsideAsWritten && !isInside(realBase, real)) throw outside('is a symbolic link that leads outside');
  return { real, outside: outsideAsWritten };
}

const YAML_FILE = /\.ya?ml$/i;

async function readImportFile(path: string, shown: string, label: string): Promise<Buffer> {
  // The path is already resolved; noFollow refuses a symlink swapped in since.
  const read = await readBounded(path, LIMITS.maxYamlBytes, { noFollow: true });
  if ('failure' in read) throw readFailure(read.failure, shown, label);
  return read.bytes;
}

function readFailure(failure: ReadFailure, shown: string, label: string): OrkError {
  switch (failure.reason) {
    case 'too-large':
      return tooLarge(shown, label, failure.max);
    case 'missing':
      return new OrkError('IMPORT_NOT_FOUND', `${shown} does not exist (paths are relative to the Komposer's directory)`, { source: label });
    case 'directory':
      return new OrkError('IMPORT_INVALID', `${shown} is a directory, not a file`, { source: label });
    case 'not-regular':
      return new OrkError('IMPORT_INVALID', `${shown} is not a regular file (a pipe, socket or device); import a regular file`, { source: label });
    default:
      return new OrkError('FILE_UNREADABLE', `${shown} cannot be read (${failure.errno ?? failure.reason})`, { source: label });
  }
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function tooLarge(shown: string, label: string, limit: number): OrkError {
  return new OrkError('IMPORT_TOO_LARGE', `${shown} is larger than the limit of ${limit} bytes for one YAML file`, { source: label });
}

function fsError(err: unknown, shown: string, label: string): OrkError {
  const code = errCode(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new OrkError('IMPORT_NOT_FOUND', `${shown} does not exist (paths are relative to the Komposer's directory)`, {
      source: label,
      cause: err,
    });
  }
  if (code === 'EISDIR') return new OrkError('IMPORT_INVALID', `${shown} is a directory, not a file`, { source: label });
  return new OrkError('FILE_UNREADABLE', `${shown} cannot be read (${code ?? 'unknown error'})`, { source: label, cause: err });
}

function errCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
