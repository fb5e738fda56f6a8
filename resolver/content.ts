// What every source checks about the bytes it fetched: their sha256 digest, an optional `digest:`
// pin given in the import, and that a document is UTF-8 text. Pure: no I/O.
import { createHash } from 'node:crypto';
import { OrkError } from '../shared/errors.js';

/** `sha256:<lower-case hex>` of some bytes. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * The normalised pin (`sha256:<lower-case hex>`), or undefined when none is given.
 * Throws IMPORT_INVALID for anything that is not a sha256 digest.
 */
export function parsePin(pin: string | undefined, label: string): string | undefined {
  if (pin === undefined) return undefined;
  const match = typeof pin === 'string' ? /^sha256:([0-9a-fA-F]{64})$/.exec(pin.trim()) : null;
  if (!match) {
    throw new OrkError('IMPORT_INVALID', 'digest must be sha256:<64 hex digits> (the digest `ork` printed for this import)', {
      source: label,
    });
  }
  return `sha256:${(match[1] ?? '').toLowerCase()}`;
}

/** Throws PIN_MISMATCH naming both digests when a pin is given and the content differs. */
export function verifyPin(pin: string | undefined, actual: string, label: string): void {
  if (pin === undefined || pin === actual) return;
  throw new OrkError(
    'PIN_MISMATCH',
    `content does not match the pinned digest: expected ${pin}, got ${actual}; if the change is intended, update digest: in the import`,
    { source: label },
  );
}

/** The bytes as text; IMPORT_INVALID when they are not valid UTF-8 (a binary file, a wrong URL). */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OrkError('IMPORT_INVALID', 'content is not UTF-8 text; a Katalog or CRD must be a YAML or JSON document', {
      source: label,
    });
  }
}
