// Go text/template's built-in functions: comparisons, and/or/not, len, index, print, printf.
// Follows Go except where a missing value would be an error there: a missing value compares equal
// only to another missing value, has length 0, and indexes to missing.
import type { FuncDef } from './func-def.js';
import { CallFailure } from './template-error.js';
import { formatValue, toText } from './format.js';
import { sprintf } from './printf.js';
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
    case 'nil':
      return 0;
    default:
      throw new CallFailure(`a value of type ${goTypeName(v)} has no length`);
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

/** Go fmt.Sprint: operands joined, with a space between two operands when neither is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += toText(a);
  }
  return out;
}

function def(name: string, minArgs: number, maxArgs: number, call: FuncDef['call'], lazy?: 'and' | 'or'): FuncDef {
  return lazy ? { name, minArgs, maxArgs, call, lazy } : { name, minArgs, maxArgs, call };
}

export const BUILTINS: FuncDef[] = [
  // and/or are evaluated by the evaluator (short-circuit); `call` is the eager equivalent.
  def('and', 1, Infinity, (a) => a.find((v) => !isTrue(v)) ?? a[a.length - 1], 'and'),
  def('or', 1, Infinity, (a) => a.find((v) => isTrue(v)) ?? a[a.length - 1], 'or'),
  def('not', 1, 1, (a) => !isTrue(a[0])),
  def('eq', 2, Infinity, (a) => a.slice(1).some((b) => equal(a[0], b))),
  def('ne', 2, 2, (a) => !equal(a[0], a[1])),
  def('lt', 2, 2, (a) => less('lt', a[0], a[1])),
  def('le', 2, 2, (a) => less('le', a[0], a[1]) || equal(a[0], a[1])),
  def('gt', 2, 2, (a) => less('gt', a[1], a[0])),
  def('ge', 2, 2, (a) => less('ge', a[1], a[0]) || equal(a[0], a[1])),
  def('len', 1, 1, (a) => length(a[0])),
  def('index', 1, Infinity, (a) => a.slice(1).reduce((item, key) => indexOne(item, key), a[0])),
  def('print', 0, Infinity, (a, env) => limited(sprint(a), env.maxOutput)),
  def('printf', 1, Infinity, (a, env) => {
    if (typeof a[0] !== 'string') throw new CallFailure(`the format must be a string, not ${goTypeName(a[0])}`);
    return sprintf(a[0], a.slice(1), env.maxOutput);
  }),
];

export function limited(s: string, max: number): string {
  if (s.length > max) throw new CallFailure(`result is longer than ${max} characters`, 'TEMPLATE_LIMIT');
  return s;
}
