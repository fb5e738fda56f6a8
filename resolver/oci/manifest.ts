// OCI and Docker manifest and index documents: their media types, shapes and a structural parse
// of an untrusted body, keeping only the fields the resolver reads. Pure.
import { OrkError } from '../../shared/errors.js';

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifest, MEDIA_TYPES.dockerManifestList].join(', ');

/** Registries must accept manifests up to 4 MiB (distribution spec); we read no more. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  kind: 'manifest';
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  kind: 'index';
  mediaType: string;
  manifests: Descriptor[];
}

export interface FetchedManifest {
  /** `sha256:<hex>` computed from the bytes received (and checked against what was asked for). */
  digest: string;
  size: number;
  mediaType: string;
  bytes: Buffer;
  content: ImageManifest | ImageIndex;
}

function isDescriptor(v: unknown): v is Descriptor {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  return typeof d['mediaType'] === 'string' && typeof d['digest'] === 'string' && typeof d['size'] === 'number';
}

/** Structural check of a manifest/index body; the media type comes from the body, else Content-Type. */
export function parseManifest(bytes: Buffer, contentType: string | undefined, label: string, what: string): ImageManifest | ImageIndex {
  const invalid = (why: string): OrkError => new OrkError('IMPORT_INVALID', `${what}: ${why}`, { source: label });
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    throw invalid('is not a JSON object');
  }
  const mediaType = typeof body['mediaType'] === 'string' ? body['mediaType'] : (contentType ?? '').split(';')[0]!.trim();
  if (body['schemaVersion'] !== 2) {
    throw invalid(`has schemaVersion ${JSON.stringify(body['schemaVersion'])}; only schema 2 (OCI or Docker v2) manifests are supported`);
  }
  const annotations = stringMap(body['annotations']);
  if (Array.isArray(body['manifests'])) {
    if (!body['manifests'].every(isDescriptor)) throw invalid('lists a manifest descriptor without mediaType, digest or size');
    return { kind: 'index', mediaType: mediaType || MEDIA_TYPES.ociIndex, manifests: body['manifests'].map(cleanDescriptor) };
  }
  if (!isDescriptor(body['config']) || !Array.isArray(body['layers']) || !body['layers'].every(isDescriptor)) {
    throw invalid('is neither an image manifest (config + layers) nor an index (manifests)');
  }
  return {
    kind: 'manifest',
    mediaType: mediaType || MEDIA_TYPES.ociManifest,
    ...(typeof body['artifactType'] === 'string' ? { artifactType: body['artifactType'] } : {}),
    config: cleanDescriptor(body['config']),
    layers: body['layers'].map(cleanDescriptor),
    ...(annotations ? { annotations } : {}),
  };
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

function cleanDescriptor(d: Descriptor): Descriptor {
  const annotations = stringMap(d.annotations);
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    ...(typeof d.artifactType === 'string' ? { artifactType: d.artifactType } : {}),
    ...(annotations ? { annotations } : {}),
  };
}
