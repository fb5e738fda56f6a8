// Upstream's Safe access notes: a value of the expected type, or the fallback. Unlike `default`
// the value comes first (getOr V DEF), as upstream; the typed forms reject a value of the wrong
// type (getIntOr "3" 1 is 1) rather than converting it.
import { CallFailure } from '../template-error.js';
import { kindOf } from '../values.js';
import { shown } from './arguments.js';
import { isEmptyValue } from './conditional.js';
import { defineNotes } from './define.js';

function typedDefault<T>(v: unknown, fn: string, check: (x: unknown) => x is T, what: string): T {
  if (check(v)) return v;
  throw new CallFailure(`${fn} needs ${what} as its fallback, got ${shown(v)}`);
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';

export const SAFE_ACCESS_NOTES = defineNotes('Safe access', [
  [{ name: 'getOr', min: 2, sig: 'getOr V DEF', summary: 'V unless it is empty, else DEF (value first, unlike default).', example: '{{ getOr .spec.replicas 1 }}' }, (a) => (isEmptyValue(a[0]) ? a[1] : a[0])],
  [
    { name: 'getStringOr', min: 2, sig: 'getStringOr V DEF', summary: 'V when it is a non-empty string, else the string DEF.', example: '{{ getStringOr .spec.image "nginx:latest" }}' },
    (a) => (typeof a[0] === 'string' && a[0] !== '' ? a[0] : typedDefault(a[1], 'getStringOr', isString, 'a string')),
  ],
  [
    { name: 'getIntOr', min: 2, sig: 'getIntOr V DEF', summary: 'V truncated to an integer when it is a number, else the integer DEF.', example: '{{ getIntOr .spec.replicas 1 }}' },
    (a) => {
      const k = kindOf(a[0]);
      if (k === 'int' || k === 'float') return Math.trunc(a[0] as number) + 0;
      return Math.trunc(typedDefault(a[1], 'getIntOr', isNumber, 'a number')) + 0;
    },
  ],
  [
    { name: 'getBoolOr', min: 2, sig: 'getBoolOr V DEF', summary: 'V when it is a boolean, else the boolean DEF ("true" as text is not a boolean).', example: '{{ getBoolOr .spec.enabled false }}' },
    (a) => (typeof a[0] === 'boolean' ? a[0] : typedDefault(a[1], 'getBoolOr', isBool, 'a boolean')),
  ],
]);
