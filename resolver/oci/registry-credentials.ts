// Which credential an OCI pull presents, decided once per registry and resolve: the import's `auth:` variables
// when given; else the first registry config (docker's, then Helm's: see dockerConfigFiles) that
// says something about the registry, running its credential helper when it names one; else none,
// an anonymous pull. `origin` names where the credential came from, for messages, never its value.
import type { Auth } from '../../shared/katalog/types.js';
import { authorizationHeader, authVariables } from '../net/auth.js';
import { runCredentialHelper } from './credential-helper.js';
import { dockerConfigFiles, readDockerCredentials } from './docker-config.js';

export interface RegistryCredentials {
  /** `Basic …` or `Bearer …`, presented to the registry or its token service. */
  authorization?: string;
  /** An OAuth2 refresh token, exchanged at the token service (POST grant_type=refresh_token). */
  identityToken?: string;
  origin: string[];
}

export interface CredentialContext {
  env: Readonly<Record<string, string | undefined>>;
  /** Credentials already read from the registry configs in this resolve, by config and registry. */
  registryCredentials?: CredentialCache;
}

/** One lookup per registry and resolve: fifty imports from one registry run its credential helper once. */
export type CredentialCache = Map<string, Promise<RegistryCredentials>>;

export function newCredentialCache(): CredentialCache {
  return new Map();
}

export async function registryCredentials(
  registry: string,
  auth: Auth | undefined,
  context: CredentialContext,
  label: string,
  dockerConfig?: string,
): Promise<RegistryCredentials> {
  if (auth !== undefined) {
    const header = authorizationHeader(auth, context.env, label);
    return { ...(header ? { authorization: header } : {}), origin: authVariables(auth).map((v) => `$${v}`) };
  }
  const cache = context.registryCredentials;
  if (cache === undefined) return fromConfigFiles(registry, context, label, dockerConfig);
  const key = `${dockerConfig ?? ''}\0${registry}`;
  // A failed lookup is not shared: each import that needs it runs it again and reports in its own name.
  const cached = cache.get(key);
  const known = cached === undefined ? undefined : await cached.catch(() => undefined);
  if (known !== undefined) return known;
  const lookup = fromConfigFiles(registry, context, label, dockerConfig);
  cache.set(key, lookup);
  lookup.catch(() => cache.get(key) === lookup && cache.delete(key));
  return lookup;
}

async function fromConfigFiles(registry: string, context: CredentialContext, label: string, dockerConfig: string | undefined): Promise<RegistryCredentials> {
  for (const file of dockerConfigFiles(context.env, dockerConfig)) {
    let found = await readDockerCredentials(file, registry, label);
    let origin = file.path;
    if (found?.kind === 'helper') {
      origin = `docker-credential-${found.program} (named in ${file.path})`;
      found = await runCredentialHelper({ program: found.program, host: registry, env: context.env, label });
    }
    if (found === undefined) continue;
    if (found.kind === 'identity-token') return { identityToken: found.token, origin: [origin] };
    if (found.kind === 'header') return { authorization: found.authorization, origin: [origin] };
  }
  return { origin: [] };
}

/** The OciClient options for a credential: what to present and where it came from. */
export function clientCredentials(c: RegistryCredentials): { authorization?: string; identityToken?: string; credentialOrigin: string[] } {
  return {
    ...(c.authorization ? { authorization: c.authorization } : {}),
    ...(c.identityToken ? { identityToken: c.identityToken } : {}),
    credentialOrigin: c.origin,
  };
}
