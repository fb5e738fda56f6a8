// What ties a validly signed bundle to one deployment and one time, so that an older bundle signed
// with the same key cannot be replayed: the configuration checksum (the chart's checksum/komposer,
// signed into the statement; a pod accepts only a bundle resolved for its own configuration) and
// the issue time (a reader may refuse a bundle older than a maximum age). Pure: the caller passes
// the clock. docs/security.md says what each covers and what it does not.
import { OrkError } from '../errors.js';

/** The binding a signed statement carries; both parts are absent in bundles of earlier resolvers. */
export interface BundleBinding {
  configChecksum?: string | undefined;
  issuedAt?: string | undefined;
}

/** What a reader requires of a bundle's binding. */
export interface BindingExpectation {
  /** The checksum of the reader's own configuration; the bundle must carry exactly this one. */
  configChecksum?: string | undefined;
  /** Refuse a bundle issued longer ago than this (milliseconds); needs `now`. */
  maxAgeMs?: number | undefined;
  now?: Date | undefined;
}

const CONFIG_CHECKSUM = /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}$/;
const ISSUED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** Clocks of two nodes disagree a little; a bundle from further in the future than this is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function isConfigChecksum(value: string): boolean {
  return CONFIG_CHECKSUM.test(value);
}

/** `YYYY-MM-DDTHH:MM:SSZ` that is a real instant (no 25:00, no February 30). */
export function isIssuedAt(value: string): boolean {
  return ISSUED_AT.test(value) && !Number.isNaN(Date.parse(value)) && formatIssuedAt(new Date(Date.parse(value))) === value;
}

/** The signed form of an issue time: UTC, whole seconds. */
export function formatIssuedAt(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * A configuration checksum given on a command line (`--config-checksum`), trimmed; the flag's name
 * goes into the message. CONFIG_CHECKSUM_INVALID when empty or not a checksum.
 */
export function parseConfigChecksum(value: string, flag: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new OrkError('CONFIG_CHECKSUM_INVALID', `${flag} needs a value: the checksum of the configuration this pod runs (the chart passes its checksum/komposer annotation)`);
  if (!isConfigChecksum(trimmed)) {
    throw new OrkError('CONFIG_CHECKSUM_INVALID', `${flag} must be 1 to 128 characters of letters, digits and . _ : + - (such as the 64 hex digits of the chart's checksum/komposer), got ${trimmed.length} characters that are not`);
  }
  return trimmed;
}

/**
 * Throws CONFIG_CHECKSUM_MISMATCH when the bundle was resolved for another configuration (or for
 * none, while one is required), BUNDLE_EXPIRED when it is older than the maximum age, carries no
 * issue time while an age is required, or claims to come from the future.
 */
export function checkBinding(binding: BundleBinding, expected: BindingExpectation, source: string): void {
  const want = expected.configChecksum;
  if (want !== undefined && binding.configChecksum !== want) {
    const has = binding.configChecksum === undefined ? 'is bound to no configuration (signed by an earlier resolver, or without --config-checksum)' : `was resolved for configuration ${binding.configChecksum}`;
    throw new OrkError('CONFIG_CHECKSUM_MISMATCH', `the bundle ${has}, but this pod runs configuration ${want}: an older or foreign bundle, validly signed, was put in place of this rollout's own (a replay) — it is refused; resolve the bundle again for this configuration (delete the rollout's bundle ConfigMap, or restart the pod)`, { source });
  }
  if (expected.maxAgeMs === undefined) return;
  if (expected.now === undefined) throw new OrkError('INTERNAL', 'a maximum bundle age needs the current time');
  if (binding.issuedAt === undefined) {
    throw new OrkError('BUNDLE_EXPIRED', 'the bundle carries no signed issue time (an earlier resolver signed it), so its age cannot be checked against the maximum age; resolve it again', { source });
  }
  const age = expected.now.getTime() - Date.parse(binding.issuedAt);
  if (age < -MAX_CLOCK_SKEW_MS) {
    throw new OrkError('BUNDLE_EXPIRED', `the bundle says it was issued at ${binding.issuedAt}, more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes after now (${formatIssuedAt(expected.now)}): a clock is wrong; fix the node's clock, then resolve again`, { source });
  }
  if (age > expected.maxAgeMs) {
    throw new OrkError('BUNDLE_EXPIRED', `the bundle was issued at ${binding.issuedAt}, ${describeAge(age)} ago, longer than the maximum age of ${describeAge(expected.maxAgeMs)}; roll the Deployment (kubectl rollout restart) so a new ReplicaSet resolves a fresh bundle, or raise the maximum age`, { source });
  }
}

function describeAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}
