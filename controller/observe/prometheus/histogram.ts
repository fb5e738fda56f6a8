// A Prometheus histogram: per series, a count per bucket (an observation lands in the first bucket
// whose upper bound it does not exceed), their sum and their number, written cumulatively as
// `name_bucket{le="…",…}` lines (the `le` label first), then `name_sum` and `name_count`.
import { Metric, type LabelValues, type MetricConfig } from './metric.js';
import { formatValue } from './text.js';

interface Buckets {
  labels: string;
  counts: number[];
  sum: number;
  count: number;
}

/** Prometheus' default buckets (seconds). */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram<L extends string = string> extends Metric<L, Buckets> {
  readonly type = 'histogram';
  readonly buckets: readonly number[];
  private readonly les: readonly string[];

  constructor(config: MetricConfig<L> & { buckets?: readonly number[] }) {
    if ((config.labelNames ?? []).includes('le' as L)) throw new Error(`${config.name}: "le" is the bucket label and cannot be one of its own`);
    super(config);
    this.buckets = [...(config.buckets ?? DEFAULT_BUCKETS)];
    this.les = [...this.buckets.map((b) => `le="${formatValue(b)}"`), 'le="+Inf"'];
    // The series without labels exists from the start, as for counters and gauges.
    if (this.labelNames.length === 0) this.zero({});
  }

  observe(labels: LabelValues<L> | number, value?: number): void {
    const [l, v] = typeof labels === 'number' ? [{}, labels] : [labels, value];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${this.name}: not a finite number: ${v}`);
    const series = this.seriesOf(l, (text) => this.empty(text));
    const i = this.buckets.findIndex((bound) => v <= bound);
    if (i >= 0) series.counts[i]! += 1;
    series.sum += v;
    series.count += 1;
  }

  /** The series of `labels` at zero (made if new, emptied if not). */
  zero(labels: LabelValues<L>): void {
    const series = this.seriesOf(labels, (text) => this.empty(text));
    series.counts.fill(0);
    series.sum = 0;
    series.count = 0;
  }

  reset(): void {
    this.series = new Map();
  }

  samples(): string {
    let out = '';
    for (const s of this.series.values()) {
      const rest = s.labels ? `,${s.labels}` : '';
      let cumulative = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cumulative += s.counts[i]!;
        out += `${this.name}_bucket{${this.les[i]}${rest}} ${cumulative}\n`;
      }
      out += `${this.name}_bucket{${this.les[this.buckets.length]}${rest}} ${s.count}\n`;
      const braces = s.labels ? `{${s.labels}}` : '';
      out += `${this.name}_sum${braces} ${formatValue(s.sum)}\n${this.name}_count${braces} ${s.count}\n`;
    }
    return out;
  }

  private empty(labels: string): Buckets {
    return { labels, counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 };
  }
}
