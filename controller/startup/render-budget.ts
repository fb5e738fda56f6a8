// The per-CR render budget from the controller's environment: ORKESTRA_RENDER_MAX_STEPS and
// ORKESTRA_RENDER_DEADLINE_MS (defaults in shared/limits.ts). An operator setting, not a Katalog
// one: it protects the process, whatever the Katalog. Read once at start; a bad value refuses it.
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import type { RenderBudgetOptions } from '../../shared/render/index.js';

export const RENDER_MAX_STEPS_ENV = 'ORKESTRA_RENDER_MAX_STEPS';
export const RENDER_DEADLINE_MS_ENV = 'ORKESTRA_RENDER_DEADLINE_MS';

/** Above this a deadline no longer protects the Lease renewal (docs/reconcile.md). */
const MAX_DEADLINE_MS = 60_000;

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value) || value < 1 || value > max || !/^\d+$/.test(raw.trim())) {
    throw new OrkError('USAGE', `${name} must be a whole number from 1 to ${max} (got ${JSON.stringify(raw.slice(0, 40))}); unset it for the default ${fallback}`);
  }
  return value;
}

/** The budget each render gets; `now` is the process's monotonic clock. */
export function renderBudgetFromEnv(env: NodeJS.ProcessEnv, now: () => number = () => performance.now()): RenderBudgetOptions {
  return {
    maxSteps: positiveInteger(env, RENDER_MAX_STEPS_ENV, LIMITS.renderSteps, Number.MAX_SAFE_INTEGER),
    deadlineMs: positiveInteger(env, RENDER_DEADLINE_MS_ENV, LIMITS.renderDeadlineMs, MAX_DEADLINE_MS),
    now,
  };
}
