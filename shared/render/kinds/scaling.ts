// HorizontalPodAutoscaler and PodDisruptionBudget from upstream's shorthands. `behavior.profile`
// names a built-in preset (the Katalog's own hpa/pdb profiles were expanded at load): an HPA profile
// gives the whole scaleUp/scaleDown behaviour and the CPU target when the entry gives none; a PDB
// profile gives minAvailable or maxUnavailable.
import { HPA_PROFILES, PDB_PROFILES } from '../../katalog/builtin-profiles.js';
import { ownerSelector } from '../ownership.js';
import { FAILED } from '../templating.js';
import type { KindContext, KindSpec } from './kind.js';
import { preset } from './presets.js';
import { rawSpec } from './raw.js';

type Rec = Record<string, unknown>;

function count(ctx: KindContext, key: string, given?: unknown): number | string | undefined {
  const v = given ?? ctx.fields.entry[key];
  if (typeof v === 'string' && /^\d+%$/.test(v)) return v;
  if (given !== undefined) return Number(given);
  return ctx.fields.int(key, 0, 1_000_000);
}

/** The entry's `behavior` with a profile expanded; the CPU target it suggests, if any. */
function hpaBehavior(ctx: KindContext): { behavior?: Rec; cpuTarget?: number } {
  const behavior = ctx.fields.object('behavior');
  if (!behavior) return {};
  if (behavior.profile === undefined || behavior.profile === FAILED) return { behavior: structuredClone(behavior) };
  const mixed = ['scaleUp', 'scaleDown'].filter((k) => behavior[k] !== undefined);
  if (mixed.length > 0) ctx.fields.error('behavior.profile', `give the profile or ${mixed.join('/')}, not both (a profile is a whole preset)`);
  const found = preset(ctx.fields, 'behavior.profile', 'hpa', HPA_PROFILES, behavior.profile);
  return found ? { behavior: structuredClone(found.behavior), cpuTarget: found.cpuTarget } : {};
}

const HPA_SHORTHANDS = ['scaleTargetRef', 'minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage', 'behavior'];

export const hpa: KindSpec = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers',
  fields: ['spec', ...HPA_SHORTHANDS],
  build(ctx) {
    const f = ctx.fields;
    const raw = rawSpec(ctx, HPA_SHORTHANDS);
    if (raw || f.entry.spec !== undefined) return { spec: raw ?? {} };
    // Upstream's defaults: the target's name is the CR's, both replica bounds 1. An empty
    // apiVersion/kind (upstream leaves them so) is refused by the API server: default a Deployment.
    const target = f.object('scaleTargetRef') ?? {};
    const spec: Rec = {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', ...structuredClone(target), ...(target.name ? {} : { name: ctx.crName }) },
      minReplicas: f.int('minReplicas', 1, 1_000_000) ?? 1,
      maxReplicas: f.int('maxReplicas', 1, 1_000_000) ?? 1,
    };
    const { behavior, cpuTarget } = hpaBehavior(ctx);
    const cpu = f.int('targetCPUUtilizationPercentage', 1, 100) ?? cpuTarget;
    if (cpu) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
    if (behavior) spec.behavior = behavior;
    return { spec };
  },
};

/** A PDB's `behavior.profile`, expanded; undefined without one. */
function pdbPreset(ctx: KindContext): { minAvailable?: string; maxUnavailable?: string } | undefined {
  const behavior = ctx.fields.object('behavior');
  if (!behavior || behavior.profile === undefined || behavior.profile === FAILED) return undefined;
  const mixed = ['minAvailable', 'maxUnavailable'].filter((k) => ctx.fields.entry[k] !== undefined);
  if (mixed.length > 0) ctx.fields.error('behavior.profile', `give the profile or ${mixed.join('/')}, not both (a profile is a whole preset)`);
  return preset(ctx.fields, 'behavior.profile', 'pdb', PDB_PROFILES, behavior.profile) ?? {};
}

const PDB_SHORTHANDS = ['minAvailable', 'maxUnavailable', 'selector', 'behavior'];

export const pdb: KindSpec = {
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', fields: ['spec', ...PDB_SHORTHANDS],
  build(ctx) {
    const f = ctx.fields;
    const raw = rawSpec(ctx, PDB_SHORTHANDS);
    if (raw || f.entry.spec !== undefined) return { spec: raw ?? {} };
    const spec: Rec = {};
    const fromProfile = pdbPreset(ctx);
    const min = fromProfile ? (fromProfile.minAvailable === undefined ? undefined : count(ctx, 'minAvailable', fromProfile.minAvailable)) : count(ctx, 'minAvailable');
    const max = fromProfile ? (fromProfile.maxUnavailable === undefined ? undefined : count(ctx, 'maxUnavailable', fromProfile.maxUnavailable)) : count(ctx, 'maxUnavailable');
    if (min !== undefined && max !== undefined) f.error('maxUnavailable', 'give minAvailable or maxUnavailable, not both');
    if (min !== undefined) spec.minAvailable = min;
    else if (max !== undefined) spec.maxUnavailable = max;
    else if (!fromProfile) f.error('minAvailable', 'required: minAvailable, maxUnavailable or behavior.profile');
    spec.selector = { matchLabels: { ...f.textMap('selector'), ...ownerSelector(ctx.crName) } };
    return { spec };
  },
};
