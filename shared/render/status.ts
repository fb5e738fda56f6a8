// Computes the declared status fields (`operatorBox.status.fields[]`) from the CR: each value is a
// template, converted to its declared type. A field whose `when`/`or` fails, or whose value renders
// empty (a CR field not there yet), is left out rather than written as "" or 0. Later fields win.
// A field whose template fails is left out with a warning, the others written (upstream's
// ResolveStatusFields goes on past a failed field).
// Whether a left-out field is removed from the CR or keeps its last value (`clearOnFalse`) is the
// controller's business (controller/reconcile/status.ts).
import type { StatusSpec } from '../katalog/types.js';
import { gatePassesOrSkips } from './conditions.js';
import { parsePath } from './paths.js';
import { show } from './problems.js';
import { FAILED, evaluateDeep, type TemplateScope } from './templating.js';
import { isUnset, scalarToText, toBoolean, toInteger, toNumber, type Checked } from './typecheck.js';

const SKIPPED = 'the status field is not written this time (the others are), as in the Go runtime';

export const STATUS_TYPES = ['string', 'int', 'float', 'bool', 'auto'] as const;
type StatusType = (typeof STATUS_TYPES)[number];

export function computeStatus(spec: StatusSpec | undefined, scope: TemplateScope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = spec?.fields ?? [];
  if (!Array.isArray(fields)) {
    scope.problems.error('operatorBox.status.fields', `expected a list, got ${show(fields)}`);
    return out;
  }
  fields.forEach((field, i) => {
    const path = `operatorBox.status.fields[${i}]`;
    const key = statusKey(field.path);
    if (!key) {
      scope.problems.error(`${path}.path`, `expected a path under .status such as url or phase, got ${show(field.path)}`);
      return;
    }
    // Without a type the value is written as text, as upstream ("Defaults to string").
    const type = (field.type ?? 'string') as StatusType;
    if (!STATUS_TYPES.includes(type)) {
      scope.problems.error(`${path}.type`, `expected one of ${STATUS_TYPES.join(', ')}, got ${show(field.type)}`);
      return;
    }
    // Fields are applied in order, so a later field for the same path wins (a state machine
    // declares one field per phase, each with its own conditions).
    // A field that cannot be evaluated is left out and the others are written, as upstream does.
    if (!gatePassesOrSkips(field.when, field.or, scope, path, SKIPPED)) return;
    const mark = scope.problems.count;
    const value = evaluateDeep(field.value, scope, `${path}.value`);
    if (value === FAILED) scope.problems.skipSince(mark, SKIPPED);
    if (value === FAILED || isUnset(value)) return;
    const r = convert(value, type);
    if (r.ok) out[key] = r.value;
    else {
      scope.problems.error(`${path}.value`, r.message);
      scope.problems.skipSince(mark, SKIPPED);
    }
  });
  return out;
}

/** `.status.url`, `status.url` and `url` all name `url`. */
function statusKey(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  const segments = parsePath(path);
  if (!segments) return undefined;
  const rest = segments[0] === 'status' ? segments.slice(1) : segments;
  if (rest.length === 0 || rest.some((s) => typeof s !== 'string')) return undefined;
  return rest.join('.');
}

function convert(value: unknown, type: StatusType): Checked<unknown> {
  switch (type) {
    case 'string':
      return scalarToText(value);
    case 'int':
      return toInteger(value);
    case 'float':
      return toNumber(value);
    case 'bool':
      return toBoolean(value);
    case 'auto':
      return { ok: true, value: typeof value === 'string' ? infer(value) : value };
  }
}

/** What mixed-text templates render: "3" → 3, "2.5" → 2.5, "true" → true, else the text. */
function infer(text: string): unknown {
  if (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (/^-?\d+\.\d+$/.test(text)) return Number(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}
