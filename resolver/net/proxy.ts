// The proxy settings of a resolve, read once from the resolver's environment as curl, helm and
// kubectl read them: HTTPS_PROXY / HTTP_PROXY (either case) and NO_PROXY (`*`, hosts, `.suffix`,
// `host:port`). Pure. The connections (connections.ts) tunnel through the proxy with HTTP CONNECT,
// so TLS to the origin is still verified end to end and the proxy sees only host and port.
import { OrkError } from '../../shared/errors.js';
import { registerBasicCredential } from '../../shared/secrets.js';
import { sanitizeUrl } from './sanitize.js';

export interface ProxySettings {
  /** Proxy for https:// origins ('' for none). */
  httpsProxy: string;
  /** Proxy for http:// origins ('' for none). */
  httpProxy: string;
  /** NO_PROXY as given ('' for none). */
  noProxy: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const pick = (env: Env, name: string): string => env[name.toLowerCase()] || env[name] || '';

/**
 * The proxy settings in `env`, or undefined when no proxy is set. A proxy URL that cannot be used
 * is an error naming the variable (never its credentials); a user:password in it is sent as
 * Proxy-Authorization and registered as a secret so no message shows it.
 */
export function proxySettings(env: Env): ProxySettings | undefined {
  const httpsProxy = checked(pick(env, 'HTTPS_PROXY'), 'HTTPS_PROXY');
  const httpProxy = checked(pick(env, 'HTTP_PROXY'), 'HTTP_PROXY');
  if (httpsProxy === '' && httpProxy === '') return undefined;
  return { httpsProxy, httpProxy, noProxy: pick(env, 'NO_PROXY') };
}

function checked(value: string, name: string): string {
  if (value === '') return '';
  // curl and Go accept a bare host:port and mean http://.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new OrkError('USAGE', `${name} is not a URL (${sanitizeUrl(value)}); set it to http://host:port or unset it`, { source: name });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OrkError('USAGE', `${name} uses ${url.protocol}//, which the resolver does not speak; use an http:// or https:// proxy`, { source: name });
  }
  if (url.password !== '') registerBasicCredential(decodeURIComponent(url.username), decodeURIComponent(url.password));
  return url.href;
}
