// Content digests in the OCI form `sha256:<64 lowercase hex>`: computing one over bytes and
// reading one a person or a file supplied. Pure (hashing is computation, not I/O).
import { createHash } from 'node:crypto';
import { OrkError } from '../errors.js';

const DIGEST_FORM = /^sha256:([0-9a-f]{64})$/;

/** Lowercase hex SHA-256 of `bytes` (the in-toto `digest.sha256` form). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `sha256:<hex>` of `bytes`. */
export function digestOf(bytes: Uint8Array): string {
  return `sha256:${sha256Hex(bytes)}`;
}

export function isDigest(text: unknown): text is string {
  return typeof text === 'string' && DIGEST_FORM.test(text);
}

/**
 * A `sha256:<64 hex>` digest, validated and trimmed of surrounding whitespace. `what` names where the text came from, for the
 * message (`--expected-digest`, `bundle.expectedDigest`).
 */
export function parseDigest(text: string, what: string): string {
  const match = DIGEST_FORM.exec(text.trim());
  if (!match) {
    const hint = /^sha256:[0-9A-Fa-f]{64}$/.test(text.trim()) ? ' (hex digits must be lowercase)' : '';
    throw new OrkError('DIGEST_INVALID', `${what} must be a digest of the form sha256:<64 hex digits>${hint}; copy it from 'ork verify' or 'ork lock' output`);
  }
  return `sha256:${match[1]}`;
}
