// What a CR's deletion must do, from its entry's onDelete block (upstream's semantics): Jobs are
// run (created, waited for), every other entry names an object to delete by kind and name. With
// `ordered: true` the `groups` (or the flat lists as one implicit group) run one after another,
// each until all its objects are gone, within `timeout` (default 5m) for the whole sequence;
// without it everything is one group and deletions are not waited for. A Job's `sleep` holds its
// creation back (paceJobs). Pure.
import { parseDuration } from '../katalog/durations.js';
import type { Condition, ForEach, ResourceEntry, ResourceLists } from '../katalog/types.js';
import { RenderBudget } from './budget.js';
import { renderChildren } from './children.js';
import { gatePasses, resolveField } from './conditions.js';
import { customIdentity, KINDS } from './kinds/index.js';
import { applyMutations } from './mutation.js';
import { DEFAULT_NAME_SUFFIX, forEachSuffix, nameProblem, namespaceProblem } from './names.js';
import { CLUSTER_SCOPED_KINDS } from './ownership.js';
import { crRef, Problems, show } from './problems.js';
import { FAILED, evaluateDeep, type TemplateScope } from './templating.js';
import type { DesiredChild, KubeObject, RenderInput } from './types.js';

export const DEFAULT_DELETE_TIMEOUT = '5m';

/** An object onDelete names for deletion. */
export interface DeleteTarget {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  entryPath: string;
}

export interface DeleteGroup {
  /** The group's `name`, else `group <n>` (1-based); `onDelete` for the unordered block. */
  label: string;
  /** Jobs to run (create if absent, wait until Complete). */
  jobs: DesiredChild[];
  /** Objects to delete. */
  targets: DeleteTarget[];
}

export interface DeletePlan {
  ordered: boolean;
  /** The whole ordered sequence's budget from the CR's deletionTimestamp; 0 when unordered. */
  timeoutMs: number;
  groups: DeleteGroup[];
}

/**
 * The delete plan of one CR (mutations applied first, as for rendering).
 * @throws OrkError RENDER_INVALID listing every problem (a bad name, an unknown list, a template).
 */
export function renderDeletePlan(input: RenderInput): DeletePlan {
  const problems = new Problems(crRef(input.cr));
  const cr = structuredClone(input.cr) as KubeObject;
  const budget = new RenderBudget(crRef(input.cr), input.options?.budget);
  const scope: TemplateScope = { data: cr, problems, budget, ...(input.options?.random ? { random: input.options.random } : {}) };
  applyMutations(cr, input.entry.mutation?.rules, scope);
  if (input.context) scope.data = { ...cr, ...input.context };

  const box = input.entry.operatorBox ?? {};
  const settings = box.phaseSettings?.onDelete ?? {};
  const ordered = settings.ordered === true;
  const timeoutText = settings.timeout ?? DEFAULT_DELETE_TIMEOUT;
  const timeoutMs = ordered ? parseDuration(timeoutText) : 0;
  if (timeoutMs === undefined) problems.error('operatorBox.onDelete.timeout', `expected a duration such as 10m, got ${show(timeoutText)}`);

  const groups: DeleteGroup[] = [];
  const declared = ordered && Array.isArray(settings.groups) && settings.groups.length > 0 ? settings.groups : undefined;
  if (declared) {
    declared.forEach((raw, i) => {
      const path = `operatorBox.onDelete.groups[${i}]`;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        problems.error(path, `expected a block of resource lists, got ${show(raw)}`);
        return;
      }
      const { name, when, or, ...lists } = raw as ResourceLists & { name?: unknown; when?: Condition[]; or?: Condition[] };
      if (gatePasses(when, or, scope, path) !== true) return;
      groups.push(groupOf(typeof name === 'string' && name !== '' ? name : `group ${i + 1}`, lists, path, input, scope));
    });
  } else {
    groups.push(groupOf('onDelete', box.onDelete ?? {}, 'operatorBox.onDelete', input, scope));
  }
  problems.throwIfAny('RENDER_INVALID', 'cannot render onDelete');
  paceJobs(groups);
  return { ordered, timeoutMs: timeoutMs ?? 0, groups: groups.filter((g) => g.jobs.length > 0 || g.targets.length > 0) };
}

/**
 * A Job's `sleep` delays it as upstream's worker does, which sleeps before each onDelete Job in
 * turn: each Job may be created once the deletion is as old as its own sleep plus the sleeps of
 * the Jobs before it (in plan order). The controller re-queues the CR until then (no worker waits).
 */
function paceJobs(groups: DeleteGroup[]): void {
  let offset = 0;
  for (const job of groups.flatMap((g) => g.jobs)) {
    offset += job.pauseMs ?? 0;
    if (offset > 0) job.startAfterMs = offset;
  }
}

function groupOf(label: string, lists: Record<string, unknown>, path: string, input: RenderInput, scope: TemplateScope): DeleteGroup {
  const jobs = Array.isArray(lists.jobs) ? lists.jobs as ResourceEntry[] : undefined;
  const rendered = jobs === undefined ? [] : renderChildren({
    cr: scope.data as KubeObject, crdName: input.crdName, katalogName: input.katalogName, scope, lists: { onDelete: { jobs } },
  }).onDelete.map((child) => ({ ...child, entryPath: child.entryPath.replace('operatorBox.onDelete', path) }));
  const targets: DeleteTarget[] = [];
  for (const [key, entries] of Object.entries(lists)) {
    if (key === 'jobs') continue;
    const at = `${path}.${key}`;
    if (!Object.hasOwn(KINDS, key)) {
      scope.problems.error(at, `not a resource list; lists are ${Object.keys(KINDS).join(', ')}`);
      continue;
    }
    if (!Array.isArray(entries)) {
      scope.problems.error(at, `expected a list of entries, got ${show(entries)}`);
      continue;
    }
    entries.forEach((entry, i) => targets.push(...targetsOf(key as keyof typeof KINDS, entry, `${at}[${i}]`, scope)));
  }
  return { label, jobs: rendered, targets };
}

function targetsOf(key: keyof typeof KINDS, entry: unknown, path: string, base: TemplateScope): DeleteTarget[] {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    base.problems.error(path, `expected an entry object, got ${show(entry)}`);
    return [];
  }
  const e = entry as Record<string, unknown>;
  if (e.forEach === undefined) return one(key, e, path, base, undefined);
  const { field, as } = e.forEach as ForEach;
  const value = resolveField(field, base, `${path}.forEach`);
  if (value === FAILED || value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : typeof value === 'object' ? Object.entries(value).map(([k, v]) => ({ key: k, value: v })) : undefined;
  if (!items) {
    base.problems.error(`${path}.forEach.field`, `expected ${String(field)} to be a list or a map, got ${show(value)}`);
    return [];
  }
  return items.flatMap((item, i) => {
    const data: Record<string, unknown> = { ...(base.data as Record<string, unknown>), item };
    if (typeof as === 'string' && as !== '') data[as] = item;
    return one(key, e, `${path}(item ${i})`, { ...base, data }, forEachSuffix(item, i));
  });
}

/** Only identity is rendered: the kind, the name and the namespace (the rest of the entry may be a full child). */
function one(key: keyof typeof KINDS, entry: Record<string, unknown>, path: string, scope: TemplateScope, suffix: string | undefined): DeleteTarget[] {
  if (gatePasses(entry.when as Condition[] | undefined, entry.or as Condition[] | undefined, scope, path) !== true) return [];
  const meta = (entry.metadata ?? {}) as Record<string, unknown>;
  const wanted = { apiVersion: entry.apiVersion, kind: entry.kind, name: entry.name ?? meta.name, namespace: entry.namespace ?? meta.namespace };
  const r = evaluateDeep(wanted, scope, path) as Record<string, unknown>;
  if (Object.values(r).includes(FAILED)) return [];
  const identity = key === 'custom' ? customIdentity(r, (k, m) => scope.problems.error(`${path}.${k}`, m)) : KINDS[key];
  if (!identity) return [];
  const crName = (scope.data as KubeObject).metadata.name;
  const named = typeof r.name === 'string' && r.name !== '';
  const base = DEFAULT_NAME_SUFFIX[key as keyof typeof DEFAULT_NAME_SUFFIX];
  const fallback = base === null || base === undefined ? `${crName}-${identity.kind.toLowerCase()}` : `${crName}${base}`;
  const name = named ? r.name as string : suffix === undefined ? fallback : `${fallback}-${suffix}`;
  const bad = nameProblem(name, identity.kind);
  if (bad) {
    scope.problems.error(`${path}.name`, bad);
    return [];
  }
  const target: DeleteTarget = { apiVersion: identity.apiVersion, kind: identity.kind, name, entryPath: path };
  if (!CLUSTER_SCOPED_KINDS.has(identity.kind)) {
    const namespace = typeof r.namespace === 'string' && r.namespace !== '' ? r.namespace : (scope.data as KubeObject).metadata.namespace;
    const badNs = namespace === undefined ? 'required: the CR is cluster-scoped' : namespaceProblem(namespace);
    if (badNs) {
      scope.problems.error(`${path}.namespace`, badNs);
      return [];
    }
    target.namespace = namespace;
  }
  return [target];
}
