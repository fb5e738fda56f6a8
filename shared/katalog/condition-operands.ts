// The operands of the Go runtime's range and type operators, read the same way at load time (a
// literal that can never work is refused there, with the fix) and at render time: `between` /
// `notBetween` take "min,max" (both inclusive), `typeOf` a type name, the other type operators
// nothing. Pure.

export const TYPE_OPERATORS = ['typeOf', 'typeMap', 'typeList', 'typeString', 'typeNumber', 'typeBool', 'typeNull'] as const;

/** The names upstream's type test gives a value (a YAML mapping is a "map", a list a "slice"). */
export const TYPE_NAMES = ['map', 'slice', 'string', 'number', 'bool', 'null'] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

/** The type each fixed type operator tests for. */
export const TYPE_OPERATOR_TESTS: Readonly<Record<string, TypeName>> = {
  typeMap: 'map',
  typeList: 'slice',
  typeString: 'string',
  typeNumber: 'number',
  typeBool: 'bool',
  typeNull: 'null',
};

/** The type name of a CR value; an absent field is "null", as upstream reads a missing path. */
export function typeName(value: unknown): TypeName {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return 'slice';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

export type Range = { ok: true; min: number; max: number } | { ok: false; message: string };

/** "1,10" (upstream's form) or [1, 10]: two numbers, both bounds inclusive. */
export function parseRange(operand: unknown): Range {
  const parts = typeof operand === 'string' ? operand.split(',') : Array.isArray(operand) ? operand : undefined;
  const shown = JSON.stringify(operand);
  if (!parts || parts.length !== 2) return { ok: false, message: `expected "min,max" such as "1,10", got ${shown}` };
  const [min, max] = parts.map((p) => (typeof p === 'number' ? p : typeof p === 'string' && p.trim() !== '' ? Number(p.trim()) : Number.NaN)) as [number, number];
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ok: false, message: `expected two numbers "min,max" such as "1,10", got ${shown}` };
  if (min > max) return { ok: false, message: `min ${min} is greater than max ${max} in ${shown}, so nothing is in the range; swap them` };
  return { ok: true, min, max };
}

/** Why a literal operand of `between`, `notBetween` or `typeOf` cannot work; templates are checked when rendered. */
export function operandIssue(operator: string, operand: unknown): string | undefined {
  if (typeof operand === 'string' && operand.includes('{{')) return undefined;
  if (operator === 'between' || operator === 'notBetween') {
    const range = parseRange(operand);
    return range.ok ? undefined : `${operator}: ${range.message}`;
  }
  if (operator === 'typeOf' && !(TYPE_NAMES as readonly unknown[]).includes(operand)) {
    return `typeOf takes one of ${TYPE_NAMES.join(', ')}, got ${JSON.stringify(operand)}`;
  }
  return undefined;
}
