// The values a helm import renders its chart with, merged as upstream merges them: each of the
// import's `valueFiles` in order (a path relative to the Komposer, or `$NAME` naming one, read like
// a file import: confined to the Komposer's directory and bounded), maps merged key by key and a
// later file winning, then the import's inline `values:` replacing whole top-level keys.
import { OrkError } from '../../shared/errors.js';
import { parseYaml } from '../../shared/katalog/index.js';
import type { HelmImport } from '../../shared/katalog/types.js';
import { fileSource } from '../sources/file.js';
import type { SourceContext } from '../sources/source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const ENV_REF = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** The values to render with, or undefined when the import gives none. */
export async function importValues(spec: HelmImport, label: string, context: SourceContext): Promise<Rec | undefined> {
  const files = spec.valueFiles ?? [];
  if (!Array.isArray(files)) throw new OrkError('IMPORT_INVALID', 'valueFiles: must be a list of paths', { source: label });
  if (files.length === 0) return spec.values;
  let merged: Rec = {};
  for (const [i, named] of files.entries()) {
    const path = valueFilePath(named, i, label, context);
    const fetched = await fileSource({ path }).fetch(context);
    const { documents, issues } = parseYaml(fetched.documents[0]!.text, path);
    const error = issues.find((issue) => issue.severity !== 'warning');
    if (error) throw new OrkError('IMPORT_INVALID', `valueFiles[${i}] ${path}: ${error.message}`, { source: label });
    const value = documents.length === 0 ? {} : documents[0]!.value;
    if (documents.length > 1 || !(isRecord(value) || value === null)) {
      throw new OrkError('IMPORT_INVALID', `valueFiles[${i}] ${path}: a values file holds one mapping of values`, { source: label });
    }
    merged = deepMerge(merged, value ?? {});
  }
  return { ...merged, ...(spec.values ?? {}) };
}

function valueFilePath(named: unknown, i: number, label: string, context: SourceContext): string {
  if (typeof named !== 'string' || named === '') throw new OrkError('IMPORT_INVALID', `valueFiles[${i}] must be a path`, { source: label });
  if (/^https?:\/\//i.test(named)) {
    throw new OrkError('IMPORT_INVALID', `valueFiles[${i}] ${named}: remote values files are not fetched; put the file beside the Komposer, or give values: inline`, { source: label });
  }
  const ref = ENV_REF.exec(named);
  if (!ref) return named;
  const value = context.env[ref[1] ?? ref[2]!];
  if (value === undefined || value === '') throw new OrkError('IMPORT_INVALID', `valueFiles[${i}] ${named} is not set; set it to the values file's path`, { source: label });
  return valueFilePath(value, i, label, { ...context, env: {} });
}

/** Helm's merge of values files: maps merged key by key, anything else replaced by the later file. */
function deepMerge(base: Rec, over: Rec): Rec {
  const out: Rec = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = isRecord(out[key]) && isRecord(value) ? deepMerge(out[key], value) : value;
  return out;
}
