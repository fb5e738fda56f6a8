// `rollingUpdate{maxSurge, maxUnavailable}` (strings upstream: "1", "25%"): a number stays a
// number, a percentage stays text, as Kubernetes' int-or-string parses them. `profile` needs
// upstream's built-in presets and is refused until they exist here.
import type { KindContext } from './kind.js';

function intOrPercent(ctx: KindContext, value: unknown, key: string): number | string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'string' && /^\d+%$/.test(value)) return value;
  ctx.fields.error(`rollingUpdate.${key}`, `expected a count or a percentage such as "25%", got ${JSON.stringify(value)}`);
  return undefined;
}

export function rollingUpdate(ctx: KindContext): Record<string, unknown> | undefined {
  const given = ctx.fields.object('rollingUpdate');
  if (!given) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(given)) {
    if (key === 'profile') ctx.fields.error('rollingUpdate.profile', 'not supported yet (upstream rolling-update profiles); give maxSurge and maxUnavailable');
    else if (key !== 'maxSurge' && key !== 'maxUnavailable') ctx.fields.error(`rollingUpdate.${key}`, 'not supported; use maxSurge and maxUnavailable');
  }
  const surge = intOrPercent(ctx, given.maxSurge, 'maxSurge');
  if (surge !== undefined) out.maxSurge = surge;
  const unavailable = intOrPercent(ctx, given.maxUnavailable, 'maxUnavailable');
  if (unavailable !== undefined) out.maxUnavailable = unavailable;
  return out;
}
