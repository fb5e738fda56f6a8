// Which Source serves each import of a Komposer, in declaration order (files, then helm, then oci,
// then the Go runtime's `registry:` spelling). A `files:` entry is a URL when it says https:// or
// http://, a path otherwise. Also how to reach a file *beside* an import (a Katalog's relative
// `crdFile`): on disk beside a file, at the same origin (same credentials) beside a URL; charts
// and artifacts must carry theirs. Constructing a source never fetches or throws.
import { posix } from 'node:path';
import type { Auth, Imports } from '../../shared/katalog/types.js';
import { fileSource } from './file.js';
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
}

export interface PlannedImport {
  source: Source;
  /** A source for `target` relative to this import, when the scheme has such a place. */
  beside?: (target: string) => Source;
}

const URL_SCHEME = /^https?:\/\//i;

export function isUrl(text: string): boolean {
  return URL_SCHEME.test(text);
}

export function planImports(imports: Imports | undefined, options: SourceOptions = {}): PlannedImport[] {
  const planned: PlannedImport[] = [];
  for (const item of imports?.files ?? []) {
    const spec = typeof item === 'string' ? (isUrl(item) ? { url: item } : { path: item }) : item;
    if (spec.url !== undefined) planned.push(urlImport(spec.url, spec.auth, spec.digest, options));
    else planned.push(pathImport(spec.path ?? '', spec.digest));
  }
  const http = options.allowHttpLoopback ? { allowHttpLoopback: true } : {};
  const helm = { ...http, ...(options.helmBinary ? { helmBinary: options.helmBinary } : {}), ...(options.dockerConfig ? { dockerConfig: options.dockerConfig } : {}) };
  for (const chart of imports?.helm ?? []) planned.push({ source: helmSource(chart, helm) });
  const oci = options.dockerConfig ? { dockerConfig: options.dockerConfig } : {};
  for (const artifact of [...(imports?.oci ?? []), ...(imports?.registry ?? [])]) planned.push({ source: ociSource(artifact, oci) });
  return planned;
}

/** A source for a URL named outright (an absolute `crdFile`): fetched without credentials. */
export function plainUrlSource(url: string, options: SourceOptions = {}): Source {
  return httpsSource({ url }, options.allowHttpLoopback ? { allowHttpLoopback: true } : {});
}

function pathImport(path: string, digest: string | undefined): PlannedImport {
  return {
    source: fileSource({ path, ...(digest ? { digest } : {}) }),
    beside: (target) => fileSource({ path: posix.join(posix.dirname(path), target) }),
  };
}

function urlImport(url: string, auth: Auth | undefined, digest: string | undefined, options: SourceOptions): PlannedImport {
  const http = options.allowHttpLoopback ? { allowHttpLoopback: true } : {};
  return {
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
