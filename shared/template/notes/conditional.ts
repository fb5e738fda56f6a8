// Upstream's Conditional notes. `ternary` takes the condition FIRST (upstream), not last as Sprig
// does; `default` takes the fallback first and the value second, which is both upstream's and
// Sprig's order, so `.x | default "y"` works. Empty means missing, "", 0, false, an empty list or
// map, or the text "<no value>" (what Go prints for a missing key).
import { CallFailure } from '../template-error.js';
import { isTrue } from '../values.js';
import { formatValue } from '../format.js';
import { shown } from './arguments.js';
import { defineNotes } from './define.js';

/** Upstream's notion of empty: Go's false values plus the text "<no value>". */
export function isEmptyValue(v: unknown): boolean {
  return v === '<no value>' || !isTrue(v);
}

function boolArg(v: unknown, fn: string, what: string): boolean {
  if (typeof v === 'boolean') return v;
  throw new CallFailure(`${fn} needs a boolean ${what}, got ${shown(v)}; use ternary for truthiness or boolDefault for a missing field`);
}

export const CONDITIONAL_NOTES = defineNotes('Conditional', [
  [
    { name: 'ternary', min: 3, sig: 'ternary COND T F', summary: 'T when COND is true by Go rules, else F (condition first, as upstream).', example: '{{ ternary .spec.debug "debug" "info" }}' },
    (a) => (isTrue(a[0]) ? a[1] : a[2]),
  ],
  [
    { name: 'boolTernary', min: 3, sig: 'boolTernary BOOL T F', summary: 'T when BOOL is true, F when false; any other value is an error.', example: '{{ boolTernary .spec.suspend "Suspended" "Active" }}' },
    (a) => (boolArg(a[0], 'boolTernary', 'condition') ? a[1] : a[2]),
  ],
  [
    { name: 'boolDefault', min: 2, sig: 'boolDefault V DEF', summary: 'V when it is a boolean, else DEF (which must be a boolean).', example: '{{ boolDefault .spec.suspend false }}' },
    (a) => (typeof a[0] === 'boolean' ? a[0] : boolArg(a[1], 'boolDefault', 'default')),
  ],
  [
    { name: 'eqTernary', min: 4, sig: 'eqTernary V TARGET T F', summary: 'T when V and TARGET print the same with %v (missing prints <nil>, as upstream), else F.', example: '{{ eqTernary .spec.mode "production" "strict" "permissive" }}' },
    (a) => (formatValue(a[0]) === formatValue(a[1]) ? a[2] : a[3]),
  ],
  [
    { name: 'coalesce', min: 0, max: Infinity, sig: 'coalesce V...', summary: 'The first non-empty argument, or nothing.', example: '{{ coalesce .spec.image .spec.defaultImage "nginx:latest" }}' },
    (a) => a.find((v) => !isEmptyValue(v)),
  ],
  [
    { name: 'default', min: 1, max: 2, sig: 'default DEF V', summary: 'V unless it is empty, else DEF; fallback first, so .x | default "y" works.', example: '{{ .spec.logLevel | default "info" }}' },
    (a) => (a.length > 1 && !isEmptyValue(a[1]) ? a[1] : a[0]),
  ],
  [{ name: 'empty', min: 1, sig: 'empty V', summary: 'Whether V is empty (missing, "", 0, false, empty list or map, "<no value>").', example: '{{ if empty .spec.image }}nginx{{ end }}' }, (a) => isEmptyValue(a[0])],
  [{ name: 'notEmpty', min: 1, sig: 'notEmpty V', summary: 'Whether V is not empty.', example: '{{ notEmpty .spec.image }}' }, (a) => !isEmptyValue(a[0])],
]);
