// Timestamps as upstream's time notes read and print them: RFC 3339 (with or without fraction and
// offset) or a bare date, and Go's reference-time layouts ("Jan 2, 2006", "2006-01-02 15:04")
// for timeFormat, always in UTC. Layouts are bounded in length; unknown text is copied as-is.

const STAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2}))?$/;
export const MAX_LAYOUT = 256;

/** Milliseconds since the epoch, or undefined for anything else (upstream: "unparseable"). */
export function parseStamp(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = STAMP.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime() - offset;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width: number, fill = '0'): string => String(n).padStart(width, fill);

/** Go's layout elements, longest first where one is a prefix of another. */
const ELEMENTS: [string, (t: Date) => string][] = [
  ['January', (t) => MONTHS[t.getUTCMonth()]!],
  ['Jan', (t) => MONTHS[t.getUTCMonth()]!.slice(0, 3)],
  ['Monday', (t) => DAYS[t.getUTCDay()]!],
  ['Mon', (t) => DAYS[t.getUTCDay()]!.slice(0, 3)],
  ['MST', () => 'UTC'],
  ['2006', (t) => pad(t.getUTCFullYear(), 4)],
  ['Z07:00', () => 'Z'],
  ['Z0700', () => 'Z'],
  ['Z07', () => 'Z'],
  ['-07:00', () => '+00:00'],
  ['-0700', () => '+0000'],
  ['-07', () => '+00'],
  ['002', (t) => pad(dayOfYear(t), 3)],
  ['01', (t) => pad(t.getUTCMonth() + 1, 2)],
  ['02', (t) => pad(t.getUTCDate(), 2)],
  ['03', (t) => pad(hour12(t), 2)],
  ['04', (t) => pad(t.getUTCMinutes(), 2)],
  ['05', (t) => pad(t.getUTCSeconds(), 2)],
  ['06', (t) => pad(t.getUTCFullYear() % 100, 2)],
  ['_2', (t) => pad(t.getUTCDate(), 2, ' ')],
  ['15', (t) => pad(t.getUTCHours(), 2)],
  ['PM', (t) => (t.getUTCHours() >= 12 ? 'PM' : 'AM')],
  ['pm', (t) => (t.getUTCHours() >= 12 ? 'pm' : 'am')],
  ['1', (t) => String(t.getUTCMonth() + 1)],
  ['2', (t) => String(t.getUTCDate())],
  ['3', (t) => String(hour12(t))],
  ['4', (t) => String(t.getUTCMinutes())],
  ['5', (t) => String(t.getUTCSeconds())],
];
const FRACTION = /^[.,](0+|9+)(?!\d)/;

function hour12(t: Date): number {
  const h = t.getUTCHours() % 12;
  return h === 0 ? 12 : h;
}

function dayOfYear(t: Date): number {
  return Math.floor((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

function fractionOf(t: Date, spec: string): string {
  const digits = spec.length - 1;
  const ms = pad(t.getUTCMilliseconds(), 3).padEnd(9, '0').slice(0, digits);
  if (spec[1] === '0') return spec[0] + ms;
  const trimmed = ms.replace(/0+$/, '');
  return trimmed === '' ? '' : spec[0] + trimmed;
}

/** Formats `ms` (UTC) with a Go layout. */
export function formatLayout(ms: number, layout: string): string {
  const t = new Date(ms);
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const rest = layout.slice(i);
    const frac = FRACTION.exec(rest);
    if (frac) {
      out += fractionOf(t, frac[0]);
      i += frac[0].length;
      continue;
    }
    const hit = ELEMENTS.find(([element]) => rest.startsWith(element));
    if (hit) {
      out += hit[1](t);
      i += hit[0].length;
    } else {
      out += layout[i];
      i++;
    }
  }
  return out;
}
