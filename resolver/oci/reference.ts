// OCI references: `registry/repository[:tag][@sha256:…]` parsed strictly (explicit registry host,
// no moving "latest") and printed back without credentials. Pure.
import { OrkError } from '../../shared/errors.js';
import { sanitizeUrl } from '../../shared/sanitize-url.js';

/** `registry/repository` plus a tag and/or digest, parsed from `host[:port]/path[:tag][@sha256:…]`. */
export interface OciReference {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/**
 * Parses `registry/repo:tag`, `registry/repo@sha256:…` or both. The registry host must be explicit
 * (contain `.` or `:`, or be `localhost`): silently defaulting to Docker Hub would fetch from a
 * registry the author may not have meant.
 */
export function parseReference(raw: string, label: string): OciReference {
  const invalid = (why: string): OrkError =>
    new OrkError('IMPORT_INVALID', `OCI reference ${JSON.stringify(sanitizeUrl(stripScheme(raw)))}: ${why}; write it as registry.example.org/repo:tag or registry.example.org/repo@sha256:<hex>`, {
      source: label,
    });
  const text = stripScheme(raw.trim());
  // `user:password@registry/…`: never quoted, not even in part.
  if (/^[^/]*@/.test(text)) throw invalid('a user or password is written in it; give credentials through auth: (environment variables) or a docker config');
  const { rest, digest } = splitDigest(text);
  if (digest !== undefined && !DIGEST.test(digest)) throw invalid('the digest must be sha256:<64 lower-case hex digits>');
  const slash = rest.indexOf('/');
  if (slash <= 0) throw invalid('it names no registry host');
  const registry = rest.slice(0, slash).toLowerCase();
  if (!(registry.includes('.') || registry.includes(':') || registry === 'localhost')) {
    throw invalid(`${JSON.stringify(registry)} is not a registry host (give the host explicitly, e.g. docker.io/${rest})`);
  }
  let path = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(`${JSON.stringify(tag)} is not a valid tag`);
  }
  if (!REPOSITORY.test(path)) throw invalid(`${JSON.stringify(path)} is not a valid repository name (lower-case, / separated)`);
  if (tag === undefined && digest === undefined) throw invalid('it has neither a tag nor a digest (a moving "latest" is not accepted)');
  return { registry, repository: path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

function stripScheme(raw: string): string {
  return raw.replace(/^oci:\/\//i, '');
}

/** `registry/repo@digest`, `registry/repo:tag`, the credential-free name of a reference. */
export function formatReference(ref: OciReference): string {
  const base = `${ref.registry}/${ref.repository}`;
  return ref.digest ? `${base}@${ref.digest}` : `${base}:${ref.tag ?? ''}`;
}

/** `name@digest` → its name and the text after `@` (unchecked); no `@`, no digest. */
export function splitDigest(text: string): { rest: string; digest?: string } {
  const at = text.indexOf('@');
  return at < 0 ? { rest: text } : { rest: text.slice(0, at), digest: text.slice(at + 1) };
}
