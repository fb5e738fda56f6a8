// How `ork validate` and `ork template` read their -f file. A Katalog or Motif goes through the
// loader (resolver/katalog-files.ts). A Komposer goes through the resolver (resolveKomposer), the
// code path of `ork resolve` and `ork run`: its imports are read (local files relative to the
// Komposer) and fetched (URL, helm, oci, registry; same flags and credentials), merged and
// overridden by its spec.crds. With --offline only local file imports are read and each remote
// one is a warning. Every failure becomes issues naming the Komposer and the import.
import { resolve } from 'node:path';
import { OrkError, type Issue } from '../shared/errors.js';
import type { KatalogDocument, ResolvedCrd } from '../shared/katalog/index.js';
import type { BundlePayload } from '../shared/bundle/index.js';
import { loadKatalogFile, resolveKomposer } from '../resolver/index.js';
import { RESOLVE_FLAGS, resolveOptionsFrom } from './resolve-flags.js';
import type { FlagSpec } from './args.js';
import type { CliIO } from './io.js';

const { file: _file, help: _help, ...FETCH_FLAGS } = RESOLVE_FLAGS;

/** The import flags of `ork resolve`, and --offline. */
export const KOMPOSER_INPUT_FLAGS = { ...FETCH_FLAGS, offline: { type: 'boolean', default: false } } as const satisfies FlagSpec;

export const KOMPOSER_INPUT_HELP = `  For a Komposer, its imports are read and fetched as 'ork resolve' does (these flags as there):
      --offline              read local file imports only; each remote import is a warning
      --ca-file, --allow-outside-paths, --allow-http-loopback, --helm, --docker-config, --concurrency`;

type InputValues = { [K in keyof typeof KOMPOSER_INPUT_FLAGS]?: string | boolean | undefined };

export interface LoadedInput {
  /** Set only when there is no error: the Katalog, or a Komposer's merged Katalog. */
  document?: KatalogDocument;
  crds: ResolvedCrd[];
  issues: Issue[];
}

/** `path`: the file to read (absolute, or relative to the process); `given`: as the user named it (relative to io.cwd). */
export async function loadKatalogInput(path: string, given: string, values: InputValues, io: CliIO, command: string): Promise<LoadedInput> {
  const loaded = await loadKatalogFile(path);
  if (loaded.document?.kind !== 'Komposer') return loaded;
  const options = await resolveOptionsFrom(command, { ...values, file: given }, io);
  try {
    const resolution = await resolveKomposer({ ...options, offline: values.offline === true });
    return { document: resolution.payload.katalog, crds: crdsOf(resolution.payload), issues: asGiven(resolution.warnings, given, io.cwd) };
  } catch (e) {
    if (!(e instanceof OrkError) || e.code === 'USAGE' || e.code === 'INTERNAL') throw e;
    const issues = e.issues.length > 0 ? e.issues : [{ file: given, path: '', message: e.source ? `${e.source}: ${e.message}` : e.message }];
    return { crds: [], issues: asGiven(issues, given, io.cwd) };
  }
}

/** The Komposer named as the user named it (the resolver names it by its absolute path). */
function asGiven(issues: Issue[], path: string, cwd: string): Issue[] {
  return issues.map((i) => (i.file === undefined || resolve(cwd, i.file) === resolve(cwd, path) ? { ...i, file: path } : i));
}

/** The merged entries with their CRD manifests, as the controller reads them from a bundle. */
function crdsOf(payload: BundlePayload): ResolvedCrd[] {
  return Object.entries(payload.katalog.spec.crds).map(([name, entry]) => {
    const { group, kind } = entry.apiTypes!;
    const crd = payload.crds.find((c) => (c.spec as { group?: unknown } | undefined)?.group === group && (c.spec as { names?: { kind?: unknown } } | undefined)?.names?.kind === kind);
    return { name, entry, apiTypes: entry.apiTypes!, ...(crd ? { crd: crd as unknown as Record<string, unknown> } : {}) };
  });
}
