// The validation keywords of ONE schema node, old against new: enum, pattern, format, numeric and
// size bounds, nullable, unknown-field preservation, list/map semantics, CEL rules, combinators,
// defaults and descriptions. Tightening what is accepted is breaking; loosening it is safe.
// Properties, items and additionalProperties are walked by schema-walk.ts, not here.
import { sortedKeysJson, sameValue, showValue, showValues, withoutDescriptions } from './value-equality.js';
import { makeChange } from './change-id.js';
import { isRecord, type Rec } from './read-crd.js';
import type { ChangeKind, CrdChange } from './types.js';

export interface NodeAt {
  version: string;
  path: string;
}

export type Emit = (change: CrdChange) => void;

/** `spec.replicas in v1`: how a message names the node it is about. */
export function nodeName(at: NodeAt): string {
  return `${at.path === '' ? 'the schema root' : at.path} in ${at.version}`;
}

export function compareKeywords(old: Rec, neu: Rec, at: NodeAt, emit: Emit): void {
  const say = (severity: CrdChange['severity'], kind: ChangeKind, message: string) => emit(makeChange(severity, kind, at, message));
  const name = nodeName(at);

  compareEnum(old.enum, neu.enum, name, say);
  compareText(old.pattern, neu.pattern, 'pattern', name, say);
  compareText(old.format, neu.format, 'format', name, say);
  for (const bound of BOUNDS) compareBound(old[bound.keyword], neu[bound.keyword], bound, name, say);
  compareFlag(old.exclusiveMinimum, neu.exclusiveMinimum, 'exclusive-minimum', 'exclusiveMinimum', name, 'the minimum itself is no longer accepted', 'the minimum itself is accepted again', say);
  compareFlag(old.exclusiveMaximum, neu.exclusiveMaximum, 'exclusive-maximum', 'exclusiveMaximum', name, 'the maximum itself is no longer accepted', 'the maximum itself is accepted again', say);
  compareMultipleOf(old.multipleOf, neu.multipleOf, name, say);
  compareFlag(old.uniqueItems, neu.uniqueItems, 'unique-items', 'uniqueItems', name, 'lists with repeated items no longer validate', 'repeated items are accepted again', say);

  if (old.nullable === true && neu.nullable !== true) {
    say('breaking', 'nullable-removed', `${name} is no longer nullable: objects and clients that set it to null fail validation.`);
  } else if (old.nullable !== true && neu.nullable === true) {
    say('safe', 'nullable-added', `${name} now accepts null.`);
  }
  const preserve = 'x-kubernetes-preserve-unknown-fields';
  if (old[preserve] === true && neu[preserve] !== true) {
    say('breaking', 'preserve-unknown-fields-removed', `${name} no longer preserves unknown fields: fields the schema does not list are pruned from stored objects and from requests.`);
  } else if (old[preserve] !== true && neu[preserve] === true) {
    say('safe', 'preserve-unknown-fields-added', `${name} now preserves fields the schema does not list instead of pruning them.`);
  }
  const embedded = 'x-kubernetes-embedded-resource';
  if ((old[embedded] === true) !== (neu[embedded] === true)) {
    const now = neu[embedded] === true ? 'now must be' : 'is no longer';
    say('breaking', 'embedded-resource-changed', `${name} ${now} an embedded Kubernetes object (apiVersion, kind, metadata), which changes what validates and what is pruned.`);
  }
  compareListType(old, neu, name, say);
  const oldMap = text(old['x-kubernetes-map-type']) ?? 'granular';
  const newMap = text(neu['x-kubernetes-map-type']) ?? 'granular';
  if (oldMap !== newMap) {
    say('warning', 'map-type-changed', `${name} changes x-kubernetes-map-type from ${oldMap} to ${newMap}, which changes how server-side apply merges it between field managers.`);
  }
  compareRules(old['x-kubernetes-validations'], neu['x-kubernetes-validations'], name, say);
  compareComposition(old, neu, name, say);
  compareDefault(old, neu, name, say);
  if ((text(old.description) ?? '') !== (text(neu.description) ?? '')) {
    say('safe', 'description-changed', `The description of ${name} changed.`);
  }
}

type Say = (severity: CrdChange['severity'], kind: ChangeKind, message: string) => void;

function compareEnum(oldEnum: unknown, newEnum: unknown, name: string, say: Say): void {
  const before = Array.isArray(oldEnum) ? oldEnum : undefined;
  const after = Array.isArray(newEnum) ? newEnum : undefined;
  if (!before && !after) return;
  if (!before) {
    say('breaking', 'enum-added', `${name} now only accepts ${showValues(after!)}: any other value that objects or clients use fails validation.`);
    return;
  }
  if (!after) {
    say('safe', 'enum-removed', `${name} no longer restricts its values to an enum.`);
    return;
  }
  const keys = (list: unknown[]) => new Set(list.map(sortedKeysJson));
  const afterKeys = keys(after);
  const beforeKeys = keys(before);
  const removed = before.filter((v) => !afterKeys.has(sortedKeysJson(v)));
  const added = after.filter((v) => !beforeKeys.has(sortedKeysJson(v)));
  if (removed.length > 0) {
    say('breaking', 'enum-narrowed', `${name} no longer accepts ${showValues(removed)}: objects and clients that use ${removed.length === 1 ? 'it' : 'them'} fail validation.`);
  }
  if (added.length > 0) say('safe', 'enum-widened', `${name} now also accepts ${showValues(added)}.`);
}

function compareText(oldValue: unknown, newValue: unknown, keyword: 'pattern' | 'format', name: string, say: Say): void {
  const before = text(oldValue);
  const after = text(newValue);
  if (before === after) return;
  const what = keyword === 'pattern' ? 'match the pattern' : 'have the format';
  const others = keyword === 'pattern' ? 'values that do not match' : 'values of another format';
  if (before === undefined) {
    say('breaking', `${keyword}-added`, `${name} now must ${what} ${showValue(after)}: ${others} fail validation.`);
  } else if (after === undefined) {
    say('safe', `${keyword}-removed`, `${name} no longer has to ${what} ${showValue(before)}.`);
  } else {
    say('breaking', `${keyword}-changed`, `${name} now must ${what} ${showValue(after)} instead of ${showValue(before)}: values valid before may fail validation.`);
  }
}

interface Bound {
  keyword: string;
  kind: 'minimum' | 'maximum' | 'min-length' | 'max-length' | 'min-items' | 'max-items' | 'min-properties' | 'max-properties';
  /** Whether a larger value accepts less (a lower bound). */
  lower: boolean;
  /** What a new bound rejects. */
  rejects: string;
}

const BOUNDS: Bound[] = [
  { keyword: 'minimum', kind: 'minimum', lower: true, rejects: 'smaller values' },
  { keyword: 'maximum', kind: 'maximum', lower: false, rejects: 'larger values' },
  { keyword: 'minLength', kind: 'min-length', lower: true, rejects: 'shorter strings' },
  { keyword: 'maxLength', kind: 'max-length', lower: false, rejects: 'longer strings' },
  { keyword: 'minItems', kind: 'min-items', lower: true, rejects: 'shorter lists' },
  { keyword: 'maxItems', kind: 'max-items', lower: false, rejects: 'longer lists' },
  { keyword: 'minProperties', kind: 'min-properties', lower: true, rejects: 'maps with fewer keys' },
  { keyword: 'maxProperties', kind: 'max-properties', lower: false, rejects: 'maps with more keys' },
];

function compareBound(oldValue: unknown, newValue: unknown, bound: Bound, name: string, say: Say): void {
  const before = typeof oldValue === 'number' ? oldValue : undefined;
  const after = typeof newValue === 'number' ? newValue : undefined;
  if (before === after) return;
  if (before === undefined) {
    say('breaking', `${bound.kind}-added`, `${name} now sets ${bound.keyword}: ${after}, so ${bound.rejects} fail validation.`);
  } else if (after === undefined) {
    say('safe', `${bound.kind}-removed`, `${name} no longer sets ${bound.keyword} (was ${before}).`);
  } else {
    const tighter = bound.lower ? after > before : after < before;
    const moved = after > before ? 'raised' : 'lowered';
    const message = `${name}: ${bound.keyword} is ${moved} from ${before} to ${after}`;
    if (tighter) say('breaking', `${bound.kind}-${moved}` as ChangeKind, `${message}, so some values valid before fail validation.`);
    else say('safe', `${bound.kind}-${moved}` as ChangeKind, `${message}, which accepts more values.`);
  }
}

function compareFlag(
  oldValue: unknown,
  newValue: unknown,
  kind: 'exclusive-minimum' | 'exclusive-maximum' | 'unique-items',
  keyword: string,
  name: string,
  tightened: string,
  loosened: string,
  say: Say,
): void {
  const before = oldValue === true;
  const after = newValue === true;
  if (!before && after) say('breaking', `${kind}-added`, `${name} now sets ${keyword}: ${tightened}.`);
  else if (before && !after) say('safe', `${kind}-removed`, `${name} no longer sets ${keyword}: ${loosened}.`);
}

function compareMultipleOf(oldValue: unknown, newValue: unknown, name: string, say: Say): void {
  const before = typeof oldValue === 'number' && oldValue > 0 ? oldValue : undefined;
  const after = typeof newValue === 'number' && newValue > 0 ? newValue : undefined;
  if (before === after) return;
  if (before === undefined) {
    say('breaking', 'multiple-of-added', `${name} now must be a multiple of ${after}: other values fail validation.`);
  } else if (after === undefined) {
    say('safe', 'multiple-of-removed', `${name} no longer has to be a multiple of ${before}.`);
  } else {
    // Every multiple of the old step is still valid when the new step divides it.
    const ratio = before / after;
    if (Math.abs(ratio - Math.round(ratio)) < 1e-9) {
      say('safe', 'multiple-of-loosened', `${name} now must be a multiple of ${after} instead of ${before}, which every value valid before still is.`);
    } else {
      say('breaking', 'multiple-of-changed', `${name} now must be a multiple of ${after} instead of ${before}: values valid before may fail validation.`);
    }
  }
}

function compareListType(old: Rec, neu: Rec, name: string, say: Say): void {
  const describe = (node: Rec) => {
    const type = text(node['x-kubernetes-list-type']) ?? 'atomic';
    const keys = Array.isArray(node['x-kubernetes-list-map-keys']) ? node['x-kubernetes-list-map-keys'].map(String) : [];
    return type === 'map' && keys.length > 0 ? `map keyed by ${keys.join(', ')}` : type;
  };
  const before = describe(old);
  const after = describe(neu);
  if (before !== after) {
    say('breaking', 'list-type-changed', `${name} changes x-kubernetes-list-type from ${before} to ${after}, which changes which lists validate and how server-side apply merges them.`);
  }
}

function compareRules(oldRules: unknown, newRules: unknown, name: string, say: Say): void {
  const rules = (value: unknown) => new Set(Array.isArray(value) ? value.filter(isRecord).map((r) => String(r.rule ?? '')).filter((r) => r !== '') : []);
  const before = rules(oldRules);
  const after = rules(newRules);
  const added = [...after].filter((r) => !before.has(r));
  const removed = [...before].filter((r) => !after.has(r));
  if (added.length > 0) {
    say('breaking', 'validation-rules-added', `${name} has ${added.length === 1 ? 'a new validation rule' : `${added.length} new validation rules`} (${showValues(added)}): new objects that break ${added.length === 1 ? 'it' : 'them'} are rejected and existing ones can no longer be updated.`);
  }
  if (removed.length > 0) {
    say('safe', 'validation-rules-removed', `${name} no longer checks ${removed.length === 1 ? 'the validation rule' : `${removed.length} validation rules`} ${showValues(removed)}.`);
  }
}

/** allOf/anyOf/oneOf/not: too open-ended to classify, so any new or changed constraint is breaking. */
function compareComposition(old: Rec, neu: Rec, name: string, say: Say): void {
  const pick = (node: Rec) => {
    const out: Rec = {};
    for (const key of ['allOf', 'anyOf', 'oneOf', 'not']) if (node[key] !== undefined) out[key] = withoutDescriptions(node[key]);
    return out;
  };
  const before = pick(old);
  const after = pick(neu);
  if (sameValue(before, after)) return;
  if (Object.keys(after).length === 0) {
    say('safe', 'composition-removed', `${name} no longer has allOf/anyOf/oneOf/not constraints.`);
  } else {
    const keys = Object.keys(after).join('/');
    say('breaking', 'composition-changed', `${name} has new or changed ${keys} constraints, which Orkestra cannot prove accept every value valid before (review them, then acknowledge).`);
  }
}

function compareDefault(old: Rec, neu: Rec, name: string, say: Say): void {
  const had = 'default' in old;
  const has = 'default' in neu;
  if (!had && !has) return;
  if (had && has && sameValue(old.default, neu.default)) return;
  const when = 'objects that omit it read';
  let message: string;
  if (!had) message = `${name} now defaults to ${showValue(neu.default)}: stored ${when} back with that value.`;
  else if (!has) message = `${name} no longer defaults to ${showValue(old.default)}: ${when} back without it.`;
  else message = `${name} now defaults to ${showValue(neu.default)} instead of ${showValue(old.default)}: stored ${when} back with the new value.`;
  say('warning', 'default-changed', message);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
