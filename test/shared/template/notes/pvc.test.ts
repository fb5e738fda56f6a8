// The pvc domain: a claim's own fields, and the `_pv` / `_storageClass` upstream's enrichment embeds.
import { PVC_NOTES } from '../../../../shared/template/notes/pvc.js';
import { cr } from './fixtures.js';
import { fails, noteTable } from './note-table.js';

const pvc = {
  spec: { storageClassName: 'fast', accessModes: ['ReadWriteOnce', '', 'ReadOnlyMany'], resources: { requests: { storage: '10Gi' } } },
  status: { phase: 'Bound' },
  _pv: { metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'ebs.csi.aws.com' } }, spec: { volumeMode: 'Block' } },
  _storageClass: { provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain' },
};
const pending = { spec: {}, status: { phase: 'Pending' } };
const data = { ...cr, children: { ...cr.children, pvc, pending } };
const P = '.children.pvc';
const Q = '.children.pending';
const arityErr = (name: string) => fails(`wrong number of arguments for "${name}": want 1, got 0`);

noteTable('PVC', PVC_NOTES, {
  pvcBound: [[`{{ pvcBound ${P} }}`, 'true'], [`{{ pvcBound ${Q} }}`, 'false'], ['{{ pvcBound nil }}', 'false'], ['{{ pvcBound }}', arityErr('pvcBound')]],
  pvcPhase: [[`{{ pvcPhase ${P} }}`, 'Bound'], [`{{ pvcPhase ${Q} }}`, 'Pending'], ['[{{ pvcPhase .children.job }}]', '[]'], ['{{ pvcPhase }}', arityErr('pvcPhase')]],
  pvcCapacity: [[`{{ pvcCapacity ${P} }}`, '10Gi'], [`[{{ pvcCapacity ${Q} }}]`, '[]'], ['[{{ pvcCapacity .x }}]', '[]', { x: { spec: { resources: { requests: { storage: 10 } } } } }], ['{{ pvcCapacity }}', arityErr('pvcCapacity')]],
  pvcStorageClass: [[`{{ pvcStorageClass ${P} }}`, 'fast'], [`[{{ pvcStorageClass ${Q} }}]`, '[]'], ['[{{ pvcStorageClass nil }}]', '[]'], ['{{ pvcStorageClass }}', arityErr('pvcStorageClass')]],
  pvcAccessModes: [[`{{ pvcAccessModes ${P} }}`, 'ReadWriteOnce, ReadOnlyMany'], [`[{{ pvcAccessModes ${Q} }}]`, '[]'], ['[{{ pvcAccessModes "x" }}]', '[]'], ['{{ pvcAccessModes }}', arityErr('pvcAccessModes')]],
  pvcProvisioner: [[`{{ pvcProvisioner ${P} }}`, 'ebs.csi.aws.com'], [`{{ pvcProvisioner ${Q} }}`, 'Unbound'], ['[{{ pvcProvisioner .x }}]', '[]', { x: { _pv: {} } }], ['{{ pvcProvisioner }}', arityErr('pvcProvisioner')]],
  pvcVolumeMode: [[`{{ pvcVolumeMode ${P} }}`, 'Block'], [`{{ pvcVolumeMode ${Q} }}`, 'Unbound'], ['{{ pvcVolumeMode nil }}', 'Unbound'], ['{{ pvcVolumeMode }}', arityErr('pvcVolumeMode')]],
  pvcStorageClassProvisioner: [[`{{ pvcStorageClassProvisioner ${P} }}`, 'ebs.csi.aws.com'], [`[{{ pvcStorageClassProvisioner ${Q} }}]`, '[]'], ['[{{ pvcStorageClassProvisioner nil }}]', '[]'], ['{{ pvcStorageClassProvisioner }}', arityErr('pvcStorageClassProvisioner')]],
  pvcStorageClassReclaimPolicy: [
    [`{{ pvcStorageClassReclaimPolicy ${P} }}`, 'Retain'],
    ['{{ pvcStorageClassReclaimPolicy .x }}', 'Delete', { x: { _storageClass: { spec: { reclaimPolicy: 'Delete' } } } }],
    [`[{{ pvcStorageClassReclaimPolicy ${Q} }}]`, '[]'],
    ['{{ pvcStorageClassReclaimPolicy }}', arityErr('pvcStorageClassReclaimPolicy')],
  ],
}, data);
