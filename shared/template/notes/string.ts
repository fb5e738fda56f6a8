// Upstream's String notes. Upstream registers Go's strings package directly, so the value comes
// FIRST (`contains .spec.env "prod"`, `replace .s "." "-"`), unlike Sprig. Where the two orders can
// be told apart by argument types (join, repeat, truncate) both are accepted.
import type { CallEnv } from '../func-def.js';
import { CallFailure } from '../template-error.js';
import { kindOf } from '../values.js';
import { bounded, intArg, shown, str } from './arguments.js';
import { defineNotes } from './define.js';

const MAX_COUNT = 1 << 20;

function replaceAll(s: string, oldText: string, newText: string, max: number): string {
  const parts = s.split(oldText);
  const size = s.length + (parts.length - 1) * (newText.length - oldText.length);
  if (size > max) throw new CallFailure(`result would be ${size} characters, more than ${max}`, 'TEMPLATE_LIMIT');
  return parts.join(newText);
}

/** Go's strings.Trim: drops leading and trailing characters that appear in the cutset. */
export function trimCutset(s: string, cutset: string): string {
  const cut = new Set(cutset);
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && cut.has(chars[start] as string)) start++;
  while (end > start && cut.has(chars[end - 1] as string)) end--;
  return chars.slice(start, end).join('');
}

/** At most n characters; longer text keeps n-3 and gets "..." (n ≤ 3: just n characters). */
function truncateDots(s: string, n: number): string {
  const chars = [...s];
  if (chars.length <= n) return s;
  return n <= 3 ? chars.slice(0, n).join('') : `${chars.slice(0, n - 3).join('')}...`;
}

function isUpper(c: string | undefined): boolean {
  return c !== undefined && c >= 'A' && c <= 'Z';
}
function isLower(c: string | undefined): boolean {
  return c !== undefined && c >= 'a' && c <= 'z';
}

/** CamelCase → kebab-case: a dash before an upper-case letter that starts a word or ends an acronym. */
export function camelToKebab(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (i > 0 && isUpper(c) && (isLower(s[i - 1]) || (isUpper(s[i - 1]) && isLower(s[i + 1])))) out += '-';
    out += isUpper(c) ? c.toLowerCase() : c;
  }
  return out;
}

function join(a: unknown[], env: CallEnv): string {
  // Upstream: join LIST SEP. Sprig: join SEP LIST. A list argument tells which was meant.
  const [list, sep] = Array.isArray(a[1]) && !Array.isArray(a[0]) ? [a[1], a[0]] : [a[0], a[1]];
  if (list === undefined || list === null) return '';
  const items = Array.isArray(list) ? list : [list];
  return bounded(items.map((v) => str(v)).join(str(sep)), env.maxOutput);
}

function repeat(a: unknown[], env: CallEnv): string {
  // Upstream: repeat S N. Sprig: repeat N S.
  const [s, n] = kindOf(a[0]) === 'int' && kindOf(a[1]) !== 'int' ? [a[1], a[0]] : [a[0], a[1]];
  const count = intArg(n, 'the repeat count', 0, MAX_COUNT);
  const text = str(s);
  if (text.length * count > env.maxOutput) {
    throw new CallFailure(`result would be ${text.length * count} characters, more than ${env.maxOutput}`, 'TEMPLATE_LIMIT');
  }
  return text.repeat(count);
}

function truncate(a: unknown[]): string {
  // Upstream: truncate S N. The earlier Sprig-like form truncate N S (and `.s | truncate N`) also works.
  const [s, n] = kindOf(a[0]) === 'int' && kindOf(a[1]) !== 'int' ? [a[1], a[0]] : [a[0], a[1]];
  if (kindOf(n) !== 'int') throw new CallFailure(`truncate needs a string and a length, got ${shown(a[0])} and ${shown(a[1])}`);
  return truncateDots(str(s), intArg(n, 'the length', 0, Number.MAX_SAFE_INTEGER));
}

export const STRING_NOTES = defineNotes('String', [
  [{ name: 'toLower', min: 1, sig: 'toLower S', summary: 'S in lower case.', example: '{{ toLower .spec.env }}' }, (a) => str(a[0]).toLowerCase()],
  [{ name: 'toUpper', min: 1, sig: 'toUpper S', summary: 'S in upper case.', example: '{{ toUpper .spec.tier }}' }, (a) => str(a[0]).toUpperCase()],
  [{ name: 'trimSpace', min: 1, sig: 'trimSpace S', summary: 'S without leading and trailing white space.', example: '{{ trimSpace .spec.domain }}' }, (a) => str(a[0]).trim()],
  [
    { name: 'trim', min: 1, max: 2, sig: 'trim S [CUTSET]', summary: 'Upstream: S without leading/trailing characters in CUTSET; with one argument (Sprig) without white space.', example: '{{ trim .spec.path "/" }}' },
    (a) => (a.length > 1 ? trimCutset(str(a[0]), str(a[1])) : str(a[0]).trim()),
  ],
  [{ name: 'trimPrefix', min: 2, sig: 'trimPrefix S PREFIX', summary: 'S without PREFIX when it starts with it (value first, as upstream).', example: '{{ trimPrefix .metadata.name "app-" }}' }, (a) => {
    const s = str(a[0]);
    const p = str(a[1]);
    return s.startsWith(p) ? s.slice(p.length) : s;
  }],
  [{ name: 'trimSuffix', min: 2, sig: 'trimSuffix S SUFFIX', summary: 'S without SUFFIX when it ends with it (value first, as upstream).', example: '{{ trimSuffix .spec.image ":latest" }}' }, (a) => {
    const s = str(a[0]);
    const x = str(a[1]);
    return x !== '' && s.endsWith(x) ? s.slice(0, s.length - x.length) : s;
  }],
  [{ name: 'hasPrefix', min: 2, sig: 'hasPrefix S PREFIX', summary: 'Whether S starts with PREFIX (value first, as upstream).', example: '{{ hasPrefix .spec.image "gcr.io/" }}' }, (a) => str(a[0]).startsWith(str(a[1]))],
  [{ name: 'hasSuffix', min: 2, sig: 'hasSuffix S SUFFIX', summary: 'Whether S ends with SUFFIX (value first, as upstream).', example: '{{ hasSuffix .spec.image ":v1" }}' }, (a) => str(a[0]).endsWith(str(a[1]))],
  [{ name: 'contains', min: 2, sig: 'contains S SUBSTR', summary: 'Whether S contains SUBSTR (value first, as upstream).', example: '{{ contains .spec.env "prod" }}' }, (a) => str(a[0]).includes(str(a[1]))],
  [
    { name: 'replace', min: 3, sig: 'replace S OLD NEW', summary: 'S with every OLD replaced by NEW (value first, as upstream).', example: '{{ replace .spec.domain "." "-" }}' },
    (a, env) => replaceAll(str(a[0]), str(a[1]), str(a[2]), env.maxOutput),
  ],
  [{ name: 'split', min: 2, sig: 'split S SEP', summary: 'S cut at every SEP into a list; empty S gives an empty list.', example: '{{ index (split .spec.tags ",") 0 }}' }, (a) => {
    const s = str(a[0]);
    return s === '' ? [] : s.split(str(a[1]));
  }],
  [{ name: 'join', min: 2, sig: 'join LIST SEP', summary: 'The items of LIST joined with SEP; Sprig order join SEP LIST also works.', example: '{{ join .spec.hosts ", " }}' }, join],
  [{ name: 'repeat', min: 2, sig: 'repeat S N', summary: 'S repeated N times; Sprig order repeat N S also works.', example: '{{ repeat "ab" 3 }}' }, repeat],
  [{ name: 'camelToKebab', min: 1, sig: 'camelToKebab S', summary: 'CamelCase or PascalCase S in kebab-case.', example: '{{ camelToKebab "HTTPRequestLog" }}' }, (a) => camelToKebab(str(a[0]))],
  [{ name: 'truncate', min: 2, sig: 'truncate S N', summary: 'S cut to at most N characters, the last three "..." when cut; truncate N S also works.', example: '{{ truncate .metadata.name 63 }}' }, truncate],
  [
    { name: 'concat', min: 0, max: Infinity, sig: 'concat S...', summary: 'The arguments joined with no separator; when all are lists (Sprig), one list of all their items.', example: '{{ concat "*." .spec.domain }}' },
    (a, env) => (a.length > 0 && a.every(Array.isArray) ? a.flat(1) : bounded(a.map((v) => str(v)).join(''), env.maxOutput)),
  ],
]);
