// Deployment and StatefulSet: a full pod template from the shorthands, with a selector of their
// own (owner + component) so two workloads of one CR never share pods.
import { COMPONENT_LABEL, OWNER_LABEL } from '../../katalog/types.js';
import { selectorLabels } from '../ownership.js';
import type { KindContext, KindSpec } from './kind.js';
import { buildPodTemplate, CONTAINER_FIELDS } from './pods.js';
import { rawSpec } from './raw.js';

const SHORTHANDS = [...CONTAINER_FIELDS, 'replicas'] as const;

function workloadSpec(ctx: KindContext, statefulSet: boolean): Record<string, unknown> {
  const selector = selectorLabels(ctx.crName, ctx.name);
  const shorthands = statefulSet ? [...SHORTHANDS, 'serviceName'] : SHORTHANDS;
  const raw = rawSpec(ctx, shorthands);
  if (raw) return { spec: withSelector(raw, selector) };
  if (ctx.fields.entry.spec !== undefined) return { spec: {} };
  const spec: Record<string, unknown> = {};
  const replicas = ctx.fields.int('replicas', 0, 1_000_000);
  if (replicas !== undefined) spec.replicas = replicas;
  // A StatefulSet needs its governing Service; by default the CR's default Service.
  if (statefulSet) spec.serviceName = ctx.fields.text('serviceName') ?? `${ctx.crName}-svc`;
  spec.selector = { matchLabels: selector };
  // A copy: the output must be a tree (no shared objects) so consumers may edit one part safely.
  spec.template = buildPodTemplate(ctx, { ...selector });
  return { spec };
}

/**
 * A raw workload spec keeps its own selector if it has one; without one it gets ours. Either way
 * the pod labels carry the owner and component, so owner-wide Services still find the pods.
 */
function withSelector(spec: Record<string, unknown>, selector: Record<string, string>): Record<string, unknown> {
  if (spec.selector === undefined) spec.selector = { matchLabels: selector };
  const template = spec.template;
  if (template !== null && typeof template === 'object' && !Array.isArray(template)) {
    const t = template as Record<string, unknown>;
    const meta = (t.metadata !== null && typeof t.metadata === 'object' ? t.metadata : {}) as Record<string, unknown>;
    const labels = (meta.labels !== null && typeof meta.labels === 'object' ? meta.labels : {}) as Record<string, unknown>;
    t.metadata = { ...meta, labels: { ...labels, [COMPONENT_LABEL]: selector[COMPONENT_LABEL], [OWNER_LABEL]: selector[OWNER_LABEL] } };
  }
  return spec;
}

export const deployment: KindSpec = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  fields: ['spec', ...SHORTHANDS],
  workload: true,
  build: (ctx) => workloadSpec(ctx, false),
};

export const statefulSet: KindSpec = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  fields: ['spec', ...SHORTHANDS, 'serviceName'],
  workload: true,
  build: (ctx) => workloadSpec(ctx, true),
};
