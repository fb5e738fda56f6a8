// How a note (an upstream Orkestra template function) is declared here: a FuncDef with its doc
// entry, and the readers for its typed arguments. Upstream's notes are Go functions with typed
// parameters, so an argument of the wrong type is an error that names the argument.
import type { FuncDef } from '../func-def.js';
import { formatValue } from '../format.js';
import { CallFailure } from '../template-error.js';
import { goTypeName, kindOf } from '../values.js';

/** [signature, summary, example] for docs/template-functions.md. */
export type DocLine = readonly [signature: string, summary: string, example: string];

export function note(domain: string, name: string, arity: readonly [number, number], doc: DocLine, call: FuncDef['call']): FuncDef {
  const [signature, summary, example] = doc;
  return { name, minArgs: arity[0], maxArgs: arity[1], call, doc: { domain, signature, summary, example } };
}

function shown(v: unknown): string {
  const k = kindOf(v);
  if (k === 'nil') return '<nil>';
  const full = formatValue(v);
  const text = full.length > 40 ? `${full.slice(0, 40)}…` : full;
  return `${goTypeName(v)} ${k === 'string' ? JSON.stringify(text) : text}`;
}

/** A string parameter: text as-is; a missing value reads as "" (CR fields are often absent). */
export function str(v: unknown, position: number): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  throw new CallFailure(`argument ${position} must be a string, not ${shown(v)}`);
}

/** An int parameter: only integers, as Go's template call would accept for `int`. */
export function int(v: unknown, position: number): number {
  if (kindOf(v) === 'int') return v as number;
  throw new CallFailure(`argument ${position} must be an integer, not ${shown(v)}`);
}

/** A number parameter (float64 in Go): integers and floats. */
export function float(v: unknown, position: number): number {
  const k = kindOf(v);
  if (k === 'int' || k === 'float') return v as number;
  throw new CallFailure(`argument ${position} must be a number, not ${shown(v)}`);
}
