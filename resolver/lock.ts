// The lock file: each import's resolved reference and digest plus the bundle digest, written by
// `ork lock` and compared by `ork resolve --lock`. Any difference is LOCK_MISMATCH naming the
// source and both digests. Pure: reading and writing the file is the command's job.
import { OrkError, type Issue } from '../shared/errors.js';
import type { Resolution } from './resolve.js';

export const LOCK_VERSION = 1;

export interface LockedImport {
  /** The import as declared (credential-free label), the key a lock entry is matched by. */
  source: string;
  /** What it resolved to (for OCI: pinned by manifest digest). */
  ref: string;
  digest: string;
}

export interface LockFile {
  lockVersion: typeof LOCK_VERSION;
  komposer: string;
  imports: LockedImport[];
  bundleDigest: string;
}

/** The lock a resolution and its bundle digest make. */
export function lockOf(resolution: Resolution, bundleDigest: string): LockFile {
  return {
    lockVersion: LOCK_VERSION,
    komposer: resolution.payload.katalog.metadata.name,
    imports: resolution.imports.map(({ source, ref, digest }) => ({ source, ref, digest })),
    bundleDigest,
  };
}

export function lockText(lock: LockFile): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

export function parseLock(text: string, file: string): LockFile {
  const bad = (why: string) => new OrkError('USAGE', `${file} is not an Orkestra lock file: ${why}; recreate it with 'ork lock'`, { source: file });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad('it is not JSON');
  }
  const lock = doc as Partial<LockFile>;
  if (typeof doc !== 'object' || doc === null) throw bad('expected a JSON object');
  if (lock.lockVersion !== LOCK_VERSION) throw bad(`lockVersion must be ${LOCK_VERSION}`);
  if (typeof lock.bundleDigest !== 'string') throw bad('bundleDigest is missing');
  if (!Array.isArray(lock.imports) || lock.imports.some((i) => typeof i?.source !== 'string' || typeof i?.digest !== 'string' || typeof i?.ref !== 'string')) {
    throw bad('imports must be a list of {source, ref, digest}');
  }
  return lock as LockFile;
}

/** Every difference between a lock and what was resolved now, in declaration order. */
export function lockDifferences(lock: LockFile, now: LockFile): Issue[] {
  const issues: Issue[] = [];
  const locked = new Map(lock.imports.map((i) => [i.source, i]));
  const current = new Map(now.imports.map((i) => [i.source, i]));
  for (const imp of now.imports) {
    const was = locked.get(imp.source);
    if (!was) issues.push({ path: imp.source, message: `not in the lock file (resolved ${imp.digest}); run 'ork lock' to accept it` });
    else if (was.digest !== imp.digest) issues.push({ path: imp.source, message: `locked ${was.digest}, resolved ${imp.digest}: the source changed; review it, then run 'ork lock' to accept it` });
  }
  for (const imp of lock.imports) {
    if (!current.has(imp.source)) issues.push({ path: imp.source, message: `locked (${imp.digest}) but no longer imported; run 'ork lock' to accept the removal` });
  }
  if (issues.length === 0 && lock.bundleDigest !== now.bundleDigest) {
    issues.push({ path: 'bundle', message: `locked ${lock.bundleDigest}, resolved ${now.bundleDigest}: the Komposer's own entries or the Orkestra version changed; run 'ork lock' to accept it` });
  }
  return issues;
}

export function assertMatchesLock(lock: LockFile, now: LockFile, file: string): void {
  const issues = lockDifferences(lock, now);
  if (issues.length > 0) {
    throw new OrkError('LOCK_MISMATCH', `the resolved imports differ from ${file}`, { source: file, issues });
  }
}
