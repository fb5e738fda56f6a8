// The `unique` operator: the field's value is not already claimed by another CR of the kind. The
// controller hands the renderer the kind's other CRs (RenderInput.peers, read from its cache); the
// one created first keeps a value, so only the later claimant fails (ties: the name decides).
// Without peers (admission, `ork template`) it passes, as upstream's does without a lister. Pure.
import type { KubeObject } from './types.js';
import { looseEqual } from './equality.js';
import { getPath, parsePath } from './paths.js';
import { FAILED, evaluateText, type TemplateScope } from './templating.js';

/** Whether `actual` (this CR's value at `field`) is claimed by none of the CRs created before it. */
export function uniqueHolds(field: unknown, actual: unknown, scope: TemplateScope, path: string): boolean {
  if (!scope.peers || actual === undefined || actual === null || actual === '') return true;
  const self = scope.data as KubeObject;
  for (const peer of scope.peers()) {
    if (!claimedFirst(peer, self)) continue;
    const value = fieldOf(field, peer, scope, path);
    if (value !== FAILED && looseEqual(value, actual)) return false;
  }
  return true;
}

/** `peer` was created before `self` (same second: the lower namespace/name), and is not `self`. */
function claimedFirst(peer: KubeObject, self: KubeObject): boolean {
  if (peer.metadata.uid !== undefined && peer.metadata.uid === self.metadata?.uid) return false;
  const a = peer.metadata.creationTimestamp ?? '';
  const b = self.metadata?.creationTimestamp ?? '';
  if (a !== b) return a < b;
  return `${peer.metadata.namespace ?? ''}/${peer.metadata.name}` < `${self.metadata?.namespace ?? ''}/${self.metadata?.name}`;
}

function fieldOf(field: unknown, peer: KubeObject, scope: TemplateScope, path: string): unknown {
  if (typeof field !== 'string') return FAILED;
  // A template is evaluated on the peer; its failure is not this CR's problem, so it is not recorded.
  if (field.includes('{{')) {
    const { notices: _n, ...quiet } = scope;
    return evaluateText(field, { ...quiet, data: peer, problems: { error: () => undefined, warn: () => undefined } as unknown as TemplateScope['problems'] }, path);
  }
  const segments = parsePath(field);
  return segments ? getPath(peer, segments) : FAILED;
}
