// Exec credential plugins (client.authentication.k8s.io v1 / v1beta1), how EKS, GKE and AKS users
// authenticate: run the configured command, read an ExecCredential from its stdout. Output is
// bounded and never echoed: it holds the token. stderr is passed on, cut short and scrubbed of the
// exec.env values, as plugins print their own advice there.
import { isAbsolute, resolve } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import { registerSecret } from '../../shared/secrets.js';
import type { ExecConfig } from '../../shared/kube/index.js';

export const EXEC_TIMEOUT_MS = 60_000;
const MAX_EXEC_OUTPUT_BYTES = 1024 * 1024;

export interface ExecCredentialResult {
  token?: string;
  clientCert?: { cert: string; key: string };
  /** Epoch ms; absent = valid until the server says 401. */
  expiresAt?: number;
}

export interface ClusterInfo {
  server: string;
  ca?: string;
  tlsServerName?: string;
  insecureSkipTLSVerify: boolean;
}

/** Parses the plugin's stdout; errors say what is wrong without quoting it. */
export function parseExecCredential(stdout: string, apiVersion: string, command: string): ExecCredentialResult {
  const fail = (what: string) => new OrkError('KUBE_CREDENTIALS_FAILED', `credential plugin ${command}: ${what}`, { source: command, retry: 'transient' });
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw fail('its output is not a JSON ExecCredential');
  }
  if (!isDict(doc) || doc.kind !== 'ExecCredential') throw fail('its output is not an ExecCredential');
  if (doc.apiVersion !== apiVersion) throw fail(`it answered apiVersion ${JSON.stringify(String(doc.apiVersion).slice(0, 60))}, the kubeconfig asks for ${apiVersion}`);
  const status = doc.status;
  if (!isDict(status)) throw fail('its ExecCredential has no status');
  const result: ExecCredentialResult = {};
  if (typeof status.token === 'string' && status.token !== '') result.token = status.token;
  const cert = status.clientCertificateData;
  const key = status.clientKeyData;
  if ((typeof cert === 'string' && cert !== '') !== (typeof key === 'string' && key !== '')) {
    throw fail('its ExecCredential has only one of clientCertificateData and clientKeyData');
  }
  if (typeof cert === 'string' && cert !== '' && typeof key === 'string') result.clientCert = { cert, key };
  if (!result.token && !result.clientCert) throw fail('its ExecCredential has neither status.token nor a client certificate');
  if (status.expirationTimestamp !== undefined && status.expirationTimestamp !== null) {
    const at = typeof status.expirationTimestamp === 'string' ? Date.parse(status.expirationTimestamp) : NaN;
    if (Number.isNaN(at)) throw fail('its status.expirationTimestamp is not an RFC 3339 time');
    result.expiresAt = at;
  }
  return result;
}

/** The KUBERNETES_EXEC_INFO the plugin reads: never interactive, cluster details on request. */
export function execInfo(exec: ExecConfig, cluster: ClusterInfo): string {
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.provideClusterInfo) {
    const c: Record<string, unknown> = { server: cluster.server };
    if (cluster.ca) c['certificate-authority-data'] = Buffer.from(cluster.ca).toString('base64');
    if (cluster.tlsServerName) c['tls-server-name'] = cluster.tlsServerName;
    if (cluster.insecureSkipTLSVerify) c['insecure-skip-tls-verify'] = true;
    spec.cluster = c;
  }
  return JSON.stringify({ apiVersion: exec.apiVersion, kind: 'ExecCredential', spec });
}

export async function runExecPlugin(exec: ExecConfig, cluster: ClusterInfo, timeoutMs = EXEC_TIMEOUT_MS): Promise<ExecCredentialResult> {
  // As kubectl: a relative command with a separator is relative to the kubeconfig, a bare name is
  // looked up on PATH.
  const command = exec.command.includes('/') && !isAbsolute(exec.command) ? resolve(exec.dir, exec.command) : exec.command;
  const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: execInfo(exec, cluster) };
  // exec.env is where kubeconfigs put a plugin's client secrets: a plugin that quotes one on stderr
  // must not carry it into our message, so each value is scrubbed like any other credential.
  for (const { name, value } of exec.env) {
    env[name] = value;
    registerSecret(value);
  }
  // Loaded here, not at start: most kubeconfigs (and every pod) never run a plugin.
  const { execFile } = await import('node:child_process');
  return new Promise((resolvePromise, reject) => {
    execFile(command, exec.args, { env, timeout: timeoutMs, maxBuffer: MAX_EXEC_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        let why: string;
        if (code === 'ENOENT') why = `not found${exec.installHint ? `. ${exec.installHint.trim()}` : ''}`;
        else if (code === 'EACCES') why = 'is not executable';
        else if (err.killed) why = `did not finish within ${timeoutMs} ms`;
        else if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') why = `wrote more than ${MAX_EXEC_OUTPUT_BYTES} bytes`;
        else why = `exited with ${typeof code === 'number' ? `code ${code}` : (err as { signal?: string }).signal ?? 'an error'}`;
        const tail = stderr.trim().slice(-300);
        reject(new OrkError('KUBE_CREDENTIALS_FAILED', `credential plugin ${exec.command} ${why}${tail ? `: ${tail}` : ''}`, { source: exec.command, retry: 'transient' }));
        return;
      }
      try {
        resolvePromise(parseExecCredential(stdout, exec.apiVersion, exec.command));
      } catch (e) {
        reject(e);
      }
    });
  });
}

function isDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
