// Applies a workload child's autoscale (shared/render/workload-autoscale.ts) to what is applied:
// spec.replicas from the live count, moved by this reconcile's scale event when the cooldown since
// the last one (annotation orkestra.orkspace.io/last-scale-event, RFC 3339, as upstream) has
// passed. The annotation is part of the applied object, so the count and the time travel in one
// write and a controller restart keeps the cooldown. Before the child exists it is created with
// its declared replicas. Pure: time comes in as `now`.
import type { KubeObject } from '../../shared/kube/index.js';
import type { DesiredChild } from '../../shared/render/index.js';
import { scaleTarget } from '../../shared/render/index.js';

export const LAST_SCALE_ANNOTATION = 'orkestra.orkspace.io/last-scale-event';

export function scaleWorkload(child: DesiredChild, live: KubeObject | undefined, now: Date): DesiredChild {
  const scale = child.autoscale;
  if (!scale || !live) return child;
  const liveReplicas = (live.spec as { replicas?: unknown } | undefined)?.replicas;
  const current = typeof liveReplicas === 'number' ? liveReplicas : 1;
  const last = live.metadata.annotations?.[LAST_SCALE_ANNOTATION];
  const since = last === undefined ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(last);
  const cooling = !Number.isNaN(since) && since < scale.cooldownMs;
  const replicas = cooling ? current : scaleTarget(scale, current);
  const stamp = replicas !== current ? now.toISOString().replace(/\.\d{3}Z$/, 'Z') : last;
  const object = structuredClone(child.object);
  object.spec = { ...(object.spec as Record<string, unknown>), replicas };
  if (stamp !== undefined) object.metadata = { ...object.metadata, annotations: { ...object.metadata.annotations, [LAST_SCALE_ANNOTATION]: stamp } };
  return { ...child, object };
}
