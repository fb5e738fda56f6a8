// The Available condition (entries with `operatorBox.status.conditions: true`): whether every
// Deployment and StatefulSet child reports as many ready replicas as it asks for, for its
// current generation. Read from the children's own status; pure.
import type { KubeObject } from '../../shared/kube/index.js';
import { AVAILABLE } from './conditions.js';
import { describeRef, refOf } from './refs.js';
import type { Outcome } from './status.js';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

/** `workloads` are the live (or just applied) children; others are ignored. */
export function availability(children: readonly KubeObject[]): Outcome {
  const waiting: string[] = [];
  let count = 0;
  for (const child of children) {
    if (child.apiVersion !== 'apps/v1' || !WORKLOAD_KINDS.has(child.kind)) continue;
    count++;
    const spec = (child.spec ?? {}) as { replicas?: number };
    const status = (child.status ?? {}) as { observedGeneration?: number; readyReplicas?: number; availableReplicas?: number };
    const want = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const ready = (child.kind === 'Deployment' ? status.availableReplicas : status.readyReplicas) ?? 0;
    const current = child.metadata.generation === undefined || (status.observedGeneration ?? 0) >= child.metadata.generation;
    if (!current) waiting.push(`${describeRef(refOf(child))}: update not yet observed`);
    else if (ready < want) waiting.push(`${describeRef(refOf(child))}: ${ready}/${want} ready`);
  }
  if (count === 0) return { type: AVAILABLE, status: 'True', reason: 'NoWorkloads', message: 'this CR has no Deployment or StatefulSet' };
  if (waiting.length === 0) return { type: AVAILABLE, status: 'True', reason: 'WorkloadsAvailable', message: `${count === 1 ? '1 workload' : `${count} workloads`} ready` };
  return { type: AVAILABLE, status: 'False', reason: 'WorkloadsNotReady', message: waiting.join('; ') };
}
