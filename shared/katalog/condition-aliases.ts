// The Go runtime's other spellings of condition operators, and what each means in ours: the
// numeric words (greaterThan, min, …), the negated string tests (notContains, …) and `in`/`notIn`
// given as one comma-separated string. Checks accept them; normalise.ts rewrites them so the
// renderer reads one form. Pure.

type Rec = Record<string, unknown>;

/** alias → [our operator, negate]. */
export const OPERATOR_ALIASES: Readonly<Record<string, readonly [string, boolean]>> = {
  greaterThan: ['gt', false],
  lessThan: ['lt', false],
  greaterThanOrEqual: ['gte', false],
  lessThanOrEqual: ['lte', false],
  min: ['gte', false],
  max: ['lte', false],
  notContains: ['contains', true],
  notPrefix: ['prefix', true],
  notSuffix: ['suffix', true],
  // Not the Go runtime's names (its evaluator lets an unknown operator pass), but upstream examples
  // write `operator: eq` meaning equals (use-cases/multi-tenancy), and its validation and
  // when-conditions reference pages name `neq` for notEquals; read as meant, with a warning.
  eq: ['equals', false],
  ne: ['notEquals', false],
  neq: ['notEquals', false],
};

/** Operators read as another with a warning, because the Go runtime does not know them. */
export const FOREIGN_OPERATORS: Readonly<Record<string, string>> = { eq: 'equals', ne: 'notEquals', neq: 'notEquals' };

export const isOperatorAlias = (key: string): boolean => Object.hasOwn(OPERATOR_ALIASES, key);

/**
 * `{greaterThan: 3}` → `{gt: 3}`; `{notContains: x}` → `{contains: x, negate: true}` (a negate
 * already given flips it back); `{in: "a,b"}` → `{in: [a, b]}`. The long form with an alias
 * (`operator: notPrefix`) is rewritten the same way. Other keys are kept.
 */
export function canonicalOperators(condition: Rec): Rec {
  const out: Rec = {};
  let negate = condition.negate === true;
  let flipped = false;
  for (const [key, value] of Object.entries(condition)) {
    if (isOperatorAlias(key)) {
      const [operator, negates] = OPERATOR_ALIASES[key]!;
      out[operator] = value;
      if (negates) flipped = !flipped;
    } else if (key === 'operator' && typeof value === 'string' && isOperatorAlias(value)) {
      const [operator, negates] = OPERATOR_ALIASES[value]!;
      out.operator = operator;
      if (negates) flipped = !flipped;
    } else if (key !== 'negate') {
      out[key] = value;
    }
  }
  for (const key of ['in', 'notIn']) {
    if (typeof out[key] === 'string') out[key] = splitList(out[key] as string);
  }
  if ((out.operator === 'in' || out.operator === 'notIn') && typeof out.value === 'string') out.value = splitList(out.value);
  if (flipped) negate = !negate;
  if (negate) out.negate = true;
  return out;
}

/** Upstream's comma-separated list; an empty item stands for an empty or absent field. */
function splitList(text: string): string[] {
  return text.split(',').map((item) => item.trim());
}
