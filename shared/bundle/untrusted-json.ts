// Reading JSON from a bundle directory, which is untrusted until verified: strict UTF-8, one
// error code (MALFORMED_BUNDLE) for anything that is not what the format says. Pure.
import { OrkError } from '../errors.js';

/** JSON.parse over strictly decoded UTF-8: a broken byte sequence or a BOM is malformed, not repaired. */
export function parseJsonStrict(bytes: Uint8Array, source: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw malformed(source, 'is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw malformed(source, 'is not valid JSON (truncated or corrupted)');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** MALFORMED_BUNDLE for `source` (a file name, never its content). */
export function malformed(source: string, why: string): OrkError {
  return new OrkError('MALFORMED_BUNDLE', `${why}; rebuild the bundle with the resolver ('ork resolve')`, { source });
}
