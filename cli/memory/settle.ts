// Gives memory back when the controller goes quiet after a burst of work (an informer cache
// filled, a resync pass, a wave of events): one memory-reducing collection, V8's own "last
// resort" — full collections until nothing more is freed, the young generation shrunk back to its
// smallest size and the freed pages returned to the system. V8's memory reducer does the same,
// but only after long idle periods, and a controller that wakes for a resync every few minutes may
// never give it one: on Node 24, RSS with 3,000 CRs 114 → 97 MiB all Ready and 124 → 110 MiB after a
// minute of resyncs, 10,000 CRs all Ready 153–156 → 138 MiB (docs/benchmarks.md, *Tenth pass*).
//
// When (settle-policy.ts): a quiet tick after enough work, at most once per 30 s, and never more
// than 1/20 of the time spent working. Node 22 and later only: on Node 20 (V8 11) the collection
// neither shrinks the young generation nor returns more than V8 returns by itself, so it would
// cost without buying anything.
//
// The collection runs on the event loop and nothing else runs meanwhile, which is why it waits for
// a quiet tick: 10–40 ms with a small heap, 0.12–0.14 s with 62 MiB of live objects (Node 24,
// measured), about what 10,000 CRs keep.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from '../../shared/log.js';
import { afterTick, INITIAL_SETTLE_STATE, SETTLE_POLICY, settled, type SettlePolicy } from './settle-policy.js';

export type Collect = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** Whether this Node's V8 collects with the "last resort" flavour (V8 12, Node 22, and later). */
export function settleSupported(nodeVersion: string = process.versions.node): boolean {
  return Number(nodeVersion.split('.')[0]) >= 22;
}

export interface MemorySettleOptions {
  logger: Logger;
  policy?: SettlePolicy;
  nodeVersion?: string;
  /** Told after each settle (tests). */
  onSettle?: (result: { ms: number; rssBefore: number; rssAfter: number }) => void;
  /** V8's collector (tests); default: gc() from a context created with --expose-gc. */
  collector?: () => Collect;
}

/** Starts watching the event loop; undefined when this Node does not support settling. The timer never keeps the process up. */
export function startMemorySettle(options: MemorySettleOptions): { stop(): void } | undefined {
  if (!settleSupported(options.nodeVersion)) return undefined;
  const policy = options.policy ?? SETTLE_POLICY;
  let collect: Collect | undefined;
  let mark = performance.eventLoopUtilization();
  // The start (verifying, syncing caches, the first reconciles) is work like any other.
  let state = { ...INITIAL_SETTLE_STATE, busyMs: mark.active };
  let markAt = performance.now();
  const timer = setInterval(() => {
    const at = performance.now();
    const { active } = performance.eventLoopUtilization(mark);
    const next = afterTick(state, { at, elapsedMs: at - markAt, activeMs: active }, policy);
    state = next.state;
    if (next.settle) {
      const rssBefore = process.memoryUsage.rss();
      try {
        collect ??= (options.collector ?? exposedCollector)();
        collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      } catch (err) {
        // A V8 that no longer offers this: memory stays with V8 alone, the controller goes on.
        clearInterval(timer);
        options.logger.warn('memory settle unavailable; memory is left to V8 (--memory-settle off silences this)', { err: String(err) });
        return;
      }
      const done = performance.now();
      const result = { ms: Math.round(done - at), rssBefore, rssAfter: process.memoryUsage.rss() };
      state = settled(done, done - at);
      options.logger.debug('memory settled', { ms: result.ms, rssBeforeMiB: mib(result.rssBefore), rssAfterMiB: mib(result.rssAfter) });
      options.onSettle?.(result);
    }
    // The collection's own time is not work: the next tick starts after it.
    mark = performance.eventLoopUtilization();
    markAt = performance.now();
  }, policy.tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** V8's gc(), without --expose-gc on node's command line: the flag at run time applies to contexts created after it. */
function exposedCollector(): Collect {
  const global = (globalThis as { gc?: Collect }).gc;
  if (global) return global;
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as Collect;
  } finally {
    // Only this one context gets it: any created later is as before.
    setFlagsFromString('--no-expose-gc');
  }
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
