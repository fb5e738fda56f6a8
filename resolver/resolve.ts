// The resolver's runner: a Komposer (or a plain Katalog) on disk in, a bundle payload out. It reads
// the Komposer, fetches every import in parallel (bounded), follows the CRD files imported
// Katalogs name beside them (resolver/komposer-imports.ts, which also follows nested Komposers),
// assembles and validates the merged whole, and builds the payload.
// It never signs or writes: callers (`ork resolve`, `ork lock`, `ork run`) decide that.
import { dirname, resolve as resolvePath } from 'node:path';
import { OrkError, type Issue } from '../shared/errors.js';
import { buildBundlePayload, type BundlePayload } from '../shared/bundle/payload.js';
import { parseKatalog, type KatalogDocument } from '../shared/katalog/index.js';
import { LIMITS } from '../shared/limits.js';
import { ORKESTRA_VERSION } from '../shared/version.js';
import type { FetchEvent } from './fetch-all.js';
import { loadKatalogFile } from './katalog-files.js';
import { MOTIF_REGISTRY_ENV } from './compose/motif-ref.js';
import { resolveImports, type Level, type ResolveEnv, type ResolvedImport } from './komposer-imports.js';
import { nestedKomposerSource } from './nested-komposer.js';
import type { SourceOptions } from './sources/select.js';
import type { FetchedImport, SourceContext } from './sources/source.js';
import { ownRemoteReaders } from './own-remote.js';
import { QUICK_CHECK } from './net/policy.js';
import { HttpConnections } from './net/connections.js';
import { proxySettings } from './net/proxy.js';
import { newHelmIndexCache } from './helm/index-cache.js';
import { newCredentialCache } from './oci/registry-credentials.js';

export interface ResolveOptions {
  /** The Komposer file as the user named it (relative to cwd or absolute). */
  komposer: string;
  /** Its content when it was not read from that path (`-f -`: stdin); relative imports then resolve against cwd. */
  komposerText?: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  caCertificates?: string;
  allowOutsidePaths?: boolean;
  sources?: SourceOptions;
  concurrency?: number;
  onEvent?: (event: FetchEvent) => void;
  signal?: AbortSignal;
  /**
   * Read local file imports only (`ork validate`/`ork template --offline`): every remote import
   * (URL, helm, oci, registry), remote crdFile and OCI Motif is left out with a warning naming it.
   */
  offline?: boolean;
  /**
   * `ork validate`: a remote import, remote crdFile or OCI Motif that cannot be fetched
   * (unreachable, timeout, auth, 404) is left out with one warning naming it instead of failing;
   * one that is fetched is still checked. Each HTTP fetch then makes one attempt with short time
   * budgets (resolver/net/policy.ts QUICK_CHECK) instead of retrying.
   */
  tolerateUnfetched?: boolean;
  /** Today, for the lifecycle gate's deprecation timelines; default the real clock. */
  now?: () => Date;
  /**
   * Files named beside the Komposer on the command line (`-f komposer.yaml,a.yaml`), relative to
   * its directory: imported after its own `imports.files`, as upstream's merger takes them as
   * further entry points beside it. Only for a Komposer.
   */
  extraFileImports?: readonly string[];
  /** How messages name the Komposer's directory (several -f files: "working directory"; resolver/sources/source.ts). */
  baseDirName?: string;
  /**
   * Several -f files: names each issue (error or warning) after the listed file it is about, as the
   * user wrote it, instead of the in-memory Komposer's import label (cli/several-files-issues.ts).
   */
  nameIssue?: (issue: Issue) => Issue;
}

export type { ResolvedImport } from './komposer-imports.js';

export interface Resolution {
  payload: BundlePayload;
  imports: ResolvedImport[];
  warnings: Issue[];
}

export async function resolveKomposer(options: ResolveOptions): Promise<Resolution> {
  const connections = new HttpConnections(proxySettings(options.env));
  try {
    return await resolveWith(options, connections);
  } finally {
    await connections.close();
  }
}

async function resolveWith(options: ResolveOptions, connections: HttpConnections): Promise<Resolution> {
  const path = resolvePath(options.cwd, options.komposer);
  const context: SourceContext = {
    env: options.env,
    baseDir: dirname(path),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    allowOutsidePaths: options.allowOutsidePaths ?? false,
    ...(options.baseDirName ? { baseDirName: options.baseDirName } : {}),
    connections,
    helmIndexes: newHelmIndexCache(),
    registryCredentials: newCredentialCache(),
    ...(options.caCertificates ? { caCertificates: options.caCertificates } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    // validate: what it cannot fetch is a warning, so one attempt and short budgets (resolver/net/policy.ts).
    ...(options.tolerateUnfetched ? { network: QUICK_CHECK } : {}),
  };
  const fetchOptions = { concurrency: options.concurrency ?? LIMITS.fetchConcurrency, ...(options.onEvent ? { onEvent: options.onEvent } : {}) };
  const sourceOptions = options.sources ?? {};

  // The Komposer's own remote crdFiles and OCI Motifs are imports too: they shape the bundle.
  const own = ownRemoteReaders(sourceOptions, context, fetchOptions, options.tolerateUnfetched ?? false);
  // validate --offline leaves OCI Motifs with a warning, as validate of a Katalog does; template --offline refuses them.
  // Registry short names of Motifs are looked up under ORK_MOTIFS_REGISTRY; the resolver alone reads it.
  const motifRegistry = options.env[MOTIF_REGISTRY_ENV];
  const remote = options.offline ? { leaveOciMotifs: options.tolerateUnfetched ?? false } : { readOci: own.readOci, ...(motifRegistry !== undefined ? { motifRegistry } : {}) };
  const komposer = await loadKatalogFile(path, options.offline ? undefined : own.readRemote, { ...remote, allowOutsidePaths: context.allowOutsidePaths, ...(options.komposerText === undefined ? {} : { text: options.komposerText }) });
  const warnings = komposer.issues.filter((i) => i.severity === 'warning');
  if (!komposer.document) {
    throw new OrkError('KATALOG_INVALID', `${options.komposer} is not a valid Komposer or Katalog`, { source: options.komposer, issues: komposer.issues });
  }

  const env: ResolveEnv = { context, fetchOptions, sourceOptions, env: options.env, offline: options.offline ?? false, tolerateUnfetched: options.tolerateUnfetched ?? false, today: options.now?.() ?? new Date(), compose: remote };
  const level: Level = { file: options.komposer, prefix: '', chain: [{ ref: `file:${path}`, label: options.komposer }], unchecked: komposer.unchecked ?? [] };
  const name = options.nameIssue ?? atKomposer(options.komposer);
  const document = withExtraFiles(komposer.document, options.extraFileImports);
  const resolved = await naming(() => resolveImports(document, komposer.crds, level, env, nestedKomposerSource, warnings), name);
  recheckMerged(resolved.katalog, options.komposer);

  const imports: ResolvedImport[] = [...own.fetched.map(({ source, fetched: f }) => record(source.label, f)), ...resolved.imports];
  const payload = buildBundlePayload({ resolverVersion: ORKESTRA_VERSION, katalog: resolved.katalog, crds: resolved.crds, imports });
  return { payload, imports, warnings: resolved.warnings.map(name) };
}

/**
 * A merge-level issue (one CRD in two imports, a dependsOn no import declares, a cycle) has no file
 * of its own: it is reported at the Komposer that merges them, as `ork validate` does.
 */
function atKomposer(komposer: string): (issue: Issue) => Issue {
  return (issue) => (issue.file === undefined ? { ...issue, file: komposer } : issue);
}

/** Runs `step` with the issues of the OrkError it throws named by `name`. */
async function naming<T>(step: () => Promise<T>, name: (issue: Issue) => Issue): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (!(e instanceof OrkError) || e.issues.length === 0) throw e;
    throw new OrkError(e.code, e.message, { ...(e.source ? { source: e.source } : {}), retry: e.retry, cause: e, issues: e.issues.map(name) });
  }
}

/** The Komposer with the files named beside it on the command line imported after its own. */
function withExtraFiles(document: KatalogDocument, extra: readonly string[] | undefined): KatalogDocument {
  if (!extra || extra.length === 0 || document.kind !== 'Komposer') return document;
  return { ...document, imports: { ...document.imports, files: [...(document.imports?.files ?? []), ...extra] } };
}

function record(source: string, fetched: FetchedImport): ResolvedImport {
  return { source, ref: fetched.ref, digest: fetched.digest, size: fetched.size, mediaType: fetched.mediaType };
}

/** The merged whole passes the same schema and semantic checks as any Katalog. */
function recheckMerged(katalog: KatalogDocument, komposer: string): void {
  const label = `${komposer} (merged)`;
  const checked = parseKatalog(JSON.stringify(katalog), label);
  const errors = checked.issues.filter((i) => i.severity !== 'warning').map(({ line: _l, col: _c, ...rest }) => rest);
  if (errors.length > 0) {
    throw new OrkError('KATALOG_INVALID', `the merged Katalog of ${komposer} is not valid`, { source: komposer, issues: errors });
  }
}
