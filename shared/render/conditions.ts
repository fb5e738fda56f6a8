// `when` / `or` conditions and the tests validation rules use: `{field, <operator>: value,
// negate}` (operators.ts), or a time condition (time-conditions.ts). The field is a dot path into
// the template data or a template; operands may be templates too. Conditions read only; they
// never change the data.
import { noticesOf } from '../notify/notices.js';
import { uniqueHolds } from './unique.js';
import type { Condition } from '../katalog/types.js';
import { isOperatorKey } from '../katalog/conditions-check.js';
import { withDefaultOperator } from '../katalog/operator-choice.js';
import { FLAG_OPERATORS, isOperator, OPERATORS, testOperator } from './operators.js';
import { parsePath, getPath } from './paths.js';
import { show } from './problems.js';
import { FAILED, evaluateDeep, evaluateText, type TemplateScope } from './templating.js';
import { isTimeCondition, timeConditionHolds } from './time-conditions.js';

export { looseEqual } from './equality.js';

export { FLAG_OPERATORS, isOperator, OPERATORS, testOperator, type Operator } from './operators.js';

/** The value a condition's `field` names: a dot path, or a template evaluated typed. */
export function resolveField(field: unknown, scope: TemplateScope, path: string): unknown {
  if (typeof field !== 'string' || field.trim() === '') {
    scope.problems.error(`${path}.field`, `expected a dot path or a template, got ${show(field)}`);
    return FAILED;
  }
  if (field.includes('{{')) return evaluateText(field, scope, `${path}.field`);
  const segments = parsePath(field);
  if (!segments) {
    scope.problems.error(`${path}.field`, `malformed path ${show(field)}; write it like .spec.replicas or .spec.items[0].name`);
    return FAILED;
  }
  return getPath(scope.data, segments);
}

/**
 * One condition: every operator it names must hold (none: `value:` alone is equals, nothing is
 * exists, as in the Go runtime: withDefaultOperator); `negate` inverts the result.
 */
export function conditionHolds(cond: Condition, scope: TemplateScope, path: string): boolean | typeof FAILED {
  if (!isObject(cond)) {
    scope.problems.error(path, `expected a condition object, got ${show(cond)}`);
    return FAILED;
  }
  if (isTimeCondition(cond as unknown as Record<string, unknown>)) return timeConditionHolds(cond, scope, path);
  const tests = operatorForm(cond as unknown as Record<string, unknown>, scope, path);
  if (!tests) return FAILED;
  const actual = resolveField(cond.field, scope, path);
  if (actual === FAILED) return FAILED;
  let result = true;
  let failed = false;
  let tested = false;
  for (const [key, raw] of Object.entries(tests)) {
    if (key === 'field' || key === 'negate' || key === 'notify') continue;
    if (!isOperator(key)) {
      scope.problems.error(`${path}.${key}`, `unknown operator; use one of ${OPERATORS.join(', ')}`);
      failed = true;
      continue;
    }
    tested = true;
    const operand = evaluateDeep(raw, scope, `${path}.${key}`);
    if (operand === FAILED) {
      failed = true;
      continue;
    }
    const holds = key === 'unique' ? uniqueHolds(cond.field, actual, scope, path) : testOperator(key, actual, operand, scope, path);
    if (holds === FAILED) failed = true;
    else result &&= holds;
  }
  if (failed) return FAILED;
  if (!tested) result = false;
  const negate = cond.negate;
  if (negate !== undefined && typeof negate !== 'boolean') {
    scope.problems.error(`${path}.negate`, `expected true or false, got ${show(negate)}`);
    return FAILED;
  }
  const holds = negate ? !result : result;
  if (holds && cond.notify !== undefined) scope.notices?.push(...noticesOf(cond as unknown as Record<string, unknown>, scope.data));
  return holds;
}

/**
 * The long form `{operator: gte, value: 1}` as the shorthand `{gte: 1}` (exists/notExists need no
 * value), and a condition without operator as the Go runtime reads it. Returns the condition's
 * tests, or undefined after recording a problem.
 */
function operatorForm(cond: Record<string, unknown>, scope: TemplateScope, path: string): Record<string, unknown> | undefined {
  if (cond.operator === undefined) return withDefaultOperator(cond, isOperatorKey);
  const op = cond.operator;
  if (typeof op !== 'string' || !isOperator(op)) {
    scope.problems.error(`${path}.operator`, `unknown operator ${show(op)}; use one of ${OPERATORS.join(', ')}`);
    return undefined;
  }
  const value = cond.value ?? (FLAG_OPERATORS.has(op) ? true : undefined);
  if (value === undefined) {
    scope.problems.error(`${path}.value`, `operator ${op} needs a value`);
    return undefined;
  }
  if (cond[op] !== undefined) {
    scope.problems.error(`${path}.operator`, `${op} is given twice (as operator and as ${op}:)`);
    return undefined;
  }
  const { operator: _o, value: _v, ...rest } = cond;
  return { ...rest, [op]: value };
}

/** `when` (all must hold) and `or` (at least one must hold); both must pass if both are given. */
export function gatePasses(when: Condition[] | undefined, or: Condition[] | undefined, scope: TemplateScope, path: string): boolean | typeof FAILED {
  let failed = false;
  let pass = true;
  if (when !== undefined) {
    if (!Array.isArray(when)) {
      scope.problems.error(`${path}.when`, `expected a list of conditions, got ${show(when)}`);
      return FAILED;
    }
    when.forEach((c, i) => {
      const r = conditionHolds(c, scope, `${path}.when[${i}]`);
      if (r === FAILED) failed = true;
      else pass &&= r;
    });
  }
  if (or !== undefined) {
    if (!Array.isArray(or)) {
      scope.problems.error(`${path}.or`, `expected a list of conditions, got ${show(or)}`);
      return FAILED;
    }
    let any = or.length === 0;
    or.forEach((c, i) => {
      const r = conditionHolds(c, scope, `${path}.or[${i}]`);
      if (r === FAILED) failed = true;
      else any ||= r;
    });
    pass &&= any;
  }
  return failed ? FAILED : pass;
}

/**
 * gatePasses as the Go runtime reads a child's or a status field's conditions: conditions that
 * cannot be evaluated (a template that fails, a templated bound that is no number) are false, not
 * an error; the problem stays as a warning saying `skipped` (problems.ts skipSince).
 */
export function gatePassesOrSkips(when: Condition[] | undefined, or: Condition[] | undefined, scope: TemplateScope, path: string, skipped: string): boolean {
  const mark = scope.problems.count;
  const passes = gatePasses(when, or, scope, path);
  if (passes !== FAILED) return passes;
  scope.problems.skipSince(mark, skipped);
  return false;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
