// The statefulset and replicaset domains: revisions of a StatefulSet and the `_pvcs`, `_owner`
// and `_replicaSets` upstream's enrichment embeds.
import { REPLICASET_NOTES, STATEFULSET_NOTES } from '../../../../shared/template/notes/rollout-history.js';
import { cr } from './fixtures.js';
import { fails, noteTable, typed } from './note-table.js';

const statefulset = { status: { currentRevision: 'db-6d8f', updateRevision: 'db-7a2c' }, _pvcs: [{}, {}, {}] };
const rsMeta = (name: string) => ({ metadata: { name } });
const deployment = { status: { currentReplicaSet: 'web-2' }, _replicaSets: [rsMeta('web-1'), rsMeta('web-2'), rsMeta('web-0'), {}] };
const fresh = { status: {}, _replicaSets: [rsMeta('web-1')] };
const replicaset = { _owner: { kind: 'Deployment', name: 'web' } };
const data = { ...cr, children: { ...cr.children, statefulset, deployment, fresh, replicaset } };
const S = '.children.statefulset';
const D = '.children.deployment';
const arityErr = (name: string) => fails(`wrong number of arguments for "${name}": want 1, got 0`);

noteTable('StatefulSet', STATEFULSET_NOTES, {
  statefulSetCurrentRevision: [[`{{ statefulSetCurrentRevision ${S} }}`, 'db-6d8f'], [`[{{ statefulSetCurrentRevision ${D} }}]`, '[]'], ['[{{ statefulSetCurrentRevision nil }}]', '[]'], ['{{ statefulSetCurrentRevision }}', arityErr('statefulSetCurrentRevision')]],
  statefulSetUpdateRevision: [[`{{ statefulSetUpdateRevision ${S} }}`, 'db-7a2c'], [`[{{ statefulSetUpdateRevision ${D} }}]`, '[]'], ['[{{ statefulSetUpdateRevision "x" }}]', '[]'], ['{{ statefulSetUpdateRevision }}', arityErr('statefulSetUpdateRevision')]],
  statefulSetPVCCount: [[`{{ statefulSetPVCCount ${S} }}`, typed(3)], [`{{ statefulSetPVCCount ${D} }}`, typed(0)], ['{{ statefulSetPVCCount nil }}', typed(0)], ['{{ statefulSetPVCCount }}', arityErr('statefulSetPVCCount')]],
}, data);

noteTable('ReplicaSet', REPLICASET_NOTES, {
  replicaSetOwnerName: [['{{ replicaSetOwnerName .children.replicaset }}', 'web'], [`[{{ replicaSetOwnerName ${D} }}]`, '[]'], ['[{{ replicaSetOwnerName nil }}]', '[]'], ['{{ replicaSetOwnerName }}', arityErr('replicaSetOwnerName')]],
  replicaSetOwnerKind: [['{{ replicaSetOwnerKind .children.replicaset }}', 'Deployment'], [`[{{ replicaSetOwnerKind ${D} }}]`, '[]'], ['[{{ replicaSetOwnerKind .x }}]', '[]', { x: { _owner: ['Deployment'] } }], ['{{ replicaSetOwnerKind }}', arityErr('replicaSetOwnerKind')]],
  deploymentReplicaSetCount: [[`{{ deploymentReplicaSetCount ${D} }}`, typed(4)], ['{{ deploymentReplicaSetCount .children.fresh }}', typed(1)], ['{{ deploymentReplicaSetCount nil }}', typed(0)], ['{{ deploymentReplicaSetCount }}', arityErr('deploymentReplicaSetCount')]],
  deploymentReplicaSets: [[`{{ deploymentReplicaSets ${D} }}`, 'web-1, web-2, web-0'], ['{{ deploymentReplicaSets .children.fresh }}', 'web-1'], [`[{{ deploymentReplicaSets ${S} }}]`, '[]'], ['{{ deploymentReplicaSets }}', arityErr('deploymentReplicaSets')]],
  oldDeploymentReplicaSets: [[`{{ oldDeploymentReplicaSets ${D} }}`, 'web-1, web-0'], ['[{{ oldDeploymentReplicaSets .children.fresh }}]', '[]'], ['[{{ oldDeploymentReplicaSets nil }}]', '[]'], ['{{ oldDeploymentReplicaSets 1 2 }}', fails('wrong number of arguments for "oldDeploymentReplicaSets": want 1, got 2')]],
}, data);
