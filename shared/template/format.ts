// Go's text forms of values, so templates print what the Go runtime prints: numbers (ints plain,
// floats in %g shortest form), `[a b]` lists, `map[k:v]` maps with sorted keys, and strconv.Quote.

/** Shortest round-trip digits and decimal exponent of a finite non-zero number: 1234.5 → ["12345", 3]. */
export function shortestDigits(n: number, significant?: number): [string, number] {
  const e = significant === undefined ? Math.abs(n).toExponential() : Math.abs(n).toExponential(significant - 1);
  const at = e.indexOf('e');
  return [e.slice(0, at).replace('.', ''), Number(e.slice(at + 1))];
}

/** Go's exponent form: at least two digits, always signed (1e+06, 1.5e-07). */
export function goExponent(exp: number): string {
  const a = Math.abs(exp);
  return `e${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
}

function nonFinite(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  return n > 0 ? '+Inf' : '-Inf';
}

/**
 * Go %g: `significant` digits (shortest when undefined), exponent form when the exponent is below
 * -4 or at least the precision (6 for shortest), trailing zeros dropped.
 */
export function formatG(n: number, significant?: number, upper = false): string {
  if (!Number.isFinite(n)) return nonFinite(n);
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [raw, exp] = shortestDigits(n, significant);
  const digits = raw.replace(/0+$/, '') || '0';
  let eprec = significant ?? 6;
  if (significant !== undefined && eprec > digits.length && digits.length >= exp + 1) eprec = digits.length;
  const sign = n < 0 ? '-' : '';
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const text = `${sign}${mant}${goExponent(exp)}`;
    return upper ? text.toUpperCase() : text;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}${frac ? `.${frac}` : ''}`;
}

/** A number as Go prints a decoded CR value: integers as int64, others as float64 (%v). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return formatG(n);
}

/** Go %v of a value nested in a list or map (nil shows as <nil>). */
export function formatValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '<nil>';
    case 'object': {
      if (v === null) return '<nil>';
      if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
      const map = v as Record<string, unknown>;
      const keys = Object.keys(map).sort();
      return `map[${keys.map((k) => `${k}:${formatValue(map[k])}`).join(' ')}]`;
    }
    default:
      return String(v);
  }
}

/** What an action prints: like %v, except that a missing or nil value prints nothing. */
export function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  return formatValue(v);
}

/** The text a string function works on: strings as-is, missing as empty, others as printed. */
export function toStr(v: unknown): string {
  return typeof v === 'string' ? v : toText(v);
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SIMPLE_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** Go's strconv.Quote: double-quoted with Go escapes; used by %q and `quote`. */
export function goQuote(s: string): string {
  if (SIMPLE_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp < 0x80 ? cp >= 0x20 && cp < 0x7f : PRINTABLE.test(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}
