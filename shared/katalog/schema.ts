// Checks a parsed document against katalog.schema.json — the single source of truth for the shape
// of a Katalog/Komposer — and turns ajv's errors into one plain message per problem, with the
// path and YAML position. Knows which keys the Go runtime accepts and we do not (`x-goOnly` in the
// schema) and which of those need compiled Go code (`x-needsGo`), so those are reported as
// unsupported, with what to do instead, rather than unknown. Pure.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Issue } from '../errors.js';
import type { PathSegment } from './path.js';
import { formatPath } from './path.js';
import { katalogSchema, katalogValidator } from './schema-validator.js';
import { closest } from './suggest.js';
import type { Locator } from './yaml-source.js';

type JsonSchema = Record<string, unknown>;

export { katalogSchema };

/** Issues reported per document; past this the file is probably not a Katalog at all. */
const MAX_SCHEMA_ISSUES = 100;

let compiled: ValidateFunction | undefined;

/** Once per process, on first use (schema-validator.ts: precompiled by the build, else compiled now). */
function validator(): ValidateFunction {
  compiled ??= katalogValidator();
  return compiled;
}

export function schemaIssues(value: unknown, file: string, locate: Locator): Issue[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors = relevantErrors(validate.errors ?? [], value);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (issues.length === MAX_SCHEMA_ISSUES) {
      issues.push({ file, path: '', message: `${errors.length - MAX_SCHEMA_ISSUES} more schema problems not shown; fix the ones above first` });
      break;
    }
    const issue = toIssue(error, value, file, locate);
    const key = `${issue.line}:${issue.col}:${issue.path}:${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/**
 * ajv reports every branch of an `anyOf` that failed. Our anyOf branches differ by JSON type, so
 * when the value's type picks exactly one branch only that branch's errors matter (a mapping with
 * an unknown key should say so, not "expected a template"): the other branches can only have failed
 * on `type` at the value itself. When the type picks none or several, one "expected …" message
 * replaces them all. A branch's errors are the ones just before the anyOf error, at or under its
 * path (ajv reports them in evaluation order; schemaPath cannot tell because branches use $ref).
 */
const RANGE_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

function relevantErrors(errors: ErrorObject[], root: unknown): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  // A value of the wrong type says so once: not also that it is out of range.
  const mistyped = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const error of errors) if (RANGE_KEYWORDS.has(error.keyword) && mistyped.has(error.instancePath)) dropped.add(error);
  errors.forEach((error, index) => {
    if (error.keyword === 'if') dropped.add(error);
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return;
    const at = error.instancePath;
    const block: ErrorObject[] = [];
    for (let i = index - 1; i >= 0; i--) {
      const other = errors[i]!;
      if (other.instancePath !== at && !other.instancePath.startsWith(`${at}/`)) break;
      block.push(other);
    }
    const branches = (error.schema as JsonSchema[]).map(resolveRef);
    const type = jsonType(valueAt(root, pointerSegments(at)));
    const matching = branches.filter((b) => typeMatches(b, type)).length;
    if (matching === 1) {
      dropped.add(error);
      // The other branches failed on type; a string branch's enum fails too on a mapping or list.
      const structured = type === 'object' || type === 'array';
      for (const other of block) if (other.instancePath === at && (other.keyword === 'type' || (structured && other.keyword === 'enum'))) dropped.add(other);
    } else {
      for (const other of block) dropped.add(other);
    }
  });
  return errors.filter((e) => !dropped.has(e));
}

function toIssue(error: ErrorObject, root: unknown, file: string, locate: Locator): Issue {
  const segments = pointerSegments(error.instancePath, root);
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  const data = error.data;
  const at = (path: PathSegment[], part: 'key' | 'value') => ({ file, ...locate(path, part) });
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const path = [...segments, key];
      return { ...at(path, 'key'), path: formatPath(path), message: unknownKeyMessage(key, parent, segments) };
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { ...at(segments, 'key'), path: formatPath(segments), message: `missing required key "${missing}"` };
    }
    case 'type':
    case 'anyOf':
    case 'oneOf': {
      const expected = (parent['x-expected'] as string | undefined) ?? describeType((error.params as { type?: string | string[] }).type);
      return { ...at(segments, 'value'), path: formatPath(segments), message: `expected ${expected}, got ${describeValue(data)}` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
      return { ...at(segments, 'value'), path: formatPath(segments), message: `must be one of: ${allowed} (got ${describeValue(data)})` };
    }
    case 'const': {
      const wanted = JSON.stringify((error.params as { allowedValue: unknown }).allowedValue);
      return { ...at(segments, 'value'), path: formatPath(segments), message: `must be ${wanted} (got ${describeValue(data)})` };
    }
    case 'minimum':
    case 'maximum': {
      const min = parent.minimum as number | undefined;
      const max = parent.maximum as number | undefined;
      const range = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
      return { ...at(segments, 'value'), path: formatPath(segments), message: `must be ${range} (got ${describeValue(data)})` };
    }
    case 'pattern': {
      const expected = (parent['x-expected'] as string | undefined) ?? `a string matching ${String(error.schema)}`;
      return { ...at(segments, 'value'), path: formatPath(segments), message: `expected ${expected}, got ${describeValue(data)}` };
    }
    case 'minLength':
    case 'minItems':
      return { ...at(segments, 'value'), path: formatPath(segments), message: 'must not be empty' };
    default:
      return { ...at(segments, 'value'), path: formatPath(segments), message: error.message ?? `fails schema rule ${error.keyword}` };
  }
}

function resolveRef(schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops++) {
    const name = current.$ref.replace('#/definitions/', '');
    current = ((katalogSchema.definitions as Record<string, JsonSchema>)[name] ?? {}) as JsonSchema;
  }
  return current;
}

function typeMatches(schema: JsonSchema, type: string): boolean {
  const declared = schema.type;
  if (declared === undefined) return true;
  const types = Array.isArray(declared) ? declared : [declared];
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function describeType(type: string | string[] | undefined): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', null: 'nothing' };
  const list = Array.isArray(type) ? type : type ? [type] : [];
  return list.map((t) => names[t] ?? t).join(' or ') || 'another type';
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** JSON pointer → path segments; array indices become numbers when the data is a list there. */
function pointerSegments(pointer: string, root?: unknown): PathSegment[] {
  if (pointer === '') return [];
  const raw = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (root === undefined) return raw;
  const out: PathSegment[] = [];
  let node: unknown = root;
  for (const segment of raw) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      out.push(Number(segment));
      node = node[Number(segment)];
    } else {
      out.push(segment);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}

function valueAt(root: unknown, segments: PathSegment[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node;
}

/** Why a key is not taken: needs Go, Go-only, written one level too deep, not read here, or unknown (with the nearest key). */
function unknownKeyMessage(key: string, parent: JsonSchema, segments: readonly PathSegment[]): string {
  const needsGo = (parent['x-needsGo'] ?? {}) as Record<string, string>;
  if (Object.hasOwn(needsGo, key)) return `not supported: ${key} needs compiled Go code, which this runtime cannot load; ${needsGo[key]}`;
  const goOnly = (parent['x-goOnly'] ?? {}) as Record<string, string>;
  if (Object.hasOwn(goOnly, key)) return `not supported by this runtime (supported by the Go runtime; ${goOnly[key] || 'remove it'})`;
  const misplaced = (parent['x-misplaced'] ?? {}) as Record<string, string>;
  if (Object.hasOwn(misplaced, key)) return misplacedMessage(key, segments);
  const unread = (parent['x-unread'] ?? {}) as Record<string, string>;
  if (Object.hasOwn(unread, key)) return `not read by this runtime: ${unread[key]}`;
  const allowed = Object.keys((parent.properties ?? {}) as object);
  const suggestion = closest(key, allowed);
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
  return `unknown key${hint}`;
}

/**
 * A CRD entry's key written inside its operatorBox (upstream's pages show `crdFile:` and `mutation:`
 * there; its decoder refuses them too): say where it goes instead of listing operatorBox's keys.
 */
function misplacedMessage(key: string, box: readonly PathSegment[]): string {
  const entry = box.slice(0, box.lastIndexOf('operatorBox'));
  const where = entry.length > 0 ? `${formatPath(entry)}.${key}` : key;
  return `${key} belongs to the CRD entry, not operatorBox: write it as ${where} (one level up); the Go runtime refuses it inside operatorBox too`;
}
