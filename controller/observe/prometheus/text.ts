// The Prometheus text exposition format's pieces: numbers, HELP text and label pairs.

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** A number as the text format writes it: `+Inf`, `-Inf`, `NaN` or JavaScript's shortest form. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return `${value}`;
}

/** HELP text: backslash and line feed escaped. */
export const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (value: string | number): string => (typeof value === 'string' ? escapeHelp(value).replace(/"/g, '\\"') : `${value}`);

/** `a="x",b="y"` for the labels as given (undefined values left out). */
export function labelText(labels: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(labels)) {
    if (value === undefined) continue;
    out += `${out ? ',' : ''}${name}="${escapeLabel(value)}"`;
  }
  return out;
}
