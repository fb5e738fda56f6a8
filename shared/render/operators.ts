// The operators of a condition (`equals`, `in`, `regex`, `gt`, `between`, `typeOf` …): each
// tests one resolved field value against its operand. Split from conditions.ts, which applies
// them to a condition and re-exports these. Pure.
import { parseRange, TYPE_NAMES, TYPE_OPERATOR_TESTS, TYPE_OPERATORS, typeName } from '../katalog/condition-operands.js';
import { compileRe2, RegexError } from '../regex/index.js';
import { isScalarText, looseEqual } from './equality.js';
import { show } from './problems.js';
import { FAILED, type TemplateScope } from './templating.js';
import { toNumber } from './typecheck.js';

export const OPERATORS = [
  'equals', 'notEquals', 'in', 'notIn', 'contains', 'prefix', 'suffix', 'regex',
  'exists', 'notExists', 'gt', 'gte', 'lt', 'lte', 'between', 'notBetween', 'unique', ...TYPE_OPERATORS,
] as const;
/** Operators that take `true` (or `false`, which inverts them) rather than an operand. */
export const FLAG_OPERATORS = new Set<string>(['exists', 'notExists', 'unique', ...Object.keys(TYPE_OPERATOR_TESTS)]);
export type Operator = (typeof OPERATORS)[number];

const OPERATOR_SET = new Set<string>(OPERATORS);

/** Whether `name` is an operator. */
export function isOperator(name: string): name is Operator {
  return OPERATOR_SET.has(name);
}

/**
 * Tests one operator against a resolved field value. Returns FAILED (after recording why) when
 * the Katalog's operand is unusable — a bad regex, a non-numeric bound — as opposed to a CR value
 * that simply does not satisfy the test.
 */
export function testOperator(op: Operator, actual: unknown, operand: unknown, scope: Pick<TemplateScope, 'problems' | 'budget'>, path: string): boolean | typeof FAILED {
  switch (op) {
    // An absent field reads as "" against a scalar, as in the Go runtime: `equals: ""` holds for it.
    case 'equals':
      return looseEqual(orEmpty(actual, operand), operand);
    case 'notEquals':
      return !looseEqual(orEmpty(actual, operand), operand);
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
      // As in the Go runtime: present and not empty ("" is not there; false and 0 are).
      const present = actual !== undefined && actual !== null && actual !== '';
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

/** `actual`, or "" when it is absent (undefined or null) and compared with a scalar. */
function orEmpty(actual: unknown, operand: unknown): unknown {
  return (actual === undefined || actual === null) && isScalarText(operand) ? '' : actual;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
