// `when` / `or` conditions and the tests validation rules use: `{field, <operator>: value,
// negate}`. The field is a dot path into the template data or a template; operands may be
// templates too. Conditions read only; they never change the data.
import { noticesOf } from '../notify/notices.js';
import { uniqueHolds } from './unique.js';
import { isScalarText, looseEqual, truthy } from './equality.js';

export { looseEqual, truthy } from './equality.js';
import { parseRange, TYPE_NAMES, TYPE_OPERATOR_TESTS, TYPE_OPERATORS, typeName } from '../katalog/condition-operands.js';
import type { Condition } from '../katalog/types.js';
import { parsePath, getPath } from './paths.js';
import { show } from './problems.js';
import { FAILED, evaluateDeep, evaluateText, type TemplateScope } from './templating.js';
import { toNumber } from './typecheck.js';
import { compileRe2, RegexError } from '../regex/index.js';

export const OPERATORS = [
  'equals', 'notEquals', 'in', 'notIn', 'contains', 'prefix', 'suffix', 'regex',
  'exists', 'notExists', 'gt', 'gte', 'lt', 'lte', 'between', 'notBetween', 'unique', ...TYPE_OPERATORS,
] as const;
/** Operators that take `true` (or `false`, which inverts them) rather than an operand. */
const FLAG_OPERATORS = new Set<string>(['exists', 'notExists', 'unique', ...Object.keys(TYPE_OPERATOR_TESTS)]);
export type Operator = (typeof OPERATORS)[number];

const OPERATOR_SET = new Set<string>(OPERATORS);

/** Whether `name` is an operator. */
export function isOperator(name: string): name is Operator {
  return OPERATOR_SET.has(name);
}

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
 * Tests one operator against a resolved field value. Returns FAILED (after recording why) when
 * the Katalog's operand is unusable — a bad regex, a non-numeric bound — as opposed to a CR value
 * that simply does not satisfy the test.
 */
export function testOperator(op: Operator, actual: unknown, operand: unknown, scope: Pick<TemplateScope, 'problems' | 'budget'>, path: string): boolean | typeof FAILED {
  switch (op) {
    case 'equals':
      return looseEqual(actual, operand);
    case 'notEquals':
      return !looseEqual(actual, operand);
    case 'in':
    case 'notIn': {
      if (!Array.isArray(operand)) {
        scope.problems.error(`${path}.${op}`, `expected a list, got ${show(operand)}`);
        return FAILED;
      }
      // An absent field reads as "", so an empty member matches it (upstream's "Pending," idiom).
      const value = actual === undefined || actual === null ? '' : actual;
      const found = operand.some((o) => looseEqual(value, o));
      return op === 'in' ? found : !found;
    }
    case 'contains':
      if (typeof actual === 'string') return actual.includes(String(operand));
      if (Array.isArray(actual)) return actual.some((a) => looseEqual(a, operand));
      if (isObject(actual)) return Object.prototype.hasOwnProperty.call(actual, String(operand));
      return false;
    case 'prefix':
      return isScalarText(actual) && String(actual).startsWith(String(operand));
    case 'suffix':
      return isScalarText(actual) && String(actual).endsWith(String(operand));
    case 'regex':
      return regexHolds(actual, operand, scope, path);
    case 'exists':
    case 'notExists': {
      if (typeof operand !== 'boolean') {
        scope.problems.error(`${path}.${op}`, `expected true or false, got ${show(operand)}`);
        return FAILED;
      }
      const present = actual !== undefined && actual !== null;
      return (op === 'exists') === operand ? present : !present;
    }
    case 'between':
    case 'notBetween':
      return inRange(op, actual, operand, scope, path);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compareNumbers(op, actual, operand, scope, path);
    default:
      return typeHolds(op, actual, operand, scope, path);
  }
}

/** gt, gte, lt, lte: a bound that is not a number is the Katalog's error; a field that is not one fails. */
function compareNumbers(op: 'gt' | 'gte' | 'lt' | 'lte', actual: unknown, operand: unknown, scope: Pick<TemplateScope, 'problems'>, path: string): boolean | typeof FAILED {
  const bound = toNumber(operand);
  if (!bound.ok) {
    scope.problems.error(`${path}.${op}`, bound.message);
    return FAILED;
  }
  const value = toNumber(actual);
  if (!value.ok) return false;
  if (op === 'gt') return value.value > bound.value;
  if (op === 'gte') return value.value >= bound.value;
  if (op === 'lt') return value.value < bound.value;
  return value.value <= bound.value;
}

/** typeOf NAME, and typeMap … typeNull (true, or false to invert), by upstream's type names. */
function typeHolds(op: Operator, actual: unknown, operand: unknown, scope: Pick<TemplateScope, 'problems'>, path: string): boolean | typeof FAILED {
  if (op === 'typeOf') {
    if (!(TYPE_NAMES as readonly unknown[]).includes(operand)) {
      scope.problems.error(`${path}.typeOf`, `expected one of ${TYPE_NAMES.join(', ')}, got ${show(operand)}`);
      return FAILED;
    }
    return typeName(actual) === operand;
  }
  if (typeof operand !== 'boolean') {
    scope.problems.error(`${path}.${op}`, `expected true or false, got ${show(operand)}`);
    return FAILED;
  }
  return (typeName(actual) === TYPE_OPERATOR_TESTS[op]) === operand;
}

/** between / notBetween: both bounds inclusive; a field that is not a number is in no range and outside none. */
function inRange(op: 'between' | 'notBetween', actual: unknown, operand: unknown, scope: Pick<TemplateScope, 'problems'>, path: string): boolean | typeof FAILED {
  const range = parseRange(operand);
  if (!range.ok) {
    scope.problems.error(`${path}.${op}`, range.message);
    return FAILED;
  }
  const value = toNumber(actual);
  if (!value.ok) return false;
  const inside = value.value >= range.min && value.value <= range.max;
  return op === 'between' ? inside : !inside;
}

/**
 * RE2 syntax with linear-time matching, as Go's regexp: a pattern or a CR value chosen by a CR's
 * author must not be able to freeze the worker (a backtracking engine would).
 */
function regexHolds(actual: unknown, operand: unknown, scope: Pick<TemplateScope, 'problems' | 'budget'>, path: string): boolean | typeof FAILED {
  try {
    const re = compileRe2(String(operand));
    if (!isScalarText(actual)) return false;
    const text = String(actual);
    // Linear, but not free: characters × program size, in steps of ≈ 1 µs (see REGEX_LIMITS.maxWork).
    scope.budget?.spend(Math.max(text.length, Math.ceil((text.length * re.size) / 200)));
    return re.test(text);
  } catch (e) {
    if (!(e instanceof RegexError)) throw e;
    scope.problems.error(`${path}.regex`, e.message);
    return FAILED;
  }
}

/**
 * One condition: every operator it names must hold (no operator: the field must be truthy, as
 * Go templates' `if` sees it); `negate` inverts the result.
 */
export function conditionHolds(cond: Condition, scope: TemplateScope, path: string): boolean | typeof FAILED {
  if (!isObject(cond)) {
    scope.problems.error(path, `expected a condition object, got ${show(cond)}`);
    return FAILED;
  }
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
  if (!tested) result = truthy(actual);
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
 * value). Returns the condition's tests, or undefined after recording a problem.
 */
function operatorForm(cond: Record<string, unknown>, scope: TemplateScope, path: string): Record<string, unknown> | undefined {
  if (cond.operator === undefined) {
    if (cond.value !== undefined) {
      scope.problems.error(`${path}.value`, 'value needs an operator (or use a shorthand such as gte: 1)');
      return undefined;
    }
    return cond;
  }
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

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
