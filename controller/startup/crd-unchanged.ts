// Whether a bundle CRD needs its start-up apply. A restart (the common start) finds every CRD as the
// last start left it, and re-applying ten unchanged CRDs costs the API server a server-side apply
// each and the start ≈ 25 ms. The apply is skipped only when it could change nothing of ours:
// - the live CRD carries the digest of this very manifest (CRD_DIGEST_ANNOTATION, written by the
//   apply itself), so the last apply was this manifest and we own no field it does not set (a
//   field an older manifest set and this one drops would otherwise stay);
// - every field this manifest sets has that value in the live CRD (nobody changed or removed one
//   of ours since; arrays element by element, of the same length);
// - the live CRD is Established.
// Anything else, or any doubt (a server that normalises a value differently), applies as before.
// Pure.
import type { CrdObject } from '../../shared/bundle/payload.js';
import { canonicalJsonBytes, digestOf } from '../../shared/bundle/index.js';

/** On each CRD the controller applies: `sha256:<hex>` of the manifest as the bundle has it. */
export const CRD_DIGEST_ANNOTATION = 'orkestra.orkspace.io/crd-digest';

/** The manifest to apply: the bundle's, with the annotation naming its digest. */
export function withCrdDigest(crd: CrdObject): CrdObject {
  const digest = digestOf(canonicalJsonBytes(crd));
  const metadata = { ...crd.metadata, annotations: { ...crd.metadata.annotations, [CRD_DIGEST_ANNOTATION]: digest } };
  return { ...crd, metadata } as CrdObject;
}

/** True when `applied` (withCrdDigest's manifest) would change nothing on `live`. */
export function crdUnchanged(applied: CrdObject, live: unknown): boolean {
  const want = applied.metadata.annotations?.[CRD_DIGEST_ANNOTATION];
  const liveMeta = (live as { metadata?: { annotations?: Record<string, unknown> } } | undefined)?.metadata;
  if (!want || liveMeta?.annotations?.[CRD_DIGEST_ANNOTATION] !== want) return false;
  return isEstablished(live) && holds(applied, live, 0);
}

const MAX_DEPTH = 256;

/** Every value `want` sets is in `have`: objects by key (extra keys in `have` are others'), arrays and scalars exactly. */
function holds(want: unknown, have: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(want)) return Array.isArray(have) && have.length === want.length && want.every((w, i) => holds(w, have[i], depth + 1));
  if (want !== null && typeof want === 'object') {
    if (have === null || typeof have !== 'object' || Array.isArray(have)) return false;
    return Object.entries(want).every(([k, w]) => w === undefined || (Object.hasOwn(have, k) && holds(w, (have as Record<string, unknown>)[k], depth + 1)));
  }
  return Object.is(want, have);
}

export function isEstablished(crd: unknown): boolean {
  const conditions = (crd as { status?: { conditions?: { type?: string; status?: string }[] } } | undefined)?.status?.conditions;
  return Array.isArray(conditions) && conditions.some((c) => c?.type === 'Established' && c.status === 'True');
}
