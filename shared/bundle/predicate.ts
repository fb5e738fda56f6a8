// The Orkestra predicate of the signed in-toto statement: the format version, who resolved the
// bundle, and what binds it to one deployment and time (the configuration checksum and the issue
// time, against replay; see binding.ts). Building it and reading it back strictly. Pure.
import { OrkError } from '../errors.js';
import { isConfigChecksum, isIssuedAt } from './binding.js';
import { BUNDLE_SCHEMA_VERSION, RESOLVER_NAME } from './payload.js';
import { isRecord, malformed } from './untrusted-json.js';

/** Signed with the subject digest; bundle.json stays the source of truth for what runs. */
export interface BundlePredicate {
  schemaVersion: number;
  resolver: { name: string; version: string };
  importCount: number;
  /** The configuration the bundle was resolved for (the chart's checksum/komposer); absent: bound to none. */
  configChecksum?: string;
  /** When the resolver signed it, `YYYY-MM-DDTHH:MM:SSZ` (UTC); absent in bundles of earlier resolvers. */
  issuedAt?: string;
}

const KEYS = ['schemaVersion', 'resolver', 'importCount', 'configChecksum', 'issuedAt'];

/** Checks what the signer is about to sign; INTERNAL on a bug, CONFIG_CHECKSUM_INVALID on a bad value. */
export function buildPredicate(predicate: BundlePredicate): BundlePredicate {
  if (predicate.configChecksum !== undefined && !isConfigChecksum(predicate.configChecksum)) {
    throw new OrkError('CONFIG_CHECKSUM_INVALID', 'the configuration checksum to sign must be 1 to 128 characters of letters, digits and . _ : + - (the chart passes checksum/komposer, 64 hex digits)');
  }
  if (predicate.issuedAt !== undefined && !isIssuedAt(predicate.issuedAt)) throw new OrkError('INTERNAL', 'issuedAt must be YYYY-MM-DDTHH:MM:SSZ');
  return predicate;
}

/**
 * The predicate of a verified statement, or MALFORMED_BUNDLE naming the field. Strict like the
 * payload: an unknown field is refused, so a binding added later is never silently ignored.
 */
export function parsePredicate(value: unknown, source: string): BundlePredicate {
  if (!isRecord(value)) throw malformed(source, 'statement predicate must be an object');
  const unknown = Object.keys(value).find((k) => !KEYS.includes(k));
  if (unknown !== undefined) throw malformed(source, `statement predicate has an unknown field ${JSON.stringify(unknown.slice(0, 64))} (this Orkestra reads ${KEYS.join(', ')}); use matching resolver and controller versions`);
  const { schemaVersion, resolver, importCount, configChecksum, issuedAt } = value;
  if (schemaVersion !== BUNDLE_SCHEMA_VERSION) {
    throw malformed(source, typeof schemaVersion === 'number'
      ? `statement predicate.schemaVersion ${schemaVersion} is not supported (this Orkestra reads ${BUNDLE_SCHEMA_VERSION}); use matching resolver and controller versions`
      : `statement predicate.schemaVersion must be ${BUNDLE_SCHEMA_VERSION}`);
  }
  if (!isRecord(resolver) || resolver.name !== RESOLVER_NAME || typeof resolver.version !== 'string' || resolver.version === '') {
    throw malformed(source, `statement predicate.resolver must be {name: "${RESOLVER_NAME}", version: "<non-empty>"}`);
  }
  if (typeof importCount !== 'number' || !Number.isSafeInteger(importCount) || importCount < 0) throw malformed(source, 'statement predicate.importCount must be a non-negative integer');
  if (configChecksum !== undefined && (typeof configChecksum !== 'string' || !isConfigChecksum(configChecksum))) {
    throw malformed(source, 'statement predicate.configChecksum must be 1 to 128 characters of letters, digits and . _ : + -');
  }
  if (issuedAt !== undefined && (typeof issuedAt !== 'string' || !isIssuedAt(issuedAt))) throw malformed(source, 'statement predicate.issuedAt must be a UTC time YYYY-MM-DDTHH:MM:SSZ');
  return {
    schemaVersion,
    resolver: { name: resolver.name, version: resolver.version },
    importCount,
    ...(configChecksum !== undefined ? { configChecksum: configChecksum as string } : {}),
    ...(issuedAt !== undefined ? { issuedAt: issuedAt as string } : {}),
  };
}
