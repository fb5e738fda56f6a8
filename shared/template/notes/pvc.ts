// PersistentVolumeClaim notes: phase, requested size, class and access modes from the claim
// itself, and what upstream's enrichment embeds: the bound PV under `_pv` (`enrich: [pvc]`) and
// the StorageClass under `_storageClass` (`enrich: [storageclass]`).
import type { FuncDef } from '../func-def.js';
import { dig, embeddedMap, joinTexts, list, section, text } from './kube-object.js';
import { note, type DocLine } from './note.js';

const pvc = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('PVC', name, [1, 1], doc, (a) => call(a[0]));

const phase = (obj: unknown): string => text(section(obj, 'status').phase);

/** A field of the bound PV; upstream answers "Unbound" whenever `_pv` is absent. */
function boundPV(obj: unknown, path: readonly string[]): string {
  const pv = embeddedMap(obj, '_pv');
  return pv ? text(dig(pv, path)) : 'Unbound';
}

/** reclaimPolicy sits at the top of a StorageClass; upstream's reference names spec.reclaimPolicy, so both are read. */
function reclaimPolicy(obj: unknown): string {
  const sc = embeddedMap(obj, '_storageClass');
  return text(sc?.reclaimPolicy) || text(dig(sc, ['spec', 'reclaimPolicy']));
}

export const PVC_NOTES: FuncDef[] = [
  pvc('pvcBound', ['pvcBound OBJ', 'Whether status.phase is Bound.', '{{ pvcBound .children.pvc }}'], (o) => phase(o) === 'Bound'),
  pvc('pvcPhase', ['pvcPhase OBJ', 'status.phase (Bound, Pending, Released, Lost); "" before it is set.', '{{ pvcPhase .children.pvc }}'], phase),
  pvc('pvcCapacity', ['pvcCapacity OBJ', 'spec.resources.requests.storage, or "".', '{{ pvcCapacity .children.pvc }}'], (o) => text(dig(o, ['spec', 'resources', 'requests', 'storage']))),
  pvc('pvcStorageClass', ['pvcStorageClass OBJ', 'spec.storageClassName; "" when the cluster default applies.', '{{ pvcStorageClass .children.pvc }}'], (o) => text(section(o, 'spec').storageClassName)),
  pvc('pvcAccessModes', ['pvcAccessModes OBJ', 'spec.accessModes joined with ", ".', '{{ pvcAccessModes .children.pvc }}'], (o) => joinTexts(list(section(o, 'spec').accessModes))),
  pvc('pvcProvisioner', ['pvcProvisioner OBJ', 'The pv.kubernetes.io/provisioned-by annotation of the bound PV in _pv; "Unbound" when _pv is absent.', '{{ pvcProvisioner .children.pvc }}'], (o) => boundPV(o, ['metadata', 'annotations', 'pv.kubernetes.io/provisioned-by'])),
  pvc('pvcVolumeMode', ['pvcVolumeMode OBJ', 'spec.volumeMode of the bound PV in _pv (Filesystem or Block); "Unbound" when _pv is absent.', '{{ pvcVolumeMode .children.pvc }}'], (o) => boundPV(o, ['spec', 'volumeMode'])),
  pvc('pvcStorageClassProvisioner', ['pvcStorageClassProvisioner OBJ', 'The provisioner of the StorageClass in _storageClass, or "".', '{{ pvcStorageClassProvisioner .children.pvc }}'], (o) => text(embeddedMap(o, '_storageClass')?.provisioner)),
  pvc('pvcStorageClassReclaimPolicy', ['pvcStorageClassReclaimPolicy OBJ', 'The reclaimPolicy (Delete or Retain) of the StorageClass in _storageClass, or "".', '{{ pvcStorageClassReclaimPolicy .children.pvc }}'], reclaimPolicy),
];
