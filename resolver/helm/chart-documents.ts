// Which documents a Helm chart yields as an import, and how its templates are rendered.
//
// Decision: the chart's own bytes are used wherever Helm itself would not change them, and the real
// `helm template` binary is used wherever it would. So:
//   * `crds/**` files are taken as they are (Helm never templates crds/), keeping the CRD documents;
//   * Katalog files outside `templates/` (e.g. `katalog.yaml` at the chart root) are taken as they
//     are: Helm does not render them, and their runtime `{{ .spec.x }}` templates need no escaping;
//   * when a file under `templates/` mentions `Katalog`, the chart is rendered with the real
//     `helm template` (the chart's defaults plus the import's `values:`) and every rendered
//     `kind: Katalog` document is taken. Re-implementing Helm's engine (Sprig, `include`, `tpl`,
//     `lookup`, subcharts, value coalescing, schema checks) would drift from what `helm install` does;
//     the binary gives its exact semantics. It is found via an option, $ORKESTRA_HELM, or PATH, and
//     runs with an empty HOME, no credentials in its environment, and bounded time and output.
//     A template file that mentions Katalog but contains no `{{` is taken as is, without Helm.
import { execFile } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { isScalar, parseAllDocuments, parse as parseYaml } from 'yaml';
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import type { ArchiveFile } from '../archive/tar-gz.js';
import type { ImportedDocument } from '../sources/source.js';

type Env = Readonly<Record<string, string | undefined>>;

export const KATALOG_KIND = 'Katalog';
export const CRD_KIND = 'CustomResourceDefinition';

/** Chart files Helm reads as metadata or values, never as manifests. */
const CHART_METADATA = new Set(['Chart.yaml', 'values.yaml', 'values.schema.json', 'requirements.yaml', 'Chart.lock', 'requirements.lock']);
const DOCUMENT_FILE = /\.(ya?ml|json)$/i;
const KATALOG_FILE = /^katalog\.(ya?ml|json)$/i;

export interface ChartLayout {
  /** The chart's top directory inside the archive (its name). */
  root: string;
  /** Chart.yaml `name` and `version`. */
  name: string;
  version: string;
  files: ArchiveFile[];
}

/** Finds the chart root and reads Chart.yaml; IMPORT_INVALID when the archive is not one chart. */
export function chartLayout(files: ArchiveFile[], label: string): ChartLayout {
  const roots = new Set(files.map((f) => f.path.split('/')[0]!));
  const invalid = (why: string): OrkError => new OrkError('IMPORT_INVALID', `not a Helm chart archive: ${why}`, { source: label });
  if (roots.size !== 1) throw invalid(`expected one top-level directory, found ${roots.size}`);
  const root = [...roots][0]!;
  const chartFile = files.find((f) => f.path === `${root}/Chart.yaml`);
  if (!chartFile) throw invalid(`${root}/Chart.yaml is missing`);
  let chart: unknown;
  try {
    chart = parseYaml(chartFile.data.toString('utf8'));
  } catch (e) {
    throw invalid(`${root}/Chart.yaml does not parse (${(e as Error).message.split('\n')[0]})`);
  }
  const { name, version } = (chart ?? {}) as { name?: unknown; version?: unknown };
  if (typeof name !== 'string' || (typeof version !== 'string' && typeof version !== 'number')) {
    throw invalid(`${root}/Chart.yaml lacks name or version`);
  }
  return { root, name, version: String(version), files };
}

/**
 * Splits YAML text into its non-empty documents, each with its `kind`. One-document files keep
 * their exact text; in multi-document files each document is cut from the original text (so
 * positions inside a document and its formatting survive). Throws IMPORT_INVALID on a syntax error.
 */
export function splitDocuments(text: string, path: string, label: string): Array<{ kind: string | undefined; text: string }> {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Array<{ kind: string | undefined; text: string }> = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const line = text.slice(0, error.pos[0]).split('\n').length;
      throw new OrkError('IMPORT_INVALID', `${path}${line ? `:${line}` : ''}: YAML syntax error: ${error.message.split('\n')[0]}`, { source: label });
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    const kind = doc.get('kind');
    out.push({ kind: typeof kind === 'string' ? kind : undefined, text: list.length === 1 ? text : text.slice(doc.range[0], doc.range[2]) });
  }
  return out;
}

/** The documents of `kind` in a file, named `path` (or `path#n` when the file holds several). */
function documentsOfKind(text: string, path: string, kind: string, label: string): ImportedDocument[] {
  const docs = splitDocuments(text, path, label);
  const wanted = docs.filter((d) => d.kind === kind);
  return wanted.map((d, i) => ({ path: wanted.length === 1 ? path : `${path}#${i + 1}`, text: d.text }));
}

export interface ChartPlan {
  /** CRDs from crds/ and Katalogs from plain files: taken without Helm. */
  documents: ImportedDocument[];
  /** Template files (chart-relative) that mention Katalog and contain template actions. */
  templatesToRender: string[];
}

/** Pure: what a chart yields without running Helm, and which templates need it. */
export function planChart(layout: ChartLayout, label: string): ChartPlan {
  const documents: ImportedDocument[] = [];
  const templatesToRender: string[] = [];
  const prefix = `${layout.root}/`;
  for (const file of layout.files) {
    const rel = file.path.slice(prefix.length);
    const parts = rel.split('/');
    const base = parts[parts.length - 1]!;
    const inTemplates = parts.includes('templates');
    if (inTemplates) {
      if (base.startsWith('_') || base === 'NOTES.txt') continue;
      const text = file.data.toString('utf8');
      const mentionsKatalog = /\bKatalog\b/.test(text);
      if (mentionsKatalog && text.includes('{{')) templatesToRender.push(rel);
      // A subchart's template would still be rendered by Helm in the parent's context: only the
      // top chart's plain templates are taken directly; a katalog.yaml whole, for the loader to judge.
      else if (parts[0] === 'templates' && KATALOG_FILE.test(base)) documents.push({ path: rel, text });
      else if (mentionsKatalog && parts[0] === 'templates' && DOCUMENT_FILE.test(base)) documents.push(...documentsOfKind(text, rel, KATALOG_KIND, label));
      continue;
    }
    if (!DOCUMENT_FILE.test(base)) continue;
    if (isCrdPath(parts)) {
      documents.push(...documentsOfKind(file.data.toString('utf8'), rel, CRD_KIND, label));
      continue;
    }
    if (parts[0] === 'charts' || (parts.length === 1 && CHART_METADATA.has(base))) continue;
    const text = file.data.toString('utf8');
    // A file named katalog.yaml is a Katalog by name: the loader alone judges it (fail closed).
    if (KATALOG_FILE.test(base)) documents.push({ path: rel, text });
    else if (/\bKatalog\b/.test(text)) documents.push(...documentsOfKind(text, rel, KATALOG_KIND, label));
  }
  return { documents, templatesToRender };
}

/** `crds/…` of the chart or of a vendored subchart (`charts/<sub>/crds/…`): Helm installs both. */
function isCrdPath(parts: string[]): boolean {
  let at = 0;
  while (parts[at] === 'charts' && at + 2 < parts.length) at += 2;
  return parts[at] === 'crds' && at + 1 < parts.length;
}

/** The Katalog documents of `helm template` output, named by their `# Source:` file. */
export function katalogsFromRendered(output: string, chartRoot: string, label: string): ImportedDocument[] {
  const docs = splitDocuments(output, 'helm template output', label);
  const found: ImportedDocument[] = [];
  const perSource = new Map<string, number>();
  for (const doc of docs) {
    if (doc.kind !== KATALOG_KIND) continue;
    const source = /^# Source: (.+)$/m.exec(doc.text)?.[1]?.trim() ?? 'templates';
    const rel = source.startsWith(`${chartRoot}/`) ? source.slice(chartRoot.length + 1) : source;
    const n = (perSource.get(rel) ?? 0) + 1;
    perSource.set(rel, n);
    found.push({ path: n === 1 ? `${rel} (rendered)` : `${rel} (rendered #${n})`, text: doc.text });
  }
  return found;
}

/** The helm binary: `explicit`, else $ORKESTRA_HELM, else `helm` on PATH; undefined when none. */
export function findHelm(env: Env, explicit?: string): string | undefined {
  const chosen = explicit ?? (env['ORKESTRA_HELM'] || undefined);
  if (chosen !== undefined) return chosen;
  const path = env['PATH'] ?? process.env['PATH'] ?? '';
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'helm');
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface HelmTemplateOptions {
  helm: string;
  releaseName: string;
  namespace?: string;
  values?: Record<string, unknown>;
  label: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs `helm template` on the verified chart archive. Helm sees only the archive and a values file
 * in a private temp dir, with HOME/XDG pointed there and an environment holding nothing but PATH:
 * no registry logins, kube config or import credentials can reach it.
 */
export async function helmTemplate(archive: Buffer, options: HelmTemplateOptions): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-helm-'));
  try {
    const chart = join(dir, 'chart.tgz');
    await writeFile(chart, archive);
    const args = ['template', options.releaseName, chart, '--namespace', options.namespace ?? 'default'];
    if (options.values !== undefined) {
      const valuesFile = join(dir, 'values.json');
      await writeFile(valuesFile, JSON.stringify(options.values));
      args.push('--values', valuesFile);
    }
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      XDG_DATA_HOME: join(dir, 'data'),
      HELM_CONFIG_HOME: join(dir, 'config'),
      HELM_CACHE_HOME: join(dir, 'cache'),
      HELM_DATA_HOME: join(dir, 'data'),
      KUBECONFIG: join(dir, 'no-kubeconfig'),
    };
    return await new Promise<string>((resolve, reject) => {
      execFile(
        options.helm,
        args,
        {
          env,
          cwd: dir,
          timeout: options.timeoutMs ?? LIMITS.requestTimeoutMs,
          maxBuffer: LIMITS.maxImportBytes,
          ...(options.signal ? { signal: options.signal } : {}),
        },
        (err, stdout, stderr) => {
          if (!err) return resolve(String(stdout));
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'EACCES') {
            return reject(
              new OrkError('IMPORT_INVALID', `cannot run helm at ${options.helm} (${code}); install helm or set ORKESTRA_HELM to its path`, {
                source: options.label,
              }),
            );
          }
          const why = err.killed ? `was stopped (time limit ${options.timeoutMs ?? LIMITS.requestTimeoutMs} ms or output over ${LIMITS.maxImportBytes} bytes)` : 'failed';
          const detail = String(stderr).split(dir).join('<chart>').trim().split('\n').slice(-5).join(' | ').slice(0, 1000);
          reject(
            new OrkError('IMPORT_INVALID', `helm template ${why}${detail ? `: ${detail}` : ''}; check the chart and the import's values:`, {
              source: options.label,
            }),
          );
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ChartDocumentsOptions {
  label: string;
  env: Env;
  values?: Record<string, unknown>;
  /** Path to helm (default: $ORKESTRA_HELM, then PATH). */
  helmBinary?: string;
  signal?: AbortSignal;
}

/**
 * Every CRD and Katalog a verified chart yields (see the decision at the top of this file).
 * IMPORT_INVALID when it yields none, or when `values:` are given but nothing would use them.
 */
export async function chartDocuments(archive: Buffer, layout: ChartLayout, options: ChartDocumentsOptions): Promise<ImportedDocument[]> {
  const plan = planChart(layout, options.label);
  const documents = [...plan.documents];
  if (plan.templatesToRender.length > 0) {
    const helm = findHelm(options.env, options.helmBinary);
    if (helm === undefined) {
      throw new OrkError(
        'IMPORT_INVALID',
        `the chart produces Katalogs from templates (${plan.templatesToRender.join(', ')}), which needs helm to render: install helm or set ORKESTRA_HELM to its path`,
        { source: options.label },
      );
    }
    const output = await helmTemplate(archive, {
      helm,
      releaseName: layout.name,
      label: options.label,
      ...(options.values !== undefined ? { values: options.values } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    documents.push(...katalogsFromRendered(output, layout.root, options.label));
  } else if (options.values !== undefined) {
    throw new OrkError('IMPORT_INVALID', "values: are given but no template of this chart produces a Katalog, so they would have no effect; remove values:", {
      source: options.label,
    });
  }
  if (documents.length === 0) {
    throw new OrkError(
      'IMPORT_INVALID',
      `the chart yields no Katalog and no CRD (looked in crds/, Katalog files, and templates mentioning Katalog); check the chart name and version`,
      { source: options.label },
    );
  }
  return documents;
}
