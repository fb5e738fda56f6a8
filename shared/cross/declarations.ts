// `operatorBox.cross`: reads of other CRDs' CRs (and of other runtimes over HTTP) made before a
// CR is rendered, available in its templates as `.cross.<as>`. This module turns the declarations
// and one CR into concrete queries (selector templates evaluated against the CR) and builds the
// URL of a remote read (upstream's protocol: cr, info, metrics, health, events). Pure.
import { parseDuration } from '../katalog/durations.js';
import type { CrdEntry } from '../katalog/types.js';
import { executeTemplate } from '../template/index.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export const CROSS_PROTOCOLS = ['cr', 'info', 'metrics', 'health', 'events'] as const;
export type CrossProtocol = (typeof CROSS_PROTOCOLS)[number];
/** Upstream's default cache time for a remote read. */
export const DEFAULT_CACHE_FOR_MS = 30_000;

/** One read, with every template evaluated. */
export type CrossQuery = ClusterQuery | RemoteQuery | FailedQuery;

/** Read from this runtime's own CR caches. */
export interface ClusterQuery {
  type: 'cluster';
  as: string;
  /** The target entry's key under spec.crds, or the labels its entry carries. */
  crd?: string;
  crdLabels?: Record<string, string>;
  namespace?: string;
  name?: string;
  matchLabels?: Record<string, string>;
  all: boolean;
}

/** Read over HTTP(S) from another runtime (or any JSON endpoint). */
export interface RemoteQuery {
  type: 'remote';
  as: string;
  url: string;
  protocol: CrossProtocol;
  cacheForMs: number;
  /** `token` as written (`$NAME` reads the environment) or a Secret; never logged. */
  auth?: { token?: string; secretRef?: { name: string; namespace?: string; key: string } };
}

export interface FailedQuery {
  type: 'failed';
  as: string;
  error: string;
}

/** The queries of one CR, in declaration order. */
export function crossQueries(entry: CrdEntry, cr: Rec): CrossQuery[] {
  const list = entry.operatorBox?.cross;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i) => (isRecord(item) ? [queryOf(item, cr, `operatorBox.cross[${i}]`)] : []));
}

function queryOf(decl: Rec, cr: Rec, path: string): CrossQuery {
  const crd = text(decl.crd);
  const crdLabels = stringMap(decl.labelSelector);
  const as = text(decl.as) ?? crd ?? `cross${path.replace(/\D+/g, '')}`;
  const selector = isRecord(decl.selector) ? decl.selector : {};
  const meta = isRecord(cr.metadata) ? cr.metadata : {};
  try {
    const render = (v: unknown) => (typeof v === 'string' ? executeTemplate(v, cr) : undefined);
    const matchLabels = stringMap(selector.matchLabels);
    const labels = matchLabels && Object.fromEntries(Object.entries(matchLabels).map(([k, v]) => [k, render(v) ?? '']));
    const name = render(selector.name) || undefined;
    const namespace = render(selector.namespace) || text(meta.namespace);
    const source = isRecord(decl.source) ? decl.source : undefined;
    if (source && (text(source.host) || text(source.endpoint))) return remoteQuery(as, crd ?? '', source, name, namespace, render, path);
    const query: ClusterQuery = { type: 'cluster', as, all: decl.strategy === 'all' };
    if (crd) query.crd = crd;
    if (crdLabels) query.crdLabels = crdLabels;
    if (labels) query.matchLabels = labels;
    else if (name) query.name = name;
    if (namespace) query.namespace = namespace;
    return query;
  } catch (e) {
    return { type: 'failed', as, error: `${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function remoteQuery(as: string, crd: string, source: Rec, name: string | undefined, crNamespace: string | undefined, render: (v: unknown) => string | undefined, path: string): RemoteQuery | FailedQuery {
  const written = text(source.protocol) ?? text(source.type) ?? 'info';
  if (!(CROSS_PROTOCOLS as readonly string[]).includes(written)) return { type: 'failed', as, error: `${path}.source.protocol: "${written}" is not one of ${CROSS_PROTOCOLS.join(', ')}` };
  const protocol = written as CrossProtocol;
  const cacheFor = text(source.cacheFor);
  const cacheForMs = cacheFor === undefined ? DEFAULT_CACHE_FOR_MS : parseDuration(cacheFor);
  if (cacheForMs === undefined) return { type: 'failed', as, error: `${path}.source.cacheFor: "${cacheFor}" is not a duration such as 10s` };
  const endpoint = render(source.endpoint);
  const namespace = text(source.namespace) ?? crNamespace;
  const url = endpoint || remoteUrl(render(source.host) ?? '', protocol, crd, namespace, name);
  const query: RemoteQuery = { type: 'remote', as, url, protocol, cacheForMs };
  const auth = isRecord(source.auth) ? source.auth : undefined;
  const secretRef = auth && isRecord(auth.secretRef) ? auth.secretRef : undefined;
  if (auth && text(auth.token)) query.auth = { token: text(auth.token)! };
  else if (secretRef && text(secretRef.name) && text(secretRef.key)) {
    query.auth = { secretRef: { name: text(secretRef.name)!, key: text(secretRef.key)!, ...(text(secretRef.namespace) ? { namespace: text(secretRef.namespace)! } : {}) } };
  }
  return query;
}

/** Upstream's URL shapes under `<host>/katalog/<crd>`. */
export function remoteUrl(host: string, protocol: CrossProtocol, crd: string, namespace: string | undefined, name: string | undefined): string {
  const base = `${host.replace(/\/+$/, '')}/katalog/${encodeURIComponent(crd)}`;
  const cr = `${base}/cr/${namespace ? `${encodeURIComponent(namespace)}/` : ''}${encodeURIComponent(name ?? '')}`;
  switch (protocol) {
    case 'health': return `${base}/health`;
    case 'cr': return cr;
    case 'events': return `${cr}/events`;
    default: return base;
  }
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What `.cross.<as>` holds for CRs found in a cache: the first (or, `strategy: all`, every) match. */
export function clusterResult(query: ClusterQuery, matches: readonly Rec[]): Rec {
  const view = (cr: Rec) => ({ metadata: cr.metadata, spec: cr.spec ?? {}, status: cr.status ?? {} });
  if (matches.length === 0) return query.all ? { found: false, items: [] } : { found: false };
  const sorted = [...matches].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  return query.all ? { found: true, items: sorted.map(view) } : { found: true, ...view(sorted[0]!) };
}

/** Whether `cr` is one the cluster query selects (namespace, name, labels). */
export function clusterMatches(query: ClusterQuery, cr: Rec): boolean {
  const meta = (isRecord(cr.metadata) ? cr.metadata : {}) as { name?: string; namespace?: string; labels?: Record<string, string> };
  if (query.namespace !== undefined && meta.namespace !== undefined && meta.namespace !== query.namespace) return false;
  if (query.matchLabels) return Object.entries(query.matchLabels).every(([k, v]) => meta.labels?.[k] === v);
  return query.name === undefined || meta.name === query.name;
}

function keyOf(cr: Rec): string {
  const meta = (isRecord(cr.metadata) ? cr.metadata : {}) as { name?: string; namespace?: string };
  return `${meta.namespace ?? ''}/${meta.name ?? ''}`;
}
