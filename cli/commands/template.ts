// `ork template -f KATALOG --cr CR.yaml [--crd NAME] [-o yaml|json] [--seed N]`: renders the
// children a Katalog declares for one CR, offline, exactly as the controller would apply them.
// Without --cr, as upstream's `ork template`: the expanded Katalog (template-katalog.ts).
// Shell only: reads the files, picks the CRD entry, hands the rest to shared/render.
import { stringify } from 'yaml';
import { formatIssue, isOrkError, OrkError, type Issue } from '../../shared/errors.js';
import { sameSchema } from '../../shared/admission/index.js';
import { parseYaml, withCrdDefaults, type ResolvedCrd } from '../../shared/katalog/index.js';
import { conversionRulesOf, convertObject, describeSource, renderDesired, seededRandom, versionOf, type DesiredChild, type KubeObject } from '../../shared/render/index.js';
import { parseFlags, requireFlag } from '../args.js';
import { OUTPUT_FLAGS, outputFormat } from '../output.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';
import { readTextFile } from '../../resolver/index.js';
import { inputOrDefault } from '../default-input.js';
import { checkOneStdin, inputFile, type InputFile } from '../input-file.js';
import { KOMPOSER_INPUT_FLAGS, KOMPOSER_INPUT_HELP, loadKatalogInput, type LoadedInput } from '../katalog-input.js';
import { dependencyGraphText, runtimeEntry, runtimeKatalog } from './template-katalog.js';
import { joinFileFlags } from '../several-files.js';
import { gateNotes, liveStatusNote, namespaceNote, nothingRenderedWhy, onDeleteCount, onDeleteNote } from './template-notes.js';

/** The uid given to a CR file that has none (files written by hand are not from a cluster). */
export const PLACEHOLDER_UID = '00000000-0000-0000-0000-000000000000';

const HELP = `usage: ork template [-f KATALOG] --cr CR.yaml [--crd NAME] [-o yaml|json] [--seed N]
       ork template [-f KATALOG] [--crd NAME | --graph] [-o yaml|json]

Renders the children the Katalog declares for the custom resource in CR.yaml and prints them
(YAML documents separated by ---, or a JSON array). Warnings go to stderr.
Without --cr, prints the Katalog as the controller receives it: Motifs, includes and a
Komposer's imports expanded, disabled entries left out (upstream's 'ork template'); --crd NAME
prints one entry, -g/--graph the entries in startup order with what each depends on.

  -f, --file KATALOG  the Katalog or Komposer file (local crdFiles and file imports are read
                      relative to it; a Komposer's imports are merged as 'ork resolve' does);
                      - reads it from stdin (relative paths then resolve against the cwd);
                      an https URL is fetched once, as a Komposer's file import; left out:
                      katalog.yaml, else komposer.yaml, in the working directory; several
                      (-f a -f b, or -f a,b) are merged as a Komposer importing them
      --cr FILE       a custom resource (- reads it from stdin); a file of several renders each one the
                      Katalog serves (others are skipped with a note); without metadata.uid it gets ${PLACEHOLDER_UID},
                      without metadata.namespace (namespaced CRD) the namespace "default"
      --crd NAME      the CRD entry to use (default: the one serving the CR's apiVersion and kind)
  -o, --output FMT    yaml (default) or json
      --seed N        make randomAlphanumeric reproducible (for tests and reviews; never for real secrets)
  -y, --yaml / -j, --json  -o yaml / -o json (upstream's spellings)
  -g, --graph     without --cr: the dependency order as text
${KOMPOSER_INPUT_HELP}
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('template', argv, {
    ...KOMPOSER_INPUT_FLAGS,
    file: { type: 'string', short: 'f', multiple: true },
    cr: { type: 'string' },
    crd: { type: 'string' },
    ...OUTPUT_FLAGS,
    json: { type: 'boolean', default: false, short: 'j' },
    yaml: { type: 'boolean', default: false, short: 'y' },
    graph: { type: 'boolean', default: false, short: 'g' },
    'no-validate': { type: 'boolean', default: false },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const katalogFile = inputOrDefault(joinFileFlags(values.file), io.cwd, 'template');
  const output = templateFormat(values);
  if (values.cr === undefined) return printKatalog(katalogFile, values, output, io);
  const crFile = requireFlag('template', 'cr', values.cr);
  if (values.graph) throw new OrkError('USAGE', "--graph prints the Katalog's dependency order and takes no --cr (see 'ork template --help')");
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed);

  checkOneStdin([katalogFile, crFile], 'template');
  const loaded = await loadValid(katalogFile, values, io);
  const crs = pickCrs(loaded.crds, await readCrs(await inputFile(crFile, io, 'template')), values.crd, katalogFile, crFile, io);
  const katalog = { name: loaded.document.metadata.name, notes: loaded.document.notes?.functions };
  const rendered = crs.map(({ cr, crd }) => renderOne(cr, crd, katalog, crFile, seed, io));
  if (output === 'json') io.stdout(`${JSON.stringify(rendered.flatMap((r) => r.children.map((c) => c.object)), null, 2)}\n`);
  else io.stdout(rendered.map((r, i) => (crs.length > 1 ? `# custom resource ${describeCr(crs[i]!.cr)}\n` : '') + toYaml(r.children, r.status)).join('---\n'));
  return EXIT.ok;
}

type TemplateValues = Parameters<typeof loadKatalogInput>[1] & { output?: string; json?: boolean; yaml?: boolean; graph?: boolean; crd?: string; seed?: string; 'no-validate'?: boolean };

/** -o, or upstream's --yaml/--json; `-o FILE` (upstream writes the file) is answered with the redirect to use. */
function templateFormat(values: TemplateValues): 'yaml' | 'json' {
  if (values.output !== undefined && !['yaml', 'json'].includes(values.output) && /[./]/.test(values.output)) {
    throw new OrkError('USAGE', `-o takes the output format here (yaml or json), not a file; to write ${values.output}, redirect: ork template … > ${values.output}`);
  }
  if (values.yaml && (values.json || (values.output ?? 'yaml') !== 'yaml')) throw new OrkError('USAGE', "--yaml contradicts --json or -o json; give one (see 'ork template --help')");
  return outputFormat('template', values, ['yaml', 'json'], 'yaml') as 'yaml' | 'json';
}

/** The -f file loaded and valid: warnings printed, errors thrown as KATALOG_INVALID. */
async function loadValid(katalogFile: string, values: TemplateValues, io: CliIO): Promise<LoadedInput & { document: NonNullable<LoadedInput['document']> }> {
  const loaded = await loadKatalogInput(await inputFile(katalogFile, io, 'template'), values, io, 'template');
  const { errors, warnings } = split(loaded.issues);
  printWarnings(io, warnings);
  if (!loaded.document || errors.length > 0) {
    throw new OrkError('KATALOG_INVALID', `${katalogFile} is not a valid Katalog; fix the problems above`, { issues: errors, source: katalogFile });
  }
  return loaded as LoadedInput & { document: NonNullable<LoadedInput['document']> };
}

/** Without --cr: the expanded Katalog, one entry of it (--crd), or its dependency order (--graph). */
async function printKatalog(katalogFile: string, values: TemplateValues, output: 'yaml' | 'json', io: CliIO): Promise<number> {
  if (values.seed !== undefined) throw new OrkError('USAGE', "--seed needs --cr: it seeds the rendering of a custom resource (see 'ork template --help')");
  if (values.graph && values.crd !== undefined) throw new OrkError('USAGE', "--graph and --crd each choose what to print; give one (see 'ork template --help')");
  if (values['no-validate']) io.stderr('warning: --no-validate has no effect: the Katalog is printed only once it is valid (ork validate lists its problems)\n');
  const loaded = await loadValid(katalogFile, values, io);
  const view = runtimeKatalog(loaded.document, loaded.crds);
  if (values.graph) {
    io.stdout(dependencyGraphText(view));
    return EXIT.ok;
  }
  const data = values.crd === undefined ? view : runtimeEntry(view, values.crd, katalogFile);
  io.stdout(output === 'json' ? `${JSON.stringify(data, null, 2)}\n` : `---\n${stringify(data, { lineWidth: 0, aliasDuplicateObjects: false })}`);
  return EXIT.ok;
}

/** The children and status one CR renders to, its defaults filled from its CRD first. */
function renderOne(written: KubeObject, crd: ResolvedCrd, katalog: { name: string; notes?: unknown[] }, crFile: string, seed: number | undefined, io: CliIO) {
  const cr = crd.crd ? withCrdDefaults(written, crd.crd) : written;
  placeCr(cr, crd, crFile);
  const read = atStorageVersion(crd, cr, crFile, io);
  const result = renderDesired({
    crdName: crd.name,
    entry: crd.entry,
    cr: read,
    katalogName: katalog.name,
    ...(katalog.notes ? { notes: katalog.notes as never } : {}),
    // The controller's default budget, so a CR that would stall it stalls `ork template` no longer.
    options: { ...(seed === undefined ? {} : { random: seededRandom(seed) }), budget: { now: () => performance.now() } },
  });
  printWarnings(io, result.warnings);
  const fenced = namespaceNote(crd.entry, cr.metadata.namespace, result.children.map((c) => c.object.metadata.namespace), describeCr(cr));
  for (const note of [...(fenced ? [fenced] : []), ...gateNotes(crd.entry, read, describeCr(cr))]) io.stderr(`note: ${note}\n`);
  const live = liveStatusNote(crd.entry, result.status, describeCr(cr));
  if (live) io.stderr(`note: ${live}\n`);
  if (result.children.length === 0) io.stderr(`note: no children rendered for ${describeCr(cr)} in ${crFile} (${nothingRenderedWhy(crd.entry)})\n`);
  else if (onDeleteCount(crd.entry) > 0) io.stderr(`note: ${onDeleteNote(crd.entry, describeCr(cr))}\n`);
  return result;
}

/**
 * The CRD entry of each CR. A file of several CRs (upstream's examples keep a Komposer's samples
 * in one cr.yaml) renders every CR the Katalog serves; one it does not is skipped with a note.
 */
function pickCrs(crds: ResolvedCrd[], crs: KubeObject[], wanted: string | undefined, katalogFile: string, crFile: string, io: CliIO): { cr: KubeObject; crd: ResolvedCrd }[] {
  if (crs.length === 1) return [{ cr: crs[0]!, crd: pickCrd(crds, crs[0]!, wanted, katalogFile, crFile) }];
  const picked: { cr: KubeObject; crd: ResolvedCrd }[] = [];
  let first: unknown;
  for (const cr of crs) {
    try {
      picked.push({ cr, crd: pickCrd(crds, cr, wanted, katalogFile, crFile) });
    } catch (error) {
      if (!(error instanceof OrkError) || error.code !== 'CR_INVALID') throw error;
      first ??= error;
      io.stderr(`note: skipped ${describeCr(cr)} of ${crFile}: ${error.message.replace(`${crFile}: `, '').replace(`${crFile} is `, 'it is ')}\n`);
    }
  }
  if (picked.length === 0) throw first;
  return picked;
}

const describeCr = (cr: KubeObject) => `${cr.kind} ${cr.metadata.namespace ? `${cr.metadata.namespace}/` : ''}${cr.metadata.name}`;

/** One YAML document per child, each headed by a comment saying where it was declared. */
export function toYaml(children: DesiredChild[], status: Record<string, unknown>): string {
  const docs = children.map((c) => {
    const marks = [c.createOnly ? 'create-only' : '', c.once ? 'once' : '', c.cleanup === 'finalizer' ? 'cleaned up by finalizer' : ''].filter(Boolean);
    const source = c.source ? `# ${describeSource(c.source, c.object.data !== undefined)}\n` : '';
    const initial = c.initialStatus ? `# initial status, written once after the child is created: ${JSON.stringify(c.initialStatus)}\n` : '';
    const pause = c.pauseMs ? `# the controller pauses ${c.pauseMs / 1000}s after writing it (sleep)\n` : '';
    const a = c.autoscale;
    const scale = a ? `# autoscale: replicas follow the live count within ${a.min ?? 'the current count'}..${a.max}; now ${a.up ? 'scale-up' : a.down ? 'scale-down' : 'no direction'} holds (cooldown ${a.cooldownMs / 1000}s)\n` : '';
    const head = `# ${c.entryPath}${marks.length ? ` (${marks.join(', ')})` : ''}\n${source}${initial}${pause}${scale}`;
    return head + stringify(c.object, { lineWidth: 0, aliasDuplicateObjects: false });
  });
  let text = docs.join('---\n');
  const keys = Object.keys(status);
  if (keys.length > 0) {
    text += `# status the controller would write:\n${keys.map((k) => `#   ${k}: ${JSON.stringify(status[k])}`).join('\n')}\n`;
  }
  return text;
}

function parseSeed(text: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff) throw new OrkError('USAGE', `--seed must be a whole number from 0 to 4294967295, not ${JSON.stringify(text)}`);
  return Number(text);
}

function split(issues: Issue[]): { errors: Issue[]; warnings: Issue[] } {
  return { errors: issues.filter((i) => i.severity !== 'warning'), warnings: issues.filter((i) => i.severity === 'warning') };
}

function printWarnings(io: CliIO, warnings: Issue[]): void {
  for (const w of warnings) io.stderr(`${formatIssue({ ...w, severity: 'warning' })}\n`);
}

async function readCrs(input: InputFile): Promise<KubeObject[]> {
  const shown = input.label;
  const read = input.text === undefined ? await readTextFile(input.path) : { text: input.text };
  if ('issue' in read) throw new OrkError('FILE_UNREADABLE', read.issue.message, { source: shown });
  // The Katalog loader's YAML reader: the same bounds on aliases, nesting, size and NUL bytes.
  const { documents, issues } = parseYaml(read.text, shown);
  const error = issues.find((i) => i.severity !== 'warning');
  if (error) throw crInvalid(shown, `not valid YAML: ${error.message.replace(/^YAML syntax error: /, '')}`, { line: error.line, col: error.col });
  // An empty document (a trailing ---, or one holding only comments) is no CR.
  const values = documents.map((d) => d.value).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) throw crInvalid(shown, 'expected a custom resource document, found none');
  return values.map((value, i) => checkCr(value, shown, values.length > 1 ? `document ${i + 1}: ` : ''));
}

const crInvalid = (shown: string, message: string, at: Partial<Issue> = {}) => new OrkError('CR_INVALID', `${shown}: ${message}`, { source: shown, issues: [{ file: shown, path: '', ...at, message }] });

function checkCr(value: unknown, shown: string, which: string): KubeObject {
  const invalid = (message: string, at: Partial<Issue> = {}) => crInvalid(shown, which + message, at);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('expected a Kubernetes object (apiVersion, kind, metadata, spec)');
  const obj = value as Record<string, unknown>;
  const meta = obj.metadata as Record<string, unknown> | undefined;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) throw invalid('metadata is missing: a custom resource needs metadata.name');
  if (typeof meta.name !== 'string' || meta.name === '') throw invalid('metadata.name is missing or not a string', { path: 'metadata.name' });
  for (const key of ['apiVersion', 'kind'] as const) {
    if (typeof obj[key] !== 'string' || obj[key] === '') throw invalid(`${key} is missing or not a string`, { path: key });
  }
  if (meta.namespace !== undefined && typeof meta.namespace !== 'string') throw invalid('metadata.namespace must be a string', { path: 'metadata.namespace' });
  return obj as unknown as KubeObject;
}

function describeCrd(c: ResolvedCrd): string {
  const t = c.apiTypes;
  return `${c.name} (${t.group}/${t.version} ${t.kind})`;
}

function serves(c: ResolvedCrd, group: string, version: string, kind: string): boolean {
  if (c.apiTypes.kind !== kind || c.apiTypes.group !== group) return false;
  if (c.apiTypes.version === version || c.apiTypes.versions?.includes(version)) return true;
  const versions = (c.crd?.spec as { versions?: { name?: unknown; served?: unknown }[] } | undefined)?.versions;
  return Array.isArray(versions) && versions.some((v) => v?.name === version && v?.served !== false);
}

export function pickCrd(crds: ResolvedCrd[], cr: KubeObject, wanted: string | undefined, katalogFile: string, crFile: string): ResolvedCrd {
  const available = crds.length ? crds.map(describeCrd).join(', ') : 'none';
  if (wanted !== undefined) {
    const found = crds.find((c) => c.name === wanted);
    if (!found) throw new OrkError('USAGE', `--crd ${wanted}: ${katalogFile} has no such CRD entry (it declares: ${available})`);
    return found;
  }
  const slash = cr.apiVersion.lastIndexOf('/');
  const group = slash >= 0 ? cr.apiVersion.slice(0, slash) : '';
  const version = cr.apiVersion.slice(slash + 1);
  const matches = crds.filter((c) => serves(c, group, version, cr.kind));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new OrkError('CR_INVALID', `${crFile} is a ${cr.apiVersion} ${cr.kind}, which no CRD entry of ${katalogFile} serves (it declares: ${available}); check the CR's apiVersion and kind, or pass --crd NAME`, { source: crFile });
  }
  throw new OrkError('CR_INVALID', `${crFile}: ${cr.apiVersion} ${cr.kind} is served by more than one CRD entry of ${katalogFile}: ${matches.map(describeCrd).join(' and ')}; pass --crd NAME to choose`, { source: crFile });
}

/** Fills what a cluster would: a uid, and the namespace a namespaced CR lands in by default. */
function placeCr(cr: KubeObject, crd: ResolvedCrd, crFile: string): void {
  const clusterScoped = crd.apiTypes.scope === 'Cluster';
  if (clusterScoped && cr.metadata.namespace) {
    throw new OrkError('CR_INVALID', `${crFile}: ${crd.name} is cluster-scoped, so the CR must not set metadata.namespace`, { source: crFile });
  }
  if (!clusterScoped && !cr.metadata.namespace) cr.metadata.namespace = 'default';
  if (typeof cr.metadata.uid !== 'string' || cr.metadata.uid === '') cr.metadata.uid = PLACEHOLDER_UID;
}

/**
 * The CR as the controller reads it: at the entry's version (the storage version of a kind with
 * several), converted by the Katalog's conversion paths as the webhook would. Without a path and
 * without a CRD manifest to compare the schemas, the CR is used as written (the cluster's own
 * CRD then converts with strategy None), and a note says so.
 */
function atStorageVersion(crd: ResolvedCrd, cr: KubeObject, crFile: string, io: CliIO): KubeObject {
  const from = versionOf(cr.apiVersion);
  const to = crd.apiTypes.version;
  if (from === to) return cr;
  const desiredApiVersion = crd.apiTypes.group ? `${crd.apiTypes.group}/${to}` : to;
  const rules = conversionRulesOf(crd.entry);
  const manifest = crd.crd as Parameters<typeof sameSchema>[0];
  try {
    return convertObject({ crdName: crd.name, rules, sameSchema: (a, b) => (manifest ? sameSchema(manifest, a, b) : true), object: cr, desiredApiVersion });
  } catch (e) {
    if (isOrkError(e)) throw new OrkError('CR_INVALID', `${crFile}: ${e.message}`, { source: crFile, ...(e.issues.length > 0 ? { issues: e.issues } : {}) });
    throw e;
  } finally {
    if (!manifest && !rules.paths.some((p) => p.from === from)) io.stderr(`note: ${crFile} is ${cr.apiVersion}; rendered as ${desiredApiVersion} unchanged (no conversion path from ${from} and no CRD manifest to compare the schemas)\n`);
  }
}
