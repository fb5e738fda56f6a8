// `rollingUpdate{maxSurge, maxUnavailable}` (strings upstream: "1", "25%"): a number stays a
// number, a percentage stays text, as Kubernetes' int-or-string parses them. `rollingUpdate.profile`
// names one of upstream's built-in presets (safe, fast, blue-green; a Katalog's own profile was
// expanded at load). A StatefulSet's strategy takes maxUnavailable only, as upstream builds it.
import { ROLLING_UPDATE_PROFILES } from '../../katalog/builtin-profiles.js';
import { FAILED } from '../templating.js';
import type { KindContext } from './kind.js';
import { preset } from './presets.js';

function intOrPercent(ctx: KindContext, value: unknown, key: string): number | string | undefined {
  if (value === undefined || value === null || value === '' || value === FAILED) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'string' && /^\d+%$/.test(value)) return value;
  ctx.fields.error(`rollingUpdate.${key}`, `expected a count or a percentage such as "25%", got ${JSON.stringify(value)}`);
  return undefined;
}

export function rollingUpdate(ctx: KindContext, statefulSet = false): Record<string, unknown> | undefined {
  const given = ctx.fields.object('rollingUpdate');
  if (!given) return undefined;
  for (const key of Object.keys(given)) {
    if (key !== 'profile' && key !== 'maxSurge' && key !== 'maxUnavailable') ctx.fields.error(`rollingUpdate.${key}`, 'not supported; use maxSurge and maxUnavailable, or profile');
  }
  let values: Record<string, unknown> = given;
  if (given.profile !== undefined && given.profile !== FAILED) {
    const found = preset(ctx.fields, 'rollingUpdate.profile', 'rollingUpdate', ROLLING_UPDATE_PROFILES, given.profile);
    if (!found) return undefined;
    values = found;
  }
  const out: Record<string, unknown> = {};
  const surge = intOrPercent(ctx, values.maxSurge, 'maxSurge');
  if (surge !== undefined && !statefulSet) out.maxSurge = surge;
  else if (surge !== undefined && given.maxSurge !== undefined) ctx.fields.warn('rollingUpdate.maxSurge', 'a StatefulSet has no maxSurge: left out, as upstream does');
  const unavailable = intOrPercent(ctx, values.maxUnavailable, 'maxUnavailable');
  if (unavailable !== undefined) out.maxUnavailable = unavailable;
  return out;
}
