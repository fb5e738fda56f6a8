// Which operator a condition or rule tests when it names several. The Go runtime tests exactly one:
// the first present in a fixed order (its ResolveValidationOp: equals before prefix before … min
// before greaterThan … in, notIn, then `operator:`), and ignores the others without a word. Orkestra
// tests the same one, so a Katalog behaves as it did, and `ork validate` warns about the ignored ones.
// Orkestra's own shorthands (gt, gte, lt, lte, exists, notExists) come after upstream's. Pure.

type Rec = Record<string, unknown>;

/** Upstream's order, then Orkestra's own shorthand keys. */
export const OPERATOR_ORDER = [
  'equals', 'notEquals', 'prefix', 'notPrefix', 'suffix', 'notSuffix', 'contains', 'notContains', 'regex',
  'min', 'max', 'greaterThan', 'lessThan', 'greaterThanOrEqual', 'lessThanOrEqual', 'between', 'notBetween',
  'in', 'notIn', 'operator', 'gt', 'gte', 'lt', 'lte', 'exists', 'notExists',
] as const;

export interface OperatorChoice {
  /** The operator key tested (`operator` for the long form), or undefined when none is given. */
  chosen?: string;
  /** The other operator keys, which are not tested. */
  ignored: string[];
}

export function chooseOperator(condition: Rec): OperatorChoice {
  const present = OPERATOR_ORDER.filter((key) => condition[key] !== undefined);
  const [chosen, ...ignored] = present;
  return chosen === undefined ? { ignored: [] } : { chosen, ignored };
}

/**
 * A condition that names no operator, as the Go runtime reads it (its ResolveConditionOp): `value:`
 * alone is `equals` that value, and nothing at all is `exists` (the field present and not empty).
 * A `value:` beside a shorthand is ignored there, so it is dropped here. `isOperatorKey` tells
 * operator keys (shorthands, aliases) from the rest. Only for a condition with a `field` (a time
 * condition has none); not for validation rules, which must name an operator.
 */
export function withDefaultOperator(condition: Rec, isOperatorKey: (key: string) => boolean): Rec {
  if (condition.operator !== undefined || condition.field === undefined) return condition;
  const named = Object.keys(condition).some(isOperatorKey);
  const { value, ...rest } = condition;
  if (named) return value === undefined ? condition : rest;
  return value === undefined ? { ...rest, exists: true } : { ...rest, equals: value };
}

/** The condition without the operators upstream would ignore (and the long form's value with them). */
export function withChosenOperator(condition: Rec): Rec {
  const { chosen, ignored } = chooseOperator(condition);
  if (ignored.length === 0) return condition;
  const out = { ...condition };
  for (const key of ignored) delete out[key];
  if (chosen !== 'operator') delete out.value;
  return out;
}

/** One warning line for a condition that names several operators. */
export function ignoredOperatorsMessage(choice: OperatorChoice): string {
  const chosen = choice.chosen === 'operator' ? 'operator:' : `${choice.chosen}:`;
  const ignored = choice.ignored.map((k) => `${k}:`).join(', ');
  return `several operators: only ${chosen} is tested, as in the Go runtime; ${ignored} ${choice.ignored.length === 1 ? 'is' : 'are'} ignored (write one condition per operator to test each)`;
}
