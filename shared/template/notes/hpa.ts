// HorizontalPodAutoscaler notes: replica bounds and counts, the ScalingActive / AbleToScale /
// ScalingLimited conditions, and what upstream's `enrich: [hpa]` embeds (`_scaleTarget`,
// `_currentMetrics`). Counts read like upstream's toInt64; absent fields give 0 (min gives 1).
import type { FuncDef } from '../func-def.js';
import { asMap, condition, embedded, embeddedMap, joinTexts, section, text, toInt64 } from './kube-object.js';
import { note, type DocLine } from './note.js';

const hpa = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('HPA', name, [1, 1], doc, (a) => call(a[0]));

const current = (obj: unknown): number => toInt64(section(obj, 'status').currentReplicas);
const desired = (obj: unknown): number => toInt64(section(obj, 'status').desiredReplicas);
const max = (obj: unknown): number => toInt64(section(obj, 'spec').maxReplicas);
const conditionTrue = (type: string) => (obj: unknown): boolean => condition(obj, type)?.status === 'True';

function min(obj: unknown): number {
  const v = toInt64(section(obj, 'spec').minReplicas);
  return v === 0 ? 1 : v;
}

/** A real scale in progress: the metric is readable and the counts differ (upstream's reference). */
function scaling(obj: unknown): boolean {
  return conditionTrue('ScalingActive')(obj) && current(obj) !== desired(obj);
}

function atMax(obj: unknown): boolean {
  const m = max(obj);
  return m !== 0 && current(obj) >= m;
}

export const HPA_NOTES: FuncDef[] = [
  hpa('hpaCurrentReplicas', ['hpaCurrentReplicas OBJ', 'status.currentReplicas; 0 when absent.', '{{ hpaCurrentReplicas .children.hpa }}'], current),
  hpa('hpaDesiredReplicas', ['hpaDesiredReplicas OBJ', 'status.desiredReplicas; 0 when absent.', '{{ hpaDesiredReplicas .children.hpa }}'], desired),
  hpa('hpaMinReplicas', ['hpaMinReplicas OBJ', 'spec.minReplicas; 1 when unset or 0 (the Kubernetes default).', '{{ hpaMinReplicas .children.hpa }}'], min),
  hpa('hpaMaxReplicas', ['hpaMaxReplicas OBJ', 'spec.maxReplicas; 0 when absent.', '{{ hpaMaxReplicas .children.hpa }}'], max),
  hpa('hpaScaling', ['hpaScaling OBJ', 'Whether ScalingActive is True and currentReplicas differs from desiredReplicas.', '{{ hpaScaling .children.hpa }}'], scaling),
  hpa('hpaScalingActive', ['hpaScalingActive OBJ', 'Whether the ScalingActive condition is True (the metric can be read).', '{{ hpaScalingActive .children.hpa }}'], conditionTrue('ScalingActive')),
  hpa('hpaAbleToScale', ['hpaAbleToScale OBJ', 'Whether the AbleToScale condition is True (the scale target is reachable).', '{{ hpaAbleToScale .children.hpa }}'], conditionTrue('AbleToScale')),
  hpa('hpaScalingLimited', ['hpaScalingLimited OBJ', 'Whether the ScalingLimited condition is True (clamped by min or max).', '{{ hpaScalingLimited .children.hpa }}'], conditionTrue('ScalingLimited')),
  hpa('hpaAtMax', ['hpaAtMax OBJ', 'Whether currentReplicas has reached a set maxReplicas.', '{{ hpaAtMax .children.hpa }}'], atMax),
  hpa('hpaScaleTargetName', ['hpaScaleTargetName OBJ', '_scaleTarget.name (enrich: [hpa]), or "".', '{{ hpaScaleTargetName .children.hpa }}'], (o) => text(embeddedMap(o, '_scaleTarget')?.name)),
  hpa('hpaScaleTargetKind', ['hpaScaleTargetKind OBJ', '_scaleTarget.kind (enrich: [hpa]), or "".', '{{ hpaScaleTargetKind .children.hpa }}'], (o) => text(embeddedMap(o, '_scaleTarget')?.kind)),
  hpa('hpaMetricTypes', ['hpaMetricTypes OBJ', 'The type of each entry of _currentMetrics (enrich: [hpa]), joined with ", ".', '{{ hpaMetricTypes .children.hpa }}'], (o) => joinTexts(embedded(o, '_currentMetrics').map((m) => asMap(m)?.type))),
];
