// Credentials for remote imports: an `auth:` block names environment variables; this turns them into
// one Authorization header value. Shared by the https, helm and oci sources. Errors name the
// VARIABLE, never its value; nothing here logs, stores or returns a credential except the header,
// and every value read is registered with shared/secrets so no output can quote it.
import type { Auth } from '../../shared/katalog/types.js';
import { OrkError } from '../../shared/errors.js';
import { registerBasicCredential, registerSecret } from '../../shared/secrets.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The `Authorization` header value for an auth block: `Bearer <token>` for `github` and `bearer`,
 * `Basic <base64(user:password)>` for `basic`; undefined when there is no auth block.
 * Throws IMPORT_AUTH_MISSING naming the variable when a named variable is unset or empty, and
 * IMPORT_INVALID when the block itself is malformed. `label` is the sanitised source, used as the
 * error's `source`.
 */
export function authorizationHeader(auth: Auth | undefined, env: Env, label: string): string | undefined {
  if (auth === undefined) return undefined;
  switch (auth.type) {
    case 'github':
    case 'bearer': {
      const token = readVariable(auth.fromEnv, 'fromEnv', env, label);
      registerSecret(token);
      return `Bearer ${token}`;
    }
    case 'basic': {
      const username = readVariable(auth.usernameFromEnv, 'usernameFromEnv', env, label);
      const password = readVariable(auth.passwordFromEnv, 'passwordFromEnv', env, label);
      registerBasicCredential(username, password);
      if (username.includes(':')) {
        throw new OrkError(
          'IMPORT_INVALID',
          `the user name in $${auth.usernameFromEnv} contains ':', which basic auth cannot carry`,
          { source: label },
        );
      }
      return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    }
    default:
      throw new OrkError(
        'IMPORT_INVALID',
        `auth.type must be one of github, bearer, basic (got ${JSON.stringify((auth as { type?: unknown }).type)})`,
        { source: label },
      );
  }
}

/** The variable names an auth block reads, in order, for messages such as "credentials in $X were rejected". */
export function authVariables(auth: Auth | undefined): string[] {
  if (auth === undefined) return [];
  if (auth.type === 'basic') return [auth.usernameFromEnv, auth.passwordFromEnv];
  return [auth.fromEnv];
}

function readVariable(name: unknown, field: string, env: Env, label: string): string {
  if (typeof name !== 'string' || name === '') {
    throw new OrkError('IMPORT_INVALID', `auth.${field} must name an environment variable`, { source: label });
  }
  const value = env[name];
  if (value === undefined) {
    throw new OrkError('IMPORT_AUTH_MISSING', `environment variable ${name} is not set; export it with the credential for this import`, {
      source: label,
    });
  }
  if (value === '') {
    throw new OrkError('IMPORT_AUTH_MISSING', `environment variable ${name} is empty; set it to the credential for this import`, {
      source: label,
    });
  }
  // A line break in a header value would be refused by the HTTP client with a message we do not
  // control; refuse it here, naming only the variable.
  if (/[\x00-\x1f\x7f]/.test(value)) {
    throw new OrkError('IMPORT_INVALID', `environment variable ${name} contains a line break or control character; set it to the bare credential`, {
      source: label,
    });
  }
  return value;
}
