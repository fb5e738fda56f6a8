// Reads kubeconfig files (the KUBECONFIG list merged as kubectl does: the first file to name an
// entry or set current-context wins) into a KubeConfig. File references are resolved against the
// directory of the file that holds them. Messages name the file and field, never a value.
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { OrkError } from '../../shared/errors.js';
import type { AuthConfig, ExecConfig, Impersonation, KubeConfig } from '../../shared/kube/index.js';
import { authProviderPart } from './auth-provider.js';
import { TOKEN_RELOAD_MS } from './in-cluster.js';
import { describeReadFailure, readBoundedSync } from '../../platform/index.js';

/** A kubeconfig is a few KiB; anything far larger is not one. */
const MAX_KUBECONFIG_BYTES = 4 * 1024 * 1024;
/** A certificate, key or CA bundle file; far larger is not one. */
const MAX_PEM_FILE_BYTES = 1024 * 1024;
const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;

type Dict = Record<string, unknown>;
interface Entry { name: string; body: Dict; file: string; list: string }
interface Merged {
  currentContext?: { value: string; file: string };
  contexts: Map<string, Entry>;
  clusters: Map<string, Entry>;
  users: Map<string, Entry>;
}

export interface KubeconfigFileOptions {
  context?: string | undefined;
  /** Called for settings honoured with a warning (insecure-skip-tls-verify); default: stderr. */
  onWarning?: (message: string) => void;
}

export function loadKubeconfigFiles(paths: string[], options: KubeconfigFileOptions = {}): KubeConfig {
  const merged: Merged = { contexts: new Map(), clusters: new Map(), users: new Map() };
  let read = 0;
  for (const path of paths) {
    const text = readKubeconfigText(path, paths.length > 1);
    if (text === undefined) continue;
    read++;
    mergeFile(merged, path, text);
  }
  const shown = paths.join(':');
  if (read === 0) throw new OrkError('KUBECONFIG_INVALID', `none of the kubeconfig files exist: ${shown}`, { source: shown });
  return resolveContext(merged, shown, options);
}

function readKubeconfigText(path: string, missingIsOk: boolean): string | undefined {
  const read = readBoundedSync(path, MAX_KUBECONFIG_BYTES);
  if ('bytes' in read) return read.bytes.toString('utf8');
  // kubectl skips missing entries of a KUBECONFIG list; a single named file must exist.
  if (missingIsOk && read.failure.reason === 'missing') return undefined;
  if (read.failure.reason === 'too-large') throw new OrkError('KUBECONFIG_INVALID', `kubeconfig ${path} is larger than ${MAX_KUBECONFIG_BYTES} bytes`, { source: path });
  throw new OrkError('FILE_UNREADABLE', `cannot read kubeconfig ${path}: ${describeReadFailure(read.failure)}`, { source: path });
}

function mergeFile(merged: Merged, file: string, text: string): void {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    const pos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const where = pos ? `:${pos.line}:${pos.col}` : '';
    throw new OrkError('KUBECONFIG_INVALID', `${file}${where}: not valid YAML`, { source: file });
  }
  if (doc === null || doc === undefined) return;
  if (!isDict(doc)) throw new OrkError('KUBECONFIG_INVALID', `${file}: a kubeconfig must be a mapping`, { source: file });
  const current = doc['current-context'];
  if (!merged.currentContext && typeof current === 'string' && current !== '') merged.currentContext = { value: current, file };
  addEntries(merged.contexts, doc, 'contexts', 'context', file);
  addEntries(merged.clusters, doc, 'clusters', 'cluster', file);
  addEntries(merged.users, doc, 'users', 'user', file);
}

function addEntries(into: Map<string, Entry>, doc: Dict, list: string, field: string, file: string): void {
  const items = doc[list];
  if (items === undefined || items === null) return;
  if (!Array.isArray(items)) throw new OrkError('KUBECONFIG_INVALID', `${file}: ${list} must be a list`, { source: file });
  items.forEach((item, i) => {
    if (!isDict(item) || typeof item.name !== 'string') throw new OrkError('KUBECONFIG_INVALID', `${file}: ${list}[${i}] has no name`, { source: file });
    const body = item[field] ?? {};
    if (!isDict(body)) throw new OrkError('KUBECONFIG_INVALID', `${file}: ${list}[${item.name}].${field} must be a mapping`, { source: file });
    if (!into.has(item.name)) into.set(item.name, { name: item.name, body, file, list });
  });
}

function resolveContext(merged: Merged, shown: string, options: KubeconfigFileOptions): KubeConfig {
  const contextName = options.context ?? merged.currentContext?.value;
  if (!contextName) {
    throw new OrkError('KUBECONFIG_INVALID', `${shown}: no current-context is set; run \`kubectl config use-context NAME\` or name a context`, { source: shown });
  }
  const context = merged.contexts.get(contextName);
  if (!context) {
    const file = merged.currentContext?.file ?? shown;
    throw new OrkError('KUBECONFIG_INVALID', `${file}: context "${contextName}" is not in contexts (known: ${[...merged.contexts.keys()].join(', ') || 'none'})`, { source: file });
  }
  const clusterName = context.body.cluster;
  if (typeof clusterName !== 'string' || clusterName === '') throw invalid(context.file, `contexts[${contextName}].context.cluster is missing`);
  const cluster = merged.clusters.get(clusterName);
  if (!cluster) throw invalid(context.file, `contexts[${contextName}] names cluster "${clusterName}", which is not in clusters`);
  const userName = context.body.user;
  let user: Entry | undefined;
  if (typeof userName === 'string' && userName !== '') {
    user = merged.users.get(userName);
    if (!user) throw invalid(context.file, `contexts[${contextName}] names user "${userName}", which is not in users`);
  }

  const config: KubeConfig = {
    source: `${context.file} (context ${contextName})`,
    ...clusterPart(cluster, options.onWarning ?? ((m) => process.stderr.write(`warning: ${m}\n`))),
    auth: { type: 'none' },
  };
  if (typeof context.body.namespace === 'string' && context.body.namespace !== '') config.namespace = context.body.namespace;
  if (user) {
    const cert = pemField(user, 'client-certificate-data', 'client-certificate');
    const key = pemField(user, 'client-key-data', 'client-key');
    if (cert && !key) throw invalid(user.file, `users[${user.name}].user has a client certificate but no client-key(-data)`);
    if (key && !cert) throw invalid(user.file, `users[${user.name}].user has a client key but no client-certificate(-data)`);
    if (cert && key) config.clientCert = { cert, key };
    config.auth = authPart(user);
    const impersonate = impersonationPart(user);
    if (impersonate) config.impersonate = impersonate;
  }
  if (config.server.startsWith('http://') && (config.auth.type !== 'none' || config.clientCert) && !isLoopbackUrl(config.server)) {
    throw invalid(cluster.file, `clusters[${cluster.name}].cluster.server is plain http:// to a non-loopback host; credentials are only sent over https`);
  }
  return config;
}

function clusterPart(cluster: Entry, warn: (message: string) => void): Pick<KubeConfig, 'server' | 'ca' | 'tlsServerName' | 'insecureSkipTLSVerify' | 'proxyUrl'> {
  const at = `clusters[${cluster.name}].cluster`;
  const server = cluster.body.server;
  if (typeof server !== 'string' || server === '') throw invalid(cluster.file, `${at}.server is missing`);
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw invalid(cluster.file, `${at}.server is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(cluster.file, `${at}.server must be an https:// URL`);
  if (url.username || url.password) throw invalid(cluster.file, `${at}.server must not carry credentials; put them under users`);
  const proxy = cluster.body['proxy-url'];
  if (proxy !== undefined && proxy !== '' && (typeof proxy !== 'string' || !/^http:\/\/[^/]+\/?$/.test(proxy))) {
    throw invalid(cluster.file, `${at}.proxy-url must be an http://host:port proxy (https:// and socks5:// proxies are not supported)`);
  }
  const ca = pemField(cluster, 'certificate-authority-data', 'certificate-authority');
  const insecure = cluster.body['insecure-skip-tls-verify'] === true;
  if (insecure && ca) throw invalid(cluster.file, `${at} sets both insecure-skip-tls-verify and a certificate authority; remove one`);
  if (insecure) {
    // kubectl honours it silently; we honour it too, but say so: credentials go to a server whose
    // identity is not checked.
    warn(`${cluster.file}: ${at}.insecure-skip-tls-verify is true: the API server's certificate is not verified, so credentials are sent to whoever answers; set certificate-authority(-data) instead`);
  }
  const part: Pick<KubeConfig, 'server' | 'ca' | 'tlsServerName' | 'insecureSkipTLSVerify' | 'proxyUrl'> = {
    server: server.replace(/\/+$/, ''),
    insecureSkipTLSVerify: insecure,
  };
  if (ca) part.ca = ca;
  if (typeof proxy === 'string' && proxy !== '') part.proxyUrl = proxy;
  if (typeof cluster.body['tls-server-name'] === 'string' && cluster.body['tls-server-name'] !== '') part.tlsServerName = cluster.body['tls-server-name'];
  return part;
}

function authPart(user: Entry): AuthConfig {
  const at = `users[${user.name}].user`;
  const body = user.body;
  if (body['auth-provider'] !== undefined) {
    const others = ['token', 'tokenFile', 'username', 'password', 'exec'].filter((k) => body[k] !== undefined && body[k] !== '');
    if (others.length > 0) throw invalid(user.file, `${at} sets auth-provider and ${others.join(', ')}; keep only one way to authenticate`);
    const readPem = (config: Dict, dataKey: string, fileKey: string) => pemField({ ...user, body: config }, dataKey, fileKey);
    return { type: 'oidc', oidc: authProviderPart(body['auth-provider'], user.file, at, readPem) };
  }
  const token = stringField(user, 'token');
  const tokenFile = stringField(user, 'tokenFile');
  const username = stringField(user, 'username');
  const password = stringField(user, 'password');
  const exec = body.exec;
  const kinds = [token || tokenFile ? 'token' : '', username || password ? 'username/password' : '', exec !== undefined ? 'exec' : ''].filter((k) => k !== '');
  if (kinds.length > 1) throw invalid(user.file, `${at} sets ${kinds.join(' and ')}; keep only one way to authenticate`);
  // tokenFile wins over token, as in client-go: the file is what rotates.
  if (tokenFile) return { type: 'tokenFile', path: resolveAgainst(user.file, tokenFile), reloadMs: TOKEN_RELOAD_MS };
  if (token) return { type: 'token', token };
  if (username || password) {
    if (!username || !password) throw invalid(user.file, `${at} needs both username and password`);
    return { type: 'basic', username, password };
  }
  if (exec !== undefined) return { type: 'exec', exec: execPart(user, exec) };
  return { type: 'none' };
}

/** `as`, `as-uid`, `as-groups`, `as-user-extra`, as kubectl reads them; never dropped silently. */
function impersonationPart(user: Entry): Impersonation | undefined {
  const at = `users[${user.name}].user`;
  const { body } = user;
  const as = body.as;
  const groups = body['as-groups'];
  const extra = body['as-user-extra'];
  const uid = body['as-uid'];
  if (as === undefined && groups === undefined && extra === undefined && uid === undefined) return undefined;
  if (typeof as !== 'string' || as === '') throw invalid(user.file, `${at}: as-groups, as-uid and as-user-extra need "as" (the user to impersonate), as kubectl requires`);
  if (groups !== undefined && (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string' && g !== ''))) throw invalid(user.file, `${at}.as-groups must be a list of group names`);
  if (uid !== undefined && (typeof uid !== 'string' || uid === '')) throw invalid(user.file, `${at}.as-uid must be a non-empty string`);
  const extras: Record<string, string[]> = {};
  if (extra !== undefined) {
    if (!isDict(extra)) throw invalid(user.file, `${at}.as-user-extra must be a mapping of key to a list of values`);
    for (const [key, values] of Object.entries(extra)) {
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) throw invalid(user.file, `${at}.as-user-extra.${key} must be a list of strings`);
      extras[key] = values as string[];
    }
  }
  return { user: as, ...(uid ? { uid: uid as string } : {}), groups: (groups as string[] | undefined) ?? [], extra: extras };
}

function execPart(user: Entry, raw: unknown): ExecConfig {
  const at = `users[${user.name}].user.exec`;
  if (!isDict(raw)) throw invalid(user.file, `${at} must be a mapping`);
  const apiVersion = raw.apiVersion;
  if (typeof apiVersion !== 'string' || !(EXEC_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    throw invalid(user.file, `${at}.apiVersion must be one of ${EXEC_API_VERSIONS.join(', ')}`);
  }
  if (typeof raw.command !== 'string' || raw.command === '') throw invalid(user.file, `${at}.command is missing`);
  const args = raw.args ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) throw invalid(user.file, `${at}.args must be a list of strings`);
  const envList = raw.env ?? [];
  if (!Array.isArray(envList)) throw invalid(user.file, `${at}.env must be a list of {name, value}`);
  const env = envList.map((e, i) => {
    if (!isDict(e) || typeof e.name !== 'string' || typeof e.value !== 'string') throw invalid(user.file, `${at}.env[${i}] needs a name and a string value`);
    return { name: e.name, value: e.value };
  });
  if (raw.interactiveMode === 'Always') throw invalid(user.file, `${at}.interactiveMode is Always, but a controller has no terminal; use a plugin mode that needs no prompt`);
  const config: ExecConfig = {
    apiVersion: apiVersion as ExecConfig['apiVersion'],
    command: raw.command,
    args: args as string[],
    env,
    provideClusterInfo: raw.provideClusterInfo === true,
    dir: dirname(resolve(user.file)),
  };
  if (typeof raw.installHint === 'string') config.installHint = raw.installHint;
  return config;
}

/** The PEM text of `<name>-data` (base64) or of the file `<name>`; undefined when neither is set. */
function pemField(entry: Entry, dataKey: string, fileKey: string): string | undefined {
  const field = `${entry.file}: ${entry.list}[${entry.name}].${entry.list.slice(0, -1)}`;
  const data = entry.body[dataKey];
  let pem: string | undefined;
  if (typeof data === 'string' && data !== '') {
    pem = Buffer.from(data, 'base64').toString('utf8');
    if (!pem.includes('-----BEGIN')) throw new OrkError('KUBECONFIG_INVALID', `${field}.${dataKey} is not base64-encoded PEM`, { source: entry.file });
    return pem;
  }
  const file = entry.body[fileKey];
  if (typeof file === 'string' && file !== '') {
    const path = resolveAgainst(entry.file, file);
    const read = readBoundedSync(path, MAX_PEM_FILE_BYTES);
    if ('failure' in read) throw new OrkError('KUBECONFIG_INVALID', `${field}.${fileKey}: cannot read ${path} (${describeReadFailure(read.failure)})`, { source: entry.file });
    pem = read.bytes.toString('utf8');
    if (!pem.includes('-----BEGIN')) throw new OrkError('KUBECONFIG_INVALID', `${field}.${fileKey}: ${path} is not a PEM file`, { source: entry.file });
    return pem;
  }
  return undefined;
}

function stringField(entry: Entry, key: string): string | undefined {
  const v = entry.body[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw invalid(entry.file, `users[${entry.name}].user.${key} must be a string`);
  return v;
}

function resolveAgainst(kubeconfigFile: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dirname(resolve(kubeconfigFile)), path);
}

function isLoopbackUrl(server: string): boolean {
  const host = new URL(server).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

function invalid(file: string, message: string): OrkError {
  return new OrkError('KUBECONFIG_INVALID', `${file}: ${message}`, { source: file });
}

function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
