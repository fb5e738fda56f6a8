// Shell: reads a bundle directory's two files and PEM key files, each with a size bound, and turns
// fs failures into OrkErrors that name the path (never the content). Checks nothing else: that is
// shared/bundle/verify.ts and keys.ts.
import { join } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import { readBounded, type ReadFailure } from '../../platform/index.js';
import { BUNDLE_FILE, ENVELOPE_FILE, MAX_BUNDLE_BYTES, MAX_ENVELOPE_BYTES, MAX_KEY_FILE_BYTES } from '../../shared/bundle/layout.js';

export interface BundleDirFiles {
  bundleBytes: Buffer;
  envelopeBytes: Buffer;
}

export async function readBundleDir(dir: string): Promise<BundleDirFiles> {
  const tooLarge = (path: string, max: number) =>
    new OrkError('MALFORMED_BUNDLE', `is larger than ${max} bytes; this is not a bundle the resolver wrote`, { source: path });
  const bundleBytes = await readFileOrThrow(join(dir, BUNDLE_FILE), MAX_BUNDLE_BYTES, tooLarge);
  const envelopeBytes = await readFileOrThrow(join(dir, ENVELOPE_FILE), MAX_ENVELOPE_BYTES, tooLarge);
  return { bundleBytes, envelopeBytes };
}

/** A PEM key file's text. */
export async function readKeyFile(path: string): Promise<string> {
  const bytes = await readFileOrThrow(path, MAX_KEY_FILE_BYTES, (p, max) =>
    new OrkError('KEY_INVALID', `key file is larger than ${max} bytes; it is not a PEM key`, { source: p }));
  return bytes.toString('utf8');
}

/** A regular file of at most `max` bytes (platform/read-bounded.ts), or an OrkError naming the path. */
export async function readFileOrThrow(path: string, max: number, tooLarge: (path: string, max: number) => OrkError): Promise<Buffer> {
  const read = await readBounded(path, max);
  if ('bytes' in read) return read.bytes;
  const { failure } = read;
  if (failure.reason === 'too-large') throw tooLarge(path, max);
  if (failure.reason === 'directory' || failure.reason === 'not-regular') throw new OrkError('FILE_UNREADABLE', 'is not a regular file', { source: path });
  throw unreadable(path, failure);
}

function unreadable(path: string, failure: ReadFailure): OrkError {
  const hint = failure.reason === 'missing' ? 'it does not exist' : failure.reason === 'denied' ? 'permission denied' : ('errno' in failure && failure.errno) || 'read failed';
  return new OrkError('FILE_UNREADABLE', `cannot read this file (${hint}); check the path`, { source: path });
}
