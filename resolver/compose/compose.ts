// Composing one Katalog (or Motif) read from disk with the files it names, before it is checked:
// include fragments merged into their blocks, then each Motif import read (from a file beside the
// Katalog or an OCI registry), checked as a Motif, its own includes merged, its inputs bound and
// its parts merged where the import says (shared/katalog/compose/). Every problem is an issue at
// the line that names the file; nothing is thrown. Bounded: at most MAX_FILES files and
// MAX_COMPOSED_BYTES of text per composition.
import { relative } from 'node:path';
import type { Issue } from '../../shared/errors.js';
import {
  applyInclude,
  applyResourceProfiles,
  bindMotif,
  formatPath,
  fragmentProblem,
  includeSites,
  localNames,
  mergeIntoEntry,
  mergeKatalogWide,
  motifImportSites,
  motifIssues,
  parseYaml,
  valueAt,
  type Locator,
  type MotifImportSite,
  type Origin,
  type PathSegment,
} from '../../shared/katalog/index.js';
import { readLocal, type Chain, type LocalRead } from './local-file.js';
import { sanitizeUrl } from '../../shared/sanitize-url.js';
import { expandShortName, MOTIF_REGISTRY_ENV, motifRefKind, parseShortName, type MotifRefKind } from './motif-ref.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The keys of one Motif import. */
const IMPORT_KEYS = ['motif', 'oci', 'version', 'with'];

/** Files one composition may read (fragments and Motifs together). */
export const MAX_FILES = 64;
/** Text one composition may read, over all its files. */
export const MAX_COMPOSED_BYTES = 8 * 1024 * 1024;

const OCI_NOT_READ = 'is fetched by ork resolve and ork run; this command reads local files only';

/** The problem of an OCI Motif that was not fetched because no readOci was given (the caller may resolve instead). */
export const isOciMotifNotRead = (issue: Issue): boolean => issue.severity !== 'warning' && issue.message.endsWith(OCI_NOT_READ);

/**
 * Fetches a Motif named by an OCI reference; absent where only local files are read. `ork
 * validate`'s reader answers `unfetched` (why, and the source's label) for one it cannot reach.
 */
export type OciMotifReader = (ref: string) => Promise<{ file: string; text: string } | { unfetched: string; label: string }>;

export interface ComposeOptions {
  allowOutsidePaths?: boolean;
  readOci?: OciMotifReader;
  /** Without readOci: leave an OCI Motif to `ork resolve` with a warning (`ork validate`), rather than refuse it. */
  leaveOciMotifs?: boolean;
  /** With readOci: the value of ORK_MOTIFS_REGISTRY, under which registry short names are looked up (motif-ref.ts). */
  motifRegistry?: string;
  /** Reads a file the document names, instead of the disk (a Katalog imported from an archive: its sibling files). */
  readFile?: (ref: string, declaring: string, chain: Chain) => Promise<LocalRead>;
}

export interface Composed {
  value: unknown;
  issues: Issue[];
  origins: Origin[];
}

interface Run {
  options: ComposeOptions;
  root: string;
  files: number;
  bytes: number;
  issues: Issue[];
  origins: Origin[];
}

export async function composeDocument(file: string, written: unknown, locate: Locator, root: string, options: ComposeOptions = {}): Promise<Composed> {
  const run: Run = { options, root, files: 0, bytes: 0, issues: [], origins: [] };
  const value = structuredClone(written);
  await compose(run, value, { file, locate }, [file]);
  return { value, issues: run.issues, origins: run.origins };
}

type Doc = { file: string; locate: Locator };

async function compose(run: Run, value: unknown, doc: Doc, files: string[]): Promise<void> {
  const chain: Chain = { files, root: run.root, allowOutside: run.options.allowOutsidePaths ?? false };
  const report = (path: PathSegment[], message: string, severity?: 'warning') =>
    run.issues.push({ file: doc.file, ...doc.locate(path), path: formatPath(path), message, ...(severity ? { severity } : {}) });
  for (const site of includeSites(value)) {
    const read = await readBounded(run, site.ref, doc.file, chain, (m) => report([...site.at, 'include'], m, 'warning'));
    if ('problem' in read) {
      report([...site.at, 'include'], read.problem);
      continue;
    }
    const parsed = parseOne(read.file, read.text);
    if ('issues' in parsed) {
      run.issues.push(...parsed.issues);
      continue;
    }
    const problem = fragmentProblem(parsed.value, site.root);
    if (problem) {
      run.issues.push({ file: read.file, ...parsed.locate([]), path: '', message: `${problem} (included from ${relative(run.root, doc.file) || doc.file})` });
      continue;
    }
    const where = { within: doc.file, self: doc, fragment: { file: read.file, locate: parsed.locate } };
    run.origins.push(...applyInclude(value, site, parsed.value as Rec, where));
  }
  if (!isRecord(value) || value.kind === 'Motif') return;
  const local = localNames(value);
  const seen = new Map<string, string>();
  for (const site of motifImportSites(value)) {
    const unknown = Object.keys(valueAt(value, site.at) as Rec).filter((k) => !IMPORT_KEYS.includes(k));
    for (const key of unknown) report([...site.at, key], `unknown key (allowed: ${IMPORT_KEYS.join(', ')})`);
    if (site.ref === '') report(site.at, 'give motif: (a path beside the Katalog, or an OCI reference)');
    if (unknown.length > 0 || site.ref === '') continue;
    const motif = await loadMotif(run, site, doc, files, chain, (m) => report(site.at, `motif: ${m}`, 'warning'));
    if ('leave' in motif) {
      report(site.at, motif.leave, 'warning');
      continue;
    }
    if ('problem' in motif) {
      report(site.at, motif.problem);
      continue;
    }
    const { bound, problems } = bindMotif(motif.value, site.with);
    for (const problem of problems) report([...site.at, 'with'], problem);
    if (!bound) continue;
    const label = `${formatPath(site.at)} (${site.ref})`;
    if (site.entry === undefined) {
      for (const problem of mergeKatalogWide(value, bound, label, local, seen)) report(site.at, problem);
    } else {
      mergeIntoEntry(value, site.entry, bound, { within: doc.file, file: motif.file, locate: motif.locate }, run.origins);
      for (const key of ['notes', 'profiles']) {
        if (bound[key] !== undefined) report(site.at, `the Motif's ${key} are ignored at a CRD entry's imports; import it under spec.imports to share its ${key} Katalog-wide`, 'warning');
      }
    }
  }
  dropImports(value);
  applyResourceProfiles(value);
}

type Loaded = { value: Rec; file: string; locate: Locator };

async function loadMotif(run: Run, site: MotifImportSite, doc: Doc, files: string[], chain: Chain, warn: (message: string) => void): Promise<Loaded | { problem: string } | { leave: string }> {
  const ref = site.ref;
  const read = await readMotif(run, site, doc, chain, warn);
  if (!('text' in read)) return read;
  const parsed = parseOne(read.file, read.text);
  if ('issues' in parsed) {
    run.issues.push(...parsed.issues);
    return { problem: `the Motif ${ref} cannot be read (see the problems in ${read.file})` };
  }
  if (!isRecord(parsed.value) || parsed.value.kind !== 'Motif') return { problem: `${ref} is not a Motif (kind: Motif); import Katalogs through a Komposer's imports: instead` };
  const own = motifIssues(parsed.value, read.file, parsed.locate, true);
  run.issues.push(...own);
  if (own.some((i) => i.severity !== 'warning')) return { problem: `the Motif ${ref} is not valid (see the problems in ${read.file})` };
  await compose(run, parsed.value, { file: read.file, locate: parsed.locate }, [...files, read.file]);
  return { value: parsed.value, file: read.file, locate: parsed.locate };
}

/**
 * The Motif's text: a file beside the Katalog; else, as the Go runtime reads it (motif-ref.ts), an
 * OCI artifact named by oci:, a full reference or a registry short name — fetched through readOci
 * (the resolver), or left with a warning (`leaveOciMotifs`), or refused as not read here.
 */
async function readMotif(run: Run, site: MotifImportSite, doc: Doc, chain: Chain, warn: (message: string) => void): Promise<{ file: string; text: string } | { problem: string } | { leave: string }> {
  let kind: MotifRefKind | 'oci' = 'oci';
  if (!site.oci) {
    const local = await readBounded(run, site.ref, doc.file, chain, warn);
    if (!('problem' in local)) return local;
    kind = motifRefKind(site.ref);
    if (kind === 'file' || !local.problem.includes('does not exist')) return { problem: `motif: ${local.problem}` };
  }
  const what = kind === 'short' ? `the Motif ${site.ref} (a registry short name, looked up in ${MOTIF_REGISTRY_ENV})` : `the OCI Motif ${sanitizeUrl(site.ref)}`;
  const short = kind === 'short' ? parseShortName(site.ref, site.version) : undefined;
  if (short && 'problem' in short) return { problem: `motif: ${short.problem}` };
  if (!run.options.readOci) {
    if (run.options.leaveOciMotifs) return { leave: `${what} is not fetched here (local files only); 'ork resolve' and 'ork run' fetch it, so what it contributes is not checked` };
    return { problem: `${what} ${OCI_NOT_READ}` };
  }
  const expanded = short ? expandShortName(short, run.options.motifRegistry, site.version) : { ref: site.ref.replace(/^oci:\/\//, '') };
  if ('problem' in expanded) return { problem: `motif: ${site.ref}: ${expanded.problem}` };
  const via = 'from' in expanded ? ` (${expanded.ref}, from ${expanded.from})` : '';
  try {
    const read = await run.options.readOci(expanded.ref);
    if ('unfetched' in read) return { leave: `${kind === 'short' ? `${what}, ${read.label},` : `the OCI Motif ${read.label}`} could not be fetched (${read.unfetched}); what it contributes was not checked (run 'ork resolve' to fetch it)` };
    run.bytes += read.text.length;
    return read;
  } catch (e) {
    return { problem: `cannot fetch the Motif ${sanitizeUrl(site.ref)}${via}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

async function readBounded(run: Run, ref: string, declaring: string, chain: Chain, warn: (message: string) => void): Promise<{ file: string; text: string } | { problem: string }> {
  if (++run.files > MAX_FILES) return { problem: `the Katalog names more than ${MAX_FILES} include and Motif files; is something including itself?` };
  const read = await (run.options.readFile ?? readLocal)(ref, declaring, chain);
  if ('text' in read) {
    if (read.outside) warn(read.outside);
    run.bytes += read.text.length;
    if (run.bytes > MAX_COMPOSED_BYTES) return { problem: `the included and imported files add up to more than ${MAX_COMPOSED_BYTES} bytes` };
  }
  return read;
}

function parseOne(file: string, text: string): { value: unknown; locate: Locator } | { issues: Issue[] } {
  const { documents, issues } = parseYaml(text, file);
  const errors = issues.filter((i) => i.severity !== 'warning');
  if (errors.length > 0) return { issues: errors };
  if (documents.length !== 1) return { issues: [{ file, path: '', line: 1, col: 1, message: `expected one YAML document; found ${documents.length}` }] };
  return documents[0]!;
}

/** The import keys, once merged, are gone: the bundle carries the composed result only. */
function dropImports(doc: Rec): void {
  const spec = isRecord(doc.spec) ? doc.spec : {};
  delete spec.imports;
  for (const entry of Object.values(isRecord(spec.crds) ? spec.crds : {})) {
    if (!isRecord(entry)) continue;
    delete entry.imports;
    const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
    if (isRecord(box.reconcile)) delete box.reconcile.imports;
  }
}

