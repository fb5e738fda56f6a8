// Equality as Katalog conditions read it. Pure.

/**
 * Equality as Katalog authors mean it: structural for objects and lists; for scalars of different
 * types, by text (`3` equals `"3"`, `true` equals `"true"`), since a template may render either.
 */
export function looseEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isScalarText(a) && isScalarText(b)) return String(a) === String(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => looseEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && looseEqual(a[k], b[k]));
  }
  return false;
}

export function isScalarText(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
