// Go text/template's built-in functions: comparisons, and/or/not, len, index, slice, print,
// printf, println, html, js, urlquery (`call` is refused). Follows Go except where a missing value
// would be an error there: it compares equal only to another missing value, has length 0 (as
// upstream's len, which also gives 0 for scalars), and indexes to missing.
import type { FuncDef } from './func-def.js';
import { CallFailure } from './template-error.js';
import { formatValue, toText } from './format.js';
import { sprintf } from './printf.js';
import { htmlEscape, jsEscape, queryEscape } from './go-escape.js';
import { goTypeName, isTrue, kindOf } from './values.js';

type Basic = 'bool' | 'number' | 'string' | 'nil';

function basicKind(fn: string, v: unknown): Basic {
  const k = kindOf(v);
  if (k === 'int' || k === 'float') return 'number';
  if (k === 'bool' || k === 'string' || k === 'nil') return k;
  throw new CallFailure(`cannot compare a value of type ${goTypeName(v)}; ${fn} compares only strings, numbers and booleans`);
}

function equal(a: unknown, b: unknown): boolean {
  const ka = basicKind('eq', a);
  const kb = basicKind('eq', b);
  if (ka === 'nil' || kb === 'nil') return ka === kb;
  if (ka !== kb) {
    throw new CallFailure(
      `incompatible types for comparison: ${goTypeName(a)} ${JSON.stringify(a)} and ${goTypeName(b)} ${JSON.stringify(b)}`,
    );
  }
  return a === b;
}

function less(fn: string, a: unknown, b: unknown): boolean {
  const ka = basicKind(fn, a);
  const kb = basicKind(fn, b);
  if (ka === 'nil' || kb === 'nil') throw new CallFailure('cannot order a missing value; check it with "if" first');
  if (ka === 'bool' || kb === 'bool') throw new CallFailure('booleans have no order');
  if (ka !== kb) {
    throw new CallFailure(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
  }
  return (a as number | string) < (b as number | string);
}

function length(v: unknown): number {
  switch (kindOf(v)) {
    case 'string':
      return Buffer.byteLength(v as string, 'utf8');
    case 'list':
      return (v as unknown[]).length;
    case 'map':
      return Object.keys(v as object).length;
    default:
      // Upstream replaces Go's len with one that gives 0 for missing values and scalars.
      return 0;
  }
}

function indexOne(item: unknown, key: unknown): unknown {
  const k = kindOf(item);
  if (k === 'nil') return undefined;
  if (k === 'list' || k === 'string') {
    if (kindOf(key) !== 'int') throw new CallFailure(`cannot index a ${k} with ${goTypeName(key)} ${formatValue(key)}; use an integer`);
    const i = key as number;
    const bytes = k === 'string' ? Buffer.from(item as string, 'utf8') : undefined;
    const len = bytes ? bytes.length : (item as unknown[]).length;
    if (i < 0 || i >= len) throw new CallFailure(`index out of range: ${i} (length ${len})`);
    return bytes ? bytes[i] : (item as unknown[])[i];
  }
  if (k === 'map') {
    if (typeof key !== 'string') throw new CallFailure(`cannot index a map with ${goTypeName(key)} ${formatValue(key)}; keys are strings`);
    return Object.hasOwn(item as object, key) ? (item as Record<string, unknown>)[key] : undefined;
  }
  throw new CallFailure(`cannot index a value of type ${goTypeName(item)}`);
}

/** Go fmt.Sprint: operands joined, with a space between two operands when neither is a string; nil prints <nil>. */
export function sprint(args: unknown[], nil = '<nil>'): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += a === undefined || a === null ? nil : toText(a);
  }
  return out;
}

/** Go fmt.Sprintln: operands always space-separated, then a newline; nil prints <nil>. */
function sprintln(args: unknown[]): string {
  return `${args.map((a) => (a === undefined || a === null ? '<nil>' : toText(a))).join(' ')}\n`;
}

/** Go's html/js/urlquery argument rule: one string as it is, anything else as print would, a nil as <no value>. */
function escapeInput(args: unknown[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args, '<no value>');
}

function sliceIndex(v: unknown, len: number): number {
  if (kindOf(v) !== 'int') throw new CallFailure(`cannot slice with ${goTypeName(v)} ${formatValue(v)}; use an integer`);
  const i = v as number;
  if (i < 0 || i > len) throw new CallFailure(`index out of range: ${i} (length ${len})`);
  return i;
}

/** Go's slice: x[i], x[i:j] or, for lists, x[i:j:k]; strings are sliced by bytes, as Go does. */
function slice(a: unknown[]): unknown {
  const item = a[0];
  const k = kindOf(item);
  if (k === 'nil') throw new CallFailure('cannot slice a missing value; check it with "if" first');
  if (k !== 'string' && k !== 'list') throw new CallFailure(`cannot slice a value of type ${goTypeName(item)}`);
  if (k === 'string' && a.length > 3) throw new CallFailure('cannot 3-index slice a string');
  const bytes = k === 'string' ? Buffer.from(item as string, 'utf8') : undefined;
  const len = bytes ? bytes.length : (item as unknown[]).length;
  const idx = a.slice(1).map((v) => sliceIndex(v, len));
  for (let i = 1; i < idx.length; i++) {
    if ((idx[i] as number) < (idx[i - 1] as number)) throw new CallFailure(`invalid slice index: ${idx[i - 1]} > ${idx[i]}`);
  }
  const from = idx[0] ?? 0;
  const to = idx[1] ?? len;
  return bytes ? bytes.subarray(from, to).toString('utf8') : (item as unknown[]).slice(from, to);
}

type Entry = [string, number, number, FuncDef['call'], string, string, string];

function defs(entries: Entry[]): FuncDef[] {
  return entries.map(([name, minArgs, maxArgs, call, signature, summary, example]) => ({
    name,
    minArgs,
    maxArgs,
    call,
    doc: { domain: 'Go built-ins', signature, summary, example },
  }));
}

const LAZY = { and: 'and', or: 'or' } as const;

export const BUILTINS: FuncDef[] = defs([
  // and/or are evaluated by the evaluator (short-circuit); `call` here is the eager equivalent.
  ['and', 1, Infinity, (a) => a.find((v) => !isTrue(v)) ?? a[a.length - 1], 'and A B...', 'The first false argument, else the last; stops at the first false one.', '{{ if and .spec.tls .spec.host }}https{{ end }}'],
  ['or', 1, Infinity, (a) => a.find((v) => isTrue(v)) ?? a[a.length - 1], 'or A B...', 'The first true argument, else the last; stops at the first true one.', '{{ or .spec.name .metadata.name }}'],
  ['not', 1, 1, (a) => !isTrue(a[0]), 'not V', 'Whether V is false by Go rules (missing, "", 0, false, empty).', '{{ if not .spec.suspend }}run{{ end }}'],
  ['eq', 2, Infinity, (a) => a.slice(1).some((b) => equal(a[0], b)), 'eq A B...', 'Whether A equals any of the others; missing equals only missing.', '{{ if eq .spec.env "prod" "production" }}…{{ end }}'],
  ['ne', 2, 2, (a) => !equal(a[0], a[1]), 'ne A B', 'Whether A and B differ.', '{{ if ne .spec.tier "free" }}…{{ end }}'],
  ['lt', 2, 2, (a) => less('lt', a[0], a[1]), 'lt A B', 'Whether A < B (numbers or strings).', '{{ if lt .spec.replicas 3 }}small{{ end }}'],
  ['le', 2, 2, (a) => less('le', a[0], a[1]) || equal(a[0], a[1]), 'le A B', 'Whether A <= B.', '{{ if le .spec.replicas 3 }}small{{ end }}'],
  ['gt', 2, 2, (a) => less('gt', a[1], a[0]), 'gt A B', 'Whether A > B.', '{{ if gt .spec.replicas 3 }}big{{ end }}'],
  ['ge', 2, 2, (a) => less('ge', a[1], a[0]) || equal(a[0], a[1]), 'ge A B', 'Whether A >= B.', '{{ if ge .spec.replicas 3 }}big{{ end }}'],
  ['len', 1, 1, (a) => length(a[0]), 'len V', 'Bytes of a string, items of a list or map; 0 for anything else (as upstream).', '{{ len .spec.hosts }}'],
  ['index', 1, Infinity, (a) => a.slice(1).reduce((item, key) => indexOne(item, key), a[0]), 'index V K...', 'V[K1][K2]…: a map key or list index; a missing map gives nothing.', '{{ index .metadata.labels "app.kubernetes.io/name" }}'],
  ['slice', 1, 4, slice, 'slice V [I [J [K]]]', 'V[I:J] of a list or string (strings by bytes, as Go).', '{{ slice .spec.hosts 1 }}'],
  ['print', 0, Infinity, (a, env) => limited(sprint(a), env.maxOutput), 'print V...', 'The arguments as text, spaces only between two non-strings (Go fmt.Sprint).', '{{ print .spec.port }}'],
  ['println', 0, Infinity, (a, env) => limited(sprintln(a), env.maxOutput), 'println V...', 'The arguments space-separated, then a newline (Go fmt.Sprintln).', '{{ println "a" "b" }}'],
  [
    'printf',
    1,
    Infinity,
    (a, env) => {
      if (typeof a[0] !== 'string') throw new CallFailure(`the format must be a string, not ${goTypeName(a[0])}`);
      return sprintf(a[0], a.slice(1), env.maxOutput);
    },
    'printf FORMAT V...',
    'Go fmt.Sprintf.',
    '{{ printf "%s-%d" .metadata.name 3 }}',
  ],
  ['html', 1, Infinity, (a, env) => limited(htmlEscape(escapeInput(a)), env.maxOutput), 'html V...', 'The text with " \' & < > escaped for HTML, as Go.', '{{ html .spec.title }}'],
  ['js', 1, Infinity, (a, env) => limited(jsEscape(escapeInput(a)), env.maxOutput), 'js V...', 'The text escaped for a JavaScript string, as Go.', '{{ js .spec.message }}'],
  ['urlquery', 1, Infinity, (a, env) => limited(queryEscape(escapeInput(a)), env.maxOutput), 'urlquery V...', 'The text escaped for a URL query, as Go (space becomes +).', 'https://x.io/?q={{ urlquery .spec.query }}'],
  [
    'call',
    1,
    Infinity,
    () => {
      throw new CallFailure('call is not supported: template data holds no functions; call a template function by name instead');
    },
    'call F ARGS...',
    'Refused: template data never holds functions, so there is nothing to call.',
    '{{ toUpper .spec.name }} instead of {{ call .f .spec.name }}',
  ],
]).map((d) => (d.name === 'and' || d.name === 'or' ? { ...d, lazy: LAZY[d.name] } : d));

export function limited(s: string, max: number): string {
  if (s.length > max) throw new CallFailure(`result is longer than ${max} characters`, 'TEMPLATE_LIMIT');
  return s;
}
