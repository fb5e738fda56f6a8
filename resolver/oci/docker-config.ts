// Registry credentials from a docker `config.json`, the file `docker login`, `helm registry login`,
// `oras login` and CI systems already write: `auths` entries (auth, username/password,
// registrytoken, identitytoken) and the helper programs it delegates to (`credHelpers`,
// `credsStore`). This file is the pure reading of one parsed config plus where to find the files;
// running a helper is credential-helper.ts, choosing among sources is registry-credentials.ts.
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { OrkError } from '../../shared/errors.js';
import { describeReadFailure, readBounded } from '../../platform/index.js';
import { registerBasicCredential, registerSecret } from '../../shared/secrets.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Docker config files are a few KiB; this only stops a wrong path from being read whole. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** What a config says about one registry. */
export type ConfigCredential =
  | { kind: 'header'; authorization: string }
  /** An OAuth2 refresh token (`identitytoken`, or a helper's `<token>` user): exchanged at the registry's token service. */
  | { kind: 'identity-token'; token: string }
  /** A `docker-credential-<program>` helper holds the credential. */
  | { kind: 'helper'; program: string };

/** One config file to consult, and whether its absence is an error (the user named it). */
export interface ConfigFile {
  path: string;
  required: boolean;
}

/**
 * The config files to consult, in order, as docker, helm and oras users expect: `explicit` (a
 * file, or a directory holding config.json) when given, else `$DOCKER_CONFIG/config.json`, else
 * `~/.docker/config.json`; then Helm's registry config (`$HELM_REGISTRY_CONFIG`, else
 * `$XDG_CONFIG_HOME/helm/registry/config.json`, else `~/.config/helm/registry/config.json`). Only
 * a file the user named is required to exist; the default locations are skipped when absent.
 */
export function dockerConfigFiles(env: Env, explicit?: string): ConfigFile[] {
  const files: ConfigFile[] = [];
  const named = explicit ?? (env['DOCKER_CONFIG'] ? env['DOCKER_CONFIG'] : undefined);
  const home = env['HOME'] ? env['HOME'] : undefined;
  if (named !== undefined) files.push({ path: configJsonIn(named), required: true });
  else if (home !== undefined) files.push({ path: join(home, '.docker', 'config.json'), required: false });
  if (env['HELM_REGISTRY_CONFIG']) files.push({ path: env['HELM_REGISTRY_CONFIG'], required: true });
  else {
    const configHome = env['XDG_CONFIG_HOME'] ? env['XDG_CONFIG_HOME'] : home !== undefined ? join(home, '.config') : undefined;
    if (configHome !== undefined) files.push({ path: join(configHome, 'helm', 'registry', 'config.json'), required: false });
  }
  return files;
}

function configJsonIn(chosen: string): string {
  if (chosen.endsWith('.json')) return chosen;
  try {
    if (statSync(chosen).isFile()) return chosen;
  } catch {
    // A missing path is reported by the read, with the path in the message.
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

/** A helper program name as docker accepts it: the suffix of `docker-credential-<name>`, no path. */
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Pure: what a parsed config.json says about `host`, or undefined when it says nothing. Order:
 * a `credHelpers` entry for the host (docker's rule: it wins over everything); then a usable
 * `auths` entry; then `credsStore` (docker writes an empty `auths` placeholder beside it).
 * Throws IMPORT_INVALID for an entry that cannot be used, naming the file and the key.
 */
export function credentialsFromDockerConfig(config: unknown, host: string, label: string, file: string): ConfigCredential | undefined {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new OrkError('IMPORT_INVALID', `${file} is not a docker config (expected a JSON object with "auths")`, { source: label });
  }
  const aliases = hostAliases(host);
  const { auths, credHelpers, credsStore } = config as { auths?: unknown; credHelpers?: unknown; credsStore?: unknown };
  for (const [key, program] of Object.entries(objectField(credHelpers, 'credHelpers', label, file))) {
    if (aliases.includes(normaliseAuthKey(key))) return helper(program, `credHelpers[${JSON.stringify(key)}]`, label, file);
  }
  for (const [key, entry] of Object.entries(objectField(auths, 'auths', label, file))) {
    if (!aliases.includes(normaliseAuthKey(key))) continue;
    const found = fromEntry(entry, key, label, file);
    if (found !== undefined) return found;
  }
  if (credsStore !== undefined && credsStore !== '') return helper(credsStore, 'credsStore', label, file);
  return undefined;
}

function objectField(value: unknown, name: string, label: string, file: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OrkError('IMPORT_INVALID', `${file}: "${name}" must be an object keyed by registry host`, { source: label });
  }
  return value as Record<string, unknown>;
}

function helper(program: unknown, where: string, label: string, file: string): ConfigCredential {
  if (typeof program !== 'string' || !HELPER_NAME.test(program)) {
    throw new OrkError('IMPORT_INVALID', `${file}: ${where} must name a credential helper (the <name> of docker-credential-<name>)`, { source: label });
  }
  return { kind: 'helper', program };
}

function fromEntry(entry: unknown, key: string, label: string, file: string): ConfigCredential | undefined {
  if (typeof entry !== 'object' || entry === null) {
    throw new OrkError('IMPORT_INVALID', `${file}: auths[${JSON.stringify(key)}] must be an object`, { source: label });
  }
  const e = entry as Record<string, unknown>;
  if (typeof e['registrytoken'] === 'string' && e['registrytoken'] !== '') {
    registerSecret(e['registrytoken']);
    return { kind: 'header', authorization: `Bearer ${e['registrytoken']}` };
  }
  if (typeof e['identitytoken'] === 'string' && e['identitytoken'] !== '') {
    registerSecret(e['identitytoken']);
    return { kind: 'identity-token', token: e['identitytoken'] };
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
  if (user === undefined || password === undefined) return undefined;
  return basicCredential(user, password);
}

/** `Basic` for a user and password, both registered as secrets first. */
export function basicCredential(user: string, password: string): ConfigCredential {
  registerBasicCredential(user, password);
  return { kind: 'header', authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` };
}

/**
 * Reads one config file and returns what it says about `host` (see credentialsFromDockerConfig).
 * An absent file that was not `required` says nothing; any other unreadable file is an error naming it.
 */
export async function readDockerCredentials(file: ConfigFile, host: string, label: string): Promise<ConfigCredential | undefined> {
  const read = await readBounded(file.path, MAX_CONFIG_BYTES);
  if ('failure' in read) {
    if (read.failure.reason === 'missing' && !file.required) return undefined;
    if (read.failure.reason === 'too-large') {
      throw new OrkError('IMPORT_INVALID', `${file.path} is larger than ${MAX_CONFIG_BYTES} bytes; is it really a docker config.json?`, { source: label });
    }
    throw new OrkError('IMPORT_AUTH_MISSING', `cannot read the registry config ${file.path} (${describeReadFailure(read.failure)}); fix the path (--docker-config, DOCKER_CONFIG or HELM_REGISTRY_CONFIG) or remove it`, {
      source: label,
    });
  }
  const text = read.bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message may quote file content (a credential): say only where.
    throw new OrkError('IMPORT_INVALID', `${file.path} is not valid JSON`, { source: label });
  }
  return credentialsFromDockerConfig(parsed, host, label, file.path);
}
