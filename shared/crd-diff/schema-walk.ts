// Walks one version's openAPIV3Schema, old against new, through properties, items and
// additionalProperties, reporting removed/added/retyped/newly required properties and handing each
// node pair to keywords.ts. A subtree that was added or removed is reported once, not entered.
import { sortedKeysJson } from './value-equality.js';
import { childPath, itemsPath, makeChange, valuesPath } from './change-id.js';
import { compareKeywords, nodeName, type Emit, type NodeAt } from './keywords.js';
import { isRecord, type Rec } from './read-crd.js';

/** Deeper than any real schema; past it the subtrees are only compared whole. */
export const MAX_SCHEMA_DEPTH = 128;

export function compareSchemas(version: string, old: Rec, neu: Rec, emit: Emit): void {
  compareNode(old, neu, { version, path: '' }, 0, emit);
}

function compareNode(old: Rec, neu: Rec, at: NodeAt, depth: number, emit: Emit): void {
  if (depth > MAX_SCHEMA_DEPTH) {
    if (!sameJson(old, neu)) {
      emit(makeChange('breaking', 'schema-too-deep', at, `${nodeName(at)} is nested more than ${MAX_SCHEMA_DEPTH} levels deep and changed below this point; Orkestra does not classify it (review it by hand, then acknowledge).`));
    }
    return;
  }
  const oldType = typeOf(old);
  const newType = typeOf(neu);
  if (oldType !== newType) {
    emit(makeChange('breaking', 'type-changed', at, `${nodeName(at)} changes type from ${oldType} to ${newType}: stored objects and clients that send the old type no longer validate.`));
    return;
  }
  compareKeywords(old, neu, at, emit);
  compareProperties(old, neu, at, depth, emit);
  if (isRecord(old.items) || isRecord(neu.items)) {
    compareNode(record(old.items), record(neu.items), { version: at.version, path: itemsPath(at.path) }, depth + 1, emit);
  }
  compareValues(old, neu, at, depth, emit);
}

function compareProperties(old: Rec, neu: Rec, at: NodeAt, depth: number, emit: Emit): void {
  const before = record(old.properties);
  const after = record(neu.properties);
  const required = (node: Rec) => new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : []);
  const requiredBefore = required(old);
  const requiredAfter = required(neu);
  for (const name of Object.keys(before)) {
    const child = { version: at.version, path: childPath(at.path, name) };
    if (!(name in after)) {
      emit(makeChange('breaking', 'property-removed', child, `${nodeName(child)} was removed: its value is pruned from stored objects and clients that set it are rejected or lose it.`));
    } else {
      compareNode(record(before[name]), record(after[name]), child, depth + 1, emit);
    }
  }
  for (const name of Object.keys(after)) {
    if (name in before) continue;
    const child = { version: at.version, path: childPath(at.path, name) };
    const optional = requiredAfter.has(name) ? '' : 'optional ';
    emit(makeChange('safe', 'property-added', child, `${nodeName(child)} is a new ${optional}property.`));
  }
  for (const name of requiredAfter) {
    if (requiredBefore.has(name)) continue;
    const child = { version: at.version, path: childPath(at.path, name) };
    emit(makeChange('breaking', 'required-added', child, `${nodeName(child)} is now required: objects and clients that omit it fail validation.`));
  }
  for (const name of requiredBefore) {
    if (requiredAfter.has(name) || (name in before && !(name in after))) continue; // reported as removed
    const child = { version: at.version, path: childPath(at.path, name) };
    emit(makeChange('safe', 'required-removed', child, `${nodeName(child)} is no longer required.`));
  }
}

/** additionalProperties: a schema, or `true` (any value); absent or `false` means no map values. */
function compareValues(old: Rec, neu: Rec, at: NodeAt, depth: number, emit: Emit): void {
  const values = (node: Rec): Rec | undefined => (isRecord(node.additionalProperties) ? node.additionalProperties : node.additionalProperties === true ? {} : undefined);
  const before = values(old);
  const after = values(neu);
  if (before && after) {
    compareNode(before, after, { version: at.version, path: valuesPath(at.path) }, depth + 1, emit);
  } else if (before) {
    emit(makeChange('breaking', 'additional-properties-removed', at, `${nodeName(at)} no longer accepts arbitrary keys (additionalProperties): stored keys are pruned and clients that send them are rejected or lose them.`));
  } else if (after) {
    emit(makeChange('safe', 'additional-properties-added', at, `${nodeName(at)} now accepts arbitrary keys (additionalProperties).`));
  }
}

/** The type a node accepts, with the int-or-string and untyped escapes named. */
function typeOf(node: Rec): string {
  if (node['x-kubernetes-int-or-string'] === true) return 'int-or-string';
  return typeof node.type === 'string' && node.type !== '' ? node.type : 'any (untyped)';
}

function record(value: unknown): Rec {
  return isRecord(value) ? value : {};
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return sortedKeysJson(a) === sortedKeysJson(b);
  } catch {
    return false;
  }
}
