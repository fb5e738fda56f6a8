// RFC 8785 (JCS) canonical JSON: the one serialisation of bundle.json and of the signed statement,
// so the same value always gives the same bytes. Pure. Rejects values outside the I-JSON data
// model instead of guessing; errors name the path and the kind of value, never the value itself.
import { OrkError } from '../errors.js';

/** Deeper than any sane Katalog or CRD schema; also stops runaway recursion on cyclic input. */
export const MAX_CANONICAL_DEPTH = 256;
/** Output larger than this is refused (matches the bundle read limit). */
export const MAX_CANONICAL_CHARS = 32 * 1024 * 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The canonical text of `value`. Properties whose value is `undefined` are omitted, as JSON does. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const state = { chars: 0, ancestors: new Set<object>() };
  write(value, '$', 0, out, state);
  return out.join('');
}

/** The canonical UTF-8 bytes of `value`: what is hashed and signed. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

interface WriteState {
  chars: number;
  ancestors: Set<object>;
}

function write(value: unknown, path: string, depth: number, out: string[], state: WriteState): void {
  switch (typeof value) {
    case 'string':
      return emit(serialiseString(value, path), out, state);
    case 'number':
      return emit(serialiseNumber(value, path), out, state);
    case 'boolean':
      return emit(value ? 'true' : 'false', out, state);
    case 'object':
      if (value === null) return emit('null', out, state);
      return writeContainer(value, path, depth, out, state);
    default:
      throw unrepresentable(path, `${typeof value} is not a JSON value`);
  }
}

function writeContainer(value: object, path: string, depth: number, out: string[], state: WriteState): void {
  if (depth >= MAX_CANONICAL_DEPTH) throw unrepresentable(path, `nesting deeper than ${MAX_CANONICAL_DEPTH} levels`);
  if (state.ancestors.has(value)) throw unrepresentable(path, 'the value contains itself (a cycle)');
  state.ancestors.add(value);
  if (Array.isArray(value)) writeArray(value, path, depth, out, state);
  else if (isPlainObject(value)) writeObject(value, path, depth, out, state);
  else throw unrepresentable(path, `${describeObject(value)} is not a plain object`);
  state.ancestors.delete(value);
}

function writeArray(items: unknown[], path: string, depth: number, out: string[], state: WriteState): void {
  emit('[', out, state);
  for (let i = 0; i < items.length; i++) {
    const itemPath = `${path}[${i}]`;
    // A hole or undefined would become `null` in JSON.stringify: a silent change of meaning.
    if (!(i in items) || items[i] === undefined) throw unrepresentable(itemPath, 'undefined inside an array');
    if (i > 0) emit(',', out, state);
    write(items[i], itemPath, depth + 1, out, state);
  }
  emit(']', out, state);
}

function writeObject(obj: Record<string, unknown>, path: string, depth: number, out: string[], state: WriteState): void {
  if (Object.getOwnPropertySymbols(obj).length > 0) throw unrepresentable(path, 'symbol-keyed property');
  // Default string comparison orders by UTF-16 code units, exactly what RFC 8785 §3.2.3 asks.
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  emit('{', out, state);
  keys.forEach((key, i) => {
    const keyPath = `${path}.${key}`;
    if (i > 0) emit(',', out, state);
    emit(serialiseString(key, keyPath), out, state);
    emit(':', out, state);
    write(obj[key], keyPath, depth + 1, out, state);
  });
  emit('}', out, state);
}

function emit(text: string, out: string[], state: WriteState): void {
  state.chars += text.length;
  if (state.chars > MAX_CANONICAL_CHARS) {
    throw new OrkError('JSON_UNREPRESENTABLE', `canonical JSON would exceed ${MAX_CANONICAL_CHARS} characters; reduce the size of the Katalog or its CRDs`);
  }
  out.push(text);
}

function serialiseNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) throw unrepresentable(path, `${String(n)} is not a finite number (JSON has no NaN or Infinity)`);
  // ECMAScript Number::toString is the RFC 8785 number form; -0 prints as 0, as the RFC requires.
  return Object.is(n, -0) ? '0' : String(n);
}

function serialiseString(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) throw unrepresentable(path, 'string holds an unpaired UTF-16 surrogate (not valid Unicode)');
  // JSON.stringify on a well-formed string escapes exactly as RFC 8785 §3.2.2.2 specifies:
  // \b \t \n \f \r \" \\ by name, other controls below U+0020 as \u00xx, everything else verbatim.
  return JSON.stringify(s);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeObject(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a custom prototype';
}

function unrepresentable(path: string, why: string): OrkError {
  return new OrkError('JSON_UNREPRESENTABLE', `${path}: ${why}; canonical JSON (RFC 8785) cannot hold it — fix the value at this path`);
}
