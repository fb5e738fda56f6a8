// The `helm:` import source: one exact chart version from an HTTP(S) chart repository (index.yaml →
// .tgz verified against the index digest) or from an OCI registry (`repo: oci://…`, Helm's media
// types, verified by the OCI client). It unpacks the chart in memory (archive/tar-gz.ts) and hands it to
// helm/chart-documents.ts, which decides which CRDs and Katalogs the chart yields. Never sends credentials to a
// host other than the repository's, and records `helm:<repo>/<chart>@<version>` with the .tgz digest.
import { readIndex } from '../helm/index-cache.js';
import type { HelmImport } from '../../shared/katalog/types.js';
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import type { FetchedImport, Source, SourceContext } from './source.js';
import { authorizationHeader, authVariables } from '../net/auth.js';
import { parsePin, sha256Digest, verifyPin } from '../content.js';
import { httpGet } from '../net/http-client.js';
import { errorForStatus } from '../net/failures.js';
import type { RetryPolicy } from '../net/retry.js';
import { policyOptions } from '../net/policy.js';
import { hasUserinfo, sanitizeUrl } from '../net/sanitize.js';
import { readTarGz } from '../archive/tar-gz.js';
import { chartDocuments, chartLayout } from '../helm/chart-documents.js';
import { importValues } from '../helm/value-files.js';
import { OciClient } from '../oci/client.js';
import { parseReference } from '../oci/reference.js';
import { isLoopbackRegistry } from './oci.js';
import { clientCredentials, registryCredentials } from '../oci/registry-credentials.js';

export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
/** What Helm before 3.7 pushed as the chart layer. */
const LEGACY_CHART_MEDIA_TYPE = 'application/tar+gzip';

export interface HelmSourceOptions {
  /** Path to the helm binary for charts whose templates produce Katalogs (else $ORKESTRA_HELM, PATH). */
  helmBinary?: string;
  /** A docker config.json (or its directory) for `oci://` repositories without `auth:`. */
  dockerConfig?: string;
  /** Permit `http://` chart repositories on 127.0.0.1, ::1 or localhost (as for URL imports). */
  allowHttpLoopback?: boolean;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/** SemVer 2 (Helm's chart version format), optional leading `v`: an exact version, never a range. */
const EXACT_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const CHART_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MAX_LISTED_VERSIONS = 20;

export function helmLabel(spec: HelmImport): string {
  const repo = sanitizeUrl(String(spec.repo ?? '')).replace(/\/+$/, '');
  return `helm:${repo}/${String(spec.chart ?? '')}@${String(spec.version ?? '')}`;
}

export function helmSource(spec: HelmImport, options: HelmSourceOptions = {}): Source {
  const label = helmLabel(spec);
  return {
    label,
    fetch: (context) => fetchChart(spec, options, label, context),
  };
}

/** Upstream's Git chart sources (its isGitURL): `.git`, git@, git://, ssh://, and github.com/gitlab.com pages other than raw files. */
function isGitRepo(repo: string): boolean {
  return /\.git\/?$|^git@|^(git|ssh):\/\//i.test(repo) || (/^https?:\/\/(www\.)?(github|gitlab)\.com\//i.test(repo) && !/\/raw\//.test(repo));
}

/** Refusals that need no network. */
export function checkHelmImport(spec: HelmImport, label: string): void {
  const invalid = (message: string): OrkError => new OrkError('IMPORT_INVALID', message, { source: label });
  if (typeof spec.repo !== 'string' || spec.repo === '') throw invalid('helm import needs repo: (https://… or oci://…)');
  if (hasUserinfo(spec.repo)) throw invalid('credentials in the repo URL are not allowed; use auth: naming environment variables');
  if (typeof spec.chart !== 'string' || !CHART_NAME.test(spec.chart)) throw invalid('chart: must be a chart name (letters, digits, . _ -)');
  if (isGitRepo(spec.repo)) {
    const dir = typeof spec.path === 'string' && spec.path !== '' ? spec.path : spec.chart;
    throw invalid(
      `repo: ${sanitizeUrl(spec.repo)} is a Git repository, and charts are read from chart repositories here (https with index.yaml, or oci://): package the chart (helm package <clone>/${dir}), push it (helm push ${spec.chart}-<version>.tgz oci://<registry>/<path>), and import {repo: oci://<registry>/<path>, chart: ${spec.chart}, version: <chart version>}`,
    );
  }
  if (typeof spec.version !== 'string' || !EXACT_VERSION.test(spec.version)) {
    throw invalid(`version: must be one exact SemVer version such as 3.2.1 (got ${JSON.stringify(spec.version)}); ranges are not accepted, so the same import always resolves to the same chart`);
  }
  if (spec.values !== undefined && (typeof spec.values !== 'object' || spec.values === null || Array.isArray(spec.values))) {
    throw invalid('values: must be a mapping');
  }
}

async function fetchChart(spec: HelmImport, options: HelmSourceOptions, label: string, context: SourceContext): Promise<FetchedImport> {
  checkHelmImport(spec, label);
  const pin = parsePin(spec.digest, label);
  const archive = spec.repo.startsWith('oci://')
    ? await fetchOciChart(spec, options, label, context)
    : await fetchRepoChart(spec, options, label, context);
  const digest = sha256Digest(archive);
  verifyPin(pin, digest, label);
  const files = await readTarGz(archive, label);
  const layout = chartLayout(files, label);
  if (layout.name !== spec.chart || layout.version !== spec.version) {
    throw new OrkError(
      'IMPORT_INVALID',
      `the archive holds chart ${layout.name}@${layout.version}, not ${spec.chart}@${spec.version}; the repository serves the wrong file`,
      { source: label },
    );
  }
  const values = await importValues(spec, label, context);
  const documents = await chartDocuments(archive, layout, {
    label,
    env: context.env,
    ...(values !== undefined ? { values } : {}),
    ...(options.helmBinary ? { helmBinary: options.helmBinary } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  return { ref: label, digest, size: archive.length, mediaType: HELM_CHART_MEDIA_TYPE, documents };
}

interface IndexEntry {
  version?: unknown;
  urls?: unknown;
  digest?: unknown;
}

/** Pure: the index entry for an exact chart version, or an error listing what the index offers. */
export function findChartVersion(index: unknown, chart: string, version: string, label: string): { url: string; digest: string | undefined } {
  const entries = (index as { entries?: unknown } | null)?.entries;
  if (typeof entries !== 'object' || entries === null) {
    throw new OrkError('IMPORT_INVALID', 'index.yaml has no entries: map; is repo: the URL of a Helm chart repository?', { source: label });
  }
  const versions = (entries as Record<string, unknown>)[chart];
  if (!Array.isArray(versions)) {
    const names = Object.keys(entries).sort();
    const shown = names.slice(0, MAX_LISTED_VERSIONS).join(', ');
    throw new OrkError('IMPORT_NOT_FOUND', `the repository has no chart named ${chart}${names.length ? ` (charts: ${shown}${names.length > MAX_LISTED_VERSIONS ? ', …' : ''})` : ' (it is empty)'}`, {
      source: label,
    });
  }
  const match = (versions as IndexEntry[]).find((v) => v && String(v.version) === version);
  if (!match) {
    const available = (versions as IndexEntry[]).map((v) => String(v?.version)).sort(compareVersionsDescending);
    const shown = available.slice(0, MAX_LISTED_VERSIONS).join(', ');
    const more = available.length > MAX_LISTED_VERSIONS ? ` and ${available.length - MAX_LISTED_VERSIONS} more` : '';
    throw new OrkError('IMPORT_NOT_FOUND', `chart ${chart} has no version ${version}; available: ${shown || 'none'}${more}. Set version: to one of them exactly`, {
      source: label,
    });
  }
  const url = Array.isArray(match.urls) ? match.urls.find((u): u is string => typeof u === 'string' && u !== '') : undefined;
  if (url === undefined) throw new OrkError('IMPORT_INVALID', `index.yaml lists ${chart}@${version} without a download URL`, { source: label });
  let digest: string | undefined;
  if (match.digest !== undefined) {
    const m = /^(?:sha256:)?([0-9a-fA-F]{64})$/.exec(String(match.digest));
    if (!m) throw new OrkError('IMPORT_INVALID', `index.yaml gives ${chart}@${version} a digest that is not a sha256 hex string`, { source: label });
    digest = `sha256:${m[1]!.toLowerCase()}`;
  }
  return { url, digest };
}

function compareVersionsDescending(a: string, b: string): number {
  const parse = (v: string): number[] => (/^v?(\d+)\.(\d+)\.(\d+)/.exec(v) ?? []).slice(1).map(Number);
  const [pa, pb] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) {
    const d = (pb[i] ?? -1) - (pa[i] ?? -1);
    if (d !== 0) return d;
  }
  // Same core: a release sorts before its pre-releases, as in SemVer.
  const preA = a.includes('-');
  const preB = b.includes('-');
  if (preA !== preB) return preA ? 1 : -1;
  return a < b ? 1 : a > b ? -1 : 0;
}

async function fetchRepoChart(spec: HelmImport, options: HelmSourceOptions, label: string, context: SourceContext): Promise<Buffer> {
  let base: URL;
  try {
    base = new URL(spec.repo.endsWith('/') ? spec.repo : `${spec.repo}/`);
  } catch {
    throw new OrkError('IMPORT_INVALID', 'repo: is not a valid URL; write https://charts.example.org or oci://registry/path', { source: label });
  }
  base.search = '';
  base.hash = '';
  const authorization = authorizationHeader(spec.auth, context.env, label);
  const variables = authVariables(spec.auth);
  const get = (url: URL, maxBytes: number, withAuth: boolean, accept: string) =>
    httpGet(url.href, {
      label,
      maxBytes,
      accept,
      headers: withAuth && authorization ? { authorization } : {},
      ...policyOptions(context.network, options),
      ...(context.caCertificates ? { caCertificates: context.caCertificates } : {}),
      ...(context.connections ? { connections: context.connections } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      ...(options.allowHttpLoopback ? { allowHttpLoopback: true } : {}),
    });

  const answer = await readIndex(context.helmIndexes, base.href, authorization, label, () =>
    get(new URL('index.yaml', base), LIMITS.maxImportBytes, true, 'application/yaml, text/yaml, */*;q=0.5'));
  if (answer.status !== 200) throw errorForStatus(answer.status, label, variables);
  if (answer.parseError !== undefined) {
    throw new OrkError('IMPORT_INVALID', `index.yaml is not valid YAML (${answer.parseError}); is repo: a Helm chart repository?`, { source: label });
  }
  const entry = findChartVersion(answer.index, spec.chart, spec.version, label);
  if (entry.digest === undefined && spec.digest === undefined) {
    throw new OrkError(
      'IMPORT_INVALID',
      `index.yaml gives no digest for ${spec.chart}@${spec.version}, so the archive cannot be verified; regenerate the index with helm repo index, or pin digest: in the import`,
      { source: label },
    );
  }
  let chartUrl: URL;
  try {
    chartUrl = new URL(entry.url, base);
  } catch {
    throw new OrkError('IMPORT_INVALID', `index.yaml lists an invalid URL for ${spec.chart}@${spec.version}`, { source: label });
  }
  // As Helm does by default, credentials go only to the repository's own origin.
  const chartResponse = await get(chartUrl, LIMITS.maxImportBytes, chartUrl.origin === base.origin, 'application/gzip, application/x-tar, */*;q=0.5');
  if (chartResponse.status !== 200) throw errorForStatus(chartResponse.status, label, chartUrl.origin === base.origin ? variables : []);
  const actual = sha256Digest(chartResponse.body);
  if (entry.digest !== undefined && actual !== entry.digest) {
    throw new OrkError(
      'DIGEST_MISMATCH',
      `the chart archive from ${sanitizeUrl(chartUrl.href)} hashes to ${actual}, but index.yaml says ${entry.digest}; the archive was altered or the index is stale — refusing it`,
      { source: label },
    );
  }
  return chartResponse.body;
}

async function fetchOciChart(spec: HelmImport, options: HelmSourceOptions, label: string, context: SourceContext): Promise<Buffer> {
  const path = spec.repo.replace(/^oci:\/\//, '').replace(/\/+$/, '');
  // Helm stores a version's `+` as `_`: tags cannot hold `+`.
  const reference = parseReference(`${path}/${spec.chart}:${spec.version.replace(/\+/g, '_')}`, label);
  const credentials = await registryCredentials(reference.registry, spec.auth, context, label, options.dockerConfig);
  const client = new OciClient(reference.registry, reference.repository, {
    label,
    ...clientCredentials(credentials),
    plainHttp: isLoopbackRegistry(reference.registry),
    ...(context.caCertificates ? { caCertificates: context.caCertificates } : {}),
    ...(context.connections ? { connections: context.connections } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    network: policyOptions(context.network, options),
  });
  const manifest = await client.fetchManifest(reference.tag as string);
  if (manifest.content.kind !== 'manifest' || manifest.content.config.mediaType !== HELM_CONFIG_MEDIA_TYPE) {
    throw new OrkError('IMPORT_INVALID', `${path}/${spec.chart}:${reference.tag} is not a Helm chart (config media type is not ${HELM_CONFIG_MEDIA_TYPE}); for other artifacts use oci:`, {
      source: label,
    });
  }
  const layers = manifest.content.layers.filter((l) => l.mediaType === HELM_CHART_MEDIA_TYPE || l.mediaType === LEGACY_CHART_MEDIA_TYPE);
  if (layers.length !== 1) {
    throw new OrkError('IMPORT_INVALID', `the chart manifest has ${layers.length} chart content layers; expected exactly one`, { source: label });
  }
  return client.fetchBlob(layers[0]!);
}
