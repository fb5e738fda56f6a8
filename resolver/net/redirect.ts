// Following one redirect by hand, as http-client.ts does for every request: where it may go (https
// stays https, at most LIMITS.maxRedirects hops, only allowed schemes) and what may go along
// (Authorization is dropped once the origin changes; a form POST, whose body may be a credential,
// is never redirected). Pure.
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import { sanitizeUrl } from './sanitize.js';

export interface RedirectRequest {
  /** The source label every error carries. */
  label: string;
  /** The request POSTs a form (a token exchange): no redirect is followed. */
  form?: unknown;
}

/** The next URL, or an IMPORT_FETCH_FAILED naming why the redirect is refused. `checkScheme` throws for a scheme the request may not use. */
export function redirectTarget(
  current: URL,
  start: URL,
  location: string | undefined,
  hop: number,
  request: RedirectRequest,
  checkScheme: (url: URL) => void,
): URL {
  const fail = (message: string): OrkError => new OrkError('IMPORT_FETCH_FAILED', message, { source: request.label });
  if (request.form !== undefined) throw fail(`${current.host} redirected a token request; refused, since its body carries a credential`);
  if (location === undefined || location === '') throw fail(`${current.host} answered a redirect without a Location header`);
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw fail(`${current.host} redirected to an invalid URL`);
  }
  if (start.protocol === 'https:' && next.protocol !== 'https:') {
    throw fail(`refused a redirect from https to ${sanitizeUrl(next.href)}: an import fetched over https must stay on https`);
  }
  if (hop + 1 > LIMITS.maxRedirects) throw fail(`more than ${LIMITS.maxRedirects} redirects; point the import at the final address`);
  checkScheme(next);
  return next;
}

export function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const { authorization: _dropped, ...rest } = headers;
  return rest;
}
