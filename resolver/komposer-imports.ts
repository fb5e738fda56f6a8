// One Komposer's imports, resolved: planned in declaration order, fetched in parallel (bounded),
// followed to the CRD files imported Katalogs name beside them, assembled with the Komposer's own
// entries and put through its lifecycle gate. The same code serves the Komposer on disk and a
// Komposer loaded from a registry artifact with `useKomposer: true` (resolver/nested-komposer.ts),
// one level down: there, relative paths name files of that artifact and every label carries the
// chain of Komposers above it (`oci:host/platform:1.0 → file:./katalog.yaml`).
import { posix } from 'node:path';
import { OrkError, type Issue } from '../shared/errors.js';
import type { CrdObject } from '../shared/bundle/payload.js';
import type { KatalogDocument, ResolvedCrd } from '../shared/katalog/index.js';
import type { RegistryImport } from '../shared/katalog/types.js';
import { assembleKatalog, type ImportContent } from '../shared/komposer/assemble.js';
import type { ImportedPattern } from '../shared/komposer/lifecycle-policy.js';
import { sha256Digest } from './content.js';
import { crdFilesNamed } from './crd-files-named.js';
import { composeImported } from './compose-imports.js';
import type { ComposeOptions } from './compose/compose.js';
import { fetchAll, type FetchAllOptions } from './fetch-all.js';
import { leaveUnfetched, tolerateUnfetched, type Unfetched } from './unfetched.js';
import { lifecycleGate, patternsOf } from './lifecycle-gate.js';
import { isUrl, planImports, plainUrlSource, type PlannedImport, type SourceOptions } from './sources/select.js';
import type { FetchedImport, ImportedDocument, Source, SourceContext } from './sources/source.js';

/** One source that went into the bundle: as declared (`source`) and as resolved. */
export interface ResolvedImport {
  source: string;
  ref: string;
  digest: string;
  size: number;
  mediaType: string;
}

/** What a resolve shares at every level. */
export interface ResolveEnv {
  context: SourceContext;
  fetchOptions: FetchAllOptions;
  sourceOptions: SourceOptions;
  env: Readonly<Record<string, string | undefined>>;
  offline: boolean;
  /** `ork validate`: a remote import that cannot be fetched is a warning (resolver/unfetched.ts). */
  tolerateUnfetched?: boolean;
  today: Date;
  /** How OCI Motifs of imported Katalogs are read (readOci) or left (leaveOciMotifs), as for the Komposer's own. */
  compose?: ComposeOptions;
}

/** A Komposer on the chain (the one on disk first): its resolved reference and how it is shown. */
export interface ChainLink {
  ref: string;
  label: string;
}

/** Where a Komposer sits: how it is named, the chain above it, and (nested) the files beside it. */
export interface Level {
  /** The Komposer's name in issues: its file as the user named it, or `<artifact>/komposer.yaml`. */
  file: string;
  /** Put before every import label beneath it: '' at the top, `<artifact label> → ` below. */
  prefix: string;
  chain: ChainLink[];
  /** A nested Komposer's artifact files: relative paths are looked up here, not on disk. */
  files?: ImportedDocument[];
  /** The artifact's resolved reference (nested only). */
  artifactRef?: string;
  /** The Komposer's own entries whose remote crdFile was not read (each already a warning). */
  unchecked?: string[];
}

/** Builds the source for a registry import with `useKomposer: true` at a level. */
export type NestedKomposerSource = (artifact: RegistryImport, level: Level, env: ResolveEnv) => Source;

export interface ResolvedImports {
  katalog: KatalogDocument;
  crds: CrdObject[];
  imports: ResolvedImport[];
  warnings: Issue[];
  /** Every Katalog beneath this Komposer (nested ones included), for the gates above it. */
  patterns: ImportedPattern[];
}

/** What a nested Komposer's source hands back besides its merged Katalog. */
export interface NestedResult {
  imports: ResolvedImport[];
  warnings: Issue[];
  patterns: ImportedPattern[];
}
/** `inArtifact`: a file of a nested Komposer's artifact, pinned by the artifact's digest and not recorded on its own. */
export type FetchedNested = FetchedImport & { nested?: NestedResult; inArtifact?: boolean };

export async function resolveImports(document: KatalogDocument, ownCrds: ResolvedCrd[], level: Level, env: ResolveEnv, nested: NestedKomposerSource, warnings: Issue[] = []): Promise<ResolvedImports> {
  const warningsBefore = warnings.length;
  const allPlanned = planFetches(document, level, env, nested, warnings);
  const tolerated = allPlanned.map((p) => (env.tolerateUnfetched && p.remote ? { ...p, source: tolerateUnfetched(p.source) } : p));
  const allFetched: (FetchedNested | Unfetched)[] = await fetchAll(tolerated.map((p) => p.source), env.context, env.fetchOptions);
  const { planned, fetched } = leaveUnfetched(allPlanned, allFetched, level.file, warnings);
  const beside = besideFetches(planned, fetched, env.sourceOptions, level.prefix);
  const besideSources = beside.map((b) => (env.tolerateUnfetched && b.remote ? tolerateUnfetched(b.source) : b.source));
  const besideAll: (FetchedNested | Unfetched)[] = await fetchAll(besideSources, env.context, env.fetchOptions);

  const contents: ImportContent[] = fetched.map((result, i) => ({
    label: planned[i]!.source.label,
    singleFile: planned[i]!.beside !== undefined,
    documents: [...result.documents],
    unfetched: [],
  }));
  beside.forEach((b, i) => {
    const result = besideAll[i]!;
    if ('unfetched' in result) contents[b.parent]!.unfetched!.push({ path: b.path, label: b.source.label, reason: result.unfetched });
    else contents[b.parent]!.documents.push({ path: b.path, text: result.documents[0]?.text ?? '' });
  });

  // Each imported Katalog's includes and Motifs, against its own source, before the merge.
  await composeImported(contents, fetched, { ...env.compose, allowOutsidePaths: env.context.allowOutsidePaths }, level.files ? { files: level.files, prefix: level.prefix } : undefined);
  const patterns = contents.flatMap((content, i) => fetched[i]!.nested?.patterns ?? patternsOf(content));
  // partial: an import was left out (--offline, an unset $NAME), so what only it could declare is no error.
  const assembled = assembleKatalog({ document, file: level.file, crds: ownCrds, partial: warnings.length > warningsBefore, unchecked: level.unchecked ?? [] }, contents);
  const gate = lifecycleGate(document, level.file, patterns, env.today);
  const nestedWarnings = fetched.flatMap((f) => f.nested?.warnings ?? []);
  const errors = [...gate, ...assembled.issues].filter((i) => i.severity !== 'warning');
  if (!assembled.katalog || errors.length > 0) {
    // The warnings too: a skipped import (unset $NAME, --offline) is often why an override or dependsOn finds nothing.
    throw new OrkError('KATALOG_INVALID', `the imports of ${level.file} do not compose into a valid Katalog`, { source: level.file, issues: [...warnings, ...nestedWarnings, ...errors] });
  }
  const imports: ResolvedImport[] = [
    ...fetched.flatMap((f, i) => [...(f.inArtifact ? [] : [record(planned[i]!.source.label, f)]), ...(f.nested?.imports ?? [])]),
    ...besideAll.flatMap((f, i) => ('unfetched' in f || f.inArtifact ? [] : [record(beside[i]!.source.label, f)])),
  ];
  const notices = [...gate, ...assembled.issues].filter((i) => i.severity === 'warning');
  fetched.forEach((f, i) => { for (const message of f.notes ?? []) notices.unshift({ file: level.file, path: planned[i]!.at, message, severity: 'warning' }); });
  return { katalog: assembled.katalog, crds: assembled.crds, imports, warnings: [...warnings, ...nestedWarnings, ...notices], patterns };
}

/** The imports to fetch, each naming the Komposer in its failure; what is left out is a warning. */
function planFetches(document: KatalogDocument, level: Level, env: ResolveEnv, nested: NestedKomposerSource, warnings: Issue[]): PlannedImport[] {
  const note = (at: string, message: string) => warnings.push({ file: level.file, path: at, message, severity: 'warning' });
  const options: SourceOptions = {
    ...env.sourceOptions,
    env: env.env,
    onSkip: note,
    komposerSource: (artifact) => nested(artifact, level, env),
    ...(level.files ? { localFile: (path: string) => artifactFile(level, path) } : {}),
  };
  const planned: PlannedImport[] = [];
  for (const p of planImports(document.imports, options)) {
    if (env.offline && p.remote) {
      note(p.at, `${p.source.label} is not fetched (--offline reads local file imports only); without --offline it is fetched as 'ork resolve' does`);
      continue;
    }
    planned.push({ ...p, source: namedSource(p.source, level, p.at) });
  }
  return planned;
}

/** A source whose label carries the chain and whose failure names the Komposer and the import (`komposer.yaml: imports.helm[0]: …`). */
export function namedSource(source: Source, level: Level, at: string): Source {
  return {
    label: `${level.prefix}${source.label}`,
    fetch: (context) =>
      source.fetch(context).catch((e: unknown) => {
        if (!(e instanceof OrkError) || e.issues.length > 0) throw e;
        const message = `${e.source ?? source.label}: ${e.message}`;
        throw new OrkError(e.code, e.message, { ...(e.source ? { source: e.source } : {}), retry: e.retry, cause: e, issues: [{ file: level.file, path: at, message }] });
      }),
  };
}

/**
 * A relative `files:` entry of a nested Komposer: the file of its artifact at that path (relative to
 * komposer.yaml), with the CRD files it names beside it; never a file on this machine.
 */
function artifactFile(level: Level, written: string): Omit<PlannedImport, 'at'> {
  const path = posix.normalize(written).replace(/^\.\//, '');
  const source = (target: string): Source => ({
    label: `file:./${target}`,
    fetch: async (): Promise<FetchedNested> => {
      if (posix.isAbsolute(target) || target === '..' || target.startsWith('../')) {
        throw new OrkError('IMPORT_INVALID', `${written} leaves the artifact; a Komposer loaded with useKomposer reads only the files of its own artifact (or URLs)`, { source: `file:${written}` });
      }
      const found = level.files!.find((d) => posix.normalize(d.path).replace(/^\.\//, '') === target);
      if (!found) throw new OrkError('IMPORT_NOT_FOUND', `the artifact carries no ${target} (it has ${level.files!.map((d) => d.path).join(', ')})`, { source: `file:./${target}` });
      const bytes = Buffer.from(found.text, 'utf8');
      const digest = sha256Digest(bytes);
      return { ref: level.artifactRef!, digest, size: bytes.length, mediaType: 'application/yaml', documents: [{ path: target, text: found.text }], inArtifact: true };
    },
  });
  return { source: source(path), remote: false, beside: (target) => source(posix.normalize(posix.join(posix.dirname(path), target))) };
}

function record(source: string, fetched: FetchedImport): ResolvedImport {
  return { source, ref: fetched.ref, digest: fetched.digest, size: fetched.size, mediaType: fetched.mediaType };
}

interface BesideFetch {
  parent: number;
  /** The path the assembler looks the CRD file up by: relative to the Katalog that names it. */
  path: string;
  source: Source;
  /** Fetched over the network (a URL, or beside a URL import), not read from disk or an artifact. */
  remote: boolean;
}

/** CRD files that imported Katalogs name but their import does not carry, in a stable order. */
function besideFetches(planned: PlannedImport[], fetched: FetchedImport[], options: SourceOptions, prefix: string): BesideFetch[] {
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
        const remote = isUrl(crdFile) || planned[parent]!.remote;
        wanted.push({ parent, path, remote, source: { label: `${prefix}${source.label}`, fetch: (c) => source.fetch(c) } });
      }
    }
  });
  return wanted;
}
