// Deployment, StatefulSet and ReplicaSet from the shorthands, shaped as upstream builds them: the
// selector is the owner label alone (`orkestra-owner: <cr>`, so a Deployment the Go runtime made
// can be adopted: a selector cannot change), replicas always set (default 1), one container named
// after the object, pods labelled with the object's labels.
import { OWNER_LABEL } from '../../katalog/types.js';
import { ownerSelector } from '../ownership.js';
import type { KindContext, KindSpec } from './kind.js';
import { buildPodTemplate, PROBED_CONTAINER_FIELDS } from './pods.js';
import { rawSpec } from './raw.js';
import { rollingUpdate } from './rolling-update.js';
import { volumeClaimTemplates } from './volume-claims.js';

const SHORTHANDS = [...PROBED_CONTAINER_FIELDS, 'replicas', 'rollingUpdate', 'autoscale'] as const;
const STATEFUL_SHORTHANDS = [...SHORTHANDS, 'serviceName', 'tag', 'volumeClaimTemplates'] as const;

function replicas(ctx: KindContext): number {
  return ctx.fields.int('replicas', 0, 1_000_000) ?? 1;
}

function guard(ctx: KindContext, shorthands: readonly string[], build: () => Record<string, unknown>): Record<string, unknown> {
  const raw = rawSpec(ctx, shorthands);
  if (raw) return { spec: withSelector(raw, ctx.crName) };
  if (ctx.fields.entry.spec !== undefined) return { spec: {} };
  return { spec: build() };
}


function deploymentSpec(ctx: KindContext): Record<string, unknown> {
  const spec: Record<string, unknown> = { replicas: replicas(ctx), selector: { matchLabels: ownerSelector(ctx.crName) } };
  const strategy = rollingUpdate(ctx);
  if (strategy) spec.strategy = { type: 'RollingUpdate', rollingUpdate: strategy };
  spec.template = buildPodTemplate(ctx);
  return spec;
}

function statefulSetSpec(ctx: KindContext): Record<string, unknown> {
  const tag = ctx.fields.text('tag');
  const spec: Record<string, unknown> = {
    replicas: replicas(ctx),
    // Upstream: the governing Service defaults to the StatefulSet's own name.
    serviceName: ctx.fields.text('serviceName') || ctx.name,
    selector: { matchLabels: ownerSelector(ctx.crName) },
    podManagementPolicy: 'Parallel',
  };
  const strategy = rollingUpdate(ctx, true);
  spec.updateStrategy = strategy ? { type: 'RollingUpdate', rollingUpdate: strategy } : { type: 'OnDelete' };
  const template = buildPodTemplate(ctx);
  const podSpec = template.spec as { containers: Record<string, unknown>[] };
  const container = podSpec.containers[0]!;
  if (tag && typeof container.image === 'string') container.image = `${container.image}:${tag}`;
  const claims = volumeClaimTemplates(ctx);
  if (claims) {
    container.volumeMounts = [...claims.mounts, ...((container.volumeMounts as unknown[] | undefined) ?? [])];
    spec.volumeClaimTemplates = claims.templates;
  }
  spec.template = template;
  return spec;
}

/**
 * A raw workload spec keeps its own selector if it has one; without one it gets the owner
 * selector. Either way the pod labels carry the owner, so the selector and Services find the pods.
 */
function withSelector(spec: Record<string, unknown>, crName: string): Record<string, unknown> {
  if (spec.selector === undefined) spec.selector = { matchLabels: ownerSelector(crName) };
  const template = spec.template;
  if (template !== null && typeof template === 'object' && !Array.isArray(template)) {
    const t = template as Record<string, unknown>;
    const meta = (t.metadata !== null && typeof t.metadata === 'object' ? t.metadata : {}) as Record<string, unknown>;
    const labels = (meta.labels !== null && typeof meta.labels === 'object' ? meta.labels : {}) as Record<string, unknown>;
    t.metadata = { ...meta, labels: { ...labels, [OWNER_LABEL]: crName } };
  }
  return spec;
}

export const deployment: KindSpec = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  fields: ['spec', ...SHORTHANDS],
  workload: true,
  build: (ctx) => guard(ctx, SHORTHANDS, () => deploymentSpec(ctx)),
};

export const statefulSet: KindSpec = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  fields: ['spec', ...STATEFUL_SHORTHANDS],
  workload: true,
  build: (ctx) => guard(ctx, STATEFUL_SHORTHANDS, () => statefulSetSpec(ctx)),
};

export const replicaSet: KindSpec = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  fields: ['spec', ...SHORTHANDS],
  workload: true,
  build: (ctx) => guard(ctx, SHORTHANDS, () => ({ replicas: replicas(ctx), selector: { matchLabels: ownerSelector(ctx.crName) }, template: buildPodTemplate(ctx) })),
};
