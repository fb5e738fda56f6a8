// The desired-state renderer: one CR + its CRD entry in, the children to apply out. Owns the
// order normalize → mutation → validation → children → status, and the one error that lists every problem.
// Pure: no I/O, no clock of its own (a deadline uses `options.budget.now`); randomness only through
// `randomAlphanumeric` and `options.random`.
import { OrkError } from '../errors.js';
import { RenderBudget } from './budget.js';
import { renderChildren } from './children.js';
import { applyMutations } from './mutation.js';
import { applyNormalize, type NormalizeChange } from './normalize.js';
import { crRef, Problems } from './problems.js';
import { checkRules } from './rules.js';
import { computeStatus } from './status.js';
import { notesScope, type TemplateScope } from './templating.js';
import { wallClock } from './clock.js';
import type { KubeObject, RenderInput, RenderResult } from './types.js';
import type { Notice } from '../notify/notices.js';
import type { Issue } from '../errors.js';

export type { RenderBudgetOptions } from './budget.js';
export type { ChildSource, Cleanup, DesiredChild, KubeObject, ObjectMeta, OwnerReference, RenderInput, RenderOptions, RenderResult } from './types.js';
export { CRD_LABEL, KATALOG_LABEL, OWNER_NAMESPACE_LABEL } from './ownership.js';
export { seededRandom } from './random.js';
export { describeSource, sourceRef } from './sources.js';
export { childrenContext } from './children-context.js';
export { conditionClock, type ConditionClock } from './clock.js';
export { describeCondition, describeGate, evaluateGate, type GateConditions, type GateResult } from './gate.js';
export { DEFAULT_DELETE_TIMEOUT, renderDeletePlan, type DeleteGroup, type DeletePlan, type DeleteTarget } from './delete-plan.js';

/**
 * Renders the children a CRD entry declares for one CR.
 * @throws OrkError VALIDATION_DENIED (one issue per failed deny rule), RENDER_INVALID (every
 *   problem found, each naming the field and the CR) or RENDER_BUDGET_EXCEEDED (the render did
 *   more work than `options.budget` allows).
 */
export function renderDesired(input: RenderInput): RenderResult {
  const { entry } = input;
  const ref = crRef(input.cr);
  const problems = new Problems(ref);
  // Mutations change only this copy: the live CR is never written by rendering.
  const cr = structuredClone(input.cr) as KubeObject;
  const budget = new RenderBudget(ref, input.options?.budget);
  const notes = notesScope(input.notes);
  const notices: Notice[] = [];
  const clock = input.options?.clock ?? wallClock();
  const scope: TemplateScope = { data: cr, problems, budget, notices, clock, ...(input.options?.random ? { random: input.options.random } : {}), ...(notes ? { notes } : {}), ...(input.peers ? { peers: input.peers } : {}) };

  const changes = applyNormalize(cr, entry.normalize, scope);
  problems.throwIfAny('RENDER_INVALID', 'cannot normalize spec fields');
  applyMutations(cr, entry.mutation?.rules, scope);
  problems.throwIfAny('RENDER_INVALID', 'cannot apply mutation rules');
  // From here on templates also read the context (`.cross`); the CR itself stays as mutated.
  if (input.context) scope.data = { ...cr, ...input.context };

  const denied = checkRules(entry.validation?.rules, scope, ref);
  problems.throwIfAny('RENDER_INVALID', 'cannot evaluate validation rules');
  if (denied.length > 0) {
    const n = denied.length === 1 ? '1 validation rule' : `${denied.length} validation rules`;
    throw new OrkError('VALIDATION_DENIED', `CR ${ref} is denied by ${n}; change the CR so the rules pass`, { issues: denied });
  }

  const box = entry.operatorBox ?? {};
  const { children, onDelete } = renderChildren({
    cr,
    crdName: input.crdName,
    katalogName: input.katalogName,
    scope,
    // Of onDelete only the Jobs are children (run on delete); its other entries name objects to
    // delete (renderDeletePlan).
    lists: { onCreate: box.onCreate, onReconcile: box.onReconcile, onDelete: box.onDelete?.jobs ? { jobs: box.onDelete.jobs } : undefined },
  });
  const statusNotices: Notice[] = [];
  const status = computeStatus(box.status, withChanges({ ...scope, notices: statusNotices }, changes));
  problems.throwIfAny('RENDER_INVALID', 'cannot render children');
  return { children, onDelete, warnings: problems.warnings, skipped: problems.skipped, status, notices, statusNotices };
}

/**
 * The declared status fields again, now with `.children` (see childrenContext) in the template
 * data: the controller calls this after applying, with the children as they are live. Held
 * conditions with `notify:` are added to `notices` when given; the fields left out because they
 * could not be evaluated, to `skipped`.
 * @throws OrkError RENDER_INVALID for a problem outside the status fields (normalize, mutation).
 */
export function renderStatus(input: RenderInput, children: Record<string, unknown>, notices?: Notice[], skipped?: Issue[]): Record<string, unknown> {
  const problems = new Problems(crRef(input.cr));
  const cr = structuredClone(input.cr) as KubeObject;
  const notes = notesScope(input.notes);
  const scope: TemplateScope = { data: cr, problems, clock: input.options?.clock ?? wallClock(), ...(input.options?.random ? { random: input.options.random } : {}), ...(notes ? { notes } : {}), ...(notices ? { notices } : {}) };
  const changes = applyNormalize(cr, input.entry.normalize, scope);
  applyMutations(cr, input.entry.mutation?.rules, scope);
  const status = computeStatus(input.entry.operatorBox?.status, withChanges({ ...scope, data: { ...cr, ...input.context, children } }, changes));
  problems.throwIfAny('RENDER_INVALID', 'cannot compute status fields');
  skipped?.push(...problems.skipped);
  return status;
}

/** Status templates read the audited normalize changes as `._normalizeChanges`, as upstream's do. */
function withChanges(scope: TemplateScope, changes: NormalizeChange[]): TemplateScope {
  return changes.length === 0 ? scope : { ...scope, data: { ...(scope.data as object), _normalizeChanges: changes } };
}

const readsChildren = new WeakMap<RenderInput['entry'], boolean>();

/** `.children` in a template, or a condition `field: children.…` (a bare dot path). */
const MENTIONS_CHILDREN = /\.children\b|"field":"\s*children\b/;

/**
 * Whether any status field reads the children (a template mentioning `.children`, or a `when`/`or`
 * condition on a `children.…` path), i.e. needs renderStatus after applying.
 */
export function statusReadsChildren(entry: RenderInput['entry']): boolean {
  let reads = readsChildren.get(entry);
  if (reads === undefined) {
    const fields = entry.operatorBox?.status?.fields;
    reads = fields !== undefined && MENTIONS_CHILDREN.test(JSON.stringify(fields));
    readsChildren.set(entry, reads);
  }
  return reads;
}
export { evaluateAdmission, type AdmissionInput, type AdmissionResult } from './admission.js';
export { conversionRulesOf, convertObject, versionOf, type ConversionPath, type ConversionRules, type ConvertInput } from './conversion.js';
export { scaleTarget, type WorkloadScale } from './workload-autoscale.js';
