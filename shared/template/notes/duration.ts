// Upstream's extended durations: Go's time.ParseDuration syntax (`1h30m`, `1.5s`, `-2m`, `300ms`)
// plus days `d`, weeks `w`, months `mo` (30 days) and years `y` (365 days); and Go's
// Duration.String for the results. Exact in integer nanoseconds, bounded to int64 like Go.

const NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
  mo: 2_592_000_000_000_000n,
  y: 31_536_000_000_000_000n,
};
const MAX_NS = (1n << 63n) - 1n;
const MAX_TEXT = 256;
const COMPONENT = /^(\d*)(?:\.(\d*))?([^\d.]+)/;

/** Nanoseconds, or undefined when `text` is not an extended duration. */
export function parseDuration(text: string): bigint | undefined {
  if (text.length === 0 || text.length > MAX_TEXT) return undefined;
  let rest = text;
  let negative = false;
  if (rest[0] === '-' || rest[0] === '+') {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  while (rest !== '') {
    const m = COMPONENT.exec(rest);
    if (!m) return undefined;
    const [whole, int = '', frac = '', unit = ''] = m;
    const scale = NS[unit];
    if ((int === '' && frac === '') || scale === undefined) return undefined;
    // Go keeps fraction digits only as far as nanoseconds reach; the rest truncates.
    const digits = frac.slice(0, 18);
    total += BigInt(int || '0') * scale + (BigInt(digits || '0') * scale) / 10n ** BigInt(digits.length);
    if (total > MAX_NS) return undefined;
    rest = rest.slice(whole.length);
  }
  return negative ? -total : total;
}

function fraction(value: bigint, digits: number): string {
  const text = value.toString().padStart(digits, '0').replace(/0+$/, '');
  return text === '' ? '' : `.${text}`;
}

/** Go's time.Duration.String: `1h2m3.5s`, `1.5ms`, `0s`. */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < 1_000n) return `${sign}${u}ns`;
  if (u < 1_000_000n) return `${sign}${u / 1_000n}${fraction(u % 1_000n, 3)}µs`;
  if (u < 1_000_000_000n) return `${sign}${u / 1_000_000n}${fraction(u % 1_000_000n, 6)}ms`;
  const seconds = u / 1_000_000_000n;
  let out = `${seconds % 60n}${fraction(u % 1_000_000_000n, 9)}s`;
  const minutes = seconds / 60n;
  if (minutes > 0n) {
    out = `${minutes % 60n}m${out}`;
    const hours = minutes / 60n;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return sign + out;
}
