// StatefulSet and ReplicaSet notes: rollout revisions of a StatefulSet and what upstream's
// enrichment embeds: `_pvcs` (`enrich: [pvcs]`), a ReplicaSet's controller under `_owner`
// (`enrich: [owner]`) and a Deployment's ReplicaSets under `_replicaSets` (`enrich: [replicasets]`).
import type { FuncDef } from '../func-def.js';
import { asMap, embedded, embeddedMap, joinTexts, section, text } from './kube-object.js';
import { note, type DocLine } from './note.js';

const one = (domain: string) => (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note(domain, name, [1, 1], doc, (a) => call(a[0]));
const sts = one('StatefulSet');
const rs = one('ReplicaSet');

const rsName = (r: unknown): unknown => asMap(asMap(r)?.metadata)?.name;

/** ReplicaSets other than status.currentReplicaSet; none until that field is set, as upstream. */
function oldReplicaSets(obj: unknown): string {
  const currentName = text(section(obj, 'status').currentReplicaSet);
  if (currentName === '') return '';
  return joinTexts(embedded(obj, '_replicaSets').map(rsName).filter((n) => n !== currentName));
}

export const STATEFULSET_NOTES: FuncDef[] = [
  sts('statefulSetCurrentRevision', ['statefulSetCurrentRevision OBJ', 'status.currentRevision (the revision the running pods have), or "".', '{{ statefulSetCurrentRevision .children.statefulset }}'], (o) => text(section(o, 'status').currentRevision)),
  sts('statefulSetUpdateRevision', ['statefulSetUpdateRevision OBJ', 'status.updateRevision (equal to currentRevision once the rollout is done), or "".', '{{ statefulSetUpdateRevision .children.statefulset }}'], (o) => text(section(o, 'status').updateRevision)),
  sts('statefulSetPVCCount', ['statefulSetPVCCount OBJ', 'How many PVCs _pvcs holds (enrich: [pvcs]); 0 without enrichment.', '{{ statefulSetPVCCount .children.statefulset }}'], (o) => embedded(o, '_pvcs').length),
];

export const REPLICASET_NOTES: FuncDef[] = [
  rs('replicaSetOwnerName', ['replicaSetOwnerName OBJ', '_owner.name: the controller of a ReplicaSet (enrich: [owner]), or "".', '{{ replicaSetOwnerName .children.replicaset }}'], (o) => text(embeddedMap(o, '_owner')?.name)),
  rs('replicaSetOwnerKind', ['replicaSetOwnerKind OBJ', '_owner.kind (enrich: [owner]), or "".', '{{ replicaSetOwnerKind .children.replicaset }}'], (o) => text(embeddedMap(o, '_owner')?.kind)),
  rs('deploymentReplicaSetCount', ['deploymentReplicaSetCount OBJ', 'How many ReplicaSets _replicaSets holds, scaled-to-zero ones included (enrich: [replicasets]).', '{{ deploymentReplicaSetCount .children.deployment }}'], (o) => embedded(o, '_replicaSets').length),
  rs('deploymentReplicaSets', ['deploymentReplicaSets OBJ', 'The names of the ReplicaSets in _replicaSets, joined with ", ".', '{{ deploymentReplicaSets .children.deployment }}'], (o) => joinTexts(embedded(o, '_replicaSets').map(rsName))),
  rs('oldDeploymentReplicaSets', ['oldDeploymentReplicaSets OBJ', 'The names in _replicaSets other than status.currentReplicaSet, joined with ", "; "" until that is set.', '{{ oldDeploymentReplicaSets .children.deployment }}'], oldReplicaSets),
];
