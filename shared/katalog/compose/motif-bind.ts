// Binding a Motif's inputs, as the Go runtime does at load time: every `with:` value must name a
// declared input, every required input must be given, the others take their default (or ""). The
// values are written into the Motif's templates as text — `{{ .inputs.x }}` becomes the value,
// which may itself be a template over the CR (`"{{ .spec.image }}"`) evaluated at reconcile time —
// and a condition that, once bound, holds no template is decided now (the child is kept or
// dropped). Pure.
import { executeTemplate } from '../../template/index.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface MotifInput {
  name: string;
  default?: string;
  required?: boolean;
  type?: string;
}

/** The input values a Motif is expanded with, or the problems with `with:` (upstream's wording). */
export function bindInputs(motifName: string, inputs: readonly MotifInput[], given: Rec): { values?: Map<string, string>; problems: string[] } {
  const problems: string[] = [];
  const declared = new Set(inputs.map((i) => i.name));
  for (const input of inputs) {
    if (input.required && given[input.name] === undefined) {
      const required = inputs.filter((i) => i.required).map((i) => i.name);
      problems.push(`Motif "${motifName}" requires input "${input.name}", which with: does not give (required inputs: ${required.join(', ')})`);
    }
  }
  for (const [name, value] of Object.entries(given)) {
    if (!declared.has(name)) {
      problems.push(`Motif "${motifName}" has no input "${name}" (declared inputs: ${[...declared].join(', ') || 'none'})`);
    } else if (value !== null && typeof value === 'object') {
      problems.push(`with.${name} must be a string, number or boolean (a Motif input is text)`);
    }
  }
  if (problems.length > 0) return { problems };
  const values = new Map<string, string>();
  for (const input of inputs) values.set(input.name, given[input.name] === undefined || given[input.name] === null ? String(input.default ?? '') : String(given[input.name]));
  return { values, problems };
}

const INPUT_ACTION = /\{\{-?\s*[^}]*\binputs\b[^}]*-?\}\}/g;
const WHOLE_INPUT = /^\{\{-?\s*\.?inputs\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}$/;
const BARE_INPUT = /^\.?inputs\.([A-Za-z_][A-Za-z0-9_]*)$/;

/** One string with the inputs written in: simple references first, then whole actions that read inputs. */
export function substituteInputs(text: string, values: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [name, value] of values) {
    out = out.split(`{{ .inputs.${name} }}`).join(value).split(`{{ inputs.${name} }}`).join(value);
  }
  const data = { inputs: Object.fromEntries(values) };
  return out.replace(INPUT_ACTION, (action) => {
    try {
      return executeTemplate(action.replace(/\{\{(-?\s*)inputs\b/, '{{$1.inputs'), data).trim();
    } catch {
      return action; // left for validation to report, naming the field
    }
  });
}

/** A copy of `value` with every string bound; typed inputs (int, bool) that fill a whole string keep their type. */
export function bindValue(value: unknown, values: ReadonlyMap<string, string>, types: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_INPUT.exec(value.trim());
    const bound = substituteInputs(value, values);
    const type = whole ? types.get(whole[1]!) : undefined;
    if ((type === 'int' || type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(bound)) return Number(bound);
    if ((type === 'bool' || type === 'boolean') && (bound === 'true' || bound === 'false')) return bound === 'true';
    return bound;
  }
  if (Array.isArray(value)) return value.map((v) => bindValue(v, values, types));
  if (isRecord(value)) {
    const out: Rec = {};
    for (const [k, v] of Object.entries(value)) out[k] = bindValue(v, values, types);
    return out;
  }
  return value;
}

/**
 * A condition's field written as a bare input path (`field: inputs.expose`) reads the input. A
 * condition that reads an input and, once bound, holds no template is static: decided now (one on
 * the CR, such as `field: spec.x`, stays for reconcile time). Returns the conditions left for
 * reconcile time, or false when a static one fails.
 */
export function settleConditions(conditions: unknown, values: ReadonlyMap<string, string>): unknown[] | false | undefined {
  if (!Array.isArray(conditions)) return undefined;
  const left: unknown[] = [];
  for (const condition of conditions) {
    if (!isRecord(condition) || typeof condition.field !== 'string') {
      left.push(condition);
      continue;
    }
    const bare = BARE_INPUT.exec(condition.field);
    const readsInputs = bare !== null || (condition.field.match(INPUT_ACTION) ?? []).length > 0;
    const field = bare ? (values.get(bare[1]!) ?? '') : substituteInputs(condition.field, values);
    const bound = bindValue({ ...condition, field }, values, new Map()) as Rec;
    const statik = readsInputs && !JSON.stringify(bound).includes('{{');
    if (!statik) {
      left.push(bound);
      continue;
    }
    if (!staticHolds(bound, field)) return false;
  }
  return left;
}

/** Upstream's expansion-time evaluation: text comparisons only; an operator it does not know passes. */
function staticHolds(condition: Rec, field: string): boolean {
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  if (condition.exists !== undefined) return (condition.exists === true || condition.exists === 'true') === (field !== '');
  if (condition.notExists !== undefined) return (condition.notExists === true || condition.notExists === 'true') === (field === '');
  const op = typeof condition.operator === 'string' ? condition.operator : ['equals', 'notEquals', 'contains', 'prefix', 'suffix'].find((k) => condition[k] !== undefined);
  const value = text(typeof condition.operator === 'string' ? condition.value : op ? condition[op] : undefined);
  switch (op) {
    case 'equals':
      return field === value;
    case 'notEquals':
      return field !== value;
    case 'contains':
      return field.includes(value);
    case 'prefix':
      return field.startsWith(value);
    case 'suffix':
      return field.endsWith(value);
    default:
      return true;
  }
}
