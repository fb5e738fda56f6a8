// Checks the conditions (`when` / `or`), validation rules and mutation rules of a CRD entry beyond
// what the schema can say: exactly one operator each, an operator's operand present, regular
// expressions that compile as RE2 (Go's syntax: `(?=x)` or `\1` is refused here, at load time),
// exactly one of default/override. Pure; reads defensively because it also runs on documents the
// schema rejected, so every problem is reported in one pass.
import type { Issue } from '../errors.js';
import { FOREIGN_OPERATORS, isOperatorAlias } from './condition-aliases.js';
import { operandIssue, TYPE_OPERATORS } from './condition-operands.js';
import { eachPhaseItem, entryParts } from './layout.js';
import { chooseOperator, ignoredOperatorsMessage, withDefaultOperator } from './operator-choice.js';
import { formatPath, type PathSegment } from './path.js';
import type { Locator } from './yaml-source.js';
import { compileRe2, RegexError } from '../regex/index.js';
import { isTimeCondition } from '../time/time-conditions.js';

export const OPERATORS = [
  'equals', 'notEquals', 'in', 'notIn', 'contains', 'prefix', 'suffix', 'regex', 'exists', 'notExists', 'gt', 'gte', 'lt', 'lte',
  'between', 'notBetween', 'unique', ...TYPE_OPERATORS,
] as const;
const OPERATOR_SET = new Set<string>(OPERATORS);
const NEEDS_NO_VALUE = new Set<string>(['exists', 'notExists', 'unique', ...TYPE_OPERATORS.filter((op) => op !== 'typeOf')]);

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Reporter {
  (path: PathSegment[], message: string, part?: 'key' | 'value', severity?: 'warning'): void;
}

export function conditionIssues(entry: Rec, at: PathSegment[], file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const report: Reporter = (path, message, part = 'value', severity) => issues.push({ file, ...locate(path, part), path: formatPath(path), message, ...(severity ? { severity } : {}) });
  const parts = entryParts(entry, at);
  eachPhaseItem(parts, (item, path) => {
    checkConditionList(item.when, [...path, 'when'], report);
    checkConditionList(item.or, [...path, 'or'], report);
  });
  const status = isRecord(parts.status?.value) ? parts.status.value : {};
  if (Array.isArray(status.fields)) {
    status.fields.forEach((field, i) => {
      if (isRecord(field)) checkConditionList(field.when, [...parts.status!.path, 'fields', i, 'when'], report);
    });
  }
  const validation = isRecord(parts.validation?.value) ? parts.validation.value : {};
  if (Array.isArray(validation.rules)) {
    validation.rules.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const path = [...parts.validation!.path, 'rules', i];
      checkOperators(rule, path, report);
      checkConditionList(rule.when, [...path, 'when'], report);
    });
  }
  const mutation = isRecord(parts.mutation?.value) ? parts.mutation.value : {};
  if (Array.isArray(mutation.rules)) {
    mutation.rules.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const path = [...parts.mutation!.path, 'rules', i];
      const given = ['default', 'override'].filter((k) => rule[k] !== undefined);
      if (given.length !== 1) report(path, `give exactly one of default or override (found ${given.length === 0 ? 'neither' : 'both'})`, 'key');
      checkConditionList(rule.when, [...path, 'when'], report);
    });
  }
  return issues;
}

function checkConditionList(list: unknown, path: PathSegment[], report: Reporter): void {
  if (!Array.isArray(list)) return;
  list.forEach((condition, i) => {
    // A time condition has no operator; the schema checks it (time-condition-check.ts).
    if (isRecord(condition) && !isTimeCondition(condition)) checkOperators(condition, [...path, i], report, 'condition');
  });
}

/** An operator key of a condition: one of ours or one of the Go runtime's spellings (condition-aliases.ts). */
export const isOperatorKey = (key: string): boolean => OPERATOR_SET.has(key) || isOperatorAlias(key);

/** The Go runtime's string shorthands that it skips when empty (`equals: ""` reads as no operator there). */
const SKIPPED_WHEN_EMPTY = ['equals', 'notEquals', 'prefix', 'notPrefix', 'suffix', 'notSuffix', 'contains', 'notContains', 'in', 'notIn'];

/**
 * An operator per rule, given as a shorthand key or as `operator:` + `value:`. A condition may name
 * none, as in the Go runtime: `value:` alone is equals, nothing is exists (withDefaultOperator).
 * Several are a warning: the Go runtime tests only the first in its order (operator-choice.ts).
 */
function checkOperators(condition: Rec, path: PathSegment[], report: Reporter, kind: 'condition' | 'rule' = 'rule'): void {
  const shorthands = Object.keys(condition).filter(isOperatorKey);
  const operator = condition.operator;
  const count = shorthands.length + (operator !== undefined ? 1 : 0);
  if (count === 0 && kind === 'rule') {
    report(path, `no operator: give one of ${OPERATORS.join(', ')}`, 'key');
  } else if (count > 1) {
    report(path, ignoredOperatorsMessage(chooseOperator(condition)), 'key', 'warning');
  }
  if (operator !== undefined && typeof operator === 'string' && (OPERATOR_SET.has(operator) || isOperatorAlias(operator))) {
    if (condition.value === undefined && !NEEDS_NO_VALUE.has(operator)) report([...path, 'operator'], `operator ${operator} needs a value: give value:`);
  } else if (operator === undefined && condition.value !== undefined) {
    if (kind === 'rule') report([...path, 'value'], 'value needs an operator: give operator:, or use a shorthand such as equals: x', 'key');
    else if (count > 0) report([...path, 'value'], `value: is ignored beside ${shorthands[0]}: (as in the Go runtime, where value: alone means equals); remove it`, 'key', 'warning');
  }
  for (const key of [...SKIPPED_WHEN_EMPTY, ...(kind === 'condition' && operator === undefined && count === 0 ? ['value'] : [])]) {
    if (condition[key] !== '') continue;
    const tested = key === 'value' ? 'equals' : key;
    report([...path, key], `an empty ${key}: is skipped by the Go runtime (the condition then tests the next operator, else exists: the field present and not empty); Orkestra tests ${tested} "", an absent field counting as empty`, 'value', 'warning');
  }
  for (const key of ['between', 'notBetween', 'typeOf']) {
    const long = operator === key;
    const operand = long ? condition.value : condition[key];
    const problem = long || condition[key] !== undefined ? operandIssue(key, operand) : undefined;
    if (problem) report(long ? [...path, 'value'] : [...path, key], problem);
  }
  if (typeof operator === 'string' && Object.hasOwn(FOREIGN_OPERATORS, operator)) {
    report([...path, 'operator'], `operator ${operator} is read as ${FOREIGN_OPERATORS[operator]}; the Go runtime has no operator ${operator} and lets such a condition pass, so write ${FOREIGN_OPERATORS[operator]}`, 'value', 'warning');
  }
  const regex = operator === 'regex' ? condition.value : condition.regex;
  const regexPath = operator === 'regex' ? [...path, 'value'] : [...path, 'regex'];
  if (typeof regex === 'string' && !regex.includes('{{')) {
    try {
      compileRe2(regex);
    } catch (e) {
      if (!(e instanceof RegexError)) throw e;
      report(regexPath, e.message);
    }
  }
}

/**
 * Rewrites `{field, operator: X, value: V}` conditions (the Go runtime's long form) to the
 * shorthand `{field, X: V}` the renderer reads. Only for conditions; validation rules keep both
 * forms. Runs on a document that passed every check.
 */
export function normalizeCondition(given: Rec): Rec {
  const condition = withDefaultOperator(given, isOperatorKey);
  if (typeof condition.operator !== 'string') return condition;
  const { operator, value, ...rest } = condition;
  return { ...rest, [operator]: value === undefined && NEEDS_NO_VALUE.has(operator) ? true : value };
}
