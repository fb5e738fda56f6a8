// `normalize.spec` on a CRD entry: `{<path below spec>: template}`, evaluated against the CR as it
// arrived (each template sees none of the others' results) and written into the render's copy of
// the CR before mutation, validation and every other template, as the Go runtime does; the stored
// CR is never changed. The text is read as YAML ("3" → 3, "true" → true, "a: b" → a map; text that
// does not parse stays text; "" sets ""), or converted to `normalize.types[path]` (int, bool, float,
// string; an empty result then leaves the field as it is). With `audit: true` the fields that
// changed are `{field, from, to}` under `._normalizeChanges` for status templates. Pure.
import { parse as parseYaml } from 'yaml';
import { formatValue } from '../template/index.js';
import { parsePath, getPath, setPath } from './paths.js';
import { show } from './problems.js';
import { evaluateText, FAILED, type TemplateScope } from './templating.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface NormalizeChange {
  field: string;
  from: unknown;
  to: unknown;
}

const MAX_YAML = 64 * 1024;

/** The rendered text read as YAML, as upstream reads it; text that does not parse (or is null) stays text. */
function fromYaml(text: string): unknown {
  if (text === '' || text.length > MAX_YAML) return text;
  try {
    const value: unknown = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
    return value === null || value === undefined ? text : value;
  } catch {
    return text;
  }
}

/** Go's strconv.ParseBool spellings. */
const BOOLS: Record<string, boolean> = { 1: true, t: true, T: true, TRUE: true, true: true, True: true, 0: false, f: false, F: false, FALSE: false, false: false, False: false };

/** The text converted to a declared type, undefined for "" (the field is left alone), or an error message. */
function converted(text: string, type: unknown): { value?: unknown; error?: string } {
  if (text === '') return {};
  const want = typeof type === 'string' ? type.toLowerCase() : '';
  if (want === 'int' || want === 'integer') return /^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? { value: Number(text) } : { error: `cannot convert ${show(text)} to int` };
  if (want === 'bool' || want === 'boolean') return Object.hasOwn(BOOLS, text) ? { value: BOOLS[text] } : { error: `cannot convert ${show(text)} to bool` };
  if (want === 'float' || want === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? { value: n } : { error: `cannot convert ${show(text)} to float` };
  }
  if (want === 'string' || want === '') return { value: text };
  return { error: `unknown type ${show(type)}: use int, bool, float or string` };
}

/**
 * Applies the entry's `normalize` block to `cr` in place (the render's copy); returns the changes
 * (only with `audit: true`). Problems are recorded in the scope, each naming `normalize.spec.<path>`.
 */
export function applyNormalize(cr: Rec, config: unknown, scope: TemplateScope): NormalizeChange[] {
  if (!isRecord(config) || config.spec === undefined) return [];
  if (!isRecord(config.spec)) {
    scope.problems.error('normalize.spec', `expected a map of field path to template, got ${show(config.spec)}`);
    return [];
  }
  const raw = structuredClone(cr);
  const types = isRecord(config.types) ? config.types : {};
  const changes: NormalizeChange[] = [];
  for (const [field, template] of Object.entries(config.spec)) {
    const at = `normalize.spec.${field}`;
    const segments = parsePath(field);
    if (!segments || segments.length === 0) {
      scope.problems.error(at, 'expected a dot path below spec, such as resources.limits.cpu');
      continue;
    }
    if (typeof template !== 'string') {
      scope.problems.error(at, `expected a template (text), got ${show(template)}`);
      continue;
    }
    const rendered = evaluateText(template, { ...scope, data: raw }, at);
    if (rendered === FAILED) continue;
    const text = typeof rendered === 'string' ? rendered : formatValue(rendered);
    const { value, error } = Object.hasOwn(types, field) ? converted(text, types[field]) : { value: fromYaml(text) };
    if (error) scope.problems.error(at, `normalize.types.${field}: ${error}`);
    if (error || value === undefined) continue;
    const path = ['spec', ...segments];
    const before = getPath(cr, path);
    const problem = setPath(cr, path, value);
    if (problem) scope.problems.error(at, `cannot set spec.${field}: ${problem}`);
    else if (config.audit === true && formatValue(before) !== formatValue(value)) changes.push({ field, from: before ?? null, to: value });
  }
  return changes;
}
