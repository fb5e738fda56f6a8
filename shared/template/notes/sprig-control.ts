// Sprig's control, conversion and encoding functions under Sprig's names: required, fail, int,
// int64, float64, fromJson, toPrettyJson, fromYaml, sha1sum, adler32sum. The conversions follow
// Sprig: text that is not a number converts to 0 instead of failing.
import { createHash } from 'node:crypto';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { goJson, goJsonIndent } from '../go-json.js';
import { CallFailure } from '../template-error.js';
import { bounded, numOrUndefined, str } from './arguments.js';
import { defineNotes } from './define.js';

function required(a: unknown[]): unknown {
  if (a[1] === undefined || a[1] === null || a[1] === '') throw new CallFailure(str(a[0]) || 'a required value is missing');
  return a[1];
}

function toNumber(v: unknown): number {
  const n = numOrUndefined(v);
  return n === undefined || !Number.isFinite(n) ? 0 : n;
}

function fromJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // V8's wording changes between Node versions; keep only the position it reports.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new CallFailure(`the text is not valid JSON${at === undefined ? '' : ` (at character ${Number(at) + 1})`}`);
  }
}

function fromYaml(text: string, max: number): unknown {
  if (text.length > max) throw new CallFailure(`the text is longer than ${max} characters`, 'TEMPLATE_LIMIT');
  try {
    return parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw new CallFailure(`the text is not valid YAML${where}`);
  }
}

function adler32(text: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(text, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return (b * 65536 + a) >>> 0;
}

/** Sprig's round: half-up at PRECISION decimals by default, or at the given ROUNDON fraction. */
function round(a: unknown[]): number {
  const value = toNumber(a[0]);
  const pow = 10 ** toNumber(a[1]);
  const roundOn = a.length > 2 ? toNumber(a[2]) : 0.5;
  const digits = value * pow;
  const frac = digits - Math.trunc(digits);
  return (frac >= roundOn ? Math.ceil(digits) : Math.floor(digits)) / pow;
}

export const SPRIG_CONTROL_NOTES = defineNotes('Sprig control and encoding', [
  [{ name: 'add1', min: 1, sig: 'add1 N', summary: 'N as an integer, plus one.', example: '{{ add1 .index }}' }, (a) => Math.trunc(toNumber(a[0])) + 1],
  [{ name: 'floor', min: 1, sig: 'floor N', summary: 'The largest integer not above N.', example: '{{ floor 2.7 }}' }, (a) => Math.floor(toNumber(a[0])) + 0],
  [{ name: 'ceil', min: 1, sig: 'ceil N', summary: 'The smallest integer not below N.', example: '{{ ceil 2.1 }}' }, (a) => Math.ceil(toNumber(a[0])) + 0],
  [{ name: 'round', min: 2, max: 3, sig: 'round N PRECISION [ROUNDON]', summary: 'N rounded to PRECISION decimals (half up, or up from ROUNDON).', example: '{{ round 3.14159 2 }}' }, round],
  [{ name: 'required', min: 2, sig: 'required MSG V', summary: 'V, or an error saying MSG when V is missing or "".', example: '{{ required "spec.host is required" .spec.host }}' }, required],
  [{ name: 'fail', min: 1, sig: 'fail MSG', summary: 'Stops rendering with the error MSG.', example: '{{ if not .spec.host }}{{ fail "spec.host is required" }}{{ end }}' }, (a) => {
    throw new CallFailure(str(a[0]) || 'the template called fail');
  }],
  [{ name: 'int', min: 1, sig: 'int V', summary: 'V as an integer (truncated); text that is not a number gives 0, as Sprig.', example: '{{ int .spec.replicas }}' }, (a) => Math.trunc(toNumber(a[0])) + 0],
  [{ name: 'int64', min: 1, sig: 'int64 V', summary: 'Same as int.', example: '{{ int64 .spec.port }}' }, (a) => Math.trunc(toNumber(a[0])) + 0],
  [{ name: 'float64', min: 1, sig: 'float64 V', summary: 'V as a number; text that is not a number gives 0, as Sprig.', example: '{{ float64 .spec.ratio }}' }, (a) => toNumber(a[0])],
  [{ name: 'fromJson', min: 1, sig: 'fromJson S', summary: 'The value JSON text S holds; invalid JSON is an error.', example: '{{ (fromJson .spec.config).level }}' }, (a) => fromJson(str(a[0]))],
  [{ name: 'toPrettyJson', min: 1, sig: 'toPrettyJson V', summary: 'V as JSON indented by two spaces, sorted keys.', example: '{{ toPrettyJson .spec.settings }}' }, (a, env) => bounded(goJsonIndent(goJson(a[0], env.maxOutput)), env.maxOutput)],
  [{ name: 'fromYaml', min: 1, sig: 'fromYaml S', summary: 'The value YAML text S holds (empty text gives an empty map); invalid YAML is an error.', example: '{{ (fromYaml .spec.values).image }}' }, (a, env) => fromYaml(str(a[0]), env.maxOutput)],
  [{ name: 'sha1sum', min: 1, sig: 'sha1sum S', summary: 'The SHA-1 of S as 40 hex characters.', example: '{{ sha1sum .spec.config }}' }, (a) => createHash('sha1').update(str(a[0]), 'utf8').digest('hex')],
  [{ name: 'adler32sum', min: 1, sig: 'adler32sum S', summary: 'The Adler-32 checksum of S as a decimal number in text.', example: '{{ adler32sum .spec.config }}' }, (a) => String(adler32(str(a[0])))],
]);
