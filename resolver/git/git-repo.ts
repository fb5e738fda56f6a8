// One commit of a Git repository, read with the `git` CLI: a shallow fetch of one ref (branch, tag
// or commit SHA) into a throw-away bare repository, the commit it names, and files read from that
// commit. Nothing is checked out and nothing is kept. Bounded: 60 s per git command, 4 MiB per
// file; a fresh HOME and no system config, no terminal prompt; --ca-file's CAs besides Node's roots; only the transports the caller
// allows (https always; http, git and file only for loopback development and tests). Credentials
// (auth: naming environment variables) go to git through GIT_CONFIG_* variables as an
// Authorization header, never on its command line, and never appear in a message.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import type { Auth } from '../../shared/katalog/types.js';
import { LIMITS } from '../../shared/limits.js';
import { authorizationHeader } from '../net/auth.js';
import { hasUserinfo, sanitizeUrl } from '../net/sanitize.js';

const GIT_TIMEOUT_MS = 60_000;
const COMMIT = /^[0-9a-f]{40}$/;
const REF = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const LOOPBACK = /^(?:https?|git):\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\//i;

export interface GitFetch {
  url: string;
  ref: string;
  auth?: Auth;
  env: Readonly<Record<string, string | undefined>>;
  /** Permit http://, git:// to loopback and file:// (local development and tests). */
  allowLoopback: boolean;
  /** Extra PEM CA certificates (--ca-file), trusted besides Node's bundled roots. */
  caCertificates?: string;
  label: string;
  signal?: AbortSignal;
}

export interface GitCommit {
  /** The full commit SHA the ref named when fetched. */
  commit: string;
  /** A file of that commit, or undefined when the commit has none at that path. */
  read(path: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

/** Refusals that need no git: the URL's transport, userinfo, and the shape of the ref. */
export function checkGitFetch(spec: Pick<GitFetch, 'url' | 'ref' | 'allowLoopback' | 'label'>): void {
  const invalid = (message: string) => new OrkError('IMPORT_INVALID', message, { source: spec.label });
  if (hasUserinfo(spec.url)) throw invalid('credentials in a Git URL are not allowed; use auth: naming environment variables');
  const https = /^https:\/\//i.test(spec.url);
  const local = spec.allowLoopback && (LOOPBACK.test(spec.url) || /^file:\/\//i.test(spec.url));
  if (!https && !local) throw invalid(`a Git repository is fetched over https:// (http://, git:// to loopback and file:// only with --allow-http-loopback); got ${sanitizeUrl(spec.url)}`);
  if (!REF.test(spec.ref) || spec.ref.includes('..')) throw invalid(`${JSON.stringify(spec.ref)} is not a branch, tag or commit SHA`);
}

export async function fetchGitCommit(spec: GitFetch): Promise<GitCommit> {
  checkGitFetch(spec);
  const header = authorizationHeader(spec.auth, spec.env, spec.label); // an unset variable fails before anything is made
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-git-'));
  const env = gitEnvironment(spec, dir, header);
  const git = (args: string[], maxBuffer = 64 * 1024) => runGit(['-C', join(dir, 'repo.git'), ...args], env, maxBuffer, spec);
  try {
    if (spec.caCertificates) {
      await writeFile(join(dir, 'ca.pem'), [...rootCertificates, spec.caCertificates].join('\n'));
      env.GIT_SSL_CAINFO = join(dir, 'ca.pem');
    }
    await runGit(['init', '--bare', '-q', join(dir, 'repo.git')], env, 64 * 1024, spec);
    await git(['fetch', '--depth', '1', '--no-tags', '-q', spec.url, spec.ref]);
    const commit = (await git(['rev-parse', 'FETCH_HEAD^{commit}'])).toString('utf8').trim();
    if (!COMMIT.test(commit)) throw new OrkError('IMPORT_FETCH_FAILED', 'git named no commit for the ref', { source: spec.label });
    return {
      commit,
      read: async (path) => {
        const listed = (await git(['ls-tree', '--name-only', commit, '--', path])).toString('utf8').trim();
        if (listed === '') return undefined;
        return git(['cat-file', 'blob', `${commit}:${path}`], LIMITS.maxYamlBytes + 1).catch((e: unknown) => {
          if (e instanceof OrkError && /maxBuffer/i.test(e.message)) throw new OrkError('IMPORT_TOO_LARGE', `${path} is over the limit of ${LIMITS.maxYamlBytes} bytes for one YAML file`, { source: spec.label });
          throw e;
        });
      },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** A minimal environment: no user or system config, no prompt, only the allowed transports, the proxies, and the header. */
function gitEnvironment(spec: GitFetch, home: string, header: string | undefined): Record<string, string> {
  const env: Record<string, string> = {
    PATH: spec.env.PATH ?? process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: spec.allowLoopback ? 'https:http:git:file' : 'https',
  };
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
    if (spec.env[name]) env[name] = spec.env[name]!;
  }
  if (header) Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: ${header}` });
  return env;
}

function runGit(args: string[], env: Record<string, string>, maxBuffer: number, spec: GitFetch): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { env, timeout: GIT_TIMEOUT_MS, maxBuffer, encoding: 'buffer', windowsHide: true, ...(spec.signal ? { signal: spec.signal } : {}) }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reject(new OrkError('IMPORT_FETCH_FAILED', 'git is not installed (needed for Git imports); install it, or import the file by its raw URL under files:', { source: spec.label }));
      if (String(code ?? '').includes('MAXBUFFER') || /maxBuffer/i.test(err.message)) return reject(new OrkError('IMPORT_TOO_LARGE', 'git printed more than allowed (maxBuffer)', { source: spec.label }));
      if ((err as { killed?: boolean }).killed) return reject(new OrkError('IMPORT_TIMEOUT', `git took longer than ${GIT_TIMEOUT_MS / 1000} s`, { source: spec.label }));
      const said = stderr.toString('utf8').split('\n').find((l) => /^(fatal|error):/.test(l)) ?? 'git failed';
      reject(new OrkError(/couldn't find remote ref|not our ref|unadvertised/i.test(said) ? 'IMPORT_NOT_FOUND' : 'IMPORT_FETCH_FAILED', `git fetch of ${sanitizeUrl(spec.url)} at ${spec.ref}: ${said.replace(/^(fatal|error):\s*/, '')}`, { source: spec.label }));
    });
  });
}
