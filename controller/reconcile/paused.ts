// The Ready outcome of a reconcile a child's `sleep` stopped (shared/render/pause.ts): not a
// failure — the CR is on its way, the children after the sleeping one follow once the pause is
// over (the CR is re-queued after it). Reported as Ready=False, reason Sleeping, with a Normal
// Event (events.ts), so `kubectl get` shows why the rest is not there yet. Pure.
import { READY, READY_REASONS } from './conditions.js';
import { describeAction, type Executed } from './execute.js';
import type { ChildAction } from './plan.js';
import type { Outcome } from './status.js';

/** Ready for a paused plan: `reached` unless the plan stopped at a pause with nothing else wrong. */
export function pacedOutcome(reached: Outcome, paused: Executed['paused'], actions: readonly ChildAction[]): Outcome {
  if (!paused || reached.status !== 'True') return reached;
  const at = actions.indexOf(paused.action);
  const waiting = actions.slice(at + 1).filter((a) => a.type === 'apply' || a.type === 'create' || a.type === 'prune').length;
  const rest = waiting === 0 ? 'nothing else to do' : `${waiting === 1 ? '1 more change' : `${waiting} more changes`} then`;
  return { type: READY, status: 'False', reason: READY_REASONS.sleeping, message: `pausing ${seconds(paused.total)} after writing ${describeAction(paused.action)} (its sleep); ${rest}` };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
