// The hpa domain: replica bounds, conditions and the `_scaleTarget` / `_currentMetrics` upstream's
// `enrich: [hpa]` embeds.
import { HPA_NOTES } from '../../../../shared/template/notes/hpa.js';
import { cr } from './fixtures.js';
import { fails, noteTable, typed } from './note-table.js';

const cond = (type: string, status: string) => ({ type, status });
const hpa = {
  spec: { minReplicas: 2, maxReplicas: 5 },
  status: { currentReplicas: 3, desiredReplicas: 5, conditions: [cond('AbleToScale', 'True'), cond('ScalingActive', 'True'), cond('ScalingLimited', 'False')] },
  _scaleTarget: { name: 'web', kind: 'Deployment', apiVersion: 'apps/v1' },
  _currentMetrics: [{ type: 'Resource' }, { type: '' }, { type: 'External' }],
};
const maxed = { spec: { maxReplicas: 4 }, status: { currentReplicas: 4, desiredReplicas: 6, conditions: [cond('ScalingActive', 'False'), cond('ScalingLimited', 'True')] } };
const data = { ...cr, children: { ...cr.children, hpa, maxed } };
const H = '.children.hpa';
const M = '.children.maxed';
const arityErr = (name: string) => fails(`wrong number of arguments for "${name}": want 1, got 0`);

noteTable('HPA', HPA_NOTES, {
  hpaCurrentReplicas: [[`{{ hpaCurrentReplicas ${H} }}`, typed(3)], [`{{ hpaCurrentReplicas ${M} }}`, typed(4)], ['{{ hpaCurrentReplicas nil }}', typed(0)], ['{{ hpaCurrentReplicas }}', arityErr('hpaCurrentReplicas')]],
  hpaDesiredReplicas: [[`{{ hpaDesiredReplicas ${H} }}`, typed(5)], ['{{ hpaDesiredReplicas .x }}', typed(7), { x: { status: { desiredReplicas: '7' } } }], ['{{ hpaDesiredReplicas nil }}', typed(0)], ['{{ hpaDesiredReplicas }}', arityErr('hpaDesiredReplicas')]],
  hpaMinReplicas: [[`{{ hpaMinReplicas ${H} }}`, typed(2)], [`{{ hpaMinReplicas ${M} }}`, typed(1)], ['{{ hpaMinReplicas "x" }}', typed(1)], ['{{ hpaMinReplicas }}', arityErr('hpaMinReplicas')]],
  hpaMaxReplicas: [[`{{ hpaMaxReplicas ${H} }}`, typed(5)], [`{{ hpaMaxReplicas ${M} }}`, typed(4)], ['{{ hpaMaxReplicas nil }}', typed(0)], ['{{ hpaMaxReplicas }}', arityErr('hpaMaxReplicas')]],
  hpaScaling: [[`{{ hpaScaling ${H} }}`, 'true'], [`{{ hpaScaling ${M} }}`, 'false'], ['{{ hpaScaling .x }}', 'false', { x: { status: { currentReplicas: 2, desiredReplicas: 2, conditions: [cond('ScalingActive', 'True')] } } }], ['{{ hpaScaling }}', arityErr('hpaScaling')]],
  hpaScalingActive: [[`{{ hpaScalingActive ${H} }}`, 'true'], [`{{ hpaScalingActive ${M} }}`, 'false'], ['{{ hpaScalingActive nil }}', 'false'], ['{{ hpaScalingActive }}', arityErr('hpaScalingActive')]],
  hpaAbleToScale: [[`{{ hpaAbleToScale ${H} }}`, 'true'], [`{{ hpaAbleToScale ${M} }}`, 'false'], ['{{ hpaAbleToScale .x }}', 'false', { x: { status: { conditions: [cond('AbleToScale', 'true')] } } }], ['{{ hpaAbleToScale }}', arityErr('hpaAbleToScale')]],
  hpaScalingLimited: [[`{{ hpaScalingLimited ${H} }}`, 'false'], [`{{ hpaScalingLimited ${M} }}`, 'true'], ['{{ hpaScalingLimited nil }}', 'false'], ['{{ hpaScalingLimited }}', arityErr('hpaScalingLimited')]],
  hpaAtMax: [[`{{ hpaAtMax ${H} }}`, 'false'], [`{{ hpaAtMax ${M} }}`, 'true'], ['{{ hpaAtMax .x }}', 'false', { x: { status: { currentReplicas: 3 } } }], ['{{ hpaAtMax }}', arityErr('hpaAtMax')]],
  hpaScaleTargetName: [[`{{ hpaScaleTargetName ${H} }}`, 'web'], [`[{{ hpaScaleTargetName ${M} }}]`, '[]'], ['[{{ hpaScaleTargetName nil }}]', '[]'], ['{{ hpaScaleTargetName }}', arityErr('hpaScaleTargetName')]],
  hpaScaleTargetKind: [[`{{ hpaScaleTargetKind ${H} }}`, 'Deployment'], [`[{{ hpaScaleTargetKind ${M} }}]`, '[]'], ['[{{ hpaScaleTargetKind .x }}]', '[]', { x: { _scaleTarget: 'web' } }], ['{{ hpaScaleTargetKind }}', arityErr('hpaScaleTargetKind')]],
  hpaMetricTypes: [[`{{ hpaMetricTypes ${H} }}`, 'Resource, External'], [`[{{ hpaMetricTypes ${M} }}]`, '[]'], ['[{{ hpaMetricTypes nil }}]', '[]'], ['{{ hpaMetricTypes 1 2 }}', fails('wrong number of arguments for "hpaMetricTypes": want 1, got 2')]],
}, data);
