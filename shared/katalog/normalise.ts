// From the document as written (either upstream layout, any accepted spelling) to the one model in
// types.ts, so nothing downstream knows which layout or spelling was used. Runs only on a document
// that passed the schema and semantic checks; pure (works on a copy).
//
// The model keeps the older layout's names: operatorBox.reconciler / onCreate / onReconcile /
// onDelete / status, and validation / mutation on the entry. The current layout's
// operatorBox.reconcile{...}, operatorBox.emit.status and admission.{validation, mutation} map onto
// them one to one.
import { canonicalOperators } from './condition-aliases.js';
import { normalizeCondition } from './conditions-check.js';
import { withChosenOperator } from './operator-choice.js';
import { declaredChildProfiles, type DeclaredProfiles, expandChildProfiles } from './child-profile-expand.js';
import { RUNTIME_ENTRY_KEYS } from './layout.js';
import { PLACEHOLDER_LISTS } from './placeholder-lists.js';
import { rewriteSentinelCalls } from './sentinel-calls.js';
import { declaredProfiles, expandReconciler } from './profiles.js';
import type { CrdEntry, DependencyState, KatalogDocument } from './types.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keys of the current layout's operatorBox.reconcile that are reconciler settings. */
export const RECONCILE_SETTING_KEYS = ['workers', 'resync', 'queue', 'default', 'profile', 'requeue'] as const;
export const PHASES = ['onCreate', 'onReconcile', 'onDelete'] as const;
/** dependsOn written as a plain list names CRDs without a condition; upstream then waits for "started". */
export const DEFAULT_DEPENDENCY_STATE: DependencyState = 'started';

export function normaliseDocument(written: unknown): KatalogDocument {
  const doc = structuredClone(written) as Rec;
  // anchors: only holds YAML anchors, already applied where they are used.
  delete doc.anchors;
  if (doc.sources !== undefined) {
    if (doc.imports === undefined) doc.imports = doc.sources;
    delete doc.sources;
  }
  if (isRecord(doc.imports) && Array.isArray(doc.imports.registry)) {
    doc.imports.registry = doc.imports.registry.map(registryEntry);
  }
  if (!isRecord(doc.spec)) doc.spec = { crds: {} };
  const spec = doc.spec as Rec;
  if (!isRecord(spec.crds)) spec.crds = {};
  const profiles = { children: declaredChildProfiles(doc), reconciler: declaredProfiles(doc, 'reconciler') };
  for (const [name, entry] of Object.entries(spec.crds as Rec)) {
    (spec.crds as Rec)[name] = isRecord(entry) ? normaliseEntry(entry, profiles) : {};
  }
  // The Katalog-wide crossAccess is the default of its own entries (upstream); an entry's own wins.
  if (typeof doc.crossAccess === 'boolean') {
    for (const entry of Object.values(spec.crds as Record<string, Rec>)) entry.crossAccess ??= doc.crossAccess;
  }
  // Katalog-wide finalizers go to every entry that declares none of its own (upstream: an
  // operatorBox.finalizers list overrides them); spec.finalizers itself is kept as written.
  if (Array.isArray(spec.finalizers)) {
    for (const entry of Object.values(spec.crds as Record<string, Rec>)) {
      if (entry.finalizers === undefined) entry.finalizers = [...spec.finalizers];
    }
  }
  return doc as unknown as KatalogDocument;
}

/** `oci://host/repo@v1` or `{url, …}`; the scheme says oci: true, as upstream reads it. */
function registryEntry(item: unknown): unknown {
  const entry: Rec = typeof item === 'string' ? { url: item } : isRecord(item) ? { ...item } : {};
  if (typeof entry.url === 'string' && entry.url.startsWith('oci://')) {
    entry.url = entry.url.slice('oci://'.length);
    entry.oci ??= true;
  }
  return entry;
}

interface Profiles {
  children: DeclaredProfiles;
  reconciler: Map<string, Rec>;
}

function normaliseEntry(entry: Rec, profiles: Profiles): CrdEntry {
  // apiTypes beside a crdFile: the crdFile is the source of truth (upstream's crdfile.go; semantic.ts warns).
  if (entry.crdFile !== undefined && entry.apiTypes !== undefined) delete entry.apiTypes;
  // namespaced: false beside apiTypes is upstream's way of declaring a cluster-scoped CRD.
  if (entry.namespaced === false && isRecord(entry.apiTypes) && entry.apiTypes.scope === undefined) entry.apiTypes = { ...entry.apiTypes, scope: 'Cluster' };
  const box: Rec = isRecord(entry.operatorBox) ? entry.operatorBox : {};
  delete entry.operatorBox;

  // Entry-level workers/resync (older spelling) and the current layout's reconcile block both
  // feed the reconciler settings; the semantic checks refuse a setting given twice.
  const reconciler: Rec = isRecord(box.reconciler) ? box.reconciler : {};
  for (const key of ['workers', 'resync'] as const) {
    if (entry[key] !== undefined) reconciler[key] = entry[key];
    delete entry[key];
  }
  // operatorBox.default is the older place of reconciler.default.
  if (box.default !== undefined && reconciler.default === undefined) reconciler.default = box.default;
  delete box.default;
  const reconcile = isRecord(box.reconcile) ? box.reconcile : undefined;
  delete box.reconcile;
  if (reconcile) {
    for (const key of RECONCILE_SETTING_KEYS) if (reconcile[key] !== undefined) reconciler[key] = reconcile[key];
    for (const phase of PHASES) if (reconcile[phase] !== undefined) box[phase] = reconcile[phase];
    if (reconcile.imports !== undefined) entry.imports = reconcile.imports;
  }
  if (Object.keys(reconciler).length > 0) box.reconciler = expandReconciler(reconciler, profiles.reconciler);
  if (isRecord(box.preReconcile)) box.preReconcile = preReconcileGates(rewriteSentinelCalls(box.preReconcile, []).value);

  const emit = isRecord(box.emit) ? box.emit : undefined;
  delete box.emit;
  if (emit?.status !== undefined) box.status = emit.status;
  if (isRecord(box.runtime)) liftRuntime(box.runtime, entry, box);
  if (Array.isArray(box.finalizers)) {
    const own = Array.isArray(entry.finalizers) ? entry.finalizers : [];
    entry.finalizers = [...new Set([...own, ...box.finalizers])];
  }
  delete box.finalizers;

  const admission = isRecord(entry.admission) ? entry.admission : undefined;
  delete entry.admission;
  if (admission?.validation !== undefined) entry.validation = admission.validation;
  if (admission?.mutation !== undefined) entry.mutation = admission.mutation;
  for (const key of ['validation', 'mutation']) {
    const rules = entry[key];
    if (isRecord(rules) && rules.rules === undefined) rules.rules = [];
  }

  if (entry.dependsOn !== undefined) entry.dependsOn = dependencies(entry.dependsOn);
  normalisePhases(box, profiles.children);
  normaliseConditions(box, entry);
  normaliseOnRollback(box, profiles.children);
  if (Object.keys(box).length > 0) entry.operatorBox = box;
  return entry as CrdEntry;
}

/**
 * The current layout's operatorBox.runtime holds keys the older one writes on the entry
 * (removeFinalizers, namespace guards, …) or the box (finalizers, autoscale): they are read there.
 * `cleanup` has no older place and stays under runtime (kept, not acted on: inert-keys.ts).
 */
function liftRuntime(runtime: Rec, entry: Rec, box: Rec): void {
  if (runtime.autoscale !== undefined) box.autoscale = runtime.autoscale;
  if (Array.isArray(runtime.finalizers)) box.finalizers = [...(Array.isArray(box.finalizers) ? box.finalizers : []), ...runtime.finalizers];
  for (const key of RUNTIME_ENTRY_KEYS) if (runtime[key] !== undefined && entry[key] === undefined) entry[key] = runtime[key];
  if (runtime.cleanup !== undefined) box.runtime = { cleanup: runtime.cleanup };
  else delete box.runtime;
}

/**
 * preReconcile's own when/or (upstream also spells `or` anyOf) are the older place of the
 * reconcileGate's conditions: they join it, after any it declares itself.
 */
function preReconcileGates(pre: Rec): Rec {
  const { when, or, anyOf, ...rest } = pre;
  const ors = [...(Array.isArray(or) ? or : []), ...(Array.isArray(anyOf) ? anyOf : [])];
  if (!Array.isArray(when) && ors.length === 0) return pre;
  const gate: Rec = isRecord(rest.reconcileGate) ? { ...rest.reconcileGate } : {};
  if (Array.isArray(when)) gate.when = [...(Array.isArray(gate.when) ? gate.when : []), ...when];
  if (ors.length > 0) gate.or = [...(Array.isArray(gate.or) ? gate.or : []), ...ors];
  return { ...rest, reconcileGate: gate };
}

/** Keys a phase block may carry besides its lists of children (upstream's HookTemplates). */
export const PHASE_SETTING_KEYS = ['name', 'ordered', 'timeout', 'groups', 'external'] as const;

/**
 * A phase block's own settings move to phaseSettings, its when/or into each child (a block `when`
 * is ANDed with the child's; a block `or` becomes the child's `or`: semantic checks refuse a child
 * that has its own), upstream's custom shape (metadata{…}) becomes the common fields, profiles the
 * Katalog declares are expanded into the children that name them, and upstream's placeholder lists
 * (serviceMonitors, …: accepted and ignored there) are dropped.
 */
function normalisePhases(box: Rec, childProfiles: DeclaredProfiles): void {
  const settings: Rec = {};
  for (const phase of PHASES) {
    const lists = box[phase];
    if (!isRecord(lists)) continue;
    const own: Rec = {};
    for (const key of PHASE_SETTING_KEYS) {
      if (lists[key] !== undefined) own[key] = lists[key];
      delete lists[key];
    }
    const { when, or } = lists;
    delete lists.when;
    delete lists.or;
    for (const key of PLACEHOLDER_LISTS) delete lists[key];
    for (const [kind, items] of Object.entries(lists)) {
      if (!Array.isArray(items)) continue;
      lists[kind] = items.map((item) => (isRecord(item) ? childOf(kind, item, when, or, childProfiles) : item));
    }
    if (Object.keys(own).length > 0) settings[phase] = own;
  }
  if (Object.keys(settings).length > 0) box.phaseSettings = settings;
}

/** rollback.onRollback is a phase block like onReconcile (upstream's HookTemplates): the same forms. */
function normaliseOnRollback(box: Rec, childProfiles: DeclaredProfiles): void {
  const rollback = box.rollback;
  if (!isRecord(rollback) || !isRecord(rollback.onRollback)) return;
  const phase: Rec = { onReconcile: rollback.onRollback };
  normalisePhases(phase, childProfiles);
  normaliseConditions(phase, {});
  rollback.onRollback = phase.onReconcile;
}

function childOf(kind: string, item: Rec, blockWhen: unknown, blockOr: unknown, childProfiles: DeclaredProfiles): Rec {
  const child = expandChildProfiles(kind, item, childProfiles);
  if (Array.isArray(blockWhen)) child.when = [...blockWhen, ...(Array.isArray(child.when) ? child.when : [])];
  if (Array.isArray(blockOr) && child.or === undefined) child.or = blockOr;
  if (kind === 'custom' && isRecord(child.metadata)) {
    for (const key of ['name', 'namespace', 'labels', 'annotations']) if (child.metadata[key] !== undefined) child[key] = child.metadata[key];
    delete child.metadata;
  }
  return child;
}

/** `[db]`, `{db: healthy}` and `{db: {condition: healthy}}` all become `{db: healthy}`. */
export function dependencies(value: unknown): Record<string, DependencyState> {
  const out: Record<string, DependencyState> = {};
  if (Array.isArray(value)) {
    for (const name of value) if (typeof name === 'string') out[name] = DEFAULT_DEPENDENCY_STATE;
  } else if (isRecord(value)) {
    for (const [name, state] of Object.entries(value)) {
      const given = isRecord(state) ? state.condition : state;
      out[name] = given === 'healthy' || given === 'started' ? given : DEFAULT_DEPENDENCY_STATE;
    }
  }
  return out;
}

/** Upstream's other spellings of a status field's type ("" is its default, a string). */
const STATUS_TYPE_SPELLINGS: Record<string, string> = { str: 'string', '': 'string', integer: 'int', boolean: 'bool' };

/** Conditions in the Go runtime's long form become shorthands, so consumers read one form. */
function normaliseConditions(box: Rec, entry: Rec): void {
  const conditions = (list: unknown) => (Array.isArray(list) ? list.map((c) => (isRecord(c) ? normalizeCondition(canonicalOperators(withChosenOperator(c))) : c)) : list);
  const withConditions = (item: unknown) => {
    if (!isRecord(item)) return;
    if (item.when !== undefined) item.when = conditions(item.when);
    if (item.or !== undefined) item.or = conditions(item.or);
  };
  for (const phase of PHASES) {
    const lists = box[phase];
    if (!isRecord(lists)) continue;
    for (const items of Object.values(lists)) if (Array.isArray(items)) items.forEach(withConditions);
  }
  const status = isRecord(box.status) ? box.status : {};
  if (Array.isArray(status.fields)) {
    status.fields.forEach(withConditions);
    for (const field of status.fields) if (isRecord(field) && typeof field.type === 'string') field.type = STATUS_TYPE_SPELLINGS[field.type] ?? field.type;
  }
  for (const rules of [entry.validation, entry.mutation]) {
    if (isRecord(rules) && Array.isArray(rules.rules)) rules.rules.forEach(withConditions);
  }
  // A validation rule keeps its long form (the renderer reads both); only spellings change.
  const validation = entry.validation;
  if (isRecord(validation) && Array.isArray(validation.rules)) {
    validation.rules = validation.rules.map((rule) => (isRecord(rule) ? withMessage(canonicalOperators(withChosenOperator(rule))) : rule));
  }
}

/** A rule without a message (upstream's examples leave it out) says which field failed which check. */
function withMessage(rule: Rec): Rec {
  if (typeof rule.message === 'string' && rule.message !== '') return rule;
  const check = typeof rule.operator === 'string' ? rule.operator : Object.keys(rule).find((k) => !['field', 'action', 'when', 'or', 'value', 'valueType', 'link', 'fires', 'negate'].includes(k)) ?? 'its';
  return { ...rule, message: `${String(rule.field)} failed the ${check} check` };
}
