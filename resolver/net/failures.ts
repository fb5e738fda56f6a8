// What a failed GET means, worded for the user: a final status (401/403/404/other) as an import
// error, a TLS failure naming --ca-file, and network errors in plain words. Pure: it classifies
// errors the HTTP client caught and never quotes a header value.
import { OrkError } from '../../shared/errors.js';
import { isRetryableStatus } from './retry.js';

const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * The usual meaning of a final non-2xx status for an import, worded for the user:
 * 401/403 → IMPORT_AUTH_FAILED naming the auth variables (never their values), 404 →
 * IMPORT_NOT_FOUND (private files on GitHub and similar hosts answer 404 without a valid token),
 * anything else → IMPORT_FETCH_FAILED.
 */
export function errorForStatus(status: number, label: string, authVariables: readonly string[]): OrkError {
  const vars = authVariables.map((v) => `$${v}`).join(' and ');
  const source = { source: label };
  if (status === 401) {
    return vars
      ? new OrkError('IMPORT_AUTH_FAILED', `credentials in ${vars} were rejected (401); check that they are valid and not expired`, source)
      : new OrkError('IMPORT_AUTH_FAILED', 'the server requires credentials (401); add auth: naming the environment variable that holds them', source);
  }
  if (status === 403) {
    return vars
      ? new OrkError('IMPORT_AUTH_FAILED', `credentials in ${vars} lack access (403); grant them read access to this resource`, source)
      : new OrkError('IMPORT_AUTH_FAILED', 'access denied (403); if the resource is private, add auth: naming the environment variable that holds a credential', source);
  }
  if (status === 404) {
    const hint = vars
      ? `check the address, and that ${vars} holds a token that can read it: private files on GitHub answer 404, not 401, to a token without access`
      : 'check the address; if it is a private file (GitHub answers 404 for private files requested without a valid token), add auth:';
    return new OrkError('IMPORT_NOT_FOUND', `not found (404); ${hint}`, source);
  }
  return new OrkError('IMPORT_FETCH_FAILED', `the server answered ${status}`, {
    ...source,
    retry: isRetryableStatus(status) ? 'transient' : 'never',
  });
}

function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

function tlsErrorCode(err: unknown): string | undefined {
  return errorCodes(err).find((c) => CERTIFICATE_CODES.has(c) || c.startsWith('ERR_SSL_'));
}

export function isTimeoutError(err: unknown): boolean {
  return errorCodes(err).some((c) => c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT');
}

export function isConnectTimeout(err: unknown): boolean {
  return errorCodes(err).includes('UND_ERR_CONNECT_TIMEOUT');
}

export function isAbort(err: unknown): boolean {
  return (err as { name?: unknown } | null)?.name === 'AbortError' || errorCodes(err).includes('UND_ERR_ABORTED');
}

export function describeNetworkError(err: unknown): string {
  // undici's words for a CONNECT the proxy answered with anything but 200.
  const proxyStatus = /Proxy response \((\d{3})\)/.exec(String((err as { message?: unknown } | null)?.message ?? ''))?.[1];
  if (proxyStatus === '407') return 'the proxy requires credentials (407); put user:password in the proxy URL (HTTPS_PROXY)';
  if (proxyStatus !== undefined) return `the proxy refused the tunnel (${proxyStatus}); check HTTPS_PROXY and NO_PROXY`;
  const code = errorCodes(err)[0];
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed by the server';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return 'the response body was truncated';
    default:
      return code ? `network error ${code}` : 'network error';
  }
}

/** The error for a TLS failure (handshake or certificate), or undefined when it was not one. */
export function tlsFailure(err: unknown, host: string, label: string): OrkError | undefined {
  const tlsCode = tlsErrorCode(err);
  if (!tlsCode) return undefined;
  return new OrkError(
    'IMPORT_FETCH_FAILED',
    tlsCode.startsWith('ERR_SSL_')
      ? `the TLS handshake with ${host} failed (${tlsCode}); check that the server speaks https on this port`
      : `the TLS certificate of ${host} could not be verified (${tlsCode}); if it is issued by a private CA, pass that CA's PEM certificate with --ca-file (or $ORKESTRA_CA_FILE)`,
    { source: label, cause: err },
  );
}
