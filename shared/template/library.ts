// The Sprig-style functions Katalogs use, with Sprig's argument order: the value a pipeline passes
// in is the LAST argument (`replace "a" "b" .s`, `.s | truncate 5`). String functions take missing
// values as empty text; arithmetic keeps integers integral.
import { createHash } from 'node:crypto';
import { stringify as yamlStringify } from 'yaml';
import type { FuncDef } from './func-def.js';
import { CallFailure } from './template-error.js';
import { formatValue, goQuote, toStr } from './format.js';
import { goJson } from './go-json.js';
import { limited } from './builtins.js';
import { goTypeName, isTrue, kindOf } from './values.js';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MAX_RANDOM_LENGTH = 4096;
const MAX_TRUNCATE_LENGTH = 1 << 20;

/** A number argument: numbers, numeric strings (CR fields are often strings), missing as 0. */
function num(v: unknown, position: number): number {
  const k = kindOf(v);
  if (k === 'int' || k === 'float') return v as number;
  if (k === 'nil') return 0;
  if (k === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v as string)) return Number(v);
  throw new CallFailure(`argument ${position} is ${goTypeName(v)} ${JSON.stringify(formatValue(v))}, not a number`);
}

function arithmetic(args: unknown[], op: (a: number, b: number, ints: boolean) => number): number {
  const nums = args.map((a, i) => num(a, i + 1));
  const ints = nums.every(Number.isInteger);
  let acc = nums[0] ?? 0;
  for (let i = 1; i < nums.length; i++) acc = op(acc, nums[i] ?? 0, ints);
  if (!Number.isFinite(acc)) throw new CallFailure('result is not a finite number');
  return acc;
}

/** A length argument for truncate/randomAlphanumeric: an integer within [0, max]. */
function lengthArg(v: unknown, max: number): number {
  if (kindOf(v) !== 'int') throw new CallFailure(`the length must be an integer, not ${goTypeName(v)} ${JSON.stringify(formatValue(v))}`);
  const n = v as number;
  if (n < 0) throw new CallFailure(`the length must not be negative (got ${n})`);
  if (n > max) throw new CallFailure(`the length ${n} is too large (at most ${max})`);
  return n;
}

function truncate(n: number, s: string): string {
  if (s.length <= n) return s;
  let out = '';
  let count = 0;
  for (const ch of s) {
    if (count++ >= n) break;
    out += ch;
  }
  return out;
}

function randomAlphanumeric(n: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const r = random();
    const at = Number.isFinite(r) ? Math.min(ALPHANUMERIC.length - 1, Math.max(0, Math.floor(r * ALPHANUMERIC.length))) : 0;
    out += ALPHANUMERIC[at];
  }
  return out;
}

function replaceAll(oldText: string, newText: string, s: string, max: number): string {
  const parts = s.split(oldText);
  const size = s.length + (parts.length - 1) * (newText.length - oldText.length);
  if (size > max) throw new CallFailure(`result would be ${size} characters, more than ${max}`, 'TEMPLATE_LIMIT');
  return parts.join(newText);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function b64dec(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  if (!BASE64.test(clean)) throw new CallFailure('the input is not valid standard base64');
  return Buffer.from(clean, 'base64').toString('utf8');
}

function toYaml(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  const text = yamlStringify(v, { sortMapEntries: true, indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false });
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function def(name: string, minArgs: number, maxArgs: number, call: FuncDef['call']): FuncDef {
  return { name, minArgs, maxArgs, call };
}

const s = toStr;

export const LIBRARY: FuncDef[] = [
  // `default D V`: V unless it is empty (missing, "", 0, false, empty list/map), like Sprig.
  def('default', 1, 2, (a) => (a.length > 1 && isTrue(a[1]) ? a[1] : a[0])),
  def('toLower', 1, 1, (a) => s(a[0]).toLowerCase()),
  def('toUpper', 1, 1, (a) => s(a[0]).toUpperCase()),
  def('trim', 1, 1, (a) => s(a[0]).trim()),
  def('replace', 3, 3, (a, env) => replaceAll(s(a[0]), s(a[1]), s(a[2]), env.maxOutput)),
  def('contains', 2, 2, (a) => s(a[1]).includes(s(a[0]))),
  def('hasPrefix', 2, 2, (a) => s(a[1]).startsWith(s(a[0]))),
  def('hasSuffix', 2, 2, (a) => s(a[1]).endsWith(s(a[0]))),
  // Sprig's quote skips nil arguments and joins the rest with spaces.
  def('quote', 1, Infinity, (a, env) =>
    limited(
      a
        .filter((v) => v !== undefined && v !== null)
        .map((v) => goQuote(s(v)))
        .join(' '),
      env.maxOutput,
    ),
  ),
  def('toJson', 1, 1, (a, env) => limited(goJson(a[0], env.maxOutput), env.maxOutput)),
  def('toYaml', 1, 1, (a, env) => limited(toYaml(a[0]), env.maxOutput)),
  def('b64enc', 1, 1, (a, env) => limited(Buffer.from(s(a[0]), 'utf8').toString('base64'), env.maxOutput)),
  def('b64dec', 1, 1, (a) => b64dec(s(a[0]))),
  def('sha256sum', 1, 1, (a) => createHash('sha256').update(s(a[0]), 'utf8').digest('hex')),
  def('add', 1, Infinity, (a) => arithmetic(a, (x, y) => x + y)),
  def('sub', 2, 2, (a) => arithmetic(a, (x, y) => x - y)),
  def('mul', 1, Infinity, (a) => arithmetic(a, (x, y) => x * y)),
  def('div', 2, 2, (a) =>
    arithmetic(a, (x, y, ints) => {
      if (y === 0) throw new CallFailure('division by zero');
      return ints ? Math.trunc(x / y) : x / y;
    }),
  ),
  def('randomAlphanumeric', 1, 1, (a, env) => randomAlphanumeric(lengthArg(a[0], MAX_RANDOM_LENGTH), env.random)),
  def('truncate', 2, 2, (a) => truncate(lengthArg(a[0], MAX_TRUNCATE_LENGTH), s(a[1]))),
];
