// Writes a signed bundle into its directory so that no reader ever finds half of one. Shell: the
// only file of the resolver that writes the bundle. It does not sign or check anything; see
// shared/bundle/sign.ts. The filesystem is a port so tests can make any step fail.
//
// Protocol (bundle.json is the commit marker; no bundle.json means no bundle):
//   1. remove bundle.json, then bundle.sig.json and stale temp files left by a killed earlier run —
//      from here until step 5 the directory holds no bundle, never an old/new mix;
//   2. write both files to `.<name>.<random>.tmp` in the same directory (same filesystem, so
//      rename is atomic), fsync each;
//   3. rename the envelope into place; 4. fsync the directory;
//   5. rename bundle.json into place; 6. fsync the directory.
// A crash before 5 leaves at most a lone bundle.sig.json and temp files: not a bundle (readers
// need bundle.json), cleaned up by the next run. Any error we see removes everything we wrote.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { OrkError } from '../shared/errors.js';
import { BUNDLE_FILE, ENVELOPE_FILE } from '../shared/bundle/layout.js';

/** Readable by the controller container (which may run as another uid); not writable. */
export const BUNDLE_FILE_MODE = 0o644;

/** The filesystem operations the writer needs. */
export interface WriterFs {
  mkdirp(dir: string): Promise<void>;
  list(dir: string): Promise<string[]>;
  /** Creates `path` (must not exist) with `mode`, writes `bytes`, fsyncs, closes. */
  writeNewFileDurably(path: string, bytes: Uint8Array, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes `path`; a missing file is not an error. */
  remove(path: string): Promise<void>;
  syncDir(dir: string): Promise<void>;
}

export const nodeWriterFs: WriterFs = {
  async mkdirp(dir) {
    await mkdir(dir, { recursive: true, mode: 0o755 });
  },
  list: (dir) => readdir(dir),
  async writeNewFileDurably(path, bytes, mode) {
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      await handle.writeFile(bytes);
      // The umask may have narrowed `mode`; the controller must still be able to read the file.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  async remove(path) {
    try {
      await unlink(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  },
  async syncDir(dir) {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

export interface BundleFiles {
  bundleBytes: Uint8Array;
  envelopeBytes: Uint8Array;
}

const TEMP_NAME = /^\.(bundle\.json|bundle\.sig\.json)\.[0-9a-f]+\.tmp$/;

export async function writeBundleAtomically(dir: string, files: BundleFiles, fs: WriterFs = nodeWriterFs): Promise<void> {
  const bundlePath = join(dir, BUNDLE_FILE);
  const envelopePath = join(dir, ENVELOPE_FILE);
  const suffix = randomBytes(8).toString('hex');
  const bundleTemp = join(dir, `.${BUNDLE_FILE}.${suffix}.tmp`);
  const envelopeTemp = join(dir, `.${ENVELOPE_FILE}.${suffix}.tmp`);
  try {
    await fs.mkdirp(dir);
    await fs.remove(bundlePath);
    await fs.remove(envelopePath);
    for (const name of await fs.list(dir)) {
      if (TEMP_NAME.test(name)) await fs.remove(join(dir, name));
    }
    await fs.writeNewFileDurably(envelopeTemp, files.envelopeBytes, BUNDLE_FILE_MODE);
    await fs.writeNewFileDurably(bundleTemp, files.bundleBytes, BUNDLE_FILE_MODE);
    await fs.rename(envelopeTemp, envelopePath);
    await fs.syncDir(dir);
    await fs.rename(bundleTemp, bundlePath);
    await fs.syncDir(dir);
  } catch (e) {
    // Best effort, bundle.json first so that a failure while cleaning still leaves no bundle.
    for (const path of [bundlePath, bundleTemp, envelopeTemp, envelopePath]) {
      await fs.remove(path).catch(() => undefined);
    }
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new OrkError('FILE_WRITE_FAILED', `could not write the bundle into this directory (${reason}); no bundle was left there — check that the directory is writable and has space`, { source: dir, cause: e });
  }
}

/** For callers that want to stat the result: the final paths of a bundle in `dir`. */
export function bundlePaths(dir: string): { bundle: string; envelope: string } {
  return { bundle: join(dir, BUNDLE_FILE), envelope: join(dir, ENVELOPE_FILE) };
}
