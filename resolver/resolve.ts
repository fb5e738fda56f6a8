// The resolver's runner: a Komposer (or a plain Katalog) on disk in, a bundle payload out. It reads
// the Komposer, fetches every import in parallel (bounded), follows the CRD files imported
// Katalogs name beside them, assembles and validates the merged whole, and builds the payload.
// It never signs or writes: callers (`ork resolve`, `ork lock`, `ork run`) decide that.
import { posix } from 'node:path';
import { dirname, resolve as resolvePath } from 'node:path';
import { OrkError, type Issue } from '../shared/errors.js';
import { buildBundlePayload, type BundleImport, type BundlePayload } from '../shared/bundle/payload.js';
import { parseKatalog, type KatalogDocument } from '../shared/katalog/index.js';
import { assembleKatalog, type ImportContent } from '../shared/komposer/assemble.js';
import { splitYamlDocuments } from '../shared/komposer/split-documents.js';
import { LIMITS } from '../shared/limits.js';
import { ORKESTRA_VERSION } from '../shared/version.js';
import { parse as parseYamlValue } from 'yaml';
import { fetchAll, type FetchEvent } from './fetch-all.js';
import { loadKatalogFile } from './katalog-files.js';
import { isUrl, planImports, plainUrlSource, type PlannedImport, type SourceOptions } from './sources/select.js';
import { ociSource } from './sources/oci.js';
import type { FetchedImport, Source, SourceContext } from './sources/source.js';
import { HttpConnections } from './net/connections.js';
import { proxySettings } from './net/proxy.js';
import { newHelmIndexCache } from './helm/index-cache.js';

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
}

/** One source that went into the bundle: as declared (`source`) and as resolved. */
export interface ResolvedImport extends BundleImport {
  source: string;
}

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
    allowOutsidePaths: options.allowOutsidePaths ?? false,
    connections,
    helmIndexes: newHelmIndexCache(),
    ...(options.caCertificates ? { caCertificates: options.caCertificates } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const fetchOptions = { concurrency: options.concurrency ?? LIMITS.fetchConcurrency, ...(options.onEvent ? { onEvent: options.onEvent } : {}) };
  const sourceOptions = options.sources ?? {};

  // The Komposer's own remote crdFiles are imports too: they shape the bundle.
  const ownRemote: { source: Source; fetched: FetchedImport }[] = [];
  const readRemote = async (url: string) => {
    const source = plainUrlSource(url, sourceOptions);
    const [fetched] = await fetchAll([source], context, fetchOptions);
    ownRemote.push({ source, fetched: fetched! });
    return { file: source.label, text: fetched!.documents[0]?.text ?? '' };
  };
  // So are OCI Motifs: their content is composed into the Katalog the bundle carries.
  const readOci = ociMotifReader(sourceOptions, context, fetchOptions, ownRemote);
  const remote = options.offline ? {} : { readOci };
  const komposer = await loadKatalogFile(path, options.offline ? undefined : readRemote, { ...remote, allowOutsidePaths: context.allowOutsidePaths, ...(options.komposerText === undefined ? {} : { text: options.komposerText }) });
  const warnings = komposer.issues.filter((i) => i.severity === 'warning');
  if (!komposer.document) {
    throw new OrkError('KATALOG_INVALID', `${options.komposer} is not a valid Komposer or Katalog`, { source: options.komposer, issues: komposer.issues });
  }

  const [warningsBefore, planned] = [warnings.length, planFetches(komposer.document, options, sourceOptions, warnings)] as const;
  const fetched = await fetchAll(planned.map((p) => p.source), context, fetchOptions);
  const beside = besideFetches(planned, fetched, sourceOptions);
  const besideFetched = await fetchAll(beside.map((b) => b.source), context, fetchOptions);

  const contents: ImportContent[] = fetched.map((result, i) => ({
    label: planned[i]!.source.label,
    singleFile: planned[i]!.beside !== undefined,
    documents: [...result.documents],
  }));
  beside.forEach((b, i) => contents[b.parent]!.documents.push({ path: b.path, text: besideFetched[i]!.documents[0]?.text ?? '' }));

  // partial: an import was left out (--offline, an unset $NAME), so what only it could declare is no error.
  const assembled = assembleKatalog({ document: komposer.document, file: options.komposer, crds: komposer.crds, partial: warnings.length > warningsBefore }, contents);
  const errors = assembled.issues.filter((i) => i.severity !== 'warning');
  if (!assembled.katalog || errors.length > 0) {
    // The warnings too: a skipped import (unset $NAME, --offline) is often why an override or dependsOn finds nothing.
    throw new OrkError('KATALOG_INVALID', `the imports of ${options.komposer} do not compose into a valid Katalog`, { source: options.komposer, issues: [...warnings, ...errors] });
  }
  recheckMerged(assembled.katalog, options.komposer);

  const imports: ResolvedImport[] = [
    ...ownRemote.map(({ source, fetched: f }) => record(source.label, f)),
    ...fetched.map((f, i) => record(planned[i]!.source.label, f)),
    ...besideFetched.map((f, i) => record(beside[i]!.source.label, f)),
  ];
  const payload = buildBundlePayload({ resolverVersion: ORKESTRA_VERSION, katalog: assembled.katalog, crds: assembled.crds, imports });
  return { payload, imports, warnings: [...warnings, ...assembled.issues.filter((i) => i.severity === 'warning')] };
}

/** Fetches an OCI Motif like an `oci:` import (recorded among the bundle's imports); its motif.yaml is the Motif. */
function ociMotifReader(options: SourceOptions, context: SourceContext, fetchOptions: Parameters<typeof fetchAll>[2], fetched: { source: Source; fetched: FetchedImport }[]) {
  return async (ref: string) => {
    const source = ociSource({ ref }, options.dockerConfig ? { dockerConfig: options.dockerConfig } : {});
    const [result] = await fetchAll([source], context, fetchOptions);
    fetched.push({ source, fetched: result! });
    const motif = result!.documents.find((d) => /(^|\/)motif\.(ya?ml|json)$/i.test(d.path)) ?? result!.documents[0];
    return { file: `${source.label}/${motif?.path ?? 'motif.yaml'}`, text: motif?.text ?? '' };
  };
}

/** The imports to fetch, each naming the Komposer in its failure; what is left out is a warning. */
function planFetches(document: KatalogDocument, options: ResolveOptions, sourceOptions: SourceOptions, warnings: Issue[]): PlannedImport[] {
  const note = (at: string, message: string) => warnings.push({ file: options.komposer, path: at, message, severity: 'warning' });
  const planned: PlannedImport[] = [];
  for (const p of planImports(document.imports, { ...sourceOptions, env: options.env, onSkip: note })) {
    if (options.offline && p.remote) {
      note(p.at, `${p.source.label} is not fetched (--offline reads local file imports only); without --offline it is fetched as 'ork resolve' does`);
      continue;
    }
    planned.push({ ...p, source: namedSource(p.source, options.komposer, p.at) });
  }
  return planned;
}

/** A source whose failure names the Komposer and the import that failed (`komposer.yaml: imports.helm[0]: …`). */
function namedSource(source: Source, komposer: string, at: string): Source {
  return {
    label: source.label,
    fetch: (context) =>
      source.fetch(context).catch((e: unknown) => {
        if (!(e instanceof OrkError) || e.issues.length > 0) throw e;
        const message = `${e.source ?? source.label}: ${e.message}`;
        throw new OrkError(e.code, e.message, { ...(e.source ? { source: e.source } : {}), retry: e.retry, cause: e, issues: [{ file: komposer, path: at, message }] });
      }),
  };
}

function record(source: string, fetched: FetchedImport): ResolvedImport {
  return { source, ref: fetched.ref, digest: fetched.digest, size: fetched.size, mediaType: fetched.mediaType };
}

interface BesideFetch {
  parent: number;
  /** The path the assembler looks the CRD file up by: relative to the Katalog that names it. */
  path: string;
  source: Source;
}

/** CRD files that imported Katalogs name but their import does not carry, in a stable order. */
function besideFetches(planned: PlannedImport[], fetched: FetchedImport[], options: SourceOptions): BesideFetch[] {
  const wanted: BesideFetch[] = [];
  fetched.forEach((result, parent) => {
    const have = new Set(result.documents.map((d) => posix.normalize(d.path)));
    for (const document of result.documents) {
      for (const crdFile of crdFilesNamed(document.text)) {
        const path = isUrl(crdFile) ? crdFile : posix.join(posix.dirname(document.path), crdFile);
        if (have.has(posix.normalize(path))) continue;
        const source = isUrl(crdFile) ? plainUrlSource(crdFile, options) : planned[parent]!.beside?.(crdFile);
        if (!source) continue; // the assembler reports it missing from the chart or artifact
        have.add(posix.normalize(path));
        wanted.push({ parent, path, source });
      }
    }
  });
  return wanted;
}

/** The crdFile values of the Katalog documents in a text; unreadable text names none (the assembler reports it). */
function crdFilesNamed(text: string): string[] {
  const names: string[] = [];
  for (const piece of splitYamlDocuments(text)) {
    let value: unknown;
    try {
      value = parseYamlValue(piece.text, { maxAliasCount: 100 });
    } catch {
      continue;
    }
    const crds = (value as { kind?: unknown; spec?: { crds?: unknown } } | null)?.spec?.crds;
    if ((value as { kind?: unknown } | null)?.kind !== 'Katalog' || typeof crds !== 'object' || crds === null) continue;
    for (const entry of Object.values(crds as Record<string, { crdFile?: unknown }>)) {
      if (typeof entry?.crdFile === 'string' && !names.includes(entry.crdFile)) names.push(entry.crdFile);
    }
  }
  return names;
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
