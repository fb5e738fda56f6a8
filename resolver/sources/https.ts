// The `https` import source: one Katalog/CRD document fetched from a URL, with credentials from
// environment variables and an optional sha256 pin. Network rules (TLS, retries, redirects, size,
// time) live in http-client.ts; this file only maps the answer to an import or a worded error.
//
// API: httpsSource(spec: UrlImport, options?: HttpsSourceOptions): Source
//   The constructor never throws; every problem (bad URL, plain http, userinfo in the URL, malformed
//   pin, missing credential) is thrown by fetch() as an OrkError whose `source` is `label`.
//   label and ref: `url:<URL without userinfo, query or fragment>`.
import type { Auth } from '../../shared/katalog/types.js';
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import { authorizationHeader, authVariables } from '../net/auth.js';
import { decodeUtf8, parsePin, sha256Digest, verifyPin } from '../content.js';
import { httpGet, isLoopbackHost } from '../net/http-client.js';
import { errorForStatus } from '../net/failures.js';
import type { RetryPolicy } from '../net/retry.js';
import { policyOptions } from '../net/policy.js';
import { hasUserinfo, sanitizeUrl } from '../net/sanitize.js';
import type { FetchedImport, Source, SourceContext } from './source.js';

/** A `files:` import that names a URL (the string form is `{ url }`). */
export interface UrlImport {
  url: string;
  auth?: Auth;
  /** `sha256:<hex>` the fetched bytes must have. */
  digest?: string;
}

/** Knobs for tests and development; production callers pass none. */
export interface HttpsSourceOptions {
  /** Per-attempt budget; default LIMITS.requestTimeoutMs. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Largest document accepted; default LIMITS.maxYamlBytes. */
  maxBytes?: number;
  /** Permit `http://` to 127.0.0.1, ::1 or localhost. Off by default: plain http is refused. */
  allowHttpLoopback?: boolean;
}

const ACCEPT = 'application/yaml, application/x-yaml, text/yaml, application/json;q=0.9, text/plain;q=0.8, */*;q=0.1';

export function httpsSource(spec: UrlImport, options: HttpsSourceOptions = {}): Source {
  const label = `url:${sanitizeUrl(String(spec.url))}`;
  return {
    label,
    fetch: (context) => fetchUrl(spec, options, label, context),
  };
}

async function fetchUrl(spec: UrlImport, options: HttpsSourceOptions, label: string, context: SourceContext): Promise<FetchedImport> {
  checkUrl(spec.url, options, label);
  const pin = parsePin(spec.digest, label);
  const authorization = authorizationHeader(spec.auth, context.env, label);
  const maxBytes = options.maxBytes ?? LIMITS.maxYamlBytes;
  const response = await httpGet(spec.url, {
    label,
    maxBytes,
    accept: ACCEPT,
    headers: authorization ? { authorization } : {},
    ...policyOptions(context.network, options),
    caCertificates: context.caCertificates,
    connections: context.connections,
    signal: context.signal,
    allowHttpLoopback: options.allowHttpLoopback,
  });
  if (response.status !== 200) {
    if (response.status >= 200 && response.status < 300) {
      throw new OrkError('IMPORT_FETCH_FAILED', `the server answered ${response.status} instead of 200 with the document`, { source: label });
    }
    throw errorForStatus(response.status, label, authVariables(spec.auth));
  }
  const digest = sha256Digest(response.body);
  verifyPin(pin, digest, label);
  const text = decodeUtf8(response.body, label);
  return {
    ref: label,
    digest,
    size: response.body.length,
    mediaType: 'application/yaml',
    documents: [{ path: sanitizeUrl(spec.url), text }],
  };
}

/** Refusals that need no network: a URL that is not https (or allowed loopback http), or carries credentials. */
function checkUrl(raw: string, options: HttpsSourceOptions, label: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OrkError('IMPORT_INVALID', 'not a valid URL; write the import as https://host/path', { source: label });
  }
  if (hasUserinfo(raw)) {
    throw new OrkError(
      'IMPORT_INVALID',
      'credentials in the URL are not allowed; remove user:password@ and use auth: {type: basic, usernameFromEnv, passwordFromEnv}',
      { source: label },
    );
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:') {
    if (options.allowHttpLoopback && isLoopbackHost(url.hostname)) return;
    throw new OrkError('IMPORT_INVALID', 'plain http:// is refused: imports travel over https:// only, so that they cannot be altered on the way', {
      source: label,
    });
  }
  throw new OrkError('IMPORT_INVALID', `unsupported scheme ${url.protocol}; a URL import must use https://`, { source: label });
}
