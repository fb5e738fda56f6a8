// Sprig's string functions under Sprig's names, because Helm users write them: the value a
// pipeline passes in is the LAST argument (`.name | trunc 5`, `indent 4 .text`). Lengths count
// characters, not bytes, so a cut never splits a character.
import type { CallEnv } from '../func-def.js';
import { CallFailure } from '../template-error.js';
import { formatValue } from '../format.js';
import { bounded, intArg, listArg, str } from './arguments.js';
import { defineNotes } from './define.js';

const MAX_INDENT = 4096;

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}_]/u.test(c);
}

/** Go's strings.Title: the first letter of every word in upper case. */
function title(s: string): string {
  let out = '';
  let prev = ' ';
  for (const c of s) {
    out += isWordChar(prev) ? c : c.toUpperCase();
    prev = c;
  }
  return out;
}

/** The words of camelCase, PascalCase, snake_case, kebab-case or spaced text. */
function words(s: string): string[] {
  return s.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g) ?? [];
}

function trunc(n: number, s: string): string {
  const chars = [...s];
  if (n < 0) return chars.length + n > 0 ? chars.slice(chars.length + n).join('') : s;
  return chars.length > n ? chars.slice(0, n).join('') : s;
}

function substr(a: unknown[]): string {
  const start = intArg(a[0], 'the start', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const end = intArg(a[1], 'the end', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const chars = [...str(a[2])];
  const from = start < 0 ? 0 : start;
  const to = end < 0 || end > chars.length ? chars.length : end;
  if (from > to) throw new CallFailure(`the start ${start} is past the end ${to}`);
  return chars.slice(from, to).join('');
}

function indent(a: unknown[], env: CallEnv, newline: boolean): string {
  const pad = ' '.repeat(intArg(a[0], 'the indent', 0, MAX_INDENT));
  const text = str(a[1]);
  const lines = text.split('\n').length;
  if (text.length + lines * pad.length + 1 > env.maxOutput) {
    throw new CallFailure(`result would be longer than ${env.maxOutput} characters`, 'TEMPLATE_LIMIT');
  }
  return `${newline ? '\n' : ''}${pad}${text.replace(/\n/g, `\n${pad}`)}`;
}

function abbrev(a: unknown[]): string {
  const width = intArg(a[0], 'the width', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const chars = [...str(a[1])];
  if (width < 4) return ''; // Sprig gives nothing: the marker alone needs 4 characters
  return chars.length <= width ? chars.join('') : `${chars.slice(0, width - 3).join('')}...`;
}

/** Sprig's wrap (commons-lang WordUtils.wrap): break at the last space within N; long words stay whole. */
function wrap(width: number, s: string): string {
  const n = Math.max(1, width);
  const chars = [...s];
  let out = '';
  let at = 0;
  while (chars.length - at > n) {
    if (chars[at] === ' ') {
      at++;
      continue;
    }
    const space = chars.slice(at, at + n + 1).lastIndexOf(' ');
    let cut = space >= 0 ? at + space : chars.indexOf(' ', at + n);
    if (cut < 0) cut = chars.length;
    out += chars.slice(at, cut).join('') + (cut < chars.length ? '\n' : '');
    at = cut + 1;
  }
  return at < chars.length ? out + chars.slice(at).join('') : out;
}

const present = (v: unknown) => v !== undefined && v !== null;

export const SPRIG_STRING_NOTES = defineNotes('Sprig strings', [
  [{ name: 'upper', min: 1, sig: 'upper S', summary: 'S in upper case (Sprig name of toUpper).', example: '{{ .spec.tier | upper }}' }, (a) => str(a[0]).toUpperCase()],
  [{ name: 'lower', min: 1, sig: 'lower S', summary: 'S in lower case (Sprig name of toLower).', example: '{{ .spec.env | lower }}' }, (a) => str(a[0]).toLowerCase()],
  [{ name: 'title', min: 1, sig: 'title S', summary: 'S with the first letter of every word in upper case.', example: '{{ title "hello world" }}' }, (a) => title(str(a[0]))],
  [{ name: 'trunc', min: 2, sig: 'trunc N S', summary: 'The first N characters of S; negative N keeps the last -N.', example: '{{ .metadata.name | trunc 63 }}' }, (a) => trunc(intArg(a[0], 'the length', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER), str(a[1]))],
  [{ name: 'indent', min: 2, sig: 'indent N S', summary: 'Every line of S indented by N spaces.', example: '{{ toYaml .spec.env | indent 8 }}' }, (a, env) => indent(a, env, false)],
  [{ name: 'nindent', min: 2, sig: 'nindent N S', summary: 'A newline, then every line of S indented by N spaces.', example: '{{ toYaml .spec.env | nindent 8 }}' }, (a, env) => indent(a, env, true)],
  [{ name: 'trimAll', min: 2, sig: 'trimAll CUTSET S', summary: 'S without leading/trailing characters in CUTSET (Sprig order of trim S CUTSET).', example: '{{ .spec.path | trimAll "/" }}' }, (a) => {
    const cut = new Set(str(a[0]));
    const chars = [...str(a[1])];
    let i = 0;
    let j = chars.length;
    while (i < j && cut.has(chars[i] as string)) i++;
    while (j > i && cut.has(chars[j - 1] as string)) j--;
    return chars.slice(i, j).join('');
  }],
  [{ name: 'nospace', min: 1, sig: 'nospace S', summary: 'S with all white space removed.', example: '{{ nospace "a b\\tc" }}' }, (a) => str(a[0]).replace(/\s+/gu, '')],
  [{ name: 'squote', min: 1, max: Infinity, sig: 'squote V...', summary: 'Each non-missing argument in single quotes (no escaping), joined with spaces.', example: '{{ .spec.name | squote }}' }, (a, env) => bounded(a.filter(present).map((v) => `'${str(v)}'`).join(' '), env.maxOutput)],
  [{ name: 'cat', min: 0, max: Infinity, sig: 'cat V...', summary: 'The non-missing arguments as text, joined with spaces.', example: '{{ cat "hello" .spec.name }}' }, (a, env) => bounded(a.filter(present).map(formatValue).join(' '), env.maxOutput)],
  [{ name: 'substr', min: 3, sig: 'substr START END S', summary: 'Characters START..END of S; negative START means 0, END past the end means the end.', example: '{{ substr 0 5 .spec.name }}' }, substr],
  [{ name: 'abbrev', min: 2, sig: 'abbrev WIDTH S', summary: 'S cut to WIDTH characters ending in "..." when longer; "" when WIDTH < 4.', example: '{{ abbrev 10 .spec.description }}' }, abbrev],
  [{ name: 'wrap', min: 2, sig: 'wrap N S', summary: 'S with line breaks at spaces so lines are at most N characters; longer words stay whole.', example: '{{ wrap 80 .spec.description }}' }, (a, env) => bounded(wrap(intArg(a[0], 'the width', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER), str(a[1])), env.maxOutput)],
  [{ name: 'kebabcase', min: 1, sig: 'kebabcase S', summary: 'The words of S in lower case joined with "-".', example: '{{ kebabcase "FirstName" }}' }, (a) => words(str(a[0])).map((w) => w.toLowerCase()).join('-')],
  [{ name: 'snakecase', min: 1, sig: 'snakecase S', summary: 'The words of S in lower case joined with "_".', example: '{{ snakecase "FirstName" }}' }, (a) => words(str(a[0])).map((w) => w.toLowerCase()).join('_')],
  [{ name: 'camelcase', min: 1, sig: 'camelcase S', summary: 'snake_case S as PascalCase: each _-separated part with a capital first letter.', example: '{{ camelcase "http_server" }}' }, (a) => str(a[0]).split('_').map((p) => (p ? (p[0] as string).toUpperCase() + p.slice(1) : '')).join('')],
  [{ name: 'splitList', min: 2, sig: 'splitList SEP S', summary: 'S cut at every SEP into a list (Sprig order of split S SEP).', example: '{{ splitList "," .spec.hosts }}' }, (a) => str(a[1]).split(str(a[0]))],
  [{ name: 'toStrings', min: 1, sig: 'toStrings LIST', summary: 'Each item of LIST as text.', example: '{{ toStrings (list 1 2) }}' }, (a) => listArg(a[0], 'the argument').map((v) => str(v))],
]);
