// Sample CRs (`crFiles`) for `ork run`: which files the Katalog names, and whether each document in
// them is a CR that one of the bundle's CRDs serves. Pure: the caller reads the files. Upstream's
// `ork run` applies them once the CRDs are established; in a cluster install they are only samples.
import type { CrdObject } from '../../shared/bundle/index.js';
import { OrkError } from '../../shared/errors.js';
import type { KatalogDocument } from '../../shared/katalog/index.js';
import type { KubeObject } from '../../shared/kube/index.js';

/** A crFiles entry as the Katalog wrote it, and the Katalog file that wrote it. */
export interface SampleFileRef {
  entry: string;
  declaredIn: string;
  crFile: string;
}

export function sampleFileRefs(document: KatalogDocument, declaredIn: string): SampleFileRef[] {
  return Object.entries(document.spec.crds).flatMap(([entry, crd]) => (crd.crFiles ?? []).map((crFile) => ({ entry, declaredIn, crFile })));
}

/**
 * Local Katalog files a Komposer imports by path: a string or `url:`/`path:` without a scheme, as
 * the resolver plans them (URLs, registries and `$NAME` entries are not followed for samples).
 */
export function localImportPaths(document: KatalogDocument): string[] {
  return (document.imports?.files ?? []).flatMap((f) => {
    const named = typeof f === 'string' ? f : (f.url ?? f.path);
    return named === undefined || named === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(named) || named.startsWith('$') ? [] : [named];
  });
}

/** The CR in one YAML document of `file`, checked against the served CRDs; CR_INVALID names the document. */
export function checkSampleCr(value: unknown, file: string, index: number, crds: readonly CrdObject[]): KubeObject {
  const where = `${file} (document ${index + 1})`;
  const invalid = (why: string) => new OrkError('CR_INVALID', `sample CR ${where}: ${why}; fix the file or remove it from crFiles`, { source: file });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('is not a mapping');
  const cr = value as Partial<KubeObject>;
  if (typeof cr.apiVersion !== 'string' || typeof cr.kind !== 'string') throw invalid('needs apiVersion and kind');
  if (typeof cr.metadata?.name !== 'string' || cr.metadata.name === '') throw invalid('needs metadata.name');
  const [group, version] = cr.apiVersion.includes('/') ? cr.apiVersion.split('/', 2) : ['', cr.apiVersion];
  const crd = crds.find((c) => crdServes(c, group, version, cr.kind as string));
  if (!crd) {
    const served = crds.flatMap((c) => servedVersions(c).map((v) => `${spec(c).group}/${v} ${spec(c).names?.kind}`));
    throw invalid(`${cr.apiVersion} ${cr.kind} is served by no CRD of this Katalog (it serves: ${served.join(', ') || 'nothing'})`);
  }
  if (spec(crd).scope === 'Cluster' && cr.metadata.namespace !== undefined) throw invalid(`${crd.metadata.name} is cluster-scoped, so metadata.namespace must not be set`);
  return cr as KubeObject;
}

interface CrdSpecView {
  group?: string;
  scope?: string;
  names?: { kind?: string };
  versions?: { name?: string; served?: boolean }[];
}

function spec(crd: CrdObject): CrdSpecView {
  return ((crd as { spec?: unknown }).spec ?? {}) as CrdSpecView;
}

function servedVersions(crd: CrdObject): string[] {
  return (spec(crd).versions ?? []).filter((v) => v.served !== false && typeof v.name === 'string').map((v) => v.name as string);
}

function crdServes(crd: CrdObject, group: string, version: string, kind: string): boolean {
  return spec(crd).group === group && spec(crd).names?.kind === kind && servedVersions(crd).includes(version);
}
