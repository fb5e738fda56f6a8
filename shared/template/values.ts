// How template data (plain JSON-like values: the CR object) behaves in templates: its kind, Go
// truthiness, Go type names for messages, and copying values handed back to callers.

export type Kind = 'nil' | 'bool' | 'int' | 'float' | 'string' | 'list' | 'map' | 'other';

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function kindOf(v: unknown): Kind {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'nil';
    case 'object':
      if (v === null) return 'nil';
      return Array.isArray(v) ? 'list' : 'map';
    default:
      return 'other';
  }
}

/** Go's notion of "true" for if/with/and/or/not/default: empty values and zero are false. */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
      return v !== '';
    case 'number':
      return v !== 0 && !Number.isNaN(v);
    case 'boolean':
      return v;
    case 'undefined':
      return false;
    case 'object':
      if (v === null) return false;
      if (Array.isArray(v)) return v.length > 0;
      for (const key in v) if (Object.hasOwn(v, key)) return true;
      return false;
    default:
      return true;
  }
}

/** The Go type a value would have after decoding the CR, as Go names it in messages. */
export function goTypeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'string':
      return 'string';
    case 'list':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    default:
      return typeof v;
  }
}

/** A person-facing word for a kind, used in hints. */
export function kindWord(v: unknown): string {
  const k = kindOf(v);
  if (k === 'int' || k === 'float') return 'number';
  if (k === 'list') return 'list';
  if (k === 'map') return 'map';
  if (k === 'nil') return 'nothing';
  return k;
}

/** A deep copy of lists and maps, so callers may change what typed substitution returned. */
export function cloneValue(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(cloneValue);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) out[key] = cloneValue((v as Record<string, unknown>)[key]);
  return out;
}
