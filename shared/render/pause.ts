// A child's `sleep` (upstream: an artificial delay before applying that resource, "for autoscale
// testing, latency simulation and chaos engineering", in the extended duration units s, m, h, d, w,
// mo, y). Here it is a pause AFTER the child is written: the controller stops that reconcile once
// the child is created or changed and re-queues the CR after the pause, so the children after it
// come that much later — without holding a worker (controller/reconcile/execute.ts). A child
// already in shape costs no pause. The pause is capped, so a typo such as `1y` cannot park a CR.
// Pure.
import { formatDuration, parseDuration } from '../template/notes/duration.js';
import type { Problems } from './problems.js';
import { FAILED, evaluateText, type TemplateScope } from './templating.js';

/** The longest pause one child may ask for; longer ones are cut to it, with a warning. */
export const MAX_PAUSE_MS = 10 * 60_000;

/** Milliseconds of the pause `sleep` asks for; undefined when none (absent, empty or zero). */
export function pauseOf(raw: unknown, scope: TemplateScope, path: string, problems: Problems): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'string' ? evaluateText(raw, scope, path) : raw;
  if (value === FAILED) return undefined;
  const text = typeof value === 'number' ? `${value}s` : String(value).trim();
  if (text === '') return undefined;
  const ns = parseDuration(text);
  if (ns === undefined || ns < 0n) {
    problems.error(path, `"${text}" is not a duration; write it like 5s, 2m or 1h (units ms, s, m, h, d, w, mo, y)`);
    return undefined;
  }
  const ms = Number(ns / 1_000_000n);
  if (ms > MAX_PAUSE_MS) {
    problems.warn(path, `${text} is longer than the ${formatDuration(BigInt(MAX_PAUSE_MS) * 1_000_000n)} a child may pause the reconcile; paused ${formatDuration(BigInt(MAX_PAUSE_MS) * 1_000_000n)}`);
    return MAX_PAUSE_MS;
  }
  return ms > 0 ? ms : undefined;
}
