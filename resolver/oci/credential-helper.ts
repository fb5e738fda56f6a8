// Runs a docker credential helper (`docker-credential-<name> get`, the protocol docker, helm and
// oras share): the registry host on stdin, `{"ServerURL","Username","Secret"}` on stdout. Found on
// the PATH of the resolver's environment, bounded in time and output, and never quoted: a helper's
// output is a credential, so a failure names only the program, its exit and what to do.
import { execFile } from 'node:child_process';
import { OrkError } from '../../shared/errors.js';
import { registerSecret } from '../../shared/secrets.js';
import { basicCredential, type ConfigCredential } from './docker-config.js';

const HELPER_TIMEOUT_MS = 10_000;
const MAX_HELPER_OUTPUT_BYTES = 64 * 1024;
/** What helpers print (docker-credential-helpers' `credentials.ErrCredentialsNotFound`) for "no entry". */
const NOT_FOUND = /credentials not found/i;
/** The user name a helper returns when the secret is an identity (refresh) token. */
const TOKEN_USER = '<token>';

export interface HelperRun {
  program: string;
  /** The registry host as docker files it (`index.docker.io` style aliases are the caller's concern). */
  host: string;
  env: Readonly<Record<string, string | undefined>>;
  label: string;
  timeoutMs?: number;
}

/** The credential the helper holds for `host`, or undefined when it has none (anonymous pull follows). */
export function runCredentialHelper(run: HelperRun): Promise<ConfigCredential | undefined> {
  const command = `docker-credential-${run.program}`;
  const timeoutMs = run.timeoutMs ?? HELPER_TIMEOUT_MS;
  const env = Object.fromEntries(Object.entries(run.env).filter((e): e is [string, string] => e[1] !== undefined));
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      ['get'],
      { env, timeout: timeoutMs, maxBuffer: MAX_HELPER_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true },
      (err, stdout, stderr) => {
        if (err) {
          if (NOT_FOUND.test(stdout) || NOT_FOUND.test(stderr)) return resolve(undefined);
          return reject(helperFailure(command, err, timeoutMs, run.label));
        }
        try {
          resolve(parseHelperOutput(stdout, command, run.label));
        } catch (e) {
          reject(e);
        }
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(run.host);
  });
}

function helperFailure(command: string, err: Error, timeoutMs: number, label: string): OrkError {
  const code = (err as NodeJS.ErrnoException).code;
  let why: string;
  if (code === 'ENOENT') why = 'is not on PATH; install it, or remove it from the registry config (credsStore/credHelpers)';
  else if (code === 'EACCES') why = 'is not executable';
  else if ((err as { killed?: boolean }).killed) why = `did not answer within ${timeoutMs} ms (is it waiting for a login prompt?)`;
  else if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') why = `wrote more than ${MAX_HELPER_OUTPUT_BYTES} bytes`;
  else why = `failed (${typeof code === 'number' ? `exit code ${code}` : ((err as { signal?: string }).signal ?? 'error')}); run '${command} get' by hand to see why`;
  return new OrkError('IMPORT_AUTH_FAILED', `credential helper ${command} ${why}`, { source: label });
}

/** Pure: a helper's stdout as a credential. Its content is never echoed, only what is wrong with it. */
export function parseHelperOutput(stdout: string, command: string, label: string): ConfigCredential | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new OrkError('IMPORT_AUTH_FAILED', `credential helper ${command} did not print JSON {"Username", "Secret"}`, { source: label });
  }
  const { Username: user, Secret: secret } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { Username?: unknown; Secret?: unknown };
  if (typeof user !== 'string' || typeof secret !== 'string') {
    throw new OrkError('IMPORT_AUTH_FAILED', `credential helper ${command} printed JSON without string Username and Secret`, { source: label });
  }
  if (secret === '') return undefined;
  if (user === TOKEN_USER) {
    registerSecret(secret);
    return { kind: 'identity-token', token: secret };
  }
  return basicCredential(user, secret);
}
