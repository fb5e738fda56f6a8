// LimitRange and ResourceQuota from upstream's shorthands (`limits:`, `hard:`) or a raw spec. A
// `profile` the Katalog declares was expanded at load; a ResourceQuota profile may also be one of
// upstream's built-ins (small, medium, large, xlarge). LimitRanges have no built-ins upstream, so a
// profile left here (a templated name) is an error naming it.
import { RESOURCE_QUOTA_PROFILES } from '../../katalog/builtin-profiles.js';
import { scalarToText } from '../typecheck.js';
import type { KindContext, KindSpec } from './kind.js';
import { preset } from './presets.js';
import { rawSpec } from './raw.js';

function hard(ctx: KindContext): Record<string, string> | undefined {
  const f = ctx.fields;
  if (f.has('profile')) {
    const found = preset(f, 'profile', 'resourceQuotas', RESOURCE_QUOTA_PROFILES, f.entry.profile);
    return found ? { ...found } : undefined;
  }
  const given = f.textMap('hard');
  if (!given) f.error('hard', 'required: hard limits (cpu, memory, pods, …), a profile, or a raw spec');
  return given;
}

export const resourceQuota: KindSpec = {
  apiVersion: 'v1', kind: 'ResourceQuota', fields: ['spec', 'profile', 'hard'],
  build(ctx) {
    const raw = rawSpec(ctx, ['profile', 'hard']);
    if (raw || ctx.fields.entry.spec !== undefined) return { spec: raw ?? {} };
    const limits = hard(ctx);
    return { spec: limits ? { hard: limits } : {} };
  },
};

export const limitRange: KindSpec = {
  apiVersion: 'v1', kind: 'LimitRange', fields: ['spec', 'profile', 'limits'],
  build(ctx) {
    const f = ctx.fields;
    const raw = rawSpec(ctx, ['profile', 'limits']);
    if (raw || f.entry.spec !== undefined) return { spec: raw ?? {} };
    if (f.has('profile')) {
      f.error('profile', `limitRange profile ${JSON.stringify(f.entry.profile)} is not declared: LimitRange profiles have no built-ins; declare it under profiles.limitRanges (a templated name must render to a declared one at load)`);
      return { spec: {} };
    }
    const limits = f.list('limits', true);
    return { spec: { limits: limits ? limits.map((item, i) => limitItem(ctx, item, i)) : [] } };
  },
};

/** One LimitRange item; quantities become text, as the API server stores them. */
function limitItem(ctx: KindContext, item: unknown, i: number): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    ctx.fields.problems.error(`${ctx.fields.path}.limits[${i}]`, 'expected {type, max, min, default, defaultRequest, maxLimitRequestRatio}');
    return item;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out[key] = value;
      continue;
    }
    out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => {
      const r = scalarToText(v);
      return [k, r.ok ? r.value : v];
    }));
  }
  return out;
}
