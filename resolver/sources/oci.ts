// The `oci:` import source (and the Go runtime's `registry: {url, oci: true, version}` spelling):
// resolves a tag or digest to a verified manifest, then takes the Katalog and CRD files from the
// layers that carry them. Owns the artifact layout described below; the wire protocol and digest
// checks live in oci-client.ts. Records `oci:registry/repo@<manifest digest>`, never a tag or a credential.
//
// Artifact layout (what `ork` accepts, in the order checked for each layer):
//   * artifactType / config media type `application/vnd.orkestra.katalog.v1` marks an Orkestra
//     artifact; it is recommended, not required (tools such as oras push files with other types).
//   * layer media type `application/vnd.orkestra.katalog.layer.v1+yaml` → one Katalog YAML file;
//     `application/vnd.orkestra.crd.layer.v1+yaml` → one CRD manifest. Named by the
//     `org.opencontainers.image.title` annotation (default `katalog.yaml` / `crds/<digest>.yaml`).
//   * a tar+gzip layer (`application/vnd.orkestra.katalog.layer.v1.tar+gzip`, or the OCI/Docker
//     image layer types) → unpacked in memory; files named `katalog.yaml|yml|json` and YAML/JSON
//     files under a `crds/` directory are taken.
//   * any other layer whose title is `katalog.yaml|yml|json` or lies under `crds/` is taken as a
//     raw file (how `oras push reg/repo:tag katalog.yaml crds/site.yaml` stores files).
// Everything else is ignored and not downloaded. An artifact yielding nothing is IMPORT_INVALID.
import type { Auth, OciImport, RegistryImport } from '../../shared/katalog/types.js';
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import type { FetchedImport, ImportedDocument, Source, SourceContext } from './source.js';
import { decodeUtf8, parsePin, verifyPin } from '../content.js';
import { readTarGz } from '../archive/tar-gz.js';
import { clientCredentials, registryCredentials } from '../oci/registry-credentials.js';
import { OciClient } from '../oci/client.js';
import type { Descriptor, FetchedManifest, ImageManifest } from '../oci/manifest.js';
import { formatReference, parseReference, type OciReference } from '../oci/reference.js';
import { isLoopbackHost } from '../net/http-client.js';
import { sanitizeUrl } from '../net/sanitize.js';

export const KATALOG_ARTIFACT_TYPE = 'application/vnd.orkestra.katalog.v1';
export const KATALOG_LAYER_MEDIA_TYPE = 'application/vnd.orkestra.katalog.layer.v1+yaml';
export const CRD_LAYER_MEDIA_TYPE = 'application/vnd.orkestra.crd.layer.v1+yaml';
export const KATALOG_TAR_LAYER_MEDIA_TYPE = 'application/vnd.orkestra.katalog.layer.v1.tar+gzip';
export const TITLE_ANNOTATION = 'org.opencontainers.image.title';

const TAR_GZIP_LAYERS = new Set([
  KATALOG_TAR_LAYER_MEDIA_TYPE,
  'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.docker.image.rootfs.diff.tar.gzip',
]);
const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';

export interface OciSourceOptions {
  /** A docker config.json (or its directory) to take registry credentials from when the import has no `auth:`. */
  dockerConfig?: string;
  /** Take every YAML/JSON file of the artifact, not only katalog.yaml and crds/ (a Komposer loaded with useKomposer, and the files it names). */
  everyFile?: boolean;
}

/** An `oci:` import in one shape, whichever spelling it was written in. */
export interface OciTarget {
  reference: OciReference;
  auth?: Auth;
  pin?: string;
  /** Plain http, decided from the spelling: loopback registries and explicit `http://` URLs. */
  plainHttp: boolean;
  label: string;
}

/**
 * Normalises either spelling. `oci.ref` without a scheme speaks https, except to a loopback registry
 * (a registry on this machine is a development or test setup that rarely has a certificate).
 * `registry.url` may say `https://`, `http://` (loopback only) or `oci://`.
 */
export function ociTarget(spec: OciImport | RegistryImport): OciTarget {
  if ('ref' in spec) {
    const label = `oci:${sanitizeUrl(String(spec.ref)).replace(/^oci:\/\//, '')}`;
    if (typeof spec.ref !== 'string' || spec.ref === '') throw new OrkError('IMPORT_INVALID', 'oci import needs ref: registry/repo:tag', { source: label });
    const reference = parseReference(spec.ref, label);
    return {
      reference,
      ...(spec.auth ? { auth: spec.auth } : {}),
      ...(spec.digest !== undefined ? { pin: parsePin(spec.digest, label) as string } : {}),
      plainHttp: isLoopbackRegistry(reference.registry),
      label,
    };
  }
  const rawUrl = typeof spec.url === 'string' ? spec.url : '';
  const label = `oci:${sanitizeUrl(rawUrl).replace(/^[a-z]+:\/\//, '')}`;
  if (spec.oci === false) {
    throw new OrkError('IMPORT_INVALID', 'registry imports must be OCI registries (oci: true); list HTTP files under files:', { source: label });
  }
  const scheme = /^([a-z]+):\/\//i.exec(rawUrl)?.[1]?.toLowerCase();
  if (scheme !== undefined && !['https', 'http', 'oci'].includes(scheme)) {
    throw new OrkError('IMPORT_INVALID', `registry.url must start with https://, http:// or oci:// (got ${scheme}://)`, { source: label });
  }
  const written = rawUrl.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  const { bare, version } = typeof spec.version === 'string' && spec.version !== '' ? { bare: written, version: spec.version } : versionInUrl(written);
  if (version === undefined) {
    throw new OrkError('IMPORT_INVALID', 'registry import needs version: (a tag, or sha256:<hex>), or the url ending :<tag> or @<tag>', { source: label });
  }
  const ref = version.startsWith('sha256:') ? `${bare}@${version}` : `${bare}:${version}`;
  const reference = parseReference(ref, label);
  return {
    reference,
    ...(spec.auth ? { auth: spec.auth } : {}),
    plainHttp: scheme === 'http' || (scheme !== 'https' && isLoopbackRegistry(reference.registry)),
    label: `oci:${formatReference(reference)}`,
  };
}

/**
 * The version upstream's string form writes in the url itself: `host/repo:tag`, `host/repo@sha256:…`
 * or `host/repo@tag` (its docs' `patterns/katalogs/postgres@v1.0.0`); only the last path segment
 * is read, so a registry port (`host:5000/repo`) is not taken for a tag.
 */
function versionInUrl(url: string): { bare: string; version?: string } {
  const slash = url.lastIndexOf('/');
  const last = url.slice(slash + 1);
  const at = last.indexOf('@');
  const colon = last.lastIndexOf(':');
  const cut = at >= 0 ? at : colon;
  if (slash < 0 || cut <= 0 || cut === last.length - 1) return { bare: url };
  return { bare: url.slice(0, slash + 1 + cut), version: last.slice(cut + 1) };
}

export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '');
  return isLoopbackHost(host) || isLoopbackHost(host.replace(/^\[|\]$/g, ''));
}

/** Like httpsSource, never throws: a malformed import is reported by fetch(), under the same label. */
export function ociSource(spec: OciImport | RegistryImport, options: OciSourceOptions = {}): Source {
  let target: OciTarget | OrkError;
  try {
    target = ociTarget(spec);
  } catch (e) {
    if (!(e instanceof OrkError)) throw e;
    target = e;
  }
  const label = target instanceof OrkError ? (target.source ?? 'oci:') : target.label;
  return {
    label,
    fetch: (context) => (target instanceof OrkError ? Promise.reject(target) : fetchOci(target, context, options)),
  };
}

async function fetchOci(target: OciTarget, context: SourceContext, options: OciSourceOptions): Promise<FetchedImport> {
  const { reference, label } = target;
  const credentials = await registryCredentials(reference.registry, target.auth, context, label, options.dockerConfig);
  const client = new OciClient(reference.registry, reference.repository, {
    label,
    ...clientCredentials(credentials),
    plainHttp: target.plainHttp,
    ...(context.caCertificates ? { caCertificates: context.caCertificates } : {}),
    ...(context.connections ? { connections: context.connections } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.network ? { network: context.network } : {}),
  });
  const top = await client.fetchManifest(reference.digest ?? (reference.tag as string));
  verifyPin(target.pin, top.digest, label);
  const manifest = await chooseManifest(client, top, label);
  if (manifest.config.mediaType === HELM_CONFIG_MEDIA_TYPE) {
    throw new OrkError('IMPORT_INVALID', 'this OCI artifact is a Helm chart; import it under helm: with repo: oci://<registry>/<path> and chart/version', {
      source: label,
    });
  }
  const documents = await documentsFromLayers(client, manifest, label, options.everyFile ? (path) => DOCUMENT_FILE.test(path) : isWantedFile);
  return {
    ref: `oci:${reference.registry}/${reference.repository}@${top.digest}`,
    digest: top.digest,
    size: top.size,
    mediaType: top.mediaType,
    documents,
  };
}

/** An index is followed to the one manifest that is an Orkestra artifact, or its only manifest. */
async function chooseManifest(client: OciClient, top: FetchedManifest, label: string): Promise<ImageManifest> {
  if (top.content.kind === 'manifest') return top.content;
  const entries = top.content.manifests;
  const ours = entries.filter((d) => d.artifactType === KATALOG_ARTIFACT_TYPE);
  const pick = ours.length === 1 ? ours[0] : entries.length === 1 ? entries[0] : undefined;
  if (pick === undefined) {
    throw new OrkError(
      'IMPORT_INVALID',
      `the index lists ${entries.length} manifests and ${ours.length} with artifactType ${KATALOG_ARTIFACT_TYPE}; reference the wanted manifest by digest`,
      { source: label },
    );
  }
  const child = await client.fetchManifest(pick.digest, { digest: pick.digest, size: pick.size });
  if (child.content.kind !== 'manifest') throw new OrkError('IMPORT_INVALID', 'an index inside an index is not supported', { source: label });
  return child.content;
}

type LayerUse = { kind: 'raw'; path: string } | { kind: 'tar' } | { kind: 'skip' };

const DOCUMENT_FILE = /\.(ya?ml|json)$/i;

/** Whether a file path (from a title or inside a tar layer) is a Katalog or CRD file we take. */
export function isWantedFile(path: string): boolean {
  const parts = path.split('/');
  const base = parts[parts.length - 1] ?? '';
  if (/^(katalog|motif)\.(ya?ml|json)$/i.test(base)) return true;
  return DOCUMENT_FILE.test(base) && parts.slice(0, -1).includes('crds');
}

/** What to do with one layer; see the layout at the top of this file. */
export function layerUse(layer: Descriptor, wanted: (path: string) => boolean = isWantedFile): LayerUse {
  const title = layer.annotations?.[TITLE_ANNOTATION];
  const short = layer.digest.replace(/^sha256:/, '').slice(0, 12);
  if (layer.mediaType === KATALOG_LAYER_MEDIA_TYPE) return { kind: 'raw', path: title ?? 'katalog.yaml' };
  if (layer.mediaType === CRD_LAYER_MEDIA_TYPE) return { kind: 'raw', path: title ?? `crds/${short}.yaml` };
  if (TAR_GZIP_LAYERS.has(layer.mediaType)) return { kind: 'tar' };
  if (title !== undefined && wanted(title)) return { kind: 'raw', path: title };
  return { kind: 'skip' };
}

async function documentsFromLayers(client: OciClient, manifest: ImageManifest, label: string, wanted: (path: string) => boolean): Promise<ImportedDocument[]> {
  const plan = manifest.layers.map((layer) => ({ layer, use: layerUse(layer, wanted) })).filter((p) => p.use.kind !== 'skip');
  const total = plan.reduce((sum, p) => sum + p.layer.size, 0);
  if (total > LIMITS.maxArchiveBytes) {
    throw new OrkError('IMPORT_TOO_LARGE', `the Katalog layers add up to ${total} bytes, over the limit of ${LIMITS.maxArchiveBytes}`, { source: label });
  }
  const documents: ImportedDocument[] = [];
  const seen = new Set<string>();
  const add = (path: string, bytes: Buffer): void => {
    if (seen.has(path)) {
      throw new OrkError('IMPORT_INVALID', `two layers both provide ${JSON.stringify(path)}; an artifact must carry each file once`, { source: label });
    }
    seen.add(path);
    documents.push({ path, text: decodeUtf8(bytes, `${label} (${path})`) });
  };
  for (const { layer, use } of plan) {
    if (use.kind === 'raw') {
      const bytes = await client.fetchBlob(layer, LIMITS.maxYamlBytes);
      add(use.path, bytes);
    } else {
      const files = await readTarGz(await client.fetchBlob(layer), label);
      for (const file of files) {
        if (!wanted(file.path)) continue;
        if (file.data.length > LIMITS.maxYamlBytes) {
          throw new OrkError('IMPORT_TOO_LARGE', `${file.path} is ${file.data.length} bytes, over the limit of ${LIMITS.maxYamlBytes} for one YAML file`, {
            source: label,
          });
        }
        add(file.path, file.data);
      }
    }
  }
  if (documents.length === 0) {
    const seenLayers = manifest.layers.map((l) => `${l.mediaType}${l.annotations?.[TITLE_ANNOTATION] ? ` (${l.annotations[TITLE_ANNOTATION]})` : ''}`);
    throw new OrkError(
      'IMPORT_INVALID',
      `the artifact carries no katalog.yaml and no CRD file (layers: ${seenLayers.join(', ') || 'none'}); push katalog.yaml as a layer of type ${KATALOG_LAYER_MEDIA_TYPE} or titled katalog.yaml`,
      { source: label },
    );
  }
  return documents;
}
