// `when` / `or` conditions evaluated on their own, outside a render: the runtime's gates
// (preReconcile, queue behaviour) ask whether they hold for one object. Same operators and
// templates as everywhere else; a problem (a template error, a bad operand) is returned, not
// thrown, so the caller's fail policy decides. Pure.
import type { Condition } from '../katalog/types.js';
import type { ConditionClock } from './clock.js';
import { gatePasses } from './conditions.js';
import { Problems } from './problems.js';
import { FAILED } from './templating.js';

export interface GateConditions {
  when?: Condition[];
  or?: Condition[];
}

export type GateResult = { ok: true; holds: boolean } | { ok: false; problems: string[] };

/**
 * Whether every `when` and (when given) one `or` hold on `data`; `about` names the object in
 * problems. Time conditions read `clock` (and record their next change there); absent: the wall clock.
 */
export function evaluateGate(gate: GateConditions, data: unknown, path: string, about: string, clock?: ConditionClock): GateResult {
  const problems = new Problems(about);
  const r = gatePasses(gate.when, gate.or, { data, problems, ...(clock ? { clock } : {}) }, path);
  if (r === FAILED || problems.count > 0) return { ok: false, problems: problems.issues.map((i) => `${i.path}: ${i.message}`) };
  return { ok: true, holds: r };
}

/** A readable form of a condition for messages: `.spec.enabled equals true`. */
export function describeCondition(c: Condition): string {
  const ops = Object.entries(c).filter(([k]) => k !== 'field' && k !== 'negate');
  const text = ops.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ');
  return `${c.negate ? 'not ' : ''}${c.field ?? ''} ${text}`.trim();
}

/** A gate's conditions for messages: `when: a and b; or: c or d` (an empty list is left out). */
export function describeGate(gate: GateConditions): string {
  return [
    ...(gate.when?.length ? [`when: ${gate.when.map(describeCondition).join(' and ')}`] : []),
    ...(gate.or?.length ? [`or: ${gate.or.map(describeCondition).join(' or ')}`] : []),
  ].join('; ');
}
