// Cron notes: split, build, normalise and describe five-field cron expressions, and convert
// between the string and the `{minute, hour, dayOfMonth, month, dayOfWeek}` map shape that
// versioned CRDs use. Checks are structural (five fields after @-macro expansion), as upstream.
import type { FuncDef } from '../func-def.js';
import { formatValue } from '../format.js';
import { CallFailure } from '../template-error.js';
import { expandMacro } from '../../time/cron-schedule.js';
import { isMap } from '../values.js';
import { int, note, str, type DocLine } from './note.js';

const cron = (name: string, arity: readonly [number, number], doc: DocLine, call: FuncDef['call']): FuncDef => note('cron', name, arity, doc, call);
const KEYS = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;
const ANY = '* * * * *';
const MAX_EXPRESSION = 1024;

function fields(expr: string): string[] {
  if (expr.length > MAX_EXPRESSION) throw new CallFailure(`the expression is ${expr.length} characters long; at most ${MAX_EXPRESSION} are allowed`);
  return expandMacro(expr).trim().split(/\s+/).filter((f) => f !== '');
}

function field(expr: string, pos: number): string {
  if (expr.trim() === '') return '*';
  if (pos < 0 || pos > 4) throw new CallFailure(`position ${pos} out of range [0-4]`);
  const parts = fields(expr);
  if (parts.length !== 5) throw new CallFailure(`expected 5 fields in ${JSON.stringify(expr)}, got ${parts.length}`);
  return parts[pos]!;
}

const star = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : formatValue(v);
  return s.trim() === '' ? '*' : s;
};

function normalize(expr: string): string {
  const parts = expr.trim() === '' ? [] : fields(expr);
  return parts.length === 5 ? parts.join(' ') : ANY;
}

const fromMap = (m: Record<string, unknown>): string => KEYS.map((k) => star(m[k])).join(' ');

/** Upstream returns a sentinel-tagged JSON string; here typed substitution keeps the real map. */
function toMap(v: unknown): Record<string, unknown> {
  if (isMap(v)) return v;
  const text = v === undefined || v === null ? '' : formatValue(v);
  const parts = text.trim() === '' ? [] : fields(text);
  return Object.fromEntries(KEYS.map((k, i) => [k, parts.length === 5 ? parts[i]! : '*']));
}

/** Upstream's wording, kept so status fields read the same on both runtimes. */
function describe(expr: string): string {
  const [min, hr, dom, mon, dow] = normalize(expr).split(' ') as [string, string, string, string, string];
  if (min.startsWith('*/') && hr === '*' && dom === '*' && mon === '*' && dow === '*') return `Every ${min.slice(2)} minutes`;
  if (min === '0' && hr === '*' && dom === '*' && mon === '*' && dow === '*') return 'Every hour';
  if (dom === '*' && mon === '*' && dow === '*' && min !== '*' && hr !== '*') return `At ${hr}:${min} every day`;
  if (dom === '*' && mon === '*' && dow !== '*') return `At ${hr}:${min} on day-of-week ${dow}`;
  if (dom !== '*' && mon === '*' && dow === '*') return `At ${hr}:${min} on day ${dom} of every month`;
  return `Cron: ${[min, hr, dom, mon, dow].join(' ')}`;
}

const named = (name: string, pos: number, what: string, example: string): FuncDef =>
  cron(name, [1, 1], [`${name} EXPRESSION`, `The ${what} field (after @-macro expansion); "*" for an empty expression, an error unless there are five fields.`, example], (a) => field(str(a[0], 1), pos));

export const CRON_NOTES: FuncDef[] = [
  named('cronMinute', 0, 'minute', '{{ cronMinute .spec.schedule }}'),
  named('cronHour', 1, 'hour', '{{ cronHour "0 2 * * *" }}'),
  named('cronDom', 2, 'day-of-month', '{{ cronDom .spec.schedule }}'),
  named('cronMonth', 3, 'month', '{{ cronMonth .spec.schedule }}'),
  named('cronDow', 4, 'day-of-week', '{{ cronDow "@weekly" }}'),
  cron('cronField', [2, 2], ['cronField EXPRESSION POSITION', 'The field at POSITION 0–4 (minute … day-of-week); an error for other positions.', '{{ cronField .spec.schedule 3 }}'], (a) => field(str(a[0], 1), int(a[1], 2))),
  cron('cronExpr', [5, 5], ['cronExpr MINUTE HOUR DOM MONTH DOW', 'A five-field expression from its parts; empty parts become "*".', '{{ cronExpr .spec.s.minute .spec.s.hour .spec.s.dayOfMonth .spec.s.month .spec.s.dayOfWeek }}'], (a) => a.map((p, i) => star(str(p, i + 1))).join(' ')),
  cron('cronValid', [1, 1], ['cronValid EXPRESSION', 'Whether EXPRESSION has five fields after @-macro expansion (ranges are not checked).', '{{ cronValid .spec.schedule }}'], (a) => {
    const expr = str(a[0], 1);
    return expr.trim() !== '' && fields(expr).length === 5;
  }),
  cron('cronFromMap', [1, 1], ['cronFromMap SCHEDULE', 'A five-field expression from a {minute, hour, dayOfMonth, month, dayOfWeek} map (absent keys "*"); an error for anything else.', '{{ cronFromMap .spec.schedule }}'], (a) => {
    if (!isMap(a[0])) throw new CallFailure(`expected a map, got ${formatValue(a[0])}; use cronFromAny if the input may be a cron string`);
    return fromMap(a[0]);
  }),
  cron('cronToMap', [1, 1], ['cronToMap SCHEDULE', 'The {minute, hour, dayOfMonth, month, dayOfWeek} map of an expression (a map is returned as is).', '{{ cronToMap .spec.schedule }}'], (a) => toMap(a[0])),
  cron('cronFromAny', [1, 1], ['cronFromAny SCHEDULE', 'A five-field expression from a map or a string; "* * * * *" for anything else.', '{{ cronFromAny .spec.schedule }}'], (a) => (isMap(a[0]) ? fromMap(a[0]) : typeof a[0] === 'string' ? normalize(a[0]) : ANY)),
  cron('cronNormalize', [1, 1], ['cronNormalize EXPRESSION', 'Macros expanded and whitespace collapsed; "* * * * *" unless there are five fields.', '{{ cronNormalize .spec.schedule }}'], (a) => normalize(str(a[0], 1))),
  cron('cronDescribe', [1, 1], ['cronDescribe EXPRESSION', 'A short English description ("Every 5 minutes", "At 2:0 every day"), in upstream\'s words.', '{{ cronDescribe .spec.schedule }}'], (a) => describe(str(a[0], 1))),
];
