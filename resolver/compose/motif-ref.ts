// How a Motif import's `motif:` that is not a file beside the Katalog names an OCI artifact, as the
// Go runtime reads it (pkg/registry/motif/loader.go, pkg/registry/resolve.go, v0.7.17):
// * a full reference — its first segment a registry host (a `.` or `:` in it, or `localhost`),
//   e.g. `ghcr.io/acme/motifs/postgres:v16` — is fetched as written, with or without `oci: true`;
// * a registry short name — `postgres:v16`, `team/postgres:v16`, `postgres@sha256:…` — is looked up
//   under the Motif registry: ORK_MOTIFS_REGISTRY (`host[:port]/path`, an `oci://` in front and a
//   trailing `/` dropped), else upstream's default, ghcr.io/orkspace/orkestra-registry/patterns/motifs;
//   the import's `version:` is the tag when the name carries none.
// Only the resolver reads the variable (resolver/resolve.ts) and passes its value in; the bundle
// records the expanded reference. Pure.
import { DIGEST, splitDigest } from '../oci/reference.js';

export const MOTIF_REGISTRY_ENV = 'ORK_MOTIFS_REGISTRY';
/** Upstream's `DefaultMotifRegistry` (pkg/registry, v0.7.17). */
export const DEFAULT_MOTIF_REGISTRY = 'ghcr.io/orkspace/orkestra-registry/patterns/motifs';

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export type MotifRefKind = 'file' | 'full' | 'short';

/**
 * How a `motif:` with no file of that name is meant: a path (`./`, `../`, `/` in front, or a
 * .yaml/.yml/.json file name, or a URL-like text), a full OCI reference, or a registry short name.
 */
export function motifRefKind(ref: string): MotifRefKind {
  const text = ref.trim();
  if (text === '' || /^\.{0,2}\//.test(text) || /\.(ya?ml|json)$/i.test(text) || text.includes('://') || /\s|\\/.test(text)) return 'file';
  const slash = text.indexOf('/');
  if (slash > 0 && isHost(text.slice(0, slash))) return 'full';
  return 'short';
}

const isHost = (segment: string) => segment.includes('.') || segment.includes(':') || segment.toLowerCase() === 'localhost';

export interface ShortName {
  /** The repository path under the registry (`postgres`, `team/postgres`). */
  path: string;
  tag?: string;
  digest?: string;
}

/** A registry short name taken apart, or why it is not one (one line, naming what to write). */
export function parseShortName(ref: string, version?: string): ShortName | { problem: string } {
  const text = ref.trim();
  const bad = (why: string) => ({ problem: `${JSON.stringify(text)} is not a file beside the Katalog, and as a registry short name ${why}` });
  const split = splitDigest(text);
  let rest = split.rest;
  const digest = split.digest;
  if (digest !== undefined && !DIGEST.test(digest)) return bad(`its ${JSON.stringify(`@${digest}`)} is no digest: write a tag with ':' (name:v1), or a digest as @sha256:<64 hex digits>`);
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return bad(`${JSON.stringify(tag)} is not a valid tag (letters, digits, '_', '.', '-'; at most 128)`);
  }
  const wrong = rest.split('/').find((c) => !COMPONENT.test(c));
  if (wrong !== undefined) return bad(`${JSON.stringify(wrong)} is not a valid repository name (lower-case letters and digits, separated by '.', '_' or '-')`);
  if (tag === undefined && digest === undefined) {
    const v = version?.trim();
    if (v && TAG.test(v)) return { path: rest };
    return bad(`it names no tag: write ${rest}:<tag> or give version: (the Go runtime would take the moving "latest", which this runtime does not)`);
  }
  return { path: rest, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/**
 * The OCI reference a short name stands for under the Motif registry (`registry` is the
 * variable's value; empty or absent: upstream's default). `version` is the tag when the name has none.
 */
export function expandShortName(name: ShortName, registry: string | undefined, version?: string): { ref: string; from: string } | { problem: string } {
  const given = registry?.trim() ?? '';
  const base = (given === '' ? DEFAULT_MOTIF_REGISTRY : given).replace(/^oci:\/\//i, '').replace(/\/+$/, '');
  const from = given === '' ? `the default Motif registry ${DEFAULT_MOTIF_REGISTRY} (${MOTIF_REGISTRY_ENV} is not set)` : `${MOTIF_REGISTRY_ENV}=${base}`;
  const host = base.split('/')[0] ?? '';
  const components = base.split('/').slice(1);
  if (!isHost(host) || /\s/.test(base) || base.includes('://') || !components.every((c) => COMPONENT.test(c))) {
    return { problem: `${MOTIF_REGISTRY_ENV}=${JSON.stringify(given)} is not a registry: give host[:port]/path (e.g. ghcr.io/acme/motifs), or write the Motif's full OCI reference (oci://<registry>/<repository>:<tag>)` };
  }
  const tag = name.tag ?? (name.digest === undefined ? version?.trim() : undefined);
  const ref = `${base}/${name.path}${tag !== undefined ? `:${tag}` : ''}${name.digest !== undefined ? `@${name.digest}` : ''}`;
  return { ref, from };
}
