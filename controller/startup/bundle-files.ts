// Shell: reads a bundle directory's two files and PEM key files, each with a size bound, and turns
// fs failures into OrkErrors that name the path (never the content). Checks nothing else: that is
// shared/bundle/verify.ts and keys.ts.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import { BUNDLE_FILE, ENVELOPE_FILE, MAX_BUNDLE_BYTES, MAX_ENVELOPE_BYTES, MAX_KEY_FILE_BYTES } from '../../shared/bundle/layout.js';

export interface BundleDirFiles {
  bundleBytes: Buffer;
  envelopeBytes: Buffer;
}

export async function readBundleDir(dir: string): Promise<BundleDirFiles> {
  const tooLarge = (path: string, max: number) =>
    new OrkError('MALFORMED_BUNDLE', `is larger than ${max} bytes; this is not a bundle the resolver wrote`, { source: path });
  const bundleBytes = await readBounded(join(dir, BUNDLE_FILE), MAX_BUNDLE_BYTES, tooLarge);
  const envelopeBytes = await readBounded(join(dir, ENVELOPE_FILE), MAX_ENVELOPE_BYTES, tooLarge);
  return { bundleBytes, envelopeBytes };
}

/** A PEM key file's text. */
export async function readKeyFile(path: string): Promise<string> {
  const bytes = await readBounded(path, MAX_KEY_FILE_BYTES, (p, max) =>
    new OrkError('KEY_INVALID', `key file is larger than ${max} bytes; it is not a PEM key`, { source: p }));
  return bytes.toString('utf8');
}

/** Reads a regular file of at most `max` bytes; larger, or growing while read, is refused. */
export async function readBounded(path: string, max: number, tooLarge: (path: string, max: number) => OrkError): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new OrkError('FILE_UNREADABLE', 'is not a regular file', { source: path });
    if (stat.size > max) throw tooLarge(path, max);
    // One byte of room past the stated size reveals a file that grew while we read it.
    const buffer = Buffer.alloc(stat.size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > stat.size) {
      throw new OrkError('FILE_UNREADABLE', 'changed while it was read; retry once nothing writes to it', { source: path });
    }
    return buffer.subarray(0, filled);
  } catch (e) {
    if (e instanceof OrkError) throw e;
    throw unreadable(path, e);
  } finally {
    await handle.close();
  }
}

function unreadable(path: string, e: unknown): OrkError {
  const code = (e as NodeJS.ErrnoException).code;
  const hint = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : (code ?? 'read failed');
  return new OrkError('FILE_UNREADABLE', `cannot read this file (${hint}); check the path`, { source: path, cause: e });
}
