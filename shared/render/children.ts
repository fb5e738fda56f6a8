// Turns the resource lists of onCreate / onReconcile / onDelete into desired children: gates each
// entry (`when` / `or`), expands `forEach`, evaluates templates, builds the object for its kind,
// names it, places it, marks ownership. Every problem is recorded; nothing is thrown here.
import { COMPONENT_LABEL, CREATE_ONLY_ANNOTATION, RESOURCE_LIST_KEYS, type ForEach, type ResourceListKey, type ResourceLists } from '../katalog/types.js';
import { gatePassesOrSkips } from './conditions.js';
import { forEachItems, itemScope } from './for-each.js';
import { COMMON_FIELDS, customIdentity, EntryFields, KINDS, type KindSpec } from './kinds/index.js';
import { pauseOf } from './pause.js';
import { workloadAutoscaleOf, type WorkloadScale } from './workload-autoscale.js';
import { forEachSuffix, labelKeyProblem, labelValueProblem, nameProblem } from './names.js';
import { defaultName, placements } from './placement.js';
import {
  BOOKKEEPING_LABELS, canOwn, OWNER_NAMESPACE_LABEL, ownerReference, ownershipLabels,
  RESERVED_ANNOTATIONS, RESERVED_LABELS, sortedRecord, upstreamLabels,
} from './ownership.js';
import { show, type Problems } from './problems.js';
import { FAILED, evaluateDeep, type TemplateScope } from './templating.js';
import { toBoolean } from './typecheck.js';
import type { ChildSource, DesiredChild, KubeObject, ObjectMeta } from './types.js';

export type PhaseKey = 'onCreate' | 'onReconcile' | 'onDelete';
const PHASES: readonly PhaseKey[] = ['onCreate', 'onReconcile', 'onDelete'];
const LIST_KEYS = new Set<string>(RESOURCE_LIST_KEYS);
const GATE_KEYS = new Set(['when', 'or', 'forEach']);
/** Upstream's per-child runtime keys: kept in the model, not rendered into the object; the controller acts on them. */
const RUNTIME_KEYS = new Set(['sleep', 'forceConflict', 'autoscale']);
/**
 * What building one child (names, labels, ownership, kind fields) costs against the render budget,
 * in template steps: measured at about 200 times one step, so a forEach over a huge CR list is
 * stopped by the budget however simple its templates.
 */
const CHILD_STEPS = 200;

export interface ChildrenInput {
  cr: KubeObject;
  crdName: string;
  katalogName: string;
  scope: TemplateScope;
  lists: Partial<Record<PhaseKey, ResourceLists>>;
}

interface Placed {
  spec: KindSpec;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | undefined;
  named: boolean;
  fields: EntryFields;
  flags: { phase: DesiredChild['phase']; createOnly: boolean; once: boolean };
  pauseMs: number | undefined;
  autoscale: WorkloadScale | undefined;
  forceConflict: boolean | undefined;
  entryPath: string;
  path: string;
}

interface Workload {
  name: string;
  namespace: string | undefined;
  object: KubeObject;
}

export function renderChildren(input: ChildrenInput): { children: DesiredChild[]; onDelete: DesiredChild[] } {
  const state = new RenderState(input);
  for (const phase of PHASES) state.renderPhase(phase);
  state.checkTargets();
  return { children: state.children, onDelete: state.onDelete };
}

class RenderState {
  readonly children: DesiredChild[] = [];
  readonly onDelete: DesiredChild[] = [];
  private readonly seen = new Map<string, { path: string; named: boolean }>();
  private readonly workloads: Workload[] = [];
  private readonly targets: { target: string; namespace: string | undefined; path: string }[] = [];
  private readonly problems: Problems;

  constructor(private readonly input: ChildrenInput) {
    this.problems = input.scope.problems;
  }

  renderPhase(phase: PhaseKey): void {
    const lists = this.input.lists[phase];
    const path = `operatorBox.${phase}`;
    if (lists === undefined || lists === null) return;
    if (typeof lists !== 'object' || Array.isArray(lists)) {
      this.problems.error(path, `expected a map of resource lists, got ${show(lists)}`);
      return;
    }
    for (const key of Object.keys(lists)) {
      if (!LIST_KEYS.has(key)) this.problems.error(`${path}.${key}`, `not supported; resource lists are ${RESOURCE_LIST_KEYS.join(', ')}`);
    }
    for (const key of RESOURCE_LIST_KEYS) {
      const entries = lists[key];
      if (entries === undefined || entries === null) continue;
      if (!Array.isArray(entries)) {
        this.problems.error(`${path}.${key}`, `expected a list of entries, got ${show(entries)}`);
        continue;
      }
      entries.forEach((entry, i) => this.renderEntry(phase, key, entry, `${path}.${key}[${i}]`));
    }
  }

  private renderEntry(phase: PhaseKey, key: ResourceListKey, entry: unknown, path: string): void {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      this.problems.error(path, `expected an entry object, got ${show(entry)}`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const base = this.input.scope;
    if (e.forEach === undefined) {
      this.renderOne(phase, key, e, path, path, base, undefined);
      return;
    }
    const items = forEachItems(e.forEach, path, this.input.scope, this.problems);
    if (!items) return;
    const as = (e.forEach as ForEach).as;
    items.forEach((item, i) => {
      this.renderOne(phase, key, e, path, `${path}(item ${i})`, itemScope(base, item, as), forEachSuffix(item.item, i));
    });
  }

  private renderOne(
    phase: PhaseKey, key: ResourceListKey, entry: Record<string, unknown>, entryPath: string, path: string,
    scope: TemplateScope, suffix: string | undefined,
  ): void {
    scope.budget?.spend(CHILD_STEPS);
    if (!gatePassesOrSkips(entry.when as never, entry.or as never, scope, path, 'the child is not rendered (a condition that cannot be evaluated is false, as in the Go runtime)')) return;
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(entry)) if (!GATE_KEYS.has(k) && !RUNTIME_KEYS.has(k)) rest[k] = v;
    const rendered = evaluateDeep(rest, scope, path) as Record<string, unknown>;
    const fields = new EntryFields(rendered, path, this.problems);
    const spec = KINDS[key];
    fields.rejectUnknown(new Set<string>([...COMMON_FIELDS, ...spec.fields]), key);

    const identity = key === 'custom' ? customIdentity(rendered, (k, m) => fields.error(k, m)) : spec;
    if (!identity) return;
    const { apiVersion, kind } = identity;

    const flags = this.phaseFlags(phase, fields);
    if (!flags) return;

    const named = rendered.name !== undefined && rendered.name !== '' && rendered.name !== FAILED;
    const tls = key === 'secrets' && fields.has('tls');
    const name = named ? fields.text('name') : defaultName(key, kind, this.input.cr.metadata.name, suffix, tls);
    if (name === undefined) return;
    const bad = nameProblem(name, kind);
    if (bad) {
      fields.error('name', named ? bad : `${bad} (the default name; give the entry a name)`);
      return;
    }
    const namespaces = placements(key, kind, fields, this.input.cr.metadata.namespace);
    if (namespaces === FAILED) return;
    const pauseMs = pauseOf(entry.sleep, scope, `${path}.sleep`, this.problems);
    const autoscale = workloadAutoscaleOf(key, entry.autoscale, scope, `${path}.autoscale`, this.problems);
    const forceConflict = typeof entry.forceConflict === 'boolean' ? entry.forceConflict : undefined;
    for (const namespace of namespaces) {
      const child = this.place({ spec, apiVersion, kind, name, namespace, named, fields, flags, pauseMs, autoscale, forceConflict, entryPath, path });
      (phase === 'onDelete' ? this.onDelete : this.children).push(child);
      if (spec.workload === true) this.workloads.push({ name, namespace, object: child.object });
    }
  }

  /** One child of the entry in one namespace: content, metadata, ownership. */
  private place(p: Placed): DesiredChild {
    const { fields, name, namespace, flags } = p;
    const owned = canOwn(this.input.cr.metadata.namespace, namespace);
    const labels = this.labels(fields, owned);
    const crName = this.input.cr.metadata.name;
    let source: ChildSource | undefined;
    let initialStatus: Record<string, unknown> | undefined;
    const content = p.spec.build({
      fields, name, namespace, named: p.named, crName, crNamespace: this.input.cr.metadata.namespace, podLabels: podLabels(labels, crName),
      requireWorkload: (target, at) => this.targets.push({ target, namespace, path: at }),
      setSource: (s) => { source = s; },
      setInitialStatus: (s) => { initialStatus = s; },
    });

    const metadata: ObjectMeta = { name };
    if (namespace !== undefined) metadata.namespace = namespace;
    metadata.labels = labels;
    const annotations = this.annotations(fields, flags.createOnly || flags.once);
    if (annotations) metadata.annotations = annotations;
    if (owned) metadata.ownerReferences = [ownerReference(this.input.cr)];
    const object: KubeObject = { apiVersion: p.apiVersion, kind: p.kind, metadata, ...content };

    this.checkDuplicate(object, p.entryPath, p.path, p.named);
    return {
      object, phase: flags.phase, createOnly: flags.createOnly, once: flags.once, entryPath: p.entryPath,
      cleanup: owned ? 'garbageCollector' : 'finalizer', ...(source ? { source } : {}), ...(initialStatus ? { initialStatus } : {}),
      ...(p.pauseMs ? { pauseMs: p.pauseMs } : {}), ...(p.autoscale ? { autoscale: p.autoscale } : {}),
      ...(p.forceConflict !== undefined ? { forceConflict: p.forceConflict } : {}),
    };
  }

  private phaseFlags(phase: PhaseKey, fields: EntryFields): { phase: DesiredChild['phase']; createOnly: boolean; once: boolean } | undefined {
    const flag = (key: string): boolean | undefined => {
      const raw = fields.entry[key];
      if (raw === undefined || raw === FAILED) return undefined;
      const r = toBoolean(raw);
      if (!r.ok) fields.error(key, r.message);
      return r.ok ? r.value : undefined;
    };
    const reconcile = flag('reconcile');
    const once = flag('once') ?? false;
    if (phase === 'onDelete') {
      if (reconcile !== undefined) fields.error('reconcile', 'has no meaning under onDelete');
      // Children of onDelete are created once while the CR is being deleted.
      return { phase: 'onCreate', createOnly: true, once };
    }
    if (phase === 'onCreate' && reconcile !== true) return { phase: 'onCreate', createOnly: true, once };
    return { phase: 'onReconcile', createOnly: false, once };
  }

  private labels(fields: EntryFields, owned: boolean): Record<string, string> {
    const { cr, crdName, katalogName } = this.input;
    const ours = ownershipLabels(cr.metadata.name, katalogName, crdName);
    if (!owned && cr.metadata.namespace) ours[OWNER_NAMESPACE_LABEL] = cr.metadata.namespace;
    const merged: Record<string, string> = { ...ours };
    for (const [k, v] of Object.entries(fields.textMap('labels') ?? {})) {
      const at = `${fields.path}.labels.${k}`;
      if (RESERVED_LABELS.has(k)) {
        this.problems.error(at, 'reserved: Orkestra sets this label to track ownership');
        continue;
      }
      const bad = labelKeyProblem(k) ?? labelValueProblem(v);
      if (bad) this.problems.error(at, bad);
      else merged[k] = v;
    }
    for (const [k, v] of Object.entries(ours)) {
      const bad = labelValueProblem(v);
      if (bad) this.problems.error(fields.path, `${bad} (label ${k}, from the CR or child name)`);
    }
    return sortedRecord(merged);
  }

  private annotations(fields: EntryFields, createOnly: boolean): Record<string, string> | undefined {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields.textMap('annotations') ?? {})) {
      if (RESERVED_ANNOTATIONS.has(k)) this.problems.error(`${fields.path}.annotations.${k}`, 'reserved: Orkestra sets this annotation');
      else out[k] = v;
    }
    if (createOnly) out[CREATE_ONLY_ANNOTATION] = 'true';
    return Object.keys(out).length > 0 ? sortedRecord(out) : undefined;
  }

  private checkDuplicate(object: KubeObject, entryPath: string, path: string, named: boolean): void {
    const { kind, metadata } = object;
    const id = `${object.apiVersion}|${kind}|${metadata.namespace ?? ''}|${metadata.name}`;
    const where = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
    const earlier = this.seen.get(id);
    if (!earlier) {
      this.seen.set(id, { path: entryPath, named });
      return;
    }
    const fix = earlier.path === entryPath
      ? 'make the name depend on the forEach item (e.g. name: "{{ .metadata.name }}-{{ .item }}") or make the items distinct'
      : named && earlier.named ? 'give each entry a distinct name' : 'give each entry of the same kind its own name:';
    this.problems.error(`${path}.name`, `${kind} ${where} is also rendered by ${earlier.path}; ${fix}`);
  }

  /** Each Service `target` names a rendered workload, whose pods then carry the component label. */
  checkTargets(): void {
    for (const t of this.targets) {
      const workload = this.workloads.find((w) => w.name === t.target && w.namespace === t.namespace);
      if (workload) markComponent(workload.object, workload.name);
      else {
        const known = this.workloads.map((w) => w.name);
        this.problems.error(t.path, `names no Deployment, StatefulSet or ReplicaSet of this CR in the Service's namespace (rendered: ${known.length ? known.join(', ') : 'none'})`);
      }
    }
  }
}

/** Pod labels as upstream sets them: the object's labels but our Katalog/CRD/namespace bookkeeping. */
function podLabels(labels: Record<string, string>, crName: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (!BOOKKEEPING_LABELS.has(k)) out[k] = v;
  return sortedRecord({ ...out, ...upstreamLabels(crName) });
}

/** Adds the component label to a workload's pod template (only a Service `target` needs it). */
function markComponent(object: KubeObject, component: string): void {
  const template = (object.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template;
  if (!template) return;
  template.metadata = { ...template.metadata, labels: sortedRecord({ ...template.metadata?.labels, [COMPONENT_LABEL]: component }) };
}
