// Which Source serves each import of a Komposer, in declaration order (files, then helm, then oci,
// then the Go runtime's `registry:` spelling). A `files:` entry (a string, or the `url:`/`path:` of
// an object, as upstream reads either) is a URL when it says https:// or http://, a path (relative
// to the Komposer) otherwise; `$NAME` takes the value of that environment variable, and an unset or
// empty one skips the entry with a warning, as upstream does (optional per-environment imports). Also how to reach a file *beside* an import (a Katalog's relative
// `crdFile`): on disk beside a file, at the same origin (same credentials) beside a URL; charts
// and artifacts must carry theirs. Constructing a source never fetches or throws.
import { posix } from 'node:path';
import type { Auth, Imports, RegistryImport } from '../../shared/katalog/types.js';
import { fileSource } from './file.js';
import { gitRegistrySources } from './git-registry.js';
import { helmSource } from './helm.js';
import { httpsSource } from './https.js';
import { ociSource } from './oci.js';
import type { Source } from './source.js';

export interface SourceOptions {
  /** The helm binary for charts whose templates produce Katalogs. */
  helmBinary?: string;
  /** A docker config.json for OCI registries named without `auth:`. */
  dockerConfig?: string;
  /** Permit http:// URLs and chart repositories on loopback addresses (local development, tests). */
  allowHttpLoopback?: boolean;
  /** Environment for `$NAME` file entries; without it such an entry is taken as a path. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Told about each import left out (a `$NAME` entry whose variable is unset), with its path. */
  onSkip?: (at: string, message: string) => void;
  /** The source of a `registry:` import with `useKomposer: true` (resolver/nested-komposer.ts); without it the artifact's katalog.yaml is taken. */
  komposerSource?: (artifact: RegistryImport) => Source;
  /** Where a relative `files:` path is read from instead of disk (a nested Komposer's own artifact). */
  localFile?: (path: string) => Omit<PlannedImport, 'at'>;
}

export interface PlannedImport {
  source: Source;
  /** A source for `target` relative to this import, when the scheme has such a place. */
  beside?: (target: string) => Source;
  /** Where the Komposer declares it: `imports.files[1]`, `imports.helm[0]`, … */
  at: string;
  /** Fetched over the network (everything but a local file). */
  remote: boolean;
}

/** `$NAME` or `${NAME}`: a file import named by an environment variable. */
const ENV_REF = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

const URL_SCHEME = /^https?:\/\//i;

export function isUrl(text: string): boolean {
  return URL_SCHEME.test(text);
}

export function planImports(imports: Imports | undefined, options: SourceOptions = {}): PlannedImport[] {
  const planned: PlannedImport[] = [];
  (imports?.files ?? []).forEach((item, i) => {
    const at = `imports.files[${i}]`;
    const spec = typeof item === 'string' ? { url: item } : item;
    const named = expandEnv(spec.url ?? spec.path ?? '', at, options);
    if (named === undefined) return;
    const one = isUrl(named) ? urlImport(named, spec.auth, spec.digest, options) : options.localFile ? options.localFile(named) : pathImport(named, spec.digest);
    planned.push({ ...one, at });
  });
  const http = options.allowHttpLoopback ? { allowHttpLoopback: true } : {};
  const helm = { ...http, ...(options.helmBinary ? { helmBinary: options.helmBinary } : {}), ...(options.dockerConfig ? { dockerConfig: options.dockerConfig } : {}) };
  (imports?.helm ?? []).forEach((chart, i) => planned.push({ source: helmSource(chart, helm), at: `imports.helm[${i}]`, remote: true }));
  const oci = options.dockerConfig ? { dockerConfig: options.dockerConfig } : {};
  (imports?.oci ?? []).forEach((artifact, i) => planned.push({ source: ociSource(artifact, oci), at: `imports.oci[${i}]`, remote: true }));
  (imports?.registry ?? []).forEach((artifact, i) => {
    if (isGitRegistry(artifact)) {
      const git = gitRegistrySources(artifact, options.allowHttpLoopback ? { allowLoopback: true } : {});
      for (const one of git) planned.push({ source: one.source, at: `imports.registry[${i}]${one.at ? `.${one.at}` : ''}`, remote: true });
      return;
    }
    const source = artifact.useKomposer === true && options.komposerSource ? options.komposerSource(artifact) : ociSource(artifact, oci);
    planned.push({ source, at: `imports.registry[${i}]`, remote: true });
  });
  return planned;
}

/** Upstream's Git registry forms: the older `katalog:` map, or `oci: false` (upstream's default) with a Git URL. */
function isGitRegistry(artifact: RegistryImport): boolean {
  const named = artifact.katalog !== undefined && typeof artifact.katalog === 'object' && Object.keys(artifact.katalog).length > 0;
  return named || (artifact.oci === false && typeof artifact.url === 'string' && /^(https?|git|file):\/\//i.test(artifact.url));
}

/** The entry itself, or the variable's value for `$NAME`; undefined (reported) when that is unset or empty. */
function expandEnv(text: string, at: string, options: SourceOptions): string | undefined {
  const ref = ENV_REF.exec(text);
  if (!ref || !options.env) return text;
  const name = ref[1] ?? ref[2]!;
  const value = options.env[name];
  if (value !== undefined && value !== '') return value;
  options.onSkip?.(at, `${text} is not set, so this import is skipped (as upstream does); set ${name} to the Katalog's path or URL to include it`);
  return undefined;
}

/** A source for a URL named outright (an absolute `crdFile`): fetched without credentials. */
export function plainUrlSource(url: string, options: SourceOptions = {}): Source {
  return httpsSource({ url }, options.allowHttpLoopback ? { allowHttpLoopback: true } : {});
}

function pathImport(path: string, digest: string | undefined): Omit<PlannedImport, 'at'> {
  return {
    remote: false,
    source: fileSource({ path, ...(digest ? { digest } : {}) }),
    beside: (target) => fileSource({ path: posix.join(posix.dirname(path), target) }),
  };
}

function urlImport(url: string, auth: Auth | undefined, digest: string | undefined, options: SourceOptions): Omit<PlannedImport, 'at'> {
  const http = options.allowHttpLoopback ? { allowHttpLoopback: true } : {};
  return {
    remote: true,
    source: httpsSource({ url, ...(auth ? { auth } : {}), ...(digest ? { digest } : {}) }, http),
    beside: (target) => {
      let next: URL;
      try {
        next = new URL(target, url);
      } catch {
        return httpsSource({ url: target }, http);
      }
      // Credentials go only where the import itself was fetched from.
      const sameOrigin = next.origin === new URL(url).origin;
      return httpsSource({ url: next.href, ...(auth && sameOrigin ? { auth } : {}) }, http);
    },
  };
}
