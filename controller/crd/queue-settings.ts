// A CRD's `queue` settings as the engine uses them. `retryBackoff` (a duration: the first delay;
// or {initial, max, multiplier, maxAttempts}) replaces the per-key backoff of failed reconciles.
// `behaviour` is upstream's back-pressure against `maxDepth`: `onLimit` drops a new event when
// the queue holds maxDepth keys (`drop: true`, or when its when/or hold for the CR), `onThreshold`
// at `value` % of maxDepth (always a drop, when its when/or hold). Without `behaviour`, maxDepth
// drops nothing (upstream: "has no effect without a behaviour declaration"). Pure.
import { OrkError } from '../../shared/errors.js';
import { parseDuration } from '../../shared/katalog/durations.js';
import type { Condition, CrdEntry } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { evaluateGate } from '../../shared/render/index.js';
import { DEFAULT_BUCKET, DEFAULT_ITEM_BACKOFF, defaultControllerRateLimiter, MaxOfLimiter, TokenBucketLimiter, type Clock, type RateLimiter } from '../engine/index.js';

export interface RetryBackoff {
  initialMs: number;
  maxMs: number;
  multiplier: number;
  /** Consecutive failures after which the key waits for its next change or resync. */
  maxAttempts?: number;
}

interface Trigger {
  drop: boolean;
  when?: Condition[];
  or?: Condition[];
}

export interface QueueBehaviour {
  maxDepth: number;
  onLimit?: Trigger;
  onThreshold?: Trigger & { value: number };
}

export interface QueueSettings {
  retryBackoff?: RetryBackoff;
  behaviour?: QueueBehaviour;
}

type Rec = Record<string, unknown>;

/** @throws OrkError KATALOG_INVALID naming the key of a setting the runtime cannot use. */
export function queueSettingsOf(crdName: string, entry: CrdEntry): QueueSettings {
  const queue = entry.operatorBox?.reconciler?.queue;
  const at = `spec.crds.${crdName}.operatorBox.reconciler.queue`;
  const bad = (key: string, what: string) => new OrkError('KATALOG_INVALID', `${at}.${key}: ${what}`);
  const out: QueueSettings = {};
  if (queue?.retryBackoff !== undefined) out.retryBackoff = retryBackoffOf(queue.retryBackoff, bad);
  const b = queue?.behaviour as Rec | undefined;
  if (b !== undefined) {
    if (!queue?.maxDepth) throw bad('behaviour', 'needs maxDepth greater than 0 (the depth it reacts to)');
    const behaviour: QueueBehaviour = { maxDepth: queue.maxDepth };
    if (b.onLimit !== undefined) behaviour.onLimit = triggerOf(b.onLimit, 'behaviour.onLimit', bad, false);
    if (b.onThreshold !== undefined) {
      const t = b.onThreshold as Rec;
      const value = t?.value;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) throw bad('behaviour.onThreshold.value', `expected a percentage 1..100, got ${JSON.stringify(value)}`);
      behaviour.onThreshold = { ...triggerOf(t, 'behaviour.onThreshold', bad, true), value };
    }
    for (const key of Object.keys(b)) if (key !== 'onLimit' && key !== 'onThreshold') throw bad(`behaviour.${key}`, 'unknown key (allowed: onLimit, onThreshold)');
    out.behaviour = behaviour;
  }
  return out;
}

function retryBackoffOf(value: unknown, bad: (key: string, what: string) => OrkError): RetryBackoff {
  const duration = (v: unknown, key: string): number => {
    const ms = typeof v === 'string' ? parseDuration(v) : undefined;
    if (ms === undefined || ms <= 0) throw bad(`retryBackoff${key}`, `expected a duration such as 5s, got ${JSON.stringify(v)}`);
    return ms;
  };
  if (typeof value === 'string') return { initialMs: duration(value, ''), maxMs: DEFAULT_ITEM_BACKOFF.capMs, multiplier: 2 };
  const v = (value ?? {}) as Rec;
  for (const key of Object.keys(v)) if (!['initial', 'max', 'multiplier', 'maxAttempts'].includes(key)) throw bad(`retryBackoff.${key}`, 'unknown key (allowed: initial, max, multiplier, maxAttempts)');
  const initialMs = v.initial === undefined ? DEFAULT_ITEM_BACKOFF.baseMs : duration(v.initial, '.initial');
  const maxMs = v.max === undefined ? Math.max(initialMs, DEFAULT_ITEM_BACKOFF.capMs) : duration(v.max, '.max');
  if (maxMs < initialMs) throw bad('retryBackoff.max', `must not be below initial (${String(v.initial)})`);
  const multiplier = v.multiplier === undefined ? 2 : Number(v.multiplier);
  if (!Number.isFinite(multiplier) || multiplier < 1) throw bad('retryBackoff.multiplier', `expected a number ≥ 1, got ${JSON.stringify(v.multiplier)}`);
  const out: RetryBackoff = { initialMs, maxMs, multiplier };
  if (v.maxAttempts !== undefined) {
    if (!Number.isInteger(v.maxAttempts) || (v.maxAttempts as number) < 1) throw bad('retryBackoff.maxAttempts', `expected a whole number ≥ 1, got ${JSON.stringify(v.maxAttempts)}`);
    out.maxAttempts = v.maxAttempts as number;
  }
  return out;
}

function triggerOf(value: unknown, key: string, bad: (key: string, what: string) => OrkError, alwaysDrop: boolean): Trigger {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad(key, `expected a mapping, got ${JSON.stringify(value)}`);
  const t = value as Rec;
  const conditions = Array.isArray(t.when) || Array.isArray(t.or);
  return {
    // With conditions the drop is theirs to decide; onThreshold always drops (upstream).
    drop: alwaysDrop || conditions || t.drop === true,
    ...(Array.isArray(t.when) ? { when: t.when as Condition[] } : {}),
    ...(Array.isArray(t.or) ? { or: t.or as Condition[] } : {}),
  };
}

/** Whether a new event should be dropped at this depth; `cr` is what conditions are evaluated on. */
export function dropDecision(b: QueueBehaviour, depth: number, cr: KubeObject | undefined): string | undefined {
  const fires = (t: Trigger | undefined, atDepth: number, name: string): string | undefined => {
    if (!t?.drop || depth < atDepth) return undefined;
    if (t.when === undefined && t.or === undefined) return `${name}: depth ${depth} ≥ ${atDepth}`;
    // Conditions need the CR; without it (not in the cache) the event is kept.
    if (cr === undefined) return undefined;
    const r = evaluateGate({ ...(t.when ? { when: t.when } : {}), ...(t.or ? { or: t.or } : {}) }, cr, `queue.behaviour.${name}`, cr.metadata.name);
    return r.ok && r.holds ? `${name}: depth ${depth} ≥ ${atDepth} and its conditions hold` : undefined;
  };
  return fires(b.onLimit, b.maxDepth, 'onLimit')
    ?? (b.onThreshold ? fires(b.onThreshold, Math.ceil((b.maxDepth * b.onThreshold.value) / 100), 'onThreshold') : undefined);
}

/** Per key: initial · multiplier^failures, capped at max (the declared retryBackoff). */
export class RetryBackoffLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();

  constructor(private readonly policy: RetryBackoff) {}

  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(this.policy.maxMs, this.policy.initialMs * this.policy.multiplier ** Math.min(n, 1000));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

/** The queue's rate limiter: the declared retryBackoff per key (else the default), and the overall bucket. */
export function rateLimiterFor(settings: QueueSettings, clock: Clock): RateLimiter {
  if (!settings.retryBackoff) return defaultControllerRateLimiter(clock);
  return new MaxOfLimiter(new RetryBackoffLimiter(settings.retryBackoff), new TokenBucketLimiter(clock, DEFAULT_BUCKET.qps, DEFAULT_BUCKET.burst));
}

/** Failures after which a key waits for its next change or resync: the lower of failureThreshold and maxAttempts. */
export function giveUpAfter(failureThreshold: number | undefined, maxAttempts: number | undefined): number | undefined {
  const limits = [failureThreshold, maxAttempts].filter((n): n is number => n !== undefined && n > 0);
  return limits.length > 0 ? Math.min(...limits) : undefined;
}
