// Upstream's Type notes: conversions (toInt, toFloat, toBool, toString, toJson, toList) and type
// predicates. Type names are upstream's: string, number, bool, map, slice, null. A missing value
// converts to the zero value (0, false, "") where upstream would stop with an error.
import { goJson } from '../go-json.js';
import { formatValue } from '../format.js';
import { CallFailure } from '../template-error.js';
import { kindOf } from '../values.js';
import { bounded, num, shown, str } from './arguments.js';
import { defineNotes } from './define.js';

const TRUE_WORDS = new Set(['true', 'True', 'TRUE', '1', 'yes', 'YES', 'Yes', 'on', 'ON']);
const FALSE_WORDS = new Set(['false', 'False', 'FALSE', '0', 'no', 'NO', 'No', 'off', 'OFF', '']);

/** Upstream's typeOf names. */
export function typeOf(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return 'null';
    case 'string':
      return 'string';
    case 'int':
    case 'float':
      return 'number';
    case 'bool':
      return 'bool';
    case 'map':
      return 'map';
    case 'list':
      return 'slice';
    default:
      return 'unknown';
  }
}

function toInt(v: unknown): number {
  const k = kindOf(v);
  if (k === 'list' || k === 'map') throw new CallFailure(`toInt cannot convert ${shown(v)} to a number`);
  return Math.trunc(num(v, 'the value')) + 0;
}

function toBool(v: unknown): boolean {
  const k = kindOf(v);
  if (k === 'bool') return v as boolean;
  if (k === 'nil') return false;
  if (k === 'int' || k === 'float') return v !== 0;
  if (k === 'string') {
    if (TRUE_WORDS.has(v as string)) return true;
    if (FALSE_WORDS.has(v as string)) return false;
  }
  throw new CallFailure(`toBool cannot read ${shown(v)}; use true/false, yes/no, on/off or 1/0`);
}

/** Comma-separated text as a list of trimmed, non-blank items. */
function toList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return str(v)
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Upstream's isEmpty: missing, "", empty list or empty map (numbers and booleans are never empty). */
function isEmptyShape(v: unknown): boolean {
  const k = kindOf(v);
  if (k === 'nil') return true;
  if (k === 'string') return v === '';
  if (k === 'list') return (v as unknown[]).length === 0;
  if (k === 'map') return Object.keys(v as object).length === 0;
  return false;
}

const is = (name: string, type: string) =>
  [
    { name, min: 1, sig: `${name} V`, summary: `Whether V is a ${type} (typeOf V is "${type}").`, example: `{{ if ${name} .spec.schedule }}…{{ end }}` },
    (a: unknown[]) => typeOf(a[0]) === type,
  ] as const;

export const TYPE_NOTES = defineNotes('Type', [
  [{ name: 'toInt', min: 1, sig: 'toInt V', summary: 'V as an integer: numbers truncated, numeric text parsed, true is 1, missing is 0.', example: '{{ toInt .spec.replicas }}' }, (a) => toInt(a[0])],
  [
    { name: 'toFloat', min: 1, sig: 'toFloat V', summary: 'V as a number: numeric text parsed, true is 1, missing is 0.', example: '{{ toFloat .spec.threshold }}' },
    (a) => {
      if (kindOf(a[0]) === 'list' || kindOf(a[0]) === 'map') throw new CallFailure(`toFloat cannot convert ${shown(a[0])} to a number`);
      return num(a[0], 'the value');
    },
  ],
  [{ name: 'toBool', min: 1, sig: 'toBool V', summary: 'V as a boolean: true/yes/on/1 and false/no/off/0/"" (as upstream); other text is an error.', example: '{{ toBool .spec.enabled }}' }, (a) => toBool(a[0])],
  [{ name: 'toString', min: 1, sig: 'toString V', summary: 'V as Go prints it (%v); missing is "".', example: '{{ toString .spec.replicas }}' }, (a, env) => bounded(a[0] === undefined || a[0] === null ? '' : formatValue(a[0]), env.maxOutput)],
  [{ name: 'toJson', min: 1, sig: 'toJson V', summary: 'V as compact JSON with sorted keys, as Go encodes it.', example: '{{ toJson .spec }}' }, (a, env) => bounded(goJson(a[0], env.maxOutput), env.maxOutput)],
  [{ name: 'toList', min: 1, sig: 'toList S', summary: 'Comma-separated S as a list of trimmed, non-blank items; a list stays as it is.', example: '{{ toList "a, b,c" }}' }, (a) => toList(a[0])],
  [{ name: 'typeOf', min: 1, sig: 'typeOf V', summary: 'The type of V: string, number, bool, map, slice or null.', example: '{{ typeOf .spec.schedule }}' }, (a) => typeOf(a[0])],
  is('typeMap', 'map'),
  is('typeList', 'slice'),
  is('typeString', 'string'),
  is('typeNumber', 'number'),
  is('typeBool', 'bool'),
  is('typeNull', 'null'),
  [{ name: 'isEmpty', min: 1, sig: 'isEmpty V', summary: 'Whether V is missing, "", an empty list or an empty map (0 and false are not).', example: '{{ isEmpty .spec.annotations }}' }, (a) => isEmptyShape(a[0])],
  [{ name: 'Empty', min: 1, sig: 'Empty V', summary: 'The name upstream documents for isEmpty; the same function.', example: '{{ Empty .spec.annotations }}' }, (a) => isEmptyShape(a[0])],
  [{ name: 'isScalar', min: 1, sig: 'isScalar V', summary: 'Whether V is a string, number or boolean.', example: '{{ isScalar .spec.value }}' }, (a) => ['string', 'number', 'bool'].includes(typeOf(a[0]))],
  [{ name: 'isComposite', min: 1, sig: 'isComposite V', summary: 'Whether V is a map or a list.', example: '{{ isComposite .spec.value }}' }, (a) => ['map', 'slice'].includes(typeOf(a[0]))],
]);
