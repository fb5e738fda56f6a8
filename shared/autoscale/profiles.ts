// `autoscale.profile`: upstream's named autoscale presets (pkg/profiles, read for v0.7.17), each
// expanded into interval, cooldown, conditions and do from the CRD's baseline — its reconciler
// workers and queue.maxDepth (0 when not given, as upstream) — exactly as if written by hand. A
// profile is the whole spec: upstream refuses it beside interval/cooldown/conditions/do (checked at
// load, shared/katalog/autoscale-check.ts). Names match in any case. Pure.

type Rec = Record<string, unknown>;

export interface AutoscaleBaseline {
  workers: number;
  maxDepth: number;
}

interface Preset {
  /** Share of maxDepth above which the queue counts as deep. */
  thresholdPct: number;
  workers: (baseline: number) => number;
  /** Multiple of maxDepth for do.queueDepth, or undefined when the profile sets none. */
  queue?: number;
  interval: string;
  cooldown: string;
  conditions: (threshold: number) => Rec;
}

const deep = (threshold: number) => ({ field: 'metrics.queueDepth', greaterThan: String(threshold) });

const PRESETS: Readonly<Record<string, Preset>> = {
  burst: { thresholdPct: 0.6, workers: (w) => Math.trunc(w * 4), queue: 10, interval: '5s', cooldown: '30s', conditions: (t) => ({ when: [deep(t)] }) },
  steady: {
    thresholdPct: 0.4, workers: (w) => Math.trunc(w * 2), queue: 3, interval: '30s', cooldown: '2m',
    conditions: (t) => ({ when: [deep(t), { field: 'metrics.workersBusyPercent', greaterThan: '70' }] }),
  },
  // Upstream's only time-based preset: a nightly window (cron 0 23 * * *, 3h, UTC).
  batch: { thresholdPct: 1, workers: (w) => Math.trunc(w * 3), queue: 8, interval: '60s', cooldown: '5m', conditions: () => ({ or: [{ cron: '0 23 * * *', duration: '3h' }] }) },
  'latency-sensitive': {
    thresholdPct: 0, workers: (w) => Math.ceil(w * 2.5), interval: '15s', cooldown: '1m',
    conditions: () => ({ when: [{ field: 'metrics.reconcileDurationP95Ms', greaterThan: '200' }] }),
  },
  'cost-optimized': {
    thresholdPct: 0.8, workers: (w) => Math.trunc(Math.max(1, w * 0.5)), queue: 0.5, interval: '30s', cooldown: '10m',
    conditions: (t) => ({ when: [{ field: 'metrics.workersIdlePercent', greaterThan: '60' }, deep(t)] }),
  },
};

export const AUTOSCALE_PROFILES: readonly string[] = Object.keys(PRESETS);

/** The keys a profile replaces; upstream refuses any of them beside `profile`. */
export const AUTOSCALE_MANUAL_KEYS = ['interval', 'cooldown', 'conditions', 'do'] as const;

/** The autoscale spec, as written by hand, that profile `name` stands for; undefined for an unknown name. */
export function expandAutoscaleProfile(name: string, baseline: AutoscaleBaseline): Rec | undefined {
  const key = name.toLowerCase();
  const preset = Object.hasOwn(PRESETS, key) ? PRESETS[key]! : undefined;
  if (!preset) return undefined;
  const act: Rec = { workers: preset.workers(baseline.workers) };
  if (preset.queue !== undefined) act.queueDepth = Math.trunc(baseline.maxDepth * preset.queue);
  const threshold = Math.trunc(baseline.maxDepth * preset.thresholdPct);
  return { interval: preset.interval, cooldown: preset.cooldown, conditions: preset.conditions(threshold), do: act };
}
