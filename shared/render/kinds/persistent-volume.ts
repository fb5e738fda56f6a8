// PersistentVolume from upstream's shorthand (cluster-scoped; upstream requires `name`, Orkestra
// defaults it to `<cr>-pv`): capacity (required), accessModes (ReadWriteOnce), reclaimPolicy
// (Retain), storageClassName, and a source: hostPath, or csiDriver with csiVolumeHandle. A raw
// spec works too (Orkestra-only), not mixed with the shorthands.
import type { KindContext, KindSpec } from './kind.js';
import { rawSpec } from './raw.js';

const PV_SHORTHANDS = ['capacity', 'accessModes', 'reclaimPolicy', 'storageClassName', 'hostPath', 'csiDriver', 'csiVolumeHandle'] as const;

function pvSpec(ctx: KindContext): Record<string, unknown> {
  const f = ctx.fields;
  const spec: Record<string, unknown> = {};
  const capacity = f.entry.capacity;
  if (typeof capacity === 'number' || (typeof capacity === 'string' && capacity !== '')) spec.capacity = { storage: String(capacity) };
  else f.error('capacity', 'required: a quantity such as 10Gi (or give a raw spec)');
  const modes = f.textList('accessModes');
  spec.accessModes = modes && modes.length > 0 ? modes : ['ReadWriteOnce'];
  spec.persistentVolumeReclaimPolicy = f.oneOf('reclaimPolicy', ['Retain', 'Delete', 'Recycle']) ?? 'Retain';
  const className = f.text('storageClassName');
  if (className) spec.storageClassName = className;
  const hostPath = f.text('hostPath');
  const driver = f.text('csiDriver');
  if (hostPath && driver) f.error('csiDriver', 'give hostPath or csiDriver, not both');
  if (hostPath) spec.hostPath = { path: hostPath };
  else if (driver) spec.csi = { driver, volumeHandle: f.text('csiVolumeHandle', true, ': the volume id for the CSI driver') };
  else f.error('hostPath', 'required: hostPath, or csiDriver with csiVolumeHandle (or give a raw spec)');
  return spec;
}

export const persistentVolume: KindSpec = {
  apiVersion: 'v1', kind: 'PersistentVolume', fields: ['spec', ...PV_SHORTHANDS],
  build(ctx) {
    const raw = rawSpec(ctx, PV_SHORTHANDS);
    if (raw || ctx.fields.entry.spec !== undefined) return { spec: raw ?? {} };
    return { spec: pvSpec(ctx) };
  },
};
