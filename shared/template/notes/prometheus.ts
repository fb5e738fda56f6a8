// Prometheus notes: read the result of a `protocol: prometheus` external call, the map upstream's
// controller puts under `.external.<name>`: `result` (the scalar or first-series value as text) and
// `raw` (the server's JSON: data.resultType, data.result). Pure: the query itself is the
// controller's `external` block, never a template's; without that data every note answers "",
// "0" or "false". Results are text, as upstream's are.
import type { FuncDef } from '../func-def.js';
import { kindOf } from '../values.js';
import { asMap, dig, list, text } from './kube-object.js';
import { note, str, type DocLine } from './note.js';

const prom = (name: string, arity: readonly [number, number], doc: DocLine, call: FuncDef['call']): FuncDef => note('prometheus', name, arity, doc, call);

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Go's strconv.ParseFloat on Prometheus sample text: decimals, Inf/Infinity and NaN; else undefined. */
export function parseGoFloat(s: string): number | undefined {
  if (DECIMAL.test(s)) return Number(s);
  if (/^[+-]?inf(inity)?$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  return undefined;
}

/** Writes "1.5e-7" as "0.00000015": Go's 'f' format has no exponent. */
function withoutExponent(shortest: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!m) return shortest;
  const [, sign, lead, rest = '', exp] = m;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Upstream's formatFloat: whole numbers as integers, others in the shortest decimal form. */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) return BigInt(f).toString();
  return withoutExponent(String(f));
}

/** The sample values as text: a scalar's value, or each vector series' value; `result` when there is no `raw`. */
function sampleTexts(data: unknown): string[] {
  const m = asMap(data);
  const raw = asMap(m?.raw);
  if (!raw) return text(m?.result) === '' ? [] : [text(m?.result)];
  const d = asMap(raw.data);
  if (d?.resultType === 'scalar') {
    const sample = list(d.result);
    return sample.length >= 2 && typeof sample[1] === 'string' ? [sample[1]] : [];
  }
  if (d?.resultType !== 'vector') return [];
  return list(d.result).flatMap((s) => {
    const value = list(asMap(s)?.value);
    return value.length >= 2 && typeof value[1] === 'string' ? [value[1]] : [];
  });
}

/** Every sample as a number; undefined when there is none or one is not a number (upstream's ""). */
function samples(data: unknown): number[] | undefined {
  const values = sampleTexts(data).map(parseGoFloat);
  return values.length === 0 || values.some((v) => v === undefined) ? undefined : (values as number[]);
}

function threshold(v: unknown): number {
  const k = kindOf(v);
  if (k === 'int' || k === 'float') return v as number;
  return typeof v === 'string' ? (parseGoFloat(v) ?? NaN) : NaN;
}

function compare(data: unknown, limit: unknown, above: boolean): string {
  const f = parseGoFloat(text(asMap(data)?.result));
  const t = threshold(limit);
  if (f === undefined) return 'false';
  return String(above ? f > t : f < t);
}

function labelValues(data: unknown, label: string): string {
  const series = list(dig(data, ['raw', 'data', 'result']));
  return series.flatMap((s) => {
    const v = asMap(asMap(s)?.metric)?.[label];
    return typeof v === 'string' ? [v] : [];
  }).join(',');
}

export const PROMETHEUS_NOTES: FuncDef[] = [
  prom('promValue', [1, 1], ['promValue DATA', 'The result text of an instant query (a scalar, or the first series); "" without data.', '{{ promValue .external.goroutines }}'], (a) => text(asMap(a[0])?.result)),
  prom('promSum', [1, 1], ['promSum DATA', 'The sum of every series value, as text; "" when there is none or one is not a number.', '{{ promSum .external.requestsTotal }}'], (a) => {
    const v = samples(a[0]);
    return v ? formatGoFloat(v.reduce((s, x) => s + x, 0)) : '';
  }),
  prom('promMax', [1, 1], ['promMax DATA', 'The largest series value, as text; "" when there is none or one is not a number.', '{{ promMax .external.cpuUsage }}'], (a) => {
    const v = samples(a[0]);
    // Not Math.max: a NaN sample after the first is skipped by upstream's `f > max`, not propagated.
    return v ? formatGoFloat(v.reduce((m, x) => (x > m ? x : m))) : '';
  }),
  prom('promSeriesCount', [1, 1], ['promSeriesCount DATA', 'How many series values the result has, as text ("0" without data).', '{{ promSeriesCount .external.activePods }}'], (a) => String(sampleTexts(a[0]).length)),
  prom('promLabelValues', [2, 2], ['promLabelValues DATA LABEL', 'The value of label LABEL in each vector series, joined with "," (no space).', '{{ promLabelValues .external.pods "namespace" }}'], (a) => labelValues(a[0], str(a[1], 2))),
  prom('promAboveThreshold', [2, 2], ['promAboveThreshold DATA LIMIT', '"true" when promValue is a number strictly above LIMIT (a number or numeric text), else "false".', '{{ promAboveThreshold .external.queueDepth 1000 }}'], (a) => compare(a[0], a[1], true)),
  prom('promBelowThreshold', [2, 2], ['promBelowThreshold DATA LIMIT', '"true" when promValue is a number strictly below LIMIT, else "false".', '{{ promBelowThreshold .external.errorRate 0.01 }}'], (a) => compare(a[0], a[1], false)),
];
