// Registry credentials from a docker `config.json` (`auths` entries), the file `docker login`,
// `helm registry login` and CI systems already write: an alternative to `auth:` environment
// variables for OCI imports. Reads only the file it is pointed at (an option or $DOCKER_CONFIG),
// never runs credential helpers, and never puts a credential into a message.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { OrkError } from '../../shared/errors.js';
import { registerBasicCredential, registerSecret } from '../../shared/secrets.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Docker config files are a few KiB; this only stops a wrong path from being read whole. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Which config.json to read: `explicit` (a file, or a directory holding config.json) when given,
 * else `$DOCKER_CONFIG/config.json`; undefined when neither is set. `~/.docker` is deliberately not
 * a default: a resolver must not pick up whatever account happens to be logged in on the machine.
 */
export function dockerConfigPath(env: Env, explicit?: string): string | undefined {
  const chosen = explicit ?? (env['DOCKER_CONFIG'] ? env['DOCKER_CONFIG'] : undefined);
  if (chosen === undefined) return undefined;
  if (chosen.endsWith('.json')) return chosen;
  try {
    if (statSync(chosen).isFile()) return chosen;
  } catch {
    // A missing path is reported by the read below, with the path in the message.
  }
  return join(chosen, 'config.json');
}

/** The host forms one registry is filed under (`docker login` writes Docker Hub as index.docker.io/v1). */
function hostAliases(host: string): string[] {
  const h = host.toLowerCase();
  if (h === 'docker.io' || h === 'registry-1.docker.io' || h === 'index.docker.io') {
    return ['docker.io', 'registry-1.docker.io', 'index.docker.io'];
  }
  return [h];
}

/** `https://host:5000/v1/` → `host:5000`; the key forms docker and helm write. */
export function normaliseAuthKey(key: string): string {
  const noScheme = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = noScheme.indexOf('/');
  return (slash >= 0 ? noScheme.slice(0, slash) : noScheme).toLowerCase();
}

/**
 * Pure: the `Authorization` header value for `host` from a parsed config.json, or undefined when the
 * file has no entry for it. Throws IMPORT_INVALID for an entry that cannot be used (malformed
 * `auth`, or only an `identitytoken`, which needs an OAuth exchange we do not perform) and
 * IMPORT_AUTH_MISSING when the host is delegated to a credential helper.
 */
export function credentialsFromDockerConfig(config: unknown, host: string, label: string, file: string): string | undefined {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new OrkError('IMPORT_INVALID', `${file} is not a docker config (expected a JSON object with "auths")`, { source: label });
  }
  const aliases = hostAliases(host);
  const auths = (config as { auths?: unknown }).auths;
  if (auths !== undefined && (typeof auths !== 'object' || auths === null || Array.isArray(auths))) {
    throw new OrkError('IMPORT_INVALID', `${file}: "auths" must be an object keyed by registry host`, { source: label });
  }
  for (const [key, entry] of Object.entries((auths ?? {}) as Record<string, unknown>)) {
    if (!aliases.includes(normaliseAuthKey(key))) continue;
    const header = headerFromEntry(entry, key, label, file);
    if (header !== undefined) return header;
  }
  const helpers = (config as { credHelpers?: Record<string, unknown>; credsStore?: unknown });
  const delegated =
    Object.keys(helpers.credHelpers ?? {}).some((k) => aliases.includes(normaliseAuthKey(k))) || typeof helpers.credsStore === 'string';
  if (delegated) {
    throw new OrkError(
      'IMPORT_AUTH_MISSING',
      `${file} has no "auths" entry for ${host} and delegates credentials to a helper program, which the resolver does not run; add an "auths" entry or use auth: with environment variables`,
      { source: label },
    );
  }
  return undefined;
}

function headerFromEntry(entry: unknown, key: string, label: string, file: string): string | undefined {
  if (typeof entry !== 'object' || entry === null) {
    throw new OrkError('IMPORT_INVALID', `${file}: auths[${JSON.stringify(key)}] must be an object`, { source: label });
  }
  const e = entry as Record<string, unknown>;
  if (typeof e['registrytoken'] === 'string' && e['registrytoken'] !== '') {
    registerSecret(e['registrytoken']);
    return `Bearer ${e['registrytoken']}`;
  }
  let user: string | undefined;
  let password: string | undefined;
  if (typeof e['auth'] === 'string' && e['auth'] !== '') {
    const decoded = Buffer.from(e['auth'], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new OrkError('IMPORT_INVALID', `${file}: auths[${JSON.stringify(key)}].auth is not base64 of user:password`, { source: label });
    }
    user = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  } else if (typeof e['username'] === 'string' && typeof e['password'] === 'string' && e['username'] !== '') {
    user = e['username'];
    password = e['password'];
  }
  if (user !== undefined && password !== undefined) {
    registerBasicCredential(user, password);
    return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  }
  if (typeof e['identitytoken'] === 'string' && e['identitytoken'] !== '') {
    throw new OrkError(
      'IMPORT_INVALID',
      `${file}: auths[${JSON.stringify(key)}] holds only an identity token, which needs an OAuth exchange the resolver does not perform; use a user name and password or token instead`,
      { source: label },
    );
  }
  return undefined;
}

/** Reads `file` and returns the Authorization header for `host` (see credentialsFromDockerConfig). */
export async function readDockerCredentials(file: string, host: string, label: string): Promise<string | undefined> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_CONFIG_BYTES) {
      throw new OrkError('IMPORT_INVALID', `${file} is larger than ${MAX_CONFIG_BYTES} bytes; is it really a docker config.json?`, { source: label });
    }
    text = bytes.toString('utf8');
  } catch (e) {
    if (e instanceof OrkError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new OrkError('IMPORT_AUTH_MISSING', `cannot read the docker config ${file} (${code}); fix the path in DOCKER_CONFIG or the option`, {
      source: label,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message may quote file content (a credential): say only where.
    throw new OrkError('IMPORT_INVALID', `${file} is not valid JSON`, { source: label });
  }
  return credentialsFromDockerConfig(parsed, host, label, file);
}
