// Admission: the same mutation and validation rules the renderer runs at every reconcile, run on
// one incoming object for the webhook. Mutation first (later rules see earlier results), then the
// rules; the result says what the object becomes, which deny rules failed and which warned.
// Admission-only rules (`fires.reconcile: false`) run here and never at reconcile. Pure.
import type { Issue } from '../errors.js';
import type { CrdEntry } from '../katalog/types.js';
import { RenderBudget } from './budget.js';
import { applyMutations } from './mutation.js';
import { crRef, Problems } from './problems.js';
import { checkRules } from './rules.js';
import type { TemplateScope } from './templating.js';
import type { KubeObject, RenderOptions } from './types.js';

export interface AdmissionInput {
  entry: CrdEntry;
  /** The object as the API server sent it (never modified). */
  cr: KubeObject;
  options?: RenderOptions;
}

export interface AdmissionResult {
  /** The object after the entry's mutation rules (a copy; equal to `cr` when none applied). */
  mutated: KubeObject;
  /** One issue per failed deny rule, each with the rule's message. */
  denied: Issue[];
  /** One issue per failed warn rule. */
  warnings: Issue[];
  /** Rules or templates that could not be evaluated (the same problems reconcile reports). */
  problems: Issue[];
  /** Which rules failed (`validation.rules[i]`, and the field each names), for metrics by rule. */
  failedRules: FailedRule[];
}

export interface FailedRule {
  rule: string;
  field?: string;
  action: 'deny' | 'warn';
}

/** Runs `entry`'s mutation then validation rules on a copy of `cr`. Never throws for rule outcomes. */
export function evaluateAdmission(input: AdmissionInput): AdmissionResult {
  const ref = crRef(input.cr);
  const problems = new Problems(ref);
  const mutated = structuredClone(input.cr) as KubeObject;
  const budget = new RenderBudget(ref, input.options?.budget);
  const scope: TemplateScope = { data: mutated, problems, budget, ...(input.options?.random ? { random: input.options.random } : {}) };
  // Admission runs admission-only rules too (fires.reconcile: false).
  applyMutations(mutated, input.entry.mutation?.rules, scope, 'admission');
  const failedRules: FailedRule[] = [];
  const failed = (rule: string, field: string | undefined, action: 'deny' | 'warn') => failedRules.push({ rule, ...(field ? { field } : {}), action });
  // A rule that cannot be evaluated after a broken mutation would only repeat the same failure.
  const denied = problems.count === 0 ? checkRules(input.entry.validation?.rules, scope, ref, 'admission', failed) : [];
  return { mutated, denied, warnings: problems.warnings, problems: problems.issues, failedRules };
}
