// Counters, gauges and histograms that write the Prometheus text exposition format (0.0.4), with
// the call shapes the controller's metric modules use: `inc(labels, n)`, `set(labels, v)`,
// `observe(labels, s)`, `zero(labels)`, `reset()`, and an optional `collect` run before each
// scrape. A series is kept as its label text, formatted once when the series is first seen
// (`name="value"` pairs in the order the labels were given), so a scrape only concatenates.
import type { Registry } from './registry.js';
import { formatValue, labelText, type MetricType } from './text.js';

export type LabelValues<L extends string> = Partial<Record<L, string | number>>;

export interface MetricConfig<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  /** The registries to appear in; none: the metric is only written by hand. */
  registers?: readonly Registry[];
  /** Run before each scrape (scrape-time gauges). */
  collect?: () => void | Promise<void>;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export abstract class Metric<L extends string, S> {
  abstract readonly type: MetricType;
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  collect?: () => void | Promise<void>;
  private readonly keyNames: readonly L[];
  protected series = new Map<string, S>();

  constructor(config: MetricConfig<L>) {
    if (!METRIC_NAME.test(config.name)) throw new Error(`invalid metric name ${JSON.stringify(config.name)}`);
    this.name = config.name;
    this.help = config.help;
    this.labelNames = config.labelNames ?? [];
    for (const l of this.labelNames) if (!LABEL_NAME.test(l)) throw new Error(`${config.name}: invalid label name ${JSON.stringify(l)}`);
    this.keyNames = [...this.labelNames].sort();
    this.collect = config.collect;
    this.reset();
    for (const registry of config.registers ?? []) registry.register(this);
  }

  /** Forgets every series (one without labels starts again at zero). */
  abstract reset(): void;

  /** The sample lines, each ending in a line feed. */
  abstract samples(): string;

  /** The series of `labels`, made by `make(labelText)` when first seen. */
  protected seriesOf(labels: LabelValues<L>, make: (text: string) => S): S {
    let key = '';
    for (const name of this.keyNames) if (labels[name] !== undefined) key += `${name}:${labels[name]},`;
    let found = this.series.get(key);
    if (found === undefined) {
      for (const name of Object.keys(labels)) {
        if (!this.labelNames.includes(name as L)) throw new Error(`${this.name}: label ${JSON.stringify(name)} is not one of its labels (${this.labelNames.join(', ')})`);
      }
      found = make(labelText(labels));
      this.series.set(key, found);
    }
    return found;
  }
}

interface Scalar {
  labels: string;
  value: number;
}

const scalarLines = (name: string, series: Iterable<Scalar>): string => {
  let out = '';
  for (const s of series) out += `${name}${s.labels ? `{${s.labels}}` : ''} ${formatValue(s.value)}\n`;
  return out;
};

/** Split an (labels, value) or (value) call. */
function args<L extends string>(a?: LabelValues<L> | number, b?: number): [LabelValues<L>, number | undefined] {
  return typeof a === 'object' && a !== null ? [a, b] : [{}, a as number | undefined];
}

export class Counter<L extends string = string> extends Metric<L, Scalar> {
  readonly type = 'counter';

  inc(labels?: LabelValues<L> | number, value?: number): void {
    const [l, v = 1] = args(labels, value);
    if (!Number.isFinite(v)) throw new TypeError(`${this.name}: not a finite number: ${v}`);
    if (v < 0) throw new Error(`${this.name}: a counter cannot decrease`);
    this.seriesOf(l, (text) => ({ labels: text, value: 0 })).value += v;
  }

  reset(): void {
    this.series = new Map();
    if (this.labelNames.length === 0) this.series.set('', { labels: '', value: 0 });
  }

  samples(): string {
    return scalarLines(this.name, this.series.values());
  }
}

export class Gauge<L extends string = string> extends Metric<L, Scalar> {
  readonly type = 'gauge';

  set(labels: LabelValues<L> | number, value?: number): void {
    const [l, v] = args(labels, value);
    if (typeof v !== 'number') throw new TypeError(`${this.name}: not a number: ${v}`);
    this.seriesOf(l, (text) => ({ labels: text, value: 0 })).value = v;
  }

  inc(labels?: LabelValues<L> | number, value?: number): void {
    const [l, v = 1] = args(labels, value);
    this.seriesOf(l, (text) => ({ labels: text, value: 0 })).value += v;
  }

  dec(labels?: LabelValues<L> | number, value?: number): void {
    const [l, v = 1] = args(labels, value);
    this.inc(l, -v);
  }

  reset(): void {
    this.series = new Map();
    if (this.labelNames.length === 0) this.series.set('', { labels: '', value: 0 });
  }

  samples(): string {
    return scalarLines(this.name, this.series.values());
  }
}
