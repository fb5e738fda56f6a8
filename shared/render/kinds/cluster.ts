// Namespace, ClusterRole, ClusterRoleBinding, Pod, HorizontalPodAutoscaler, PodDisruptionBudget,
// LimitRange and ResourceQuota. Upstream's named presets (`profile:` on limitRanges and
// resourceQuotas) are refused until the built-in profiles exist here; their raw forms work.
import { ownerSelector } from '../ownership.js';
import type { KindContext, KindSpec } from './kind.js';
import { buildPodSpec, CONTAINER_FIELDS } from './pods.js';
import { rawSpec } from './raw.js';
import { role, roleBinding } from './rbac.js';

export const namespace: KindSpec = { apiVersion: 'v1', kind: 'Namespace', fields: [], build: () => ({}) };
export const clusterRole: KindSpec = { ...role, kind: 'ClusterRole' };
export const clusterRoleBinding: KindSpec = { ...roleBinding, kind: 'ClusterRoleBinding' };

export const pod: KindSpec = {
  apiVersion: 'v1', kind: 'Pod', fields: ['spec', ...CONTAINER_FIELDS],
  build(ctx) {
    const raw = rawSpec(ctx, CONTAINER_FIELDS);
    if (raw || ctx.fields.entry.spec !== undefined) return { spec: raw ?? {} };
    return { spec: buildPodSpec(ctx) };
  },
};

function count(ctx: KindContext, key: string): number | string | undefined {
  const v = ctx.fields.entry[key];
  if (typeof v === 'string' && /^\d+%$/.test(v)) return v;
  return ctx.fields.int(key, 0, 1_000_000);
}

export const hpa: KindSpec = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers',
  fields: ['spec', 'scaleTargetRef', 'minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage', 'behavior'],
  build(ctx) {
    const f = ctx.fields;
    const raw = rawSpec(ctx, ['scaleTargetRef', 'minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage', 'behavior']);
    if (raw || f.entry.spec !== undefined) return { spec: raw ?? {} };
    const target = f.object('scaleTargetRef', true, ': {apiVersion, kind, name} of the workload to scale');
    const spec: Record<string, unknown> = {
      scaleTargetRef: target ? structuredClone(target) : {},
      minReplicas: f.int('minReplicas', 1, 1_000_000) ?? 1,
      maxReplicas: f.int('maxReplicas', 1, 1_000_000, true),
    };
    const cpu = f.int('targetCPUUtilizationPercentage', 1, 100);
    if (cpu) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
    const behavior = f.object('behavior');
    if (behavior && 'profile' in behavior) f.error('behavior.profile', 'not supported yet (upstream scaling profiles); give scaleUp/scaleDown');
    else if (behavior) spec.behavior = structuredClone(behavior);
    return { spec };
  },
};

export const pdb: KindSpec = {
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', fields: ['spec', 'minAvailable', 'maxUnavailable', 'selector'],
  build(ctx) {
    const f = ctx.fields;
    const raw = rawSpec(ctx, ['minAvailable', 'maxUnavailable', 'selector']);
    if (raw || f.entry.spec !== undefined) return { spec: raw ?? {} };
    const spec: Record<string, unknown> = {};
    const min = count(ctx, 'minAvailable');
    const max = count(ctx, 'maxUnavailable');
    if (min !== undefined && max !== undefined) f.error('maxUnavailable', 'give minAvailable or maxUnavailable, not both');
    if (min !== undefined) spec.minAvailable = min;
    else if (max !== undefined) spec.maxUnavailable = max;
    else f.error('minAvailable', 'required: minAvailable or maxUnavailable');
    spec.selector = { matchLabels: { ...f.textMap('selector'), ...ownerSelector(ctx.crName) } };
    return { spec };
  },
};

function profiled(kind: string, body: string): KindSpec {
  return {
    apiVersion: 'v1', kind, fields: ['spec', 'profile'],
    build(ctx) {
      if (ctx.fields.has('profile')) ctx.fields.error('profile', `not supported yet (upstream's built-in ${kind} presets); give the ${body} in spec`);
      return { spec: structuredClone(ctx.fields.object('spec', !ctx.fields.has('profile')) ?? {}) };
    },
  };
}

export const limitRange = profiled('LimitRange', 'limits');
export const resourceQuota = profiled('ResourceQuota', 'hard limits');
