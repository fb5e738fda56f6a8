// Kubernetes resource quantities as apimachinery's resource.Quantity parses and prints them:
// exact decimal values (BigInt mantissa × 10^exponent), the suffix family (binary Ki…Ei,
// decimal n…E, or e-notation) kept from the parsed text, and the canonical form: the largest
// suffix that keeps the number whole, sub-nano precision rounded up, binary only from 1024 up.

export type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** value = mantissa × 10^exp */
  mantissa: bigint;
  exp: number;
  format: Format;
}

const SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const MAX_TEXT = 128;
export const FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** The quantity, or the reason it is not one (apimachinery's messages). */
export function parseQuantity(text: string): Quantity | string {
  const m = text.length <= MAX_TEXT ? SYNTAX.exec(text) : null;
  const [, sign = '', int = '', frac = '', suffix = ''] = m ?? [];
  if (!m || (int === '' && frac === '') || !/^[eEinumkKMGTP]*[-+]?\d*$/.test(suffix)) return FORMAT_ERROR;
  let mantissa = BigInt(`${int}${frac}` || '0');
  let exp = -frac.length;
  let format: Format;
  if (suffix in BINARY) {
    mantissa *= 1024n ** BigInt(BINARY[suffix]!);
    format = 'BinarySI';
  } else if (suffix in DECIMAL) {
    exp += DECIMAL[suffix]!;
    format = 'DecimalSI';
  } else if (/^[eE][-+]?\d{1,3}$/.test(suffix)) {
    exp += Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else {
    return 'unable to parse quantity\'s suffix';
  }
  return { mantissa: sign === '-' ? -mantissa : mantissa, exp, format };
}

/** Both at the smaller exponent, so their mantissas add. */
function aligned(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.mantissa * 10n ** BigInt(a.exp - exp), b.mantissa * 10n ** BigInt(b.exp - exp), exp];
}

/** a + b (or a − b) keeping a's format, or b's when a is zero, as Quantity.Add/Sub do. */
export function addQuantities(a: Quantity, b: Quantity, sign: 1n | -1n): Quantity {
  const [x, y, exp] = aligned(a, b);
  return { mantissa: x + sign * y, exp, format: a.mantissa === 0n ? b.format : a.format };
}

export function toNumber(q: Quantity): number {
  return Number(`${q.mantissa}e${q.exp}`);
}

/** Strips trailing decimal zeros into the exponent. */
function reduced(mantissa: bigint, exp: number): [bigint, number] {
  if (mantissa === 0n) return [0n, 0];
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  return [mantissa, exp];
}

function decimal(mantissa: bigint, exp: number, format: Format): string {
  // Precision below 1n rounds up (away from zero), as the canonical form does.
  if (exp < -9) {
    const div = 10n ** BigInt(-9 - exp);
    const q = mantissa / div;
    mantissa = mantissa % div === 0n ? q : q + (mantissa < 0n ? -1n : 1n);
    exp = -9;
  }
  [mantissa, exp] = reduced(mantissa, exp);
  if (mantissa === 0n) return '0';
  while (((exp % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    exp--;
  }
  if (format === 'DecimalExponent') return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
  if (exp > 18) {
    mantissa *= 10n ** BigInt(exp - 18);
    exp = 18;
  }
  return `${mantissa}${DECIMAL_SUFFIX[exp]}`;
}

/** The canonical text of a quantity (Quantity.String). */
export function formatQuantity(q: Quantity): string {
  const [mantissa, exp] = reduced(q.mantissa, q.exp);
  const whole = exp >= 0;
  const abs = mantissa < 0n ? -mantissa : mantissa;
  const small = !whole || abs * 10n ** BigInt(Math.max(exp, 0)) < 1024n;
  if (q.format !== 'BinarySI' || small) return decimal(mantissa, exp, q.format === 'BinarySI' ? 'DecimalSI' : q.format);
  let n = mantissa * 10n ** BigInt(exp);
  let power = 0;
  while (power < 6 && n % 1024n === 0n) {
    n /= 1024n;
    power++;
  }
  return `${n}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][power]}`;
}
