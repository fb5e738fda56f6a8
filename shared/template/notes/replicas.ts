// Replica notes for Deployments, StatefulSets and ReplicaSets: desired (spec.replicas, 1 when
// unset as Kubernetes defaults it) against ready/available/updated counts in status.
import type { FuncDef } from '../func-def.js';
import { section, toInt64 } from './kube-object.js';
import { note, type DocLine } from './note.js';

const replica = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('replicas', name, [1, 1], doc, (a) => call(a[0]));

function desired(obj: unknown): number {
  const v = section(obj, 'spec').replicas;
  return v === undefined || v === null ? 1 : toInt64(v);
}

const counted = (key: string) => (obj: unknown): number => toInt64(section(obj, 'status')[key]);
const ready = counted('readyReplicas');
const updated = counted('updatedReplicas');

export const REPLICAS_NOTES: FuncDef[] = [
  replica('desiredReplicas', ['desiredReplicas OBJ', 'spec.replicas; 1 when unset (the Kubernetes default), 0 when scaled to zero.', '{{ desiredReplicas .children.deployment }}'], desired),
  replica('readyReplicas', ['readyReplicas OBJ', 'status.readyReplicas; 0 when absent.', '{{ readyReplicas .children.deployment }}'], ready),
  replica('availableReplicas', ['availableReplicas OBJ', 'status.availableReplicas; 0 when absent.', '{{ availableReplicas .children.deployment }}'], counted('availableReplicas')),
  replica('updatedReplicas', ['updatedReplicas OBJ', 'status.updatedReplicas (pods on the current template); 0 when absent.', '{{ updatedReplicas .children.deployment }}'], updated),
  replica('allReplicasReady', ['allReplicasReady OBJ', 'Whether readyReplicas equals desiredReplicas (true when scaled to zero).', '{{ allReplicasReady .children.deployment }}'], (o) => ready(o) === desired(o)),
  // Upstream's replica reference documents replicasReady as ready == desired (true at zero), as its code's
  // allReplicasReady is; an earlier replicaNotes registered replicasReady as desired > 0 && ready >= desired.
  replica('replicasReady', ['replicasReady OBJ', 'The same as allReplicasReady.', '{{ replicasReady .children.statefulset }}'], (o) => ready(o) === desired(o)),
  replica('rolloutComplete', ['rolloutComplete OBJ', 'Whether updatedReplicas equals desiredReplicas (pods may not be ready yet).', '{{ rolloutComplete .children.deployment }}'], (o) => updated(o) === desired(o)),
];
