// A read-only client for the OCI distribution API (manifests and blobs), over the shared bounded
// httpGet. Owns the auth challenge (Basic, or the Bearer token exchange named by WWW-Authenticate),
// and verification: EVERY manifest and blob is checked against its digest and size before it is
// returned. It does not decide which layers matter (that is oci.ts / helm.ts) and never pushes.
import type { HttpConnections } from '../net/connections.js';
import { OrkError } from '../../shared/errors.js';
import { registerSecret } from '../../shared/secrets.js';
import { LIMITS } from '../../shared/limits.js';
import { httpGet, isLoopbackHost, type HttpResponse } from '../net/http-client.js';
import { sha256Digest } from '../content.js';
import { parseChallenges } from './challenge.js';
import { MANIFEST_ACCEPT, MAX_MANIFEST_BYTES, parseManifest, type Descriptor, type FetchedManifest } from './manifest.js';
import { DIGEST } from './reference.js';
import { policyOptions, type FetchPolicy } from '../net/policy.js';

export interface OciClientOptions {
  /** Sanitised label: the `source` of every error. */
  label: string;
  /** Authorization header value to present when the registry challenges (`Basic …` or `Bearer …`). */
  authorization?: string;
  /**
   * An OAuth2 refresh token (a docker config's `identitytoken`, or a credential helper's `<token>`
   * user): exchanged at the token service by POST grant_type=refresh_token, as docker does.
   */
  identityToken?: string;
  /** Names of the variables (or the docker config file) the credential came from, for messages. */
  credentialOrigin?: string[];
  /**
   * Speak plain http. Only honoured for loopback registries (127.0.0.0/8, ::1, localhost): anything
   * else is https, so credentials and content never cross a network in the clear.
   */
  plainHttp?: boolean;
  caCertificates?: string;
  connections?: HttpConnections;
  signal?: AbortSignal;
  /** Attempts and time budgets of every request (resolver/net/policy.ts); absent: httpGet's defaults. */
  network?: FetchPolicy;
}

/** One registry repository, read-only; remembers the token it obtained for its later requests. */
export class OciClient {
  private readonly base: string;
  private readonly allowHttp: boolean;
  private session: string | undefined;

  constructor(
    readonly registry: string,
    readonly repository: string,
    private readonly options: OciClientOptions,
  ) {
    const hostname = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const loopback = isLoopbackHost(hostname) || isLoopbackHost(`[${hostname}]`);
    if (options.plainHttp && !loopback) {
      throw new OrkError('IMPORT_INVALID', `plain http is only allowed for a registry on this machine (127.0.0.1, ::1, localhost), not ${registry}; serve it over https`, {
        source: options.label,
      });
    }
    this.allowHttp = options.plainHttp === true;
    // Docker Hub's API lives on another host than the name people write.
    const apiHost = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
    this.base = `${this.allowHttp ? 'http' : 'https'}://${apiHost}/v2/${repository}`;
  }

  /**
   * The manifest or index for a tag or digest. Verified: when `reference` is a digest, or
   * `expected` is given (a descriptor from an index), the bytes must hash and measure to it; a
   * registry's Docker-Content-Digest header that disagrees with the bytes is also a mismatch.
   */
  async fetchManifest(reference: string, expected?: { digest: string; size?: number }): Promise<FetchedManifest> {
    const what = `manifest ${reference}`;
    const res = await this.get(`${this.base}/manifests/${reference}`, { accept: MANIFEST_ACCEPT, maxBytes: MAX_MANIFEST_BYTES }, what);
    const bytes = res.body;
    const digest = sha256Digest(bytes);
    const wanted = expected?.digest ?? (DIGEST.test(reference) ? reference : undefined);
    if (wanted !== undefined && wanted !== digest) {
      throw this.mismatch(`the ${what} served by the registry hashes to ${digest}, not ${wanted}`);
    }
    if (expected?.size !== undefined && expected.size !== bytes.length) {
      throw this.mismatch(`the ${what} is ${bytes.length} bytes, but its descriptor says ${expected.size}`);
    }
    const announced = res.headers['docker-content-digest'];
    if (announced !== undefined && announced.startsWith('sha256:') && announced !== digest) {
      throw this.mismatch(`the registry announces ${what} as ${announced} but its bytes hash to ${digest}`);
    }
    const content = parseManifest(bytes, res.headers['content-type'], this.options.label, what);
    return { digest, size: bytes.length, mediaType: content.mediaType, bytes, content };
  }

  /** A blob's bytes, refused before download above `maxBytes`, and verified against digest and size. */
  async fetchBlob(descriptor: Descriptor, maxBytes: number = LIMITS.maxImportBytes): Promise<Buffer> {
    const what = `blob ${descriptor.digest}`;
    if (!DIGEST.test(descriptor.digest)) {
      throw new OrkError('IMPORT_INVALID', `${what}: only sha256 digests are supported`, { source: this.options.label });
    }
    if (!Number.isSafeInteger(descriptor.size) || descriptor.size < 0) {
      throw new OrkError('IMPORT_INVALID', `${what}: the descriptor has no valid size`, { source: this.options.label });
    }
    if (descriptor.size > maxBytes) {
      throw new OrkError('IMPORT_TOO_LARGE', `${what} is ${descriptor.size} bytes, over the limit of ${maxBytes} for one import`, {
        source: this.options.label,
      });
    }
    let res: HttpResponse;
    try {
      // Bounded by the import limit rather than by `size`, so that a longer (tampered) blob is
      // still read and reported as the digest mismatch it is, not as an over-large import.
      res = await this.get(`${this.base}/blobs/${descriptor.digest}`, { maxBytes }, what);
    } catch (e) {
      if (e instanceof OrkError && e.code === 'IMPORT_TOO_LARGE') {
        throw this.mismatch(`the ${what} served by the registry is larger than the ${descriptor.size} bytes its descriptor says (and than the ${maxBytes}-byte limit)`);
      }
      throw e;
    }
    if (res.body.length !== descriptor.size) {
      throw this.mismatch(`the ${what} is ${res.body.length} bytes, but its descriptor says ${descriptor.size}`);
    }
    const actual = sha256Digest(res.body);
    if (actual !== descriptor.digest) {
      throw this.mismatch(`the ${what} served by the registry hashes to ${actual}; its content was altered or corrupted`);
    }
    return res.body;
  }

  private mismatch(message: string): OrkError {
    return new OrkError('DIGEST_MISMATCH', `${message}; refusing it`, { source: this.options.label });
  }

  /** GET with the auth dance: at most one challenge answered per request. */
  private async get(url: string, request: { accept?: string; maxBytes: number }, what: string): Promise<HttpResponse> {
    let res = await this.send(url, request, this.session);
    if (res.status === 401) {
      const challenges = parseChallenges(res.headers['www-authenticate'] ?? '');
      const bearer = challenges.find((c) => c.scheme === 'bearer');
      const basic = challenges.find((c) => c.scheme === 'basic');
      if (bearer && bearer.params['realm']) {
        this.session = `Bearer ${await this.token(bearer.params)}`;
      } else if (basic && this.options.authorization?.startsWith('Basic ')) {
        this.session = this.options.authorization;
      } else {
        throw this.authFailure(401, challenges.length === 0 ? 'without saying how to authenticate' : undefined);
      }
      res = await this.send(url, request, this.session);
    }
    if (res.status >= 200 && res.status < 300) return res;
    if (res.status === 401 || res.status === 403) throw this.authFailure(res.status);
    if (res.status === 404) {
      const codes = registryErrorCodes(res.body);
      const detail = codes.length > 0 ? ` (${codes.join(', ')})` : '';
      throw new OrkError('IMPORT_NOT_FOUND', `${what} not found in ${this.registry}/${this.repository}${detail}; check the repository, tag and digest`, {
        source: this.options.label,
      });
    }
    throw new OrkError('IMPORT_FETCH_FAILED', `the registry answered ${res.status} for ${what}`, { source: this.options.label });
  }

  private send(url: string, request: { accept?: string; maxBytes: number }, authorization: string | undefined): Promise<HttpResponse> {
    return httpGet(url, {
      label: this.options.label,
      maxBytes: request.maxBytes,
      ...(request.accept ? { accept: request.accept } : {}),
      ...(authorization ? { headers: { authorization } } : {}),
      ...(this.options.caCertificates ? { caCertificates: this.options.caCertificates } : {}),
      ...(this.options.connections ? { connections: this.options.connections } : {}),
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...policyOptions(this.options.network),
      allowHttpLoopback: this.allowHttp,
    });
  }

  /**
   * The token exchange (see askTokenService), presenting our credential (if any) to the token
   * service, which is how registries such as ghcr.io, Docker Hub and Harbor grant pull access; an
   * anonymous request gets a token for public repositories.
   */
  private async token(params: Record<string, string>): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(params['realm'] ?? '');
    } catch {
      throw new OrkError('IMPORT_FETCH_FAILED', 'the registry sent an authentication challenge with an invalid realm URL', { source: this.options.label });
    }
    const res = await this.askTokenService(realm, params);
    if (res.status === 401 || res.status === 403) throw this.authFailure(res.status);
    if (res.status < 200 || res.status >= 300) {
      throw new OrkError('IMPORT_FETCH_FAILED', `the registry's token service answered ${res.status}`, { source: this.options.label });
    }
    let token: unknown;
    try {
      const body = JSON.parse(res.body.toString('utf8')) as { token?: unknown; access_token?: unknown };
      token = body.token ?? body.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '' || /[\r\n]/.test(token)) {
      throw new OrkError('IMPORT_FETCH_FAILED', "the registry's token service answered without a usable token", { source: this.options.label });
    }
    registerSecret(token);
    return token;
  }

  /**
   * GET realm?service=…&scope=… with our Basic/Bearer credential (or none); with an identity token,
   * POST the same fields plus grant_type=refresh_token instead (the OAuth2 form docker uses).
   */
  private askTokenService(realm: URL, params: Record<string, string>): Promise<HttpResponse> {
    const fields: Record<string, string> = {
      ...(params['service'] ? { service: params['service'] } : {}),
      scope: params['scope'] ?? `repository:${this.repository}:pull`,
    };
    const identity = this.options.identityToken;
    if (identity === undefined) for (const [k, v] of Object.entries(fields)) realm.searchParams.set(k, v);
    const authorization = identity === undefined ? this.options.authorization : undefined;
    return httpGet(realm.href, {
      label: this.options.label,
      maxBytes: 64 * 1024,
      accept: 'application/json',
      ...(identity !== undefined ? { form: { grant_type: 'refresh_token', refresh_token: identity, client_id: 'orkestra', ...fields } } : {}),
      ...(authorization ? { headers: { authorization } } : {}),
      ...(this.options.caCertificates ? { caCertificates: this.options.caCertificates } : {}),
      ...(this.options.connections ? { connections: this.options.connections } : {}),
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...policyOptions(this.options.network),
      allowHttpLoopback: this.allowHttp && isLoopbackHost(realm.hostname),
    });
  }

  private authFailure(status: number, detail?: string): OrkError {
    const origin = this.options.credentialOrigin ?? [];
    const from = origin.join(' and ');
    const message =
      this.options.authorization === undefined && this.options.identityToken === undefined
        ? `the registry requires credentials (${status}${detail ? `, ${detail}` : ''}); add auth: naming the environment variables that hold them, or log in (docker login / helm registry login ${this.registry}) so a registry config holds them`
        : status === 403
          ? `the credentials from ${from || 'auth:'} lack pull access to ${this.registry}/${this.repository} (403)`
          : `the registry rejected the credentials from ${from || 'auth:'} (${status}); check that they are valid and not expired`;
    return new OrkError('IMPORT_AUTH_FAILED', message, { source: this.options.label });
  }
}

function registryErrorCodes(body: Buffer): string[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: Array<{ code?: unknown }> };
    return (parsed.errors ?? []).map((e) => e.code).filter((c): c is string => typeof c === 'string' && /^[A-Z_]{1,40}$/.test(c));
  } catch {
    return [];
  }
}
