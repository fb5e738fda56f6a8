// `operatorBox.when` / `operatorBox.or`: conditions on the CR that the whole operator runs under.
// While they do not hold (all of `when`, and one of `or` when given), the CR is not reconciled:
// no child is applied or pruned, and its Ready condition says which conditions fail. Same
// operators and templates as every other `when`; a condition that cannot be evaluated (a template
// error) counts as not holding, with the problem in the message. A CR being deleted is not
// gated (its finalizer must be released). Pure.
import type { CrdEntry } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { describeGate, evaluateGate, type ConditionClock } from '../../shared/render/index.js';

/**
 * Why the operator does not run for `cr`, or undefined when its conditions hold (or there are
 * none). Time conditions read `clock` and record their next change there (absent: the wall clock).
 */
export function boxConditionsUnmet(entry: CrdEntry, cr: KubeObject, clock?: ConditionClock): string | undefined {
  const when = entry.operatorBox?.when;
  const or = entry.operatorBox?.or;
  const hasWhen = Array.isArray(when) && when.length > 0;
  const hasOr = Array.isArray(or) && or.length > 0;
  if (!hasWhen && !hasOr) return undefined;
  const ref = cr.metadata.namespace ? `${cr.metadata.namespace}/${cr.metadata.name}` : cr.metadata.name;
  const result = evaluateGate({ ...(hasWhen ? { when } : {}), ...(hasOr ? { or } : {}) }, cr, 'operatorBox', ref, clock);
  if (result.ok && result.holds) return undefined;
  const why = result.ok ? 'do not hold' : `cannot be evaluated: ${result.problems.join('; ')}`;
  return `not reconciled: the operatorBox conditions (${describeGate({ when, or })}) ${why}`;
}
