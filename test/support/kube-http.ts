// A minimal Kubernetes HTTPS client for tests only: reads a kubeconfig (client certificate or
// bearer token), keeps one keep-alive undici Agent, speaks JSON. Not the project's KubeClient:
// no retries, no watch, no exec credential plugins.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Agent, request } from 'undici';
import { parse } from 'yaml';

export interface KubeCredentials {
  server: string;
  ca?: string;
  cert?: string;
  key?: string;
  token?: string;
  insecureSkipTLSVerify: boolean;
}

type Named<T> = { name: string } & T;
interface KubeconfigFile {
  'current-context'?: string;
  contexts?: Named<{ context?: { cluster?: string; user?: string } }>[];
  clusters?: Named<{ cluster?: Record<string, unknown> }>[];
  users?: Named<{ user?: Record<string, unknown> }>[];
}

/** The credentials of the kubeconfig's current context (inline `-data` or file references). */
export function readKubeconfig(path: string): KubeCredentials {
  const doc = parse(readFileSync(path, 'utf8')) as KubeconfigFile;
  const contextName = doc['current-context'];
  const context = doc.contexts?.find((c) => c.name === contextName)?.context;
  if (!context) throw new Error(`${path}: current-context ${JSON.stringify(contextName)} not found`);
  const cluster = doc.clusters?.find((c) => c.name === context.cluster)?.cluster;
  const user = doc.users?.find((u) => u.name === context.user)?.user ?? {};
  if (!cluster || typeof cluster.server !== 'string') throw new Error(`${path}: cluster ${context.cluster} has no server`);
  if (user.exec || user['auth-provider']) {
    throw new Error(`${path}: credential plugins are not supported by the test client; use a client certificate or token kubeconfig (e.g. kind's)`);
  }
  const base = dirname(resolve(path));
  const pick = (obj: Record<string, unknown>, dataKey: string, fileKey: string): string | undefined => {
    if (typeof obj[dataKey] === 'string') return Buffer.from(obj[dataKey] as string, 'base64').toString('utf8');
    if (typeof obj[fileKey] === 'string') return readFileSync(resolve(base, obj[fileKey] as string), 'utf8');
    return undefined;
  };
  const creds: KubeCredentials = { server: cluster.server.replace(/\/+$/, ''), insecureSkipTLSVerify: cluster['insecure-skip-tls-verify'] === true };
  const ca = pick(cluster, 'certificate-authority-data', 'certificate-authority');
  const cert = pick(user, 'client-certificate-data', 'client-certificate');
  const key = pick(user, 'client-key-data', 'client-key');
  const token = typeof user.token === 'string' ? user.token : typeof user.tokenFile === 'string' ? readFileSync(resolve(base, user.tokenFile), 'utf8').trim() : undefined;
  if (ca) creds.ca = ca;
  if (cert) creds.cert = cert;
  if (key) creds.key = key;
  if (token) creds.token = token;
  return creds;
}

export interface KubeResponse<T = any> {
  status: number;
  body: T;
}

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  contentType?: string;
}

export class TestKubeClient {
  readonly server: string;
  private readonly agent: Agent;
  private readonly token: string | undefined;

  constructor(creds: KubeCredentials) {
    this.server = creds.server;
    this.token = creds.token;
    this.agent = new Agent({
      connect: { ca: creds.ca, cert: creds.cert, key: creds.key, rejectUnauthorized: !creds.insecureSkipTLSVerify },
    });
  }

  /** Any status comes back; the body is parsed JSON when the server sent JSON, else text. */
  async request<T = any>(req: KubeRequest): Promise<KubeResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: string | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      headers['content-type'] = req.contentType ?? 'application/json';
    }
    const res = await request(this.server + req.path, { method: req.method ?? 'GET', headers, body, dispatcher: this.agent });
    const text = await res.body.text();
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, body: (type.includes('json') && text ? JSON.parse(text) : text) as T };
  }

  /** Like request, but throws on any non-2xx status with the server's message. */
  async ok<T = any>(req: KubeRequest): Promise<T> {
    const res = await this.request<T>(req);
    if (res.status < 200 || res.status > 299) {
      const b = res.body as { message?: string } | string;
      const message = typeof b === 'string' ? b.slice(0, 500) : b?.message;
      throw new Error(`${req.method ?? 'GET'} ${req.path}: HTTP ${res.status}: ${message}`);
    }
    return res.body;
  }

  get<T = any>(path: string): Promise<T> { return this.ok<T>({ path }); }
  post<T = any>(path: string, body: unknown): Promise<T> { return this.ok<T>({ method: 'POST', path, body }); }
  delete<T = any>(path: string): Promise<T> { return this.ok<T>({ method: 'DELETE', path }); }
  mergePatch<T = any>(path: string, body: unknown): Promise<T> {
    return this.ok<T>({ method: 'PATCH', path, body, contentType: 'application/merge-patch+json' });
  }

  close(): Promise<void> { return this.agent.close(); }
}
