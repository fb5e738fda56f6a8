// What -f means when it is left out, and -f given an https URL, as the Go runtime's `ork run`,
// `ork validate` and `ork template` read them:
// - no -f: `katalog.yaml` in the working directory, else `komposer.yaml` there;
// - `-f https://…`: the Katalog (or Komposer) at that URL, read as a Komposer with that one file
//   import, so it is fetched once by the resolver (bounded, pinned by digest in the bundle, redirects
//   and http:// refused as for any import) and its relative crdFile and include paths resolve
//   against the URL. No credentials are sent: a private URL goes in a Komposer with `auth`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OrkError } from '../shared/errors.js';

/** The files tried, in order, when -f is left out. */
export const DEFAULT_INPUTS = ['katalog.yaml', 'komposer.yaml'] as const;

/** The -f value given, or the default file in `cwd`; a USAGE error naming both when neither is there. */
export function inputOrDefault(given: string | undefined, cwd: string, command: string): string {
  if (given !== undefined && given !== '') return given;
  const found = DEFAULT_INPUTS.find((name) => existsSync(join(cwd, name)));
  if (found) return found;
  throw new OrkError('USAGE', `no -f given and no ${DEFAULT_INPUTS.join(' or ')} in ${cwd}; give the file with -f (see 'ork ${command} --help')`);
}

/** -f names a URL rather than a path. */
export function isUrlInput(given: string): boolean {
  return /^https?:\/\//i.test(given);
}

/** The in-memory Komposer that imports the one file at `url`. */
export function komposerForUrl(url: string): string {
  return `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata:
  name: ${JSON.stringify(nameFromUrl(url))}
imports:
  files:
    - ${JSON.stringify(url)}
`;
}

/** A DNS-label name from the URL's last path segment (`…/web/katalog.yaml` → `katalog`), else `remote`. */
function nameFromUrl(url: string): string {
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    return 'remote';
  }
  const last = path.split('/').filter(Boolean).pop() ?? '';
  const name = last.replace(/\.(ya?ml|json)$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
  return name === '' ? 'remote' : name;
}
