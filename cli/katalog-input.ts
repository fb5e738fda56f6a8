// How `ork validate` and `ork template` read their -f file. A Katalog or Motif goes through the
// loader (resolver/katalog-files.ts). A Komposer goes through the resolver (resolveKomposer), the
// code path of `ork resolve` and `ork run`: its imports are read (local files relative to the
// Komposer) and fetched (URL, helm, oci, registry; same flags and credentials), merged and
// overridden by its spec.crds. With --offline only local file imports are read and each remote
// one is a warning; validate (not template) also makes a remote import it cannot fetch a warning
// (resolver/unfetched.ts). Every failure becomes issues naming the Komposer and the import.
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { describeError, OrkError, type Issue } from '../shared/errors.js';
import type { KatalogDocument, ResolvedCrd } from '../shared/katalog/index.js';
import type { BundlePayload } from '../shared/bundle/index.js';
import { isOciMotifNotRead, loadKatalogFile, resolveKomposer } from '../resolver/index.js';
import { RESOLVE_FLAGS, resolveOptionsFor } from './resolve-flags.js';
import type { InputFile } from './input-file.js';
import { isUrlInput } from './default-input.js';
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

/**
 * The file -f named (inputFile: a path, or stdin already read), loaded; a Komposer resolved. Issues
 * name files as the user wrote them: the input by its label, other files relative to the cwd.
 */
export async function loadKatalogInput(input: InputFile, values: InputValues, io: CliIO, command: string): Promise<LoadedInput> {
  const loaded = await loadOrResolve(input, values, io, command);
  return { ...loaded, issues: loaded.issues.map((i) => (i.file === undefined ? i : { ...i, file: displayPath(i.file, io.cwd, input) })) };
}

async function loadOrResolve(input: InputFile, values: InputValues, io: CliIO, command: string): Promise<LoadedInput> {
  // validate checks what is local and leaves OCI Motifs to resolve, as it leaves remote crdFiles; template needs them.
  const leave = command === 'validate' ? { leaveOciMotifs: true } : {};
  const loaded = await loadKatalogFile(input.path, undefined, input.text === undefined ? leave : { ...leave, text: input.text });
  // A Katalog importing OCI Motifs is composed by the resolver, which fetches them (template; not with --offline).
  const fetchMotifs = command !== 'validate' && values.offline !== true && loaded.issues.some(isOciMotifNotRead);
  if (loaded.document?.kind !== 'Komposer' && !fetchMotifs) return loaded;
  const options = await resolveOptionsFor(command, input, values, io);
  try {
    const resolution = await resolveKomposer({ ...options, offline: values.offline === true, tolerateUnfetched: tolerates(command, input) });
    return { document: resolution.payload.katalog, crds: crdsOf(resolution.payload), issues: named(resolution.warnings, input) };
  } catch (e) {
    if (!(e instanceof OrkError) || e.code === 'USAGE' || e.code === 'INTERNAL') throw e;
    const issues = e.issues.length > 0 ? e.issues : [{ file: input.label, path: '', message: describeError(e).join('; ') }];
    return { crds: [], issues: named(issues, input) };
  }
}

/** validate leaves a Komposer's unfetchable remote imports unchecked, not the file -f itself names by URL. */
function tolerates(command: string, input: InputFile): boolean {
  return command === 'validate' && !isUrlInput(input.label);
}

/** The resolver's issues that name no file are the Komposer's. */
function named(issues: Issue[], input: InputFile): Issue[] {
  return issues.map((i) => (i.file === undefined ? { ...i, file: input.label } : i));
}

/** The input as the user named it, files under the cwd relative to it, anything else (absolute paths, import labels) as it is. */
function displayPath(file: string, cwd: string, input: InputFile): string {
  // A Komposer among several -f files is named as its own file; the list otherwise.
  if (input.extraFiles !== undefined && resolve(cwd, file) === input.path) return relative(cwd, input.path);
  if (file === input.label || resolve(cwd, file) === input.path) return input.label;
  // Several -f files: an import label names a file relative to the Komposer; shown relative to the cwd (`file:./a.yaml` → `a.yaml`).
  if (input.komposerPath !== undefined && file.startsWith('file:') && !isAbsolute(file.slice(5))) return relative(cwd, resolve(dirname(input.komposerPath), file.slice(5))) || '.';
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** The merged entries with their CRD manifests, as the controller reads them from a bundle. */
function crdsOf(payload: BundlePayload): ResolvedCrd[] {
  return Object.entries(payload.katalog.spec.crds).map(([name, entry]) => {
    const { group, kind } = entry.apiTypes!;
    const crd = payload.crds.find((c) => (c.spec as { group?: unknown } | undefined)?.group === group && (c.spec as { names?: { kind?: unknown } } | undefined)?.names?.kind === kind);
    return { name, entry, apiTypes: entry.apiTypes!, ...(crd ? { crd: crd as unknown as Record<string, unknown> } : {}) };
  });
}
